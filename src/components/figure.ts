// The common frame of every chart: a <figure> holding the legend(s), the
// chart, a caption saying what it shows and where its numbers came from, and
// a "Download CSV" button that writes the chart's rows, and "SVG" / "PNG"
// buttons that save the chart itself (standalone SVG with its CSS colours
// written out, images inlined; PNG at 2×) — all built on click from a Blob:
// no external host, nothing held in the DOM. Wide tables scroll in a box that
// shows it scrolls, their first column sticky. Also the small helpers the
// factories share: row normalisation, number formats, the document to draw in.
// No d3 here beyond d3-dsv (number formats by Intl, CSV by d3-dsv, a few kB):
// a page that draws with Plot alone (the overview) can use the figure frame
// without loading d3.
import {csvFormat} from "d3-dsv";

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
  /** what the chart shows, in one sentence, set in bold before the caption (a chart's title states its takeaway) */
  takeaway?: string | null;
  /** "SVG" and "PNG" download buttons beside the CSV one, when the figure holds a chart <svg>; default true */
  imageDownloads?: boolean;
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
  /** file name of the SVG and PNG downloads, without extension; default the CSV file name's stem, else the kind */
  exportFilename?: string;
}

/** Wrap a chart in <figure class="atlas-figure atlas-<kind>"> with legend, caption and download. */
export function chartFigure(parts: FigureParts): HTMLElement {
  const doc = docOf(parts);
  const figure = doc.createElement("figure");
  figure.className = `atlas-figure atlas-${parts.kind}`;
  const label = parts.ariaLabel ?? parts.defaultAriaLabel;
  figure.setAttribute("aria-label", label);
  const legends = (Array.isArray(parts.legend) ? parts.legend : [parts.legend]).filter((e): e is Element => e != null);
  for (const legend of legends) {
    legend.classList.add("atlas-legend");
    figure.append(legend);
  }
  const content = Array.isArray(parts.content) ? parts.content : [parts.content];
  figure.append(...content.map((c) => scrollable(doc, c)));
  const caption = parts.caption === undefined ? parts.defaultCaption : parts.caption;
  const filename = parts.filename === undefined ? parts.defaultFilename : parts.filename;
  const csv = !!(filename && parts.data?.length);
  const images = parts.imageDownloads !== false && chartParts(figure).some((p) => p.type === "svg" && !p.legend);
  if (caption != null || csv || images) {
    const figcaption = doc.createElement("figcaption");
    if (caption != null && parts.takeaway) {
      const b = doc.createElement("b");
      b.className = "atlas-takeaway";
      b.textContent = parts.takeaway.replace(/\.?$/, ".");
      figcaption.append(b, " ");
    }
    if (caption != null) figcaption.append(caption);
    if (caption != null && parts.note) {
      const note = doc.createElement("span");
      note.className = "atlas-caption-note";
      note.textContent = parts.note;
      figcaption.append(" ", note);
    }
    if (csv) {
      if (caption != null) figcaption.append(" ");
      figcaption.append(downloadButton(doc, parts.data!, filename!, parts.columns));
    }
    if (images) {
      const stem = parts.exportFilename ?? (filename ? filename.replace(/\.csv$/i, "") : parts.kind);
      figcaption.append(
        csv ? " · " : caption != null ? " " : "",
        imageButton(doc, figure, "svg", `${stem}.svg`, csv ? "SVG" : "Download SVG"),
        " · ",
        imageButton(doc, figure, "png", `${stem}.png`, "PNG")
      );
    }
    figure.append(figcaption);
  }
  return figure;
}

// ------------------------------------------------------------- scrolling

/**
 * A wide table in a horizontally scrolling box (class atlas-scroll, styled in
 * src/style.css: shadows on the edge that hides columns, the first column
 * sticky) and a "Scroll sideways" hint shown only while the table overflows.
 */
export function scrollWrap(doc: Document, table: Element): HTMLElement {
  const wrap = doc.createElement("div");
  wrap.className = "atlas-scroll";
  wrap.append(table);
  return withScrollHint(doc, wrap);
}

/** Tables, and boxes the pages made scroll (class atlas-overflow), become atlas-scroll boxes with the hint. */
function scrollable(doc: Document, el: Element): Element {
  if (el.tagName === "TABLE") return scrollWrap(doc, el);
  if (el.namespaceURI === "http://www.w3.org/1999/xhtml" && el.classList.contains("atlas-overflow") && el.querySelector("table")) {
    el.classList.add("atlas-scroll");
    return withScrollHint(doc, el as HTMLElement);
  }
  return el;
}

/** A wrapper holding the scroll box and its hint; the hint shows when the box's content is wider than the box. */
function withScrollHint(doc: Document, box: HTMLElement): HTMLElement {
  if (box.classList.contains("atlas-scroll") && box.parentElement?.classList.contains("atlas-scroll-frame")) return box;
  const frame = doc.createElement("div");
  frame.className = "atlas-scroll-frame";
  const hint = doc.createElement("div");
  hint.className = "atlas-scroll-hint";
  hint.setAttribute("aria-hidden", "true");
  hint.textContent = "Scroll sideways for more →";
  hint.hidden = true;
  frame.append(box, hint);
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  const update = () => {
    const over = box.scrollWidth > box.clientWidth + 1;
    hint.hidden = !over;
    box.classList.toggle("atlas-scroll-overflowing", over);
    if (over) box.setAttribute("tabindex", "0"); // a scrolling region is reachable by keyboard
  };
  if (view && typeof view.ResizeObserver === "function") {
    const ro = new view.ResizeObserver(update);
    ro.observe(box);
    const first = box.firstElementChild;
    if (first) ro.observe(first);
  }
  return frame;
}

// --------------------------------------------------------------- images

const SVG_NS = "http://www.w3.org/2000/svg";

type ChartPart = {type: "svg"; el: SVGSVGElement; legend: boolean} | {type: "swatches"; el: Element; legend: boolean};

/** The figure's drawable parts in order: top-level <svg> elements (charts and ramp legends) and Plot swatch legends. */
export function chartParts(figure: Element): ChartPart[] {
  const out: ChartPart[] = [];
  const walk = (el: Element, legend: boolean) => {
    for (const child of Array.from(el.children)) {
      const tag = child.tagName.toLowerCase();
      const isLegend = legend || child.classList.contains("atlas-legend");
      if (tag === "figcaption" || tag === "style" || child.classList.contains("atlas-key") || child.classList.contains("atlas-scroll-hint"))
        continue;
      if (tag === "svg") out.push({type: "svg", el: child as SVGSVGElement, legend: isLegend});
      else if (/-swatches\b/.test(child.getAttribute("class") ?? "")) out.push({type: "swatches", el: child, legend: true});
      else walk(child, isLegend);
    }
  };
  walk(figure, false);
  return out;
}

function sizeOf(svg: Element): [number, number] {
  const w = parseFloat(svg.getAttribute("width") ?? "");
  const h = parseFloat(svg.getAttribute("height") ?? "");
  if (w > 0 && h > 0) return [w, h];
  const vb = (svg.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
  if (vb.length === 4 && vb[2] > 0 && vb[3] > 0) return [vb[2], vb[3]];
  const r = (svg as SVGSVGElement).getBoundingClientRect?.();
  return [r?.width || 300, r?.height || 150];
}

function computed(el: Element, prop: string): string {
  try {
    const view = el.ownerDocument.defaultView;
    return view ? view.getComputedStyle(el).getPropertyValue(prop).trim() : "";
  } catch {
    return "";
  }
}

const usable = (v: string) => !!v && !/var\(|currentcolor|^inherit$|^initial$|^unset$/i.test(v);

/** `text` with every var(--x, fallback) replaced by the value of --x on `el` (else the fallback, else a default) and currentColor by `el`'s colour. */
export function resolveCss(text: string, el: Element): string {
  let out = "";
  let i = 0;
  for (;;) {
    const j = text.indexOf("var(", i);
    if (j < 0) break;
    out += text.slice(i, j);
    let depth = 0;
    let k = j + 3;
    for (; k < text.length; k++) {
      if (text[k] === "(") depth++;
      else if (text[k] === ")" && --depth === 0) break;
    }
    const inner = text.slice(j + 4, k);
    const comma = inner.indexOf(",");
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? "" : inner.slice(comma + 1).trim();
    const value = computed(el, name);
    out +=
      !/var\(/.test(value) && value ? value : fallback ? resolveCss(fallback, el) : name === "--plot-background" ? "white" : "currentColor";
    i = k + 1;
  }
  out += text.slice(i);
  return out.replace(/currentcolor/gi, () => colourOf(el));
}

function fontOf(el: Element): string {
  const f = computed(el, "font-family");
  return f && !/depends on|var\(/.test(f) ? f : "system-ui, sans-serif";
}

function colourOf(el: Element): string {
  const c = computed(el, "color");
  return usable(c) ? c : "black";
}

const PAINT = ["fill", "stroke", "color", "stop-color", "flood-color", "lighting-color"];

/** Copy `from`'s resolved colours onto its clone `to` (same structure), recursively. */
function resolveTree(from: Element, to: Element): void {
  for (const attr of PAINT) {
    const v = to.getAttribute(attr);
    if (v == null || !/var\(|currentcolor/i.test(v)) continue;
    const c = computed(from, attr);
    to.setAttribute(attr, usable(c) ? c : resolveCss(v, from));
  }
  const style = to.getAttribute("style");
  if (style && /var\(|currentcolor/i.test(style)) to.setAttribute("style", resolveCss(style, from));
  if (to.tagName.toLowerCase() === "style" && to.textContent) to.textContent = resolveCss(to.textContent, from);
  const a = from.children;
  const b = to.children;
  for (let i = 0; i < a.length && i < b.length; i++) resolveTree(a[i], b[i]);
}

function backgroundOf(svg: Element): string {
  const bg = computed(svg, "--plot-background");
  if (usable(bg)) return bg;
  for (let el: Element | null = svg; el; el = el.parentElement) {
    const c = computed(el, "background-color");
    if (usable(c) && !/^(transparent|rgba\([^)]*,\s*0\))$/.test(c)) return c;
  }
  return "white";
}

/** Plot's swatch legend as SVG: a swatch and its label per entry, wrapped to `width`. */
function swatchesSvg(doc: Document, legend: Element, width: number): [SVGSVGElement, number] {
  const svg = doc.createElementNS(SVG_NS, "svg") as SVGSVGElement;
  const colour = colourOf(legend);
  let x = 0;
  let y = 0;
  const row = 20;
  for (const sw of Array.from(legend.querySelectorAll("[class$='-swatch']"))) {
    const icon = sw.querySelector("svg");
    const shape = icon?.querySelector("rect, circle, path, line");
    let fill = icon?.getAttribute("fill") ?? shape?.getAttribute("fill") ?? "";
    if (!usable(fill)) fill = usable(computed(icon ?? sw, "fill")) ? computed(icon ?? sw, "fill") : colour;
    const label = (sw.textContent ?? "").trim();
    let textW = (sw as HTMLElement).getBoundingClientRect?.().width - 20;
    if (!(textW > 0)) textW = label.length * 6;
    const w = 15 + 5 + textW + 14;
    if (x > 0 && x + w > width) {
      x = 0;
      y += row;
    }
    const rect = doc.createElementNS(SVG_NS, "rect");
    for (const [k, v] of Object.entries({x, y: y + 2, width: 15, height: 15, fill})) rect.setAttribute(k, String(v));
    const text = doc.createElementNS(SVG_NS, "text");
    for (const [k, v] of Object.entries({x: x + 20, y: y + 13, fill: colour})) text.setAttribute(k, String(v));
    text.textContent = label;
    svg.append(rect, text);
    x += w;
  }
  const height = y + row + 4;
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("font-family", "system-ui, sans-serif");
  svg.setAttribute("font-size", "10");
  return [svg, height];
}

/**
 * @internal (the tests' view of what figureSvgExport writes)
 * The figure's chart as one standalone SVG document (string): its legends and
 * charts stacked, colours that came from CSS (variables, currentColor) written
 * out as computed in the page, on the page's background. Images keep their
 * URLs (figureSvgExport inlines them).
 */
export function figureSvg(figure: Element): string {
  return new (figure.ownerDocument.defaultView ?? globalThis).XMLSerializer().serializeToString(figureSvgElement(figure));
}

function figureSvgElement(figure: Element): SVGSVGElement {
  const doc = figure.ownerDocument;
  const parts = chartParts(figure);
  const charts = parts.filter((p) => p.type === "svg" && !p.legend);
  const width = Math.ceil(Math.max(1, ...parts.filter((p) => p.type === "svg").map((p) => sizeOf(p.el)[0])));
  const out = doc.createElementNS(SVG_NS, "svg") as SVGSVGElement;
  const first = charts[0]?.el ?? parts[0]?.el ?? figure;
  const title = doc.createElementNS(SVG_NS, "title");
  title.textContent = figure.getAttribute("aria-label") ?? "";
  const bg = doc.createElementNS(SVG_NS, "rect");
  out.append(title, bg);
  let y = 0;
  const gap = 6;
  for (const p of parts) {
    let el: SVGSVGElement;
    let h: number;
    if (p.type === "svg") {
      el = p.el.cloneNode(true) as SVGSVGElement;
      resolveTree(p.el, el);
      // no tooltip or hover state in the file
      for (const tip of Array.from(el.querySelectorAll("[aria-label='tip'], .atlas-pixel-tip"))) tip.remove();
      const [w, hh] = sizeOf(p.el);
      h = hh;
      el.setAttribute("width", String(w));
      el.setAttribute("height", String(h));
      if (!el.getAttribute("viewBox")) el.setAttribute("viewBox", `0 0 ${w} ${h}`);
      // a nested <svg> sized by its attributes (Plot's style says height: auto, which would make it fill the file)
      el.setAttribute("style", `width: ${w}px; height: ${h}px; max-width: none; overflow: hidden; color: ${colourOf(p.el)}`);
      if (!el.getAttribute("font-family")) el.setAttribute("font-family", fontOf(p.el));
    } else [el, h] = swatchesSvg(doc, p.el, width);
    el.setAttribute("x", "0");
    el.setAttribute("y", String(y));
    out.append(el);
    y += h + gap;
  }
  const height = Math.ceil(Math.max(1, y - gap));
  for (const [k, v] of Object.entries({x: 0, y: 0, width, height, fill: backgroundOf(first)})) bg.setAttribute(k, String(v));
  out.setAttribute("width", String(width));
  out.setAttribute("height", String(height));
  out.setAttribute("viewBox", `0 0 ${width} ${height}`);
  out.setAttribute("font-family", fontOf(first));
  out.setAttribute("style", `color: ${colourOf(first)}`);
  return out;
}

/** figureSvg with every <image> inlined as a data URL (fetched), so that the file stands alone; images that cannot be fetched keep their URL. */
export async function figureSvgExport(figure: Element): Promise<{svg: string; width: number; height: number}> {
  const el = figureSvgElement(figure);
  const view = figure.ownerDocument.defaultView;
  for (const img of Array.from(el.querySelectorAll("image"))) {
    const href = img.getAttribute("href") ?? img.getAttribute("xlink:href") ?? "";
    if (!href || href.startsWith("data:") || !view || typeof view.fetch !== "function") continue;
    try {
      const res = await view.fetch(new URL(href, figure.ownerDocument.baseURI).href);
      if (!res.ok) continue;
      const blob = await res.blob();
      const data = await new Promise<string>((resolve, reject) => {
        const reader = new view.FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      });
      img.setAttribute("href", data);
    } catch {
      // keep the URL
    }
  }
  const svg = new (view ?? globalThis).XMLSerializer().serializeToString(el);
  return {svg, width: Number(el.getAttribute("width")), height: Number(el.getAttribute("height"))};
}

/** The figure as a PNG at `scale` × its size: the standalone SVG drawn on a canvas, on the page's background. */
export async function figurePng(figure: Element, scale = 2): Promise<Blob> {
  const doc = figure.ownerDocument;
  const view = doc.defaultView;
  if (!view) throw new Error("figurePng needs a browser window");
  const {svg, width, height} = await figureSvgExport(figure);
  const url = view.URL.createObjectURL(new view.Blob([svg], {type: "image/svg+xml;charset=utf-8"}));
  try {
    const img = new view.Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error("the SVG could not be drawn"));
      img.src = url;
    });
    const canvas = doc.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("no 2D canvas");
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("toBlob failed"))), "image/png")
    );
  } finally {
    view.URL.revokeObjectURL(url);
  }
}

function saveBlob(doc: Document, blob: Blob, filename: string): void {
  const view = doc.defaultView;
  if (!view || typeof view.URL?.createObjectURL !== "function") return;
  const url = view.URL.createObjectURL(blob);
  const a = doc.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  view.setTimeout(() => view.URL.revokeObjectURL(url), 1000);
}

/** A button that saves the figure as SVG or PNG: built on click only. */
export function imageButton(doc: Document, figure: Element, format: "svg" | "png", filename: string, text: string): HTMLButtonElement {
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "atlas-download";
  button.dataset.format = format;
  button.textContent = text;
  button.setAttribute("aria-label", `Download ${format.toUpperCase()} of this chart (${filename})`);
  button.addEventListener("click", async () => {
    const view = doc.defaultView;
    if (!view) return;
    button.disabled = true;
    try {
      const blob =
        format === "svg"
          ? new view.Blob([(await figureSvgExport(figure)).svg], {type: "image/svg+xml;charset=utf-8"})
          : await figurePng(figure, 2);
      saveBlob(doc, blob, filename);
    } catch (error) {
      console.warn(`Download ${format.toUpperCase()} failed:`, error);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** CSV text of the rows (d3-dsv's csvFormat), columns in the given order (default: keys of the first row). */
export function toCsv(rows: readonly object[], columns?: string[]): string {
  const cols = columns ?? (rows.length ? Object.keys(rows[0]) : []);
  return csvFormat(rows as readonly Record<string, unknown>[], cols);
}

/** A button that saves the rows as CSV: the Blob and its object URL are made on click only. */
export function downloadButton(doc: Document, rows: readonly object[], filename: string, columns?: string[]): HTMLButtonElement {
  const button = doc.createElement("button");
  button.type = "button";
  button.className = "atlas-download";
  button.textContent = "Download CSV";
  button.setAttribute("aria-label", `Download the data of this chart as CSV (${filename})`);
  button.addEventListener("click", () => {
    const view = doc.defaultView;
    if (!view || typeof view.URL?.createObjectURL !== "function") return;
    saveBlob(doc, new view.Blob([toCsv(rows, columns)], {type: "text/csv;charset=utf-8"}), filename);
  });
  return button;
}
