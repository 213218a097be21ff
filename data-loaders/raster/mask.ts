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
//    polygon are sorted and paired even-odd (holes stay out), and the pair
//    (a, b) fills columns floor(a + 0.5) ≤ c < floor(b + 0.5);
//  - a horizontal edge lying on the centre line, drawn right to left, is
//    filled too, once every ring runs clockwise on the pixel grid (rows
//    going down): GDAL fills as if rings were so oriented, whichever way the
//    file draws them (test/fixtures/raster/make-mask-rings.py);
//  - polygons (each part of a MultiPolygon, each feature) are unioned.
import {existsSync, readFileSync, statSync} from "node:fs";
import {basename} from "node:path";
import type {RasterCrs} from "./crs.js";
import type {RasterInfo} from "./open-raster.js";
import {projector} from "./proj.js";

type Ring = number[][];
/** The rings (outer, then holes) of one polygon: a Polygon or one part of a MultiPolygon. */
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
  if (existsSync(path) && statSync(path).isDirectory())
    throw new Error(`${name}: is a directory (${path}); expected a GeoJSON file with the study area's Polygon or MultiPolygon in WGS84`);
  try {
    json = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new Error(
      `${name}: cannot read the mask as JSON (${(error as Error).message}); expected a GeoJSON Polygon or MultiPolygon in WGS84`,
      {cause: error}
    );
  }
  // Each polygon is its own ring set, as in GDAL's rasterizer: the parts of a
  // MultiPolygon are unioned, and a part lying inside another is not a hole.
  const features: MaskFeature[] = [];
  const polygons = (g: unknown): void => {
    if (!g || typeof g !== "object") return;
    const o = g as {type?: string; coordinates?: unknown; geometries?: unknown[]};
    if (o.type === "Polygon") features.push(checkPolygon(o.coordinates, name));
    else if (o.type === "MultiPolygon") {
      if (!Array.isArray(o.coordinates)) throw new Error(`${name}: a MultiPolygon has no coordinate array; expected an array of polygons`);
      for (const p of o.coordinates as unknown[]) features.push(checkPolygon(p, name));
    } else if (o.type === "GeometryCollection") for (const m of o.geometries ?? []) polygons(m);
    else
      throw new Error(
        `${name}: found a GeoJSON ${o.type ?? "object without a type"}; expected Polygon or MultiPolygon (in a Feature or FeatureCollection)`
      );
  };
  const o = json as {type?: string; features?: {geometry?: unknown}[]; geometry?: unknown};
  if (o?.type === "FeatureCollection") for (const f of o.features ?? []) polygons(f?.geometry);
  else if (o?.type === "Feature") polygons(o.geometry);
  else polygons(json);
  if (features.length === 0) throw new Error(`${name}: the mask is empty (no Polygon or MultiPolygon); expected the study area's boundary`);
  return features;
}

function checkPolygon(coords: unknown, name: string): Ring[] {
  if (!Array.isArray(coords)) throw new Error(`${name}: a polygon has no coordinate array; expected an array of rings`);
  for (const ring of coords as unknown[]) {
    if (!Array.isArray(ring) || ring.length < 3)
      throw new Error(`${name}: a polygon ring has fewer than 3 positions; expected a closed ring of [lon, lat] positions`);
    for (const p of ring as unknown[]) {
      if (!Array.isArray(p))
        throw new Error(`${name}: position ${JSON.stringify(p)} is not an array; expected [lon, lat] in WGS84 degrees (GeoJSON, RFC 7946)`);
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
    const rings = feature.map((ring) => clockwise(ring.map(([lon, lat]) => px(lon, lat))));
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

/** The ring, reversed if it runs anticlockwise on the pixel grid (rows going down): a negative shoelace sum. */
function clockwise(pts: number[][]): number[][] {
  let twiceArea = 0;
  for (let i = 0; i < pts.length; i++) {
    const [xa, ya] = pts[i === 0 ? pts.length - 1 : i - 1];
    const [xb, yb] = pts[i];
    twiceArea += xa * yb - xb * ya;
  }
  return twiceArea < 0 ? pts.reverse() : pts;
}

/** Area of the masked pixels (m²), given each row's pixel area. */
export function maskedArea(mask: MaskSpans, rowAreaM2: ArrayLike<number>): number {
  let a = 0;
  for (let r = 0; r + 1 < mask.rowPtr.length; r++) {
    let n = 0;
    for (let k = mask.rowPtr[r]; k < mask.rowPtr[r + 1]; k++) n += mask.spans[2 * k + 1] - mask.spans[2 * k];
    a += n * rowAreaM2[r];
  }
  return a;
}

/**
 * The share of the mask's area that lies on the raster: the mask is
 * rasterized again on the raster's grid extended over the mask's whole
 * extent (coarsened when that grid would exceed MAX_PIXELS), with the same
 * centre rule, and the area inside the raster is divided by the whole. With
 * an uncoarsened grid the pixels on the raster are exactly those counted.
 * `rowAreas` gives the pixel area of each row of a grid whose top is `y0`.
 */
export function maskCoverage(
  features: MaskFeature[],
  info: RasterInfo,
  crs: RasterCrs,
  rowAreas: (y0: number, dy: number, dx: number, rows: number) => ArrayLike<number>
): number {
  const MAX_PIXELS = 4e6;
  const px = toPixel(info, crs);
  let [c0, c1, r0, r1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const ring of features.flat(1))
    for (const [lon, lat] of ring) {
      const [c, r] = px(lon, lat);
      if (!Number.isFinite(c) || !Number.isFinite(r)) continue;
      [c0, c1, r0, r1] = [Math.min(c0, c), Math.max(c1, c), Math.min(r0, r), Math.max(r1, r)];
    }
  if (!(c1 >= c0 && r1 >= r0)) return 1;
  // inside the raster entirely: nothing to measure
  if (c0 >= 0 && r0 >= 0 && c1 <= info.width && r1 <= info.height) return 1;
  const k = Math.max(1, Math.ceil(Math.sqrt(((c1 - c0 + 2) * (r1 - r0 + 2)) / MAX_PIXELS)));
  // extended grid: k × k raster pixels per pixel, aligned on the raster's grid
  const ec0 = Math.floor(Math.min(c0, 0) / k) * k,
    er0 = Math.floor(Math.min(r0, 0) / k) * k;
  const ec1 = Math.ceil(Math.max(c1, info.width) / k) * k,
    er1 = Math.ceil(Math.max(r1, info.height) / k) * k;
  const ext = {
    ...info,
    x0: info.x0 + ec0 * info.dx,
    y0: info.y0 - er0 * info.dy,
    dx: info.dx * k,
    dy: info.dy * k,
    width: (ec1 - ec0) / k,
    height: (er1 - er0) / k
  };
  let all: MaskSpans;
  try {
    all = maskSpans(features, ext, crs);
  } catch {
    return 1; // smaller than a pixel of the extended grid: not measurable
  }
  const areas = rowAreas(ext.y0, ext.dy, ext.dx, ext.height);
  // the part of the extended grid's mask that lies on the raster
  const onRaster = {rowPtr: new Int32Array(all.rowPtr.length), spans: [] as number[]};
  const [rc0, rc1] = [-ec0 / k, (info.width - ec0) / k];
  const [rr0, rr1] = [-er0 / k, (info.height - er0) / k];
  for (let r = 0; r < ext.height; r++) {
    onRaster.rowPtr[r] = onRaster.spans.length / 2;
    if (r < rr0 || r >= rr1) continue;
    for (let j = all.rowPtr[r]; j < all.rowPtr[r + 1]; j++) {
      const a = Math.max(all.spans[2 * j], rc0),
        b = Math.min(all.spans[2 * j + 1], rc1);
      if (b > a) onRaster.spans.push(a, b);
    }
  }
  onRaster.rowPtr[ext.height] = onRaster.spans.length / 2;
  const total = maskedArea(all, areas);
  const inside = maskedArea({rowPtr: onRaster.rowPtr, spans: Int32Array.from(onRaster.spans), pixels: 0}, areas);
  return total > 0 ? inside / total : 1;
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
