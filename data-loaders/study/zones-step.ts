// The land use of each part of the study area (districts, counties: the
// features of the boundary file), epoch by epoch, exactly as the whole is
// counted: pixel centres inside the part (GDAL's rule), NoData left out,
// ellipsoidal or equal-area pixel areas. Counted in the study's one pass over
// the rasters (study-pass.ts), as runs of each part's pixels, the first part
// claiming a pixel that two parts' borders share.
import {readFileSync} from "node:fs";
import {basename} from "node:path";
import {CLASSES} from "../../src/lib/classes.js";
import type {ClassTable} from "../raster/class-table.js";
import type {ZoneTask} from "../raster/chunk-kernel.js";
import {maskSpans, type MaskFeature, type MaskSpans} from "../raster/mask.js";
import type {Epochs} from "../raster/engine.js";

export interface ZonesStep {
  /** one per feature of the boundary file, in file order */
  zones: {name: string; group: string | null}[];
  /** epoch index → zone → km² per class (CLASSES order) */
  km2: number[][][];
}

type Geometry = {type: string; coordinates?: unknown; geometries?: Geometry[]};

/** The polygons of one feature as mask rings (each polygon its own ring set, as the whole boundary is read). */
function polygonsOf(g: Geometry | null | undefined, out: MaskFeature[] = []): MaskFeature[] {
  if (!g) return out;
  if (g.type === "Polygon") out.push(g.coordinates as number[][][]);
  else if (g.type === "MultiPolygon") for (const p of g.coordinates as number[][][][]) out.push(p);
  else if (g.type === "GeometryCollection") for (const x of g.geometries ?? []) polygonsOf(x, out);
  return out;
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** The parts of the boundary file: their names, and a zone task counting each (the pass of study-pass.ts runs it). */
export function zoneParts(boundary: string, e: Epochs, table: ClassTable): {zones: ZonesStep["zones"]; task: ZoneTask} {
  const json = JSON.parse(readFileSync(boundary, "utf8").replace(/^\uFEFF/, "")) as {
    type: string;
    features?: {properties?: Record<string, unknown> | null; geometry: Geometry}[];
    geometry?: Geometry;
  };
  const features =
    json.type === "FeatureCollection"
      ? (json.features ?? [])
      : json.type === "Feature"
        ? [json as unknown as {properties?: Record<string, unknown>; geometry: Geometry}]
        : [{properties: {}, geometry: json as unknown as Geometry}];
  const zones = features.map((f, i) => ({
    name: str(f.properties?.name_en) ?? str(f.properties?.name) ?? (features.length === 1 ? "Study area" : `Part ${i + 1}`),
    group: str(f.properties?.city) ?? str(f.properties?.group)
  }));
  const info = e.infos[0];
  const masks: MaskSpans[] = features.map((f, i) =>
    maskSpans(polygonsOf(f.geometry), info, e.crs, `${basename(boundary)} feature ${i + 1}`)
  );
  const K = CLASSES.length;
  // slots: the classes, then unmapped codes, then NoData (neither counted)
  const luts = e.infos.map((raster) => {
    const lut = new Uint8Array(256).fill(K);
    for (const [code, cls] of table) lut[code] = CLASSES.indexOf(cls as (typeof CLASSES)[number]);
    if (raster.nodata !== null) lut[raster.nodata] = K + 1;
    return lut;
  });
  return {zones, task: {masks, luts, slotsPerRaster: K + 2}};
}

/** The parts' km² per class from the pass's sums (pixels × the row's pixel area, row by row, as the whole is counted). */
export function zonesResult(zones: ZonesStep["zones"], sums: Float64Array[][]): ZonesStep {
  return {zones, km2: sums.map((byZone) => byZone.map((s) => Array.from(s.subarray(0, CLASSES.length))))};
}
