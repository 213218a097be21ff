// What GridMap and LisaMap share: rows of one epoch and cell size joined to
// their cell polygons, the map frame, the study outline and the tooltip
// channels that show a cell's composition and intensities.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import type {FeatureCollection, GeoJsonObject, Geometry} from "geojson";
import {CLASSES, lisaLabel} from "../lib/palette.js";
import {columnTip} from "./columns.js";
import {rowsOf, selectOne} from "./figure.js";
import {cellIndex, cellSquare, collection, fitMap, rewind, type MapFrame, type MapProjectionType} from "./map.js";
import {furnitureNote, mapFurniture, type MapFurnitureLayers} from "./map-furniture.js";
import type {GridRow} from "./tables.js";

export interface GridLayerOptions extends MapFurnitureLayers {
  /** the cell polygons (grid-cells.json); default: squares built from lon/lat and cell_km */
  cells?: FeatureCollection | null;
  /** the study-area outline: the map's extent, drawn as a line; default the cells' extent */
  outline?: GeoJsonObject | null;
  /** more lines to draw on top (e.g. district boundaries) */
  boundaries?: GeoJsonObject | null;
  /** keep rows of this epoch (required when rows hold several) */
  epoch?: number;
  /** keep rows of this cell size, km (required when rows hold several) */
  cellKm?: number;
  /** map projection; default "equirectangular" with the outline's centre latitude as standard parallel */
  projection?: MapProjectionType;
  /** tallest map, px */
  maxHeight?: number;
  /** draw the scale bar and north arrow; default true */
  furniture?: boolean;
}

export type CellDatum = GridRow & {geometry: Geometry};

export interface GridLayer {
  data: CellDatum[];
  rows: GridRow[];
  epoch: number | undefined;
  cellKm: number | undefined;
  frame: MapFrame;
  outline: GeoJsonObject | null;
  boundaries: GeoJsonObject | null;
  /** what the map is fitted to: the outline, else the cells */
  domain: GeoJsonObject;
  /** approximate width of one cell on screen, px */
  cellPx: number;
  /** rows without a polygon (id not in `cells`) */
  missing: number;
}

export function gridLayer(data: Iterable<GridRow>, width: number, options: GridLayerOptions, chart: string): GridLayer {
  let rows = rowsOf<GridRow>(data);
  const byEpoch = selectOne(rows, (d) => d.epoch, options.epoch, "epoch", chart);
  rows = byEpoch.rows;
  const bySize = selectOne(rows, (d) => d.cell_km, options.cellKm, "cellKm", chart);
  rows = bySize.rows;
  const index = cellIndex(options.cells);
  const out: CellDatum[] = [];
  let missing = 0;
  for (const r of rows) {
    let geometry: Geometry | undefined = index.get(Number(r.id));
    if (!geometry && !options.cells && Number.isFinite(r.lon) && Number.isFinite(r.lat) && r.cell_km > 0)
      geometry = cellSquare(r.lon, r.lat, r.cell_km);
    if (!geometry) {
      missing++;
      continue;
    }
    out.push({...r, geometry});
  }
  const outline = options.outline ? rewind(options.outline) : null;
  const boundaries = options.boundaries ? rewind(options.boundaries) : null;
  const domain = outline ?? collection(out.map((d) => d.geometry));
  const frame = fitMap(domain, {width, projection: options.projection, maxHeight: options.maxHeight});
  let cellPx = 0;
  if (out.length) {
    const [[x0], [x1]] = d3.geoPath(frame.projection).bounds(out[0].geometry as d3.GeoPermissibleObjects);
    cellPx = x1 - x0;
  }
  return {data: out, rows, epoch: byEpoch.value, cellKm: bySize.value, frame, outline, boundaries, domain, cellPx, missing};
}

/** Tooltip channels: the first column, the cell id, the other columns, then the cell's composition (classes with area > 0). */
export function cellTipChannels(
  columns: string[],
  rows: readonly GridRow[]
): {channels: NonNullable<Plot.MarkOptions["channels"]>; format: Record<string, unknown>} {
  const channels: NonNullable<Plot.MarkOptions["channels"]> = {};
  const format: Record<string, unknown> = {};
  const has = (c: string) => rows.some((r) => r[c] !== undefined);
  const add = (key: string, value: (d: GridRow) => unknown, f: (v: number | string) => string) => {
    channels[key] = {value: value as (d: GridRow) => number, label: key};
    format[key] = f;
  };
  const [first, ...rest] = columns;
  const line = (c: string) => {
    if (!has(c)) return;
    const t = columnTip(c);
    add(
      t.label,
      (d) => {
        const v = d[c];
        return typeof v === "string" ? (c === "cluster" ? lisaLabel(v) : v) : numberOrNull(v);
      },
      (v: number | string) => (typeof v === "string" ? v : t.format(v))
    );
  };
  if (first) line(first);
  add(
    "Cell",
    (d) => d.id,
    (v: number | string) => String(v)
  );
  rest.forEach(line);
  for (const c of CLASSES) {
    const col = `km2_${c}`;
    if (!has(col)) continue;
    const t = columnTip(col);
    add(
      t.label,
      (d) => positiveOrNull(d[col]),
      (v: number | string) => t.format(Number(v))
    );
  }
  return {channels, format};
}

function numberOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function positiveOrNull(v: unknown): number | null {
  return typeof v === "number" && v > 0 ? v : null;
}

/** Marks for the outline and extra boundaries. */
export function outlineMarks(layer: GridLayer): Plot.Markish[] {
  return [
    layer.boundaries
      ? Plot.geo(layer.boundaries as never, {stroke: "currentColor", strokeOpacity: 0.35, strokeWidth: 0.5, fill: "none"})
      : null,
    layer.outline ? Plot.geo(layer.outline as never, {stroke: "currentColor", strokeWidth: 1, fill: "none"}) : null
  ];
}

/** The map furniture (rivers, places, scale bar, north arrow), last in the marks. */
export function furnitureMark(layer: GridLayer, options: GridLayerOptions): Plot.RenderFunction {
  return mapFurniture({
    domain: layer.domain,
    rivers: options.rivers,
    places: options.places,
    river: options.river,
    scaleBar: options.furniture !== false,
    northArrow: options.furniture !== false
  });
}

/** Caption note on approximate rivers or places (empty when none). */
export function layersNote(options: GridLayerOptions): string {
  return furnitureNote(options);
}

/** Caption note on rows that had no polygon in `cells` (empty when none). */
export function missingNote(layer: GridLayer): string {
  return layer.missing
    ? ` ${layer.missing} row${layer.missing === 1 ? "" : "s"} without a cell polygon ${layer.missing === 1 ? "is" : "are"} not drawn.`
    : "";
}

/** Epoch / cell-size words for captions. */
export function layerWords(layer: GridLayer): string {
  const parts = [];
  if (layer.epoch !== undefined) parts.push(String(layer.epoch));
  if (layer.cellKm !== undefined) parts.push(`${layer.cellKm} km cells`);
  return parts.join(", ");
}
