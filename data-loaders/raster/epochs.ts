// Epoch rasters must share one grid: same size, geotransform and CRS. A real
// user's rasters can differ by a row or a half-pixel shift; say which file
// differs and how, and never resample silently.
import type {RasterCrs} from "./crs.js";
import type {RasterInfo} from "./open-raster.js";

const count = (n: number, unit: string): string => `${n === 1 ? "one" : n} ${unit}${n === 1 ? "" : "s"}`;

export function checkSameGrid(infos: RasterInfo[], crss: RasterCrs[]): void {
  const ref = infos[0];
  const hint = () => {
    const xmax = ref.x0 + ref.width * ref.dx;
    const ymin = ref.y0 - ref.height * ref.dy;
    return `resample them identically (gdalwarp -te ${ref.x0} ${ymin} ${xmax} ${ref.y0} -tr ${ref.dx} ${ref.dy} -r near, with ${ref.name}'s CRS) — this tool never resamples`;
  };
  for (let i = 1; i < infos.length; i++) {
    const b = infos[i];
    if (b.height !== ref.height) {
      throw new Error(
        `${b.name} has ${b.height} rows, ${ref.name} has ${ref.height}: rasters differ by ${count(Math.abs(b.height - ref.height), "row")}; ${hint()}`
      );
    }
    if (b.width !== ref.width) {
      throw new Error(
        `${b.name} has ${b.width} columns, ${ref.name} has ${ref.width}: rasters differ by ${count(Math.abs(b.width - ref.width), "column")}; ${hint()}`
      );
    }
    if (crss[i].proj4 !== crss[0].proj4) {
      throw new Error(`${b.name} is in ${crss[i].name}, ${ref.name} in ${crss[0].name}: rasters differ in CRS; ${hint()}`);
    }
    const tol = 1e-9;
    if (Math.abs(b.dx - ref.dx) > tol * ref.dx || Math.abs(b.dy - ref.dy) > tol * ref.dy) {
      throw new Error(
        `${b.name} has pixels of ${b.dx} × ${b.dy}, ${ref.name} of ${ref.dx} × ${ref.dy}: rasters differ in pixel size; ${hint()}`
      );
    }
    const sx = (b.x0 - ref.x0) / ref.dx;
    const sy = (ref.y0 - b.y0) / ref.dy;
    if (Math.abs(sx) > 1e-6 || Math.abs(sy) > 1e-6) {
      throw new Error(
        `${b.name}'s origin (${b.x0}, ${b.y0}) differs from ${ref.name}'s (${ref.x0}, ${ref.y0}) by ${+sx.toFixed(6)} columns and ${+sy.toFixed(6)} rows: rasters are not aligned; ${hint()}`
      );
    }
  }
}
