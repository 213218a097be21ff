// The common frame of every chart: a <figure> holding the legend(s), the
// chart, a caption saying what it shows and where its numbers came from, and
// a "Download CSV" button that writes the chart's rows (built on click from a
// Blob: no external host, nothing held in the DOM). Also the small helpers the
// factories share: row normalisation, number formats, the document to draw in.
// No d3 here (number formats by Intl, CSV by hand): a page that draws with Plot
// alone (the overview) can use the figure frame without loading d3.

/** Options every factory accepts. */
export interface CommonOptions {
  /** chart width in px (Framework's `resize((width) => …)`); default 640 */
  width?: number;
  /** caption text or node; each factory has a default naming its table */
  caption?: string | Node | null;
  /** accessible name of the chart; each factory has a default */
  ariaLabel?: string;
  /** longer accessible description; each factory has a default */
  ariaDescription?: string;
  /** document to create elements in (jsdom in tests); default globalThis.document */
  document?: Document;
  /** file name of the CSV download (without directory); null hides the button */
  filename?: string | null;
  /** a sentence added after the caption, default or given (e.g. that the numbers come from a reconstruction) */
  note?: string | null;
}

export const DEFAULT_WIDTH = 640;

export function docOf(options: {document?: Document}): Document {
  const doc = options.document ?? (globalThis as {document?: Document}).document;
  if (!doc) throw new Error("chart factories need a DOM: pass {document} when rendering outside a browser");
  return doc;
}

export function widthOf(options: {width?: number}): number {
  const w = options.width;
  return w != null && Number.isFinite(w) && w > 0 ? Math.round(w) : DEFAULT_WIDTH;
}

type Plain = Record<string, unknown>;

/**
 * Rows as plain objects: accepts arrays, Arrow tables (iterables of StructRow)
 * and `table.toArray()` results; BigInt values (Arrow Int64) become numbers.
 */
export function rowsOf<T>(data: Iterable<T> | null | undefined): T[] {
  if (data == null) return [];
  const out: T[] = [];
  for (const row of data as Iterable<unknown>) {
    if (row == null || typeof row !== "object") continue;
    const o: Plain = {...(row as Plain)};
    for (const k in o) if (typeof o[k] === "bigint") o[k] = Number(o[k]);
    out.push(o as T);
  }
  return out;
}

/** The distinct values of `key`, in first-seen order. */
export function distinct<T, K>(rows: readonly T[], key: (d: T) => K): K[] {
  return [...new Set(rows.map(key))];
}

/** Order `present` by `order`, unknown values last in their first-seen order. */
export function ordered<K>(present: readonly K[], order: readonly K[]): K[] {
  const known = order.filter((k) => present.includes(k));
  return [...known, ...present.filter((k) => !order.includes(k))];
}

/**
 * Keep the rows of one value of `key` (e.g. one period, epoch or cell size):
 * `wanted` if given, the only value if there is one, else an error naming the
 * values so that the page author knows which option to pass.
 */
export function selectOne<T, K>(
  rows: T[],
  key: (d: T) => K,
  wanted: K | undefined,
  what: string,
  chart: string
): {rows: T[]; value: K | undefined} {
  const values = distinct(rows, key);
  if (wanted !== undefined && wanted !== null) {
    const kept = rows.filter((d) => key(d) == wanted);
    if (!kept.length) throw new Error(`${chart}: no rows for ${what} ${String(wanted)} (present: ${values.join(", ")})`);
    return {rows: kept, value: wanted};
  }
  if (values.length > 1) throw new Error(`${chart}: rows hold several values of ${what} (${values.join(", ")}); pass {${what}: …}`);
  return {rows, value: values[0]};
}

// ------------------------------------------------------------------ formats

/**
 * A number format as d3-format would write it (minus sign U+2212, no "−0"):
 * `digits` decimals, thousands grouped unless `grouping` is false, "+" on
 * positive numbers when `signed`, per cent when `percent`.
 */
export function numberFormat(
  digits: number,
  {grouping = true, signed = false, percent = false}: {grouping?: boolean; signed?: boolean; percent?: boolean} = {}
): (n: number) => string {
  const nf = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: grouping,
    style: percent ? "percent" : "decimal"
  });
  return (n: number) => {
    let s = Number.isFinite(n) ? nf.format(n) : `${n}${percent ? "%" : ""}`;
    if (!signed && /^-0(\.0*)?%?$/.test(s)) s = s.slice(1); // rounds to zero: no sign, as d3-format
    s = s.replace("-", "−");
    return signed && !s.startsWith("−") ? `+${s}` : s;
  };
}

export const fmt = {
  km2: numberFormat(2),
  int: numberFormat(0),
  fixed: (digits: number) => numberFormat(digits),
  signed: (digits: number) => numberFormat(digits, {signed: true}),
  pct: numberFormat(1, {grouping: false, percent: true})
};

// ------------------------------------------------------------------ figure

export interface FigureParts extends CommonOptions {
  /** the chart (Plot svg, table, …), or several */
  content: Element | Element[];
  /** legend element(s) to put above the chart */
  legend?: Element | (Element | null | undefined)[] | null;
  /** default caption when options.caption is undefined */
  defaultCaption: string;
  /** default accessible name when options.ariaLabel is undefined */
  defaultAriaLabel: string;
  /** rows offered as CSV; none, no button */
  data?: readonly object[];
  /** CSV columns, in order; default the keys of the first row */
  columns?: string[];
  /** default CSV file name */
  defaultFilename?: string;
  /** class name added to the figure (chart kind, for styling and tests) */
  kind: string;
}

/** Wrap a chart in <figure class="atlas-figure atlas-<kind>"> with legend, caption and download. */
export function chartFigure(parts: FigureParts): HTMLElement {
  const doc = docOf(parts);
  const figure = doc.createElement("figure");
  figure.className = `atlas-figure atlas-${parts.kind}`;
  figure.setAttribute("style", "max-width: none;");
  const label = parts.ariaLabel ?? parts.defaultAriaLabel;
  figure.setAttribute("aria-label", label);
  const legends = (Array.isArray(parts.legend) ? parts.legend : [parts.legend]).filter((e): e is Element => e != null);
  for (const legend of legends) {
    legend.classList.add("atlas-legend");
    figure.append(legend);
  }
  const content = Array.isArray(parts.content) ? parts.content : [parts.content];
  figure.append(...content);
  const caption = parts.caption === undefined ? parts.defaultCaption : parts.caption;
  const filename = parts.filename === undefined ? parts.defaultFilename : parts.filename;
  if (caption != null || (filename && parts.data?.length)) {
    const figcaption = doc.createElement("figcaption");
    if (caption != null) figcaption.append(caption);
    if (caption != null && parts.note) {
      const note = doc.createElement("span");
      note.className = "atlas-caption-note";
      note.textContent = parts.note;
      figcaption.append(" ", note);
    }
    if (filename && parts.data?.length) {
      if (caption != null) figcaption.append(" ");
      figcaption.append(downloadButton(doc, parts.data, filename, parts.columns));
    }
    figure.append(figcaption);
  }
  return figure;
}

/** Apply the accessible name/description to an element (Plot's svg already has them). */
export function setAria(el: Element, label: string, description?: string): void {
  el.setAttribute("aria-label", label);
  if (description) el.setAttribute("aria-description", description);
}

/** CSV text of the rows, columns in the given order (default: keys of the first row). */
export function toCsv(rows: readonly object[], columns?: string[]): string {
  const cols = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  const field = (v: unknown): string => {
    if (v == null) return "";
    const s = v instanceof Date ? v.toISOString() : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.map(field).join(","), ...rows.map((r) => cols.map((c) => field((r as Record<string, unknown>)[c])).join(","))].join("\n");
}

/** A button that saves the rows as CSV: the Blob and its object URL are made on click only. */
export function downloadButton(doc: Document, rows: readonly object[], filename: string, columns?: string[]): HTMLButtonElement {
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "atlas-download";
  button.textContent = "Download CSV";
  button.setAttribute("aria-label", `Download the data of this chart as CSV (${filename})`);
  button.setAttribute(
    "style",
    "font: inherit; background: none; border: none; padding: 0; color: var(--theme-foreground-focus, currentColor); text-decoration: underline; cursor: pointer;"
  );
  button.addEventListener("click", () => {
    const view = doc.defaultView;
    if (!view || typeof view.URL?.createObjectURL !== "function") return;
    const blob = new view.Blob([toCsv(rows, columns)], {type: "text/csv;charset=utf-8"});
    const url = view.URL.createObjectURL(blob);
    const a = doc.createElement("a");
    a.href = url;
    a.download = filename;
    a.style.display = "none";
    doc.body.append(a);
    a.click();
    a.remove();
    view.setTimeout(() => view.URL.revokeObjectURL(url), 1000);
  });
  return button;
}

/** An HTML table element with a caption-less header row; cells are [text, attributes]. */
export function htmlTable(
  doc: Document,
  head: (string | [string, Record<string, string>])[],
  body: (string | [string, Record<string, string>])[][],
  foot?: (string | [string, Record<string, string>])[][]
): HTMLTableElement {
  const table = doc.createElement("table");
  const cell = (tag: "th" | "td", c: string | [string, Record<string, string>]) => {
    const el = doc.createElement(tag);
    const [text, attrs] = typeof c === "string" ? [c, {}] : c;
    el.textContent = text;
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    return el;
  };
  const thead = doc.createElement("thead");
  const htr = doc.createElement("tr");
  head.forEach((c) => {
    const th = cell("th", c);
    th.setAttribute("scope", "col");
    if (!th.hasAttribute("style")) th.setAttribute("style", "text-align: left;");
    htr.append(th);
  });
  thead.append(htr);
  table.append(thead);
  const section = (rows: (string | [string, Record<string, string>])[][], tag: "tbody" | "tfoot") => {
    const s = doc.createElement(tag);
    for (const r of rows) {
      const tr = doc.createElement("tr");
      r.forEach((c, j) => {
        const el = cell(j === 0 ? "th" : "td", c);
        if (j === 0) {
          el.setAttribute("scope", "row");
          if (!el.hasAttribute("style")) el.setAttribute("style", "text-align: left;");
        }
        tr.append(el);
      });
      s.append(tr);
    }
    table.append(s);
  };
  section(body, "tbody");
  if (foot?.length) section(foot, "tfoot");
  return table;
}
