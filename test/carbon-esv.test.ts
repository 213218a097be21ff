// Carbon, ESV and per-cell intensity checked against arithmetic done by hand
// (written out below, independently of the code), and the energy table's
// validation errors.
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit raw, untyped study JSON */
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {CLASSES} from "../src/lib/classes.js";
import type {GridComposition} from "../src/lib/grid.js";
import {parseStudy, type Study} from "../src/lib/params.js";
import {parseEnergyTable, EnergyTableError} from "../src/lib/energy.js";
import {carbonBalance, directEmissions, fuelEmission, indirectEmissions, landUseCoefficients} from "../src/lib/carbon.js";
import {classServiceValues, esvSummary, esvTotal, sensitivity, valueCoefficients} from "../src/lib/esv.js";
import {gridIntensity} from "../src/lib/intensity.js";

const STUDY_FILE = new URL("../data-loaders/studies/changzhutan/study.json", import.meta.url);

/** The default study with E from grain: 5600 kg/hm² × 2.5 yuan/kg / 7 = 2000 yuan/hm². */
function testStudy(edit: (s: any) => void = () => {}): Study {
  const s = JSON.parse(readFileSync(STUDY_FILE, "utf8"));
  s.esv.standardValue = {
    method: "grain",
    grainYield: {value: 5600, unit: "kg/hm²", source: "test"},
    grainPrice: {value: 2.5, unit: "yuan/kg", source: "test"}
  };
  edit(s);
  return parseStudy(s, "study.json");
}

// Energy table: 2000 has 1 ×10⁴ t raw coal and 0.1 ×10⁸ m³ natural gas, nothing else.
const ENERGY = `fuel,unit,2000,2005,2010,2015,2020
raw_coal,10^4 t,1,2,3,4,5
coke,10^4 t,0,0,0,0,0
crude_oil,10^4 t,0,0,0,0,0
gasoline,10^4 t,0,0,0,0,0
kerosene,10^4 t,0,0,0,0,0
diesel,10^4 t,0,0,0,0,0
fuel_oil,10^4 t,0,0,0,0,0
natural_gas,10^8 m3,0.1,0.2,0.3,0.4,0.5
`;

// Three 10 km cells (100 km² each), class km² in CLASSES order
// (cultivated, forest, grassland, water, construction, unused):
//   cell 0, inside 1.0: 60, 20, 0, 10, 10, 0
//   cell 1, inside 0.8: 20, 40, 5,  0, 10, 5
//   cell 2, inside 0.3:  0, 10, 0,  0, 20, 0   (left out: 0.3 < 0.5)
// Region (sum):         80, 70, 5, 10, 40, 5
const CELLS = [
  [60, 20, 0, 10, 10, 0],
  [20, 40, 5, 0, 10, 5],
  [0, 10, 0, 0, 20, 0]
];
const REGION = [80, 70, 5, 10, 40, 5];

function grid(): GridComposition {
  return {
    cellKm: 10,
    proj: "+proj=aea +lat_1=25 +lat_2=47 +lon_0=105 +ellps=WGS84 +units=m",
    x0: 0,
    y0: 0,
    nRows: 1,
    nCols: 3,
    id: Int32Array.from([0, 1, 2]),
    row: Int32Array.from([0, 0, 0]),
    col: Int32Array.from([0, 1, 2]),
    insideShare: Float64Array.from([1, 0.8, 0.3]),
    classKm2: CLASSES.map((_, c) => Float64Array.from(CELLS, (cell) => cell[c]))
  };
}

describe("carbon by hand", () => {
  const study = testStudy();
  const table = parseEnergyTable(ENERGY, "energy.csv", study);

  it("direct emissions per class", () => {
    // cultivated 80 km² = 8000 hm² × 0.422  = 3376 t C
    // forest     70 km² = 7000 hm² × −0.644 = −4508
    // grassland   5 km² =  500 hm² × −0.021 = −10.5
    // water      10 km² = 1000 hm² × −0.253 = −253
    // construction: no area coefficient      = 0
    // unused      5 km² =  500 hm² × −0.005 = −2.5
    const d = directEmissions(REGION, landUseCoefficients(study));
    [3376, -4508, -10.5, -253, 0, -2.5].forEach((v, i) => expect(d[i]).toBeCloseTo(v, 9));
  });

  it("indirect emissions from energy", () => {
    // raw coal: 1 ×10⁴ t = 10⁷ kg × 0.7143 kgce/kg = 7.143e6 kgce = 7143 tce × 0.7559 t C/tce = 5399.3937 t C
    // gas: 0.1 ×10⁸ m³ = 10⁷ m³ × 1.33 kgce/m³ = 1.33e7 kgce = 13300 tce × 0.4483 t C/tce = 5962.39 t C
    // total 5399.3937 + 5962.39 = 11361.7837 t C
    const ind = indirectEmissions(table, study, 2000);
    expect(ind.byFuel.raw_coal).toBeCloseTo(5399.3937, 6);
    expect(ind.byFuel.natural_gas).toBeCloseTo(5962.39, 6);
    expect(ind.byFuel.coke).toBe(0);
    expect(ind.total).toBeCloseTo(11361.7837, 6);
  });

  it("net, sources and sinks, in t and 10⁴ t", () => {
    // direct = 3376 − 4508 − 10.5 − 253 − 2.5 = −1398
    // net = −1398 + 11361.7837 = 9963.7837 t C = 0.99637837 ×10⁴ t C
    // sources = cultivated 3376 + construction 11361.7837 = 14737.7837
    // sinks = −4508 − 10.5 − 253 − 2.5 = −4774
    const b = carbonBalance(2000, REGION, study, table);
    expect(b.direct).toBeCloseTo(-1398, 9);
    expect(b.indirect).toBeCloseTo(11361.7837, 6);
    expect(b.net).toBeCloseTo(9963.7837, 6);
    expect(b.sources).toBeCloseTo(14737.7837, 6);
    expect(b.sinks).toBeCloseTo(-4774, 9);
    expect(b.byClass.construction).toBeCloseTo(11361.7837, 6);
    expect(b.e4t.net).toBeCloseTo(0.99637837, 10);
    expect(b.e4t.sinks).toBeCloseTo(-0.4774, 12);
  });

  it("another epoch reads its own column", () => {
    // 2020: raw coal 5 × 5399.3937 = 26996.9685; gas 0.5 → 5 × 5962.39 = 29811.95; total 56808.9185
    expect(indirectEmissions(table, study, 2020).total).toBeCloseTo(56808.9185, 6);
  });

  it("electricity, when included: 1 ×10⁸ kWh × 0.1229 kgce/kWh = 1.229e7 kgce = 12290 tce × 0.68 = 8357.2 t C", () => {
    const s = testStudy((o) => {
      o.carbon.energy.electricity = {
        treatment: "include",
        standardCoal: {value: 0.1229, unit: "kgce/kWh", source: "test"},
        carbon: {value: 0.68, unit: "t C/tce", source: "test"}
      };
    });
    const t = parseEnergyTable(ENERGY + "electricity,10^8 kWh,1,1,1,1,1\n", "energy.csv", s);
    expect(indirectEmissions(t, s, 2000).byFuel.electricity).toBeCloseTo(8357.2, 6);
    expect(indirectEmissions(t, s, 2000).total).toBeCloseTo(11361.7837 + 8357.2, 6);
    // excluded (the default): the row is read, checked and not counted
    const excluded = parseEnergyTable(ENERGY + "electricity,10^8 kWh,1,1,1,1,1\n", "energy.csv", study);
    expect(excluded.ignored).toEqual(["electricity"]);
    expect(indirectEmissions(excluded, study, 2000).total).toBeCloseTo(11361.7837, 6);
    expect(fuelEmission(1, s.carbon.energy.fuels.coke.standardCoal, s.carbon.energy.fuels.coke.carbon)).toBeCloseTo(
      ((1e7 * 0.9714) / 1000) * 0.855,
      9
    );
  });
});

describe("carbon: what the energy table lacks is named", () => {
  const study = testStudy();
  const table = parseEnergyTable(ENERGY, "energy.csv", study);
  it("an epoch without a column, a fuel without a row", () => {
    expect(() => indirectEmissions(table, study, 1999)).toThrow("energy.csv: no column for epoch 1999");
    const {coke: _coke, ...rest} = table.quantities;
    expect(() => indirectEmissions({...table, quantities: rest}, study, 2000)).toThrow("energy.csv: no row for coke");
  });
  it("a region of construction land only: sources are the energy, sinks 0", () => {
    // REGION's construction area has no area coefficient; all of it is indirect
    const b = carbonBalance(2000, [0, 0, 0, 0, 40, 0], study, table);
    expect([b.direct, b.sinks]).toEqual([0, 0]);
    expect(b.sources).toBeCloseTo(11361.7837, 6);
    // (0 km² × a negative coefficient is −0: compared as numbers, not by Object.is)
    expect(Object.entries(b.byClass).map(([c, v]) => [c, v + 0])).toEqual(
      ["cultivated", "forest", "grassland", "water", "construction", "unused"].map((c) => [c, c === "construction" ? b.indirect : 0])
    );
    expect(b.byFuel).toEqual(indirectEmissions(table, study, 2000).byFuel);
    expect(b.epoch).toBe(2000);
    expect(b.e4t).toEqual({direct: 0, indirect: b.indirect / 1e4, net: b.net / 1e4, sources: b.sources / 1e4, sinks: 0});
  });
});

describe("ESV by hand (E = 2000 yuan/hm²)", () => {
  const study = testStudy();
  const vc = valueCoefficients(study);
  // Row sums of the Xie 2015 factors:
  //   dry land 0.85+0.40+0.02+0.67+0.36+0.10+0.27+1.03+0.12+0.13+0.06 = 4.01
  //   paddy 1.36+0.09−2.63+1.11+0.57+0.17+2.72+0.01+0.19+0.21+0.09 = 3.89
  //   broadleaf 22.95; mixed forest 23.09; shrub-grass 19.69; water system 125.61; bare land 0.20
  // Class coefficients (yuan/hm²) = equivalents × 2000:
  //   cultivated 0.5×4.01 + 0.5×3.89 = 3.95 → 7900
  //   forest 0.5×22.95 + 0.5×23.09 = 23.02 → 46040
  //   grassland 19.69 → 39380; water 125.61 → 251220; construction 0; unused 0.20 → 400
  it("value coefficients per class", () => {
    [7900, 46040, 39380, 251220, 0, 400].forEach((v, i) => expect(vc.perClass[i]).toBeCloseTo(v, 6));
    expect(vc.E).toBeCloseTo(2000, 9);
  });

  it("per class, per service and total", () => {
    // cultivated 8000 hm² × 7900 = 63,200,000; forest 7000 × 46040 = 322,280,000;
    // grassland 500 × 39380 = 19,690,000; water 1000 × 251220 = 251,220,000;
    // construction 0; unused 500 × 400 = 200,000; total 656,590,000 yuan
    const e = esvSummary(REGION, vc);
    expect(e.byClass.cultivated).toBeCloseTo(63_200_000, 3);
    expect(e.byClass.forest).toBeCloseTo(322_280_000, 3);
    expect(e.byClass.grassland).toBeCloseTo(19_690_000, 3);
    expect(e.byClass.water).toBeCloseTo(251_220_000, 3);
    expect(e.byClass.construction).toBe(0);
    expect(e.byClass.unused).toBeCloseTo(200_000, 3);
    expect(e.total).toBeCloseTo(656_590_000, 3);
    // food production: cultivated 0.5×(0.85+1.36) = 1.105 × 2000 × 8000 = 17,680,000;
    // forest 0.5×(0.29+0.31) = 0.30 × 2000 × 7000 = 4,200,000; grassland 0.38 × 2000 × 500 = 380,000;
    // water 0.80 × 2000 × 1000 = 1,600,000; unused 0 → 23,860,000
    expect(e.byService.food_production).toBeCloseTo(23_860_000, 3);
    // water supply of cultivated land is negative (paddy −2.63): 0.5×(0.02 − 2.63) = −1.305 × 2000 × 8000 = −20,880,000
    expect(e.byClassService.cultivated.water_supply).toBeCloseTo(-20_880_000, 3);
    expect(esvTotal(REGION, vc)).toBeCloseTo(656_590_000, 3);
  });

  it("coefficient of sensitivity for ±50 %", () => {
    // forest +50 %: ESV' = 656.59e6 + 0.5 × 322.28e6 = 817.73e6;
    // CS = (161.14e6 / 656.59e6) / 0.5 = 322.28 / 656.59 ≈ 0.49084; −50 % gives the same.
    const cs = sensitivity(REGION, study);
    const forestUp = cs.find((r) => r.cls === "forest" && r.change === 0.5)!;
    const forestDown = cs.find((r) => r.cls === "forest" && r.change === -0.5)!;
    expect(forestUp.esv).toBeCloseTo(817_730_000, 3);
    expect(forestDown.esv).toBeCloseTo(495_450_000, 3);
    expect(forestUp.cs).toBeCloseTo(322.28 / 656.59, 12);
    expect(forestDown.cs).toBeCloseTo(322.28 / 656.59, 12);
    // water: 251.22 / 656.59 ≈ 0.38261
    expect(cs.find((r) => r.cls === "water" && r.change === 0.5)!.cs).toBeCloseTo(251.22 / 656.59, 12);
    // construction land has no value coefficient: CS undefined
    expect(cs.find((r) => r.cls === "construction")!.cs).toBeNull();
    expect(cs).toHaveLength(12);
  });

  it("scales one class's coefficients and leaves the others", () => {
    const up = valueCoefficients(study, {forest: 1.5});
    [7900, 46040 * 1.5, 39380, 251220, 0, 400].forEach((v, i) => expect(up.perClass[i]).toBeCloseTo(v, 6));
    // per service: forest food production 0.30 × 2000 × 1.5 = 900 yuan/hm²
    expect(up.perClassService[1 * up.services.length + up.services.indexOf("food_production")]).toBeCloseTo(900, 9);
    expect(up.services).toEqual(vc.services);
  });

  it("no coefficient of sensitivity without a change or without any value", () => {
    // a change of 0: ESV unchanged, CS undefined (0/0)
    for (const r of sensitivity(REGION, study, [0])) expect([r.esv, r.cs]).toEqual([expect.closeTo(656_590_000, 3), null]);
    // a region with no area has no ESV: CS undefined for every class
    for (const r of sensitivity([0, 0, 0, 0, 0, 0], study)) expect([r.esv, r.cs]).toEqual([0, null]);
    // the changes asked for, in order, for each class
    expect(sensitivity(REGION, study, [0.1]).map((r) => [r.cls, r.change])).toEqual(
      ["cultivated", "forest", "grassland", "water", "construction", "unused"].map((c) => [c, 0.1])
    );
  });

  it("classServiceValues writes into the array it is given", () => {
    const out = new Float64Array(vc.perClassService.length).fill(7);
    expect(classServiceValues(REGION, vc, out)).toBe(out);
    // cultivated food production: 8000 hm² × 1.105 × 2000 = 17,680,000
    expect(out[0]).toBeCloseTo(17_680_000, 3);
  });
});

describe("per-cell intensity by hand", () => {
  const study = testStudy();
  const table = parseEnergyTable(ENERGY, "energy.csv", study);
  const indirect = indirectEmissions(table, study, 2000).total; // 11361.7837 t C
  const g = grid();
  const r = gridIntensity(g, study, indirect);

  it("leaves out the cell with insideShare 0.3 < 0.5", () => {
    expect(Array.from(r.kept)).toEqual([0, 1]);
    expect(r.leftOut).toBe(1);
    // construction over the whole region, left-out cell included: 10 + 10 + 20 = 40 km²
    expect(r.regionConstructionKm2).toBe(40);
  });

  it("carbon emission intensity, t C/km²", () => {
    // cell 0: direct 6000 hm² × 0.422 + 2000 × −0.644 + 1000 × −0.253 = 2532 − 1288 − 253 = 991
    //   indirect 11361.7837 × 10 / 40 = 2840.445925; total 3831.445925 / (1.0 × 100 km²) = 38.31445925
    // cell 1: direct 2000 × 0.422 + 4000 × −0.644 + 500 × −0.021 + 500 × −0.005 = 844 − 2576 − 10.5 − 2.5 = −1745
    //   indirect 2840.445925; total 1095.445925 / (0.8 × 100 km²) = 13.6930740625
    expect(r.direct[0]).toBeCloseTo(991, 9);
    expect(r.direct[1]).toBeCloseTo(-1745, 9);
    expect(r.indirect[0]).toBeCloseTo(2840.445925, 6);
    expect(r.insideKm2[1]).toBeCloseTo(80, 12);
    expect(r.carbon[0]).toBeCloseTo(38.31445925, 8);
    expect(r.carbon[1]).toBeCloseTo(13.6930740625, 8);
  });

  it("ESV intensity, yuan/km²", () => {
    // cell 0: 6000 × 7900 + 2000 × 46040 + 1000 × 251220 = 47,400,000 + 92,080,000 + 251,220,000 = 390,700,000 / 100 = 3,907,000
    // cell 1: 2000 × 7900 + 4000 × 46040 + 500 × 39380 + 500 × 400 = 15,800,000 + 184,160,000 + 19,690,000 + 200,000 = 219,850,000 / 80 = 2,748,125
    expect(r.esv[0]).toBeCloseTo(3_907_000, 4);
    expect(r.esv[1]).toBeCloseTo(2_748_125, 4);
  });

  it("cells add up to the region (same formulas): ESV and direct carbon", () => {
    const all = gridIntensity(
      g,
      testStudy((s) => (s.grid.minInsideShare = 0.1)),
      indirect
    );
    let esv = 0,
      direct = 0,
      ind = 0;
    for (let k = 0; k < all.kept.length; k++) {
      esv += all.esv[k] * all.insideKm2[k];
      direct += all.direct[k];
      ind += all.indirect[k];
    }
    expect(esv).toBeCloseTo(656_590_000, 3);
    expect(direct).toBeCloseTo(-1398, 9);
    expect(ind).toBeCloseTo(indirect, 9);
  });

  it("no construction land but indirect emissions: a clear error", () => {
    const h = grid();
    h.classKm2[CLASSES.indexOf("construction")].fill(0);
    expect(() => gridIntensity(h, study, indirect)).toThrow(/no construction land/);
  });
});

describe("energy table validation: each error names file, line and column", () => {
  const study = testStudy();
  const lines = ENERGY.trimEnd().split("\n");
  const withLine = (i: number, text: string) => lines.map((l, k) => (k === i ? text : l)).join("\n");
  const errors = (csv: string): string[] => {
    try {
      parseEnergyTable(csv, "energy.csv", study);
    } catch (e) {
      expect(e).toBeInstanceOf(EnergyTableError);
      return (e as EnergyTableError).problems;
    }
    throw new Error("expected parseEnergyTable to fail");
  };

  it.each<[string, string, string]>([
    [
      "missing epoch column",
      lines
        .map((l) =>
          l
            .split(",")
            .filter((_, c) => c !== 4)
            .join(",")
        )
        .join("\n"),
      "energy.csv:1: expected a column for epoch 2010"
    ],
    ["empty quantity", withLine(1, "raw_coal,10^4 t,1,2,,4,5"), "energy.csv:2:5: raw_coal 2010: expected a quantity, got an empty cell"],
    ["negative quantity", withLine(2, "coke,10^4 t,0,-3,0,0,0"), 'energy.csv:3:4: coke 2005: expected a non-negative number, got "-3"'],
    [
      "non-numeric quantity",
      withLine(8, "natural_gas,10^8 m3,0.1,0.2,abc,0.4,0.5"),
      'energy.csv:9:5: natural_gas 2010: expected a non-negative number, got "abc"'
    ],
    [
      "number with trailing text",
      withLine(1, "raw_coal,10^4 t,1,2,3,4,5t"),
      'energy.csv:2:7: raw_coal 2020: expected a non-negative number, got "5t"'
    ],
    [
      "unknown fuel",
      lines.join("\n") + "\npeat,10^4 t,1,1,1,1,1",
      'energy.csv:10:1: expected a fuel of the study (raw_coal, coke, crude_oil, gasoline, kerosene, diesel, fuel_oil, natural_gas, electricity), got "peat"'
    ],
    [
      "duplicate fuel",
      lines.join("\n") + "\ncoke,10^4 t,1,1,1,1,1",
      "energy.csv:10:1: expected each fuel once, got coke again (first on line 3)"
    ],
    ["wrong unit", withLine(1, "raw_coal,t,1,2,3,4,5"), 'energy.csv:2:2: expected unit "10^4 t" for raw_coal, got "t"'],
    [
      "gas in tonnes",
      withLine(8, "natural_gas,10^4 t,0.1,0.2,0.3,0.4,0.5"),
      'energy.csv:9:2: expected unit "10^8 m3" for natural_gas, got "10^4 t"'
    ],
    [
      "missing fuel row",
      lines.filter((l) => !l.startsWith("kerosene")).join("\n"),
      "energy.csv: expected a row for kerosene (a fuel of the study), got none"
    ],
    ["short row", withLine(3, "crude_oil,10^4 t,0,0"), "energy.csv:4: expected 7 fields like the header, got 4"],
    ["bad header", withLine(0, "fuel,units,2000,2005,2010,2015,2020"), 'energy.csv:1:2: expected column "unit", got "units"'],
    [
      "bad epoch column name",
      withLine(0, "fuel,unit,2000,2005,2010,2015,y2020"),
      'energy.csv:1:7: expected an epoch year as column name, got "y2020"'
    ],
    ["empty file", "", 'energy.csv:1: expected a header "fuel,unit,2000,2005,2010,2015,2020", got an empty file']
  ])("%s", (_, csv, message) => {
    const p = errors(csv);
    expect(
      p.some((m) => m.startsWith(message)),
      p.join("\n")
    ).toBe(true);
  });

  it("reports every problem at once", () => {
    const csv = withLine(1, "raw_coal,t,1,-2,x,4,5");
    expect(errors(csv)).toHaveLength(3);
  });

  it("counts lines across quoted fields holding newlines", () => {
    const csv = lines.join("\n") + '\n"pe\nat",10^4 t,1,1,1,1,1\nmud,10^4 t,1,1,1,1,1';
    const p = errors(csv);
    expect(p.some((m) => m.startsWith("energy.csv:10:1:"))).toBe(true);
    expect(p.some((m) => m.startsWith("energy.csv:12:1: expected a fuel of the study") && m.endsWith('got "mud"'))).toBe(true);
  });

  it("accepts extra year columns, CRLF, a BOM, blank lines and unit spellings", () => {
    const csv =
      "\uFEFF" +
      lines
        .map((l, i) => l + (i === 0 ? ",2001" : ",9"))
        .join("\r\n")
        .replace("10^8 m3", "10⁸ m³") +
      "\r\n\r\n";
    const t = parseEnergyTable(csv, "energy.csv", study);
    expect(t.quantities.raw_coal).toEqual([1, 2, 3, 4, 5]);
    expect(t.units.natural_gas).toBe("10^8 m3");
    expect(t.epochs).toEqual([2000, 2005, 2010, 2015, 2020]);
  });
});
