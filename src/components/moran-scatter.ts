// MoranScatter: the bivariate Moran scatterplot of one epoch and cell size:
// z_x (standardised carbon intensity) against lag_z_y (spatial lag of the
// standardised ESV intensity), dots coloured by LISA cluster, the line
// through the origin whose slope is the global bivariate Moran's I
// (I = Σ z_x·lag / Σ z_x², the no-intercept least-squares slope), and the
// quadrant names in the corners.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {LISA_COLORS, LISA_ORDER, lisaLabel, ordinalColors} from "../lib/palette.js";
import {chartFigure, distinct, docOf, ordered, rowsOf, selectOne, widthOf, type CommonOptions} from "./figure.js";
import type {GridRow} from "./tables.js";
import {f3, f4} from "./format.js";

export interface MoranScatterOptions extends CommonOptions {
  epoch?: number;
  cellKm?: number;
  /** global I to draw (e.g. from moran.arrow); default computed from the rows */
  i?: number;
  /** pseudo p of I, shown in the label when given */
  p?: number;
  /** axis names; default carbon intensity (x) and ESV intensity (y) */
  xName?: string;
  yName?: string;
  /** the spatial weights, for the caption (moran.arrow's `weights`); default "row-standardised contiguity weights" */
  weights?: string;
  /** chart height, px; default min(width, 520) */
  height?: number;
}

/** Σ z_x·lag / Σ z_x² over rows with a z_x (neighbourless rows add 0 to the numerator). */
export function moranSlope(rows: readonly GridRow[]): number {
  let num = 0;
  let den = 0;
  for (const r of rows) {
    const z = r.z_x;
    if (typeof z !== "number" || !Number.isFinite(z)) continue;
    const lag = typeof r.lag_z_y === "number" && Number.isFinite(r.lag_z_y) ? r.lag_z_y : 0;
    num += z * lag;
    den += z * z;
  }
  return den > 0 ? num / den : NaN;
}

export function MoranScatter(data: Iterable<GridRow>, options: MoranScatterOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  let rows = rowsOf<GridRow>(data);
  const e = selectOne(rows, (d) => d.epoch, options.epoch, "epoch", "MoranScatter");
  rows = e.rows;
  const k = selectOne(rows, (d) => d.cell_km, options.cellKm, "cellKm", "MoranScatter");
  rows = k.rows;
  const points = rows
    .filter((d) => typeof d.z_x === "number" && Number.isFinite(d.z_x) && typeof d.lag_z_y === "number" && Number.isFinite(d.lag_z_y))
    .map((d) => ({...d, cluster: d.cluster ?? "NS"}));
  const slope = options.i ?? moranSlope(rows);
  const xName = options.xName ?? "carbon intensity";
  const yName = options.yName ?? "ESV intensity";
  const mx = (d3.max(points, (d) => Math.abs(d.z_x as number)) ?? 1) * 1.05 || 1;
  const my = (d3.max(points, (d) => Math.abs(d.lag_z_y as number)) ?? 1) * 1.05 || 1;
  const clusters = ordered(
    distinct(points, (d) => d.cluster as string),
    LISA_ORDER as readonly string[]
  );
  const height = options.height ?? Math.min(width, 520);
  const iLabel = `Moran's I = ${f3(slope)}${options.p !== undefined ? `, pseudo p = ${f3(options.p)}` : ""}`;
  const words = [e.value, k.value !== undefined ? `${k.value} km cells` : undefined].filter((x) => x !== undefined).join(", ");
  const ariaLabel = `Bivariate Moran scatterplot${words ? `, ${words}` : ""}`;
  // the line y = I·x, cut at the frame (no clip path: ids would make snapshots order-dependent)
  const xEnd = Math.abs(slope) * mx > my ? my / Math.abs(slope) : mx;
  const line = Number.isFinite(slope)
    ? [
        {x: -xEnd, y: -xEnd * slope},
        {x: xEnd, y: xEnd * slope}
      ]
    : [];
  const plot = Plot.plot({
    document,
    width,
    height,
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `${points.length} grid cells: standardised ${xName} (x) against the spatial lag of standardised ${yName} (y), coloured by LISA cluster; the line through the origin has slope ${iLabel}.`,
    x: {domain: [-mx, mx], label: `z (${xName}) →`, grid: true, nice: false},
    y: {domain: [-my, my], label: `↑ Spatial lag of z (${yName})`, grid: true, nice: false},
    color: {...ordinalColors(clusters, LISA_COLORS), type: "ordinal", tickFormat: lisaLabel, label: "Cluster"},
    marks: [
      Plot.ruleX([0], {stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.ruleY([0], {stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.dot(points, {
        x: "z_x",
        y: "lag_z_y",
        fill: "cluster",
        r: 3,
        stroke: "currentColor",
        strokeOpacity: 0.35,
        strokeWidth: 0.5,
        channels: {Cell: "id", "Local I": "local_i", "Pseudo p": "p"},
        tip: {format: {fill: lisaLabel, x: f3, y: f3, Cell: (v: number) => String(v), "Local I": f3, "Pseudo p": f4}},
        className: "atlas-cells"
      }),
      Plot.line(line, {x: "x", y: "y", stroke: "currentColor", strokeWidth: 2, className: "atlas-slope"}),
      Plot.text([iLabel], {
        // above the bottom quadrant names, so that the two never overlap on narrow charts
        frameAnchor: "bottom",
        dy: -24,
        fontWeight: "bold",
        stroke: "var(--plot-background)",
        strokeWidth: 3,
        paintOrder: "stroke",
        fill: "currentColor",
        className: "atlas-i"
      }),
      ...(
        [
          ["High-High", "top-right"],
          ["Low-High", "top-left"],
          ["Low-Low", "bottom-left"],
          ["High-Low", "bottom-right"]
        ] as const
      ).map(([t, a]) =>
        Plot.text([t], {
          frameAnchor: a,
          dx: a.endsWith("right") ? -6 : 6,
          dy: a.startsWith("top") ? 6 : -6,
          fill: "currentColor",
          fillOpacity: 0.7,
          className: "atlas-quadrant"
        })
      )
    ]
  });
  const legend = plot.legend("color", {tickFormat: lisaLabel}) as Element | undefined;
  return chartFigure({
    ...options,
    document,
    kind: "moran-scatter",
    content: plot,
    legend,
    defaultAriaLabel: ariaLabel,
    defaultCaption: `Bivariate Moran scatterplot${words ? ` (${words})` : ""}: standardised ${xName} against the spatial lag (${options.weights ?? "row-standardised contiguity weights"}) of standardised ${yName}; the line through the origin has slope ${iLabel}. Dots are coloured by LISA cluster. Source: grid table z_x, lag_z_y and cluster columns, computed by the study pipeline.`,
    data: rows,
    columns: ["epoch", "cell_km", "id", "z_x", "lag_z_y", "local_i", "p", "quadrant", "cluster"].filter((c) => rows.length && c in rows[0]),
    defaultFilename: `moran-scatter${k.value !== undefined ? `-${k.value}km` : ""}${e.value !== undefined ? `-${e.value}` : ""}.csv`
  });
}
