// Small helpers around proj4 strings.
import proj4 from "proj4";

/** Projections whose plane area equals ellipsoidal area. */
export const EQUAL_AREA_PROJS = ["aea", "laea", "cea", "sinu", "moll", "eqearth", "hammer", "tcea"];
const EQUAL_AREA = new Set(EQUAL_AREA_PROJS);

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
    // proj4 throws strings (e.g. the unknown projection's name), not always Errors
    throw new Error(`cannot use the projection "${proj}": ${error instanceof Error ? error.message : `proj4 says ${String(error)}`}`, {
      cause: error
    });
  }
}

/**
 * Throws unless proj4 can use `proj` as it is meant: it parses, projects a
 * point to finite coordinates, and names no ellipsoid proj4 does not know
 * (proj4 silently puts WGS84 in place of an unknown +ellps).
 */
export function checkProj(proj: string): void {
  const text = normalizeProj(proj);
  const p = projector(text);
  const [x, y] = p.forward([110, 30]);
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`it projects lon 110, lat 30 to (${x}, ${y})`);
  const ellps = /\+ellps=(\S+)/.exec(text)?.[1];
  const made = new proj4.Proj(text) as unknown as {a: number; rf?: number};
  if (ellps && ellps.toLowerCase() !== "wgs84" && made.a === 6378137 && made.rf === 298.257223563)
    throw new Error(`proj4 does not know the ellipsoid "${ellps}" (give +a= and +rf= instead)`);
}
