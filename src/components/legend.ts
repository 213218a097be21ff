// Colour legends. Plot's own swatches are used for categorical scales; its
// ramp legend for continuous scales paints a <canvas> into an <image>, which
// needs a canvas implementation (absent under jsdom) and puts a PNG data URL
// in the page, so continuous legends are drawn here as plain SVG: a row of
// thin rects sampled from the plot's own colour scale, with ticks, and the
// domain's minimum and maximum labelled at its ends (so the range is read).
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";

export interface RampOptions {
  label?: string;
  width?: number;
  tickFormat?: (n: number) => string;
  /** approximate number of ticks; default width / 64 */
  ticks?: number;
  /** number of colour samples; default 64 */
  samples?: number;
}

type Positioner = {
  (v: number): number;
  invert(x: number): number;
  ticks(n: number): number[];
  tickFormat(n: number, specifier?: string): (n: number) => string;
};

function positioner(scale: Plot.Scale, w: number): Positioner {
  const domain = (scale.domain ?? [0, 1]) as number[];
  const lo = Math.min(...domain);
  const hi = Math.max(...domain);
  const type = String(scale.type ?? "linear");
  const s = scale as Plot.Scale & {pivot?: number; exponent?: number; base?: number; constant?: number};
  if (type.startsWith("diverging")) {
    const pivot = s.pivot ?? 0;
    if (lo < pivot && pivot < hi)
      return d3
        .scaleLinear()
        .domain([lo, pivot, hi])
        .range([0, w / 2, w]) as unknown as Positioner;
    return d3.scaleLinear().domain([lo, hi]).range([0, w]);
  }
  switch (type) {
    case "log":
      return d3
        .scaleLog()
        .base(s.base ?? 10)
        .domain([lo, hi])
        .range([0, w]) as unknown as Positioner;
    case "symlog":
      return d3
        .scaleSymlog()
        .constant(s.constant ?? 1)
        .domain([lo, hi])
        .range([0, w]) as unknown as Positioner;
    case "sqrt":
      return d3.scaleSqrt().domain([lo, hi]).range([0, w]);
    case "pow":
      return d3
        .scalePow()
        .exponent(s.exponent ?? 1)
        .domain([lo, hi])
        .range([0, w]);
    default:
      return d3.scaleLinear().domain([lo, hi]).range([0, w]);
  }
}

const DISCRETE = new Set(["ordinal", "categorical", "threshold", "quantile", "quantize", "point", "band"]);

/**
 * The colour legend of `plot`: Plot's own for discrete colour scales, an SVG
 * ramp for continuous ones. `plot` is what Plot.plot returned (with `figure: false`).
 */
export function colorLegend(
  doc: Document,
  plot: (SVGSVGElement | HTMLElement) & Plot.Plot,
  options: RampOptions & Plot.LegendOptions = {}
): Element | null {
  const scale = plot.scale("color");
  if (!scale) return null;
  if (DISCRETE.has(String(scale.type))) return (plot.legend("color", options) as Element | undefined) ?? null;
  return rampLegend(doc, scale, options);
}

/** An SVG ramp for a continuous Plot colour scale. */
export function rampLegend(doc: Document, scale: Plot.Scale, options: RampOptions = {}): SVGSVGElement {
  const width = Math.max(120, options.width ?? 240);
  const ml = 0;
  const mr = 16;
  const w = width - ml - mr;
  const height = 44;
  const barTop = 18;
  const barH = 10;
  const x = positioner(scale, w);
  const samples = options.samples ?? 64;
  const ns = "http://www.w3.org/2000/svg";
  const svg = doc.createElementNS(ns, "svg") as SVGSVGElement;
  svg.setAttribute("class", "atlas-ramp");
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Colour legend${options.label ? `: ${options.label}` : ""}`);
  svg.setAttribute("font-family", "system-ui, sans-serif");
  svg.setAttribute("font-size", "10");
  const el = (name: string, attrs: Record<string, string | number>, parent: Element = svg) => {
    const e = doc.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    parent.append(e);
    return e;
  };
  if (options.label) {
    const t = el("text", {x: ml, y: 10, fill: "currentColor", "font-weight": "bold"});
    t.textContent = options.label;
  }
  const g = el("g", {transform: `translate(${ml},${barTop})`});
  const step = w / samples;
  const apply = scale.apply as (v: number) => string;
  for (let i = 0; i < samples; i++) {
    const v = x.invert((i + 0.5) * step);
    el("rect", {x: +(i * step).toFixed(2), y: 0, width: +(step + 0.5).toFixed(2), height: barH, fill: apply(v)}, g);
  }
  const count = options.ticks ?? Math.max(2, Math.floor(w / 64));
  const ticks = x.ticks(count);
  const format = options.tickFormat ?? x.tickFormat(count);
  // the range: the domain's ends are always labelled (min at the left end, max at the right), ticks too close to them are not
  const [lo, hi] = [x.invert(0), x.invert(w)];
  // Label widths estimated from their length (10 px type, about 6 px a character): a tick keeps its
  // label only when it clears the bold end labels and the tick label before it.
  const textWidth = (s: string) => s.length * 6.2;
  let left = textWidth(format(lo)) + 4;
  const right = w - textWidth(format(hi)) - 4;
  for (const t of ticks) {
    const px = +x(t).toFixed(2);
    if (!(px >= -0.5 && px <= w + 0.5)) continue;
    el("line", {x1: px, x2: px, y1: 0, y2: barH + 4, stroke: "currentColor", "stroke-opacity": 0.6}, g);
    const text = format(t);
    const half = textWidth(text) / 2;
    if (px - half < left || px + half > right) continue;
    const label = el("text", {x: px, y: barH + 14, fill: "currentColor", "text-anchor": "middle"}, g);
    label.textContent = text;
    left = px + half + 4;
  }
  const ends: [string, number, number, string][] = [
    ["atlas-ramp-min", lo, 0, "start"],
    ["atlas-ramp-max", hi, w, "end"]
  ];
  for (const [cls, v, px, anchor] of ends) {
    el("line", {x1: px, x2: px, y1: 0, y2: barH + 4, stroke: "currentColor"}, g);
    const label = el("text", {class: cls, x: px, y: barH + 14, fill: "currentColor", "text-anchor": anchor, "font-weight": "bold"}, g);
    label.textContent = format(v);
  }
  svg.setAttribute("aria-label", `Colour legend${options.label ? `: ${options.label}` : ""}, from ${format(lo)} to ${format(hi)}`);
  return svg;
}
