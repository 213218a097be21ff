// The explorer's form: the view (cell size, epoch, permutations)
// and every parameter a reviewer may move (land-use carbon coefficients, fuel
// coefficients, E, the ESV class-to-row mapping). Its `value` is an
// ExplorerState; it dispatches "input" only when the state changed, and a
// field that holds no usable number (empty, or ≤ 0 where a positive value is
// needed) is marked invalid and keeps its last valid value, so Framework's
// view() sees valid states only.
// Fields that differ from the published value are marked, with the published
// value beside them.
import {CLASSES, CLASS_LABELS, type LandClass} from "../lib/classes.js";
import type {Study} from "../lib/params.js";
import {DIRECT_CLASSES, PERMUTATION_CHOICES, rowOptions, type ExplorerState} from "../lib/explorer/state.js";

export interface ExplorerControlsOptions {
  document?: Document;
  /** the published state (reset target, "changed" marks) */
  published: ExplorerState;
  /** the state to show first (e.g. decoded from the URL); default published */
  initial?: ExplorerState;
  cellSizes: number[];
  epochs: number[];
}

export type ExplorerForm = HTMLFormElement & {
  value: ExplorerState;
  /** set every field and dispatch "input" */
  setState(state: ExplorerState): void;
};

type Field = {
  el: HTMLInputElement | HTMLSelectElement;
  get(s: ExplorerState): number | string;
  set(s: ExplorerState, v: string): boolean;
  hint?: HTMLElement;
  numeric: boolean;
};

const num = (v: string) => (v.trim() === "" ? NaN : Number(v));

export function ExplorerControls(study: Study, options: ExplorerControlsOptions): ExplorerForm {
  const doc = options.document ?? document;
  const published = options.published;
  let state: ExplorerState = structuredClone(options.initial ?? published);
  const EventCtor = doc.defaultView?.Event ?? Event;
  const fields: Field[] = [];
  let uid = 0;
  const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]) => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.append(...children);
    return el;
  };

  const form = h("form", {class: "atlas-explorer", "aria-label": "Sensitivity explorer parameters"}) as ExplorerForm;
  form.addEventListener("submit", (e) => e.preventDefault());

  function numberField(
    name: string,
    label: string,
    get: (s: ExplorerState) => number,
    set: (s: ExplorerState, v: number) => void,
    opts: {positive?: boolean; step?: string; unit?: string} = {}
  ): HTMLElement {
    const id = `atlas-explorer-${uid++}`;
    const input = h("input", {
      id,
      name,
      type: "number",
      step: opts.step ?? "any",
      inputmode: "decimal",
      value: String(get(state)),
      ...(opts.positive ? {min: "0"} : {})
    }) as HTMLInputElement;
    const hint = h("span", {class: "atlas-explorer-hint"});
    fields.push({
      el: input,
      get,
      set: (s, v) => {
        const n = num(v);
        if (!Number.isFinite(n) || (opts.positive && !(n > 0))) return false;
        set(s, n);
        return true;
      },
      hint,
      numeric: true
    });
    return h("div", {class: "atlas-explorer-field"}, h("label", {for: id}, label), input, hint);
  }

  function selectField(
    name: string,
    label: string,
    choices: {value: string; label: string}[],
    get: (s: ExplorerState) => number | string,
    set: (s: ExplorerState, v: string) => void,
    withHint = false
  ): HTMLElement {
    const id = `atlas-explorer-${uid++}`;
    const select = h("select", {id, name}) as HTMLSelectElement;
    for (const c of choices) select.append(h("option", {value: c.value}, c.label));
    select.value = String(get(state));
    const hint = withHint ? h("span", {class: "atlas-explorer-hint"}) : undefined;
    fields.push({
      el: select,
      get,
      set: (s, v) => {
        set(s, v);
        return true;
      },
      hint,
      numeric: false
    });
    return h(
      "div",
      {class: withHint ? "atlas-explorer-field atlas-explorer-wide" : "atlas-explorer-field"},
      h("label", {for: id}, label),
      select,
      ...(hint ? [hint] : [])
    );
  }

  // ---- view
  form.append(
    h(
      "fieldset",
      {class: "atlas-explorer-view"},
      h("legend", {}, "View"),
      selectField(
        "km",
        "Cell size",
        options.cellSizes.map((k) => ({value: String(k), label: `${k} km`})),
        (s) => s.cellKm,
        (s, v) => (s.cellKm = Number(v))
      ),
      selectField(
        "epoch",
        "Epoch of the maps",
        options.epochs.map((y) => ({value: String(y), label: String(y)})),
        (s) => s.epoch,
        (s, v) => (s.epoch = Number(v))
      ),
      selectField(
        "perms",
        "LISA permutations",
        PERMUTATION_CHOICES.map((p) => ({value: String(p), label: String(p)})),
        (s) => s.perms,
        (s, v) => (s.perms = Number(v))
      )
    )
  );

  // ---- carbon: land use
  const lu = study.carbon.landUse;
  form.append(
    h(
      "fieldset",
      {},
      h("legend", {}, "Land-use carbon coefficients (t C/hm²/yr; negative: a sink)"),
      ...DIRECT_CLASSES.map((c) =>
        numberField(
          `c.${c}`,
          CLASS_LABELS[c],
          (s) => s.landCarbon[c],
          (s, v) => (s.landCarbon[c] = v),
          {unit: lu[c].unit}
        )
      ),
      h("p", {class: "atlas-explorer-note"}, "Construction land has no area coefficient: its emissions are those of energy, below.")
    )
  );

  // ---- carbon: fuels
  const fuels = Object.entries(study.carbon.energy.fuels);
  const fuelRows = fuels.map(([k, f]) =>
    h(
      "div",
      {class: "atlas-explorer-fuel"},
      h("span", {class: "atlas-explorer-fuel-name"}, f.label),
      numberField(
        `sc.${k}`,
        `standard coal (${f.standardCoal.unit})`,
        (s) => s.standardCoal[k],
        (s, v) => (s.standardCoal[k] = v),
        {positive: true}
      ),
      numberField(
        `cc.${k}`,
        `carbon (${f.carbon.unit})`,
        (s) => s.carbonPerCoal[k],
        (s, v) => (s.carbonPerCoal[k] = v),
        {positive: true}
      )
    )
  );
  const fuelDetails = h(
    "details",
    {class: "atlas-explorer-fuels"},
    h("summary", {}, `Fuel coefficients: ${fuels.map(([, f]) => f.label.toLowerCase()).join(", ")}`),
    ...fuelRows
  );
  form.append(
    h(
      "fieldset",
      {},
      h("legend", {}, "Energy (indirect emissions of construction land)"),
      h(
        "p",
        {class: "atlas-explorer-note"},
        `Emission of a fuel = quantity × standard-coal coefficient × carbon coefficient. ${
          study.carbon.energy.electricity.treatment === "exclude" ? "Electricity is not counted (study file)." : ""
        }`
      ),
      fuelDetails
    )
  );

  // ---- ESV
  const mapped = CLASSES.filter((c) => state.rows[c] !== undefined);
  form.append(
    h(
      "fieldset",
      {},
      h("legend", {}, "Ecosystem service value"),
      numberField(
        "E",
        "E, standard equivalent value (yuan/hm²)",
        (s) => s.E,
        (s, v) => (s.E = v),
        {positive: true}
      ),
      ...mapped.map((c: LandClass) =>
        selectField(
          `esv.${c}`,
          `${CLASS_LABELS[c]} as`,
          rowOptions(study, c).map((o) => ({value: o.id, label: o.label})),
          (s) => s.rows[c],
          (s, v) => (s.rows[c] = v),
          true
        )
      ),
      h("p", {class: "atlas-explorer-note"}, "Construction land has no value in the equivalent-factor method.")
    )
  );

  // ---- buttons
  const reset = h("button", {type: "button", class: "atlas-explorer-reset"}, "Reset to the published parameters") as HTMLButtonElement;
  const copy = h("button", {type: "button", class: "atlas-explorer-copy"}, "Copy link to this view") as HTMLButtonElement;
  const copied = h("span", {class: "atlas-explorer-copied", role: "status"});
  const changedCount = h("span", {class: "atlas-explorer-changed-count", role: "status"});
  form.append(h("div", {class: "atlas-explorer-buttons"}, reset, copy, copied, changedCount));
  reset.addEventListener("click", () => form.setState(published));
  copy.addEventListener("click", async () => {
    const view = doc.defaultView;
    try {
      await view?.navigator.clipboard.writeText(view.location.href);
      copied.textContent = "Link copied.";
    } catch {
      copied.textContent = "Copy the address from the address bar: it holds this view.";
    }
  });

  // ---- state
  function mark(): void {
    let n = 0;
    for (const f of fields) {
      const pub = f.get(published);
      const changed = f.get(state) !== pub;
      f.el.classList.toggle("atlas-explorer-changed", changed);
      if (f.hint)
        f.hint.textContent = changed ? `published: ${f.numeric ? String(pub) : optionText(f.el as HTMLSelectElement, String(pub))}` : "";
      if (changed && !["km", "epoch", "perms"].includes(f.el.name)) n++;
    }
    changedCount.textContent = n ? `${n} parameter${n === 1 ? "" : "s"} changed from the published ones.` : "Published parameters.";
    reset.disabled = fields.every((f) => f.get(state) === f.get(published));
  }

  /** The label of a select's option, without the ", published" suffix. */
  function optionText(select: HTMLSelectElement, value: string): string {
    const o = Array.from(select.options).find((x) => x.value === value);
    return (o?.textContent ?? value).replace(/, published$/, "");
  }

  /** The fields' values; a field that holds no usable number keeps its last valid value and is marked invalid. */
  function read(): ExplorerState {
    const next = structuredClone(state);
    for (const f of fields) f.el.setAttribute("aria-invalid", String(!f.set(next, f.el.value)));
    return next;
  }

  form.addEventListener(
    "input",
    (event) => {
      if (event.target === form) return; // our own event
      event.stopPropagation();
      const next = read();
      if (JSON.stringify(next) === JSON.stringify(state)) return;
      state = next;
      mark();
      form.dispatchEvent(new EventCtor("input", {bubbles: true}));
    },
    true
  );
  Object.defineProperty(form, "value", {
    get: () => structuredClone(state),
    set: (s: ExplorerState) => form.setState(s)
  });
  form.setState = (s: ExplorerState) => {
    state = structuredClone(s);
    for (const f of fields) {
      f.el.value = String(f.get(state));
      f.el.setAttribute("aria-invalid", "false");
    }
    mark();
    form.dispatchEvent(new EventCtor("input", {bubbles: true}));
  };
  mark();
  return form;
}
