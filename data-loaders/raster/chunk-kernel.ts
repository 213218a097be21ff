// One chunk of rows (a fixed band, independent of how many threads run) read
// from every raster and counted into
//  - code histograms (one raster) and code-pair histograms (two rasters,
//    index from·256 + to), counted per row and multiplied by the row's pixel
//    area when the row ends, so km² are sums of exact count × row area;
//  - fishnet accumulators: per band-local cell and class slot, the area of
//    its pixels, counted per run of pixels sharing a cell.
// Chunk results are small and sparse; the caller merges them in chunk order,
// so floating-point sums do not depend on the thread count.
import {accumulateCodeRuns, accumulatePairRuns, Counter, countCodes, countPairs} from "./counting.js";
import type {RasterCrs} from "./crs.js";
import {CellAssigner, type FishnetPlan} from "./fishnet.js";
import type {MaskSpans} from "./mask.js";
import type {RasterInfo} from "./open-raster.js";
import {RowSource} from "./row-source.js";

export interface GridTask {
  plan: FishnetPlan;
  /** per raster: code → slot (0..slotsPerRaster−1); each raster's block in a cell is slotsPerRaster wide */
  luts: Uint8Array[];
  slotsPerRaster: number;
}

export interface JobSpec {
  rasters: RasterInfo[];
  crs: RasterCrs;
  rowAreaM2: Float64Array;
  mask: MaskSpans;
  chunkRows: number;
  /** raster indices to histogram alone */
  singles: number[];
  /** raster index pairs to cross-tabulate */
  pairs: [number, number][];
  grids: GridTask[];
  /** false forces row-by-row reading even when the rasters share a tiling (tests compare both paths) */
  windowed?: boolean;
}

export interface SparseHistogram {
  index: Int32Array;
  pixels: Float64Array;
  m2: Float64Array;
}

export interface GridChunk {
  /** first fishnet row of the band */
  rowBase: number;
  /** band rows × nCols cells × stride (= rasters × slotsPerRaster) area sums, m²; dense */
  m2: Float64Array;
}

export interface ChunkResult {
  chunk: number;
  singles: SparseHistogram[];
  pairs: SparseHistogram[];
  grids: GridChunk[];
}

interface Band {
  rowBase: number;
  bandRows: number;
  stride: number;
}

export function chunkCount(job: JobSpec): number {
  return Math.ceil(job.rasters[0].height / job.chunkRows);
}

/** A row counter plus the chunk's area-weighted totals. */
class Tally {
  readonly row: Counter;
  readonly pixels: Float64Array;
  readonly m2: Float64Array;
  constructor(readonly bins: number) {
    this.row = new Counter(bins);
    this.pixels = new Float64Array(bins);
    this.m2 = new Float64Array(bins);
  }
  /** End of row: move its counts into the chunk totals, weighted by the row's pixel area. */
  flushRow(area: number): void {
    const {count, touched} = this.row;
    for (let k = 0; k < this.row.n; k++) {
      const i = touched[k];
      const n = count[i];
      this.pixels[i] += n;
      this.m2[i] += n * area;
      count[i] = 0;
    }
    this.row.n = 0;
  }
  /** End of chunk: the non-zero entries, and reset. */
  take(): SparseHistogram {
    const idx: number[] = [];
    for (let i = 0; i < this.bins; i++) if (this.pixels[i] !== 0) idx.push(i);
    const out = {index: Int32Array.from(idx), pixels: new Float64Array(idx.length), m2: new Float64Array(idx.length)};
    idx.forEach((i, k) => {
      out.pixels[k] = this.pixels[i];
      out.m2[k] = this.m2[i];
      this.pixels[i] = 0;
      this.m2[i] = 0;
    });
    return out;
  }
}

/** Runs (start, end, cell offset) of a group of rows for one grid, with a cursor per row for windows. */
class RunStore {
  data = new Int32Array(0);
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly cursor: Int32Array;
  r0 = 0;
  constructor(maxRows: number) {
    this.first = new Int32Array(maxRows);
    this.count = new Int32Array(maxRows);
    this.cursor = new Int32Array(maxRows);
  }
}

export class ChunkKernel {
  // per raster: the array holding the current row (row buffer or decoded tile) and the row's byte offset in it
  private readonly bytes: Uint8Array[];
  private readonly words: Uint32Array[];
  private readonly offsets: Int32Array;
  private readonly singles: Tally[];
  private readonly pairs: Tally[];
  private readonly assigners: CellAssigner[];
  private readonly gridAcc: Float64Array[];
  private readonly stores: RunStore[];
  private readonly scratch: Int32Array;
  private readonly window: Int32Array;
  private readonly runPairs = new Counter(65536);
  private readonly runCodes = new Counter(256);
  /** all rasters share a tiling whose rows are word-aligned: count straight from decoded tiles, window by window */
  private readonly windowed: boolean;

  private constructor(
    private readonly job: JobSpec,
    private readonly sources: RowSource[]
  ) {
    const [first] = job.rasters;
    this.windowed =
      job.windowed !== false &&
      first.blockWidth % 4 === 0 &&
      job.rasters.every((r) => r.blockWidth === first.blockWidth && r.blockHeight === first.blockHeight);
    this.bytes = sources.map((s) => s.rowBytes);
    this.words = sources.map((s) => s.rowWords);
    this.offsets = new Int32Array(sources.length);
    this.singles = job.singles.map(() => new Tally(256));
    this.pairs = job.pairs.map(() => new Tally(65536));
    this.assigners = job.grids.map((g) => new CellAssigner(g.plan, first, job.crs));
    this.gridAcc = job.grids.map(() => new Float64Array(0));
    const rowsAtOnce = this.windowed ? first.blockHeight : 1;
    this.stores = job.grids.map(() => new RunStore(rowsAtOnce));
    this.scratch = new Int32Array(job.grids.length ? 3 * first.width : 0);
    this.window = new Int32Array(job.grids.length ? 3 * first.width : 0);
  }

  static async open(job: JobSpec): Promise<ChunkKernel> {
    const sources = await Promise.all(job.rasters.map((info) => RowSource.open(info)));
    return new ChunkKernel(job, sources);
  }

  run(chunk: number): ChunkResult {
    const {job, sources} = this;
    const info = job.rasters[0];
    const r0 = chunk * job.chunkRows;
    const r1 = Math.min(r0 + job.chunkRows, info.height);
    const {rowPtr} = job.mask;
    const bands = job.grids.map((g, gi) => this.band(g, gi, r0, r1));
    if (this.windowed) {
      // Block row by block row, tile column by tile column: each tile is decoded
      // once and counted while it is in cache, without copying it into rows.
      const {blockWidth: bw, blockHeight: bh} = info;
      for (let br = Math.floor(r0 / bh); br * bh < r1; br++) {
        const rr0 = Math.max(r0, br * bh),
          rr1 = Math.min(r1, (br + 1) * bh);
        for (let g = 0; g < job.grids.length; g++) this.computeRuns(g, bands[g], rr0, rr1);
        for (let bc = 0; bc < info.blocksAcross; bc++) {
          const c0 = bc * bw,
            c1 = Math.min(info.width, c0 + bw);
          for (let i = 0; i < sources.length; i++) {
            const t = sources[i].tile(br * info.blocksAcross + bc);
            this.bytes[i] = t.bytes;
            this.words[i] = t.words;
          }
          for (let r = rr0; r < rr1; r++) {
            if (rowPtr[r] === rowPtr[r + 1]) continue;
            const o = (r - br * bh) * bw - c0; // column c of row r is byte o + c of the tile
            for (let i = 0; i < sources.length; i++) this.offsets[i] = o;
            this.process(r, c0, c1);
          }
        }
      }
    } else {
      for (let r = r0; r < r1; r++) {
        if (rowPtr[r] === rowPtr[r + 1]) continue;
        for (let i = 0; i < sources.length; i++) {
          this.offsets[i] = sources[i].load(r);
          this.bytes[i] = sources[i].rowBytes;
          this.words[i] = sources[i].rowWords;
        }
        for (let g = 0; g < job.grids.length; g++) this.computeRuns(g, bands[g], r, r + 1);
        this.process(r, 0, info.width);
      }
    }
    return {
      chunk,
      singles: this.singles.map((t) => t.take()),
      pairs: this.pairs.map((t) => t.take()),
      grids: job.grids.map((task, g) => this.takeGrid(task, g, bands[g]))
    };
  }

  /** Count columns [cLo, cHi) of row r (within the mask) from the current bytes/words/offsets. */
  private process(r: number, cLo: number, cHi: number): void {
    const {job, bytes, words, offsets} = this;
    const {rowPtr, spans} = job.mask;
    const k0 = rowPtr[r],
      k1 = rowPtr[r + 1];
    const area = job.rowAreaM2[r];
    for (let h = 0; h < job.singles.length; h++) {
      const i = job.singles[h];
      const t = this.singles[h];
      for (let k = k0; k < k1; k++) {
        const s = Math.max(spans[2 * k], cLo),
          e = Math.min(spans[2 * k + 1], cHi);
        if (e > s) countCodes(t.row, bytes[i], words[i], offsets[i], s, e);
      }
      t.flushRow(area);
    }
    for (let h = 0; h < job.pairs.length; h++) {
      const [i, j] = job.pairs[h];
      const t = this.pairs[h];
      for (let k = k0; k < k1; k++) {
        const s = Math.max(spans[2 * k], cLo),
          e = Math.min(spans[2 * k + 1], cHi);
        if (e > s) countPairs(t.row, bytes[i], words[i], offsets[i], bytes[j], words[j], offsets[j], s, e);
      }
      t.flushRow(area);
    }
    for (let g = 0; g < job.grids.length; g++) this.gridRow(g, r, cLo, cHi, area);
  }

  /** Runs of pixels sharing a cell, for rows [ra, rb) of grid g (the whole masked row). */
  private computeRuns(g: number, band: Band, ra: number, rb: number): void {
    const store = this.stores[g];
    const {rowPtr, spans} = this.job.mask;
    store.r0 = ra;
    let total = 0;
    for (let r = ra; r < rb; r++) {
      let n = 0;
      for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++)
        n = this.assigners[g].runs(r, spans[2 * k], spans[2 * k + 1], this.scratch, n, band.rowBase, band.bandRows, band.stride);
      if (store.data.length < 3 * (total + n)) {
        const grown = new Int32Array(Math.max(3 * (total + n), 2 * store.data.length));
        grown.set(store.data.subarray(0, 3 * total));
        store.data = grown;
      }
      store.data.set(this.scratch.subarray(0, 3 * n), 3 * total);
      store.first[r - ra] = total;
      store.count[r - ra] = n;
      store.cursor[r - ra] = 0;
      total += n;
    }
  }

  /** Row r's runs clipped to columns [cLo, cHi), counted two rasters at a time into grid g. */
  private gridRow(g: number, r: number, cLo: number, cHi: number, area: number): void {
    const {job, bytes, words, offsets, window} = this;
    const task = job.grids[g];
    const store = this.stores[g];
    const i0 = r - store.r0;
    const base = store.first[i0],
      count = store.count[i0];
    // runs are in column order and windows come left to right: resume at the row's cursor
    let q = store.cursor[i0];
    let n = 0;
    for (; q < count; q++) {
      const o = 3 * (base + q);
      const s = store.data[o],
        e = store.data[o + 1];
      if (s >= cHi) break;
      if (e > cLo) {
        window[3 * n] = Math.max(s, cLo);
        window[3 * n + 1] = Math.min(e, cHi);
        window[3 * n + 2] = store.data[o + 2];
        n++;
      }
      if (e > cHi) break; // continues in the next window
    }
    store.cursor[i0] = q;
    const acc = this.gridAcc[g];
    const spr = task.slotsPerRaster;
    const nR = job.rasters.length;
    for (let i = 0; i < nR; i += 2) {
      if (i + 1 < nR) {
        const j = i + 1;
        accumulatePairRuns(
          this.runPairs,
          window,
          n,
          bytes[i],
          words[i],
          offsets[i],
          bytes[j],
          words[j],
          offsets[j],
          acc,
          task.luts[i],
          i * spr,
          task.luts[j],
          j * spr,
          area
        );
      } else {
        accumulateCodeRuns(this.runCodes, window, n, bytes[i], words[i], offsets[i], acc, task.luts[i], i * spr, area);
      }
    }
  }

  /**
   * The fishnet rows a band of raster rows can reach: those of its boundary
   * pixels (by the assigner's own fast coordinates), padded by two.
   */
  private band(task: GridTask, g: number, r0: number, r1: number): Band {
    const W = this.job.rasters[0].width;
    const assigner = this.assigners[g];
    let lo = Infinity,
      hi = -Infinity;
    const see = (r: number, c: number) => {
      const row = assigner.approxCellRow(r, c);
      lo = Math.min(lo, row);
      hi = Math.max(hi, row);
    };
    for (let c = 0; c < W; c += Math.max(1, Math.floor(W / 64))) {
      see(r0, c);
      see(r1 - 1, c);
    }
    for (let r = r0; r < r1; r++) {
      see(r, 0);
      see(r, W - 1);
    }
    const rowBase = Math.max(0, lo - 2);
    const bandRows = Math.min(task.plan.nRows, hi + 3) - rowBase;
    const stride = task.slotsPerRaster * this.job.rasters.length;
    const size = bandRows * task.plan.nCols * stride;
    if (this.gridAcc[g].length < size) this.gridAcc[g] = new Float64Array(size);
    return {rowBase, bandRows, stride};
  }

  /** End of chunk: the band's sums (dense: small, and cheap to merge), and reset the accumulator. */
  private takeGrid(task: GridTask, g: number, {rowBase, bandRows, stride}: Band): GridChunk {
    const size = bandRows * task.plan.nCols * stride;
    const m2 = this.gridAcc[g].slice(0, size);
    this.gridAcc[g].fill(0, 0, size);
    return {rowBase, m2};
  }

  close(): void {
    for (const s of this.sources) s.close();
  }
}
