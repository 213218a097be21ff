// The engine against GDAL + numpy on rasters made by GDAL in every encoding:
// pixel counts equal, km² within 1e-9 relative.
import {describe, expect, it} from "vitest";
import {baseJob, gridComposition, openEpochs, tabulate} from "../data-loaders/raster/engine.js";
import {runJob} from "../data-loaders/raster/run-job.js";
import {expected, fx, relErr, type ExpectedArea, type ExpectedTransition} from "./raster-helpers.js";

const quiet = {warn: () => {}};

function expectAreas(got: ExpectedArea[], want: ExpectedArea[]) {
  expect(got.map((a) => [a.code, a.pixels])).toEqual(want.map((a) => [a.code, a.pixels]));
  got.forEach((a, i) => expect(relErr(a.km2, want[i].km2)).toBeLessThan(1e-9));
}

function expectTransitions(got: ExpectedTransition[], want: ExpectedTransition[]) {
  expect(got.map((t) => [t.from, t.to, t.pixels])).toEqual(want.map((t) => [t.from, t.to, t.pixels]));
  got.forEach((t, i) => expect(relErr(t.km2, want[i].km2)).toBeLessThan(1e-9));
}

describe("areas equal GDAL + numpy in every encoding", () => {
  it("covers striped and tiled × none, PackBits, LZW, DEFLATE, predictor 1 and 2", () => {
    const geo = Object.keys(expected.files).filter((f) => f.startsWith("geo_a_"));
    expect(geo).toHaveLength(12);
    expect(new Set(geo.map((f) => expected.files[f].layout + expected.files[f].encoding)).size).toBe(12);
  });
  for (const [name, meta] of Object.entries(expected.files)) {
    it(`${name} (${meta.layout}, ${meta.encoding})`, async () => {
      const e = await openEpochs([fx(name)], quiet);
      const t = await tabulate(e);
      expectAreas(t.areas[0], expected.areas[name]);
    });
  }
});

describe("masked areas (holes, MultiPolygons, overlapping features, edges through pixel centres) equal gdal.RasterizeLayer", () => {
  for (const [key, want] of Object.entries(expected.areas_masked)) {
    const [name, mask] = key.split("|");
    it(`${name} masked by ${mask}`, async () => {
      const e = await openEpochs([fx(name)], {...quiet, mask: fx(mask)});
      expectAreas((await tabulate(e)).areas[0], want);
    });
  }
});

describe("transitions equal numpy cross-tabulation (valid in both)", () => {
  for (const masked of [false, true]) {
    const table = masked ? expected.transitions_masked : expected.transitions;
    for (const [key, want] of Object.entries(table)) {
      const [a, b] = key.split("|");
      it(`${a} → ${b}${masked ? " (masked)" : ""}`, async () => {
        const e = await openEpochs([fx(a), fx(b)], {...quiet, mask: masked ? fx("mask.geojson") : undefined});
        const t = await tabulate(e, {pairs: [[0, 1]]});
        expectTransitions(t.transitions[0], want);
        // the epochs' areas come from the pair's margins: same as counting alone
        for (const i of [0, 1]) {
          const alone = (await tabulate({...e, infos: [e.infos[i]]})).areas[0];
          expect(t.areas[i].map((x) => x.pixels)).toEqual(alone.map((x) => x.pixels));
        }
      });
    }
  }
});

describe("fishnet composition equals per-pixel PROJ assignment", () => {
  for (const [key, want] of Object.entries(expected.grid)) {
    const [name, km, masked] = key.split("|");
    it(`${name}, ${km} km${masked ? ", masked" : ""}`, async () => {
      const e = await openEpochs([fx(name)], {...quiet, mask: masked ? fx("mask.geojson") : undefined});
      const [g] = await gridComposition(e, {cellKm: [Number(km)], proj: expected.fishnet});
      const got = new Map<string, Record<string, number>>();
      g.ids.forEach((_, j) => {
        const cell: Record<string, number> = {};
        g.labels.forEach((label, k) => {
          if (g.epochs[0].km2[k][j] > 0) cell[label] = g.epochs[0].km2[k][j];
        });
        got.set(`${g.cols[j] + g.plan.ixMin},${g.plan.iyMax - g.rows[j]}`, cell);
      });
      expect([...got.keys()].sort()).toEqual(want.map((c) => `${c.ix},${c.iy}`).sort());
      for (const c of want) {
        const cell = got.get(`${c.ix},${c.iy}`)!;
        expect(Object.keys(cell).sort()).toEqual(Object.keys(c.km2).sort());
        for (const [code, v] of Object.entries(c.km2)) expect(relErr(cell[code], v)).toBeLessThan(1e-9);
      }
      // inside share = valid area / cell area
      const j = 0;
      const sum = g.labels.reduce((s, _, k) => s + g.epochs[0].km2[k][j], 0);
      expect(g.epochs[0].insideShare[j]).toBeCloseTo(sum / Number(km) ** 2, 12);
    });
  }
});

describe("pixel geometry", () => {
  for (const [name, want] of Object.entries(expected.row_areas_m2)) {
    it(`${name}: row areas on the file's ellipsoid equal PROJ's cylindrical equal-area rectangles`, async () => {
      const e = await openEpochs([fx(name)], quiet);
      expect(e.geometry.kind).toBe("ellipsoidal");
      want.forEach((a, r) => expect(relErr(e.geometry.rowAreaM2[r], a)).toBeLessThan(1e-9));
    });
  }
  it("reads the Krasovsky Albers from user-defined GeoKeys and calls it equal-area", async () => {
    const e = await openEpochs([fx("albers_a_tiled_lzw-p2.tif")], quiet);
    expect(e.crs.proj4).toContain("+proj=aea +lat_0=12 +lon_0=110 +lat_1=25 +lat_2=47");
    expect(e.crs.proj4).toContain("+a=6378245 +rf=298.3");
    expect(e.geometry.kind).toBe("projected-equal-area");
    expect(e.geometry.rowAreaM2[0]).toBe(900);
  });
  it("flags UTM areas as nominal, with a warning", async () => {
    const warnings: string[] = [];
    const e = await openEpochs([fx("utm_a.tif")], {warn: (m) => warnings.push(m)});
    expect(e.geometry.kind).toBe("projected-nominal");
    expect(warnings.join()).toMatch(/utm_a\.tif: .*not an equal-area projection; pixel areas .* are nominal/);
  });
});

describe("tile-by-tile and row-by-row reading agree", () => {
  it("a pair with one tiling (read tile by tile) gives the same transitions and grid as row by row", async () => {
    const e = await openEpochs([fx("geo_a_tiled_deflate-p2.tif"), fx("geo_b_tiled_deflate-p2.tif")], {...quiet, mask: fx("mask.geojson")});
    const [g1] = await gridComposition(e, {cellKm: [0.5]});
    const lut = Uint8Array.from({length: 256}, (_, code) => (code === 0 ? 9 : code));
    const grid = {plan: g1.plan, luts: [lut, lut], slotsPerRaster: 10};
    const job = {...baseJob(e), pairs: [[0, 1]] as [number, number][], grids: [grid]};
    const tiles = await runJob(job, {threads: 1});
    const rows = await runJob({...job, windowed: false}, {threads: 1});
    expect(rows.pairs[0].pixels).toEqual(tiles.pairs[0].pixels);
    rows.pairs[0].m2.forEach((v, i) => expect(relErr(v, tiles.pairs[0].m2[i])).toBeLessThan(1e-12));
    rows.grids[0].forEach((row, r) =>
      row?.forEach((v, i) => expect(relErr(v, tiles.grids[0][r]![i]) < 1e-12 || Math.abs(v - tiles.grids[0][r]![i]) < 1e-6).toBe(true))
    );
  });
});

describe("results do not depend on the thread count", () => {
  it("transitions and grid with 1 and 2 worker threads are identical", async () => {
    const files = [fx("geo_a_tiled_deflate.tif"), fx("geo_b_striped_lzw.tif")];
    const e = await openEpochs(files, {...quiet, mask: fx("mask.geojson")});
    const one = await tabulate(e, {pairs: [[0, 1]], threads: 1});
    const two = await tabulate(e, {pairs: [[0, 1]], threads: 2});
    expect(two).toEqual(one);
    const g1 = await gridComposition(e, {cellKm: [1, 2], threads: 1});
    const g2 = await gridComposition(e, {cellKm: [1, 2], threads: 2});
    expect(g2).toEqual(g1);
    // and the worker path really ran: chunks of 64 rows, four of them
    const job = {
      ...baseJob(e),
      pairs: [[0, 1]] as [number, number][],
      grids: [{plan: g1[0].plan, luts: [new Uint8Array(256), new Uint8Array(256)], slotsPerRaster: 1}]
    };
    expect(job.chunkRows).toBe(64);
    const [r1, r2] = [await runJob(job, {threads: 1}), await runJob(job, {threads: 2})];
    expect(r2.threads).toBe(2);
    expect({...r2, threads: 1}).toEqual(r1);
  });
  it("pooled workers serve job after job, and recover after a failed one", async () => {
    const files = [fx("geo_a_striped_lzw.tif"), fx("geo_b_tiled_deflate-p2.tif")];
    const e = await openEpochs(files, quiet);
    const want = await tabulate(e, {pairs: [[0, 1]], threads: 1});
    // back-to-back jobs, some opening slower decoders (LZW) than others
    const runs = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) => tabulate(i % 2 ? e : {...e, infos: [...e.infos].reverse()}, {pairs: [[0, 1]], threads: 2}))
    );
    runs.filter((_, i) => i % 2).forEach((r) => expect(r).toEqual(want));
    const broken = {...e, infos: e.infos.map((info) => ({...info, path: fx("missing.tif")}))};
    await expect(tabulate(broken, {pairs: [[0, 1]], threads: 2})).rejects.toThrow(/ENOENT/);
    expect(await tabulate(e, {pairs: [[0, 1]], threads: 2})).toEqual(want);
  });
});
