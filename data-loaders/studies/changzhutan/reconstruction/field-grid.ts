// Smooth fields sampled on a coarse lon/lat lattice and read back by bilinear
// interpolation: the large-scale parts of the landscape (relief, urban pull,
// distances to rivers and roads) are computed once per lattice node instead of
// once per 30 m pixel.
import {forEachRowDistance, type Lattice, type Polyline} from "./distance.js";

export interface FieldGrid extends Lattice {
  data: Float32Array;
}

/** A lattice covering [west, east] × [south, north] with one node beyond each edge. */
export function latticeFor(west: number, south: number, east: number, north: number, step: number): Lattice {
  const lon0 = Math.floor(west / step) * step - step;
  const lat0 = Math.ceil(north / step) * step + step;
  return {lon0, lat0, step, nx: Math.ceil((east - lon0) / step) + 2, ny: Math.ceil((lat0 - south) / step) + 2};
}

export function fieldFrom(l: Lattice, f: (lon: number, lat: number, i: number) => number): FieldGrid {
  const data = new Float32Array(l.nx * l.ny);
  for (let r = 0; r < l.ny; r++) {
    const lat = l.lat0 - r * l.step;
    for (let c = 0; c < l.nx; c++) data[r * l.nx + c] = f(l.lon0 + c * l.step, lat, r * l.nx + c);
  }
  return {...l, data};
}

/** Distance (km, capped at band) from every node to the nearest of the lines. */
export function distanceField(l: Lattice, lines: Polyline[], bandKm: number, use: "centre" | "bank" = "centre"): FieldGrid {
  const data = new Float32Array(l.nx * l.ny);
  forEachRowDistance(l, lines, bandKm, (r, d) => data.set(d[use], r * l.nx));
  return {...l, data};
}

/** Bilinear read of one grid at a point (LatticeSampler, for one grid). */
export function sample(g: FieldGrid, lon: number, lat: number): number {
  return new LatticeSampler(g).at(lon, lat).get(g);
}

/**
 * Bilinear reads of several grids on the same lattice at one point: the cell
 * and weights are found once by `at`, then `get` reads any of the grids.
 */
export class LatticeSampler {
  private i = 0;
  private fx = 0;
  private fy = 0;
  constructor(private readonly l: Lattice) {}
  at(lon: number, lat: number): this {
    const l = this.l;
    let x = (lon - l.lon0) / l.step;
    let y = (l.lat0 - lat) / l.step;
    x = x < 0 ? 0 : x > l.nx - 1.000001 ? l.nx - 1.000001 : x;
    y = y < 0 ? 0 : y > l.ny - 1.000001 ? l.ny - 1.000001 : y;
    const c = Math.floor(x);
    const r = Math.floor(y);
    this.fx = x - c;
    this.fy = y - r;
    this.i = r * l.nx + c;
    return this;
  }
  get(g: FieldGrid): number {
    const d = g.data;
    const i = this.i;
    const nx = this.l.nx;
    const top = d[i] + (d[i + 1] - d[i]) * this.fx;
    const bottom = d[i + nx] + (d[i + nx + 1] - d[i + nx]) * this.fx;
    return top + (bottom - top) * this.fy;
  }
}
