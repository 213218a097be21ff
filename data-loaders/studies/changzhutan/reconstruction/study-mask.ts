// Which pixels belong to the study area: a pixel is in when its centre lies
// inside any district polygon (holes and exclaves honoured; union across
// districts). Stored as runs per row so that per-pixel arrays only hold the
// pixels inside (about half the bounding box).
import type {Grid} from "./grid.js";
import {WGS84} from "../../../../src/lib/geodesy.js";
import {maskSpans} from "../../../raster/mask.js";
import type {RasterInfo} from "../../../raster/open-raster.js";
import type {RasterCrs} from "../../../raster/crs.js";

type Ring = [number, number][];
export interface DistrictFeature {
  properties: {code: string; name_zh?: string; name_en?: string; city?: string};
  geometry: {type: "Polygon"; coordinates: Ring[]} | {type: "MultiPolygon"; coordinates: Ring[][]};
}

export interface Mask {
  grid: Grid;
  /** per row, flat [c0, c1, c0, c1, …] half-open column runs inside the study area, sorted */
  runs: Int32Array[];
  /** index of each row's first inside pixel in the compact (inside-only) order */
  rowStart: Int32Array;
  /** number of inside pixels */
  n: number;
}

export function ringsOf(f: DistrictFeature): Ring[] {
  return f.geometry.type === "Polygon" ? f.geometry.coordinates : f.geometry.coordinates.flat();
}

export function boundsOf(features: DistrictFeature[]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features)
    for (const ring of ringsOf(f))
      for (const [x, y] of ring) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  return [x0, y0, x1, y1];
}

/**
 * The study-area mask on the reconstruction's grid, by the raster engine's own mask code
 * (pixel centre inside, GDAL's rule), so that the generator writes NoData on
 * exactly the pixels the engine later leaves out.
 */
export function rasterizeMask(grid: Grid, features: DistrictFeature[]): Mask {
  const info = {width: grid.width, height: grid.height, x0: grid.x0, y0: grid.y0, dx: grid.px, dy: grid.px} as RasterInfo;
  const crs: RasterCrs = {kind: "geographic", name: "EPSG:4326 (WGS84)", ellipsoid: WGS84, proj4: "+proj=longlat +datum=WGS84 +no_defs"};
  const {rowPtr, spans} = maskSpans(features.map(ringsOf), info, crs, "boundary.geojson");
  const runs: Int32Array[] = [];
  const rowStart = new Int32Array(grid.height + 1);
  let n = 0;
  for (let r = 0; r < grid.height; r++) {
    const row = spans.slice(2 * rowPtr[r], 2 * rowPtr[r + 1]);
    runs.push(row);
    rowStart[r] = n;
    for (let k = 0; k < row.length; k += 2) n += row[k + 1] - row[k];
  }
  rowStart[grid.height] = n;
  return {grid, runs, rowStart, n};
}
