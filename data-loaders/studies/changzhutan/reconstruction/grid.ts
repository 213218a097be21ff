// The reconstructed rasters' grid: geographic (lon/lat degrees), north-up, snapped to
// whole multiples of the pixel size so that the same study area always gives
// the same grid.
import {rowPixelAreas} from "../../../../src/lib/geodesy.js";

export interface Grid {
  /** longitude of the left edge, degrees */
  x0: number;
  /** latitude of the top edge, degrees */
  y0: number;
  /** pixel size, degrees (square pixels in degrees) */
  px: number;
  width: number;
  height: number;
}

export function gridForBounds(minLon: number, minLat: number, maxLon: number, maxLat: number, px: number): Grid {
  const i0 = Math.floor(minLon / px);
  const j0 = Math.ceil(maxLat / px);
  const width = Math.ceil(maxLon / px) - i0;
  const height = j0 - Math.floor(minLat / px);
  // Round away the binary noise of i0·px so the origin prints cleanly (12 decimals ≪ any pixel).
  const snap = (v: number) => Math.round(v * 1e12) / 1e12;
  return {x0: snap(i0 * px), y0: snap(j0 * px), px, width, height};
}

export const colLon = (g: Grid, c: number) => g.x0 + (c + 0.5) * g.px;
export const rowLat = (g: Grid, r: number) => g.y0 - (r + 0.5) * g.px;

/** WGS84 pixel area of each row, km². */
export function rowAreasKm2(g: Grid): Float64Array {
  const a = rowPixelAreas(g.y0, g.px, g.px, g.height);
  for (let r = 0; r < a.length; r++) a[r] /= 1e6;
  return a;
}
