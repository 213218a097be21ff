// The explorer's results beside this build's (the site's tables):
// regional net carbon and ESV per epoch (charts: the build dashed, the
// recomputation solid) and a table adding the global bivariate Moran's I and
// the LISA type counts. "published" in the row fields means this build's
// values, not the abstract's.
import * as Plot from "@observablehq/plot";
import {chartFigure, docOf, scrollWrap, widthOf, type CommonOptions} from "./figure.js";
import {f0, f2, f3, signedPct} from "./format.js";
import {htmlTable, type Cell} from "./html-table.js";

export interface ExplorerRow {
  epoch: number;
  /** 10⁴ t C */
  net_published: number;
  net: number;
  /** 10⁸ yuan */
  esv_published: number;
  esv: number;
  /** published global I on this grid (999-permutation build) */
  i_published: number | null;
  i: number;
  /** pseudo p of the recomputed I (the study's reported null) */
  p: number;
  hh: number;
  ll: number;
  lh: number;
  hl: number;
  ns: number;
}

export interface ExplorerTotalsOptions extends CommonOptions {
  cellKm: number;
  perms: number;
  /** permutations of the published (build) results */
  publishedPerms?: number;
  /** the study's reported null, for the caption */
  nullModel?: "pairs" | "y";
  reconstruction?: boolean;
}

/** Relative change, or null when the base is 0. */
function change(now: number, base: number): number | null {
  return base === 0 ? null : (now - base) / Math.abs(base);
}

export function ExplorerTotals(rows: readonly ExplorerRow[], options: ExplorerTotalsOptions): HTMLElement {
  const doc = docOf(options);
  const width = widthOf(options);
  const epochs = rows.map((r) => r.epoch);
  // Two small charts (their own y scales: the quantities differ by an order of magnitude), side by side when there is room.
  const side = width >= 520;
  const w = side ? Math.floor((width - 16) / 2) : width;
  const panel = (label: string, published: keyof ExplorerRow, recomputed: keyof ExplorerRow) => {
    const long = rows.flatMap((r) => [
      {epoch: r.epoch, which: "published", value: r[published] as number},
      {epoch: r.epoch, which: "recomputed", value: r[recomputed] as number}
    ]);
    return Plot.plot({
      document: doc,
      width: w,
      height: 200,
      marginLeft: 52,
      marginRight: 12,
      ariaLabel: `Line chart of ${label} per epoch, published and recomputed`,
      ariaDescription: `${label} for epochs ${epochs.join(", ")}: this build (dashed grey) and recomputed with the explorer's parameters (solid).`,
      x: {type: "point", domain: epochs, label: null, tickFormat: (d: number) => String(d), padding: 0.2},
      y: {label, grid: true, zero: true, tickFormat: ",~f"},
      color: {domain: ["published", "recomputed"], range: ["#888888", "#d84d4e"]},
      marks: [
        Plot.lineY(
          long.filter((d) => d.which === "published"),
          {x: "epoch", y: "value", stroke: "which", strokeDasharray: "4 3", strokeWidth: 1.5}
        ),
        Plot.lineY(
          long.filter((d) => d.which === "recomputed"),
          {x: "epoch", y: "value", stroke: "which", strokeWidth: 1.5}
        ),
        Plot.dot(long, {
          x: "epoch",
          y: "value",
          stroke: "which",
          fill: (d: {which: string}) => (d.which === "published" ? "var(--plot-background)" : "#d84d4e"),
          r: 3.5,
          channels: {Series: "which"},
          tip: {format: {x: (d: number) => String(d), y: f2, stroke: false, fill: false}}
        })
      ]
    });
  };
  const charts = doc.createElement("div");
  charts.className = "atlas-explorer-charts";
  charts.append(panel("Net carbon (10⁴ t C)", "net_published", "net"), panel("ESV (10⁸ yuan)", "esv_published", "esv"));
  const key = doc.createElement("div");
  key.className = "atlas-key";
  key.innerHTML =
    '<svg width="28" height="10" aria-hidden="true"><line x1="0" x2="28" y1="5" y2="5" stroke="#888888" stroke-width="1.5" stroke-dasharray="4 3"></line></svg> this build&#8217;s tables ' +
    '<svg width="28" height="10" aria-hidden="true" class="atlas-key-gap"><line x1="0" x2="28" y1="5" y2="5" stroke="#d84d4e" stroke-width="1.5"></line></svg> recomputed here';

  // The table is transposed (a column per epoch) so that it fits beside the controls.
  const fc = (v: number | null) => (v === null ? "–" : Math.abs(v) < 5e-5 ? "±0.0 %" : signedPct(v));
  const lines: [string, string, (r: ExplorerRow) => string][] = [
    ["net_published", "Net carbon, this build (10⁴ t C)", (r) => f2(r.net_published)],
    ["net", "Net carbon, recomputed", (r) => f2(r.net)],
    ["net_change", "Change", (r) => fc(change(r.net, r.net_published))],
    ["esv_published", "ESV, this build (10⁸ yuan)", (r) => f2(r.esv_published)],
    ["esv", "ESV, recomputed", (r) => f2(r.esv)],
    ["esv_change", "Change", (r) => fc(change(r.esv, r.esv_published))],
    ["i_published", `Moran's I, this build (${options.cellKm} km)`, (r) => (r.i_published === null ? "–" : f3(r.i_published))],
    ["i", "Moran's I, recomputed", (r) => f3(r.i)],
    ["p", "Pseudo p, recomputed", (r) => f3(r.p)],
    ["hh", "High-High cells", (r) => f0(r.hh)],
    ["ll", "Low-Low cells", (r) => f0(r.ll)],
    ["lh", "Low-High cells", (r) => f0(r.lh)],
    ["hl", "High-Low cells", (r) => f0(r.hl)],
    ["ns", "Not significant", (r) => f0(r.ns)]
  ];
  const table = htmlTable(doc, {
    head: ["", ...epochs.map((e): Cell => [String(e), {class: "atlas-right"}])],
    body: lines.map(([key, label, value]) => ({
      cells: [[label, {class: "atlas-plain"}], ...rows.map((r): Cell => [value(r), {"data-epoch": String(r.epoch), class: "atlas-num"}])],
      attrs: {"data-row": key, ...(["net", "esv", "i"].includes(key) ? {class: "atlas-explorer-recomputed"} : {})}
    })),
    attrs: {class: "atlas-explorer-table"}
  });
  const scroll = scrollWrap(doc, table);
  return chartFigure({
    ...options,
    document: doc,
    kind: "explorer-totals",
    content: [charts, scroll],
    legend: key,
    defaultAriaLabel: "Net carbon, ESV and Moran's I: published and recomputed",
    defaultCaption: `Regional net carbon emissions and ESV per epoch, from this build's tables and recomputed in your browser with the parameters set here; global bivariate Moran's I of carbon intensity and ESV intensity on the ${options.cellKm} km grid, from this build (moran.arrow${options.publishedPerms ? `, ${options.publishedPerms} permutations` : ""}) and recomputed, with the recomputed pseudo p (${options.nullModel === "y" ? "y permuted, as esda" : "(x, y) pairs permuted, as GeoDa and spdep"}; ${options.perms} permutations) and LISA type counts.${options.reconstruction ? " All on the calibrated reconstruction." : ""}`,
    data: rows.map((r) => ({...r})),
    defaultFilename: `explorer-${options.cellKm}km.csv`
  });
}
