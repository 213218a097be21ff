// Exact areas on an ellipsoid of revolution. Pure math, no imports.
//
// Written by hand because proj4 transforms coordinates but does not give
// areas: the area of an ellipsoidal quadrangle between two parallels has a
// closed form (the integral of the authalic function), used below.

export interface Ellipsoid {
  /** semi-major axis, metres */
  a: number;
  /** inverse flattening (0 or Infinity for a sphere) */
  rf: number;
}

export const WGS84: Ellipsoid = {a: 6378137, rf: 298.257223563};
export const GRS80: Ellipsoid = {a: 6378137, rf: 298.257222101};
export const KRASOVSKY: Ellipsoid = {a: 6378245, rf: 298.3};

/**
 * q(φ)/2 without the (1−e²) factor: the antiderivative of cos φ / (1 − e² sin² φ)²,
 * so that the area between parallels φ1 < φ2 over Δλ radians is
 * b² · Δλ · (F(φ2) − F(φ1)).
 */
function authalicF(phi: number, e: number): number {
  const s = Math.sin(phi);
  if (e === 0) return s;
  const es = e * s;
  return s / (2 * (1 - es * es)) + Math.atanh(es) / (2 * e);
}

/**
 * Area in m² of the quadrangle bounded by latitudes lat1, lat2 and spanning
 * dLon degrees of longitude, on the given ellipsoid. Exact (closed form).
 */
export function quadrangleArea(lat1Deg: number, lat2Deg: number, dLonDeg: number, ell: Ellipsoid = WGS84): number {
  const f = ell.rf && Number.isFinite(ell.rf) ? 1 / ell.rf : 0;
  const e2 = f * (2 - f);
  const e = Math.sqrt(e2);
  const b = ell.a * (1 - f);
  const rad = Math.PI / 180;
  const lo = Math.min(lat1Deg, lat2Deg) * rad;
  const hi = Math.max(lat1Deg, lat2Deg) * rad;
  // F(hi) − F(lo) cancels for thin rows: a 30 m row keeps ~1e-11 relative
  // accuracy in double precision, well inside the 1e-9 the tests demand.
  return b * b * Math.abs(dLonDeg) * rad * (authalicF(hi, e) - authalicF(lo, e));
}

/**
 * Pixel area (m²) for each row of a geographic raster whose top edge is at
 * latitude `top` (degrees) with pixel height `dy` (degrees, positive going south)
 * and pixel width `dx` (degrees).
 */
export function rowPixelAreas(top: number, dy: number, dx: number, rows: number, ell: Ellipsoid = WGS84): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = quadrangleArea(top - r * dy, top - (r + 1) * dy, dx, ell);
  return out;
}
