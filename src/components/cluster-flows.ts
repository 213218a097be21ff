// ClusterFlows: how grid cells moved between LISA cluster types across
// epochs, as an alluvial chart: one column per epoch, a node per cluster type
// (height = cell count), ribbons between consecutive epochs (cells with the
// same id in both), coloured by the type the cells left.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {LISA_COLORS, LISA_ORDER, lisaLabel} from "../lib/palette.js";
import {chartFigure, distinct, docOf, ordered, rowsOf, selectOne, widthOf, type CommonOptions} from "./figure.js";
import {flowLayout, flowMarks, type FlowLink} from "./flows.js";
import type {GridRow} from "./tables.js";
import {f0} from "./format.js";

export interface ClusterFlowsOptions extends CommonOptions {
  /** cell size, km (required when rows hold several) */
  cellKm?: number;
  /** epochs to show, in order; default all */
  epochs?: number[];
  /** leave "not significant" out (it often dwarfs the clusters); default false */
  hideNotSignificant?: boolean;
  /** chart height, px; default 420 */
  height?: number;
}

export interface ClusterTransition {
  from_epoch: number;
  to_epoch: number;
  from: string;
  to: string;
  cells: number;
}

/** Counts of cells per (cluster at epoch t, cluster at the next epoch), matching cells by id. */
export function clusterTransitions(rows: readonly GridRow[], epochs: number[]): ClusterTransition[] {
  const byEpoch = new Map(epochs.map((e) => [e, new Map<number, string>()]));
  for (const r of rows) byEpoch.get(r.epoch)?.set(Number(r.id), (r.cluster as string) ?? "NS");
  const out: ClusterTransition[] = [];
  for (let c = 0; c + 1 < epochs.length; c++) {
    const a = byEpoch.get(epochs[c])!;
    const b = byEpoch.get(epochs[c + 1])!;
    const counts = new Map<string, number>();
    for (const [id, from] of a) {
      const to = b.get(id);
      if (to === undefined) continue;
      counts.set(`${from}\u0000${to}`, (counts.get(`${from}\u0000${to}`) ?? 0) + 1);
    }
    for (const [key, cells] of counts) {
      const [from, to] = key.split("\u0000");
      out.push({from_epoch: epochs[c], to_epoch: epochs[c + 1], from, to, cells});
    }
  }
  const rank = new Map(LISA_ORDER.map((k, i) => [k as string, i]));
  return out.sort(
    (p, q) =>
      p.from_epoch - q.from_epoch || (rank.get(p.from) ?? 99) - (rank.get(q.from) ?? 99) || (rank.get(p.to) ?? 99) - (rank.get(q.to) ?? 99)
  );
}

export function ClusterFlows(data: Iterable<GridRow>, options: ClusterFlowsOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const height = options.height ?? 420;
  const all = rowsOf<GridRow>(data);
  const {rows: sized, value: cellKm} = selectOne(all, (d) => d.cell_km, options.cellKm, "cellKm", "ClusterFlows");
  const epochs = options.epochs ?? distinct(sized, (d) => d.epoch).sort((a, b) => a - b);
  const hide = options.hideNotSignificant ?? false;
  const rows = sized.filter((d) => epochs.includes(d.epoch) && !(hide && (d.cluster ?? "NS") === "NS"));
  const types = ordered(
    distinct(rows, (d) => (d.cluster as string) ?? "NS"),
    LISA_ORDER as readonly string[]
  );
  const transitions = clusterTransitions(rows, epochs);
  const col = new Map(epochs.map((e, i) => [e, i]));
  const links: FlowLink[] = transitions.map((t) => ({column: col.get(t.from_epoch)!, source: t.from, target: t.to, value: t.cells}));
  const nodeValues = new Map<number, Map<string, number>>();
  for (const [e, m] of d3.rollup(
    rows,
    (v) => v.length,
    (d) => d.epoch,
    (d) => (d.cluster as string) ?? "NS"
  ))
    nodeValues.set(col.get(e)!, m);
  const marginTop = 24;
  const marginBottom = 6;
  const layout = flowLayout(epochs.length, types, links, {heightPx: height - marginTop - marginBottom, gapPx: 12, nodeValues});
  const color = (k: string) => (LISA_COLORS as Record<string, string>)[k] ?? "#888888";
  const n = Math.max(1, epochs.length - 1);
  const innerWidth = width - 100 - 40;
  const halfNode = (6 / Math.max(1, innerWidth)) * n;
  const columnX = (c: number) => c;
  const pxPerValue = (height - marginTop - marginBottom) / (layout.span || 1);
  const labelled = layout.nodes.filter((d) => (d.y1 - d.y0) * pxPerValue >= 11);
  const ariaLabel = `Alluvial chart of grid cells moving between LISA cluster types, ${epochs[0]}–${epochs[epochs.length - 1]}`;
  const plot = Plot.plot({
    document,
    width,
    height,
    marginTop,
    marginBottom,
    marginLeft: 100,
    marginRight: 40,
    x: {domain: [-halfNode, n + halfNode], axis: null},
    y: {domain: [0, layout.span], reverse: true, axis: null},
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `Cell counts per LISA cluster type in ${epochs.join(", ")}${cellKm !== undefined ? ` (${cellKm} km cells)` : ""}, with ribbons for the cells that changed or kept their type between consecutive epochs.`,
    marks: [
      ...flowMarks({
        layout,
        columnX,
        halfNode,
        color,
        faint: 0.3,
        ribbonTitle: (r) =>
          `${epochs[r.column]} → ${epochs[r.column + 1]}\n${lisaLabel(r.source)} → ${lisaLabel(r.target)}: ${f0(r.value)} cells`,
        nodeTitle: (d) => `${lisaLabel(d.key)}, ${epochs[d.column]}\n${f0(d.value)} cells`
      }),
      Plot.text(
        labelled.filter((d) => d.column === 0),
        {
          x: -halfNode,
          y: (d) => (d.y0 + d.y1) / 2,
          text: (d) => `${lisaLabel(d.key)} ${f0(d.value)}`,
          textAnchor: "end",
          dx: -4,
          fill: "currentColor",
          className: "atlas-labels"
        }
      ),
      Plot.text(
        labelled.filter((d) => d.column > 0),
        {
          x: (d) => columnX(d.column) + halfNode,
          y: (d) => (d.y0 + d.y1) / 2,
          text: (d) => f0(d.value),
          textAnchor: "start",
          dx: 3,
          fill: "currentColor",
          stroke: "var(--plot-background)",
          strokeWidth: 3,
          paintOrder: "stroke",
          className: "atlas-counts"
        }
      ),
      Plot.text(epochs, {
        x: (_d: number, i: number) => i,
        y: 0,
        dy: -14,
        text: (d: number) => String(d),
        fontWeight: "bold",
        className: "atlas-epochs"
      } as Plot.TextOptions)
    ]
  });
  const legend = Plot.legend({
    document,
    color: {type: "ordinal", domain: types, range: types.map(color), tickFormat: lisaLabel}
  } as Plot.PlotOptions & {document: Document}) as Element;
  return chartFigure({
    ...options,
    document,
    kind: "cluster-flows",
    content: plot,
    legend,
    defaultAriaLabel: ariaLabel,
    defaultCaption: `Grid cells per LISA cluster type in each epoch${cellKm !== undefined ? ` (${cellKm} km cells)` : ""}, and how they moved between types from one epoch to the next (ribbons, coloured by the earlier type; cells that kept their type are faint). Source: the cluster columns of grid-lisa.arrow (every column in grid.arrow), computed by the study pipeline; the download lists the transition counts.`,
    data: transitions,
    columns: ["from_epoch", "to_epoch", "from", "to", "cells"],
    defaultFilename: `cluster-transitions${cellKm !== undefined ? `-${cellKm}km` : ""}.csv`
  });
}
