// The counting loops (data-loaders/raster/counting.ts) called directly, against
// a per-pixel count: one bin += 1 per pixel, the definition the word trick
// must reproduce. Rows are made of runs of one code (so whole words of one
// code occur, as in land cover) with codes up to 255, at unaligned column
// ranges and non-zero row offsets.
import {describe, expect, it} from "vitest";
import {accumulateCodeRuns, accumulatePairRuns, Counter, countCodes, countPairs, countRunsDirect} from "../data-loaders/raster/counting.js";
import {rng} from "../src/lib/rng.js";

/** A row buffer holding `rows` rows of `width` bytes (width a multiple of 4), with its 32-bit view. */
function rowsOf(rows: number[][]): {b8: Uint8Array; b32: Uint32Array; width: number} {
  const width = rows[0].length;
  const b8 = Uint8Array.from(rows.flat());
  return {b8, b32: new Uint32Array(b8.buffer), width};
}

/** A row of runs of one code, run lengths 1..maxRun. */
function runRow(r: ReturnType<typeof rng>, width: number, codes: number[], maxRun: number): number[] {
  const row: number[] = [];
  while (row.length < width) {
    const code = codes[r.int(codes.length)];
    for (let n = 1 + r.int(maxRun); n > 0 && row.length < width; n--) row.push(code);
  }
  return row;
}

/**
 * The counter's bins as its touched list names them, checking that the list
 * names each bin once; `everyBin` also checks that no other bin is non-zero.
 */
function binsOf(h: Counter, everyBin = true): Map<number, number> {
  const touched = Array.from(h.touched.subarray(0, h.n));
  expect(new Set(touched).size).toBe(touched.length);
  const bins = new Map(touched.map((k) => [k, h.count[k]]));
  if (everyBin) {
    const nonZero: number[] = [];
    h.count.forEach((v, k) => {
      if (v !== 0) nonZero.push(k);
    });
    expect(nonZero).toEqual([...touched].sort((a, b) => a - b));
  }
  return bins;
}

function add(bins: Map<number, number>, k: number, v = 1): void {
  bins.set(k, (bins.get(k) ?? 0) + v);
}

const sorted = (m: Map<number, number>) => [...m].sort((a, b) => a[0] - b[0]);

describe("countCodes and countPairs, by hand", () => {
  // columns:     0  1  2  3 | 4  5  6  7 | 8  9 10 11
  const a = [7, 7, 9, 9, 5, 5, 5, 5, 200, 5, 5, 200];
  const b = [1, 1, 1, 2, 3, 3, 3, 3, 3, 3, 3, 250];

  it("counts columns [1, 11) of one row: the uniform word [4, 8) adds 4 to one bin", () => {
    const {b8, b32} = rowsOf([a]);
    const h = new Counter(256);
    countCodes(h, b8, b32, 0, 1, 11);
    // 7 once (col 1), 9 twice, 5 six times (4..7, 9, 10), 200 once (col 8)
    expect(sorted(binsOf(h))).toEqual([
      [5, 6],
      [7, 1],
      [9, 2],
      [200, 1]
    ]);
  });

  it("counts code pairs a << 8 | b over columns [1, 11)", () => {
    const {b8, b32} = rowsOf([a, b]);
    const h = new Counter(65536);
    countPairs(h, b8, b32, 0, b8, b32, 12, 1, 11);
    expect(sorted(binsOf(h))).toEqual([
      [(5 << 8) | 3, 6],
      [(7 << 8) | 1, 1],
      [(9 << 8) | 1, 1],
      [(9 << 8) | 2, 1],
      [(200 << 8) | 3, 1]
    ]);
  });

  it("an empty range counts nothing, and a range inside one word counts pixel by pixel", () => {
    const {b8, b32} = rowsOf([a]);
    const h = new Counter(256);
    countCodes(h, b8, b32, 0, 5, 5);
    expect(h.n).toBe(0);
    countCodes(h, b8, b32, 0, 9, 12);
    expect(sorted(binsOf(h))).toEqual([
      [5, 2],
      [200, 1]
    ]);
  });
});

describe("countCodes and countPairs equal a per-pixel count", () => {
  const r = rng(2207);
  const width = 64;
  // codes with high bits set too, so that every byte of a word matters
  const codes = [0, 1, 2, 10, 80, 128, 200, 255];
  const rows = Array.from({length: 4}, (_, i) => runRow(r, width, codes, i === 3 ? 2 : 9));
  const {b8, b32} = rowsOf(rows);
  // column ranges: unaligned at both ends, aligned, shorter than a word, empty, whole row
  const ranges: [number, number][] = [
    [0, width],
    [1, 63],
    [3, 5],
    [4, 8],
    [5, 6],
    [6, 9],
    [7, 7],
    [2, 37],
    [8, 60]
  ];
  for (let i = 0; i < 40; i++) {
    const s = r.int(width);
    ranges.push([s, s + r.int(width - s + 1)]);
  }

  it("one raster, every row and range, counts added onto an earlier range's", () => {
    for (let row = 0; row < rows.length; row++) {
      const h = new Counter(256);
      const want = new Map<number, number>();
      for (const [s, e] of ranges) {
        countCodes(h, b8, b32, row * width, s, e);
        for (let c = s; c < e; c++) add(want, rows[row][c]);
        expect(sorted(binsOf(h))).toEqual(sorted(want));
      }
    }
  });

  it("two rasters, every pair of rows and range", () => {
    for (let ra = 0; ra < rows.length; ra++)
      for (let rb = 0; rb < rows.length; rb++) {
        if (ra === rb) continue;
        const h = new Counter(65536);
        const want = new Map<number, number>();
        for (const [s, e] of ranges) {
          countPairs(h, b8, b32, ra * width, b8, b32, rb * width, s, e);
          for (let c = s; c < e; c++) add(want, (rows[ra][c] << 8) | rows[rb][c]);
          expect(sorted(binsOf(h, false))).toEqual(sorted(want));
        }
        binsOf(h);
      }
  });

  it("a word uniform in one raster only is counted pixel by pixel", () => {
    // a: one code throughout; b: one code per word except the third byte of each word
    const a = new Array(16).fill(40);
    const b = Array.from({length: 16}, (_, c) => (c % 4 === 2 ? 41 : 42));
    for (const [x, y] of [
      [a, b],
      [b, a]
    ]) {
      const buf = rowsOf([x, y]);
      const h = new Counter(65536);
      countPairs(h, buf.b8, buf.b32, 0, buf.b8, buf.b32, 16, 0, 16);
      const want = new Map([
        [(x[0] << 8) | y[0], 12],
        [(x[2] << 8) | y[2], 4]
      ]);
      expect(sorted(binsOf(h))).toEqual(sorted(want));
    }
  });
});

/** Per-pixel reference of the run accumulators: acc[offset + base + lut[code]] += area for every pixel. */
function accumulateByPixel(rowsCodes: number[][], runs: number[][], lutBase: [Uint8Array, number][], area: number, size: number) {
  const acc = new Float64Array(size);
  for (const [s, e, o] of runs)
    for (let c = s; c < e; c++) rowsCodes.forEach((row, i) => (acc[o + lutBase[i][1] + lutBase[i][0][row[c]]] += area));
  return acc;
}

describe("accumulatePairRuns and accumulateCodeRuns equal a per-pixel sum", () => {
  const r = rng(2208);
  const width = 96;
  const codes = [0, 3, 17, 99, 130, 254];
  const rows = Array.from({length: 3}, () => runRow(r, width, codes, 11));
  const {b8, b32} = rowsOf(rows);
  // runs of a row in column order, each sent to a cell offset; lengths 0..13, unaligned
  const runs: number[][] = [];
  for (let c = 2; c < width - 1;) {
    const e = Math.min(width - 1, c + r.int(14));
    runs.push([c, e, 12 * r.int(5)]);
    c = e;
  }
  runs.push([20, 20, 24]);
  const flat = Int32Array.from(runs.flat());
  // lookups that differ between the rasters, so that a swapped raster or lookup shows
  const lutA = Uint8Array.from({length: 256}, (_, k) => k % 5);
  const lutB = Uint8Array.from({length: 256}, (_, k) => (k * 7) % 6);
  const area = 3; // integral: the per-pixel sum and count × area are exact, and equal
  const size = 12 * 5 + 18;

  it("two rasters: each pixel's area on both rasters' class slots of its run's cell", () => {
    for (const [ia, ib] of [
      [0, 1],
      [2, 0]
    ]) {
      const h = new Counter(65536);
      const acc = new Float64Array(size);
      accumulatePairRuns(h, flat, runs.length, b8, b32, ia * width, b8, b32, ib * width, acc, lutA, 6, lutB, 12, area);
      const want = accumulateByPixel(
        [rows[ia], rows[ib]],
        runs,
        [
          [lutA, 6],
          [lutB, 12]
        ],
        area,
        size
      );
      expect(Array.from(acc)).toEqual(Array.from(want));
      // the counter is left empty for the next call
      expect(h.count.every((v) => v === 0)).toBe(true);
      // and a second call adds onto the accumulator
      accumulatePairRuns(h, flat, runs.length, b8, b32, ia * width, b8, b32, ib * width, acc, lutA, 6, lutB, 12, area);
      expect(Array.from(acc)).toEqual(Array.from(want, (v) => 2 * v));
    }
  });

  it("one raster", () => {
    for (const i of [0, 1, 2]) {
      const h = new Counter(256);
      const acc = new Float64Array(size);
      accumulateCodeRuns(h, flat, runs.length, b8, b32, i * width, acc, lutB, 6, area);
      expect(Array.from(acc)).toEqual(Array.from(accumulateByPixel([rows[i]], runs, [[lutB, 6]], area, size)));
      expect(h.count.every((v) => v === 0)).toBe(true);
    }
  });

  it("countRunsDirect (short runs, no counter): one pixel, one count on its run's cell, for every raster", () => {
    // the three rows as three rasters, with lookups that differ, their slots 6 apart
    const luts = [lutB, lutA, lutB];
    const acc = new Float64Array(size + 12);
    const words = [0, 1, 2].map(() => b32);
    countRunsDirect(flat, runs.length, [b8, b8, b8], words, Int32Array.of(0, width, 2 * width), acc, luts, 6);
    const want = accumulateByPixel(
      rows,
      runs,
      [
        [lutB, 0],
        [lutA, 6],
        [lutB, 12]
      ],
      1,
      size + 12
    );
    expect(Array.from(acc)).toEqual(Array.from(want));
    // and adds onto the accumulator
    countRunsDirect(flat, runs.length, [b8, b8, b8], words, Int32Array.of(0, width, 2 * width), acc, luts, 6);
    expect(Array.from(acc)).toEqual(Array.from(want, (v) => 2 * v));
  });

  it("countRunsDirect: runs that start and end inside one word count their own pixels only", () => {
    const short = [
      [1, 2, 0],
      [5, 7, 6],
      [9, 9, 12],
      [13, 15, 18],
      [17, 23, 24]
    ];
    const acc = new Float64Array(36);
    countRunsDirect(Int32Array.from(short.flat()), short.length, [b8], [b32], Int32Array.of(width), acc, [lutB], 6);
    expect(Array.from(acc)).toEqual(Array.from(accumulateByPixel([rows[1]], short, [[lutB, 0]], 1, 36)));
  });

  it("a run longer than the counter has bins: each bin is listed once, so none is lost", () => {
    // one code over 300 words (more words than the 256 bins of a code counter), then four others
    const one = [...new Array<number>(1200).fill(7), 1, 2, 3, 4];
    const buf = rowsOf([one]);
    const h = new Counter(256);
    const acc = new Float64Array(8);
    accumulateCodeRuns(
      h,
      Int32Array.from([0, one.length, 0]),
      1,
      buf.b8,
      buf.b32,
      0,
      acc,
      Uint8Array.from({length: 256}, (_, k) => k % 8),
      0,
      1
    );
    expect(Array.from(acc)).toEqual([0, 1, 1, 1, 1, 0, 0, 1200]);
    // pairs: 65 537 words of one pair, then another pair
    const n = 4 * 65537;
    const a = new Uint8Array(n + 4).fill(5);
    const b = new Uint8Array(n + 4).fill(6);
    b.fill(9, n);
    const hp = new Counter(65536);
    const pairs = new Float64Array(4);
    const lut = Uint8Array.from({length: 256}, (_, k) => (k === 9 ? 1 : 0));
    accumulatePairRuns(
      hp,
      Int32Array.from([0, n + 4, 0]),
      1,
      a,
      new Uint32Array(a.buffer),
      0,
      b,
      new Uint32Array(b.buffer),
      0,
      pairs,
      lut,
      0,
      lut,
      2,
      1
    );
    expect(Array.from(pairs)).toEqual([n + 4, 0, n, 4]);
  });

  it("only the first nRuns runs count", () => {
    const h = new Counter(256);
    const acc = new Float64Array(size);
    accumulateCodeRuns(h, flat, 3, b8, b32, 0, acc, lutA, 0, area);
    expect(Array.from(acc)).toEqual(Array.from(accumulateByPixel([rows[0]], runs.slice(0, 3), [[lutA, 0]], area, size)));
  });
});
