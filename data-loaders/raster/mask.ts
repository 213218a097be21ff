// Study-area mask: GeoJSON (Multi)Polygons in WGS84 lon/lat turned into, for
// each raster row, the column spans whose pixel centres lie inside.
//
// Scanline fill that follows GDAL's rasterizer (gdal_rasterize without
// ALL_TOUCHED) to the last floating-point operation, so that pixels whose
// centre lies exactly on an edge — common when boundary vertices sit on a
// 1/1024° grid and pixels on a 1/4000° grid — are decided the same way:
//  - vertices go to pixel coordinates through the inverse geotransform,
//    px = (−x0/dx) + x·(1/dx), after proj4 when the raster is projected
//    (edges stay straight between projected vertices, as when GDAL
//    reprojects a vector);
//  - each row's centre line y + 0.5 meets the edges with y1 ≤ yc < y2 at
//    x = (yc − y1)(x2 − x1)/(y2 − y1) + x1; crossings of all rings of one
//    feature are sorted and paired even-odd (holes stay out), and the pair
//    (a, b) fills columns floor(a + 0.5) ≤ c < floor(b + 0.5);
//  - a horizontal edge lying on the centre line, drawn right to left, is
//    filled too;
//  - features are unioned.
import {readFileSync} from "node:fs";
import {basename} from "node:path";
import type {RasterCrs} from "./crs.js";
import type {RasterInfo} from "./open-raster.js";
import {projector} from "./proj.js";

type Ring = number[][];
/** All rings (outer and holes, of every part) of one GeoJSON feature. */
export type MaskFeature = Ring[];

/** Spans in CSR form: row r's spans are spans[2k], spans[2k+1] (half-open) for rowPtr[r] <= k < rowPtr[r+1]. */
export interface MaskSpans {
  rowPtr: Int32Array;
  spans: Int32Array;
  pixels: number;
}

/** Read the features of a GeoJSON file: Polygon, MultiPolygon, Feature, FeatureCollection or GeometryCollection. */
export function readMaskFeatures(path: string): MaskFeature[] {
  const name = basename(path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(
      `${name}: cannot read the mask as JSON (${(error as Error).message}); expected a GeoJSON Polygon or MultiPolygon in WGS84`,
      {cause: error}
    );
  }
  const features: MaskFeature[] = [];
  const rings = (g: unknown, into: Ring[]): void => {
    if (!g || typeof g !== "object") return;
    const o = g as {type?: string; coordinates?: unknown; geometries?: unknown[]};
    if (o.type === "Polygon") into.push(...checkPolygon(o.coordinates, name));
    else if (o.type === "MultiPolygon") for (const p of (o.coordinates as unknown[]) ?? []) into.push(...checkPolygon(p, name));
    else if (o.type === "GeometryCollection") for (const m of o.geometries ?? []) rings(m, into);
    else
      throw new Error(
        `${name}: found a GeoJSON ${o.type ?? "object without a type"}; expected Polygon or MultiPolygon (in a Feature or FeatureCollection)`
      );
  };
  const feature = (g: unknown): void => {
    const into: Ring[] = [];
    rings(g, into);
    if (into.length) features.push(into);
  };
  const o = json as {type?: string; features?: {geometry?: unknown}[]; geometry?: unknown};
  if (o?.type === "FeatureCollection") for (const f of o.features ?? []) feature(f?.geometry);
  else if (o?.type === "Feature") feature(o.geometry);
  else feature(json);
  if (features.length === 0) throw new Error(`${name}: the mask is empty (no Polygon or MultiPolygon); expected the study area's boundary`);
  return features;
}

function checkPolygon(coords: unknown, name: string): Ring[] {
  if (!Array.isArray(coords)) throw new Error(`${name}: a polygon has no coordinate array`);
  for (const ring of coords as unknown[]) {
    if (!Array.isArray(ring) || ring.length < 3) throw new Error(`${name}: a polygon ring has fewer than 3 positions`);
    for (const p of ring as unknown[]) {
      const [lon, lat] = p as number[];
      if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 360 || Math.abs(lat) > 90) {
        throw new Error(
          `${name}: position ${JSON.stringify(p)} is not WGS84 lon/lat in degrees (GeoJSON, RFC 7946); reproject the mask to EPSG:4326`
        );
      }
    }
  }
  return coords as Ring[];
}

/** lon/lat → fractional pixel coordinates, with GDAL's inverse-geotransform arithmetic. */
function toPixel(info: RasterInfo, crs: RasterCrs): (lon: number, lat: number) => [number, number] {
  const gt1 = info.dx,
    gt5 = -info.dy;
  const inv0 = -info.x0 / gt1,
    inv1 = 1 / gt1;
  const inv3 = -info.y0 / gt5,
    inv5 = 1 / gt5;
  if (crs.kind === "geographic") return (lon, lat) => [inv0 + lon * inv1, inv3 + lat * inv5];
  const p = projector(crs.proj4);
  const m = crs.toMetre;
  return (lon, lat) => {
    const [x, y] = p.forward([lon, lat]);
    return [inv0 + (x / m) * inv1, inv3 + (y / m) * inv5];
  };
}

export function maskSpans(features: MaskFeature[], info: RasterInfo, crs: RasterCrs, maskName = "mask"): MaskSpans {
  const {width: W, height: H} = info;
  const px = toPixel(info, crs);
  const rowSpans: number[][] = Array.from({length: H}, () => []);
  for (const feature of features) {
    const rings = feature.map((ring) => ring.map(([lon, lat]) => px(lon, lat)));
    // crossings per row for this feature
    const cross = new Map<number, number[]>();
    const add = (r: number, x: number) => {
      const list = cross.get(r);
      if (list) list.push(x);
      else cross.set(r, [x]);
    };
    for (const pts of rings) {
      for (let i = 0; i < pts.length; i++) {
        const [xa, ya] = pts[i === 0 ? pts.length - 1 : i - 1];
        const [xb, yb] = pts[i];
        if (!Number.isFinite(ya) || !Number.isFinite(yb)) continue;
        if (ya === yb) {
          // on a row's centre line and drawn right to left: filled (GDAL's bottom horizontal segments)
          const r = ya - 0.5;
          if (Number.isInteger(r) && r >= 0 && r < H && xa > xb) {
            const c0 = Math.max(0, Math.floor(xb + 0.5));
            const c1 = Math.min(W, Math.floor(xa + 0.5));
            if (c1 > c0) rowSpans[r].push(c0, c1);
          }
          continue;
        }
        const [x1, y1, x2, y2] = ya < yb ? [xa, ya, xb, yb] : [xb, yb, xa, ya];
        // rows whose centre line yc = r + 0.5 satisfies y1 <= yc < y2
        const r0 = Math.max(0, Math.ceil(y1 - 0.5));
        const r1 = Math.min(H - 1, Math.ceil(y2 - 0.5) - 1);
        for (let r = r0; r <= r1; r++) {
          const yc = r + 0.5;
          if (yc < y1 || yc >= y2) continue; // guard the ceil arithmetic at exact ties
          add(r, ((yc - y1) * (x2 - x1)) / (y2 - y1) + x1);
        }
      }
    }
    for (const [r, xs] of cross) {
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const c0 = Math.max(0, Math.floor(xs[k] + 0.5));
        const c1 = Math.min(W, Math.floor(xs[k + 1] + 0.5));
        if (c1 > c0) rowSpans[r].push(c0, c1);
      }
    }
  }

  // union per row
  const rowPtr = new Int32Array(H + 1);
  const out: number[] = [];
  let pixels = 0;
  for (let r = 0; r < H; r++) {
    rowPtr[r] = out.length / 2;
    const flat = rowSpans[r];
    if (flat.length === 0) continue;
    const spans: [number, number][] = [];
    for (let k = 0; k < flat.length; k += 2) spans.push([flat[k], flat[k + 1]]);
    spans.sort((s, t) => s[0] - t[0]);
    let cur = spans[0];
    for (const s of spans.slice(1)) {
      if (s[0] <= cur[1]) cur[1] = Math.max(cur[1], s[1]);
      else {
        out.push(cur[0], cur[1]);
        cur = s;
      }
    }
    out.push(cur[0], cur[1]);
    for (let k = rowPtr[r] * 2; k < out.length; k += 2) pixels += out[k + 1] - out[k];
  }
  rowPtr[H] = out.length / 2;
  if (pixels === 0) {
    const pos = features.flat(1).flat(1);
    const range = (i: number) => pos.reduce(([lo, hi], p) => [Math.min(lo, p[i]), Math.max(hi, p[i])], [Infinity, -Infinity]).join("..");
    throw new Error(
      `${maskName}: the mask covers no pixel centre of ${info.name} (mask lon ${range(0)}, lat ${range(1)}; raster ${rasterExtent(info, crs)}); ` +
        `expected a study area overlapping the raster`
    );
  }
  return {rowPtr, spans: Int32Array.from(out), pixels};
}

function rasterExtent(info: RasterInfo, crs: RasterCrs): string {
  const x1 = info.x0 + info.width * info.dx,
    y1 = info.y0 - info.height * info.dy;
  if (crs.kind === "geographic") return `lon ${info.x0.toFixed(4)}..${x1.toFixed(4)}, lat ${y1.toFixed(4)}..${info.y0.toFixed(4)}`;
  return `x ${info.x0}..${x1}, y ${y1}..${info.y0} in ${crs.name}`;
}

/** The whole raster as spans (no mask). */
export function fullSpans(info: RasterInfo): MaskSpans {
  const rowPtr = new Int32Array(info.height + 1);
  const spans = new Int32Array(info.height * 2);
  for (let r = 0; r < info.height; r++) {
    rowPtr[r + 1] = r + 1;
    spans[2 * r + 1] = info.width;
  }
  return {rowPtr, spans, pixels: info.width * info.height};
}
