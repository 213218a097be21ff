// Bad inputs fail through the CLI with a clear message naming the file and
// what was expected, and a non-zero exit; stdout stays empty.
import {describe, expect, it} from "vitest";
import {atlas, fx} from "./raster-helpers.js";

const bad = (name: string) => fx(`bad/${name}`);

const cases: [string, string[], RegExp][] = [
  [
    "truncated file",
    ["areas", bad("truncated.tif")],
    /truncated\.tif: is truncated: block \d+ ends at byte \d+ but the file has 6885 bytes/
  ],
  ["not a TIFF", ["areas", bad("not-a-tiff.tif")], /not-a-tiff\.tif: not a readable TIFF .*expected an 8-bit classified GeoTIFF/],
  ["16-bit raster", ["areas", bad("uint16.tif")], /uint16\.tif: is a 16-bit unsigned integer raster; expected 8-bit unsigned class codes/],
  ["float raster", ["areas", bad("float32.tif")], /float32\.tif: is a 32-bit floating-point raster; expected 8-bit unsigned class codes/],
  [
    "grids differing by one row",
    ["transitions", fx("geo_a_tiled_deflate.tif"), bad("geo_b_201rows.tif")],
    /geo_b_201rows\.tif has 201 rows, geo_a_tiled_deflate\.tif has 200: rasters differ by one row; resample them identically \(gdalwarp -te .* -tr .*\) — this tool never resamples/
  ],
  [
    "grids in different CRSs",
    ["transitions", fx("geo_a_tiled_deflate.tif"), fx("albers_b_striped_deflate.tif")],
    /albers_b_striped_deflate\.tif is in .*aea.*, geo_a_tiled_deflate\.tif in EPSG:4326 WGS 84: rasters differ in CRS/
  ],
  [
    "unknown codes",
    ["areas", bad("unknown_codes.tif"), "--classes", fx("classes.json")],
    /unknown_codes\.tif: codes not in the class table: 42 \(30 pixels\), 77 \(7 pixels\)/
  ],
  [
    "unknown codes in a grid",
    ["grid", bad("unknown_codes.tif"), "--cell-km", "1", "--classes", fx("classes.json")],
    /unknown_codes\.tif: codes not in the class table: 42 \(30 pixels\), 77 \(7 pixels\)/
  ],
  [
    "mask outside the raster",
    ["areas", fx("geo_a_tiled_deflate.tif"), "--mask", bad("mask_outside.geojson")],
    /mask_outside\.geojson: the mask covers no pixel centre of geo_a_tiled_deflate\.tif \(mask lon 10\.\.11, lat 10\.\.11; raster lon 112\.8000\.\.112\.8900/
  ],
  [
    "empty mask",
    ["areas", fx("albers_a_tiled_lzw-p2.tif"), "--mask", bad("mask_empty.geojson")],
    /mask_empty\.geojson: the mask is empty \(no Polygon or MultiPolygon\)/
  ],
  ["missing file", ["areas", fx("nope.tif")], /nope\.tif: cannot read the file/],
  ["missing --cell-km", ["grid", fx("geo_a_tiled_deflate.tif")], /expected one --cell-km value/],
  ["unknown option", ["areas", fx("geo_a_tiled_deflate.tif"), "--bogus", "1"], /unknown option --bogus/]
];

describe("bad input through the CLI", () => {
  for (const [what, args, message] of cases) {
    it.concurrent(what, async () => {
      const r = await atlas(...args, "--json");
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
    });
  }
});

describe("good input through the CLI", () => {
  it.concurrent("areas with --classes names the classes; stdout is one JSON document", async () => {
    const r = await atlas("areas", fx("geo_a_striped_packbits.tif"), "--classes", fx("classes.json"), "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.classes.map((c: {code: string}) => c.code)).toEqual([
      "cultivated",
      "forest",
      "grassland",
      "water",
      "construction",
      "unused"
    ]);
    expect(out.pixel_area).toBe("ellipsoidal");
    expect(out.crs).toBe("EPSG:4326 WGS 84");
    const sum = out.classes.reduce((s: number, c: {km2: number}) => s + c.km2, 0);
    expect(out.total_km2).toBeCloseTo(sum, 10);
  });
  it.concurrent("areas of a UTM raster warns on stderr that areas are nominal", async () => {
    const r = await atlas("areas", fx("utm_a.tif"), "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).pixel_area).toBe("projected-nominal");
    expect(r.stderr).toMatch(/warning: utm_a\.tif: .* not an equal-area projection; pixel areas \(900 m²\) are nominal/);
  });
  it.concurrent("transitions gives square matrices, rows = from", async () => {
    const r = await atlas("transitions", fx("geo_a_striped_lzw.tif"), fx("geo_b_tiled_deflate-p2.tif"), "--json");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.classes).toEqual([1, 2, 3, 4, 5, 7, 8, 9]);
    expect(out.pixels).toHaveLength(8);
    expect(out.matrix_km2.every((row: number[]) => row.length === 8)).toBe(true);
    // cropland (1) → impervious (8) is the big change built into the fixture
    expect(out.pixels[0][6]).toBeGreaterThan(out.pixels[6][0]);
  });
  it.concurrent("grid gives per-cell composition with inside shares", async () => {
    const r = await atlas(
      "grid",
      fx("albers_a_tiled_lzw-p2.tif"),
      "--cell-km",
      "1",
      "--mask",
      fx("mask.geojson"),
      "--classes",
      fx("classes.json"),
      "--json"
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.cell_km).toBe(1);
    expect(out.proj).toMatch(/^\+proj=aea \+lat_1=25 \+lat_2=47 \+lon_0=105 \+ellps=WGS84/);
    expect(out.cells.length).toBeGreaterThan(5);
    for (const c of out.cells) {
      expect(c.id).toBe(c.row * out.n_cols + c.col);
      const sum = Object.values<number>(c.km2).reduce((s, v) => s + v, 0);
      expect(c.inside_share).toBeCloseTo(sum, 12);
      expect(c.inside_share).toBeLessThanOrEqual(1);
    }
  });
});
