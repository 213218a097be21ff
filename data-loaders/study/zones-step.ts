// The land use of each part of the study area (districts, counties: the
// features of the boundary file), epoch by epoch, exactly as the whole is
// counted: pixel centres inside the part (GDAL's rule), NoData left out,
// ellipsoidal or equal-area pixel areas. One pass over each epoch's raster
// for all the parts (decoding dominates; counting a row for fifteen parts
// costs little), so a study with many parts stays fast.
import {readFileSync} from "node:fs";
import {basename} from "node:path";
import {CLASSES} from "../../src/lib/classes.js";
import type {Study} from "../../src/lib/params.js";
import {classTable} from "../raster/class-table.js";
import {maskSpans, type MaskFeature, type MaskSpans} from "../raster/mask.js";
import {openEpochs} from "../raster/engine.js";
import {RowSource} from "../raster/row-source.js";
import type {EpochSource} from "../raster/mosaic.js";

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

export async function zonesStep(
  study: Study,
  rasters: readonly EpochSource[],
  boundary: string,
  log: (m: string) => void
): Promise<ZonesStep> {
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
  const e = await openEpochs(rasters, {mask: boundary});
  const info = e.infos[0];
  const masks: MaskSpans[] = features.map((f, i) =>
    maskSpans(polygonsOf(f.geometry), info, e.crs, `${basename(boundary)} feature ${i + 1}`)
  );
  const table = classTable(study.reclassification.table);
  const K = CLASSES.length;
  const lut = new Uint8Array(256).fill(K);
  for (const [code, cls] of table) lut[code] = CLASSES.indexOf(cls as (typeof CLASSES)[number]);
  const rowKm2 = Float64Array.from(e.geometry.rowAreaM2, (a) => a / 1e6);
  log(`land use by part: ${zones.length} part${zones.length === 1 ? "" : "s"} of the boundary`);
  const km2: number[][][] = [];
  for (const raster of e.infos) {
    const src = await RowSource.open(raster);
    // Pixel counts per zone, class and row would overflow nothing; areas are summed per row, in row order, as the whole is.
    const out = zones.map(() => new Array<number>(K).fill(0));
    const counts = new Float64Array(K);
    // A pixel inside two parts (their borders overlap in the file) counts for the first only,
    // so that the parts add up to the whole exactly.
    const claimed = new Uint8Array(info.width);
    try {
      for (let r = 0; r < info.height; r++) {
        if (!masks.some((m) => m.rowPtr[r] < m.rowPtr[r + 1])) continue;
        const row = src.row(r);
        claimed.fill(0);
        masks.forEach((m, z) => {
          if (m.rowPtr[r] === m.rowPtr[r + 1]) return;
          counts.fill(0);
          for (let s = m.rowPtr[r]; s < m.rowPtr[r + 1]; s++)
            for (let c = m.spans[2 * s]; c < m.spans[2 * s + 1]; c++) {
              if (claimed[c]) continue;
              claimed[c] = 1;
              const code = row[c];
              if (code === raster.nodata) continue;
              const k = lut[code];
              if (k < K) counts[k]++;
            }
          for (let k = 0; k < K; k++) out[z][k] += counts[k] * rowKm2[r];
        });
      }
    } finally {
      src.close();
    }
    km2.push(out);
  }
  return {zones, km2};
}
