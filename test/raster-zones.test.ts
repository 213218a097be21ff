// The kernel's parts of the boundary (ChunkKernel, run inline by runJob) by
// hand: parts given as column spans, overlapping in every way, where a pixel
// inside several parts counts for the first part only; on a projected raster
// of 300 × 200 pixels of 900 m², so a part's km² is its pixels × 0.0009.
import {describe, expect, it} from "vitest";
import {baseJob, openEpochs} from "../data-loaders/raster/engine.js";
import type {MaskSpans} from "../data-loaders/raster/mask.js";
import {runJob} from "../data-loaders/raster/run-job.js";
import {fx} from "./raster-helpers.js";

/** The same spans on every one of `height` rows. */
function everyRow(height: number, ...spans: [number, number][]): MaskSpans {
  const rowPtr = Int32Array.from({length: height + 1}, (_, r) => r * spans.length);
  const pixels = height * spans.reduce((n, [s, e]) => n + e - s, 0);
  return {rowPtr, spans: Int32Array.from(Array.from({length: height}, () => spans.flat()).flat()), pixels};
}

describe("parts of the boundary, by hand", async () => {
  const e = await openEpochs([fx("utm_a.tif")], {warn: () => {}});
  const {height} = e.infos[0];
  // in the file's order: A, then B over A's right end, C over A and B, D over A's left end, E over all of them
  const masks = [
    everyRow(height, [2, 10], [20, 30], [130, 140]),
    everyRow(height, [6, 14]),
    everyRow(height, [4, 12], [25, 40]),
    everyRow(height, [0, 3]),
    everyRow(height, [0, 45])
  ];
  // pixels per row each part keeps: A 8 + 10 + 10; B 10..14; C 30..40; D 0..2; E 14..20 and 40..45.
  // A's third span lies two 64-pixel tiles east of the others: the tiled path's windows need the
  // pieces in column order, not in the parts' order
  const perRow = [28, 4, 10, 2, 11];
  // two slots, every code in one of them: the part's pixels are their sum
  const lut = Uint8Array.from({length: 256}, (_, code) => code % 2);

  for (const [name, job] of [
    ["tiles, one chunk", {}],
    ["rows, chunks of 7 rows", {windowed: false, chunkRows: 7}],
    ["tiles, chunks of 64 rows", {chunkRows: 64}]
  ] as const)
    it(`a pixel counts for the first part it lies in (${name})`, async () => {
      const out = await runJob({...baseJob(e), zones: {masks, luts: [lut], slotsPerRaster: 2}, ...job}, {threads: 1});
      const km2 = out.zones![0].map((slots) => slots[0] + slots[1]);
      km2.forEach((v, z) => expect(v).toBeCloseTo(perRow[z] * height * 0.0009, 9));
    });
});
