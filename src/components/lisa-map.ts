// LisaMap: bivariate LISA cluster map of one epoch and cell size in GeoDa's
// colours (High-High red, Low-Low blue, Low-High light blue, High-Low pink,
// not significant grey, neighbourless darker grey), with counts in the legend
// and a tooltip showing the cell's cluster, local I, pseudo p, z and lag,
// intensities and composition.
import * as Plot from "@observablehq/plot";
import {LISA_COLORS, LISA_ORDER, lisaLabel, ordinalColors} from "../lib/palette.js";
import {tagCells} from "./linked-hover.js";
import {chartFigure, distinct, docOf, ordered, widthOf, type CommonOptions} from "./figure.js";
import {
  cellTipChannels,
  furnitureMark,
  gridLayer,
  layerWords,
  layersNote,
  missingNote,
  outlineMarks,
  type GridLayerOptions
} from "./grid-common.js";
import type {GridRow} from "./tables.js";

export interface LisaMapOptions extends CommonOptions, GridLayerOptions {
  /** significance level shown in the caption (from moran.arrow's `alpha`); default 0.05 */
  alpha?: number;
  /** how p was cut (moran.arrow's `correction`), for the caption; default "none" */
  correction?: string;
  /** significance was p < alpha (esda) rather than p ≤ alpha (GeoDa), for the caption; default false */
  strict?: boolean;
  /** permutations, for the caption; default 999 */
  permutations?: number;
}

export function LisaMap(data: Iterable<GridRow>, options: LisaMapOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const layer = gridLayer(data, width, options, "LisaMap");
  const cells = layer.data.map((d) => ({...d, cluster: d.cluster ?? "NS"}));
  const clusters = ordered(
    distinct(cells, (d) => d.cluster as string),
    LISA_ORDER as readonly string[]
  );
  // every GeoDa type appears in the legend (a missing type is a finding too)
  const domain = ordered(
    [...LISA_ORDER.filter((c) => c !== "neighborless" || clusters.includes(c)), ...clusters],
    LISA_ORDER as readonly string[]
  ).filter((c, i, a) => a.indexOf(c) === i);
  const counts = new Map<string, number>();
  for (const d of cells) counts.set(d.cluster as string, (counts.get(d.cluster as string) ?? 0) + 1);
  const legendLabel = (c: string) => `${lisaLabel(c)} (${counts.get(c) ?? 0})`;
  const tip = cellTipChannels(["cluster", "local_i", "p", "z_x", "lag_z_y", "carbon_intensity", "esv_intensity"], cells);
  const seams = layer.cellPx > 6;
  const words = layerWords(layer);
  const alpha = options.alpha ?? 0.05;
  const perms = options.permutations ?? 999;
  const correction = options.correction ?? "none";
  const ariaLabel = options.ariaLabel ?? `LISA cluster map of carbon intensity and ESV intensity${words ? `, ${words}` : ""}`;
  const plot = Plot.plot({
    document,
    width,
    height: layer.frame.height,
    margin: 0,
    projection: layer.frame.projection,
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `Bivariate local Moran cluster types of ${cells.length} grid cells: ${domain.map((c) => `${lisaLabel(c)} ${counts.get(c) ?? 0}`).join(", ")}. Hover a cell for its values.`,
    color: {...ordinalColors(domain, LISA_COLORS), type: "ordinal", tickFormat: legendLabel, label: "LISA cluster"},
    marks: [
      Plot.geo(cells, {
        geometry: "geometry",
        fill: "cluster",
        stroke: seams ? "var(--plot-background)" : "cluster",
        strokeWidth: seams ? 0.5 : 0.35,
        channels: tip.channels,
        tip: {format: {fill: false, stroke: false, ...tip.format}},
        className: "atlas-cells"
      } as Plot.GeoOptions),
      ...outlineMarks(layer),
      furnitureMark(layer, options)
    ]
  });
  const legend = plot.legend("color", {tickFormat: legendLabel, label: null}) as Element | undefined;
  return tagCells(
    chartFigure({
      ...options,
      document,
      kind: "lisa-map",
      content: plot,
      legend,
      defaultAriaLabel: ariaLabel,
      defaultCaption: `Bivariate LISA clusters of carbon emission intensity (x) and the spatial lag of ESV intensity (y)${words ? `, ${words}` : ""}: High-High: high carbon intensity amid high ESV intensity, Low-Low: low amid low, High-Low: high amid low, Low-High: low amid high; significant at pseudo p ${options.strict ? "<" : "≤"} ${alpha} (${perms} conditional permutations, correction: ${correction}). Colours after GeoDa. Source: grid-lisa.arrow (every column in grid.arrow), computed by the study pipeline.${missingNote(layer)}${layersNote(options)}`,
      data: layer.rows,
      defaultFilename: `lisa-${layer.cellKm ?? "k"}km${layer.epoch !== undefined ? `-${layer.epoch}` : ""}.csv`
    }),
    cells.map((d) => Number(d.id))
  );
}
