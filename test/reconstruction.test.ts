// The reconstructed land cover (data-loaders/studies/changzhutan/reconstruction): generated once at full resolution
// into a temporary directory, then read back through the raster engine that
// reads real rasters, and checked against the calibration targets and the
// spatial patterns the rest of the study depends on. Nothing here trusts the
// generator's own bookkeeping (calibration.json) except where said.
import {execFileSync} from "node:child_process";
import {createHash} from "node:crypto";
import {existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {LandClass} from "../src/lib/classes.js";
import {CLCD_TO_CLASS} from "../src/lib/legends.js";
import {openEpochs, tabulate, type Tabulation} from "../data-loaders/raster/engine.js";
import {RowSource} from "../data-loaders/raster/row-source.js";
import type {RasterInfo} from "../data-loaders/raster/open-raster.js";
import {generateReconstruction, type ReconstructionResult} from "../data-loaders/studies/changzhutan/reconstruction/generate.js";
import {areaChangeKm2, epochs} from "../data-loaders/studies/changzhutan/reconstruction/targets.js";
import {
  CITIES,
  deriveRivers,
  riversGeoJson,
  citiesGeoJson,
  KM_PER_DEG_LAT,
  KM_PER_DEG_LON
} from "../data-loaders/studies/changzhutan/reconstruction/geography.js";
import {STUDY_DIR, readBoundary} from "../data-loaders/studies/changzhutan/reconstruction/write-geography.js";
import {referenceTool} from "./reference-tools.js";

const quiet = {warn: () => {}};
const BOUNDARY = join(STUDY_DIR, "boundary.geojson");
let dir: string;
let result: ReconstructionResult;
let tab: Tabulation;
let infos: RasterInfo[];
const CONSECUTIVE: [number, number][] = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 4]
];

/** Six-class areas (km²) from the engine's per-code areas, with the default CLCD table. */
function classAreas(rows: {code: number; km2: number}[]): Record<LandClass, number> {
  const out = {cultivated: 0, forest: 0, grassland: 0, water: 0, construction: 0, unused: 0};
  for (const {code, km2} of rows) {
    const c = CLCD_TO_CLASS[code];
    if (!c) throw new Error(`unexpected CLCD code ${code}`);
    out[c] += km2;
  }
  return out;
}

/** Visit every `step`-th pixel of every `step`-th row: (lon, lat, code). */
async function scan(info: RasterInfo, step: number, fn: (lon: number, lat: number, code: number) => void): Promise<void> {
  const src = await RowSource.open(info);
  for (let r = 0; r < info.height; r += step) {
    const o = src.load(r);
    const row = src.rowBytes;
    const lat = info.y0 - (r + 0.5) * info.dy;
    for (let c = 0; c < info.width; c += step) fn(info.x0 + (c + 0.5) * info.dx, lat, row[o + c]);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reconstruction-"));
  result = await generateReconstruction(dir);
  const e = await openEpochs(result.files, quiet);
  infos = e.infos;
  tab = await tabulate(e, {pairs: [...CONSECUTIVE, [0, 4]]});
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe("reconstructed land cover", () => {
  it("writes five CLCD-style GeoTIFFs and the calibration record", () => {
    expect(result.files.map((f) => f.split("/").pop())).toEqual(epochs().map((y) => `clcd_${y}.tif`));
    for (const f of result.files) expect(existsSync(f)).toBe(true);
    for (const info of infos) {
      expect(info.compression).toBe(8); // DEFLATE
      expect(info.tiled).toBe(true);
      expect(info.nodata).toBe(0);
      expect(info.dx).toBeCloseTo(0.00025, 12);
      expect(info.geoKeys.GeographicTypeGeoKey).toBe(4326);
    }
    const cal = JSON.parse(readFileSync(join(dir, "calibration.json"), "utf8"));
    expect(cal.seed).toBe(result.calibration.seed);
    expect(cal.epochs).toHaveLength(5);
  });

  it("meets the abstract's 2000 → 2020 changes (C2, C3, C4) within 0.5 %, measured on the rasters", () => {
    const a0 = classAreas(tab.areas[0]);
    const a1 = classAreas(tab.areas[4]);
    const reported = areaChangeKm2();
    for (const k of ["cultivated", "forest", "construction"] as const) {
      const got = a1[k] - a0[k];
      expect(Math.abs(got / reported[k] - 1), `${k}: ${got.toFixed(3)} km² vs ${reported[k]}`).toBeLessThan(0.005);
    }
    const other = (a: typeof a0) => a.grassland + a.water + a.unused;
    expect(Math.abs(other(a1) - other(a0) - -0.93)).toBeLessThan(0.5);
    // The generator's own record agrees with the engine's independent count.
    const rec = result.calibration.epochs[4].areas_km2;
    for (const k of Object.keys(rec) as LandClass[]) expect(Math.abs(rec[k] - a1[k])).toBeLessThan(1e-6 * Math.max(1, a1[k]));
  });

  it("has believable absolute areas and epochs: construction accelerating 2005–2015, cultivated and forest falling", () => {
    const areas = tab.areas.map(classAreas);
    const total = Object.values(areas[0]).reduce((s, v) => s + v, 0);
    expect(total).toBeGreaterThan(8000);
    expect(total).toBeLessThan(9000);
    const share = (k: LandClass, e: number) => areas[e][k] / total;
    expect(share("construction", 0)).toBeGreaterThan(0.05);
    expect(share("construction", 0)).toBeLessThan(0.08);
    expect(share("forest", 0)).toBeGreaterThan(0.4);
    expect(share("forest", 0)).toBeLessThan(0.5);
    expect(share("cultivated", 0)).toBeGreaterThan(0.35);
    expect(share("cultivated", 0)).toBeLessThan(0.45);
    expect(share("water", 0)).toBeGreaterThan(0.03);
    expect(share("water", 0)).toBeLessThan(0.05);
    const gain = CONSECUTIVE.map(([a, b]) => areas[b].construction - areas[a].construction);
    expect(gain[1]).toBeGreaterThan(gain[0]);
    expect(gain[2]).toBeGreaterThan(gain[1]);
    for (const [a, b] of CONSECUTIVE) {
      expect(areas[b].cultivated).toBeLessThan(areas[a].cultivated);
      expect(areas[b].forest).toBeLessThan(areas[a].forest);
    }
  });

  it("never turns construction land back into anything else, pixel by pixel", () => {
    tab.transitions.forEach((pair) => {
      const reverted = pair.filter((t) => t.from === 8 && t.to !== 8);
      expect(reverted).toEqual([]);
    });
    // Other classes do change both ways (boundary noise, new ponds), as in real classifications.
    const t = tab.transitions[4];
    const km2 = (from: number, to: number) => t.find((x) => x.from === from && x.to === to)?.km2 ?? 0;
    expect(km2(1, 2)).toBeGreaterThan(1);
    expect(km2(2, 1)).toBeGreaterThan(1);
    expect(km2(1, 5)).toBeGreaterThan(1);
  });

  it("has NoData exactly outside the district boundary", async () => {
    const masked = await openEpochs([result.files[0]], {...quiet, mask: BOUNDARY});
    const inMask = await tabulate(masked);
    const pixels = (rows: {pixels: number}[]) => rows.reduce((s, r) => s + r.pixels, 0);
    // Every valid pixel is inside the boundary, and every pixel inside the boundary is valid.
    expect(pixels(inMask.areas[0])).toBe(pixels(tab.areas[0]));
    expect(pixels(tab.areas[0])).toBe(masked.mask.pixels);
  });

  it("keeps water along the Xiangjiang and construction around the three cities", async () => {
    const xiang = deriveRivers(readBoundary().features)[0];
    expect(xiang.name).toBe("Xiangjiang");
    // Distance (km) to the centreline, by brute force over a thinned polyline (every ~240 m).
    const pts = xiang.line.filter((_, i) => i % 3 === 0).map(([lon, lat]) => [lon * KM_PER_DEG_LON, lat * KM_PER_DEG_LAT]);
    const distRiver = (x: number, y: number) => {
      let best = Infinity;
      for (let i = 0; i + 1 < pts.length; i++) {
        const [ax, ay] = pts[i];
        const [bx, by] = pts[i + 1];
        const dx = bx - ax;
        const dy = by - ay;
        const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
        const d = (ax + t * dx - x) ** 2 + (ay + t * dy - y) ** 2;
        if (d < best) best = d;
      }
      return Math.sqrt(best);
    };
    const near = {n: 0, water: 0};
    const far = {n: 0, water: 0};
    const built = {in10: 0, n10: 0, out20: 0, n20: 0};
    await scan(infos[4], 9, (lon, lat, code) => {
      if (code === 0) return;
      const x = lon * KM_PER_DEG_LON;
      const y = lat * KM_PER_DEG_LAT;
      const isWater = code === 5 || code === 9;
      const bin = distRiver(x, y) < 2 ? near : far;
      bin.n++;
      if (isWater) bin.water++;
      const dCity = Math.min(...CITIES.map((c) => Math.hypot(x - c.lon * KM_PER_DEG_LON, y - c.lat * KM_PER_DEG_LAT)));
      if (dCity < 10) {
        built.n10++;
        if (code === 8) built.in10++;
      } else if (dCity > 20) {
        built.n20++;
        if (code === 8) built.out20++;
      }
    });
    const nearShare = near.water / near.n;
    const farShare = far.water / far.n;
    expect(nearShare).toBeGreaterThan(5 * farShare);
    expect(built.in10 / built.n10).toBeGreaterThan(4 * (built.out20 / built.n20));
  }, 120_000);

  it("matches the committed river and city files the site draws", () => {
    const rivers = riversGeoJson(deriveRivers(readBoundary().features));
    expect(JSON.parse(readFileSync(join(STUDY_DIR, "rivers.geojson"), "utf8"))).toEqual(JSON.parse(JSON.stringify(rivers)));
    expect(JSON.parse(readFileSync(join(STUDY_DIR, "cities.geojson"), "utf8"))).toEqual(JSON.parse(JSON.stringify(citiesGeoJson())));
    for (const f of (rivers as {features: {properties: {reconstructed: boolean}}[]}).features)
      expect(f.properties.reconstructed).toBe(true);
  });

  it("is deterministic: same seed, same bytes, whatever the number of threads", async () => {
    const a = mkdtempSync(join(tmpdir(), "reconstruction-a-"));
    const b = mkdtempSync(join(tmpdir(), "reconstruction-b-"));
    try {
      const ra = await generateReconstruction(a, {pixelSize: 0.001, threads: 1});
      const rb = await generateReconstruction(b, {pixelSize: 0.001, threads: 2});
      const sha = (f: string) => createHash("sha256").update(readFileSync(f)).digest("hex");
      for (const name of [...epochs().map((y) => `clcd_${y}.tif`), "calibration.json"])
        expect(sha(join(a, name)), name).toBe(sha(join(b, name)));
      // Coarser pixels, same calibration.
      const r = ra.calibration.relative_error;
      for (const v of [r.cultivated, r.forest, r.construction]) expect(Math.abs(v)).toBeLessThan(0.005);
      expect(rb.calibration.relative_error).toEqual(ra.calibration.relative_error);
    } finally {
      rmSync(a, {recursive: true, force: true});
      rmSync(b, {recursive: true, force: true});
    }
  }, 120_000);

  const gdal = referenceTool("GDAL (gdalinfo)", "gdalinfo", ["--version"], "apt-get install -y gdal-bin");
  it.skipIf(!gdal)("is read by GDAL as CLCD publishes it: EPSG:4326, DEFLATE, tiled, NoData 0, codes 1–9", () => {
    const info = JSON.parse(execFileSync("gdalinfo", ["-json", "-stats", result.files[4]], {encoding: "utf8"}));
    const band = info.bands[0];
    expect(band.type).toBe("Byte");
    expect(band.noDataValue).toBe(0);
    expect(band.block).toEqual([256, 256]);
    expect(info.metadata?.IMAGE_STRUCTURE?.COMPRESSION).toBe("DEFLATE");
    expect(info.coordinateSystem.wkt).toMatch(/4326/);
    expect(band.minimum).toBeGreaterThanOrEqual(1);
    expect(band.maximum).toBeLessThanOrEqual(9);
    rmSync(`${result.files[4]}.aux.xml`, {force: true});
  });
});

describe("noise", () => {
  it("LatticeNoise gives valueNoise's value bit for bit, along a row, across lattice cells and back", async () => {
    const {LatticeNoise, valueNoise} = await import("../data-loaders/studies/changzhutan/reconstruction/noise.js");
    const salt = 0x5eed | 0;
    const noise = new LatticeNoise(salt);
    let cellsSeen = 0;
    let last = "";
    // two rows eastwards, then westwards, 0.17 lattice cells apart: the remembered cell changes often and is revisited
    const points = [0, 1, 1, 0].flatMap((row, pass) =>
      Array.from({length: 400}, (_, k) => [-30.1 + (pass % 2 ? 399 - k : k) * 0.17, 12.3 - row * 1.7] as const)
    );
    for (const [x, y] of points) {
      const cell = `${Math.floor(x)},${Math.floor(y)}`;
      if (cell !== last) [cellsSeen, last] = [cellsSeen + 1, cell];
      expect(Object.is(noise.at(x, y), valueNoise(x, y, salt))).toBe(true);
    }
    expect(cellsSeen).toBeGreaterThan(200);
  });
});
