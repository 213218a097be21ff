// Product legends (src/lib/legends.ts) and how atlas init tells a product from
// the evidence (data-loaders/cli/_identify-product.ts): on the legends alone,
// then on the rasters of test/fixtures/legends (make-fixtures.ts), where init
// must name Dynamic World and NLCD, and propose nothing for codes that fit both
// GlobeLand30 and GLC_FCS30.
import {describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {CLASSES} from "../src/lib/classes.js";
import {defaultTable, LEGENDS, legendById} from "../src/lib/legends.js";
import {identifyProduct} from "../data-loaders/cli/_identify-product.js";

const FIXTURES = join(import.meta.dirname, "fixtures", "legends");

describe("the legends", () => {
  it("have unique ids, a class for every code, no-data values that are not codes, and reasons only for their codes", () => {
    expect(new Set(LEGENDS.map((l) => l.id)).size).toBe(LEGENDS.length);
    for (const l of LEGENDS) {
      expect(Object.keys(l.mapping), l.id).toEqual(Object.keys(l.codes));
      for (const c of Object.values(l.mapping)) expect(CLASSES, l.id).toContain(c);
      for (const nd of l.noData) expect(l.codes[nd], `${l.id} ${nd}`).toBeUndefined();
      for (const k of Object.keys(l.reasons)) expect(l.codes[Number(k)], `${l.id} reason ${k}`).toBeDefined();
      expect(l.citation.length, l.id).toBeGreaterThan(40);
    }
  });

  it("share codes with different meanings, which is why codes alone never choose", () => {
    const wc = legendById("worldcover")!,
      g30 = legendById("globeland30")!;
    expect(wc.mapping[40]).toBe("cultivated");
    expect(g30.mapping[40]).toBe("forest"); // shrubland
    expect(wc.mapping[80]).toBe("water");
    expect(g30.mapping[80]).toBe("construction");
  });
});

const ev = (codes: number[], pixelM: number, files = ["lc_2000.tif"], lon = 113, lat = 28) => ({
  codes: new Map(codes.map((c) => [c, 100])),
  pixelM,
  lon,
  lat,
  crs: "EPSG:4326",
  files
});

describe("identifyProduct", () => {
  it("tells WorldCover from GlobeLand30 by the pixel size", () => {
    const codes = [0, 10, 20, 30, 40, 50, 60, 80, 90];
    expect(identifyProduct(ev(codes, 10)).product?.id).toBe("worldcover");
    expect(identifyProduct(ev(codes, 30)).product?.id).toBe("globeland30");
  });

  it("proposes nothing when two products fit codes, pixel size and place, and names both", () => {
    const v = identifyProduct(ev([10, 20], 30));
    expect(v.product).toBeNull();
    expect(v.candidates.map((l) => l.id)).toEqual(["globeland30", "glc-fcs30"]);
    expect(v.why).toMatch(/the evidence cannot tell which/);
  });

  it("lets file names decide only between the products the other evidence left", () => {
    expect(identifyProduct(ev([10, 20], 30, ["GlobeLand30_2000.tif", "GlobeLand30_2020.tif"])).product?.id).toBe("globeland30");
    // a name of a product whose legend lacks a code present decides nothing
    expect(identifyProduct(ev([10, 20, 95], 30, ["worldcover_2020.tif"])).product).toBeNull();
  });

  it("keeps regional products to their region: CLCD codes over the Alps fit no product", () => {
    const v = identifyProduct(ev([1, 2, 3, 4, 5, 6, 7, 8, 9], 30, ["lc_2003.tif"], 10.5, 47.5));
    expect(v.product).toBeNull();
    expect(v.rejected.clcd).toMatch(/does not cover 10\.50° E, 47\.50° N/);
    expect(identifyProduct(ev([1, 2, 3, 4, 5, 6, 7, 8, 9], 30)).product?.id).toBe("clcd");
  });
});

interface InitOut {
  written: {study: string};
  product: {id: string | null; why: string; candidates: string[]};
  fill: number | null;
  codes: Record<string, number>;
  codes_by_epoch: Record<string, Record<string, number>>;
  reclassification: {proposed: boolean; table: Record<string, string>};
  checklist: string[];
}

function atlas(args: string[], cache: string) {
  return spawnSync("node", ["--import", "tsx", "data-loaders/cli.ts", ...args], {
    encoding: "utf8",
    env: {...process.env, ATLAS_CACHE_DIR: cache}
  });
}

function init(folder: string): {out: InitOut; stderr: string; cache: string} {
  const tmp = mkdtempSync(join(tmpdir(), `atlas-legend-${folder}-`));
  const r = atlas(["init", join(FIXTURES, folder), "--out", join(tmp, "study"), "--json"], join(tmp, "cache"));
  if (r.status !== 0) throw new Error(`atlas init ${folder} exited ${r.status}: ${r.stderr}`);
  return {out: JSON.parse(r.stdout) as InitOut, stderr: r.stderr, cache: join(tmp, "cache")};
}

describe("atlas init on other products' rasters", () => {
  it("Dynamic World labels (10 m, near Nairobi): identified, its table proposed, and the study runs", () => {
    const {out, cache} = init("dynamic-world");
    expect(out.product.id).toBe("dynamic-world");
    const codes = Object.keys(out.codes).map(Number);
    expect(codes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]); // 255, tagged NoData, left out
    expect(out.reclassification.table).toEqual(defaultTable(legendById("dynamic-world")!, codes));
    const written = JSON.parse(readFileSync(out.written.study, "utf8"));
    expect(written.study.landCover).toEqual({product: "dynamic-world"});
    expect(JSON.stringify(written)).not.toMatch(/CLCD/);
    const r = atlas(["study", "--study", out.written.study, "--json"], cache);
    expect(r.status, r.stderr).toBe(0);
  });

  it("NLCD (30 m, CONUS Albers, near Denver): identified, and its no-data 0 (untagged) becomes the fill value", () => {
    const {out} = init("nlcd");
    expect(out.product.id).toBe("nlcd");
    expect(out.fill).toBe(0);
    expect(Object.keys(out.reclassification.table).map(Number)).toEqual([11, 21, 22, 23, 24, 31, 41, 42, 43, 52, 71, 81, 82, 90, 95]);
    expect(out.reclassification.table["81"]).toBe("grassland");
    expect(out.checklist.join("\n")).toMatch(/inputs\.landCoverFill: 0, US NLCD .* uses 0 for no data/);
  });

  it("codes 10 and 20 at 30 m: GlobeLand30 and GLC_FCS30 both fit, so nothing is proposed and the study refuses to run", () => {
    const {out, cache} = init("ambiguous");
    expect(out.product.id).toBeNull();
    expect(out.product.candidates).toEqual(["globeland30", "glc-fcs30"]);
    expect(out.reclassification.proposed).toBe(false);
    expect(out.reclassification.table).toEqual({10: "TODO", 20: "TODO"});
    // the pattern of make-fixtures.ts: 20 where (x + y) % 3 == 0 in the first epoch, 120 × 100 pixels
    let twenty = 0;
    for (let y = 0; y < 100; y++) for (let x = 0; x < 120; x++) if ((x + y) % 3 === 0) twenty++;
    expect(out.codes_by_epoch["2000"]).toEqual({10: 12000 - twenty, 20: twenty});
    const r = atlas(["study", "--study", out.written.study, "--json"], cache);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`lc_2000.tif: codes mapped to the placeholder "TODO": 10 (${12000 - twenty} pixels), 20 (${twenty} pixels)`);
  });
});
