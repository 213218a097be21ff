// An epoch in several files (data-loaders/raster/mosaic.ts): tiles read as one
// mosaic whose fill never overwrites data, refused when they disagree where
// they overlap or lie on different grids. Small tiles written here; the
// expected counts are the arrays composed by hand, pixel by pixel.
import {describe, expect, it} from "vitest";
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {openEpochs, tabulate} from "../data-loaders/raster/engine.js";
import {writeGeoTiff} from "../data-loaders/raster/write-geotiff.js";

const dir = mkdtempSync(join(tmpdir(), "atlas-mosaic-"));
const DX = 0.001;

/** A tile of w × h pixels whose top-left pixel is (col, row) of a grid starting at 113° E, 28° N. */
async function tile(
  name: string,
  col: number,
  row: number,
  w: number,
  h: number,
  value: (c: number, r: number) => number,
  opts: {nodata?: number; shift?: number} = {}
) {
  const path = join(dir, name);
  await writeGeoTiff(path, {
    width: w,
    height: h,
    tileSize: 16,
    origin: [113 + col * DX + (opts.shift ?? 0), 28 - row * DX],
    pixelSize: [DX, DX],
    nodata: opts.nodata,
    getTile(tx, ty, out) {
      for (let r = 0; r < 16; r++) for (let c = 0; c < 16; c++) out[r * 16 + c] = value(tx * 16 + c, ty * 16 + r);
    }
  });
  return path;
}

// Two district clips on one grid, each 0 outside its district: A covers columns 0–29, B columns 20–49; the districts
// meet at column 25 (A's data left of it, B's from it), so each clip's 0 lies over the other's data in columns 20–29.
const districtA = (c: number, r: number) => (c < 25 ? 10 + ((c + r) % 3) * 10 : 0);
const districtB = (c: number, r: number) => (c + 20 >= 25 ? 40 + ((c + r) % 2) * 10 : 0);

describe("an epoch in several files", () => {
  it("reads clips as one mosaic: 0 declared as fill never overwrites a neighbour's data", async () => {
    const a = await tile("a.tif", 0, 0, 30, 20, districtA);
    const b = await tile("b.tif", 20, 5, 30, 20, districtB);
    const e = await openEpochs([{files: [a, b], fill: 0}]);
    expect([e.infos[0].width, e.infos[0].height, e.infos[0].nodata]).toEqual([50, 25, 0]);
    // the mosaic by hand: A where A has data, else B where B has data
    const want = new Map<number, number>();
    for (let r = 0; r < 25; r++)
      for (let c = 0; c < 50; c++) {
        const va = c < 30 && r < 20 ? districtA(c, r) : 0;
        const vb = c >= 20 && r >= 5 ? districtB(c - 20, r - 5) : 0;
        const v = va || vb;
        if (v) want.set(v, (want.get(v) ?? 0) + 1);
      }
    const got = (await tabulate(e)).areas[0].map((x) => [x.code, x.pixels]);
    expect(got).toEqual([...want].sort((x, y) => x[0] - y[0]));
    // the same pixels whichever file is listed first
    const swapped = (await tabulate(await openEpochs([{files: [b, a], fill: 0}]))).areas[0].map((x) => [x.code, x.pixels]);
    expect(swapped).toEqual(got);
  });

  it("without a fill value, clips that tag no NoData are refused, asking for inputs.landCoverFill", async () => {
    const a = await tile("a2.tif", 0, 0, 30, 20, districtA);
    const b = await tile("b2.tif", 20, 5, 30, 20, districtB);
    await expect(openEpochs([{files: [a, b], fill: null}])).rejects.toThrow(
      /a2\.tif, b2\.tif: one epoch in 2 files, none with a NoData value.*inputs\.landCoverFill/
    );
  });

  it("tiles that overlap with different values are refused, naming the pixel, its coordinates and both files", async () => {
    const a = await tile("c.tif", 0, 0, 30, 20, () => 10, {nodata: 0});
    const b = await tile("d.tif", 20, 5, 30, 20, (c) => (c < 5 ? 10 : 20), {nodata: 0});
    const e = await openEpochs([{files: [a, b], fill: null}]);
    // B's column 5 is the mosaic's column 25, row 5: A has 10 there, B 20
    await expect(tabulate(e)).rejects.toThrow(
      "c.tif and d.tif overlap with different values at column 25, row 5 of the epoch's mosaic (113.0255, 27.9945 in EPSG:4326 WGS 84): c.tif has 10, d.tif has 20"
    );
  });

  it("tiles on different grids are refused with the gdalwarp command that aligns them", async () => {
    const a = await tile("e.tif", 0, 0, 30, 20, () => 10, {nodata: 0});
    const b = await tile("f.tif", 20, 5, 30, 20, () => 10, {nodata: 0, shift: DX / 2});
    await expect(openEpochs([{files: [a, b], fill: null}])).rejects.toThrow(
      /f\.tif's origin lies 20\.5 columns and 5 rows from e\.tif's, not a whole number of pixels.*gdalwarp -t_srs "[^"]+" -te 113\.02 27\.975 113\.051 27\.995 -tr 0\.001 0\.001 -r near -srcnodata 0 -dstnodata 0 f\.tif f_aligned\.tif/
    );
  });

  it("a single file with a declared fill value takes it as its NoData", async () => {
    const a = await tile("g.tif", 0, 0, 30, 20, districtA);
    const e = await openEpochs([{files: [a], fill: 0}]);
    expect(e.infos[0].nodata).toBe(0);
    expect((await tabulate(e)).areas[0].some((x) => x.code === 0)).toBe(false);
  });
});
