// The fishnet plan and cell assignment (data-loaders/raster/fishnet.ts) by
// hand, on a sphere where the equirectangular projection is x = Rλ, y = Rφ
// with R chosen so that 1° is 100 km: a 16 × 8 raster of 0.125° pixels from
// lon 0.01, lat 1.01 down, in cells of 50 km, has pixel centres 6.25 km or
// more from any cell edge, four pixels to a cell across and down. The same
// grid as a projected raster in that projection goes through the lattice.
// Also the cone constant and apex of a spherical Albers, by Snyder's formulas.
import {describe, expect, it} from "vitest";
import type {RasterCrs} from "../data-loaders/raster/crs.js";
import {CellAssigner, planFishnet} from "../data-loaders/raster/fishnet.js";
import type {RasterInfo} from "../data-loaders/raster/open-raster.js";

const R = (100000 * 180) / Math.PI;
const eqc = `+proj=eqc +a=${R} +b=${R} +units=m`;
const geo = {name: "grid.tif", width: 16, height: 8, x0: 0.01, y0: 1.01, dx: 0.125, dy: 0.125} as RasterInfo;
const wgs84: RasterCrs = {
  kind: "geographic",
  name: "EPSG:4326 WGS 84",
  ellipsoid: {a: 6378137, rf: 298.257223563},
  proj4: "+proj=longlat +datum=WGS84"
};
const projected = {...geo, x0: 1000, y0: 101000, dx: 12500, dy: 12500};
const eqcCrs: RasterCrs = {
  kind: "projected",
  name: "sphere eqc",
  proj4: `${eqc} +lat_0=0 +lon_0=0 +x_0=0 +y_0=0`,
  equalArea: false,
  toMetre: 1
};

/** Each raster row's runs over columns [c0, c1) as [start, end, offset] triples. */
function runsOf(a: CellAssigner, c0 = 0, c1 = 16, rowBase = 0, bandRows = a.plan.nRows, stride = 3): number[][][] {
  const out = new Int32Array(3 * 16);
  return Array.from({length: 8}, (_, r) => {
    const n = a.runs(r, c0, c1, out, 0, rowBase, bandRows, stride);
    return Array.from({length: n}, (_, k) => Array.from(out.subarray(3 * k, 3 * k + 3)));
  });
}

// Extent: x 1..201 km, y 1..101 km → ixMin = floor(1/50) − 1 = −1, iyMax = floor(101/50) + 1 = 3,
// nCols = floor(201/50) + 1 − ixMin + 1 = 7, nRows = iyMax − (floor(1/50) − 1) + 1 = 5.
// Pixel centres: x = 7.25 + 12.5c km → ix = floor(c / 4) (col ix + 1); y = 94.75 − 12.5r km → iy = 1 for r < 4, else 0 (row 2, 3).
const byHand = (c0 = 0, c1 = 16, stride = 3) =>
  Array.from({length: 8}, (_, r) => {
    const row = r < 4 ? 2 : 3;
    const runs: number[][] = [];
    for (let ix = 0; ix < 4; ix++) {
      const s = Math.max(c0, 4 * ix),
        e = Math.min(c1, 4 * ix + 4);
      if (e > s) runs.push([s, e, (row * 7 + ix + 1) * stride]);
    }
    return runs;
  });

describe("fishnet by hand: an equirectangular sphere", () => {
  it("a geographic raster: the cylindrical method, its extent padded by a cell", () => {
    const plan = planFishnet(geo, wgs84, 50, eqc);
    expect(plan).toMatchObject({method: "cylindrical", cellKm: 50, cellM: 50000, ixMin: -1, iyMax: 3, nCols: 7, nRows: 5});
    const a = new CellAssigner(plan, geo, wgs84);
    expect(runsOf(a)).toEqual(byHand());
    // a second pass over the same rows (the previous row's ends as guesses), and parts of rows
    expect(runsOf(a, 2, 10)).toEqual(byHand(2, 10));
    expect(runsOf(a, 5, 6, 0, 5, 1)).toEqual(byHand(5, 6, 1));
    expect(a.cellOf(7, 15)).toEqual([3, 4]);
    expect(a.approxCellRow(3, 0)).toBe(2);
    expect(a.approxCellRow(4, 0)).toBe(3);
    const [x, y] = a.approxXY(4, 5);
    expect(x).toBeCloseTo(7250 + 5 * 12500, 6);
    expect(y).toBeCloseTo(94750 - 4 * 12500, 6);
  });

  it("a projected raster in the same projection: the lattice, same cells", () => {
    const plan = planFishnet(projected, eqcCrs, 50, eqc);
    expect(plan).toMatchObject({method: "lattice", ixMin: -1, iyMax: 3, nCols: 7, nRows: 5});
    // x and y are linear in the pixel: the coarsest lattice interpolates them exactly
    expect(plan.step).toBe(16);
    const a = new CellAssigner(plan, projected, eqcCrs);
    expect(runsOf(a)).toEqual(byHand());
    expect(runsOf(a, 3, 13)).toEqual(byHand(3, 13));
    expect(a.approxCellRow(7, 8)).toBe(3);
  });

  it("offsets count from the band's first row, and a run outside the band is an internal error", () => {
    const plan = planFishnet(geo, wgs84, 50, eqc);
    const a = new CellAssigner(plan, geo, wgs84);
    const out = new Int32Array(48);
    expect(a.runs(0, 0, 4, out, 0, 2, 1, 1)).toBe(1);
    expect(Array.from(out.subarray(0, 3))).toEqual([0, 4, 1]);
    expect(() => a.runs(4, 0, 4, out, 0, 2, 1, 1)).toThrow("internal: fishnet row 3 outside the band 2..2 at raster row 4");
    expect(() => a.runs(0, 0, 4, out, 0, 3, 2, 1)).toThrow("internal: fishnet row 2 outside the band 3..4 at raster row 0");
  });

  it("refuses a cell size that is not a positive number, and a fishnet of too many cells", () => {
    for (const km of [0, -1, NaN])
      expect(() => planFishnet(geo, wgs84, km, eqc)).toThrow(`cell size must be a positive number of km, got ${km}`);
    expect(() => planFishnet(geo, wgs84, 1e-6, eqc)).toThrow("a 0.000001 km fishnet over grid.tif has too many cells; use larger cells");
  });

  it("refuses a raster whose corner does not project", () => {
    const polar = {...geo, y0: 90};
    expect(() => planFishnet(polar, wgs84, 50, "+proj=merc +ellps=WGS84")).toThrow(
      'grid.tif: pixel corner (0, 0) does not project into the fishnet "+proj=merc +ellps=WGS84 +lat_0=0 +lon_0=0 +x_0=0 +y_0=0"'
    );
  });
});

describe("a spherical Albers: cone constant and apex by Snyder's formulas", () => {
  // n = (sin φ1 + sin φ2) / 2, C = cos² φ1 + 2n sin φ1, ρ(φ) = R √(C − 2n sin φ) / n; apex at y = ρ(lat_0) = ρ(0)
  const rad = Math.PI / 180;
  const [p1, p2] = [25 * rad, 47 * rad];
  const n = (Math.sin(p1) + Math.sin(p2)) / 2;
  const C = Math.cos(p1) ** 2 + 2 * n * Math.sin(p1);
  const aea = `+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +a=${R} +b=${R} +units=m`;

  it("near the central meridian: the conic method", () => {
    const info = {...geo, x0: 104.5, y0: 30};
    const plan = planFishnet(info, wgs84, 50, aea);
    expect(plan.method).toBe("conic");
    expect(plan.n).toBeCloseTo(n, 12);
    expect(plan.yc / ((R * Math.sqrt(C)) / n)).toBeCloseTo(1, 12);
    expect(plan.xf).toBeCloseTo(0, 6);
    expect(plan.lon0).toBe(105);
    // the pixel centre at lon 105.0625 (column 4): θ = n · 0.0725°, x = ρ sin θ, y = ρ0 − ρ cos θ
    const a = new CellAssigner(plan, info, wgs84);
    const lat = 30 - 2.5 * 0.125;
    const rho = (R * Math.sqrt(C - 2 * n * Math.sin(lat * rad))) / n;
    const theta = n * 0.0625 * rad;
    const [x, y] = a.approxXY(2, 4);
    expect(x).toBeCloseTo(rho * Math.sin(theta), 5);
    expect(y).toBeCloseTo((R * Math.sqrt(C)) / n - rho * Math.cos(theta), 5);
  });

  it("a raster whose meridians turn by 80° or more from the central one: the lattice", () => {
    // lon 105 − 155 = −50: θ = n · 155° ≈ 89°
    const plan = planFishnet({...geo, x0: -50}, wgs84, 50, aea);
    expect(n * 155).toBeGreaterThan(80);
    expect(plan.method).toBe("lattice");
  });
});

describe("the lattice's node rows", () => {
  it("are projected at most twice per chunk of rows (finding its band, then counting), not once per row", () => {
    // A geographic raster in Lambert azimuthal cells: the lattice, nodes every 16 pixels.
    const info = {name: "wide.tif", width: 2048, height: 256, x0: 112.5, y0: 28.5, dx: 0.0001, dy: 0.0001} as RasterInfo;
    const plan = planFishnet(info, wgs84, 0.25, "+proj=laea +lat_0=28.4 +lon_0=112.6 +ellps=WGS84 +units=m");
    expect(plan).toMatchObject({method: "lattice", step: 16});
    const a = new CellAssigner(plan, info, wgs84);
    const fish = (a as unknown as {fish: {forward: (p: number[]) => number[]}}).fish;
    const forward = fish.forward;
    let projected = 0;
    fish.forward = (p) => (projected++, forward(p));
    // as the kernel finds a chunk's band: its first and last rows sampled, then both ends of every row
    for (const c of [0, 1024, 2047]) {
      a.approxCellRow(0, c);
      a.approxCellRow(info.height - 1, c);
    }
    for (let r = 0; r < info.height; r++) for (const c of [0, info.width - 1]) a.approxCellRow(r, c);
    // then the chunk's rows in order
    const out = new Int32Array(3 * (info.width + 1));
    for (let r = 0; r < info.height; r++) a.runs(r, 0, info.width, out, 0, 0, plan.nRows, 1);
    // 17 node rows of 129 nodes, each at most twice, and the pixels next to a cell edge (a few per row)
    const nodes = 17 * 129;
    expect(projected).toBeLessThan(2 * nodes + 4 * info.height);
  });
});
