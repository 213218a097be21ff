// What the benches' synthetic rasters share: the hash their patches and
// speckle are drawn from (deterministic, stateless), and the writer of a
// square tiled GeoTIFF from a pixel function.
import {writeGeoTiff} from "../data-loaders/raster/write-geotiff.js";

/** 32-bit integer hash (deterministic, no state). */
export function hash(a: number, b: number, seed: number): number {
  let h = Math.imul(a, 0x27d4eb2d) ^ Math.imul(b, 0x165667b1) ^ seed;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A size × size geographic raster from 111° E, 30° N, its value at (x, y) given by `pixel` (0 is NoData). */
export async function writeSquareRaster(path: string, size: number, deg: number, pixel: (x: number, y: number) => number): Promise<void> {
  await writeGeoTiff(path, {
    width: size,
    height: size,
    origin: [111, 30],
    pixelSize: [deg, deg],
    nodata: 0,
    getTile(tx, ty, out) {
      for (let r = 0; r < 256; r++) {
        const y = ty * 256 + r;
        if (y >= size) break;
        for (let c = 0; c < 256; c++) {
          const x = tx * 256 + c;
          if (x < size) out[r * 256 + c] = pixel(x, y);
        }
      }
    }
  });
}
