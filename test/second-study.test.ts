// The pipeline on a second GDAL-made study, as unlike the default as a study
// can be (test/fixtures/second-study, made by make-fixture.py): four unevenly
// spaced epochs, EPSG:3035 rasters with raw CLCD codes and NoData inside the
// boundary, a MultiPolygon boundary with a hole and an exclave that reaches
// beyond the rasters, three fuels, ESV by grain yield × price, rook weights,
// a fractional cell size. Areas and transitions must equal what GDAL + numpy
// count (expected.json); carbon and ESV must follow from those areas and the
// study file's coefficients.
import {beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {XIE_2015} from "../src/lib/esv-factors.js";
import {atlas} from "./run-command.js";
import type {StudyRun} from "../data-loaders/study/run-study.js";

const DIR = join(import.meta.dirname, "fixtures", "second-study");
const STUDY_FILE = join(DIR, "study.json");
const CLASSES = ["cultivated", "forest", "grassland", "water", "construction", "unused"] as const;

const expected = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as {
  pixel_km2: number;
  coverage_share: number;
  nodata_in_boundary: Record<string, number>;
  areas_pixels: Record<string, Record<string, number>>;
  areas_km2: Record<string, Record<string, number>>;
  transition_first_last: Record<string, number>;
};
/* eslint-disable @typescript-eslint/no-explicit-any -- the study file as its author wrote it, read for its coefficients */
const studyFile = JSON.parse(readFileSync(STUDY_FILE, "utf8")) as Record<string, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

interface Summary {
  epochs: number[];
  areas_km2: Record<string, Record<string, number>>;
  change_km2: Record<string, number>;
  carbon_1e4t: Record<string, {direct: number; indirect: number; net: number}>;
  esv_1e8yuan: Record<string, number>;
  moran: Record<string, Record<string, {I: number; p: number; p_sim: number; types: Record<string, number>}>>;
  patterns: Record<string, Record<string, {esv_river_other_ratio: number | null}>>;
  global_null: string;
  reconstruction: boolean;
}

const close = (got: number, want: number) => Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));

// One cache for both runs below: the in-process run reuses the CLI's steps.
const cacheDir = mkdtempSync(join(tmpdir(), "atlas-second-"));
// where the cold run writes its steps' seconds (for npm run bench), outside the cache
const timingsFile = join(mkdtempSync(join(tmpdir(), "atlas-second-timings-")), "timings.json");
let summary: Summary;
let stderr: string;
let run: StudyRun;

beforeAll(async () => {
  const r = await atlas(["study", "--study", STUDY_FILE, "--json"], {
    env: {...process.env, ATLAS_CACHE_DIR: cacheDir, ATLAS_TIMINGS: timingsFile}
  });
  if (r.status !== 0) throw new Error(`atlas study exited ${r.status}: ${r.stderr}`);
  summary = JSON.parse(r.stdout) as Summary;
  stderr = r.stderr;
  process.env.ATLAS_CACHE_DIR = cacheDir; // read by cache.ts when first imported
  const {runStudy} = await import("../data-loaders/study/run-study.js");
  run = await runStudy(STUDY_FILE);
}, 120_000);

describe("a second study: EPSG:3035, four uneven epochs, CLCD codes, a boundary with a hole and an exclave", () => {
  it("times its steps when asked (ATLAS_TIMINGS, read by npm run bench): each in order, adding up to the whole run", () => {
    const t = JSON.parse(readFileSync(timingsFile, "utf8")) as {steps: {step: string; s: number}[]; total_s: number};
    expect(t.steps.map((x) => x.step.split(/[:,]/)[0])).toEqual([
      "start-up",
      "the study file read and checked",
      "the rasters opened and checked",
      "the one pass over the rasters",
      "its results assembled",
      "land use",
      "the analysis (carbon",
      "results printed"
    ]);
    for (const x of t.steps) expect(x.s).toBeGreaterThanOrEqual(0);
    expect(Math.abs(t.steps.reduce((a, x) => a + x.s, 0) - t.total_s)).toBeLessThan(1e-6);
  });

  it("reads its four epochs and is not labelled a reconstruction", () => {
    expect(summary.epochs).toEqual([2003, 2008, 2016, 2021]);
    expect(summary.reconstruction).toBe(false);
    expect(run.land.pixelArea).toBe("projected-equal-area");
    expect(run.land.crs).toMatch(/EPSG:3035/);
  });

  it("counts each class's pixels inside the boundary exactly as GDAL + numpy (NoData, hole and the part beyond the rasters excluded)", () => {
    const got = Object.fromEntries(
      summary.epochs.map((y, e) => [String(y), Object.fromEntries(CLASSES.map((c, k) => [c, run.land.pixels[e][k]]))])
    );
    expect(got).toEqual(expected.areas_pixels);
  });

  it("gives each class the area GDAL + numpy count (pixels × 900 m², to 1e-9 relative)", () => {
    for (const [year, byClass] of Object.entries(expected.areas_km2))
      for (const [cls, want] of Object.entries(byClass)) expect(close(summary.areas_km2[year][cls], want), `${year} ${cls}`).toBe(true);
  });

  it("excludes the NoData pixels inside the boundary, the 2008 cloud gap among them", () => {
    // the same boundary pixels in every epoch: valid + NoData is constant
    const inside = (y: string) => Object.values(expected.areas_pixels[y]).reduce((a, b) => a + b, 0) + expected.nodata_in_boundary[y];
    expect(new Set(Object.keys(expected.areas_pixels).map(inside)).size).toBe(1);
    const total = (e: number) => run.land.pixels[e].reduce((a, b) => a + b, 0);
    expect(total(0) - total(1)).toBe(expected.nodata_in_boundary["2008"] - expected.nodata_in_boundary["2003"]);
  });

  it("computes the first → last change from those areas", () => {
    for (const c of CLASSES)
      expect(close(summary.change_km2[c], expected.areas_km2["2021"][c] - expected.areas_km2["2003"][c]), c).toBe(true);
  });

  it("counts the 2003 → 2021 transitions as GDAL + numpy, pixel for pixel (pixels valid in both epochs)", () => {
    const t = run.land.transitions.find((x) => x.from === 0 && x.to === 3);
    expect(t).toBeDefined();
    const got = Object.fromEntries(CLASSES.flatMap((a, i) => CLASSES.map((b, j) => [`${a}->${b}`, t!.pixels[i][j]])));
    expect(got).toEqual(expected.transition_first_last);
  });

  it("computes direct carbon from the GDAL areas and indirect carbon from its three fuels only", () => {
    const lu = studyFile.carbon.landUse;
    const fuels = studyFile.carbon.energy.fuels;
    expect(Object.keys(fuels)).toEqual(["raw_coal", "diesel", "natural_gas"]);
    const energy = readFileSync(join(DIR, "energy.csv"), "utf8").trim().split("\n").slice(1);
    summary.epochs.forEach((y, e) => {
      // km² × 100 = hm²; t C → 10^4 t
      const direct =
        CLASSES.filter((c) => c !== "construction").reduce((s, c) => s + expected.areas_km2[y][c] * 100 * lu[c].value, 0) / 1e4;
      // quantities in 10^4 t (kgce/kg = tce/t), natural gas in 10^8 m³ (× kgce/m³ = 10^5 tce = 10 × 10^4 tce)
      const indirect = energy.reduce((s, line) => {
        const [fuel, unit, ...q] = line.split(",");
        const perUnit = unit === "10^8 m3" ? 10 : 1;
        return s + Number(q[e]) * perUnit * fuels[fuel].standardCoal.value * fuels[fuel].carbon.value;
      }, 0);
      const c = summary.carbon_1e4t[y];
      expect(c.direct).toBeCloseTo(direct, 9);
      expect(c.indirect).toBeCloseTo(indirect, 9);
      expect(c.net).toBeCloseTo(direct + indirect, 9);
    });
  });

  it("values ecosystem services with E = grain yield × price / 7 and the study's own class rows", () => {
    const sv = studyFile.esv.standardValue;
    expect(sv.method).toBe("grain");
    const E = (sv.grainYield.value * sv.grainPrice.value) / 7;
    const rows = studyFile.esv.classRows as Record<string, Record<string, number>>;
    for (const y of summary.epochs.map(String)) {
      const yuan = CLASSES.reduce((s, c) => {
        const perHm2 = Object.entries(rows[c]).reduce((t, [row, w]) => t + w * XIE_2015.rows[row].reduce((a, b) => a + b, 0) * E, 0);
        return s + expected.areas_km2[y][c] * 100 * perHm2;
      }, 0);
      expect(summary.esv_1e8yuan[y]).toBeCloseTo(yuan / 1e8, 9);
    }
  });

  it("runs the grid statistics on both cell sizes, the fractional one included, with rook weights and the y-only null", () => {
    expect(Object.keys(summary.moran).sort()).toEqual(["0.5", "1.5"]);
    expect(summary.global_null).toMatch(/^y:/);
    for (const byEpoch of Object.values(summary.moran))
      for (const m of Object.values(byEpoch)) {
        expect(Number.isFinite(m.I)).toBe(true);
        expect(m.I).not.toBe(0); // structured land cover: not a degenerate statistic
        expect(m.p).toBe(m.p_sim); // globalNull "y" reports esda's p
        expect(m.p).toBeGreaterThanOrEqual(1 / 200); // 199 permutations
      }
    // the 0.5 km grid has about nine times the cells of the 1.5 km grid
    const cells = (km: string) => Object.values(summary.moran[km]["2003"].types).reduce((a, b) => a + b, 0);
    expect(cells("0.5") / cells("1.5")).toBeGreaterThan(6);
    expect(run.loaded.params.spatial.weights).toBe("rook");
  });

  it("finds the river layer and measures ESV along it", () => {
    for (const byEpoch of Object.values(summary.patterns))
      for (const p of Object.values(byEpoch)) expect(p.esv_river_other_ratio).toBeGreaterThan(1);
  });

  // The rasters cover only part of the boundary (its east end lies beyond
  // them): the areas above are right for the covered part, and the run must
  // say so, or an author would take them for the whole study area's.
  const percentIn = (pattern: RegExp): number[] =>
    stderr
      .split("\n")
      .filter((l) => pattern.test(l))
      .flatMap((l) => [...l.matchAll(/(\d+(?:\.\d+)?) ?%/g)].map((m) => Number(m[1])));

  it("warns that the rasters cover only part of the boundary, with the share GDAL/OGR measure", () => {
    expect(expected.coverage_share).toBeLessThan(0.95);
    const shares = percentIn(/boundary\.geojson/);
    expect(shares.some((p) => Math.abs(p - 100 * expected.coverage_share) < 0.2)).toBe(true);
  });

  it("warns of the NoData inside the boundary in 2008, with the share GDAL counts", () => {
    const inside = Object.values(expected.areas_pixels["2008"]).reduce((a, b) => a + b, 0) + expected.nodata_in_boundary["2008"];
    const want = (100 * expected.nodata_in_boundary["2008"]) / inside;
    expect(percentIn(/lc_2008\.tif/).some((p) => Math.abs(p - want) < 0.01)).toBe(true);
  });
});
