// The study-area mask (data-loaders/raster/mask.ts) called directly, on an
// 8 × 8 grid of 0.25° pixels (lon 100..102, lat 29..31), where a vertex at
// lon 100 + i/4, lat 31 − j/4 is pixel corner (i, j): the spans are worked out
// by hand below, and gdal_rasterize (GDAL 3.6.2, no ALL_TOUCHED) burns the
// same pixels for every polygon here. Also the messages for bad masks, which
// the CLI tests see only through a child process.
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import type {RasterCrs} from "../data-loaders/raster/crs.js";
import {
  fullSpans,
  maskCoverage,
  maskedArea,
  maskSpans,
  readMaskFeatures,
  type MaskFeature,
  type MaskSpans
} from "../data-loaders/raster/mask.js";
import type {RasterInfo} from "../data-loaders/raster/open-raster.js";
import {fx} from "./raster-helpers.js";

const info = {name: "grid.tif", width: 8, height: 8, x0: 100, y0: 31, dx: 0.25, dy: 0.25} as RasterInfo;
const wgs84: RasterCrs = {
  kind: "geographic",
  name: "EPSG:4326 WGS 84",
  ellipsoid: {a: 6378137, rf: 298.257223563},
  proj4: "+proj=longlat +datum=WGS84"
};

/** A closed ring through pixel corners (i, j) of the grid. */
const ring = (...corners: [number, number][]) => [...corners, corners[0]].map(([i, j]) => [100 + i / 4, 31 - j / 4]);

/** Row r's spans as [start, end) pairs. */
function rows(m: MaskSpans, height = 8): number[][][] {
  return Array.from({length: height}, (_, r) => {
    const out: number[][] = [];
    for (let k = m.rowPtr[r]; k < m.rowPtr[r + 1]; k++) out.push([m.spans[2 * k], m.spans[2 * k + 1]]);
    return out;
  });
}

const dir = mkdtempSync(join(tmpdir(), "atlas-mask-"));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("maskSpans, by hand", () => {
  const square = ring([2, 2], [6, 2], [6, 6], [2, 6]);

  it("a square of pixel corners covers the pixels inside it", () => {
    const m = maskSpans([[square]], info, wgs84);
    expect(rows(m)).toEqual([[], [], [[2, 6]], [[2, 6]], [[2, 6]], [[2, 6]], [], []]);
    expect(m.pixels).toBe(16);
  });

  it("a hole stays out", () => {
    const m = maskSpans([[square, ring([3, 3], [3, 5], [5, 5], [5, 3])]], info, wgs84);
    expect(rows(m)).toEqual([
      [],
      [],
      [[2, 6]],
      [
        [2, 3],
        [5, 6]
      ],
      [
        [2, 3],
        [5, 6]
      ],
      [[2, 6]],
      [],
      []
    ]);
    expect(m.pixels).toBe(12);
  });

  it("a pixel whose centre lies on a left edge is out, on a right edge in", () => {
    // edges at x = 2.5 and 5.5: centres of columns 2 and 5
    const m = maskSpans([[ring([2.5, 2], [5.5, 2], [5.5, 6], [2.5, 6])]], info, wgs84);
    expect(rows(m)).toEqual([[], [], [[3, 6]], [[3, 6]], [[3, 6]], [[3, 6]], [], []]);
  });

  it("a horizontal edge on a row's centre line fills that row below a ring, not below a hole, whichever way it is drawn", () => {
    // bottom edge at y = 5.5, the centre line of row 5: the crossings (y1 <= 5.5 < y2) leave row 5 out, the edge puts it in
    const outer = ring([2, 5.5], [2, 2], [6, 2], [6, 5.5]);
    const filled = [[], [], [[2, 6]], [[2, 6]], [[2, 6]], [[2, 6]], [], []];
    expect(rows(maskSpans([[outer]], info, wgs84))).toEqual(filled);
    expect(rows(maskSpans([[[...outer].reverse()]], info, wgs84))).toEqual(filled);
    // a hole from y = 2.5 to 5.5 (rows 2..4 by their centres) in the whole raster, drawn either way
    const all = ring([0, 0], [8, 0], [8, 8], [0, 8]);
    const hole = ring([2, 2.5], [6, 2.5], [6, 5.5], [2, 5.5]);
    const holed = [
      [[0, 8]],
      [[0, 8]],
      [
        [0, 2],
        [6, 8]
      ],
      [
        [0, 2],
        [6, 8]
      ],
      [
        [0, 2],
        [6, 8]
      ],
      [[0, 8]],
      [[0, 8]],
      [[0, 8]]
    ];
    expect(rows(maskSpans([[all, hole]], info, wgs84))).toEqual(holed);
    expect(rows(maskSpans([[[...all].reverse(), [...hole].reverse()]], info, wgs84))).toEqual(holed);
  });

  it("a triangle: crossing x = (yc − y1)(x2 − x1)/(y2 − y1) + x1, filled from floor(a + 0.5) to floor(b + 0.5)", () => {
    // corners (0.4, 7.2), (7.6, 6.4), (2.4, 0.4) in pixels
    const m = maskSpans([[ring([0.4, 7.2], [7.6, 6.4], [2.4, 0.4])]], info, wgs84);
    expect(rows(m)).toEqual([[], [[2, 3]], [[2, 4]], [[1, 5]], [[1, 6]], [[1, 7]], [[1, 7]], []]);
    expect(m.pixels).toBe(24);
  });

  it("polygons are unioned, and clipped to the raster", () => {
    const features: MaskFeature[] = [
      [ring([0, 0], [3, 0], [3, 4], [0, 4])],
      [ring([2, 1], [5, 1], [5, 3], [2, 3])],
      // half off the raster to the east and south
      [ring([6, 6], [10, 6], [10, 8], [6, 8]).map(([lon, lat]) => [lon, lat - 1])]
    ];
    const m = maskSpans(features, info, wgs84);
    expect(rows(m)).toEqual([[[0, 3]], [[0, 5]], [[0, 5]], [[0, 3]], [], [], [], []]);
    // the third is south of the raster entirely (rows 10, 11); move it up
    features[2] = [ring([6, 6], [10, 6], [10, 9], [6, 9])];
    expect(rows(maskSpans(features, info, wgs84))).toEqual([[[0, 3]], [[0, 5]], [[0, 5]], [[0, 3]], [], [], [[6, 8]], [[6, 8]]]);
  });

  it("two touching spans of one row become one", () => {
    const m = maskSpans(
      [[ring([1, 2], [3, 2], [3, 3], [1, 3])], [ring([3, 2], [6, 2], [6, 3], [3, 3])], [ring([5, 2], [7, 2], [7, 3], [5, 3])]],
      info,
      wgs84
    );
    expect(rows(m)[2]).toEqual([[1, 7]]);
    expect(m.spans.length).toBe(2);
  });

  it("a projected raster on the same grid: lon/lat through the projection, in the CRS's unit", () => {
    // equirectangular sphere with 1° = 100 km, the raster in a unit of 2 m: 0.25° pixels from x 5 000 000, y 1 550 000 (lon 100, lat 31)
    const R = (100000 * 180) / Math.PI;
    const eqc: RasterCrs = {
      kind: "projected",
      name: "eqc",
      proj4: `+proj=eqc +a=${R} +b=${R} +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +units=m`,
      equalArea: false,
      toMetre: 2
    };
    const grid = {...info, x0: 5000000, y0: 1550000, dx: 12500, dy: 12500};
    const m = maskSpans([[ring([2, 2], [6, 2], [6, 6], [2, 6]), ring([3, 3], [3, 5], [5, 5], [5, 3])]], grid, eqc);
    expect(rows(m)).toEqual([
      [],
      [],
      [[2, 6]],
      [
        [2, 3],
        [5, 6]
      ],
      [
        [2, 3],
        [5, 6]
      ],
      [[2, 6]],
      [],
      []
    ]);
  });

  it("centre-line edges on the first and past the last row", () => {
    // bottom edge on row 0's centre line: row 0 only
    expect(rows(maskSpans([[ring([2, 0.5], [2, -2], [6, -2], [6, 0.5])]], info, wgs84))[0]).toEqual([[2, 6]]);
    // bottom edge on the centre line of row 8, below the raster: rows 6 and 7
    expect(rows(maskSpans([[ring([2, 8.5], [2, 5.6], [6, 5.6], [6, 8.5])]], info, wgs84))).toEqual([
      [],
      [],
      [],
      [],
      [],
      [],
      [[2, 6]],
      [[2, 6]]
    ]);
  });

  it("a mask that covers no pixel centre is refused, naming the mask, the raster and both extents", () => {
    const far = [[ring([0, 0], [1, 0], [1, 1]).map(([lon, lat]) => [lon - 90, lat - 20])]];
    expect(() => maskSpans(far, info, wgs84, "area.geojson")).toThrow(
      "area.geojson: the mask covers no pixel centre of grid.tif (mask lon 10..10.25, lat 10.75..11; raster lon 100.0000..102.0000, lat 29.0000..31.0000); expected a study area overlapping the raster"
    );
    // between pixel centres: inside the raster, but no centre inside
    expect(() => maskSpans([[ring([2.6, 2.6], [3.4, 2.6], [3.4, 3.4], [2.6, 3.4])]], info, wgs84)).toThrow(
      /^mask: the mask covers no pixel centre/
    );
    const utm: RasterCrs = {
      kind: "projected",
      name: "EPSG:32649 WGS 84 / UTM zone 49N",
      proj4: "+proj=utm +zone=49 +datum=WGS84 +units=m",
      equalArea: false,
      toMetre: 1
    };
    const utmInfo = {...info, name: "utm.tif", x0: 500000, y0: 3300000, dx: 30, dy: 30};
    expect(() => maskSpans(far, utmInfo, utm)).toThrow("raster x 500000..500240, y 3299760..3300000 in EPSG:32649 WGS 84 / UTM zone 49N)");
  });
});

describe("masked area, the whole raster, and the share of the mask on the raster", () => {
  it("maskedArea sums pixels × their row's area", () => {
    const m = maskSpans([[ring([2, 2], [6, 2], [6, 4], [2, 4])], [ring([0, 3], [1, 3], [1, 4], [0, 4])]], info, wgs84);
    // row 2: 4 pixels, row 3: 1 + 4 pixels
    expect(maskedArea(m, [0, 0, 10, 100, 0, 0, 0, 0])).toBe(4 * 10 + 5 * 100);
  });

  it("fullSpans: one span per row, the whole width", () => {
    const m = fullSpans({...info, width: 3, height: 2});
    expect(Array.from(m.rowPtr)).toEqual([0, 1, 2]);
    expect(Array.from(m.spans)).toEqual([0, 3, 0, 3]);
    expect(m.pixels).toBe(6);
    expect(maskedArea(m, [1, 2])).toBe(9);
  });

  it("maskCoverage: the share of the mask's area on the raster", () => {
    const flat = (_y0: number, _dy: number, _dx: number, n: number) => new Array<number>(n).fill(1);
    // inside the raster: 1, without measuring
    expect(maskCoverage([[ring([2, 2], [6, 2], [6, 6], [2, 6])]], info, wgs84, flat)).toBe(1);
    // columns 6..10 of rows 2..4: half of its pixels lie on the raster
    expect(maskCoverage([[ring([6, 2], [10, 2], [10, 4], [6, 4])]], info, wgs84, flat)).toBe(0.5);
    // above and left of the raster: 4 × 4 pixels (rows −2..1, columns −1..2), of which rows 0, 1 × columns 0..2 are on it
    expect(maskCoverage([[ring([-1, -2], [3, -2], [3, 2], [-1, 2])]], info, wgs84, flat)).toBe(6 / 16);
    // off the raster entirely
    expect(maskCoverage([[ring([10, 10], [12, 10], [12, 12], [10, 12])]], info, wgs84, flat)).toBe(0);
    // row areas weigh the rows: rows −2, −1 have area 3, rows 0, 1 area 1 (the grid's top is 2 rows above)
    const weighted = (y0: number, dy: number, _dx: number, n: number) => {
      expect([y0, dy]).toEqual([31.5, 0.25]);
      return Array.from({length: n}, (_, r) => (r < 2 ? 3 : 1));
    };
    expect(maskCoverage([[ring([0, -2], [4, -2], [4, 2], [0, 2])]], info, wgs84, weighted)).toBe(2 / 8);
  });

  it("maskCoverage coarsens a grid that would exceed 4 million pixels, aligned on the raster's", () => {
    // 10 000 × 1 000 pixels of which the raster holds 8 × 8 → k = ceil(sqrt(10002 · 1002 / 4e6)) = 2
    let seen: number[] = [];
    const flat = (y0: number, dy: number, dx: number, n: number) => {
      seen = [y0, dy, dx, n];
      return new Array<number>(n).fill(1);
    };
    const share = maskCoverage([[ring([0, 0], [10000, 0], [10000, 1000], [0, 1000])]], info, wgs84, flat);
    expect(seen).toEqual([31, 0.5, 0.5, 500]);
    expect(share).toBe(64 / 1e7);
    // smaller than one pixel of the coarse grid: not measurable, 1
    // an extent of (2000 + 2) × (1998 + 2) pixels is just over 4 million: k = 2, the grid from column and row −1000
    const big = [[ring([-1000, -1000], [1000, -1000], [1000, 998], [-1000, 998])]];
    expect(maskCoverage(big, info, wgs84, flat)).toBe(16 / (1000 * 999));
    expect(seen).toEqual([31 + 1000 * 0.25, 0.5, 0.5, 999]);
    // (two specks 8000 columns and 3000 rows apart: k = 4, and neither holds a centre of the 4 × 4 pixels)
    const specks = [[ring([0.2, 0.2], [0.4, 0.2], [0.4, 0.4])], [ring([-8000, 3000], [-7999.9, 3000], [-7999.9, 3000.1])]];
    expect(maskCoverage(specks, info, wgs84, flat)).toBe(1);
  });
});

describe("readMaskFeatures", () => {
  const poly = {type: "Polygon", coordinates: [ring([0, 0], [1, 0], [1, 1])]};
  const multi = {type: "MultiPolygon", coordinates: [poly.coordinates, [ring([2, 2], [3, 2], [3, 3])]]};

  it("reads a Polygon, a MultiPolygon (one feature per part), a Feature, a FeatureCollection and a GeometryCollection", () => {
    expect(readMaskFeatures(file("p.geojson", poly))).toEqual([poly.coordinates]);
    expect(readMaskFeatures(file("m.geojson", multi))).toEqual(multi.coordinates);
    expect(readMaskFeatures(file("f.geojson", {type: "Feature", properties: {}, geometry: poly}))).toEqual([poly.coordinates]);
    const fc = {
      type: "FeatureCollection",
      features: [
        {type: "Feature", geometry: multi},
        {type: "Feature", geometry: null},
        {type: "Feature", geometry: poly}
      ]
    };
    expect(readMaskFeatures(file("fc.geojson", fc))).toEqual([...multi.coordinates, poly.coordinates]);
    const gc = {type: "GeometryCollection", geometries: [poly, {type: "GeometryCollection", geometries: [multi]}]};
    expect(readMaskFeatures(file("gc.geojson", gc))).toEqual([poly.coordinates, ...multi.coordinates]);
    // a byte-order mark is not JSON, but editors write it
    expect(readMaskFeatures(file("bom.geojson", "\uFEFF" + JSON.stringify(poly)))).toEqual([poly.coordinates]);
  });

  const refused: [string, unknown, string][] = [
    [
      "empty.geojson",
      {type: "FeatureCollection", features: []},
      "empty.geojson: the mask is empty (no Polygon or MultiPolygon); expected the study area's boundary"
    ],
    ["nofeatures.geojson", {type: "FeatureCollection"}, "nofeatures.geojson: the mask is empty"],
    ["emptygc.geojson", {type: "GeometryCollection"}, "emptygc.geojson: the mask is empty"],
    [
      "line.geojson",
      {
        type: "LineString",
        coordinates: [
          [0, 0],
          [1, 1]
        ]
      },
      "line.geojson: found a GeoJSON LineString; expected Polygon or MultiPolygon (in a Feature or FeatureCollection)"
    ],
    ["untyped.geojson", {coordinates: []}, "untyped.geojson: found a GeoJSON object without a type; expected Polygon or MultiPolygon"],
    ["number.geojson", "42", "number.geojson: the mask is empty"],
    ["multi.geojson", {type: "MultiPolygon"}, "multi.geojson: a MultiPolygon has no coordinate array; expected an array of polygons"],
    ["poly.geojson", {type: "Polygon", coordinates: 3}, "poly.geojson: a polygon has no coordinate array; expected an array of rings"],
    [
      "ring.geojson",
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 1]
          ]
        ]
      },
      "ring.geojson: a polygon ring has fewer than 3 positions; expected a closed ring of [lon, lat] positions"
    ],
    ["ringobj.geojson", {type: "Polygon", coordinates: [{}]}, "ringobj.geojson: a polygon ring has fewer than 3 positions"],
    [
      "pos.geojson",
      {type: "Polygon", coordinates: [[[0, 0], 5, [1, 1], [0, 0]]]},
      "pos.geojson: position 5 is not an array; expected [lon, lat] in WGS84 degrees (GeoJSON, RFC 7946)"
    ],
    [
      "lon.geojson",
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [361, 0],
            [1, 1],
            [0, 0]
          ]
        ]
      },
      "lon.geojson: position [361,0] is not WGS84 lon/lat in degrees (GeoJSON, RFC 7946); reproject the mask to EPSG:4326"
    ],
    [
      "lonw.geojson",
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [-361, 0],
            [1, 1],
            [0, 0]
          ]
        ]
      },
      "lonw.geojson: position [-361,0] is not WGS84"
    ],
    [
      "lat.geojson",
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [0, -90.5],
            [1, 1],
            [0, 0]
          ]
        ]
      },
      "lat.geojson: position [0,-90.5] is not WGS84"
    ],
    [
      "str.geojson",
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            ["1", 0],
            [1, 1],
            [0, 0]
          ]
        ]
      },
      'str.geojson: position ["1",0] is not WGS84'
    ],
    [
      "latnan.geojson",
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, null],
            [1, 1],
            [0, 0]
          ]
        ]
      },
      "latnan.geojson: position [1,null] is not WGS84"
    ],
    ["bad.geojson", "{not json", "bad.geojson: cannot read the mask as JSON ("]
  ];
  for (const [name, content, message] of refused)
    it(`refuses ${name}`, () => {
      expect(() => readMaskFeatures(file(name, content))).toThrow(message);
    });

  it("skips what is no geometry: a null file, null features; accepts a ring of three positions", () => {
    expect(() => readMaskFeatures(file("null.geojson", "null"))).toThrow("null.geojson: the mask is empty");
    const fc = {type: "FeatureCollection", features: [null, {type: "Feature", geometry: poly}]};
    expect(readMaskFeatures(file("nullfeature.geojson", fc))).toEqual([poly.coordinates]);
    const three = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0, 0]
        ]
      ]
    };
    expect(readMaskFeatures(file("three.geojson", three))).toEqual([three.coordinates]);
  });

  it("keeps the JSON error as the cause", () => {
    try {
      readMaskFeatures(file("cause.geojson", "{"));
      expect.unreachable();
    } catch (error) {
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    }
  });

  it("accepts positions at the limits: lon ±360, lat ±90", () => {
    const edge = {
      type: "Polygon",
      coordinates: [
        [
          [-360, -90],
          [360, -90],
          [360, 90],
          [-360, -90]
        ]
      ]
    };
    expect(readMaskFeatures(file("edge.geojson", edge))).toHaveLength(1);
  });

  it("refuses a directory and a missing file, naming them", () => {
    const d = join(dir, "area.geojson");
    mkdirSync(d);
    expect(() => readMaskFeatures(d)).toThrow(
      `area.geojson: is a directory (${d}); expected a GeoJSON file with the study area's Polygon or MultiPolygon in WGS84`
    );
    expect(() => readMaskFeatures(join(dir, "none.geojson"))).toThrow(
      /^none\.geojson: cannot read the mask as JSON \(ENOENT.*\); expected a GeoJSON Polygon or MultiPolygon in WGS84$/
    );
  });
});

describe("maskSpans equals gdal.RasterizeLayer on rings of either orientation", () => {
  // test/fixtures/raster/make-mask-rings.py: polygons with vertices on the half-pixel lattice, so
  // that horizontal edges often lie on a row's centre line, each ring reversed at random
  const fixture = JSON.parse(readFileSync(fx("mask-rings.json"), "utf8")) as {
    grid: {x0: number; y0: number; dx: number; dy: number; width: number; height: number};
    cases: {rings: number[][][]; gdal: string[]}[];
  };
  const grid = {name: "rings.tif", ...fixture.grid} as RasterInfo;

  it(`${fixture.cases.length} polygons, outer rings and holes, burn the same pixels`, () => {
    // both orientations of outer rings and of holes occur (the sign of the shoelace sum)
    const turn = (r: number[][]) => Math.sign(r.slice(1).reduce((s, p, k) => s + r[k][0] * p[1] - p[0] * r[k][1], 0));
    for (const k of [0, 1]) expect(new Set(fixture.cases.filter((c) => c.rings[k]).map((c) => turn(c.rings[k])))).toEqual(new Set([1, -1]));
    fixture.cases.forEach(({rings: polygon, gdal}, i) => {
      const m = maskSpans([polygon], grid, wgs84);
      const burnt = rows(m, grid.height).map((spans) => {
        const row = new Array<number>(grid.width).fill(0);
        for (const [s, e] of spans) row.fill(1, s, e);
        return row.join("");
      });
      expect({i, burnt}).toEqual({i, burnt: gdal});
    });
  });
});
