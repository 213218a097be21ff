// One chunk of rows (a fixed band, independent of how many threads run) read
// from every raster and counted into
//  - code histograms (one raster) and code-pair histograms (two rasters,
//    index from·256 + to), counted per row and multiplied by the row's pixel
//    area when the row ends, so km² are sums of exact count × row area;
//  - fishnet accumulators: per band-local cell and class slot, the area of
//    its pixels, counted per run of pixels sharing a cell.
//  - counts per part of the boundary and raster row (the parts' own spans, a
//    pixel inside two parts counting for the first), and per display pixel
//    (factor × factor source pixels inside the mask), by the same run loops
//    with a weight of one pixel: so that a whole study decodes each raster once.
// Chunk results are small and sparse; the caller merges them in chunk order,
// so floating-point sums do not depend on the thread count.
import {accumulateCodeRuns, accumulatePairRuns, Counter, countCodes, countPairs, countRunsDirect} from "./counting.js";
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

/** Pixels of each class per part of the boundary (district, county) and raster row. */
export interface ZoneTask {
  /** one per part, in the boundary file's order; a pixel inside two parts counts for the first */
  masks: MaskSpans[];
  /** per raster: code → slot, as GridTask */
  luts: Uint8Array[];
  slotsPerRaster: number;
}

/** Pixels of each class per display pixel: blocks of factor × factor source pixels, inside the job's mask. */
export interface DisplayTask {
  factor: number;
  /** display pixels across: ceil(raster width / factor) */
  width: number;
  /** per raster: code → slot, as GridTask; slots below `classes` compete for the majority */
  luts: Uint8Array[];
  slotsPerRaster: number;
  classes: number;
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
  zones?: ZoneTask;
  display?: DisplayTask;
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

export interface ZoneChunk {
  /** the chunk's rows × parts × stride (= rasters × slotsPerRaster) pixel counts */
  counts: Float64Array;
}

export interface DisplayChunk {
  /** first display row the chunk reaches */
  rowBase: number;
  /** display rows whose source rows all lie in the chunk: rasters × width majority indices each (0 = none, k + 1 = slot k) */
  complete: {row: number; majority: Uint8Array}[];
  /** display rows shared with a neighbouring chunk: width × stride counts, to be added before the majority is taken */
  partial: {row: number; counts: Float64Array}[];
}

export interface ChunkResult {
  chunk: number;
  singles: SparseHistogram[];
  pairs: SparseHistogram[];
  grids: GridChunk[];
  zones?: ZoneChunk;
  display?: DisplayChunk;
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

/** One accumulation by runs of pixels sharing a slot block: a grid, the parts of the boundary, the display pixels. */
interface RunTask {
  luts: Uint8Array[];
  slotsPerRaster: number;
  /** grids add count × the row's pixel area; parts and display pixels add counts */
  weighted: boolean;
  store: RunStore;
  acc: Float64Array;
}

/**
 * The majority slot (below `classes`) of each display pixel of one display
 * row, for every raster: out[i][outOffset + C] = slot + 1, or 0 when no pixel
 * counts. Ties go to the lower slot (the class listed first), so the result
 * never depends on the order of reading.
 */
export function majorityRow(counts: Float64Array, offset: number, task: DisplayTask, out: Uint8Array[], outOffset: number): void {
  const spr = task.slotsPerRaster;
  const rasters = out.length;
  // one sweep over the row's counts (display pixel by display pixel, every raster's slots in turn)
  for (let C = 0, o = offset; C < task.width; C++)
    for (let i = 0; i < rasters; i++, o += spr) {
      let best = -1,
        n = 0;
      for (let k = 0; k < task.classes; k++)
        if (counts[o + k] > n) {
          n = counts[o + k];
          best = k;
        }
      out[i][outOffset + C] = best + 1;
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
  /** grids (in job order), then the parts of the boundary, then the display pixels */
  private readonly tasks: RunTask[];
  private readonly zoneTask: number;
  private readonly displayTask: number;
  private bands: Band[] = [];
  /** first raster row of the chunk (parts) and first display row it reaches (display) */
  private zoneR0 = 0;
  private displayR0 = 0;
  /** rows the kernel visits: inside the mask or inside a part */
  private readonly active: Uint8Array;
  private readonly scratch: Int32Array;
  private readonly window: Int32Array;
  private pieces = new Int32Array(0);
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
    const rowsAtOnce = this.windowed ? first.blockHeight : 1;
    const task = (t: {luts: Uint8Array[]; slotsPerRaster: number}, weighted: boolean): RunTask => ({
      luts: t.luts,
      slotsPerRaster: t.slotsPerRaster,
      weighted,
      store: new RunStore(rowsAtOnce),
      acc: new Float64Array(0)
    });
    this.tasks = job.grids.map((g) => task(g, true));
    this.zoneTask = job.zones ? this.tasks.push(task(job.zones, false)) - 1 : -1;
    this.displayTask = job.display ? this.tasks.push(task(job.display, false)) - 1 : -1;
    this.active = new Uint8Array(first.height);
    for (const m of [job.mask, ...(job.zones?.masks ?? [])])
      for (let r = 0; r < first.height; r++) if (m.rowPtr[r] < m.rowPtr[r + 1]) this.active[r] = 1;
    this.scratch = new Int32Array(this.tasks.length ? 3 * first.width : 0);
    this.window = new Int32Array(this.tasks.length ? 3 * first.width : 0);
  }

  static async open(job: JobSpec): Promise<ChunkKernel> {
    const sources = await Promise.all(job.rasters.map((info) => RowSource.open(info)));
    return new ChunkKernel(job, sources);
  }

  run(chunk: number): ChunkResult {
    const {job, sources, active} = this;
    const info = job.rasters[0];
    const r0 = chunk * job.chunkRows;
    const r1 = Math.min(r0 + job.chunkRows, info.height);
    this.bands = job.grids.map((g, gi) => this.band(g, gi, r0, r1));
    this.startZones(r0, r1);
    this.startDisplay(r0, r1);
    const nTasks = this.tasks.length;
    if (this.windowed) {
      // Block row by block row, tile column by tile column: each tile is decoded
      // once and counted while it is in cache, without copying it into rows.
      const {blockWidth: bw, blockHeight: bh} = info;
      for (let br = Math.floor(r0 / bh); br * bh < r1; br++) {
        const rr0 = Math.max(r0, br * bh),
          rr1 = Math.min(r1, (br + 1) * bh);
        for (let t = 0; t < nTasks; t++) this.computeRuns(t, rr0, rr1);
        for (let bc = 0; bc < info.blocksAcross; bc++) {
          const c0 = bc * bw,
            c1 = Math.min(info.width, c0 + bw);
          for (let i = 0; i < sources.length; i++) {
            const t = sources[i].tile(br * info.blocksAcross + bc);
            this.bytes[i] = t.bytes;
            this.words[i] = t.words;
          }
          for (let r = rr0; r < rr1; r++) {
            if (!active[r]) continue;
            const o = (r - br * bh) * bw - c0; // column c of row r is byte o + c of the tile
            for (let i = 0; i < sources.length; i++) this.offsets[i] = o;
            this.process(r, c0, c1);
          }
        }
      }
    } else {
      for (let r = r0; r < r1; r++) {
        if (!active[r]) continue;
        for (let i = 0; i < sources.length; i++) {
          this.offsets[i] = sources[i].load(r);
          this.bytes[i] = sources[i].rowBytes;
          this.words[i] = sources[i].rowWords;
        }
        for (let t = 0; t < nTasks; t++) this.computeRuns(t, r, r + 1);
        this.process(r, 0, info.width);
      }
    }
    return {
      chunk,
      singles: this.singles.map((t) => t.take()),
      pairs: this.pairs.map((t) => t.take()),
      grids: job.grids.map((task, g) => this.takeGrid(task, g, this.bands[g])),
      ...(job.zones && {zones: this.takeZones(r0, r1)}),
      ...(job.display && {display: this.takeDisplay(r0, r1)})
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
    for (let t = 0; t < this.tasks.length; t++) this.taskRow(t, r, cLo, cHi, area);
  }

  /** Runs (start, end, slot block offset) of row r for task t, written to scratch from n; returns the new n. */
  private rowRuns(t: number, r: number, n: number): number {
    const {rowPtr, spans} = this.job.mask;
    if (t === this.zoneTask) return this.zoneRuns(r, n);
    if (t === this.displayTask) {
      const {factor: f, width: w} = this.job.display!;
      const stride = this.tasks[t].slotsPerRaster * this.job.rasters.length;
      const base = (Math.floor(r / f) - this.displayR0) * w * stride;
      for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++)
        for (let c = spans[2 * k]; c < spans[2 * k + 1];) {
          const C = Math.floor(c / f);
          const end = Math.min(spans[2 * k + 1], (C + 1) * f);
          this.scratch[3 * n] = c;
          this.scratch[3 * n + 1] = end;
          this.scratch[3 * n + 2] = base + C * stride;
          n++;
          c = end;
        }
      return n;
    }
    const band = this.bands[t];
    for (let k = rowPtr[r]; k < rowPtr[r + 1]; k++)
      n = this.assigners[t].runs(r, spans[2 * k], spans[2 * k + 1], this.scratch, n, band.rowBase, band.bandRows, band.stride);
    return n;
  }

  /**
   * Row r's pieces of the parts, in column order: each part's spans less the
   * columns an earlier part (or an earlier span) took, so that a pixel inside
   * two parts counts for the first only and the parts add up to the whole.
   */
  private zoneRuns(r: number, n: number): number {
    const {masks} = this.job.zones!;
    const stride = this.tasks[this.zoneTask].slotsPerRaster * this.job.rasters.length;
    const base = (r - this.zoneR0) * masks.length * stride;
    let np = 0;
    const need = (m: number) => {
      if (this.pieces.length < 3 * m) {
        const grown = new Int32Array(Math.max(3 * m, 2 * this.pieces.length));
        grown.set(this.pieces);
        this.pieces = grown;
      }
    };
    masks.forEach((m, z) => {
      for (let k = m.rowPtr[r]; k < m.rowPtr[r + 1]; k++) {
        // [s, e) less the pieces already taken (disjoint; few per row)
        let s = m.spans[2 * k];
        const e = m.spans[2 * k + 1];
        while (s < e) {
          let end = e;
          let taken = false;
          for (let q = 0; q < np; q++) {
            const ps = this.pieces[3 * q],
              pe = this.pieces[3 * q + 1];
            if (ps <= s && pe > s) {
              s = pe; // s is taken: skip to the end of that piece
              taken = true;
              break;
            }
            if (ps > s && ps < end) end = ps;
          }
          if (taken) continue;
          need(np + 1);
          this.pieces[3 * np] = s;
          this.pieces[3 * np + 1] = end;
          this.pieces[3 * np + 2] = base + z * stride;
          np++;
          s = end;
        }
      }
    });
    // column order, which the windows of the tiled path rely on
    const order = Array.from({length: np}, (_, q) => q).sort((a, b) => this.pieces[3 * a] - this.pieces[3 * b]);
    for (const q of order) {
      this.scratch[3 * n] = this.pieces[3 * q];
      this.scratch[3 * n + 1] = this.pieces[3 * q + 1];
      this.scratch[3 * n + 2] = this.pieces[3 * q + 2];
      n++;
    }
    return n;
  }

  /** Runs of task t for rows [ra, rb), stored for the windows that follow. */
  private computeRuns(t: number, ra: number, rb: number): void {
    const store = this.tasks[t].store;
    store.r0 = ra;
    let total = 0;
    for (let r = ra; r < rb; r++) {
      const n = this.rowRuns(t, r, 0);
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

  /** Row r's runs of task t clipped to columns [cLo, cHi), counted two rasters at a time. */
  private taskRow(t: number, r: number, cLo: number, cHi: number, rowArea: number): void {
    const {job, bytes, words, offsets, window} = this;
    const task = this.tasks[t];
    const store = task.store;
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
    if (n === 0) return;
    const acc = task.acc;
    const spr = task.slotsPerRaster;
    const area = task.weighted ? rowArea : 1;
    const nR = job.rasters.length;
    if (t === this.displayTask) {
      countRunsDirect(window, n, bytes, words, offsets, acc, task.luts, spr);
      return;
    }
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
    this.ensureAcc(g, bandRows * task.plan.nCols * stride);
    return {rowBase, bandRows, stride};
  }

  private ensureAcc(t: number, size: number): void {
    if (this.tasks[t].acc.length < size) this.tasks[t].acc = new Float64Array(size);
  }

  private startZones(r0: number, r1: number): void {
    if (this.zoneTask < 0) return;
    this.zoneR0 = r0;
    const {masks, slotsPerRaster} = this.job.zones!;
    this.ensureAcc(this.zoneTask, (r1 - r0) * masks.length * slotsPerRaster * this.job.rasters.length);
  }

  private startDisplay(r0: number, r1: number): void {
    if (this.displayTask < 0) return;
    const {factor: f, width: w, slotsPerRaster} = this.job.display!;
    this.displayR0 = Math.floor(r0 / f);
    const rows = Math.floor((r1 - 1) / f) - this.displayR0 + 1;
    this.ensureAcc(this.displayTask, rows * w * slotsPerRaster * this.job.rasters.length);
  }

  /** End of chunk: the band's sums (dense: small, and cheap to merge), and reset the accumulator. */
  private takeGrid(task: GridTask, g: number, {rowBase, bandRows, stride}: Band): GridChunk {
    const size = bandRows * task.plan.nCols * stride;
    const m2 = this.tasks[g].acc.slice(0, size);
    this.tasks[g].acc.fill(0, 0, size);
    return {rowBase, m2};
  }

  private takeZones(r0: number, r1: number): ZoneChunk {
    const {masks, slotsPerRaster} = this.job.zones!;
    const size = (r1 - r0) * masks.length * slotsPerRaster * this.job.rasters.length;
    const acc = this.tasks[this.zoneTask].acc;
    const counts = acc.slice(0, size);
    acc.fill(0, 0, size);
    return {counts};
  }

  /** End of chunk: the majority of the display rows it holds whole, the counts of those it shares. */
  private takeDisplay(r0: number, r1: number): DisplayChunk {
    const task = this.job.display!;
    const {factor: f, width: w} = task;
    const nR = this.job.rasters.length;
    const H = this.job.rasters[0].height;
    const stride = task.slotsPerRaster * nR;
    const acc = this.tasks[this.displayTask].acc;
    const out: DisplayChunk = {rowBase: this.displayR0, complete: [], partial: []};
    for (let R = this.displayR0; R * f < r1; R++) {
      const o = (R - this.displayR0) * w * stride;
      if (R * f >= r0 && Math.min(H, (R + 1) * f) <= r1) {
        const majority = new Uint8Array(nR * w);
        majorityRow(
          acc,
          o,
          task,
          Array.from({length: nR}, (_, i) => majority.subarray(i * w, (i + 1) * w)),
          0
        );
        out.complete.push({row: R, majority});
      } else out.partial.push({row: R, counts: acc.slice(o, o + w * stride)});
      acc.fill(0, o, o + w * stride);
    }
    return out;
  }

  close(): void {
    for (const s of this.sources) s.close();
  }
}
