// The GeoTIFF writer: GDAL reads what it writes (size, georeference, CRS,
// NoData, DEFLATE tiles, and every pixel via GDAL's histogram), and so does
// the engine's own reader.
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {openEpochs, tabulate} from "../data-loaders/raster/engine.js";
import {openRaster} from "../data-loaders/raster/open-raster.js";
import {writeGeoTiff} from "../data-loaders/raster/write-geotiff.js";
import {referenceTool} from "./reference-tools.js";

const hasGdal = referenceTool("GDAL (gdalinfo)", "gdalinfo", ["--version"], "apt-get install -y gdal-bin");

const dir = mkdtempSync(join(tmpdir(), "raster-writer-"));
const W = 700,
  H = 500;
const code = (x: number, y: number) => (x < 30 && y < 20 ? 0 : 1 + (((x >> 5) * 7 + (y >> 4) * 3 + ((x * y) % 11 === 0 ? 1 : 0)) % 9));

async function write(name: string, opts: {epsg?: number; predictor?: 1 | 2; origin?: [number, number]; pixelSize?: [number, number]}) {
  const path = join(dir, name);
  await writeGeoTiff(path, {
    width: W,
    height: H,
    tileSize: 256,
    origin: opts.origin ?? [112.5, 28.5],
    pixelSize: opts.pixelSize ?? [0.00025, 0.0002],
    epsg: opts.epsg,
    nodata: 0,
    predictor: opts.predictor,
    getTile(tx, ty, out) {
      for (let r = 0; r < 256; r++)
        for (let c = 0; c < 256; c++) if (ty * 256 + r < H && tx * 256 + c < W) out[r * 256 + c] = code(tx * 256 + c, ty * 256 + r);
    }
  });
  return path;
}

function expectedCounts(): Map<number, number> {
  const m = new Map<number, number>();
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) m.set(code(x, y), (m.get(code(x, y)) ?? 0) + 1);
  return m;
}

describe("writeGeoTiff", () => {
  it.skipIf(!hasGdal)("gdalinfo reads a geographic DEFLATE-tiled file: size, georeference, CRS, NoData, blocks, every pixel", async () => {
    for (const predictor of [1, 2] as const) {
      const path = await write(`geo-p${predictor}.tif`, {predictor});
      const info = JSON.parse(execFileSync("gdalinfo", ["-json", "-hist", path], {encoding: "utf8", stdio: ["ignore", "pipe", "pipe"]}));
      expect(info.size).toEqual([W, H]);
      expect(info.geoTransform).toEqual([112.5, 0.00025, 0, 28.5, 0, -0.0002]);
      expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",4326\]\]$/);
      expect(info.metadata["IMAGE_STRUCTURE"].COMPRESSION).toBe("DEFLATE");
      const band = info.bands[0];
      expect(band.type).toBe("Byte");
      expect(band.block).toEqual([256, 256]);
      expect(band.noDataValue).toBe(0);
      // GDAL's 256-bucket histogram of a Byte band counts each value exactly (NoData excluded)
      const hist: number[] = band.histogram.buckets;
      const want = expectedCounts();
      for (let v = 1; v < 256; v++) expect(hist[v]).toBe(want.get(v) ?? 0);
      expect(hist[0]).toBe(0);
    }
  });

  it.skipIf(!hasGdal)("gdalinfo reads a projected CRS given by EPSG code", async () => {
    const path = await write("utm.tif", {epsg: 32649, origin: [600000, 3150000], pixelSize: [30, 30]});
    const info = JSON.parse(execFileSync("gdalinfo", ["-json", path], {encoding: "utf8"}));
    expect(info.coordinateSystem.wkt).toMatch(/WGS 84 \/ UTM zone 49N/);
    expect(info.geoTransform).toEqual([600000, 30, 0, 3150000, 0, -30]);
  });

  it("the engine reads back what it writes, with either predictor", async () => {
    for (const predictor of [1, 2] as const) {
      const path = await write(`back-p${predictor}.tif`, {predictor});
      const info = await openRaster(path);
      expect([info.width, info.height, info.blockWidth, info.compression, info.predictor, info.nodata]).toEqual([
        W,
        H,
        256,
        8,
        predictor,
        0
      ]);
      const t = await tabulate(await openEpochs([path]));
      const want = expectedCounts();
      want.delete(0);
      expect(new Map(t.areas[0].map((a) => [a.code, a.pixels]))).toEqual(want);
    }
  });

  it("a file cut before its directory is reported as unreadable", async () => {
    const path = await write("cut.tif", {});
    const bytes = readFileSync(path);
    const cut = join(dir, "cut-short.tif");
    writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
    await expect(openRaster(cut)).rejects.toThrow(/cut-short\.tif: is truncated: tag \d+ needs bytes up to \d+ but the file has \d+/);
  });

  it("rejects bad parameters", async () => {
    const base = {width: 10, height: 10, origin: [0, 0] as [number, number], pixelSize: [1, 1] as [number, number], getTile() {}};
    await expect(writeGeoTiff(join(dir, "x.tif"), {...base, tileSize: 100})).rejects.toThrow(/multiple of 16/);
    await expect(writeGeoTiff(join(dir, "x.tif"), {...base, nodata: 300})).rejects.toThrow(/nodata must be an integer 0\.\.255/);
  });
});
