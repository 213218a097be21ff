// The study's one pass over its rasters (data-loaders/study/study-pass.ts):
// the parts of the boundary and the display majority it counts alongside the
// land use must be exactly what a plain pixel-by-pixel count gives (written
// here independently: every pixel of every row, a pixel inside two parts
// counted for the first, km² summed row by row in row order), whatever the
// thread count, the chunking and the reading path (decoded tiles or rows).
// Also: the progress it prints, and the refusal of a study too large.
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {CLASSES} from "../src/lib/classes.js";
import {readStudy} from "../data-loaders/study/read-study.js";
import {landuseInputs} from "../data-loaders/study/landuse-step.js";
import {zoneParts, zonesResult} from "../data-loaders/study/zones-step.js";
import {displayPlan} from "../data-loaders/study/display-raster.js";
import {baseJob} from "../data-loaders/raster/engine.js";
import {runJob} from "../data-loaders/raster/run-job.js";
import {RowSource} from "../data-loaders/raster/row-source.js";
import {checkStudySize, MAX_STUDY_PIXELS, studyProgress} from "../data-loaders/raster/progress.js";
import type {RasterInfo} from "../data-loaders/raster/open-raster.js";

const SECOND = join(import.meta.dirname, "fixtures", "second-study", "study.json");

/** Two parts of the second study's valley that overlap (10.50–10.55° E), and a third wholly inside the first. */
function overlappingParts(): string {
  const box = (w: number, s: number, e: number, n: number) => ({
    type: "Feature",
    properties: {},
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [w, s],
          [e, s],
          [e, n],
          [w, n],
          [w, s]
        ]
      ]
    }
  });
  const file = join(mkdtempSync(join(tmpdir(), "atlas-pass-")), "parts.geojson");
  const features = [box(10.43, 47.46, 10.55, 47.54), box(10.5, 47.47, 10.61, 47.53), box(10.45, 47.48, 10.47, 47.5)];
  writeFileSync(file, JSON.stringify({type: "FeatureCollection", features}));
  return file;
}

describe("the study's one pass", async () => {
  const loaded = readStudy(SECOND);
  const rasters = loaded.params.study.epochs.map((y) => loaded.paths.landCover[y]);
  const boundary = overlappingParts();
  const inputs = await landuseInputs(loaded.params, rasters, boundary);
  const {e, table} = inputs;
  const parts = zoneParts(boundary, e, table);
  // a display of 40 px across: several source rows per display row, whose rows straddle chunks below
  const display = displayPlan(e, table, 40);
  const K = CLASSES.length;
  const lut = new Uint8Array(256).fill(255);
  for (const [code, cls] of table) lut[code] = CLASSES.indexOf(cls as (typeof CLASSES)[number]);

  // The plain count, pixel by pixel.
  const plainZones: number[][][] = [];
  const plainDisplay: Uint8Array[] = [];
  for (const info of e.infos) {
    const src = await RowSource.open(info);
    const km2 = parts.task.masks.map(() => new Array<number>(K).fill(0));
    const counts = new Uint32Array(display.width * display.height * K);
    for (let r = 0; r < info.height; r++) {
      const row = src.row(r);
      const claimed = new Uint8Array(info.width);
      parts.task.masks.forEach((m, z) => {
        const n = new Array<number>(K).fill(0);
        for (let s = m.rowPtr[r]; s < m.rowPtr[r + 1]; s++)
          for (let c = m.spans[2 * s]; c < m.spans[2 * s + 1]; c++) {
            if (claimed[c]++) continue;
            if (row[c] !== info.nodata && lut[row[c]] < K) n[lut[row[c]]]++;
          }
        for (let k = 0; k < K; k++) km2[z][k] += n[k] * (e.geometry.rowAreaM2[r] / 1e6);
      });
      for (let s = e.mask.rowPtr[r]; s < e.mask.rowPtr[r + 1]; s++)
        for (let c = e.mask.spans[2 * s]; c < e.mask.spans[2 * s + 1]; c++)
          if (row[c] !== info.nodata && lut[row[c]] < K)
            counts[(Math.floor(r / display.factor) * display.width + Math.floor(c / display.factor)) * K + lut[row[c]]]++;
    }
    src.close();
    plainZones.push(km2);
    const image = new Uint8Array(display.width * display.height);
    for (let p = 0; p < image.length; p++) {
      let best = 0;
      for (let k = 0; k < K; k++) if (counts[p * K + k] > (best ? counts[p * K + best - 1] : 0)) best = k + 1;
      image[p] = best;
    }
    plainDisplay.push(image);
  }

  it("finds overlapping parts and a display coarser than the rasters (the cases it must get right)", () => {
    expect(parts.task.masks.length).toBe(3);
    expect(display.factor).toBeGreaterThan(1);
    // the parts overlap: their pixels together exceed the union's
    const sum = parts.task.masks.reduce((n, m) => n + m.pixels, 0);
    expect(sum).toBeGreaterThan(Math.max(...parts.task.masks.map((m) => m.pixels)));
    expect(plainZones.flat(2).some((v) => v > 0)).toBe(true);
    expect(plainDisplay.some((img) => img.some((v) => v > 0))).toBe(true);
  });

  for (const [name, variant] of [
    ["inline, tiles", {threads: 1}],
    ["two threads, chunks of 7 rows", {threads: 2, chunkRows: 7}],
    ["inline, rows, chunks of 5 rows", {threads: 1, chunkRows: 5, windowed: false}]
  ] as const) {
    it(`counts the parts and the display exactly as the plain count does (${name})`, async () => {
      const {threads, ...job} = variant;
      const out = await runJob(
        {...baseJob(e), ...inputs.tabulation, grids: inputs.grid.grids, zones: parts.task, display: display.task, ...job},
        {threads}
      );
      expect(zonesResult(parts.zones, out.zones!).km2).toEqual(plainZones);
      expect(out.display).toEqual(plainDisplay);
    });
  }
});

describe("progress of the pass", () => {
  const infos = (width: number, height: number, epochs: number) =>
    Array.from({length: epochs}, () => ({width, height, name: "lc.tif"}) as RasterInfo);
  const stream = (isTTY: boolean) => {
    const lines: string[] = [];
    return {lines, s: {isTTY, write: (t: string) => lines.push(t)} as unknown as NodeJS.WriteStream};
  };

  it("prints nothing for a small study", () => {
    expect(studyProgress(infos(1000, 1000, 5))).toBeUndefined();
  });

  it("prints a plain line every tenth when stderr is not a terminal, with the pixels done", () => {
    const {lines, s} = stream(false);
    const p = studyProgress(infos(10000, 10000, 5), s)!;
    for (let c = 1; c <= 40; c++) p(c, 40);
    expect(lines.length).toBe(11);
    expect(lines.every((l) => l.endsWith("\n") && !l.includes("\r"))).toBe(true);
    expect(lines[10]).toMatch(/100 %, 500 M of 500 M px, done in/);
  });

  it("redraws one bar on a terminal, with the pixels done and the time left", () => {
    const {lines, s} = stream(true);
    const p = studyProgress(infos(10000, 10000, 5), s)!;
    p(1, 4);
    expect(lines[0]).toMatch(/^\r.*\[#{8}-{22}\] 125 M \/ 500 M px, .* left/);
    p(4, 4);
    expect(lines.at(-1)).toBe("\n");
  });
});

describe("a study too large for one machine", () => {
  const infos = (width: number, height: number, epochs: number) =>
    Array.from({length: epochs}, () => ({width, height, name: "china_2000.tif"}) as RasterInfo);

  it("is refused before any pass, with its estimated time and memory", () => {
    const side = Math.ceil(Math.sqrt(MAX_STUDY_PIXELS / 5)) + 1;
    const plan = {nRows: 5000, nCols: 5000} as Parameters<typeof checkStudySize>[2][number];
    expect(() => checkStudySize(infos(side, side, 5), 256, [plan], [1])).toThrow(
      /china_2000\.tif: 5 epochs of .* pixels in all, more than one machine .* about [\d.]+ (h|min) and [\d.]+ GB with cells of 1 km.*split the region into tiles/
    );
  });

  it("is not refused at the limit", () => {
    expect(() => checkStudySize(infos(100000, 100000, 10), 256, [], [1])).not.toThrow();
  });
});
