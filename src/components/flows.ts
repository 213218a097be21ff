// A small alluvial (Sankey-like) layout and its Plot marks, shared by
// TransitionSankey (two columns: from → to land-use class) and ClusterFlows
// (one column per epoch: LISA cluster types). d3-sankey is not a dependency;
// with columns in a fixed order and nodes in a fixed category order the
// layout is a few cumulative sums:
//  - node height = its value (max of inflow and outflow);
//  - nodes stacked top-down in category order with a gap that leaves room
//    for a label;
//  - a node's outflows leave it in target order, inflows enter in source
//    order, so ribbons do not cross needlessly;
//  - ribbons are Plot areas with a "bump-x" curve between the two nodes.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";

export interface FlowLink {
  /** index of the source column; the target column is column + 1 */
  column: number;
  source: string;
  target: string;
  value: number;
}

export interface FlowNode {
  column: number;
  key: string;
  value: number;
  y0: number;
  y1: number;
}

export interface FlowRibbon extends FlowLink {
  id: number;
  /** source side, target side: top and bottom in value units */
  sy0: number;
  sy1: number;
  ty0: number;
  ty1: number;
}

export interface FlowLayout {
  nodes: FlowNode[];
  ribbons: FlowRibbon[];
  /** total height in value units, gaps included */
  span: number;
  gap: number;
}

/**
 * Lay out `links` between `columns` columns. `nodeValues` (column → key →
 * value) may give node sizes that links do not cover (e.g. cells present in
 * one epoch only); `gapPx`/`heightPx` size the gap between nodes.
 */
export function flowLayout(
  columns: number,
  categories: readonly string[],
  links: FlowLink[],
  {gapPx = 14, heightPx = 400, nodeValues}: {gapPx?: number; heightPx?: number; nodeValues?: Map<number, Map<string, number>>} = {}
): FlowLayout {
  const out = d3.range(columns).map(() => new Map<string, number>());
  const inn = d3.range(columns).map(() => new Map<string, number>());
  for (const l of links) {
    if (!(l.value > 0)) continue;
    out[l.column].set(l.source, (out[l.column].get(l.source) ?? 0) + l.value);
    inn[l.column + 1].set(l.target, (inn[l.column + 1].get(l.target) ?? 0) + l.value);
  }
  const values = d3.range(columns).map((c) => {
    const m = new Map<string, number>();
    for (const k of categories) {
      const v = Math.max(out[c].get(k) ?? 0, inn[c].get(k) ?? 0, nodeValues?.get(c)?.get(k) ?? 0);
      if (v > 0) m.set(k, v);
    }
    return m;
  });
  const totals = values.map((m) => d3.sum(m.values()));
  const counts = values.map((m) => m.size);
  const maxTotal = d3.max(totals) ?? 0;
  const maxGaps = Math.max(0, (d3.max(counts) ?? 1) - 1);
  // gap (value units) so that gapPx = gap / span × heightPx, span = maxTotal + maxGaps × gap
  const denom = heightPx - maxGaps * gapPx;
  const gap = maxTotal > 0 ? (denom > 0 ? (gapPx * maxTotal) / denom : maxTotal / Math.max(1, maxGaps)) : 1;
  const span = maxTotal + maxGaps * gap;
  const nodes: FlowNode[] = [];
  const pos = new Map<string, FlowNode>();
  for (let c = 0; c < columns; c++) {
    // centre shorter columns vertically
    let y = (span - (totals[c] + (counts[c] - 1) * gap)) / 2;
    for (const k of categories) {
      const v = values[c].get(k);
      if (!v) continue;
      const node = {column: c, key: k, value: v, y0: y, y1: y + v};
      nodes.push(node);
      pos.set(`${c}\u0000${k}`, node);
      y += v + gap;
    }
  }
  const rank = new Map(categories.map((k, i) => [k, i]));
  const sorted = links
    .filter((l) => l.value > 0)
    .sort((a, b) => a.column - b.column || rank.get(a.source)! - rank.get(b.source)! || rank.get(a.target)! - rank.get(b.target)!);
  const outOffset = new Map<string, number>();
  const inOffset = new Map<string, number>();
  const ribbons: FlowRibbon[] = sorted.map((l, id) => {
    const s = pos.get(`${l.column}\u0000${l.source}`)!;
    const so = outOffset.get(`${l.column}\u0000${l.source}`) ?? 0;
    outOffset.set(`${l.column}\u0000${l.source}`, so + l.value);
    return {...l, id, sy0: s.y0 + so, sy1: s.y0 + so + l.value, ty0: 0, ty1: 0};
  });
  // inflows in source order
  const byTarget = [...ribbons].sort(
    (a, b) => a.column - b.column || rank.get(a.target)! - rank.get(b.target)! || rank.get(a.source)! - rank.get(b.source)!
  );
  for (const r of byTarget) {
    const key = `${r.column + 1}\u0000${r.target}`;
    const t = pos.get(key)!;
    const o = inOffset.get(key) ?? 0;
    inOffset.set(key, o + r.value);
    r.ty0 = t.y0 + o;
    r.ty1 = t.y0 + o + r.value;
  }
  return {nodes, ribbons, span, gap};
}

export interface FlowMarksOptions {
  layout: FlowLayout;
  /** x position of each column (data units of a linear x scale) */
  columnX: (c: number) => number;
  /** half the node width in x units */
  halfNode: number;
  /** colour of a category */
  color: (key: string) => string;
  /** ribbon colour: by "source" (default) or "target" category */
  ribbonColor?: "source" | "target";
  /** ribbon opacity; default 0.55, and `faint` for ribbons where source = target */
  opacity?: number;
  faint?: number;
  /** tooltip text of a ribbon and of a node */
  ribbonTitle: (r: FlowRibbon) => string;
  nodeTitle: (n: FlowNode) => string;
}

/** The ribbons (areas), nodes (rects) and their pointer tips. */
export function flowMarks(o: FlowMarksOptions): Plot.Markish[] {
  const {layout, columnX, halfNode} = o;
  const points = layout.ribbons.flatMap((r) => [
    {r, x: columnX(r.column) + halfNode, y0: r.sy0, y1: r.sy1},
    {r, x: columnX(r.column + 1) - halfNode, y0: r.ty0, y1: r.ty1}
  ]);
  const by = o.ribbonColor ?? "source";
  const opacity = o.opacity ?? 0.55;
  const faint = o.faint ?? 0.25;
  const mids = layout.ribbons.map((r) => ({
    r,
    x: (columnX(r.column) + columnX(r.column + 1)) / 2,
    y: (r.sy0 + r.sy1 + r.ty0 + r.ty1) / 4
  }));
  return [
    Plot.area(points, {
      x1: "x",
      y1: "y0",
      y2: "y1",
      z: (d) => d.r.id,
      fill: (d) => o.color(by === "source" ? d.r.source : d.r.target),
      fillOpacity: (d) => (d.r.source === d.r.target ? faint : opacity),
      curve: "bump-x",
      className: "atlas-flows"
    }),
    Plot.rect(layout.nodes, {
      x1: (d) => columnX(d.column) - halfNode,
      x2: (d) => columnX(d.column) + halfNode,
      y1: "y0",
      y2: "y1",
      fill: (d) => o.color(d.key),
      stroke: "currentColor",
      strokeOpacity: 0.6,
      strokeWidth: 0.5,
      className: "atlas-nodes"
    }),
    Plot.tip(
      [
        ...mids.map((m) => ({x: m.x, y: m.y, title: o.ribbonTitle(m.r)})),
        ...layout.nodes.map((n) => ({x: columnX(n.column), y: (n.y0 + n.y1) / 2, title: o.nodeTitle(n)}))
      ],
      Plot.pointer({x: "x", y: "y", title: "title", maxRadius: 24})
    )
  ];
}
