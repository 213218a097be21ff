// The pipeline on "real" inputs: a study file that points at GDAL-made
// rasters in a user-defined Krasovsky Albers projection with their own
// class codes, a WGS84 boundary with a hole, and an energy table
// (test/fixtures/real-study, made by make-fixture.py). Areas and transitions
// must equal what GDAL + numpy count inside the boundary.
import {beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, readFileSync, writeFileSync, copyFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {carbonByHand} from "./carbon-by-hand.js";
import {atlas as runAtlas, type Ran} from "./run-command.js";

const DIR = join(import.meta.dirname, "fixtures", "real-study");
const expected = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as {
  pixel_km2: number;
  areas: Record<string, Record<string, number>>;
  transition_first_last: Record<string, number>;
};
const CODE_CLASS: Record<string, string> = {11: "cultivated", 21: "forest", 31: "grassland", 41: "water", 51: "construction", 61: "unused"};

async function atlas(args: string[]): Promise<unknown> {
  const r = await runAtlas(args, {env: {...process.env, ATLAS_CACHE_DIR: mkdtempSync(join(tmpdir(), "atlas-real-"))}});
  if (r.status !== 0) throw new Error(`atlas ${args[0]} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe("a study of GDAL-made Albers rasters, run from its study file", () => {
  let out: {
    epochs: number[];
    areas_km2: Record<string, Record<string, number>>;
    change_km2: Record<string, number>;
    carbon_1e4t: Record<string, {direct: number; indirect: number; net: number}>;
    moran: Record<string, Record<string, {I: number}>>;
    reconstruction: boolean;
  };
  beforeAll(async () => {
    out = (await atlas(["study", "--study", join(DIR, "study.json"), "--json"])) as typeof out;
  }, 600_000);

  it("reads the study's epochs and is not labelled a reconstruction", () => {
    expect(out.epochs).toEqual([2000, 2010, 2020]);
    expect(out.reconstruction).toBe(false);
  });

  it("gives each class the area GDAL + numpy count inside the boundary (pixels × 900 m², to 1e-9)", () => {
    for (const [year, counts] of Object.entries(expected.areas))
      for (const [code, pixels] of Object.entries(counts)) {
        const want = pixels * expected.pixel_km2;
        const got = out.areas_km2[year][CODE_CLASS[code]];
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
      }
  });

  it("computes the first → last change from those areas", () => {
    for (const cls of Object.values(CODE_CLASS)) {
      const code = Object.keys(CODE_CLASS).find((c) => CODE_CLASS[c] === cls)!;
      const want = (expected.areas["2020"][code] - expected.areas["2000"][code]) * expected.pixel_km2;
      expect(out.change_km2[cls]).toBeCloseTo(want, 9);
    }
  });

  it("runs the grid statistics on each offered cell size", () => {
    expect(Object.keys(out.moran)).toEqual(["1", "2"]);
    for (const y of ["2000", "2010", "2020"]) expect(Number.isFinite(out.moran["1"][y].I)).toBe(true);
  });

  it("gives the carbon of GDAL's areas × the coefficients and of the energy table, by hand", () => {
    for (const [year, counts] of Object.entries(expected.areas)) {
      const areas = Object.fromEntries(Object.entries(counts).map(([code, pixels]) => [CODE_CLASS[code], pixels * expected.pixel_km2]));
      const want = carbonByHand(join(DIR, "study.json"), join(DIR, "energy.csv"), areas, year);
      const got = out.carbon_1e4t[year];
      for (const k of ["direct", "indirect", "net"] as const)
        expect(Math.abs(got[k] - want[k]), `${year} ${k}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(want[k])));
    }
  });

  it("counts the same transitions as GDAL + numpy, pixel for pixel", async () => {
    const t = (await atlas([
      "transitions",
      join(DIR, "lc_2000.tif"),
      join(DIR, "lc_2020.tif"),
      "--mask",
      join(DIR, "boundary.geojson"),
      "--json"
    ])) as {
      classes: number[];
      pixels: number[][];
    };
    for (const [key, n] of Object.entries(expected.transition_first_last)) {
      const [from, to] = key.split("->").map(Number);
      const i = t.classes.indexOf(from),
        j = t.classes.indexOf(to);
      expect(i >= 0 && j >= 0 ? t.pixels[i][j] : 0, key).toBe(n);
    }
  });
});

describe("a broken study stops the run with a message naming the file and the place", () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a study file edited freely, to break it
  function broken(edit: (study: Record<string, any>) => void, energy?: string): Promise<Ran> {
    const dir = mkdtempSync(join(tmpdir(), "atlas-broken-"));
    for (const f of ["lc_2000.tif", "lc_2010.tif", "lc_2020.tif", "boundary.geojson", "energy.csv"])
      copyFileSync(join(DIR, f), join(dir, f));
    if (energy !== undefined) writeFileSync(join(dir, "energy.csv"), energy);
    const study = JSON.parse(readFileSync(join(DIR, "study.json"), "utf8"));
    edit(study);
    writeFileSync(join(dir, "study.json"), JSON.stringify(study, null, 2));
    const env = {...process.env, ATLAS_CACHE_DIR: join(dir, "cache")};
    return runAtlas(["study", "--study", join(dir, "study.json"), "--json"], {env});
  }

  it("a mistyped unit", async () => {
    const r = await broken((s) => (s.carbon.landUse.forest.unit = "t/ha"));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/study\.json: carbon\.landUse\.forest\.unit: expected/);
  });
  it("an energy table missing an epoch", async () => {
    const r = await broken(() => {}, "fuel,unit,2000,2010\nraw_coal,10^4 t,1,2\n");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/energy\.csv/);
    expect(r.stderr).toMatch(/2020/);
  });
  it("a code the reclassification table does not map", async () => {
    const r = await broken((s) => delete s.reclassification.table["61"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/lc_2000\.tif: codes not in the class table: 61 \(\d+ pixels\)/);
  });
  it("a missing raster", async () => {
    const r = await broken((s) => (s.inputs.landCover["2010"] = "nowhere.tif"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/inputs\.landCover\.2010/);
  });
});
