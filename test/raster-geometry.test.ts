// Pixel geometry and fishnet assignment checked by hand and against proj4.
import {mkdtempSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {GRS80, quadrangleArea, rowPixelAreas, WGS84} from "../src/lib/geodesy.js";
import {openEpochs} from "../data-loaders/raster/engine.js";
import {CellAssigner, planFishnet} from "../data-loaders/raster/fishnet.js";
import {writeGeoTiff} from "../data-loaders/raster/write-geotiff.js";
import {fx, relErr} from "./raster-helpers.js";

describe("ellipsoidal pixel areas, by hand", () => {
  it("a 1° × 1° cell at the equator on WGS84", () => {
    // PROJ's cylindrical equal-area projection maps the cell to a rectangle: 12 308 463 893.975 m²
    expect(relErr(quadrangleArea(0, 1, 1, WGS84), 12308463893.975243)).toBeLessThan(1e-12);
  });
  it("the northern hemisphere is half of WGS84's 510 065 621.724 km² surface", () => {
    expect(relErr(quadrangleArea(0, 90, 360, WGS84), 255032810862044.38)).toBeLessThan(1e-12);
  });
  it("on a sphere the band area is R² Δλ (sin φ2 − sin φ1)", () => {
    const R = 6371000;
    const want = R * R * (Math.PI / 180) * 2 * (Math.sin((29 * Math.PI) / 180) - Math.sin((28 * Math.PI) / 180));
    expect(relErr(quadrangleArea(28, 29, 2, {a: R, rf: 0}), want)).toBeLessThan(1e-12);
  });
  it("rows of 30 m pixels add up to their band, and shrink going north", () => {
    const rows = rowPixelAreas(29, 1 / 3600, 1 / 3600, 3600, GRS80);
    const sum = rows.reduce((s, v) => s + v, 0);
    expect(relErr(sum, quadrangleArea(28, 29, 1 / 3600, GRS80))).toBeLessThan(1e-11);
    expect(rows[0]).toBeLessThan(rows[3599]);
  });
});

/** Every pixel's cell from the assigner's runs equals per-pixel proj4. */
function expectRunsEqualProj4(a: CellAssigner, W: number, H: number) {
  const out = new Int32Array(3 * W);
  let checked = 0;
  for (let r = 0; r < H; r++) {
    const n = a.runs(r, 0, W, out, 0, 0, a.plan.nRows, 1);
    let prevEnd = 0;
    for (let k = 0; k < n; k++) {
      const [s, e, off] = [out[3 * k], out[3 * k + 1], out[3 * k + 2]];
      expect(s).toBe(prevEnd);
      prevEnd = e;
      for (let c = s; c < e; c++) {
        const [row, col] = a.cellOf(r, c);
        if (row * a.plan.nCols + col !== off)
          throw new Error(`pixel (${r}, ${c}): runs say ${off}, proj4 says ${row * a.plan.nCols + col}`);
        checked++;
      }
    }
    expect(prevEnd).toBe(W);
  }
  expect(checked).toBe(W * H);
}

describe("fishnet assignment equals proj4 per pixel", () => {
  const aea = "+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +ellps=WGS84 +units=m";

  it("separable Albers on a geographic raster (conic method)", async () => {
    const e = await openEpochs([fx("geo_a_tiled_deflate.tif")]);
    for (const km of [1, 0.1]) {
      const plan = planFishnet(e.infos[0], e.crs, km, aea);
      expect(plan.method).toBe("conic");
      expectRunsEqualProj4(new CellAssigner(plan, e.infos[0], e.crs), e.infos[0].width, e.infos[0].height);
    }
  });

  it("separable Albers across the central meridian, where y turns", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "fishnet-")), "wide.tif");
    await writeGeoTiff(path, {
      width: 300,
      height: 80,
      tileSize: 64,
      origin: [103.5, 35],
      pixelSize: [0.01, 0.01],
      getTile: (_x, _y, out) => out.fill(1)
    });
    const e = await openEpochs([path]);
    const plan = planFishnet(e.infos[0], e.crs, 1, aea);
    expect(plan.method).toBe("conic");
    expectRunsEqualProj4(new CellAssigner(plan, e.infos[0], e.crs), 300, 80);
  });

  it("cylindrical equal-area fishnet (cylindrical method)", async () => {
    const e = await openEpochs([fx("geo_a_tiled_deflate.tif")]);
    const plan = planFishnet(e.infos[0], e.crs, 0.5, "+proj=cea +lat_ts=30 +lon_0=0 +ellps=WGS84 +units=m");
    expect(plan.method).toBe("cylindrical");
    expectRunsEqualProj4(new CellAssigner(plan, e.infos[0], e.crs), e.infos[0].width, e.infos[0].height);
  });

  it("a projected (Krasovsky Albers) raster goes through the lattice, refined by proj4 near cell edges", async () => {
    const e = await openEpochs([fx("albers_a_tiled_lzw-p2.tif")]);
    const plan = planFishnet(e.infos[0], e.crs, 0.5, aea);
    expect(plan.method).toBe("lattice");
    expectRunsEqualProj4(new CellAssigner(plan, e.infos[0], e.crs), e.infos[0].width, e.infos[0].height);
  });
});
