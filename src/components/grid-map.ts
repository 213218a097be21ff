// GridMap: a choropleth of the grid cells of one epoch and cell size, coloured
// by one column of grid-<k>km.arrow (carbon intensity by default), with a
// continuous colour legend and a tooltip showing the cell's values.
import * as Plot from "@observablehq/plot";
import {columnMeta, columnTitle} from "./columns.js";
import {chartFigure, docOf, widthOf, type CommonOptions} from "./figure.js";
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
import {colorLegend} from "./legend.js";
import {tagCells} from "./linked-hover.js";
import type {GridRow} from "./tables.js";

export interface GridMapOptions extends CommonOptions, GridLayerOptions {
  /** column to colour by; default "carbon_intensity" */
  value?: string;
  /** legend label; default the column's label and unit */
  label?: string;
  /** colour scale options merged over the defaults (e.g. {type: "symlog"} or {scheme: "viridis"}) */
  color?: Plot.ScaleOptions;
  /** more columns for the tooltip; default carbon and ESV intensities */
  tipColumns?: string[];
}

export function GridMap(data: Iterable<GridRow>, options: GridMapOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const value = options.value ?? "carbon_intensity";
  const meta = columnMeta(value);
  const label = options.label ?? columnTitle(value);
  const layer = gridLayer(data, width, options, "GridMap");
  const cells = layer.data.filter((d) => typeof d[value] === "number" && Number.isFinite(d[value] as number));
  const tipColumns = [value, ...(options.tipColumns ?? ["carbon_intensity", "esv_intensity"]).filter((c) => c !== value)];
  const tip = cellTipChannels(tipColumns, cells);
  const fill = (d: GridRow) => d[value] as number;
  const seams = layer.cellPx > 6;
  const words = layerWords(layer);
  const ariaLabel = options.ariaLabel ?? `Map of ${meta.label.toLowerCase()} per grid cell${words ? `, ${words}` : ""}`;
  const plot = Plot.plot({
    document,
    width,
    height: layer.frame.height,
    margin: 0,
    projection: layer.frame.projection,
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `Choropleth of ${cells.length} grid cells coloured by ${label}; darker or more saturated cells have higher values. Hover a cell for its values.`,
    color: {
      label,
      scheme: meta.scheme,
      ...(meta.diverging ? {type: "diverging", pivot: 0} : {type: "linear"}),
      tickFormat: meta.format,
      ...options.color
    } as Plot.ScaleOptions,
    marks: [
      Plot.geo(cells, {
        geometry: "geometry",
        fill,
        stroke: seams ? "var(--plot-background)" : fill,
        strokeWidth: seams ? 0.5 : 0.35,
        className: "atlas-cells",
        channels: tip.channels,
        tip: {format: {fill: false, stroke: false, ...tip.format}}
      } as Plot.GeoOptions),
      ...outlineMarks(layer),
      furnitureMark(layer, options)
    ]
  });
  const legend = colorLegend(document, plot, {label, width: Math.min(width, 360)});
  return tagCells(
    chartFigure({
      ...options,
      document,
      kind: "grid-map",
      content: plot,
      legend,
      defaultAriaLabel: ariaLabel,
      defaultCaption: `${label} per grid cell${words ? ` (${words})` : ""}. Source: the study pipeline's grid tables (grid-map.arrow; every column in grid.arrow); ${options.cells ? "cells as in grid-cells.json" : "cells drawn as squares around their centres"}.${missingNote(layer)}${layersNote(options)}`,
      data: layer.rows,
      defaultFilename: `grid-${layer.cellKm ?? "k"}km${layer.epoch !== undefined ? `-${layer.epoch}` : ""}.csv`
    }),
    cells.map((d) => Number(d.id))
  );
}
