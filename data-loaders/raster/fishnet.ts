// Which fishnet cell each pixel centre falls in, without calling proj4 for
// every pixel.
//
// - Geographic raster, normal-aspect conic fishnet (aea, lcc, eqdc): a pixel
//   centre maps to x = xf + ρ(φ_row)·sin θ_col, y = yc − ρ(φ_row)·cos θ_col with
//   θ = n(λ − λ0). ρ per row, sin/cos per column: separable and exact. The
//   cone constant n, the apex yc and ρ(φ) all come from proj4 itself (three
//   forward projections), so the projection maths keeps one implementation.
// - Geographic raster, cylindrical fishnet (cea, merc, eqc): x per column,
//   y per row.
// - Anything else (e.g. a projected raster): proj4 on a lattice of every
//   k-th pixel, interpolated bilinearly, and proj4 again for the few pixels
//   whose interpolated position lies within TOLERANCE of a cell edge. k is
//   halved until the interpolation error, sampled where it is largest
//   (midway between lattice nodes), is below TOLERANCE / 4; assignments then
//   equal per-pixel proj4.
// The separable shortcuts are checked against per-pixel proj4 when the plan
// is made and abandoned for the lattice if they disagree by over a micrometre.
import type {RasterCrs} from "./crs.js";
import type {RasterInfo} from "./open-raster.js";
import {pixelFrame, type PixelFrame} from "./pixel-geometry.js";
import {normalizeProj, projName, projector} from "./proj.js";

const TOLERANCE = 0.05; // metres
const SEPARABLE_CHECK = 1e-6; // metres

export interface FishnetPlan {
  cellKm: number;
  proj: string;
  cellM: number;
  /** global cell indices: ix = floor(x / cellM), iy = floor(y / cellM); col = ix − ixMin, row = iyMax − iy */
  ixMin: number;
  iyMax: number;
  nCols: number;
  nRows: number;
  method: "conic" | "cylindrical" | "lattice";
  /** conic: apex ordinate, false easting of the central meridian, cone constant, central meridian (deg) */
  yc: number;
  xf: number;
  n: number;
  lon0: number;
  /** lattice step in pixels */
  step: number;
}

/** A fishnet's projected coordinates for a pixel centre, exactly via proj4. */
function exactXY(frame: PixelFrame, fish: ReturnType<typeof projector>, r: number, c: number): [number, number] {
  const [lon, lat] = frame.pixelToLonLat(c + 0.5, r + 0.5);
  const [x, y] = fish.forward([lon, lat]);
  return [x, y];
}

export function planFishnet(info: RasterInfo, crs: RasterCrs, cellKm: number, projText: string): FishnetPlan {
  if (!(cellKm > 0)) throw new Error(`cell size must be a positive number of km, got ${cellKm}`);
  const proj = normalizeProj(projText);
  const fish = projector(proj);
  const frame = pixelFrame(info, crs);
  const {width: W, height: H} = info;
  const cellM = cellKm * 1000;

  // Extent: a continuous map sends the raster's boundary to its image's boundary,
  // so the boundary's pixel corners bound every pixel centre; pad by a cell.
  let xMin = Infinity,
    xMax = -Infinity,
    yMin = Infinity,
    yMax = -Infinity;
  const visit = (c: number, r: number) => {
    const [x, y] = fish.forward(frame.pixelToLonLat(c, r));
    if (!Number.isFinite(x) || !Number.isFinite(y))
      throw new Error(`${info.name}: pixel corner (${c}, ${r}) does not project into the fishnet "${proj}"`);
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  };
  for (let c = 0; c <= W; c++) {
    visit(c, 0);
    visit(c, H);
  }
  for (let r = 0; r <= H; r++) {
    visit(0, r);
    visit(W, r);
  }
  const ixMin = Math.floor(xMin / cellM) - 1;
  const iyMax = Math.floor(yMax / cellM) + 1;
  const plan: FishnetPlan = {
    cellKm,
    proj,
    cellM,
    ixMin,
    iyMax,
    nCols: Math.floor(xMax / cellM) + 1 - ixMin + 1,
    nRows: iyMax - (Math.floor(yMin / cellM) - 1) + 1,
    method: "lattice",
    yc: 0,
    xf: 0,
    n: 0,
    lon0: 0,
    step: 16
  };
  if (plan.nCols * plan.nRows > 2 ** 31 - 1)
    throw new Error(`a ${cellKm} km fishnet over ${info.name} has too many cells; use larger cells`);

  const name = projName(proj);
  if (crs.kind === "geographic" && ["aea", "lcc", "eqdc"].includes(name)) {
    const lon0 = Number(/\+lon_0=(\S+)/.exec(proj)?.[1] ?? 0);
    const lat = info.y0 - (H / 2) * info.dy;
    const [xa, ya] = fish.forward([lon0, lat]);
    const [xb, yb] = fish.forward([lon0 + 10, lat]);
    const dxb = xb - xa;
    // apex on the central meridian, equidistant from both points of the parallel
    const yc = (ya + yb) / 2 - (dxb * dxb) / (2 * (ya - yb));
    const n = Math.atan2(dxb, yc - yb) / ((10 * Math.PI) / 180);
    // x is monotone along a row only while |θ| = |n·Δλ| < 90°
    const reach = Math.max(...[info.x0, info.x0 + W * info.dx].map((lon) => Math.abs(n * (((lon - lon0 + 540) % 360) - 180))));
    if (reach < 80) Object.assign(plan, {method: "conic", yc, xf: xa, n, lon0});
  } else if (crs.kind === "geographic" && ["cea", "merc", "eqc"].includes(name)) {
    plan.method = "cylindrical";
  }
  if (plan.method !== "lattice" && maxError(new CellAssigner(plan, info, crs), frame, fish, info) > SEPARABLE_CHECK) {
    process.stderr.write(`warning: fishnet "${proj}": separable shortcut disagrees with proj4; using the lattice method\n`);
    plan.method = "lattice";
  }
  if (plan.method === "lattice") {
    while (plan.step > 1 && maxError(new CellAssigner(plan, info, crs), frame, fish, info) > TOLERANCE / 4) plan.step /= 2;
  }
  return plan;
}

/** Largest distance between the assigner's coordinates and proj4's, sampled where a lattice is worst (midway between nodes). */
function maxError(a: CellAssigner, frame: PixelFrame, fish: ReturnType<typeof projector>, info: RasterInfo): number {
  const {width: W, height: H} = info;
  const half = Math.floor(a.plan.step / 2);
  const mid = Math.floor(H / 2 / a.plan.step) * a.plan.step;
  const rows = [0, half, mid, mid + half, H - 1 - half, H - 1].filter((r) => r >= 0 && r < H);
  let worst = 0;
  for (const r of rows) {
    for (let c = 0; c < W; c += Math.max(1, Math.floor(W / 97))) {
      for (const cc of [c, Math.min(W - 1, c + half)]) {
        const [x, y] = a.approxXY(r, cc);
        const [ex, ey] = exactXY(frame, fish, r, cc);
        worst = Math.max(worst, Math.hypot(x - ex, y - ey));
      }
    }
  }
  return worst;
}

/** Per-worker state: turns a row's pixel spans into runs of pixels sharing a fishnet cell. */
export class CellAssigner {
  private readonly frame: PixelFrame;
  private readonly fish: ReturnType<typeof projector>;
  // separable methods: x = xf + ρ·S[c], y = yc − ρ·C[c] (conic: S = sin θ, C = cos θ;
  // cylindrical: S = x of the column, C = 0, ρ = 1, xf = 0, yc = y of the row)
  private readonly S: Float64Array;
  private readonly C: Float64Array;
  /** first column east of the central meridian: y is monotone on each side of it */
  private split = 0;
  private rowKey = -1;
  private rowXf = 0;
  private rowRho = 0;
  private rowYc = 0;
  // lattice node rows, cached by node-row index
  private readonly nodes = new Map<number, [Float64Array, Float64Array]>();
  private readonly nodeCols: number[] = [];
  private readonly rowX: Float64Array;
  private readonly rowY: Float64Array;
  private readonly pixelOffsets: Int32Array;
  // run ends of the current and previous row (guesses for the separable search)
  private ends: Int32Array;
  private prevEnds: Int32Array;
  private nEnds = 0;
  private prevN = 0;
  private prevPtr = 0;
  private endsRow = -2;

  constructor(
    readonly plan: FishnetPlan,
    private readonly info: RasterInfo,
    crs: RasterCrs
  ) {
    this.frame = pixelFrame(info, crs);
    this.fish = projector(plan.proj);
    const W = info.width;
    this.rowX = new Float64Array(W);
    this.rowY = new Float64Array(W);
    this.pixelOffsets = new Int32Array(W);
    this.ends = new Int32Array(W + 1);
    this.prevEnds = new Int32Array(W + 1);
    this.S = new Float64Array(W);
    this.C = new Float64Array(W);
    if (plan.method === "conic") {
      this.split = W;
      for (let c = 0; c < W; c++) {
        let dl = info.x0 + (c + 0.5) * info.dx - plan.lon0;
        dl -= 360 * Math.round(dl / 360);
        if (dl >= 0 && this.split === W) this.split = c;
        const t = (plan.n * dl * Math.PI) / 180;
        this.S[c] = Math.sin(t);
        this.C[c] = Math.cos(t);
      }
    } else if (plan.method === "cylindrical") {
      const lat = info.y0 - (info.height / 2) * info.dy;
      for (let c = 0; c < W; c++) this.S[c] = this.fish.forward([info.x0 + (c + 0.5) * info.dx, lat])[0];
    } else {
      for (let c = 0; c < W; c += plan.step) this.nodeCols.push(c);
      if (this.nodeCols[this.nodeCols.length - 1] !== W - 1) this.nodeCols.push(W - 1);
    }
  }

  /** Row parameters of the separable methods: one proj4 call per row. */
  private setRow(r: number): void {
    if (r === this.rowKey) return;
    const lat = this.info.y0 - (r + 0.5) * this.info.dy;
    if (this.plan.method === "conic") {
      this.rowXf = this.plan.xf;
      this.rowYc = this.plan.yc;
      this.rowRho = this.plan.yc - this.fish.forward([this.plan.lon0, lat])[1];
    } else {
      this.rowXf = 0;
      this.rowRho = 1;
      this.rowYc = this.fish.forward([this.info.x0, lat])[1];
    }
    this.rowKey = r;
  }

  private nodeRow(j: number): [Float64Array, Float64Array] {
    let v = this.nodes.get(j);
    if (v) {
      // least recently used first (a Map keeps insertion order): a row's two node rows stay while
      // rows far off (the band's last row, sampled before the chunk's first) give way
      this.nodes.delete(j);
    } else {
      const r = Math.min(j * this.plan.step, this.info.height - 1);
      const xs = new Float64Array(this.nodeCols.length);
      const ys = new Float64Array(this.nodeCols.length);
      this.nodeCols.forEach((c, i) => ([xs[i], ys[i]] = exactXY(this.frame, this.fish, r, c)));
      v = [xs, ys];
      if (this.nodes.size > 4) this.nodes.delete(this.nodes.keys().next().value!);
    }
    this.nodes.set(j, v);
    return v;
  }

  /** Fill rowX/rowY for columns [c0, c1) of row r with the method's coordinates. */
  private fillRow(r: number, c0: number, c1: number): void {
    const {plan, rowX, rowY} = this;
    if (plan.method !== "lattice") {
      this.setRow(r);
      const {S, C, rowXf: xf, rowRho: rho, rowYc: yc} = this;
      for (let c = c0; c < c1; c++) {
        rowX[c] = xf + rho * S[c];
        rowY[c] = yc - rho * C[c];
      }
      return;
    }
    const step = plan.step;
    const H = this.info.height;
    const j = Math.floor(r / step);
    const rA = Math.min(j * step, H - 1);
    const rB = Math.min((j + 1) * step, H - 1);
    const [ax, ay] = this.nodeRow(j);
    const [bx, by] = rB === rA ? [ax, ay] : this.nodeRow(j + 1);
    const wv = rB === rA ? 0 : (r - rA) / (rB - rA);
    const cols = this.nodeCols;
    if (cols.length === 1) {
      for (let c = c0; c < c1; c++) [rowX[c], rowY[c]] = exactXY(this.frame, this.fish, r, c);
      return;
    }
    for (let i = Math.floor(c0 / step); i < cols.length - 1 && cols[i] < c1; i++) {
      const ca = cols[i],
        cb = cols[i + 1];
      const x0 = ax[i] + (bx[i] - ax[i]) * wv,
        x1 = ax[i + 1] + (bx[i + 1] - ax[i + 1]) * wv;
      const y0 = ay[i] + (by[i] - ay[i]) * wv,
        y1 = ay[i + 1] + (by[i + 1] - ay[i + 1]) * wv;
      const lo = Math.max(ca, c0),
        hi = Math.min(cb + 1, c1);
      for (let c = lo; c < hi; c++) {
        const w = (c - ca) / (cb - ca);
        rowX[c] = x0 + (x1 - x0) * w;
        rowY[c] = y0 + (y1 - y0) * w;
      }
    }
  }

  /** The method's coordinates for one pixel (for checks). */
  approxXY(r: number, c: number): [number, number] {
    this.fillRow(r, c, c + 1);
    return [this.rowX[c], this.rowY[c]];
  }

  /** Fishnet row of one pixel centre by the method's own (fast) coordinates. */
  approxCellRow(r: number, c: number): number {
    this.fillRow(r, c, c + 1);
    return this.plan.iyMax - Math.floor(this.rowY[c] / this.plan.cellM);
  }

  /** Cell (row, col) of one pixel centre, exactly as per-pixel proj4 would give. */
  cellOf(r: number, c: number): [number, number] {
    const [x, y] = exactXY(this.frame, this.fish, r, c);
    return [this.plan.iyMax - Math.floor(y / this.plan.cellM), Math.floor(x / this.plan.cellM) - this.plan.ixMin];
  }

  /**
   * Append to `out` the runs of columns [c0, c1) of row r that share a cell,
   * as triples (start, end, offset) where offset = ((cellRow − rowBase)·nCols + cellCol)·stride
   * locates the cell in a band accumulator starting at fishnet row rowBase.
   * Returns the new number of triples. Throws if a cell row leaves the band.
   */
  runs(r: number, c0: number, c1: number, out: Int32Array, n: number, rowBase: number, bandRows: number, stride: number): number {
    const start = n;
    if (this.plan.method === "lattice") n = this.latticeRuns(r, c0, c1, out, n, rowBase, stride);
    else {
      if (r !== this.endsRow) {
        // a new row: the last row's run ends become this row's guesses
        [this.prevEnds, this.ends] = [this.ends, this.prevEnds];
        this.prevN = this.endsRow === r - 1 ? this.nEnds : 0;
        this.nEnds = 0;
        this.prevPtr = 0;
        this.endsRow = r;
      }
      this.setRow(r);
      const mid = Math.min(Math.max(this.split, c0), c1);
      if (mid > c0) n = this.separableRuns(c0, mid, out, n, rowBase, stride);
      if (c1 > mid) n = this.separableRuns(mid, c1, out, n, rowBase, stride);
    }
    const perRow = this.plan.nCols * stride;
    for (let k = start; k < n; k++) {
      const row = Math.floor(out[3 * k + 2] / perRow);
      if (row < 0 || row >= bandRows)
        throw new Error(`internal: fishnet row ${rowBase + row} outside the band ${rowBase}..${rowBase + bandRows - 1} at raster row ${r}`);
    }
    return n;
  }

  /**
   * Columns [a, b) on one side of the central meridian: there x and y are both
   * monotone in c, so a cell's pixels are contiguous and a run ends where the
   * cell first differs. Cell edges move by a fraction of a pixel from one row
   * to the next, so the previous row's run end is tried first (two
   * evaluations when it holds), then galloping and bisection. Every probe
   * evaluates the same expression a per-pixel loop would, so runs equal
   * per-pixel assignment.
   */
  private separableRuns(a: number, b: number, out: Int32Array, n: number, rowBase: number, stride: number): number {
    const {S, C, rowXf: xf, rowRho: rho, rowYc: yc, prevEnds, ends} = this;
    const {cellM, ixMin, iyMax, nCols} = this.plan;
    const top = iyMax - rowBase;
    const id = (c: number) => (top - Math.floor((yc - rho * C[c]) / cellM)) * nCols + Math.floor((xf + rho * S[c]) / cellM) - ixMin;
    const prevN = this.prevN;
    let pi = this.prevPtr;
    let c = a;
    let cell = id(a);
    let lastLen = 32;
    while (c < b) {
      while (pi < prevN && prevEnds[pi] <= c) pi++;
      const g = Math.min(b, pi < prevN ? prevEnds[pi] : c + lastLen);
      let lo = c; // id(lo) === cell
      let hi = b; // first column known to differ, or b
      let next = -1; // id(hi) when known
      if (g < b) {
        const v = id(g);
        if (v !== cell) {
          hi = g;
          next = v;
          // the end is at or before g: step back from g (edges move little), then bisect
          for (let step = 1; g - step > c; step *= 2) {
            const p = g - step;
            const u = id(p);
            if (u === cell) {
              lo = p;
              break;
            }
            hi = p;
            next = u;
          }
        } else {
          // the end is past g: try the previous row's following ends, then gallop
          lo = g;
          let qi = pi + 1;
          for (let step = 1; ;) {
            const p = qi < prevN && prevEnds[qi] > lo ? prevEnds[qi++] : lo + (step *= 2) / 2;
            if (p >= b) break;
            const w = id(p);
            if (w !== cell) {
              hi = p;
              next = w;
              break;
            }
            lo = p;
          }
        }
      } else if (b - 1 > c && id(b - 1) === cell) {
        lo = b - 1;
      }
      while (hi - lo > 1) {
        const m = (lo + hi) >> 1;
        const w = id(m);
        if (w === cell) lo = m;
        else {
          hi = m;
          next = w;
        }
      }
      out[3 * n] = c;
      out[3 * n + 1] = hi;
      out[3 * n + 2] = cell * stride;
      n++;
      ends[this.nEnds++] = hi;
      lastLen = hi - c;
      c = hi;
      if (c < b) cell = next >= 0 ? next : id(c);
    }
    this.prevPtr = pi;
    return n;
  }

  /** General case: lattice coordinates per pixel, proj4 for pixels near a cell edge, then runs. */
  private latticeRuns(r: number, c0: number, c1: number, out: Int32Array, n: number, rowBase: number, stride: number): number {
    this.fillRow(r, c0, c1);
    const {rowX, rowY, pixelOffsets} = this;
    const {cellM, ixMin, iyMax, nCols} = this.plan;
    const top = iyMax - rowBase;
    for (let c = c0; c < c1; c++) {
      let fx = rowX[c] / cellM;
      let fy = rowY[c] / cellM;
      if (Math.abs(fx - Math.round(fx)) * cellM < TOLERANCE || Math.abs(fy - Math.round(fy)) * cellM < TOLERANCE) {
        const [ex, ey] = exactXY(this.frame, this.fish, r, c);
        fx = ex / cellM;
        fy = ey / cellM;
      }
      pixelOffsets[c] = ((top - Math.floor(fy)) * nCols + Math.floor(fx) - ixMin) * stride;
    }
    let s = c0;
    for (let c = c0 + 1; c <= c1; c++) {
      if (c === c1 || pixelOffsets[c] !== pixelOffsets[s]) {
        out[3 * n] = s;
        out[3 * n + 1] = c;
        out[3 * n + 2] = pixelOffsets[s];
        n++;
        s = c;
      }
    }
    return n;
  }
}
