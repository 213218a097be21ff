// PNG preview of CLCD-coded GeoTIFFs, for looking at generated maps:
//   node --import tsx data-loaders/demo/preview.ts IN.tif OUT.png [--step K] [--window W S E N]
// --step K keeps every K-th pixel; --window crops to a lon/lat box.
import {readFileSync, writeFileSync} from "node:fs";
import {fromArrayBuffer} from "geotiff";
import {encodePalettePng} from "./png.js";

/** Colours close to CLCD's published legend; index = CLCD code, 0 = NoData. */
export const CLCD_PALETTE: [number, number, number][] = [
  [255, 255, 255],
  [250, 227, 156], // cropland
  [68, 111, 51], // forest
  [51, 160, 44], // shrub
  [171, 211, 123], // grassland
  [30, 105, 180], // water
  [240, 240, 240], // snow/ice
  [207, 189, 163], // barren
  [226, 66, 144], // impervious
  [40, 200, 220] // wetland
];

export async function previewPng(tif: string, png: string, step = 1, window?: [number, number, number, number]): Promise<void> {
  const buf = readFileSync(tif);
  const t = await fromArrayBuffer(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const img = await t.getImage();
  const [x0, y0] = img.getOrigin();
  const [dx, dy] = img.getResolution();
  let win = [0, 0, img.getWidth(), img.getHeight()];
  if (window) {
    const [w, s, e, n] = window;
    win = [Math.floor((w - x0) / dx), Math.floor((n - y0) / dy), Math.ceil((e - x0) / dx), Math.ceil((s - y0) / dy)];
  }
  const [data] = (await img.readRasters({window: win})) as unknown as Uint8Array[];
  const W = win[2] - win[0];
  const H = win[3] - win[1];
  const w = Math.floor(W / step);
  const h = Math.floor(H / step);
  const out = new Uint8Array(w * h);
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) out[r * w + c] = data[r * step * W + c * step];
  writeFileSync(png, encodePalettePng(w, h, out, CLCD_PALETTE));
}

if (process.argv[1]?.endsWith("preview.ts")) {
  const args = process.argv.slice(2);
  const k = args.indexOf("--step");
  const step = k >= 0 ? Number(args.splice(k, 2)[1]) : 1;
  const wi = args.indexOf("--window");
  const window = wi >= 0 ? (args.splice(wi, 5).slice(1).map(Number) as [number, number, number, number]) : undefined;
  await previewPng(args[0], args[1], step, window);
}
