// The Review page's tables: the claims ledger (each claim the study reports
// beside the value this build computes, with a status badge), the consistency
// checks (each with its figure) and the reproducibility manifest (with a JSON
// download built in the browser). Each returns a <figure> with a caption and
// a CSV download of its rows, like the chart factories.
import {chartFigure, docOf, scrollWrap, type CommonOptions} from "./figure.js";
import {f2, numberFormat, pct, sf2} from "./format.js";
import type {Claim, ClaimStatus} from "../lib/claims.js";
import type {Manifest} from "../../data-loaders/study/manifest.js";
import {htmlTable, type Cell, type Row} from "./html-table.js";

/** A claim as the ledger shows it (a status it does not know is shown as "?"). */
type ClaimRow = Pick<Claim, "id" | "claim" | "reported" | "computed" | "difference" | "tolerance" | "note"> & {
  status: ClaimStatus | string;
};

export interface CheckRow {
  id: string;
  check: string;
  discrepancy: number;
  unit: string;
  tolerance: number;
  ok: boolean;
}

/** Each status: its colour (with a text label and a symbol, so colour is never the only cue), symbol and meaning. */
export const STATUS: Record<ClaimStatus, {color: string; symbol: string; dashed: boolean; meaning: string}> = {
  holds: {
    color: "#1a9850",
    symbol: "✓",
    dashed: false,
    meaning: "the value this build computes agrees with the reported one within the tolerance"
  },
  differs: {color: "#d73027", symbol: "✗", dashed: false, meaning: "the computed value is outside the tolerance of the reported one"},
  calibrated: {
    color: "#8073ac",
    symbol: "◎",
    dashed: false,
    meaning: "agrees, but only because the reconstruction was built to match it: no confirmation of the study"
  },
  "pattern-holds": {
    color: "#1a9850",
    symbol: "✓",
    dashed: true,
    meaning: "a spatial pattern the study reports, measured on the grid, is present"
  },
  "pattern-fails": {color: "#d73027", symbol: "✗", dashed: true, meaning: "the spatial pattern is not present on the grid"},
  inconsistent: {
    color: "#e08214",
    symbol: "⚠",
    dashed: false,
    meaning: "the study's reported numbers contradict each other; no data can make them all hold"
  }
};

export const STATUS_ORDER = Object.keys(STATUS) as ClaimStatus[];

/** A pill with the status's symbol and name. */
export function statusBadge(status: string, options: {document?: Document; label?: string} = {}): HTMLElement {
  const doc = docOf(options);
  const s = STATUS[status as ClaimStatus] ?? {color: "#888888", symbol: "?", dashed: false, meaning: ""};
  const el = doc.createElement("span");
  el.className = `atlas-badge atlas-badge-${status}`;
  el.setAttribute(
    "style",
    `border: 1px ${s.dashed ? "dashed" : "solid"} ${s.color}; background: color-mix(in srgb, ${s.color} 18%, transparent);`
  );
  const sym = doc.createElement("span");
  sym.setAttribute("aria-hidden", "true");
  sym.textContent = `${s.symbol} `;
  el.append(sym, options.label ?? status);
  if (s.meaning) el.title = s.meaning;
  return el;
}

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹"
};

/** 3.4e-13 → "3.4 × 10⁻¹³"; 0 → "0"; 1e-6 → "10⁻⁶". */
export function scientific(v: number, digits = 2): string {
  if (v === 0) return "0";
  if (!Number.isFinite(v)) return String(v);
  const e = Math.floor(Math.log10(Math.abs(v)));
  if (e >= -2 && e < 6) return numberFormat(Math.max(0, digits - 1 - e))(v);
  const m = v / 10 ** e;
  const pow = `10${String(e)
    .split("")
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join("")}`;
  const mant = numberFormat(digits - 1)(m);
  return /^−?1(\.0*)?$/.test(mant) ? (m < 0 ? `−${pow}` : pow) : `${mant} × ${pow}`;
}

/** A reported or computed value as shown in the ledger. */
export function formatValue(v: number | string | null): string {
  if (v === null || v === undefined) return "–";
  return typeof v === "number" ? f2(v) : v;
}

/** A wide table in a box that scrolls sideways and shows it (figure.ts scrollWrap; the class atlas-table-scroll kept for the pages' styles). */
function scroller(doc: Document, el: Element): HTMLElement {
  const frame = scrollWrap(doc, el);
  frame.querySelector(".atlas-scroll")?.classList.add("atlas-table-scroll");
  return frame;
}

export interface ClaimsLedgerOptions extends CommonOptions {
  /** say that the data are a calibrated reconstruction (in the caption) */
  reconstruction?: boolean;
}

/** A difference: 2 decimals, or 2 significant digits when smaller than 0.01 (so that a tiny gap never reads "0.00"). */
export function formatDifference(d: number): string {
  if (d === 0) return "0";
  const s = Math.abs(d) >= 0.01 ? sf2(d) : scientific(d, 2);
  return d > 0 && !s.startsWith("+") ? `+${s}` : s;
}

/** A relative difference in per cent: 1 decimal from 1 %, 2 below; null (not worth showing) under 0.01 %. */
export function formatRelative(r: number): string | null {
  const v = r * 100;
  if (Math.abs(v) < 0.01) return null;
  return `${v < 0 ? "−" : "+"}${numberFormat(Math.abs(v) >= 1 ? 1 : 2)(Math.abs(v))} %`;
}

/** The claims ledger as a table: id, claim, reported, computed, difference, tolerance and status badge, with the note in a row beneath. */
export function ClaimsLedger(claims: readonly ClaimRow[], options: ClaimsLedgerOptions = {}): HTMLElement {
  const doc = docOf(options);
  const head = ["Id", "Claim", "Reported", "Computed", "Difference", "Tolerance", "Status"];
  const kinds = ["id", "claim", "reported", "computed", "difference", "tolerance", "status"];
  // one <tbody> per claim: the claim's row and its note
  const groups = claims.map((c) => {
    const rel = c.difference !== null && typeof c.reported === "number" && c.reported !== 0 ? c.difference / Math.abs(c.reported) : null;
    const relText = rel === null ? null : formatRelative(rel);
    const diff = c.difference === null ? "–" : `${formatDifference(c.difference)}${relText === null ? "" : ` (${relText})`}`;
    const cells: (string | Node)[] = [
      c.id,
      c.claim,
      formatValue(c.reported),
      formatValue(c.computed),
      diff,
      c.tolerance === null ? "–" : `±${pct(c.tolerance)}`,
      statusBadge(c.status, {document: doc})
    ];
    const row: Cell[] = cells.map((v, j) => [v, {class: `atlas-ledger-${kinds[j]}`}]);
    const note: Row[] = c.note
      ? [
          {
            cells: [
              ["", {tag: "td"}],
              [c.note, {colspan: String(head.length - 1), class: "atlas-ledger-note"}]
            ],
            attrs: {class: "atlas-ledger-note-row"}
          }
        ]
      : [];
    return {rows: [row, ...note], attrs: {class: `atlas-claim atlas-claim-${c.status}`, "data-claim": c.id}};
  });
  const t = htmlTable(doc, {
    head,
    groups,
    rowScope: "rowgroup",
    attrs: {class: "atlas-ledger", "aria-label": "Claims ledger: each claim the study reports beside the value this build computes"}
  });
  return chartFigure({
    ...options,
    document: doc,
    kind: "claims-ledger",
    content: scroller(doc, t),
    defaultAriaLabel: "Claims ledger",
    defaultCaption: `Each claim the study reports (reported) beside the value this build computes from its tables, with the ledger's note beneath; difference = computed − reported (in brackets relative to the reported value); tolerance relative.${
      options.reconstruction ? " Computed on the calibrated reconstruction, not on the study's data." : ""
    } Source: study.json (claims), made by src/lib/claims.ts, the code behind "atlas claims --json".`,
    data: claims.map((c) => ({...c})),
    columns: ["id", "claim", "reported", "computed", "difference", "tolerance", "status", "note"],
    defaultFilename: "claims.csv"
  });
}

/** The consistency checks, each with its figure: the largest discrepancy found, its unit and the tolerance. */
export function ChecksTable(checks: readonly CheckRow[], options: CommonOptions = {}): HTMLElement {
  const doc = docOf(options);
  const rows = checks.map((c) => {
    const status = doc.createElement("span");
    status.append(statusBadge(c.ok ? "holds" : "differs", {document: doc, label: c.ok ? "passes" : "fails"}));
    return [c.id, c.check, `${scientific(c.discrepancy)} ${c.unit}`, `${scientific(c.tolerance)} ${c.unit}`, status];
  });
  const t = htmlTable(doc, {
    head: ["Id", "Check", "Largest discrepancy", "Tolerance", "Result"],
    body: rows,
    attrs: {class: "atlas-checks", "aria-label": "Consistency checks of the tables"}
  });
  return chartFigure({
    ...options,
    document: doc,
    kind: "consistency-checks",
    content: scroller(doc, t),
    defaultAriaLabel: "Consistency checks",
    defaultCaption:
      "Do the tables add up? Each check's figure is the largest absolute discrepancy found over every epoch, class, cell size and period it covers. Source: study.json (checks), computed by the pipeline (data-loaders/study/consistency.ts).",
    data: checks.map((c) => ({...c})),
    defaultFilename: "consistency-checks.csv"
  });
}

/** A link that downloads `value` as a JSON file (a data: URL made in the browser). */
export function jsonDownloadLink(value: unknown, filename: string, label: string, options: {document?: Document} = {}): HTMLAnchorElement {
  const doc = docOf(options);
  const a = doc.createElement("a");
  a.href = `data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(value, null, 2) + "\n")}`;
  a.download = filename;
  a.className = "atlas-json-download";
  a.textContent = label;
  return a;
}

/** The manifest: what went in (input hashes, parameter hash, code version) and what came out (output hashes). */
export function ManifestView(m: Manifest, options: CommonOptions = {}): HTMLElement {
  const doc = docOf(options);
  const code = (s: string) => {
    const c = doc.createElement("code");
    c.textContent = s;
    c.className = "atlas-break";
    return c;
  };
  const summary = htmlTable(doc, {
    head: ["Item", "Value"],
    body: [
      ["Study file", code(m.study_file)],
      ["Parameters (sha256 of the validated parameters)", code(m.parameters_sha256)],
      ["Code version (hash of src/lib and data-loaders)", code(m.code_version)],
      ["Package version", code(m.package_version)],
      ["Reconstruction", m.reconstruction ? "yes: the land cover and energy data are a calibrated reconstruction" : "no"]
    ],
    attrs: {class: "atlas-manifest-summary"}
  });
  const files = (title: string, entries: Record<string, string>, open: boolean) => {
    const d = doc.createElement("details");
    if (open) d.open = true;
    const s = doc.createElement("summary");
    s.textContent = `${title} (${Object.keys(entries).length} files, sha256)`;
    d.append(
      s,
      scroller(
        doc,
        htmlTable(doc, {
          head: ["File", "sha256"],
          body: Object.entries(entries).map(([f, h]) => [code(f), code(h)]),
          attrs: {class: "atlas-manifest-files"}
        })
      )
    );
    return d;
  };
  const rows = [
    ...Object.entries(m.inputs).map(([file, sha256]) => ({kind: "input", file, sha256})),
    ...Object.entries(m.outputs).map(([file, sha256]) => ({kind: "output", file, sha256}))
  ];
  const link = jsonDownloadLink(m, "manifest.json", "Download manifest.json", {document: doc});
  const p = doc.createElement("p");
  p.append(link);
  return chartFigure({
    ...options,
    document: doc,
    kind: "manifest",
    content: [scroller(doc, summary), files("Inputs", m.inputs, true), files("Outputs", m.outputs, false), p],
    defaultAriaLabel: "Reproducibility manifest",
    defaultCaption:
      "The reproducibility manifest of this build: sha256 of every input, of the validated parameters and of every output the site serves, and the code version. Two clean builds from the same inputs give the same manifest. Source: data/manifest.json, the output of `atlas manifest --json`.",
    data: rows,
    defaultFilename: "manifest-files.csv"
  });
}

/** Lowercase hex sha256 of some bytes, by the browser's Web Crypto (secure contexts only: https or localhost). */
export async function sha256Hex(bytes: ArrayBuffer, subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle): Promise<string> {
  if (!subtle) throw new Error("Web Crypto is not available here (it needs https or localhost)");
  const digest = await subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface ManifestCheckOptions {
  document?: Document;
  /** the hash function; default sha256Hex with the page's Web Crypto */
  hash?: (bytes: ArrayBuffer) => Promise<string>;
}

/**
 * A button that fetches every output the manifest lists and the page can
 * reach (`files`: output name → its bytes), hashes it in the browser and
 * shows, file by file, whether it is the file the manifest describes.
 */
export function ManifestCheck(
  m: Pick<Manifest, "outputs">,
  files: Record<string, () => Promise<ArrayBuffer>>,
  options: ManifestCheckOptions = {}
): HTMLElement {
  const doc = docOf(options);
  const hash = options.hash ?? ((b: ArrayBuffer) => sha256Hex(b));
  const box = doc.createElement("div");
  box.className = "atlas-manifest-check";
  const button = doc.createElement("button");
  button.type = "button";
  button.textContent = "Check the served files against the manifest";
  const status = doc.createElement("p");
  status.setAttribute("role", "status");
  status.className = "atlas-manifest-check-status";
  const out = doc.createElement("div");
  box.append(button, status, out);
  button.addEventListener("click", async () => {
    button.disabled = true;
    out.replaceChildren();
    const names = Object.keys(m.outputs);
    const rows: (string | Node)[][] = [];
    let same = 0,
      differ = 0,
      unchecked = 0;
    for (const [i, name] of names.entries()) {
      status.textContent = `Hashing ${name} (${i + 1} of ${names.length})…`;
      const get = files[name];
      let verdict: Node | string;
      let got = "–";
      if (!get) {
        unchecked++;
        verdict = "not on this page";
      } else {
        try {
          got = await hash(await get());
          const ok = got === m.outputs[name];
          if (ok) same++;
          else differ++;
          verdict = statusBadge(ok ? "holds" : "differs", {document: doc, label: ok ? "same" : "differs"});
        } catch (error) {
          unchecked++;
          verdict = `not checked: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
      const code = doc.createElement("code");
      code.textContent = got;
      code.className = "atlas-break";
      rows.push([name, code, verdict]);
    }
    status.textContent =
      `${same} of ${names.length} served files are byte for byte the ones the manifest describes` +
      (differ ? `; ${differ} differ: the site serves bytes other than those the manifest describes` : "") +
      (unchecked ? `; ${unchecked} not checked` : "") +
      ".";
    box.dataset.same = String(same);
    box.dataset.differ = String(differ);
    out.append(
      scroller(
        doc,
        htmlTable(doc, {
          head: ["File", "sha256 of the served file", "Against the manifest"],
          body: rows,
          attrs: {class: "atlas-manifest-files"}
        })
      )
    );
    button.disabled = false;
  });
  return box;
}
