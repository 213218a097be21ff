// Histogram loops over a column range of one row (or of two rows for pairs).
//
// Land cover comes in runs, and a plain `hist[code]++` per pixel stalls on
// the previous increment of the same bin. So the loops read four pixels at a
// time as a 32-bit word: when all four (of both rows, for pairs) are one code,
// the bin gets +4 in one step; otherwise the four bytes are counted singly.
// Byte order within a word does not matter: lane j of both words is the same
// pixel, and a histogram ignores pixel order. Each counter remembers the bins
// it touched so that a row (or run) can be flushed and cleared cheaply.

export class Counter {
  readonly count: Uint32Array;
  readonly touched: Int32Array;
  n = 0;
  constructor(bins: number) {
    this.count = new Uint32Array(bins);
    this.touched = new Int32Array(bins);
  }
}

/** Count code pairs (a << 8 | b) over columns [s, e) of rows at byte offsets ao, bo (multiples of 4). */
export function countPairs(
  h: Counter,
  a8: Uint8Array,
  a32: Uint32Array,
  ao: number,
  b8: Uint8Array,
  b32: Uint32Array,
  bo: number,
  s: number,
  e: number
): void {
  const cnt = h.count;
  const t = h.touched;
  let nt = h.n;
  let c = s;
  const w0 = (s + 3) >> 2;
  const w1 = e >> 2;
  if (w0 < w1) {
    for (; c < w0 << 2; c++) {
      const k = (a8[ao + c] << 8) | b8[bo + c];
      if (cnt[k]++ === 0) t[nt++] = k;
    }
    const aw = ao >> 2,
      bw = bo >> 2;
    for (let w = w0; w < w1; w++) {
      const x = a32[aw + w];
      const y = b32[bw + w];
      if ((((x ^ (x >>> 8)) | (y ^ (y >>> 8))) & 0xffffff) === 0) {
        const k = ((x & 255) << 8) | (y & 255);
        if (cnt[k] === 0) t[nt++] = k;
        cnt[k] += 4;
      } else {
        let k = ((x & 255) << 8) | (y & 255);
        if (cnt[k]++ === 0) t[nt++] = k;
        k = (x & 0xff00) | ((y >>> 8) & 255);
        if (cnt[k]++ === 0) t[nt++] = k;
        k = ((x >>> 8) & 0xff00) | ((y >>> 16) & 255);
        if (cnt[k]++ === 0) t[nt++] = k;
        k = ((x >>> 16) & 0xff00) | (y >>> 24);
        if (cnt[k]++ === 0) t[nt++] = k;
      }
    }
    c = w1 << 2;
  }
  for (; c < e; c++) {
    const k = (a8[ao + c] << 8) | b8[bo + c];
    if (cnt[k]++ === 0) t[nt++] = k;
  }
  h.n = nt;
}

/** Count codes over columns [s, e) of the row at byte offset ao (a multiple of 4). */
export function countCodes(h: Counter, a8: Uint8Array, a32: Uint32Array, ao: number, s: number, e: number): void {
  const cnt = h.count;
  const t = h.touched;
  let nt = h.n;
  let c = s;
  const w0 = (s + 3) >> 2;
  const w1 = e >> 2;
  if (w0 < w1) {
    for (; c < w0 << 2; c++) {
      const k = a8[ao + c];
      if (cnt[k]++ === 0) t[nt++] = k;
    }
    const aw = ao >> 2;
    for (let w = w0; w < w1; w++) {
      const x = a32[aw + w];
      if (((x ^ (x >>> 8)) & 0xffffff) === 0) {
        const k = x & 255;
        if (cnt[k] === 0) t[nt++] = k;
        cnt[k] += 4;
      } else {
        let k = x & 255;
        if (cnt[k]++ === 0) t[nt++] = k;
        k = (x >>> 8) & 255;
        if (cnt[k]++ === 0) t[nt++] = k;
        k = (x >>> 16) & 255;
        if (cnt[k]++ === 0) t[nt++] = k;
        k = x >>> 24;
        if (cnt[k]++ === 0) t[nt++] = k;
      }
    }
    c = w1 << 2;
  }
  for (; c < e; c++) {
    const k = a8[ao + c];
    if (cnt[k]++ === 0) t[nt++] = k;
  }
  h.n = nt;
}

/**
 * Grid accumulation for two rasters at once: for each run (start, end, cell
 * offset) of `runs`, count code pairs with the word trick above, then add
 * count × area to both rasters' class slots of the run's cell. Fused into one
 * function because runs are short (a 1 km cell is ~35 pixels of 30 m).
 * (Tried and slower here: run-length segments of classes merged with the
 * runs; cell-major loops over the band; counting class slots directly.)
 */
export function accumulatePairRuns(
  h: Counter,
  runs: Int32Array,
  nRuns: number,
  a8: Uint8Array,
  a32: Uint32Array,
  ao: number,
  b8: Uint8Array,
  b32: Uint32Array,
  bo: number,
  acc: Float64Array,
  lutA: Uint8Array,
  baseA: number,
  lutB: Uint8Array,
  baseB: number,
  area: number
): void {
  const cnt = h.count;
  const t = h.touched;
  const aw = ao >> 2,
    bw = bo >> 2;
  for (let q = 0; q < nRuns; q++) {
    const s = runs[3 * q],
      e = runs[3 * q + 1];
    let nt = 0;
    let c = s;
    const w0 = (s + 3) >> 2;
    const w1 = e >> 2;
    if (w0 < w1) {
      for (; c < w0 << 2; c++) {
        const k = (a8[ao + c] << 8) | b8[bo + c];
        if (cnt[k]++ === 0) t[nt++] = k;
      }
      for (let w = w0; w < w1; w++) {
        const x = a32[aw + w];
        const y = b32[bw + w];
        if ((((x ^ (x >>> 8)) | (y ^ (y >>> 8))) & 0xffffff) === 0) {
          const k = ((x & 255) << 8) | (y & 255);
          if (cnt[k] === 0) t[nt++] = k;
          cnt[k] += 4;
        } else {
          let k = ((x & 255) << 8) | (y & 255);
          if (cnt[k]++ === 0) t[nt++] = k;
          k = (x & 0xff00) | ((y >>> 8) & 255);
          if (cnt[k]++ === 0) t[nt++] = k;
          k = ((x >>> 8) & 0xff00) | ((y >>> 16) & 255);
          if (cnt[k]++ === 0) t[nt++] = k;
          k = ((x >>> 16) & 0xff00) | (y >>> 24);
          if (cnt[k]++ === 0) t[nt++] = k;
        }
      }
      c = w1 << 2;
    }
    for (; c < e; c++) {
      const k = (a8[ao + c] << 8) | b8[bo + c];
      if (cnt[k]++ === 0) t[nt++] = k;
    }
    const o = runs[3 * q + 2];
    const oa = o + baseA,
      ob = o + baseB;
    for (let m = 0; m < nt; m++) {
      const k = t[m];
      const v = cnt[k] * area;
      acc[oa + lutA[k >> 8]] += v;
      acc[ob + lutB[k & 255]] += v;
      cnt[k] = 0;
    }
  }
}

/** As accumulatePairRuns, for a single raster. */
export function accumulateCodeRuns(
  h: Counter,
  runs: Int32Array,
  nRuns: number,
  a8: Uint8Array,
  a32: Uint32Array,
  ao: number,
  acc: Float64Array,
  lut: Uint8Array,
  base: number,
  area: number
): void {
  const cnt = h.count;
  const t = h.touched;
  const aw = ao >> 2;
  for (let q = 0; q < nRuns; q++) {
    const s = runs[3 * q],
      e = runs[3 * q + 1];
    let nt = 0;
    let c = s;
    const w0 = (s + 3) >> 2;
    const w1 = e >> 2;
    if (w0 < w1) {
      for (; c < w0 << 2; c++) {
        const k = a8[ao + c];
        if (cnt[k]++ === 0) t[nt++] = k;
      }
      for (let w = w0; w < w1; w++) {
        const x = a32[aw + w];
        if (((x ^ (x >>> 8)) & 0xffffff) === 0) {
          const k = x & 255;
          if (cnt[k] === 0) t[nt++] = k;
          cnt[k] += 4;
        } else {
          let k = x & 255;
          if (cnt[k]++ === 0) t[nt++] = k;
          k = (x >>> 8) & 255;
          if (cnt[k]++ === 0) t[nt++] = k;
          k = (x >>> 16) & 255;
          if (cnt[k]++ === 0) t[nt++] = k;
          k = x >>> 24;
          if (cnt[k]++ === 0) t[nt++] = k;
        }
      }
      c = w1 << 2;
    }
    for (; c < e; c++) {
      const k = a8[ao + c];
      if (cnt[k]++ === 0) t[nt++] = k;
    }
    const o = runs[3 * q + 2] + base;
    for (let m = 0; m < nt; m++) {
      const k = t[m];
      acc[o + lut[k]] += cnt[k] * area;
      cnt[k] = 0;
    }
  }
}

/**
 * Pixel counts by runs, for runs of a few pixels (the display pixels), of
 * every raster at once: each pixel adds one to its class slot (raster i's
 * slots start at i × slotsPerRaster) of the run's block directly, with no
 * per-run histogram to gather and flush, which would cost more than the
 * counting on runs this short. The counts are whole numbers, exact in any
 * order of addition.
 */
export function countRunsDirect(
  runs: Int32Array,
  nRuns: number,
  bytes: readonly Uint8Array[],
  words: readonly Uint32Array[],
  offsets: Int32Array,
  acc: Float64Array,
  luts: readonly Uint8Array[],
  slotsPerRaster: number
): void {
  const nR = bytes.length;
  for (let q = 0; q < nRuns; q++) {
    const s = runs[3 * q],
      e = runs[3 * q + 1];
    for (let i = 0; i < nR; i++) {
      const a8 = bytes[i],
        a32 = words[i],
        ao = offsets[i],
        lut = luts[i];
      const aw = ao >> 2;
      const o = runs[3 * q + 2] + i * slotsPerRaster;
      let c = s;
      for (; c < e && (c & 3) !== 0; c++) acc[o + lut[a8[ao + c]]]++;
      for (; c + 4 <= e; c += 4) {
        const x = a32[aw + (c >> 2)];
        if (((x ^ (x >>> 8)) & 0xffffff) === 0) acc[o + lut[x & 255]] += 4;
        else {
          acc[o + lut[x & 255]]++;
          acc[o + lut[(x >>> 8) & 255]]++;
          acc[o + lut[(x >>> 16) & 255]]++;
          acc[o + lut[x >>> 24]]++;
        }
      }
      for (; c < e; c++) acc[o + lut[a8[ao + c]]]++;
    }
  }
}
