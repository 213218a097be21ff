// Display rasters: each epoch's land cover down-sampled to about 1000 px
// across by majority class, as a palette PNG, so that the site draws a
// land-cover map without ever shipping a 30 m raster to the browser. The
// counts behind each majority are taken in the study's one pass over the
// rasters (study-pass.ts); here they become images.
import {encode} from "fast-png";
import {CLASSES} from "../../src/lib/classes.js";
import {CLASS_RGB} from "../../src/lib/palette.js";
import type {ClassTable} from "../raster/class-table.js";
import type {Epochs} from "../raster/engine.js";
import type {DisplayTask} from "../raster/chunk-kernel.js";
import {projector} from "../raster/proj.js";

export interface DisplayRaster {
  /** width and height of one epoch's image, px */
  width: number;
  height: number;
  /** source pixels per display pixel, along each axis (before any warp) */
  factor: number;
  /** [west, south, east, north], degrees (WGS84): the images are regular in longitude and latitude */
  bounds: [number, number, number, number];
  /**
   * One palette PNG holding every epoch, stacked top to bottom in the study's
   * order (epoch i occupies rows i·height … (i+1)·height − 1), so that the site
   * serves one file whose name does not depend on the study's epochs.
   * Palette index 0 = transparent (outside the study area or NoData), k + 1 = class k (CLASSES order).
   */
  png: Uint8Array;
}

const K = CLASSES.length;

/** The display grid of a study's rasters: f×f source pixels per display pixel, about `maxSide` across. */
export interface DisplayPlan {
  factor: number;
  width: number;
  height: number;
  /** counts of each class per display pixel, for the study's one pass (study-pass.ts), whose majority is the image */
  task: DisplayTask;
}

export function displayPlan(e: Epochs, table: ClassTable, maxSide = 1000): DisplayPlan {
  const {width: W, height: H} = e.infos[0];
  const f = Math.max(1, Math.ceil(Math.max(W, H) / maxSide));
  const w = Math.ceil(W / f),
    h = Math.ceil(H / f);
  // slots: the classes (CLASSES order), then unmapped codes, then NoData (neither counted)
  const luts = e.infos.map((info) => {
    const lut = new Uint8Array(256).fill(K);
    for (const [code, cls] of table) lut[code] = CLASSES.indexOf(cls as (typeof CLASSES)[number]);
    if (info.nodata !== null) lut[info.nodata] = K + 1;
    return lut;
  });
  return {factor: f, width: w, height: h, task: {factor: f, width: w, luts, slotsPerRaster: K + 2, classes: K}};
}

/**
 * Where each pixel of a longitude/latitude-regular image takes its value from
 * in the raster's own (projected) display grid: nearest neighbour, −1 outside.
 * Browsers place an image only by an affine box, so a projected raster is
 * resampled here once, to the one frame every map on the site shares.
 */
function warpIndex(e: Epochs, f: number, w: number, h: number) {
  const info = e.infos[0];
  const toRaster = projector(e.crs.proj4);
  const {x0, y0, dx, dy} = info;
  const sx = dx * f * (e.crs.kind === "projected" ? e.crs.toMetre : 1),
    sy = dy * f * (e.crs.kind === "projected" ? e.crs.toMetre : 1);
  const ox = x0 * (e.crs.kind === "projected" ? e.crs.toMetre : 1),
    oy = y0 * (e.crs.kind === "projected" ? e.crs.toMetre : 1);
  // Geographic bounds of the raster: its edges sampled densely, since a
  // projected rectangle is not a rectangle in longitude and latitude.
  let west = Infinity,
    east = -Infinity,
    south = Infinity,
    north = -Infinity;
  const N = 64;
  for (let i = 0; i <= N; i++)
    for (const [u, v] of [
      [i / N, 0],
      [i / N, 1],
      [0, i / N],
      [1, i / N]
    ]) {
      const [lon, lat] = toRaster.inverse([ox + u * w * sx, oy - v * h * sy]);
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  // Keep about as many pixels as the source, with square pixels at the centre latitude.
  const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const aspect = ((east - west) * kx) / (north - south);
  const ww = Math.max(1, Math.round(Math.sqrt(w * h * aspect)));
  const hh = Math.max(1, Math.round((w * h) / ww));
  const index = new Int32Array(ww * hh).fill(-1);
  for (let r = 0; r < hh; r++) {
    const lat = north - ((r + 0.5) / hh) * (north - south);
    for (let c = 0; c < ww; c++) {
      const lon = west + ((c + 0.5) / ww) * (east - west);
      const [x, y] = toRaster.forward([lon, lat]);
      const C = Math.floor((x - ox) / sx),
        R = Math.floor((oy - y) / sy);
      if (C >= 0 && C < w && R >= 0 && R < h) index[r * ww + c] = R * w + C;
    }
  }
  return {index, width: ww, height: hh, bounds: [west, south, east, north] as [number, number, number, number]};
}

/** The display rasters from the majority image of each epoch (palette index: 0 none, k + 1 class k), warped to longitude and latitude if need be. */
export function displayRasters(e: Epochs, plan: DisplayPlan, images: Uint8Array[]): DisplayRaster {
  const {factor: f, width: w, height: h} = plan;
  const {width: W, height: H} = e.infos[0];
  let width = w,
    height = h,
    bounds: [number, number, number, number];
  let epochs = images;
  if (e.crs.kind === "geographic") {
    const info = e.infos[0];
    bounds = [info.x0, info.y0 - info.dy * H, info.x0 + info.dx * W, info.y0];
  } else {
    const warp = warpIndex(e, f, w, h);
    ({width, height, bounds} = warp);
    epochs = images.map((img) => {
      const out = new Uint8Array(width * height);
      for (let i = 0; i < out.length; i++) if (warp.index[i] >= 0) out[i] = img[warp.index[i]];
      return out;
    });
  }
  const stacked = new Uint8Array(width * height * epochs.length);
  epochs.forEach((img, i) => stacked.set(img, i * width * height));
  // The transparent entry comes first: fast-png writes the tRNS chunk from the
  // entries whose alpha is below 255 only, and tRNS is positional, so only a
  // leading run of transparent entries is encoded correctly.
  const palette = [[0, 0, 0, 0], ...CLASS_RGB.map(([r, g, b]) => [r, g, b, 255])] as [number, number, number, number][];
  const png = encode({width, height: height * epochs.length, data: stacked, depth: 8, channels: 1, palette});
  return {width, height, factor: f, bounds, png};
}
