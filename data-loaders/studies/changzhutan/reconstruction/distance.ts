// Distances from raster cells to polylines, row by row. Segments are bucketed
// by the rows they can reach within `band` km, so each row only visits nearby
// segments and only the columns they can reach: cost grows with line length ×
// band, not with raster size × number of segments.
import {KM_PER_DEG_LAT, KM_PER_DEG_LON, type LonLat} from "./geography.js";

/** A lon/lat lattice of cell centres: the pixel grid or a coarser field grid. */
export interface Lattice {
  /** longitude of the first column centre */
  lon0: number;
  /** latitude of the first row centre (rows go south) */
  lat0: number;
  step: number;
  nx: number;
  ny: number;
}

export interface Polyline {
  line: LonLat[];
  /** half-width (km) at the first and last vertex, interpolated by vertex index; 0 for plain lines */
  halfWidthKm?: [number, number];
}

export interface RowDistances {
  /** distance (km) to the nearest centreline, capped at band */
  centre: Float32Array;
  /** distance (km) to the nearest bank (centre distance − half-width; negative inside a channel), capped at band */
  bank: Float32Array;
}

/**
 * Returns a function giving the distances of row r's cells to the polylines
 * (rows in any order; the returned buffers are reused by the next call).
 */
export function rowDistances(lat: Lattice, lines: Polyline[], bandKm: number, rowFrom = 0, rowTo = lat.ny): (r: number) => RowDistances {
  // Flatten segments: ax, ay, bx, by (km, relative to the lattice origin), hwA, hwB.
  const segs: number[] = [];
  for (const {line, halfWidthKm = [0, 0]} of lines) {
    const n = line.length - 1;
    for (let i = 0; i < n; i++) {
      const [a, b] = [line[i], line[i + 1]];
      segs.push(
        (a[0] - lat.lon0) * KM_PER_DEG_LON,
        (a[1] - lat.lat0) * KM_PER_DEG_LAT,
        (b[0] - lat.lon0) * KM_PER_DEG_LON,
        (b[1] - lat.lat0) * KM_PER_DEG_LAT,
        halfWidthKm[0] + ((halfWidthKm[1] - halfWidthKm[0]) * i) / n,
        halfWidthKm[0] + ((halfWidthKm[1] - halfWidthKm[0]) * (i + 1)) / n
      );
    }
  }
  const sx = lat.step * KM_PER_DEG_LON;
  const sy = lat.step * KM_PER_DEG_LAT;
  // Segment indices per row: a segment is listed on every row it can reach within band.
  // Only rows in [rowFrom, rowTo) are bucketed (a worker handles one band of rows).
  const rows: number[][] = Array.from({length: lat.ny}, () => []);
  const nSeg = segs.length / 6;
  for (let s = 0; s < nSeg; s++) {
    const o = s * 6;
    const reach = bandKm + Math.max(segs[o + 4], segs[o + 5]);
    // y grows north in km but rows grow south: row r has y = −r·sy.
    const r0 = Math.max(rowFrom, Math.floor(-(Math.max(segs[o + 1], segs[o + 3]) + reach) / sy));
    const r1 = Math.min(rowTo - 1, Math.ceil(-(Math.min(segs[o + 1], segs[o + 3]) - reach) / sy));
    for (let r = r0; r <= r1; r++) rows[r].push(s);
  }
  const centre = new Float32Array(lat.nx);
  const bank = new Float32Array(lat.nx);
  return (r: number) => {
    centre.fill(bandKm);
    bank.fill(bandKm);
    const y = -r * sy;
    for (const s of rows[r]) {
      const o = s * 6;
      const [ax, ay, bx, by, ha, hb] = [segs[o], segs[o + 1], segs[o + 2], segs[o + 3], segs[o + 4], segs[o + 5]];
      const reach = bandKm + Math.max(ha, hb);
      const c0 = Math.max(0, Math.floor((Math.min(ax, bx) - reach) / sx));
      const c1 = Math.min(lat.nx - 1, Math.ceil((Math.max(ax, bx) + reach) / sx));
      const dx = bx - ax;
      const dy = by - ay;
      const len2 = dx * dx + dy * dy || 1e-12;
      for (let c = c0; c <= c1; c++) {
        const x = c * sx;
        let t = ((x - ax) * dx + (y - ay) * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const px = ax + t * dx - x;
        const py = ay + t * dy - y;
        const d = Math.sqrt(px * px + py * py);
        if (d < centre[c]) centre[c] = d;
        const b = d - (ha + (hb - ha) * t);
        if (b < bank[c]) bank[c] = b;
      }
    }
    return {centre, bank};
  };
}

/** Calls `onRow(r, d)` for every row of the lattice, in order. */
export function forEachRowDistance(lat: Lattice, lines: Polyline[], bandKm: number, onRow: (r: number, d: RowDistances) => void): void {
  const row = rowDistances(lat, lines, bandKm);
  for (let r = 0; r < lat.ny; r++) onRow(r, row(r));
}
