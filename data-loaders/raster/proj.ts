// Small helpers around proj4 strings.
import proj4 from "proj4";

/** Projections whose plane area equals ellipsoidal area. */
const EQUAL_AREA = new Set(["aea", "laea", "cea", "sinu", "moll", "eqearth", "hammer", "tcea"]);

export function projName(proj: string): string {
  return /\+proj=(\S+)/.exec(proj)?.[1] ?? "";
}

export function isEqualAreaProj(proj: string): boolean {
  return EQUAL_AREA.has(projName(proj));
}

/**
 * PROJ defaults lat_0, lon_0, x_0 and y_0 to 0; proj4js leaves some of them
 * undefined (an Albers without +x_0 projects to NaN), so spell them out.
 */
export function normalizeProj(proj: string): string {
  const text = proj.trim().replace(/\s+/g, " ");
  if (!text.startsWith("+proj=")) throw new Error(`expected a PROJ string starting with +proj=, got "${proj}"`);
  const missing = ["lat_0", "lon_0", "x_0", "y_0"].filter((p) => !new RegExp(`\\+${p}=`).test(text));
  const name = projName(text);
  if (name === "longlat" || name === "latlong" || name === "utm") return text;
  return [text, ...missing.map((p) => `+${p}=0`)].join(" ");
}

/** Forward and inverse between WGS84-labelled lon/lat (degrees) and `proj`, failing loudly on a bad string. */
export function projector(proj: string): proj4.Converter {
  try {
    return proj4(proj);
  } catch (error) {
    throw new Error(`cannot use the projection "${proj}": ${(error as Error).message}`, {cause: error});
  }
}
