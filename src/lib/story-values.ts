// The values a story page can name: every study-level number the site
// publishes (areas, changes, dynamic degrees, carbon by source and fuel, ESV
// by class and service, Moran's I, p, z, cluster counts, sensitivity, the
// parts of the study area, a few parameters), each with its parameters, unit
// and the served table it comes from. Story pages write them inline as
// {{value NAME key=value …}} (data-loaders/site/shortcodes.ts), and the number
// check (src/lib/number-check.ts) matches typed numbers against them. Per-cell
// grid values are left out on purpose: among tens of thousands of them any
// typed number would match by chance. Pure: no DOM, no Node.
import {CLASSES} from "./classes.js";
import {CLUSTER_TYPES} from "./moran.js";
import {numberFormat, trimmed} from "../components/format.js";

/** Units of the vocabulary, with how they are written and what a typed unit must be to match them. */
export const VALUE_UNITS = {
  km2: {suffix: "\u00a0km²", digits: 2, dimension: "area"},
  /** a length written as the study file gives it (cell sizes: 0.5, 1, 1.5 km) */
  km: {suffix: "\u00a0km", digits: 3, dimension: "length"},
  pct: {suffix: "\u00a0%", digits: 2, dimension: "percent"},
  "pct-yr": {suffix: "\u00a0%/yr", digits: 2, dimension: "percent"},
  e4t: {suffix: "\u00a0×10⁴\u00a0t", digits: 2, dimension: "carbon"},
  e8yuan: {suffix: "\u00a0×10⁸\u00a0yuan", digits: 2, dimension: "money"},
  "yuan-hm2": {suffix: "\u00a0yuan/hm²", digits: 2, dimension: "money-per-area"},
  "tc-hm2": {suffix: "\u00a0t\u00a0C/hm²/yr", digits: 3, dimension: "coefficient"},
  count: {suffix: "", digits: 0, dimension: "count"},
  ratio: {suffix: "", digits: 2, dimension: "ratio"},
  stat: {suffix: "", digits: 3, dimension: "statistic"},
  quantity: {suffix: "", digits: 2, dimension: "quantity"}
} as const;
export type ValueUnit = keyof typeof VALUE_UNITS;
export type Dimension = (typeof VALUE_UNITS)[ValueUnit]["dimension"];

/** A parameter of a value, and where its allowed values come from. */
export type ParamName = "class" | "epoch" | "period" | "from" | "to" | "source" | "fuel" | "service" | "cell" | "type" | "district";

export interface ValueKind {
  name: string;
  /** what it is, for the documentation and the Review page */
  describe: string;
  params: readonly ParamName[];
  unit: ValueUnit;
  /** the served file it is read from */
  table: string;
}

/** The vocabulary, in the order the documentation lists it. */
export const VALUE_KINDS: readonly ValueKind[] = [
  {name: "area", describe: "area of a class in an epoch", params: ["class", "epoch"], unit: "km2", table: "landuse-areas"},
  {name: "share", describe: "share of the study area held by a class", params: ["class", "epoch"], unit: "pct", table: "landuse-areas"},
  {name: "total-area", describe: "area with land-cover data", params: ["epoch"], unit: "km2", table: "landuse-areas"},
  {name: "area-change", describe: "change of a class's area over a period", params: ["class", "period"], unit: "km2", table: "dynamics"},
  {
    name: "dynamic-degree",
    describe: "single land-use dynamic degree of a class",
    params: ["class", "period"],
    unit: "pct-yr",
    table: "dynamics"
  },
  {
    name: "comprehensive-dynamic-degree",
    describe: "comprehensive land-use dynamic degree",
    params: ["period"],
    unit: "pct-yr",
    table: "dynamics"
  },
  {
    name: "transition",
    describe: "area that moved from one class to another over a period",
    params: ["from", "to", "period"],
    unit: "km2",
    table: "transitions"
  },
  {name: "net-carbon", describe: "net carbon emissions", params: ["epoch"], unit: "e4t", table: "carbon"},
  {
    name: "direct-carbon",
    describe: "direct emissions of the land (area × coefficient, all classes)",
    params: ["epoch"],
    unit: "e4t",
    table: "carbon"
  },
  {
    name: "indirect-carbon",
    describe: "indirect emissions of energy use on construction land",
    params: ["epoch"],
    unit: "e4t",
    table: "carbon"
  },
  {name: "carbon", describe: "emissions of one source (a class, or energy)", params: ["source", "epoch"], unit: "e4t", table: "carbon"},
  {name: "fuel-carbon", describe: "emissions of one fuel", params: ["fuel", "epoch"], unit: "e4t", table: "energy"},
  {
    name: "fuel-use",
    describe: "consumption of one fuel, in the energy table's unit",
    params: ["fuel", "epoch"],
    unit: "quantity",
    table: "energy"
  },
  {name: "esv", describe: "ecosystem service value", params: ["epoch"], unit: "e8yuan", table: "esv"},
  {name: "esv-class", describe: "ESV of one class", params: ["class", "epoch"], unit: "e8yuan", table: "esv"},
  {name: "esv-service", describe: "ESV of one service", params: ["service", "epoch"], unit: "e8yuan", table: "esv"},
  {
    name: "sensitivity",
    describe: "coefficient of sensitivity of ESV to a class's value coefficient (+50 %)",
    params: ["class", "epoch"],
    unit: "stat",
    table: "esv-sensitivity"
  },
  {
    name: "moran-i",
    describe: "bivariate Moran's I of carbon intensity and neighbouring ESV intensity",
    params: ["cell", "epoch"],
    unit: "stat",
    table: "moran"
  },
  {
    name: "moran-p",
    describe: "pseudo p of Moran's I under the study's global null",
    params: ["cell", "epoch"],
    unit: "stat",
    table: "moran"
  },
  {
    name: "moran-z",
    describe: "z of Moran's I against the permutations of the study's global null",
    params: ["cell", "epoch"],
    unit: "stat",
    table: "moran"
  },
  {
    name: "clusters",
    describe: "cells of one LISA type (HH, LL, LH, HL, NS)",
    params: ["type", "cell", "epoch"],
    unit: "count",
    table: "moran"
  },
  {name: "cells", describe: "grid cells analysed", params: ["cell", "epoch"], unit: "count", table: "moran"},
  {
    name: "district-area",
    describe: "area of a part of the study area (district, county)",
    params: ["district", "epoch"],
    unit: "km2",
    table: "districts"
  },
  {
    name: "district-class-area",
    describe: "area of a class in a part",
    params: ["district", "class", "epoch"],
    unit: "km2",
    table: "districts"
  },
  {name: "district-net-carbon", describe: "net carbon emissions of a part", params: ["district", "epoch"], unit: "e4t", table: "districts"},
  {name: "district-esv", describe: "ESV of a part", params: ["district", "epoch"], unit: "e8yuan", table: "districts"},
  {name: "epochs", describe: "number of epochs", params: [], unit: "count", table: "study"},
  {
    name: "cell-size",
    describe: "a cell size of the grid analysis (default: the default one)",
    params: ["cell"],
    unit: "km",
    table: "study"
  },
  {name: "districts", describe: "number of parts of the study area", params: [], unit: "count", table: "districts"},
  {name: "carbon-coefficient", describe: "direct carbon coefficient of a class", params: ["class"], unit: "tc-hm2", table: "study"},
  {name: "standard-value", describe: "standard equivalent E of the ESV method", params: [], unit: "yuan-hm2", table: "study"},
  {name: "permutations", describe: "permutations of the Moran and LISA tests", params: [], unit: "count", table: "study"},
  {name: "alpha", describe: "significance level of the LISA clusters", params: [], unit: "stat", table: "study"}
];

export const VALUE_NAMES = VALUE_KINDS.map((k) => k.name);

/** One value of the vocabulary, at one set of parameters. */
export interface StoryValue {
  name: string;
  params: Record<string, string>;
  value: number;
  unit: ValueUnit;
  /** the unit's words when unit is "quantity" (the energy table's own unit) */
  quantityUnit?: string;
}

/** The rows of the served tables that the vocabulary reads (as Arrow rows → plain objects). */
export interface ValueTables {
  epochs: number[];
  parameters: {
    grid: {defaultCellKm: number};
    spatial: {permutations: number; alpha: number; globalNull?: string};
    carbon: {landUse: Record<string, {value: number}>};
    standardValue?: number;
  };
  summary: {
    carbon_1e4t: Record<string, {direct: number; indirect: number; net: number}>;
    esv_1e8yuan: Record<string, number>;
    moran: Record<string, Record<string, {I: number; p: number; types: Record<string, number>}>>;
  };
  areas: {epoch: number; class: string; km2: number; share: number}[];
  dynamics: {from_epoch: number; to_epoch: number; class: string; change_km2: number; dynamic_pct_per_year: number}[];
  transitions: {from_epoch: number; to_epoch: number; from: string; to: string; km2: number}[];
  carbon: {epoch: number; source: string; e4t: number}[];
  energy: {epoch: number; fuel: string; quantity: number; unit: string; e4t: number}[];
  esv: {epoch: number; class: string; service: string; e8yuan: number}[];
  sensitivity: {epoch: number; class: string; cs_up: number}[];
  moran: {cell_km: number; epoch: number; n: number; z_sim: number; z_sim_pairs: number}[];
  districts: {district: string; epoch: number; area_km2: number; net_1e4t: number; esv_1e8yuan: number; [k: string]: unknown}[];
}

/** A period as the vocabulary writes it: "2000-2020". */
export const periodKey = (from: number, to: number): string => `${from}-${to}`;

/** Every value of the vocabulary for one study. Deterministic order: the vocabulary's, then the tables'. */
export function valueCatalogue(t: ValueTables): StoryValue[] {
  const out: StoryValue[] = [];
  const add = (name: string, params: Record<string, string | number>, value: number, extra: Partial<StoryValue> = {}) => {
    if (!Number.isFinite(value)) return;
    const kind = VALUE_KINDS.find((k) => k.name === name)!;
    out.push({name, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), value, unit: kind.unit, ...extra});
  };
  const sumBy = <R>(rows: R[], key: (r: R) => string, val: (r: R) => number) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + val(r));
    return m;
  };

  for (const r of t.areas) add("area", {class: r.class, epoch: r.epoch}, r.km2);
  for (const r of t.areas) add("share", {class: r.class, epoch: r.epoch}, r.share * 100);
  for (const [epoch, km2] of sumBy(
    t.areas,
    (r) => String(r.epoch),
    (r) => r.km2
  ))
    add("total-area", {epoch}, km2);
  for (const r of t.dynamics) {
    const period = periodKey(r.from_epoch, r.to_epoch);
    if (r.class === "all") add("comprehensive-dynamic-degree", {period}, r.dynamic_pct_per_year);
    else {
      add("area-change", {class: r.class, period}, r.change_km2);
      add("dynamic-degree", {class: r.class, period}, r.dynamic_pct_per_year);
    }
  }
  for (const r of t.transitions) add("transition", {from: r.from, to: r.to, period: periodKey(r.from_epoch, r.to_epoch)}, r.km2);

  for (const epoch of t.epochs) {
    const c = t.summary.carbon_1e4t[epoch];
    if (!c) continue;
    add("net-carbon", {epoch}, c.net);
    add("direct-carbon", {epoch}, c.direct);
    add("indirect-carbon", {epoch}, c.indirect);
  }
  for (const r of t.carbon) add("carbon", {source: r.source, epoch: r.epoch}, r.e4t);
  for (const r of t.energy) add("fuel-carbon", {fuel: r.fuel, epoch: r.epoch}, r.e4t);
  for (const r of t.energy) add("fuel-use", {fuel: r.fuel, epoch: r.epoch}, r.quantity, {quantityUnit: r.unit});

  for (const epoch of t.epochs) if (t.summary.esv_1e8yuan[epoch] !== undefined) add("esv", {epoch}, t.summary.esv_1e8yuan[epoch]);
  for (const [key, v] of sumBy(
    t.esv,
    (r) => `${r.class}|${r.epoch}`,
    (r) => r.e8yuan
  )) {
    const [cls, epoch] = key.split("|");
    add("esv-class", {class: cls, epoch}, v);
  }
  for (const [key, v] of sumBy(
    t.esv,
    (r) => `${r.service}|${r.epoch}`,
    (r) => r.e8yuan
  )) {
    const [service, epoch] = key.split("|");
    add("esv-service", {service, epoch}, v);
  }
  for (const r of t.sensitivity) add("sensitivity", {class: r.class, epoch: r.epoch}, r.cs_up);

  const pairs = t.parameters.spatial.globalNull !== "y";
  for (const [cell, byEpoch] of Object.entries(t.summary.moran)) {
    for (const [epoch, m] of Object.entries(byEpoch)) {
      add("moran-i", {cell, epoch}, m.I);
      add("moran-p", {cell, epoch}, m.p);
      const row = t.moran.find((r) => String(r.cell_km) === cell && String(r.epoch) === epoch);
      if (row) {
        add("moran-z", {cell, epoch}, pairs ? row.z_sim_pairs : row.z_sim);
        add("cells", {cell, epoch}, row.n);
      }
      for (const type of CLUSTER_TYPES) add("clusters", {type, cell, epoch}, m.types[type] ?? 0);
    }
  }

  for (const r of t.districts) {
    add("district-area", {district: r.district, epoch: r.epoch}, r.area_km2);
    for (const c of CLASSES) add("district-class-area", {district: r.district, class: c, epoch: r.epoch}, Number(r[`km2_${c}`]));
    add("district-net-carbon", {district: r.district, epoch: r.epoch}, r.net_1e4t);
    add("district-esv", {district: r.district, epoch: r.epoch}, r.esv_1e8yuan);
  }

  add("epochs", {}, t.epochs.length);
  for (const cell of Object.keys(t.summary.moran)) add("cell-size", {cell}, Number(cell));
  const parts = new Set(t.districts.map((r) => r.district)).size;
  if (parts > 1) add("districts", {}, parts);
  for (const [cls, coef] of Object.entries(t.parameters.carbon.landUse)) add("carbon-coefficient", {class: cls}, coef.value);
  if (t.parameters.standardValue !== undefined) add("standard-value", {}, t.parameters.standardValue);
  add("permutations", {}, t.parameters.spatial.permutations);
  add("alpha", {}, t.parameters.spatial.alpha);
  return out;
}

/** The values each parameter takes in a catalogue, for error messages and the documentation. */
export function paramDomains(catalogue: readonly StoryValue[]): Record<string, string[]> {
  const domains: Record<string, Set<string>> = {};
  for (const v of catalogue) for (const [k, x] of Object.entries(v.params)) (domains[k] ??= new Set()).add(x);
  return Object.fromEntries(Object.entries(domains).map(([k, s]) => [k, [...s]]));
}

/** Defaults an author may leave out: the study's default cell size, and the whole period. */
export function valueDefaults(epochs: readonly number[], defaultCellKm: number): Record<string, string> {
  return {cell: String(defaultCellKm), period: periodKey(epochs[0], epochs[epochs.length - 1])};
}

/** How a value is written in prose: its number at the unit's digits (or `digits`), with its unit unless `unit` is false. */
export function formatValue(
  v: Pick<StoryValue, "value" | "unit" | "quantityUnit">,
  {digits, unit = true, signed = false}: {digits?: number; unit?: boolean; signed?: boolean} = {}
): string {
  const u = VALUE_UNITS[v.unit];
  // Lengths keep the digits they were given with (0.5, 1, 1.5 km), trailing zeros dropped.
  const n = v.unit === "km" && digits === undefined ? trimmed(u.digits)(v.value) : numberFormat(digits ?? u.digits, {signed})(v.value);
  if (!unit) return n;
  if (v.unit === "quantity") return v.quantityUnit ? `${n}\u00a0${quantityUnitText(v.quantityUnit)}` : n;
  return `${n}${u.suffix}`;
}

/** "area class=construction epoch=2020": how a value is named in a story and in reports. */
export function valueLabel(v: Pick<StoryValue, "name" | "params">): string {
  return [v.name, ...Object.entries(v.params).map(([k, x]) => `${k}=${x}`)].join(" ");
}

/** The energy table's unit as prose writes it: "10^8 m3" → "×10⁸ m³". */
const quantityUnitText = (unit: string): string =>
  unit.replace(/^10\^(\d+)/, (_, d: string) => `×10${[...d].map((c) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(c)]).join("")}`).replace(/m3\b/, "m³");
