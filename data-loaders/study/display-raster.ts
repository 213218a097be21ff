// Display rasters: each epoch's land cover down-sampled to about 1000 px
// across by majority class, as a palette PNG, so that the site draws a
// land-cover map without ever shipping a 30 m raster to the browser.
import {encode} from "fast-png";
import {CLASSES} from "../../src/lib/classes.js";
import {CLASS_RGB} from "../../src/lib/palette.js";
import type {ClassTable} from "../raster/class-table.js";
import type {Epochs} from "../raster/engine.js";
import {RowSource} from "../raster/row-source.js";

export interface DisplayRaster {
  width: number;
  height: number;
  /** source pixels per display pixel, along each axis */
  factor: number;
  /** [west, south, east, north] in the raster's CRS (degrees for geographic rasters) */
  bounds: [number, number, number, number];
  /** one PNG per epoch; palette index 0 = transparent (outside the study area or NoData), k + 1 = class k (CLASSES order) */
  png: Uint8Array[];
}

const K = CLASSES.length;

export async function displayRasters(e: Epochs, table: ClassTable, maxSide = 1000): Promise<DisplayRaster> {
  const {width: W, height: H} = e.infos[0];
  const f = Math.max(1, Math.ceil(Math.max(W, H) / maxSide));
  const w = Math.ceil(W / f),
    h = Math.ceil(H / f);
  const lut = new Uint8Array(256).fill(K);
  for (const [code, cls] of table) lut[code] = CLASSES.indexOf(cls as (typeof CLASSES)[number]);
  // The transparent entry comes first: fast-png writes the tRNS chunk from the
  // entries whose alpha is below 255 only, and tRNS is positional, so only a
  // leading run of transparent entries is encoded correctly.
  const palette = [[0, 0, 0, 0], ...CLASS_RGB.map(([r, g, b]) => [r, g, b, 255])];
  const {rowPtr, spans} = e.mask;
  const png: Uint8Array[] = [];
  for (const info of e.infos) {
    const src = await RowSource.open(info);
    const out = new Uint8Array(w * h);
    const counts = new Uint32Array(w * K);
    try {
      for (let R = 0; R < h; R++) {
        counts.fill(0);
        for (let r = R * f; r < Math.min(H, (R + 1) * f); r++) {
          const row = src.row(r);
          for (let s = rowPtr[r]; s < rowPtr[r + 1]; s++)
            for (let c = spans[2 * s]; c < spans[2 * s + 1]; c++) {
              const code = row[c];
              if (code === info.nodata) continue;
              const k = lut[code];
              if (k < K) counts[Math.floor(c / f) * K + k]++;
            }
        }
        for (let C = 0; C < w; C++) {
          let best = -1,
            n = 0;
          // Majority; ties go to the class listed first, so the result never depends on order of reading.
          for (let k = 0; k < K; k++)
            if (counts[C * K + k] > n) {
              n = counts[C * K + k];
              best = k;
            }
          if (best >= 0) out[R * w + C] = best + 1;
        }
      }
    } finally {
      src.close();
    }
    png.push(encode({width: w, height: h, data: out, depth: 8, channels: 1, palette: palette as [number, number, number, number][]}));
  }
  const info = e.infos[0];
  return {width: w, height: h, factor: f, bounds: [info.x0, info.y0 - info.dy * H, info.x0 + info.dx * W, info.y0], png};
}
