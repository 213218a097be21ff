// `atlas init DIR`: a starting study file for a folder of rasters. Run on
// copies of the GDAL-made fixtures' rasters; the codes it finds are checked
// against GDAL + numpy's counts (test/fixtures/second-study/expected.json) or
// against how make-fixture.py built the rasters, and the study it writes must
// validate and run.
import {describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parseStudy} from "../src/lib/params.js";
import {chooseCellSizes, traceRings} from "../data-loaders/cli/init.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const SECOND = join(FIXTURES, "second-study");
const REAL = join(FIXTURES, "real-study");
const DEFAULT_STUDY = join(import.meta.dirname, "..", "data-loaders", "studies", "changzhutan", "study.json");
const expected = JSON.parse(readFileSync(join(SECOND, "expected.json"), "utf8")) as {
  codes_in_rasters: Record<string, Record<string, number>>;
  areas_km2: Record<string, Record<string, number>>;
};

function atlas(args: string[], cacheDir: string) {
  return spawnSync("node", ["--import", "tsx", "data-loaders/cli.ts", ...args], {
    encoding: "utf8",
    env: {...process.env, ATLAS_CACHE_DIR: cacheDir}
  });
}

/** A fresh folder holding copies of a fixture's rasters only. */
function rasterFolder(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), "atlas-init-"));
  for (const f of readdirSync(from).filter((f) => f.endsWith(".tif"))) copyFileSync(join(from, f), join(dir, f));
  return dir;
}

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
/** sha256 of every file directly in dir (the runs' cache and --out folders left out) */
const hashes = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir, {withFileTypes: true})
      .filter((d) => d.isFile())
      .map((d) => [d.name, sha(join(dir, d.name))])
  );

interface InitResult {
  written: {study: string; energy: string; story: string; boundary?: string};
  epochs: number[];
  codes: Record<string, number>;
  codes_by_epoch: Record<string, Record<string, number>>;
  product: {id: string | null; why: string; candidates: string[]; fit_by_codes: string[]; rejected: Record<string, string>};
  fill: number | null;
  reclassification: {proposed: boolean; table: Record<string, string>; source: string};
  grid: {cellSizesKm: number[]; defaultCellKm: number; proj: string};
  area_km2: number;
  checklist: string[];
}

function init(args: string[], cacheDir: string): InitResult {
  const r = atlas(["init", ...args, "--json"], cacheDir);
  if (r.status !== 0) throw new Error(`atlas init exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as InitResult;
}

describe("atlas init on a folder of CLCD rasters (second-study's, EPSG:3035)", () => {
  const dir = rasterFolder(SECOND);
  const cache = join(dir, ".cache");
  const before = hashes(dir);
  // CLCD covers China only: on these Alpine rasters the evidence proposes nothing, and the author names the product.
  const guess = init([dir, "--out", join(dir, "unnamed")], cache);
  const out = init([dir, "--product", "clcd"], cache);
  const written = JSON.parse(readFileSync(out.written.study, "utf8"));

  it("takes the epochs from the file names", () => {
    expect(out.epochs).toEqual([2003, 2008, 2016, 2021]);
    expect(written.inputs.landCover).toEqual({"2003": "lc_2003.tif", "2008": "lc_2008.tif", "2016": "lc_2016.tif", "2021": "lc_2021.tif"});
  });

  it("finds the codes GDAL + numpy find, pixel for pixel, NoData left out", () => {
    expect(out.codes_by_epoch).toEqual(expected.codes_in_rasters);
  });

  it("without --product proposes no mapping: the codes fit only CLCD, which does not cover the Alps", () => {
    expect(guess.product.id).toBeNull();
    // MODIS IGBP and CORINE have codes 1–9 too, at 500 m and 100 m
    expect(guess.product.fit_by_codes).toEqual(["clcd", "modis-igbp", "corine"]);
    expect(guess.product.candidates).toEqual([]);
    expect(guess.product.rejected.clcd).toMatch(/does not cover 10\.\d\d° E, 47\.\d\d° N/);
    expect(guess.reclassification.proposed).toBe(false);
    expect(Object.values(guess.reclassification.table)).toEqual(Array(9).fill("TODO"));
    expect(guess.checklist.join("\n")).toMatch(/no mapping proposed.*codes 1 \(\d+ pixels\), 2 \(\d+ pixels\)/);
  });

  it("the study it wrote without a product refuses to run, naming each code and its pixels", () => {
    const r = atlas(["study", "--study", guess.written.study, "--json"], cache);
    expect(r.status).toBe(1);
    const total = (c: string) => Object.values(expected.codes_in_rasters).map((m) => m[c] ?? 0);
    // the first epoch's raster names its codes with that epoch's pixel counts
    expect(r.stderr).toMatch(/codes mapped to the placeholder "TODO": 1 \((\d+) pixels\)/);
    expect(r.stderr).toContain(`1 (${total("1")[0]} pixels)`);
  });

  it("with --product clcd: CLCD's table, and study.landCover names it", () => {
    expect(out.product.id).toBe("clcd");
    expect(out.product.why).toMatch(/chosen with --product clcd/);
    expect(Object.keys(written.reclassification.table).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(written.study.landCover).toEqual({product: "clcd"});
  });

  it("refuses --product of a legend without the codes present, naming them", () => {
    const r = atlas(["init", dir, "--out", join(dir, "wc"), "--product", "worldcover", "--json"], cache);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /--product worldcover: the rasters hold codes that ESA WorldCover.* does not have: 1 \(\d+ pixels\), 2 \(\d+ pixels\)/
    );
  });

  it("writes a study file that validates, is not a reconstruction and has placeholders where only the author knows", () => {
    const s = parseStudy(written, "study.json");
    expect(s.study.reconstruction.reconstructed).toBe(false);
    expect(s.study.title).toMatch(/^TODO/);
    expect(s.study.region).toMatch(/^TODO/);
  });

  it("starts from the default study's coefficients and their sources, marks its own placeholders and copies no note about another product", () => {
    const def = JSON.parse(readFileSync(DEFAULT_STUDY, "utf8"));
    expect(written.carbon).toEqual(def.carbon);
    expect(written.esv.classRows).toEqual(def.esv.classRows);
    expect(written.esv.standardValue.method).toBe("grain");
    expect(written.esv.standardValue.grainYield.source).toMatch(/^PLACEHOLDER/);
    expect(written.placeholders).toEqual(["inputs.energy", "esv.standardValue"]);
    expect(written.spatial).toEqual(def.spatial);
    expect(JSON.stringify(written.esv)).not.toMatch(/CLCD/);
    expect(out.checklist.join("\n")).toMatch(/another study/);
  });

  it("fits the cell sizes to the extent: at least 100 cells at the coarsest, at most 200 000 at the finest", () => {
    const {cellSizesKm, defaultCellKm} = out.grid;
    // 450 × 380 pixels of 30 m less the NoData strip: about 151 km²
    expect(out.area_km2).toBeGreaterThan(145);
    expect(out.area_km2).toBeLessThan(154);
    expect(out.area_km2 / cellSizesKm[cellSizesKm.length - 1] ** 2).toBeGreaterThanOrEqual(100);
    expect(out.area_km2 / cellSizesKm[0] ** 2).toBeLessThanOrEqual(200_000);
    expect(cellSizesKm).toContain(defaultCellKm);
  });

  it("centres an equal-area grid projection on the rasters (near 10.5° E, 47.5° N)", () => {
    const m = /\+proj=laea \+lat_0=(\S+) \+lon_0=(\S+)/.exec(out.grid.proj);
    expect(m).not.toBeNull();
    expect(Math.abs(Number(m![1]) - 47.5)).toBeLessThan(0.02);
    expect(Math.abs(Number(m![2]) - 10.5)).toBeLessThan(0.02);
  });

  it("derives the boundary from the valid data: a WGS84 MultiPolygon (outer rings counter-clockwise) holding nearly every valid pixel", () => {
    const b = JSON.parse(readFileSync(out.written.boundary!, "utf8"));
    const g = b.features[0].geometry;
    expect(g.type).toBe("MultiPolygon");
    const ring = g.coordinates[0][0] as number[][];
    let area2 = 0;
    for (let i = 0; i + 1 < ring.length; i++) area2 += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    expect(area2).toBeGreaterThan(0);
    const r = atlas(["areas", join(dir, "lc_2003.tif"), "--mask", out.written.boundary!, "--json"], cache);
    expect(r.status, r.stderr).toBe(0);
    const inside = (JSON.parse(r.stdout) as {classes: {pixels: number}[]}).classes.reduce((s, c) => s + c.pixels, 0);
    const valid = Object.values(expected.codes_in_rasters["2003"]).reduce((a, b) => a + b, 0);
    expect(inside).toBeLessThanOrEqual(valid);
    expect(inside / valid).toBeGreaterThan(0.99);
  });

  it("writes an energy table template: one row per fuel of the study, zero in every epoch", () => {
    const lines = readFileSync(out.written.energy, "utf8").trim().split("\n");
    expect(lines[0]).toBe("fuel,unit,2003,2008,2016,2021");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(Object.keys(written.carbon.energy.fuels));
    for (const l of lines.slice(1)) expect(l.split(",").slice(2)).toEqual(["0", "0", "0", "0"]);
    expect(out.checklist.join("\n")).toMatch(/energy\.csv/);
  });

  it("writes a study that `atlas study` runs, warning that its placeholders are left", () => {
    const r = atlas(["study", "--study", out.written.study, "--json"], cache);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).epochs).toEqual([2003, 2008, 2016, 2021]);
    expect(r.stderr).toMatch(/placeholders: inputs\.energy, esv\.standardValue still hold values written by atlas init/);
  });

  it("writes a starting story whose shortcodes all name the study's values, rendered as the site's home page", () => {
    expect(out.written.story).toBe(join(dir, "story", "index.md"));
    const r = spawnSync("node", ["--import", "tsx", "src/index.md.ts"], {
      encoding: "utf8",
      env: {...process.env, ATLAS_STUDY: out.written.study, ATLAS_CACHE_DIR: cache}
    });
    expect(r.status, r.stderr).toBe(0);
    // two area changes, net carbon and ESV in the first and last epochs, the ESV change, the cell size, Moran's I and p
    expect(r.stdout.match(/class="atlas-value"/g)).toHaveLength(10);
    expect(r.stdout).toContain('title="net-carbon epoch=2021"');
    expect(r.stdout).toContain('await storyFigure("lisa-map", {"epoch":"2021"})');
    expect(r.stdout).not.toMatch(/\{\{/);
  });

  it("with --boundary and --out: the study's areas equal GDAL + numpy's inside that boundary", () => {
    const other = join(dir, "other");
    const o = init([dir, "--out", other, "--boundary", join(SECOND, "boundary.geojson"), "--product", "clcd"], cache);
    expect(o.written.boundary).toBeUndefined();
    const r = atlas(["study", "--study", o.written.study, "--json"], cache);
    expect(r.status, r.stderr).toBe(0);
    const areas = JSON.parse(r.stdout).areas_km2 as Record<string, Record<string, number>>;
    for (const [y, byClass] of Object.entries(expected.areas_km2))
      for (const [c, want] of Object.entries(byClass)) expect(Math.abs(areas[y][c] - want), `${y} ${c}`).toBeLessThanOrEqual(1e-9 * want);
  });

  it("refuses when study.json exists, naming it, and leaves every file as it was", () => {
    const files = hashes(dir);
    const r = atlas(["init", dir, "--json"], cache);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(join(dir, "study.json"));
    expect(r.stderr).toMatch(/never overwrites.*--out/);
    expect(hashes(dir)).toEqual(files);
  });

  it("never touches the rasters", () => {
    const after = hashes(dir);
    for (const [f, h] of Object.entries(before)) expect(after[f], f).toBe(h);
  });
});

describe("atlas init on rasters with their own codes (real-study's: 11..61, Krasovsky Albers)", () => {
  const dir = rasterFolder(REAL);
  const cache = join(dir, ".cache");
  const before = hashes(dir);
  const out = init([dir], cache);

  it("finds exactly the codes make-fixture.py wrote, and every pixel but its 6-column NoData strip", () => {
    expect(out.epochs).toEqual([2000, 2010, 2020]);
    for (const y of ["2000", "2010", "2020"]) {
      expect(Object.keys(out.codes_by_epoch[y]).map(Number)).toEqual([11, 21, 31, 41, 51, 61]);
      expect(Object.values(out.codes_by_epoch[y]).reduce((a, b) => a + b, 0)).toBe((240 - 6) * 200);
    }
  });

  it("identifies CNLUCC (30 m, in China; NLCD has no code 61) and proposes its table, which is the fixture's own", () => {
    const fixture = JSON.parse(readFileSync(join(REAL, "study.json"), "utf8"));
    expect(out.product.id).toBe("cnlucc");
    expect(out.product.fit_by_codes).toEqual(["cnlucc"]);
    expect(out.product.rejected.nlcd).toMatch(/no code 61/);
    expect(out.reclassification.table).toEqual(fixture.reclassification.table);
    expect(out.checklist.join("\n")).toMatch(/reclassification: CNLUCC.*default mapping/);
  });

  it("writes a study that validates and runs", () => {
    parseStudy(JSON.parse(readFileSync(out.written.study, "utf8")), "study.json");
    const r = atlas(["study", "--study", out.written.study, "--json"], cache);
    expect(r.status, r.stderr).toBe(0);
    expect(hashes(dir)).toMatchObject(before);
  });
});

describe("atlas init refuses what it cannot read", () => {
  it("a raster whose name has no year", () => {
    const dir = rasterFolder(SECOND);
    copyFileSync(join(dir, "lc_2003.tif"), join(dir, "landcover_latest.tif"));
    const r = atlas(["init", dir, "--json"], join(dir, ".cache"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(join(dir, "landcover_latest.tif"));
    expect(r.stderr).toMatch(/no year in its name/);
    expect(readdirSync(dir).filter((f) => !f.endsWith(".tif") && f !== ".cache")).toEqual([]);
  });

  it("two rasters of one year that overlap with different values: refused naming the place and both files", () => {
    const dir = rasterFolder(SECOND);
    copyFileSync(join(dir, "lc_2008.tif"), join(dir, "lc_2003_other.tif"));
    const r = atlas(["init", dir, "--product", "clcd", "--json"], join(dir, ".cache"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /lc_2003(_other)?\.tif and lc_2003(_other)?\.tif overlap with different values at column \d+, row \d+ of the epoch's mosaic \(\d+(\.\d+)?, \d+(\.\d+)? in EPSG:3035 ETRS89[^)]*\): lc_2003(_other)?\.tif has \d, lc_2003(_other)?\.tif has \d/
    );
    expect(readdirSync(dir).filter((f) => !f.endsWith(".tif") && f !== ".cache")).toEqual([]);
  });

  it("an existing energy.csv, even without a study.json", () => {
    const dir = rasterFolder(SECOND);
    writeFileSync(join(dir, "energy.csv"), "mine\n");
    const r = atlas(["init", dir, "--json"], join(dir, ".cache"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(join(dir, "energy.csv"));
    expect(readFileSync(join(dir, "energy.csv"), "utf8")).toBe("mine\n");
  });
});

describe("init's pieces", () => {
  it("chooses at most four cell sizes between 100 and 200 000 cells, each at least ten pixels across", () => {
    // 20 000 km² of 30 m pixels: 0.5 km (80 000 cells) … 10 km (200 cells); default nearest 2000 cells
    expect(chooseCellSizes(20_000, 0.03)).toEqual({cellSizesKm: [0.5, 1.5, 3, 10], defaultCellKm: 3});
    // 1 000 000 km²: up to 2 km would exceed 200 000 cells; nine sizes fit, four spread among them
    expect(chooseCellSizes(1_000_000, 0.03).cellSizesKm).toEqual([2.5, 10, 20, 100]);
    // 2 km² of 250 m pixels: no size fits both bounds; the finest at ten pixels across
    expect(chooseCellSizes(2, 0.25)).toEqual({cellSizesKm: [2.5], defaultCellKm: 2.5});
  });

  it("traces a block mask into outer rings and holes, cells touching only at a corner kept apart", () => {
    // a 3 × 3 ring of cells around a hole, and one cell touching it diagonally
    const grid = ["###..", "#.#..", "###..", "...#.", "....."];
    const inside = Uint8Array.from(grid.join(""), (ch) => (ch === "#" ? 1 : 0));
    const rings = traceRings(inside, 5, 5);
    const area = (r: number[][]) => r.reduce((s, p, i) => s + p[0] * -r[(i + 1) % r.length][1] - r[(i + 1) % r.length][0] * -p[1], 0) / 2;
    const areas = rings.map(area).sort((a, b) => a - b);
    // y flipped (north up): outer rings clockwise (negative), the hole counter-clockwise
    expect(areas).toEqual([-9, -1, 1]);
    expect(rings.map((r) => r.length).sort()).toEqual([4, 4, 4]);
  });
});
