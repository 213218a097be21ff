// The display's majority rule (majorityRow in data-loaders/raster/chunk-kernel.ts),
// by hand: per display pixel and raster, the slot below `classes` with the most
// pixels; ties to the lower slot; 0 when none counts.
import {describe, expect, it} from "vitest";
import {majorityRow, type DisplayTask} from "../data-loaders/raster/chunk-kernel.js";

describe("majorityRow, by hand", () => {
  // two rasters, three display pixels across, four slots per raster of which the first three compete
  const task: DisplayTask = {factor: 2, width: 3, luts: [], slotsPerRaster: 4, classes: 3};
  // counts: display pixel by display pixel, raster 0's four slots then raster 1's
  const counts = Float64Array.from([
    // pixel 0: raster 0 slot 1 wins; raster 1 ties between slots 0 and 2 → slot 0
    0, 3, 1, 0, /**/ 2, 1, 2, 0,
    // pixel 1: raster 0 counts only the slot that does not compete (4th); raster 1 slot 2
    0, 0, 0, 9, /**/ 0, 1, 4, 7,
    // pixel 2: nothing in raster 0; raster 1 a tie of slots 1 and 2 → slot 1
    0, 0, 0, 0, /**/ 0, 5, 5, 0
  ]);

  it("takes each raster's majority slot + 1, the lower slot on a tie, 0 for none", () => {
    const out = [new Uint8Array(3), new Uint8Array(3)];
    majorityRow(counts, 0, task, out, 0);
    expect(out.map((a) => Array.from(a))).toEqual([
      [2, 0, 0],
      [1, 3, 2]
    ]);
  });

  it("reads from `offset` and writes from `outOffset`", () => {
    const shifted = new Float64Array(5 + counts.length);
    shifted.set(counts, 5);
    const out = [new Uint8Array(6).fill(77), new Uint8Array(6).fill(77)];
    majorityRow(shifted, 5, task, out, 2);
    expect(out.map((a) => Array.from(a))).toEqual([
      [77, 77, 2, 0, 0, 77],
      [77, 77, 1, 3, 2, 77]
    ]);
  });
});
