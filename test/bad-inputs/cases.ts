// The bad-input corpus: each case is test/fixtures/real-study with one defect
// (build.ts makes the copy), run through `atlas study` (or a raster command),
// and the outcome it must have:
//   refuse — a non-zero exit whose message matches `message` (naming the
//            file, the key or the place, and what was expected);
//   accept — a result equal to the reference (GDAL's counts where GDAL is the
//            reference: references.json, made by make-references.py);
//   warn   — a result that is still meaningful, equal to the reference, with
//            a warning matching `message` in the JSON output itself.
import {expect} from "vitest";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {REFERENCES, STUDY_DIR, type CaseDir} from "./build.js";

const CODE_CLASS: Record<string, string> = {11: "cultivated", 21: "forest", 31: "grassland", 41: "water", 51: "construction", 61: "unused"};
const EXPECTED = JSON.parse(readFileSync(join(STUDY_DIR, "expected.json"), "utf8")) as {
  pixel_km2: number;
  areas: Record<string, Record<string, number>>;
};

export interface StudyOutput {
  epochs: number[];
  areas_km2: Record<string, Record<string, number>>;
  carbon_1e4t: Record<string, {direct: number; indirect: number; net: number}>;
  pixel_area: string;
  coverage: number;
  warnings: string[];
}

type Check = (out: StudyOutput) => void;

export type Outcome = {refuse: RegExp; absent?: RegExp} | {accept: Check} | {warn: RegExp; check: Check};

export interface Case {
  id: string;
  defect: (c: CaseDir) => void;
  /** a raster command instead of `atlas study` (argument list, given the case's folder) */
  command?: {name: "areas" | "transitions" | "grid"; args: (dir: string) => string[]};
  expect: Outcome;
}

/** Areas equal to pixel counts × pixel area, per epoch and class, to 1e-9 relative. */
export function areasEqual(counts: Record<string, Record<string, number>>, pixelKm2: number): Check {
  return (out) => {
    for (const [year, byCode] of Object.entries(counts))
      for (const [code, n] of Object.entries(byCode)) {
        const got = out.areas_km2[year][CODE_CLASS[code]];
        expect(Math.abs(got - n * pixelKm2), `${year} ${CODE_CLASS[code]}: ${got} km², expected ${n * pixelKm2}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, n * pixelKm2)
        );
      }
  };
}

const clean = areasEqual(EXPECTED.areas, EXPECTED.pixel_km2);
const cleanNoWarnings: Check = (out) => {
  clean(out);
  expect(out.warnings).toEqual([]);
  expect(out.pixel_area).toBe("projected-equal-area");
};
const energy = (c: CaseDir, edit: (lines: string[]) => void) => {
  const lines = c.read("energy.csv").toString("utf8").split("\n");
  edit(lines);
  c.write("energy.csv", lines.join("\n"));
};
const boundaryGeometry = (c: CaseDir, geometry: unknown) =>
  c.write("boundary.geojson", JSON.stringify({type: "FeatureCollection", features: [{type: "Feature", properties: {}, geometry}]}));
const cleanBoundary = () =>
  (JSON.parse(readFileSync(join(STUDY_DIR, "boundary.geojson"), "utf8")) as {features: {geometry: {coordinates: number[][][]}}[]})
    .features[0].geometry;

export const CASES: Case[] = [
  // ---- the clean study and harmless variations: accepted, same numbers
  {id: "clean copy", defect: () => {}, expect: {accept: cleanNoWarnings}},
  {
    // A study file copied from the default keeps `generate` but names the author's own rasters: they must not be overwritten.
    id: "generate kept beside the author's own rasters",
    defect: (c) => {
      c.write("generate.ts", "throw new Error('the generator must not run');\n");
      c.study.inputs.generate = "generate.ts";
    },
    expect: {
      refuse:
        /study\.json: inputs\.landCover\.2000: expected a path inside the pipeline's own folder \.cache\/ when inputs\.generate is set/
    }
  },
  {
    id: "byte-order mark in study.json",
    defect: (c) => (c.studyText = "\uFEFF" + JSON.stringify(c.study, null, 2)),
    expect: {accept: cleanNoWarnings}
  },
  {
    id: "byte-order mark in energy.csv",
    defect: (c) => c.write("energy.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), c.read("energy.csv")])),
    expect: {accept: cleanNoWarnings}
  },
  {id: "CRLF line ends in energy.csv", defect: (c) => energy(c, (l) => l.forEach((x, i) => (l[i] = x + "\r"))), expect: {accept: clean}},
  {
    id: "byte-order mark in boundary.geojson",
    defect: (c) => c.write("boundary.geojson", "\uFEFF" + c.read("boundary.geojson").toString()),
    expect: {accept: clean}
  },
  {
    id: "boundary as a bare Feature",
    defect: (c) => c.write("boundary.geojson", JSON.stringify({type: "Feature", properties: {}, geometry: cleanBoundary()})),
    expect: {accept: clean}
  },
  {id: "boundary as a bare Polygon", defect: (c) => c.write("boundary.geojson", JSON.stringify(cleanBoundary())), expect: {accept: clean}},
  {
    id: "boundary feature given twice (union, not even-odd)",
    defect: (c) => {
      const f = {type: "Feature", properties: {}, geometry: cleanBoundary()};
      c.write("boundary.geojson", JSON.stringify({type: "FeatureCollection", features: [f, f]}));
    },
    expect: {accept: clean}
  },
  {
    id: "MultiPolygon whose second part lies inside the first (GDAL: not a hole)",
    defect: (c) => c.copyIn("boundary_multi_inside.geojson", "boundary.geojson"),
    expect: {accept: areasEqual(REFERENCES.multi_inside, EXPECTED.pixel_km2)}
  },
  {
    id: "epochs relabelled (same rasters)",
    defect: (c) => {
      c.study.study.epochs = [2001, 2011, 2021];
      c.study.inputs.landCover = {2001: "lc_2000.tif", 2011: "lc_2010.tif", 2021: "lc_2020.tif"};
      c.write("energy.csv", c.read("energy.csv").toString().replace("2000,2010,2020", "2001,2011,2021"));
    },
    expect: {
      accept: (out) => {
        expect(out.epochs).toEqual([2001, 2011, 2021]);
        areasEqual({2001: EXPECTED.areas["2000"], 2021: EXPECTED.areas["2020"]}, EXPECTED.pixel_km2)(out);
      }
    }
  },

  // ---- results still meaningful, with a warning in the JSON
  {
    id: "boundary reaching beyond the rasters",
    defect: (c) => c.copyIn("boundary_beyond.geojson", "boundary.geojson"),
    expect: {
      warn: /boundary\.geojson: only 69\.\d % of the boundary's area lies on the rasters .*the other 30\.\d % has no data/,
      check: (out) => {
        areasEqual(REFERENCES.beyond, EXPECTED.pixel_km2)(out);
        // pixel-centre rasterization against OGR's exact intersection
        expect(Math.abs(out.coverage - REFERENCES.beyond_coverage)).toBeLessThan(0.005);
      }
    }
  },
  {
    id: "EPSG:3857 rasters (nominal areas)",
    defect: (c) => {
      for (const y of [2000, 2010, 2020]) c.copyIn(`merc_${y}.tif`, `lc_${y}.tif`);
    },
    expect: {
      warn: /lc_2000\.tif: EPSG:3857 WGS 84 \/ Pseudo-Mercator is not an equal-area projection; pixel areas \(900 m²\) are nominal/,
      check: (out) => {
        expect(out.pixel_area).toBe("projected-nominal");
        areasEqual(REFERENCES.merc.areas_pixels, REFERENCES.merc.pixel_m2 / 1e6)(out);
      }
    }
  },
  {
    id: "boundary over the rasters' NoData strip",
    defect: (c) => c.copyIn("boundary_nodata_strip.geojson", "boundary.geojson"),
    expect: {
      warn: /lc_2000\.tif \(epoch 2000\): 1\.75 % of the pixels inside the boundary are NoData and are not counted/,
      check: (out) =>
        areasEqual(Object.fromEntries(Object.entries(REFERENCES.nodata_strip).map(([y, r]) => [y, r.pixels])), EXPECTED.pixel_km2)(out)
    }
  },

  // ---- wrong numbers before: refused now
  {
    id: "NoData tag equal to a mapped class code",
    defect: (c) => c.copyIn("nodata11_2010.tif", "lc_2010.tif"),
    expect: {refuse: /lc_2010\.tif: its NoData value is 11, a code that reclassification\.table maps to cultivated/}
  },
  {
    id: "south-up rasters",
    defect: (c) => {
      for (const y of [2000, 2010, 2020]) c.copyIn(`southup_${y}.tif`, `lc_${y}.tif`);
    },
    expect: {refuse: /lc_2000\.tif: is stored south-up .*expected a north-up raster/}
  },
  {
    id: "Mercator grid.proj",
    defect: (c) => (c.study.grid.proj = "+proj=merc +lon_0=0 +ellps=WGS84 +units=m"),
    expect: {refuse: /study\.json: grid\.proj: expected an equal-area projection .*got "\+proj=merc/}
  },
  {
    id: "UTM grid.proj",
    defect: (c) => (c.study.grid.proj = "+proj=utm +zone=49 +datum=WGS84 +units=m"),
    expect: {refuse: /grid\.proj: expected an equal-area projection/}
  },
  {
    id: "boundary wholly outside the rasters",
    defect: (c) =>
      boundaryGeometry(c, {
        type: "Polygon",
        coordinates: [
          [
            [10, 10],
            [11, 10],
            [11, 11],
            [10, 11],
            [10, 10]
          ]
        ]
      }),
    expect: {refuse: /boundary\.geojson: the mask covers no pixel centre of lc_2000\.tif/}
  },
  {
    id: "1 m grid cells",
    defect: (c) => {
      c.study.grid.cellSizesKm = [0.001, 1];
      c.study.grid.defaultCellKm = 1;
    },
    expect: {
      refuse:
        /grid\.cellSizesKm: 0\.001 km cells are smaller than the rasters' pixels \(30 m, lc_2000\.tif\); expected cells of at least 0\.03 km/
    }
  },
  {
    id: "grid cells larger than the study area",
    defect: (c) => {
      c.study.grid.cellSizesKm = [1, 10];
    },
    expect: {
      refuse:
        /grid\.cellSizesKm: 10 km cells: the study area \(34\.\d+ km² on the rasters\) holds fewer than 2 of them; expected cells of at most 4\.\d+ km/
    }
  },

  // ---- vague refusals before: named now
  {
    id: "directory as a raster",
    defect: (c) => {
      c.mkdir("rasters2010");
      c.study.inputs.landCover["2010"] = "rasters2010";
    },
    expect: {refuse: /study\.json: inputs\.landCover\.2010: expected an existing file, got .*rasters2010 \(a directory\)/}
  },
  {
    id: "directory as the boundary",
    defect: (c) => {
      c.mkdir("outline");
      c.study.inputs.boundary = "outline";
    },
    expect: {refuse: /inputs\.boundary: expected an existing file, got .*outline \(a directory\)/}
  },
  {
    id: "directory as the energy table",
    defect: (c) => {
      c.mkdir("energy");
      c.study.inputs.energy = "energy";
    },
    expect: {refuse: /inputs\.energy: expected an existing file, got .*energy \(a directory\)/}
  },
  {
    id: "GeoJSON position that is not an array",
    defect: (c) => boundaryGeometry(c, {type: "Polygon", coordinates: [[113.0, 27.9, 113.1, 27.9, 113.1, 28.0, 113.0, 27.9]]}),
    expect: {
      refuse:
        /boundary\.geojson: a polygon ring has fewer than 3 positions|boundary\.geojson: position 113 is not an array; expected \[lon, lat\]/
    }
  },
  {
    id: "GeoJSON ring of objects",
    defect: (c) => boundaryGeometry(c, {type: "Polygon", coordinates: [[{x: 113}, {x: 113.1}, {x: 113.05}, {x: 113}]]}),
    expect: {refuse: /boundary\.geojson: position \{"x":113\} is not an array; expected \[lon, lat\] in WGS84 degrees/}
  },
  {
    id: "reclassification key 300 (the rasters are 8-bit)",
    defect: (c) => (c.study.reclassification.table["300"] = "forest"),
    expect: {refuse: /study\.json: reclassification\.table\.300: expected a class code 0\.\.255/}
  },
  {
    id: "empty reclassification table",
    defect: (c) => (c.study.reclassification.table = {}),
    expect: {refuse: /study\.json: reclassification\.table: expected at least one code → class entry/}
  },
  {
    id: "2,000,000 permutations",
    defect: (c) => (c.study.spatial.permutations = 2_000_000),
    expect: {refuse: /study\.json: spatial\.permutations: expected a number ≤ 99999, got 2000000/}
  },
  {
    id: "unknown projection in grid.proj",
    defect: (c) => (c.study.grid.proj = "+proj=nonsense +units=m"),
    expect: {refuse: /study\.json: grid\.proj: expected a PROJ string proj4 can use, got "\+proj=nonsense \+units=m"/}
  },
  {
    id: "grid.proj with an unknown ellipsoid",
    defect: (c) => (c.study.grid.proj = "+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +ellps=nope +units=m"),
    expect: {refuse: /study\.json: grid\.proj: expected a PROJ string proj4 can use, .*proj4 does not know the ellipsoid "nope"/}
  },
  {
    id: "a raster with no valid pixel",
    defect: (c) => c.copyIn("allnodata_2010.tif", "lc_2010.tif"),
    expect: {refuse: /lc_2010\.tif \(epoch 2010\): no valid pixel inside the boundary/}
  },
  {
    id: "an epoch with no construction land but energy use",
    defect: (c) => c.copyIn("noconstruction_2000.tif", "lc_2000.tif"),
    expect: {refuse: /lc_2000\.tif \(epoch 2000\): no construction land inside the boundary, but energy\.csv gives energy use in 2000/}
  },
  {
    id: "1e308 in energy.csv",
    defect: (c) => energy(c, (l) => (l[1] = "raw_coal,10^4 t,1e308,12.5,15")),
    expect: {refuse: /energy\.csv:2:3: raw_coal 2000: expected a quantity below 1000000000000 \(10\^4 t\), got 1e308/}
  },
  {
    id: "a GeoJSON given as the energy table (no content echoed)",
    defect: (c) => {
      c.write("secret.geojson", JSON.stringify({type: "FeatureCollection", features: [{properties: {owner: "SECRET-NAME"}}]}));
      c.study.inputs.energy = "secret.geojson";
    },
    expect: {
      refuse: /secret\.geojson:1: expected a CSV energy table whose first line is the header "fuel,unit,2000,2010,2020"/,
      absent: /SECRET|owner|Feature/
    }
  },
  {
    id: "a binary file given as the energy table",
    defect: (c) => (c.study.inputs.energy = "lc_2000.tif"),
    expect: {refuse: /lc_2000\.tif:1: expected a CSV energy table/, absent: /II\*/}
  },

  // ---- refusals that were already clear (regression guard)
  {id: "study.json not JSON", defect: (c) => (c.studyText = '{"study": {'), expect: {refuse: /study\.json:1:\d+: invalid JSON/}},
  {
    id: "missing raster",
    defect: (c) => (c.study.inputs.landCover["2010"] = "nowhere.tif"),
    expect: {refuse: /inputs\.landCover\.2010: expected an existing file, got .*nowhere\.tif \(not found\)/}
  },
  {
    id: "epoch without a raster",
    defect: (c) => c.study.study.epochs.push(2030),
    expect: {refuse: /study\.json: inputs\.landCover\.2030: expected a raster path for this epoch/}
  },
  {
    id: "epochs out of order",
    defect: (c) => (c.study.study.epochs = [2000, 2020, 2010]),
    expect: {refuse: /study\.json: study\.epochs\[2\]: expected epochs in increasing order/}
  },
  {
    id: "code the table does not map",
    defect: (c) => delete c.study.reclassification.table["61"],
    expect: {refuse: /lc_2000\.tif: codes not in the class table: 61 \(\d+ pixels\)/}
  },
  {
    id: "not a TIFF",
    defect: (c) => c.write("lc_2010.tif", "this is not a raster\n"),
    expect: {refuse: /lc_2010\.tif: not a readable TIFF/}
  },
  {
    id: "truncated raster",
    defect: (c) => c.write("lc_2020.tif", c.read("lc_2020.tif").subarray(0, 6000)),
    expect: {refuse: /lc_2020\.tif: is truncated/}
  },
  {
    id: "16-bit raster",
    defect: (c) => c.write("lc_2010.tif", readFileSync(join(STUDY_DIR, "..", "raster", "bad", "uint16.tif"))),
    expect: {refuse: /lc_2010\.tif: is a 16-bit unsigned integer raster; expected 8-bit unsigned class codes/}
  },
  {
    id: "rasters on different grids",
    defect: (c) => c.write("lc_2010.tif", readFileSync(join(STUDY_DIR, "..", "raster", "albers_a_tiled_lzw-p2.tif"))),
    expect: {refuse: /lc_2010\.tif .*lc_2000\.tif.*(differ|not aligned)|lc_2000\.tif .*lc_2010\.tif.*(differ|not aligned)/}
  },
  {
    id: "boundary not JSON",
    defect: (c) => c.write("boundary.geojson", "<kml></kml>"),
    expect: {refuse: /boundary\.geojson: cannot read the mask as JSON/}
  },
  {
    id: "boundary is a Point",
    defect: (c) => boundaryGeometry(c, {type: "Point", coordinates: [113, 28]}),
    expect: {refuse: /boundary\.geojson: found a GeoJSON Point; expected Polygon or MultiPolygon/}
  },
  {
    id: "boundary in projected metres, not lon/lat",
    defect: (c) =>
      boundaryGeometry(c, {
        type: "Polygon",
        coordinates: [
          [
            [292710, 1741950],
            [299910, 1741950],
            [299910, 1735950],
            [292710, 1741950]
          ]
        ]
      }),
    expect: {refuse: /boundary\.geojson: position \[292710,1741950\] is not WGS84 lon\/lat in degrees/}
  },
  {
    id: "energy table missing a fuel",
    defect: (c) => energy(c, (l) => l.splice(2, 1)),
    expect: {refuse: /energy\.csv: expected a row for coke \(a fuel of the study\), got none/}
  },
  {
    id: "negative energy quantity",
    defect: (c) => energy(c, (l) => (l[3] = "crude_oil,10^4 t,-0.5,0.6,0.7")),
    expect: {refuse: /energy\.csv:4:3: crude_oil 2000: expected a non-negative number, got "-0\.5"/}
  },
  {
    id: "minInsideShare 0",
    defect: (c) => (c.study.grid.minInsideShare = 0),
    expect: {refuse: /study\.json: grid\.minInsideShare: expected a number > 0, got 0/}
  },
  {
    id: "default cell size not offered",
    defect: (c) => (c.study.grid.defaultCellKm = 3),
    expect: {refuse: /study\.json: grid\.defaultCellKm: expected one of cellSizesKm \(1, 2\), got 3/}
  },
  {
    id: "a mistyped key",
    defect: (c) => (c.study.spatial.permutation = 199),
    expect: {refuse: /study\.json: spatial\.permutation: expected no such key/}
  },

  // ---- the raster commands, on the same defects
  {
    id: "atlas areas: NoData tag on a code the --classes file maps",
    defect: (c) => {
      c.copyIn("nodata11_2010.tif", "lc_2010.tif");
      c.write("classes.json", JSON.stringify(Object.fromEntries(Object.entries(CODE_CLASS))));
    },
    command: {name: "areas", args: (d) => [join(d, "lc_2010.tif"), "--classes", join(d, "classes.json")]},
    expect: {refuse: /lc_2010\.tif: its NoData value is 11, a code that classes\.json maps to cultivated/}
  },
  {
    id: "atlas grid: 1 m cells on 30 m pixels",
    defect: () => {},
    command: {name: "grid", args: (d) => [join(d, "lc_2000.tif"), "--cell-km", "0.001", "--mask", join(d, "boundary.geojson")]},
    expect: {refuse: /--cell-km: 0\.001 km cells are smaller than the rasters' pixels \(30 m, lc_2000\.tif\)/}
  },
  {
    id: "atlas areas: boundary beyond the rasters (coverage in the JSON)",
    defect: (c) => c.copyIn("boundary_beyond.geojson", "boundary.geojson"),
    command: {name: "areas", args: (d) => [join(d, "lc_2000.tif"), "--mask", join(d, "boundary.geojson")]},
    expect: {
      warn: /boundary\.geojson: only 69\.\d % of the boundary's area lies on the rasters/,
      check: (out) => {
        const o = out as unknown as {classes: {code: number; pixels: number}[]; coverage: number};
        for (const [code, n] of Object.entries(REFERENCES.beyond["2000"]))
          expect(o.classes.find((x) => x.code === Number(code))?.pixels).toBe(n);
        expect(Math.abs(o.coverage - REFERENCES.beyond_coverage)).toBeLessThan(0.005);
      }
    }
  },
  {
    id: "atlas areas: directory as the raster",
    defect: (c) => c.mkdir("x.tif"),
    command: {name: "areas", args: (d) => [join(d, "x.tif")]},
    expect: {refuse: /x\.tif: is a directory .*expected a GeoTIFF land-cover raster file/}
  },
  {
    id: "atlas areas: directory as the mask",
    defect: (c) => c.mkdir("mask.geojson"),
    command: {name: "areas", args: (d) => [join(d, "lc_2000.tif"), "--mask", join(d, "mask.geojson")]},
    expect: {refuse: /mask\.geojson: is a directory .*expected a GeoJSON file/}
  }
];
