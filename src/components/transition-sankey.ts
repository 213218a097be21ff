// TransitionSankey: the land-use transition of one period (transitions.arrow)
// as a two-column flow diagram, from-epoch classes on the left, to-epoch
// classes on the right, ribbons of km² coloured by the class they leave.
// Persistence (a class staying itself) is drawn faint so that changes stand out.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {CLASS_COLORS, classLabel} from "../lib/palette.js";
import {chartFigure, docOf, rowsOf, selectOne, widthOf, type CommonOptions} from "./figure.js";
import {flowLayout, flowMarks} from "./flows.js";
import {transitionPeriod, type TransitionRow} from "./tables.js";
import {f2} from "./format.js";

export interface TransitionSankeyOptions extends CommonOptions {
  /** the period to draw, e.g. "2003–2021" (required when rows hold several) */
  period?: string;
  /** draw persistence ribbons (from = to); default true */
  persistence?: boolean;
  /** drop flows smaller than this, km²; default 0 */
  minKm2?: number;
  /** chart height, px; default 420 */
  height?: number;
  /** node labels: "full" (class and km², default from 440 px wide) or "short" (class name only, on narrow screens, where full labels of the two columns would overlap; km² stay in the tooltips) */
  labels?: "full" | "short";
}

/** node and epoch labels, px (readable at 375 px: at least 11) */
const LABEL_PX = 12;

export function TransitionSankey(data: Iterable<TransitionRow>, options: TransitionSankeyOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const height = options.height ?? 420;
  const all = rowsOf<TransitionRow>(data);
  const {rows, value: period} = selectOne(all, (d) => d.period, options.period, "period", "TransitionSankey");
  const persistence = options.persistence ?? true;
  const minKm2 = options.minKm2 ?? 0;
  const {fromEpoch, toEpoch, classes} = transitionPeriod(rows);
  const links = rows
    .filter((d) => d.km2 > minKm2 && (persistence || d.from !== d.to))
    .map((d) => ({column: 0, source: d.from, target: d.to, value: d.km2}));
  const marginTop = 22;
  const marginBottom = 6;
  const layout = flowLayout(2, classes, links, {heightPx: height - marginTop - marginBottom, gapPx: 16});
  const color = (k: string) => (CLASS_COLORS as Record<string, string>)[k] ?? "#888888";
  const halfNode = 0.02;
  const columnX = (c: number) => c;
  const changed = d3.sum(rows, (d) => (d.from !== d.to ? d.km2 : 0));
  const short = (options.labels ?? (width < 440 ? "short" : "full")) === "short";
  const labelText = (k: string, v: number) => (short ? classLabel(k).replace(/ land$/, "") : `${classLabel(k)} ${f2(v)}`);
  const left = layout.nodes.filter((n) => n.column === 0);
  const right = layout.nodes.filter((n) => n.column === 1);
  const ariaLabel = `Flow diagram of land-use transitions ${period ?? ""}`.trim();
  const plot = Plot.plot({
    document,
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft: 8,
    marginRight: 8,
    x: {domain: [-halfNode, 1 + halfNode], axis: null},
    y: {domain: [0, layout.span], reverse: true, axis: null},
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `Land-use transitions from ${fromEpoch} (left) to ${toEpoch} (right), km²; ribbon width is the area that moved from one class to another, ${f2(changed)} km² changed class in all.`,
    marks: [
      ...flowMarks({
        layout,
        columnX,
        halfNode,
        color,
        ribbonTitle: (r) =>
          `${classLabel(r.source)} → ${classLabel(r.target)}\n${f2(r.value)} km²${r.source === r.target ? " (unchanged)" : ""}`,
        nodeTitle: (n) => `${classLabel(n.key)}, ${n.column === 0 ? fromEpoch : toEpoch}\n${f2(n.value)} km²`
      }),
      Plot.text(left, {
        fontSize: LABEL_PX,
        x: halfNode * 1.5,
        y: (d) => (d.y0 + d.y1) / 2,
        text: (d) => labelText(d.key, d.value),
        textAnchor: "start",
        stroke: "var(--plot-background)",
        strokeWidth: 3,
        paintOrder: "stroke",
        fill: "currentColor",
        className: "atlas-labels"
      }),
      Plot.text(right, {
        fontSize: LABEL_PX,
        x: 1 - halfNode * 1.5,
        y: (d) => (d.y0 + d.y1) / 2,
        text: (d) => labelText(d.key, d.value),
        textAnchor: "end",
        stroke: "var(--plot-background)",
        strokeWidth: 3,
        paintOrder: "stroke",
        fill: "currentColor",
        className: "atlas-labels"
      }),
      Plot.text([String(fromEpoch)], {
        x: -halfNode,
        y: 0,
        dy: -12,
        textAnchor: "start",
        fontWeight: "bold",
        fontSize: LABEL_PX,
        className: "atlas-from-epoch"
      }),
      Plot.text([String(toEpoch)], {
        x: 1 + halfNode,
        y: 0,
        dy: -12,
        textAnchor: "end",
        fontWeight: "bold",
        fontSize: LABEL_PX,
        className: "atlas-to-epoch"
      })
    ]
  });
  return chartFigure({
    ...options,
    document,
    kind: "transition-sankey",
    content: plot,
    defaultAriaLabel: ariaLabel,
    defaultCaption: `Land-use transitions ${period ?? ""}, km²: ribbons leave the ${fromEpoch} class on the left and reach the ${toEpoch} class on the right; unchanged land is drawn faint. Source: transitions.arrow, cross-tabulated by the study pipeline from the two epochs' rasters.`,
    data: rows,
    columns: ["period", "from_epoch", "to_epoch", "from", "to", "km2"],
    defaultFilename: `transitions-${(period ?? "period").replace(/[^0-9]+/g, "-")}.csv`
  });
}
