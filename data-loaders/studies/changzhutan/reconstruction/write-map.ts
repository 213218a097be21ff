// Writes one epoch's map (compact pixel order) as a CLCD-style GeoTIFF:
// 8-bit codes, EPSG:4326, DEFLATE, 256-pixel tiles, NoData outside the study area.
import {writeGeoTiff} from "../../../raster/write-geotiff.js";
import type {Grid} from "./grid.js";

export const NODATA = 0;
const TILE = 256;

export interface MapLayout {
  grid: Grid;
  runs: Int32Array[];
  rowStart: Int32Array;
}

export async function writeMap(path: string, {grid, runs, rowStart}: MapLayout, map: Uint8Array): Promise<void> {
  await writeGeoTiff(path, {
    width: grid.width,
    height: grid.height,
    tileSize: TILE,
    origin: [grid.x0, grid.y0],
    pixelSize: [grid.px, grid.px],
    epsg: 4326,
    nodata: NODATA,
    // zlib level 4: about 5× faster than the default 6 on these maps, files ~10 % larger.
    level: 4,
    getTile(tx, ty, out) {
      const c0 = tx * TILE;
      const c1 = Math.min(grid.width, c0 + TILE);
      for (let r = ty * TILE; r < Math.min(grid.height, (ty + 1) * TILE); r++) {
        const row = runs[r];
        let i = rowStart[r];
        const o = (r - ty * TILE) * TILE - c0;
        for (let k = 0; k < row.length; k += 2) {
          const [a, b] = [row[k], row[k + 1]];
          const lo = Math.max(a, c0);
          const hi = Math.min(b, c1);
          if (lo < hi) out.set(map.subarray(i + lo - a, i + hi - a), o + lo);
          i += b - a;
        }
      }
    }
  });
}
