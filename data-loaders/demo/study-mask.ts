// Which pixels belong to the study area: a pixel is in when its centre lies
// inside any district polygon (even-odd rule within a district, so holes and
// exclaves are honoured; union across districts). Stored as runs per row so
// that per-pixel arrays only hold the pixels inside (about half the bounding box).
import type {Grid} from "./grid.js";

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

export function rasterizeMask(grid: Grid, features: DistrictFeature[]): Mask {
  const {width, height, px} = grid;
  const inside = new Uint8Array(width);
  const runs: Int32Array[] = [];
  // Work in pixel coordinates (x right, y down from the top-left corner) with
  // the centre rule GDAL's rasterizer uses, as the raster engine's mask does:
  // rows whose centre line r + 0.5 lies in [y1, y2) of an edge, and columns
  // floor(x_in + 0.5) <= c < floor(x_out + 0.5). Crossings per row and district.
  const crossings: number[][][] = Array.from({length: height}, () => []);
  features.forEach((f, d) => {
    for (const ring of ringsOf(f)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const xa = (ring[i][0] - grid.x0) / px;
        const ya = (grid.y0 - ring[i][1]) / px;
        const xb = (ring[i + 1][0] - grid.x0) / px;
        const yb = (grid.y0 - ring[i + 1][1]) / px;
        if (ya === yb) continue;
        const [x1, y1, x2, y2] = ya < yb ? [xa, ya, xb, yb] : [xb, yb, xa, ya];
        const r0 = Math.max(0, Math.ceil(y1 - 0.5));
        const r1 = Math.min(height - 1, Math.ceil(y2 - 0.5) - 1);
        const slope = (x2 - x1) / (y2 - y1);
        for (let r = r0; r <= r1; r++) (crossings[r][d] ??= []).push(x1 + (r + 0.5 - y1) * slope);
      }
    }
  });
  const rowStart = new Int32Array(height + 1);
  let n = 0;
  for (let r = 0; r < height; r++) {
    inside.fill(0);
    for (const xs of crossings[r]) {
      if (!xs) continue;
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const c0 = Math.max(0, Math.floor(xs[k] + 0.5));
        const c1 = Math.min(width, Math.floor(xs[k + 1] + 0.5));
        for (let c = c0; c < c1; c++) inside[c] = 1;
      }
    }
    const row: number[] = [];
    for (let c = 0; c < width; c++) {
      if (inside[c] && (c === 0 || !inside[c - 1])) row.push(c);
      if (inside[c] && (c === width - 1 || !inside[c + 1])) row.push(c + 1);
    }
    runs.push(Int32Array.from(row));
    rowStart[r] = n;
    for (let k = 0; k < row.length; k += 2) n += row[k + 1] - row[k];
  }
  rowStart[height] = n;
  return {grid, runs, rowStart, n};
}
