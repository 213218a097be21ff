// The study-parameter schema: the default study file validates, and each
// kind of mistake is reported with the file, the key and what was expected.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit raw, untyped study JSON */
import {copyFileSync, readFileSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {parseStudy, StudyError, type StudyInput} from "../src/lib/params.js";
import {XIE_2015} from "../src/lib/esv-factors.js";
import {standardEquivalentValue} from "../src/lib/esv.js";
import {parseJson, readStudy} from "../data-loaders/study/read-study.js";

const STUDY_FILE = new URL("../data-loaders/studies/changzhutan/study.json", import.meta.url);
const base = (): StudyInput & Record<string, any> => JSON.parse(readFileSync(STUDY_FILE, "utf8"));

/** The problems parseStudy reports for an edited copy of the default study. */
function problems(edit: (s: any) => void): string[] {
  const s = base();
  edit(s);
  try {
    parseStudy(s, "study.json");
  } catch (e) {
    expect(e).toBeInstanceOf(StudyError);
    return (e as StudyError).problems;
  }
  throw new Error("expected parseStudy to fail");
}

describe("study file keys for real products", () => {
  it("accepts an epoch in several files, a fill value, the product, notes and placeholders", () => {
    const s = base();
    s.inputs.landCover["2010"] = ["a_2010.tif", "b_2010.tif"];
    s.inputs.landCoverFill = 0;
    s.study.landCover = {product: "worldcover"};
    s.study.notes = [{severity: "caution", text: "v100 and v200 differ in method", concerns: ["change", "land-use"]}];
    s.placeholders = ["inputs.energy"];
    s.reclassification!.table["0"] = "TODO";
    const p = parseStudy(s, "study.json");
    expect(p.inputs.landCover["2010"]).toEqual(["a_2010.tif", "b_2010.tif"]);
    expect(p.study.notes[0].concerns).toEqual(["change", "land-use"]);
    expect(p.reclassification.table["0"]).toBe("TODO");
  });
});

describe("default study file", () => {
  it("validates, with the cited coefficients", () => {
    const s = parseStudy(base(), "study.json");
    expect(s.study.epochs).toEqual([2000, 2005, 2010, 2015, 2020]);
    expect(s.study.reconstruction.reconstructed).toBe(true);
    expect(s.carbon.landUse.cultivated).toMatchObject({value: 0.422, unit: "t C/hm²/yr"});
    expect(s.carbon.landUse.forest.value).toBe(-0.644);
    expect(s.carbon.landUse.forest.note).toContain("0.581");
    expect(s.carbon.landUse.cultivated.source).toMatch(/not verified against a primary source/);
    expect(s.carbon.energy.fuels.raw_coal.standardCoal).toMatchObject({value: 0.7143, unit: "kgce/kg"});
    expect(s.carbon.energy.fuels.natural_gas.standardCoal).toMatchObject({value: 1.33, unit: "kgce/m³"});
    expect(s.carbon.energy.fuels.natural_gas.carbon.value).toBe(0.4483);
    expect(s.carbon.energy.electricity.treatment).toBe("exclude");
    expect(s.esv.equivalentFactors).toEqual(XIE_2015); // absent from the file → the constant
    expect(s.grid).toMatchObject({cellSizesKm: [1, 2, 3, 5], minInsideShare: 0.5});
    expect(s.spatial).toMatchObject({weights: "queen", permutations: 999, alpha: 0.05, correction: "none", globalNull: "pairs"});
  });

  // The tabulated values are not exactly content × 29.3076 (e.g. raw coal
  // 25.8 × 29.3076 / 1000 = 0.75614 against 0.7559); they agree within 0.1 %.
  it("carbon coefficients ≈ IPCC 2006 carbon content × 29.3076 GJ/tce, within 0.1 %", () => {
    const s = parseStudy(base(), "study.json");
    const tcPerTJ = {
      raw_coal: 25.8,
      coke: 29.2,
      crude_oil: 20.0,
      gasoline: 18.9,
      kerosene: 19.5,
      diesel: 20.2,
      fuel_oil: 21.1,
      natural_gas: 15.3
    };
    for (const [fuel, c] of Object.entries(tcPerTJ))
      expect(Math.abs(s.carbon.energy.fuels[fuel].carbon.value / ((c * 29.3076) / 1000) - 1)).toBeLessThan(0.001);
  });

  it("Xie 2015 table: 11 rows × 11 services", () => {
    expect(XIE_2015.services).toHaveLength(11);
    expect(Object.keys(XIE_2015.rows)).toHaveLength(11);
    for (const row of Object.values(XIE_2015.rows)) expect(row).toHaveLength(11);
    expect(XIE_2015.rows.paddy[2]).toBe(-2.63);
    expect(XIE_2015.rows.water_system[6]).toBe(102.24);
  });
});

describe("schema errors name the file, the key and what was expected", () => {
  it.each<[string, (s: any) => void, string]>([
    ["alpha out of (0,1)", (s) => (s.spatial.alpha = 1), "study.json: spatial.alpha: expected a number < 1, got 1"],
    ["alpha zero", (s) => (s.spatial.alpha = 0), "study.json: spatial.alpha: expected a number > 0, got 0"],
    ["too few permutations", (s) => (s.spatial.permutations = 50), "study.json: spatial.permutations: expected a number ≥ 99, got 50"],
    [
      "fractional permutations",
      (s) => (s.spatial.permutations = 999.5),
      "study.json: spatial.permutations: expected an integer, got 999.5"
    ],
    [
      "unknown weights",
      (s) => (s.spatial.weights = "bishop"),
      'study.json: spatial.weights: expected one of "queen" | "rook", got "bishop"'
    ],
    [
      "unknown correction",
      (s) => (s.spatial.correction = "holm"),
      'study.json: spatial.correction: expected one of "none" | "bonferroni" | "fdr", got "holm"'
    ],
    ["misspelt key", (s) => (s.spatial.alpah = 0.05), "study.json: spatial.alpah: expected no such key (unknown here; a typo?), got 0.05"],
    [
      "epochs not increasing",
      (s) => (s.study.epochs = [2000, 2010, 2005, 2015, 2020]),
      "study.json: study.epochs[2]: expected epochs in increasing order (> 2010), got 2005"
    ],
    [
      "value as string",
      (s) => (s.carbon.landUse.water.value = "-0.253"),
      'study.json: carbon.landUse.water.value: expected a number, got "-0.253"'
    ],
    [
      "wrong unit",
      (s) => (s.carbon.landUse.forest.unit = "t C/km²/yr"),
      'study.json: carbon.landUse.forest.unit: expected one of "t C/hm²/yr" | "t C/hm2/yr", got "t C/km²/yr"'
    ],
    [
      "missing citation",
      (s) => delete s.carbon.landUse.unused.source,
      "study.json: carbon.landUse.unused.source: expected a string, got nothing (missing)"
    ],
    [
      "negative standard-coal coefficient",
      (s) => (s.carbon.energy.fuels.coke.standardCoal.value = -1),
      "study.json: carbon.energy.fuels.coke.standardCoal.value: expected a number > 0, got -1"
    ],
    [
      "electricity included without factors",
      (s) => (s.carbon.energy.electricity = {treatment: "include"}),
      "study.json: carbon.energy.electricity.standardCoal: expected an object, got nothing (missing)"
    ],
    [
      "unknown electricity treatment",
      (s) => (s.carbon.energy.electricity.treatment = "half"),
      'study.json: carbon.energy.electricity.treatment: expected one of "exclude" | "include", got "half"'
    ],
    [
      "class not mapped",
      (s) => delete s.esv.classRows.grassland,
      "study.json: esv.classRows.grassland: expected an object, got nothing (missing)"
    ],
    [
      "weights not summing to 1",
      (s) => (s.esv.classRows.cultivated = {dry_land: 0.5, paddy: 0.4}),
      "study.json: esv.classRows.cultivated: expected row weights summing to 1 (or {} for no value), got 0.9"
    ],
    [
      "unknown factor row",
      (s) => (s.esv.classRows.forest = {coniferous: 1}),
      "study.json: esv.classRows.forest.coniferous: expected a row of the equivalent-factor table"
    ],
    [
      "grain E without price",
      (s) => (s.esv.standardValue = {method: "grain", grainYield: {value: 5600, unit: "kg/hm²", source: "x"}}),
      "study.json: esv.standardValue.grainPrice: expected an object, got nothing (missing)"
    ],
    [
      "default cell size not offered",
      (s) => (s.grid.defaultCellKm = 4),
      "study.json: grid.defaultCellKm: expected one of cellSizesKm (1, 2, 3, 5), got 4"
    ],
    ["inside share above 1", (s) => (s.grid.minInsideShare = 1.5), "study.json: grid.minInsideShare: expected a number ≤ 1, got 1.5"],
    ["negative seed", (s) => (s.spatial.seed = -1), "study.json: spatial.seed: expected a number ≥ 0, got -1"],
    [
      "raster missing for an epoch",
      (s) => delete s.inputs.landCover["2010"],
      "study.json: inputs.landCover.2010: expected a raster path for this epoch, got nothing"
    ],
    [
      "reclassified to an unknown class",
      (s) => (s.reclassification.table["8"] = "urban"),
      'study.json: reclassification.table.8: expected one of "cultivated" | "forest" | "grassland" | "water" | "construction" | "unused" | "TODO", got "urban"'
    ],
    [
      "a product the site does not know, without its citation",
      (s) => (s.study.landCover = {product: "my-regional-map"}),
      "study.json: study.landCover.citation: expected the citation of a product that is not one of clcd, cnlucc, worldcover"
    ],
    [
      "a note on a page that does not exist",
      (s) => (s.study.notes = [{severity: "caution", text: "x", concerns: ["overveiw"]}]),
      'study.json: study.notes[0].concerns[0]: expected one of "overview"'
    ],
    [
      "a placeholder key that is not one",
      (s) => (s.placeholders = ["grid.proj"]),
      'study.json: placeholders[0]: expected one of "inputs.energy"'
    ],
    [
      "an epoch given as an empty list of tiles",
      (s) => (s.inputs.landCover["2010"] = []),
      "study.json: inputs.landCover.2010: expected at least 1 items, got 0 items"
    ],
    [
      "non-integer source code",
      (s) => (s.reclassification.table["x1"] = "forest"),
      'study.json: reclassification.table.x1: expected a non-negative integer code as key, got key "x1"'
    ]
  ])("%s", (_, edit, message) => {
    expect(problems(edit).some((p) => p.startsWith(message))).toBe(true);
  });

  it("lists every problem, one per line", () => {
    const p = problems((s) => {
      s.spatial.alpha = 2;
      s.spatial.permutations = 10;
      delete s.study.title;
    });
    expect(p).toHaveLength(3);
    expect(() => parseStudy({...base(), spatial: {...base().spatial, alpha: 2}}, "x.json")).toThrow(
      /^x\.json: spatial\.alpha: expected a number < 1, got 2$/
    );
  });

  it("unit spellings: ASCII aliases are accepted and made canonical", () => {
    const s = base() as any;
    s.carbon.energy.fuels.natural_gas.standardCoal.unit = "kgce/m3";
    s.carbon.landUse.water.unit = "t C/hm2/yr";
    const p = parseStudy(s, "study.json");
    expect(p.carbon.energy.fuels.natural_gas.standardCoal.unit).toBe("kgce/m³");
    expect(p.carbon.landUse.water.unit).toBe("t C/hm²/yr");
  });

  it("the study file may replace the factor table; rows must match its services", () => {
    const s = base() as any;
    s.esv.equivalentFactors = {source: "test", services: ["food", "water"], rows: {crop: [1, 2], wood: [3]}};
    s.esv.classRows = {cultivated: {crop: 1}, forest: {wood: 1}, grassland: {}, water: {}, construction: {}, unused: {}};
    expect(() => parseStudy(s, "study.json")).toThrow(
      "study.json: esv.equivalentFactors.rows.wood: expected 2 factors (one per service), got an array of 1"
    );
    s.esv.equivalentFactors.rows.wood = [3, 4];
    expect(parseStudy(s, "study.json").esv.equivalentFactors.rows.wood).toEqual([3, 4]);
  });
});

describe("standard equivalent value E", () => {
  it("from grain yield and price: E = 5600 kg/hm² × 2.5 yuan/kg / 7 = 14000 / 7 = 2000 yuan/hm²", () => {
    const s = base() as any;
    s.esv.standardValue = {
      method: "grain",
      grainYield: {value: 5600, unit: "kg/hm²", source: "test"},
      grainPrice: {value: 2.5, unit: "yuan/kg", source: "test"}
    };
    expect(standardEquivalentValue(parseStudy(s, "study.json").esv.standardValue)).toBeCloseTo(2000, 9);
  });

  it("given directly", () => {
    const s = base() as any;
    s.esv.standardValue = {method: "direct", value: {value: 1234.5, unit: "yuan/hm2", source: "test"}};
    expect(standardEquivalentValue(parseStudy(s, "study.json").esv.standardValue)).toBe(1234.5);
  });
});

describe("reading a study file", () => {
  it("resolves input paths relative to the study file", () => {
    const dir = mkdtempSync(join(tmpdir(), "study-"));
    const file = join(dir, "s.json");
    writeFileSync(file, JSON.stringify({...base(), inputs: {...base().inputs, generate: undefined}}));
    copyFileSync(join(import.meta.dirname, "..", "data-loaders", "studies", "changzhutan", "claims.json"), join(dir, "claims.json"));
    const loaded = readStudy(file);
    expect(loaded.paths.claims).toBe(join(dir, "claims.json"));
    expect(loaded.claims?.claims.map((c) => c.id)).toContain("C14");
    expect(loaded.paths.boundary).toBe(join(dir, "boundary.geojson"));
    expect(loaded.paths.energy).toBe(join(dir, "energy.csv"));
    expect(loaded.paths.landCover[2020]).toBe(join(dir, "../../../.cache/demo/clcd_2020.tif"));
  });

  it("refuses a claims file that lacks a claim the reconstruction says it was calibrated to, or names an epoch the study lacks", () => {
    const dir = mkdtempSync(join(tmpdir(), "study-"));
    const file = join(dir, "s.json");
    writeFileSync(file, JSON.stringify({...base(), inputs: {...base().inputs, generate: undefined}}));
    const one = (c: object) => JSON.stringify({source: "test", claims: [{id: "C1", kind: "epochs", claim: "epochs", reported: [2000]}, c]});
    writeFileSync(join(dir, "claims.json"), one({id: "C2", kind: "net-carbon", claim: "net 2000", epoch: 2000, reported: 1}));
    expect(() => readStudy(file)).toThrow(/claims\.json: study\.reconstruction\.calibratedTo names C3, which is not a claim of this file/);
    writeFileSync(join(dir, "claims.json"), one({id: "C2", kind: "net-carbon", claim: "net 1999", epoch: 1999, reported: 1}));
    expect(() => readStudy(file)).toThrow(
      /claims\.json: claims\.1\.epoch: expected an epoch of the study \(2000, 2005, 2010, 2015, 2020\), got 1999/
    );
  });

  it("refuses a generator outside the study's folder, naming inputs.generate", () => {
    const dir = mkdtempSync(join(tmpdir(), "study-"));
    const file = join(dir, "s.json");
    writeFileSync(file, JSON.stringify({...base(), inputs: {...base().inputs, claims: undefined, generate: "../elsewhere/generate.ts"}}));
    expect(() => readStudy(file)).toThrow(/s\.json: inputs\.generate: expected a script inside the study's folder/);
  });

  it("a JSON syntax error names the file, line and column", () => {
    expect(() => parseJson('{\n  "a": 1\n  "b": 2\n}', "s.json")).toThrow(/^s\.json:3:3: invalid JSON/);
    expect(() => parseJson('{"a": tru}', "s.json")).toThrow(/^s\.json:1:7: invalid JSON/);
    expect(() => parseJson('{"a": [1, 2,]}', "s.json")).toThrow(/^s\.json:1:13: invalid JSON/);
  });

  it("a schema error names the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "study-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({...base(), grid: {...base().grid, minInsideShare: 0}}));
    expect(() => readStudy(file)).toThrow(`${file}: grid.minInsideShare: expected a number > 0, got 0`);
    expect(() => readStudy(join(dir, "none.json"))).toThrow(/none\.json: cannot read the study file/);
  });
});
