// The story vocabulary's values (src/lib/story-values.ts), from hand-made
// tables: each value is the table's number, sums are worked by hand, and the
// study's global null decides which z is Moran's z.
import {describe, expect, it} from "vitest";
import {formatValue, valueCatalogue, type ValueTables} from "../src/lib/story-values.js";

const tables: ValueTables = {
  epochs: [2000, 2020],
  parameters: {
    grid: {defaultCellKm: 1},
    spatial: {permutations: 999, alpha: 0.05, globalNull: "pairs"},
    carbon: {landUse: {forest: {value: -0.644}}},
    standardValue: 2000.5
  },
  summary: {
    carbon_1e4t: {2000: {direct: -10, indirect: 110, net: 100}, 2020: {direct: -8, indirect: 408, net: 400}},
    esv_1e8yuan: {2000: 50, 2020: 40},
    moran: {1: {2020: {I: -0.3, p: 0.001, types: {HH: 3, LL: 4, LH: 5, HL: 6, NS: 82}}}}
  },
  areas: [
    {epoch: 2000, class: "forest", km2: 60, share: 0.6},
    {epoch: 2000, class: "construction", km2: 40, share: 0.4},
    {epoch: 2020, class: "forest", km2: 30, share: 0.3},
    {epoch: 2020, class: "construction", km2: 70, share: 0.7}
  ],
  dynamics: [
    {from_epoch: 2000, to_epoch: 2020, class: "forest", change_km2: -30, dynamic_pct_per_year: -2.5},
    {from_epoch: 2000, to_epoch: 2020, class: "all", change_km2: 0, dynamic_pct_per_year: 1.5}
  ],
  transitions: [{from_epoch: 2000, to_epoch: 2020, from: "forest", to: "construction", km2: 30}],
  carbon: [{epoch: 2020, source: "forest", e4t: -8}],
  energy: [{epoch: 2020, fuel: "raw_coal", quantity: 12.5, unit: "10^4 t", e4t: 408}],
  esv: [
    {epoch: 2020, class: "forest", service: "food_production", e8yuan: 1},
    {epoch: 2020, class: "forest", service: "water_supply", e8yuan: 2},
    {epoch: 2020, class: "construction", service: "water_supply", e8yuan: 0.5}
  ],
  sensitivity: [{epoch: 2020, class: "forest", cs_up: 0.9}],
  moran: [{cell_km: 1, epoch: 2020, n: 100, z_sim: -5, z_sim_pairs: -7}],
  districts: [
    {district: "A", epoch: 2020, area_km2: 60, net_1e4t: 300, esv_1e8yuan: 10, km2_forest: 20, km2_construction: 40},
    {district: "B", epoch: 2020, area_km2: 40, net_1e4t: 100, esv_1e8yuan: 30, km2_forest: 10, km2_construction: 30}
  ]
};

const cat = valueCatalogue(tables);
const get = (name: string, params: Record<string, string> = {}) =>
  cat.filter((v) => v.name === name && Object.entries(params).every(([k, x]) => v.params[k] === x)).map((v) => v.value);

describe("the story vocabulary's values", () => {
  it("reads each value from its table", () => {
    expect(get("area", {class: "construction", epoch: "2020"})).toEqual([70]);
    expect(get("share", {class: "forest", epoch: "2000"})).toEqual([60]);
    expect(get("area-change", {class: "forest", period: "2000-2020"})).toEqual([-30]);
    expect(get("comprehensive-dynamic-degree", {period: "2000-2020"})).toEqual([1.5]);
    expect(get("dynamic-degree", {class: "all"})).toEqual([]); // "all" is the comprehensive degree, not a class
    expect(get("transition", {from: "forest", to: "construction"})).toEqual([30]);
    expect(get("net-carbon", {epoch: "2020"})).toEqual([400]);
    expect(get("indirect-carbon", {epoch: "2000"})).toEqual([110]);
    expect(get("fuel-use", {fuel: "raw_coal"})).toEqual([12.5]);
    expect(get("clusters", {type: "HL", cell: "1", epoch: "2020"})).toEqual([6]);
    expect(get("cells", {cell: "1", epoch: "2020"})).toEqual([100]);
    expect(get("district-class-area", {district: "B", class: "construction"})).toEqual([30]);
    expect(get("districts")).toEqual([2]);
    expect(get("epochs")).toEqual([2]);
    expect(get("carbon-coefficient", {class: "forest"})).toEqual([-0.644]);
    expect(get("standard-value")).toEqual([2000.5]);
  });
  it("sums by hand: total area per epoch, ESV per class and per service", () => {
    expect(get("total-area", {epoch: "2000"})).toEqual([100]);
    expect(get("esv-class", {class: "forest", epoch: "2020"})).toEqual([3]);
    expect(get("esv-service", {service: "water_supply", epoch: "2020"})).toEqual([2.5]);
  });
  it("takes Moran's z under the study's global null", () => {
    expect(get("moran-z")).toEqual([-7]);
    expect(
      valueCatalogue({...tables, parameters: {...tables.parameters, spatial: {...tables.parameters.spatial, globalNull: "y"}}}).find(
        (v) => v.name === "moran-z"
      )!.value
    ).toBe(-5);
  });
  it("writes each value with its unit", () => {
    expect(formatValue({value: 4109.2099, unit: "e4t"})).toBe("4,109.21\u00a0×10⁴\u00a0t");
    expect(formatValue({value: -268.1, unit: "km2"}, {signed: true})).toBe("−268.10\u00a0km²");
    expect(formatValue({value: 12.5, unit: "quantity", quantityUnit: "10^8 m3"})).toBe("12.50\u00a0×10⁸ m³");
    expect(formatValue({value: 0.0012, unit: "stat"}, {digits: 4, unit: false})).toBe("0.0012");
  });
});

describe("cell sizes", () => {
  it("are values in km, written as the study file gives them", () => {
    const sizes = valueCatalogue({...tables, summary: {...tables.summary, moran: {"0.5": {}, "1.5": {}}}}).filter(
      (v) => v.name === "cell-size"
    );
    expect(sizes.map((v) => formatValue(v))).toEqual(["0.5\u00a0km", "1.5\u00a0km"]);
  });
});
