// The default study end to end (issue 5): the reconstruction honours the
// abstract's calibrated aggregates and reproduces its reported patterns,
// measured on the pipeline's output; the pipeline's cache re-runs exactly
// what a change touches; two clean runs give byte-identical outputs.
import {beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {createHash} from "node:crypto";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {carbonByHand} from "./carbon-by-hand.js";
import {atlas as runAtlas, run} from "./run-command.js";

const STUDY = join(import.meta.dirname, "..", "data-loaders", "studies", "changzhutan", "study.json");

async function atlas(args: string[], cacheDir?: string): Promise<{json: unknown; stderr: string}> {
  const env = cacheDir ? {...process.env, ATLAS_CACHE_DIR: cacheDir} : process.env;
  const r = await runAtlas(args, {env});
  if (r.status !== 0) throw new Error(`atlas ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return {json: JSON.parse(r.stdout), stderr: r.stderr};
}

interface Summary {
  epochs: number[];
  change_km2: Record<string, number>;
  areas_km2: Record<string, Record<string, number>>;
  carbon_1e4t: Record<string, {direct: number; indirect: number; net: number}>;
  esv_1e8yuan: Record<string, number>;
  moran: Record<string, Record<string, {I: number; p: number; types: Record<string, number>}>>;
  patterns: Record<
    string,
    Record<string, {carbon_centre_rho: number; carbon_centre_edge_ratio: number; esv_river_other_ratio: number | null}>
  >;
  reconstruction: boolean;
}

const within = (got: number, want: number, rel: number) => Math.abs(got / want - 1) <= rel;

describe("the default study (a calibrated reconstruction)", () => {
  let s: Summary, first: string, last: string;
  beforeAll(async () => {
    s = (await atlas(["study", "--json"])).json as Summary;
    first = String(s.epochs[0]);
    last = String(s.epochs[s.epochs.length - 1]);
  }, 600_000);

  it("covers the five epochs and says it is a reconstruction", () => {
    expect(s.epochs).toEqual([2000, 2005, 2010, 2015, 2020]);
    expect(s.reconstruction).toBe(true);
  });

  it("meets the calibration bounds within 0.5 %: land change (C2–C4), net carbon (C5, C6), ESV 2000 (C9)", () => {
    expect(within(s.change_km2.cultivated, -392.77, 0.005)).toBe(true);
    expect(within(s.change_km2.forest, -268.1, 0.005)).toBe(true);
    expect(within(s.change_km2.construction, 661.8, 0.005)).toBe(true);
    expect(within(s.carbon_1e4t[first].net, 1099.84, 0.005)).toBe(true);
    expect(within(s.carbon_1e4t[last].net, 4109.21, 0.005)).toBe(true);
    expect(within(s.esv_1e8yuan[first], 392.06, 0.005)).toBe(true);
  });

  it("has positive net emissions in every epoch (C7): its areas × the coefficients and its energy table, by hand", () => {
    for (const y of s.epochs) {
      const c = s.carbon_1e4t[y];
      expect(c.net).toBeGreaterThan(0);
      const want = carbonByHand(STUDY, join(dirname(STUDY), "energy.csv"), s.areas_km2[y], y);
      for (const k of ["direct", "indirect", "net"] as const)
        expect(Math.abs(c[k] - want[k]), `${y} ${k}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(want[k])));
    }
  });

  it("has carbon intensity higher in the centre than at the edge, every epoch (C8, 1 km grid)", () => {
    for (const p of Object.values(s.patterns["1"])) {
      expect(p.carbon_centre_rho).toBeLessThan(0);
      expect(p.carbon_centre_edge_ratio).toBeGreaterThan(1);
    }
  });

  it("has ESV intensity higher on the Xiangjiang's cells than elsewhere, every epoch (C12, 1 km grid)", () => {
    for (const p of Object.values(s.patterns["1"])) expect(p.esv_river_other_ratio).toBeGreaterThan(1);
  });

  it("has a negative global bivariate Moran's I with p ≤ 0.01 in every epoch and at every cell size (C13)", () => {
    for (const byEpoch of Object.values(s.moran))
      for (const m of Object.values(byEpoch)) {
        expect(m.I).toBeLessThan(0);
        expect(m.p).toBeLessThanOrEqual(0.01);
      }
  });

  it("has all four LISA types in every epoch and at every cell size (C14)", () => {
    for (const byEpoch of Object.values(s.moran))
      for (const m of Object.values(byEpoch)) for (const t of ["HH", "LL", "LH", "HL"]) expect(m.types[t]).toBeGreaterThan(0);
  });
});

describe("the pipeline's cache and determinism", () => {
  it("re-runs the analysis but not the raster step when only a parameter changes", async () => {
    // A cache warmed by a run of the default study: the changed parameter must
    // re-run the analysis and reuse what the pass over the rasters gave (land
    // use, parts, display rasters), whose keys do not hold the parameter.
    const cache = mkdtempSync(join(tmpdir(), "atlas-warm-"));
    expect((await atlas(["study", "--json"], cache)).stderr).toMatch(/one pass over/);
    const dir = mkdtempSync(join(tmpdir(), "atlas-study-"));
    const study = JSON.parse(readFileSync(STUDY, "utf8"));
    // Absolute input paths, so that the copy reads the same files.
    const base = dirname(STUDY);
    for (const y of Object.keys(study.inputs.landCover)) study.inputs.landCover[y] = resolve(base, study.inputs.landCover[y]);
    for (const k of ["boundary", "energy", "claims"]) study.inputs[k] = resolve(base, study.inputs[k]);
    for (const k of Object.keys(study.inputs.map)) study.inputs.map[k] = resolve(base, study.inputs.map[k]);
    study.inputs.river.file = resolve(base, study.inputs.river.file);
    // The rasters are already generated (.cache/demo); a copy of the study elsewhere reads them as given.
    delete study.inputs.generate;
    study.spatial.alpha = 0.01;
    const file = join(dir, "study.json");
    writeFileSync(file, JSON.stringify(study));
    const {stderr} = await atlas(["study", "--study", file, "--json"], cache);
    expect(stderr).not.toMatch(/one pass over/);
    expect(stderr).toMatch(/bivariate Moran/);
  }, 120_000);

  it("serves each table with exactly the bytes the manifest lists", async () => {
    const m = (await atlas(["manifest", "--json"])).json as {outputs: Record<string, string>};
    for (const table of ["moran", "carbon", "grid"]) {
      const r = await run(process.execPath, ["--import", "tsx", "src/data/[table].arrow.ts", "--table", table]);
      expect(r.status).toBe(0);
      expect(createHash("sha256").update(r.bytes).digest("hex"), table).toBe(m.outputs[`${table}.arrow`]);
    }
  }, 120_000);

  it("gives byte-identical outputs from two clean runs (manifest of output hashes)", async () => {
    type Manifest = {outputs: Record<string, string>};
    const a = (await atlas(["manifest", "--json"], mkdtempSync(join(tmpdir(), "atlas-a-")))).json as Manifest;
    const b = (await atlas(["manifest", "--json"], mkdtempSync(join(tmpdir(), "atlas-b-")))).json as Manifest;
    // every file the site serves under data/: the tables, the grid cells, the land cover, the map layers and study.json
    expect(Object.keys(a.outputs).sort()).toEqual([
      "carbon.arrow",
      "catalog.json",
      "cluster-composition.arrow",
      "districts.arrow",
      "dynamics.arrow",
      "energy.arrow",
      "esv-sensitivity.arrow",
      "esv.arrow",
      "grid-cells.json",
      "grid-lisa-all.arrow",
      "grid-lisa.arrow",
      "grid-map-all.arrow",
      "grid-map.arrow",
      "grid.arrow",
      "landcover.png",
      "landuse-areas.arrow",
      "layers.json",
      "moran.arrow",
      "study.json",
      "transitions.arrow"
    ]);
    expect(b.outputs).toEqual(a.outputs);
  }, 300_000);
});
