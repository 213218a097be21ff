// Real land cover no one here made: ESA WorldCover 10 m clips of Changsha's
// nine districts, 2020 (v100) and 2021 (v200), read from ../shared beside the
// repository (its README says what they are; ATLAS_WORLDCOVER_DIR overrides
// the place). `atlas init` on the raw clips, as tiles, must name WorldCover and
// propose WorldCover's mapping; the study it writes must run; and its areas
// must equal an independent computation with GDAL + numpy and exact WGS84
// pixel areas (test/fixtures/changsha-worldcover/reference.py → expected.json).
// Absent data skip these tests loudly, and fail them under CI=true.
import {beforeAll, describe, expect, it} from "vitest";
import {existsSync, mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {defaultTable, legendById} from "../src/lib/legends.js";
import {atlas as runAtlas, type Ran} from "./run-command.js";

const ROOT = resolve(import.meta.dirname, "..");
const DATA = process.env.ATLAS_WORLDCOVER_DIR ?? resolve(ROOT, "../shared/data/changsha-worldcover");
const FIXTURE = join(import.meta.dirname, "fixtures", "changsha-worldcover");
const present = existsSync(join(DATA, "SHA256SUMS"));
if (!present) {
  const message = `${DATA}: the ESA WorldCover clips are missing (see ../shared/data/changsha-worldcover/README.md); test/worldcover.test.ts cannot run`;
  if (process.env.CI === "true") throw new Error(message);
  console.warn(`\n!!! SKIPPED: ${message}\n`);
}

const expected = JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8")) as {
  pixels_by_code: Record<string, Record<string, number>>;
  areas_km2: Record<string, Record<string, number>>;
};

// Whole commands on 2 × 2.4 × 10⁸ pixels: minutes on a busy two-core machine.
const LONG = 3_600_000;
const atlas = (args: string[], cache: string) => runAtlas(args, {env: {...process.env, ATLAS_CACHE_DIR: cache}});

describe.skipIf(!present)("ESA WorldCover clips of Changsha, from atlas init to the study", () => {
  const tmp = mkdtempSync(join(tmpdir(), "atlas-worldcover-"));
  const cache = join(tmp, "cache");
  let r: Ran;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the init command's JSON, checked field by field below
  let out: any;
  beforeAll(async () => {
    r = await atlas(["init", DATA, "--out", join(tmp, "study"), "--json"], cache);
    out = r.status === 0 ? JSON.parse(r.stdout) : null;
  }, LONG);

  it("init groups the nine clips of each year into one epoch and names WorldCover from the evidence", () => {
    expect(r.status, r.stderr).toBe(0);
    expect(out.epochs).toEqual([2020, 2021]);
    expect(out.rasters["2020"]).toHaveLength(9);
    expect(out.product.id).toBe("worldcover");
    // GlobeLand30 has the same codes 10…90 with other meanings; its pixels are 30 m
    expect(out.product.fit_by_codes).toContain("globeland30");
    expect(out.product.rejected.globeland30).toMatch(/its pixels are 30 m/);
    expect(out.fill).toBe(0);
  });

  it("counts every code as GDAL + numpy count the mosaics (0 outside the districts left out)", () => {
    expect(out.codes_by_epoch).toEqual(expected.pixels_by_code);
  });

  it("proposes WorldCover's mapping and writes no other product's notes", () => {
    const written = JSON.parse(readFileSync(out.written.study, "utf8"));
    const codes = Object.keys(expected.pixels_by_code["2020"]).map(Number);
    expect(written.reclassification.table).toEqual(defaultTable(legendById("worldcover")!, codes));
    expect(written.reclassification.table["40"]).toBe("cultivated");
    expect(written.study.landCover).toEqual({product: "worldcover"});
    expect(written.inputs.landCoverFill).toBe(0);
    expect(JSON.stringify(written)).not.toMatch(/CLCD/);
  });

  it("derives the footprint boundary the reference was computed in", () => {
    expect(JSON.parse(readFileSync(out.written.boundary, "utf8"))).toEqual(
      JSON.parse(readFileSync(join(FIXTURE, "boundary.geojson"), "utf8"))
    );
  });

  it(
    "writes a study that runs, whose areas equal GDAL + numpy's with exact ellipsoidal pixel areas",
    async () => {
      const s = await atlas(["study", "--study", out.written.study, "--json"], cache);
      expect(s.status, s.stderr).toBe(0);
      const areas = JSON.parse(s.stdout).areas_km2 as Record<string, Record<string, number>>;
      for (const [y, byClass] of Object.entries(expected.areas_km2))
        for (const [c, want] of Object.entries(byClass)) expect(Math.abs(areas[y][c] - want), `${y} ${c}`).toBeLessThanOrEqual(1e-9 * want);
    },
    LONG
  );
});
