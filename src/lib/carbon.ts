// Land-use carbon emissions: direct (area × coefficient) for cultivated,
// forest, grassland, water and unused land; indirect (energy) for
// construction land. All emissions are in t C (carbon, not CO₂) per year.
// Unit conversions are in units.ts.
import {CLASSES, type LandClass} from "./classes.js";
import {KGCE_PER_TCE, km2ToHm2, quantityUnitFor, toE4t} from "./units.js";
import type {Coefficient, Study} from "./params.js";
import type {EnergyTable} from "./energy.js";

/** Tonnes of CO₂ per tonne of carbon: the ratio of their molar masses, 44/12. */
export const CO2_PER_C = 44 / 12;

// ---- direct emissions --------------------------------------------------

/** Carbon coefficients in CLASSES order, t C/hm²/yr; construction land is 0 (its emissions are indirect). */
export function landUseCoefficients(study: Study): Float64Array {
  const lu = study.carbon.landUse;
  return Float64Array.from(CLASSES, (c) => (c === "construction" ? 0 : lu[c].value));
}

/** Direct emissions per class, t C: area (km² → hm²) × coefficient. The one implementation, for regions and cells. */
export function directEmissions(
  classKm2: ArrayLike<number>,
  coef: ArrayLike<number>,
  out: Float64Array = new Float64Array(CLASSES.length)
): Float64Array {
  for (let c = 0; c < CLASSES.length; c++) out[c] = km2ToHm2(classKm2[c]) * coef[c];
  return out;
}

// ---- indirect emissions ------------------------------------------------

/** t of standard coal from one quantity (in the table unit of its coefficient): quantity × standard-coal coef. */
export function fuelStandardCoal(quantity: number, standardCoal: Coefficient): number {
  return (quantity * quantityUnitFor(standardCoal.unit).perUnit * standardCoal.value) / KGCE_PER_TCE;
}

/** t C from one quantity (in the table unit of its coefficient): quantity × standard-coal coef × carbon coef. */
export function fuelEmission(quantity: number, standardCoal: Coefficient, carbon: Coefficient): number {
  return fuelStandardCoal(quantity, standardCoal) * carbon.value;
}

export interface IndirectEmissions {
  /** t C per fuel (and electricity when included) */
  byFuel: Record<string, number>;
  /** t C */
  total: number;
}

/** Indirect emissions of one epoch from a validated energy table. */
export function indirectEmissions(table: EnergyTable, study: Study, epoch: number): IndirectEmissions {
  const e = table.epochs.indexOf(epoch);
  if (e < 0) throw new Error(`${table.file}: no column for epoch ${epoch}`);
  const {fuels, electricity} = study.carbon.energy;
  const byFuel: Record<string, number> = {};
  let total = 0;
  const add = (name: string, sc: Coefficient, c: Coefficient) => {
    const q = table.quantities[name];
    if (!q) throw new Error(`${table.file}: no row for ${name}`);
    total += byFuel[name] = fuelEmission(q[e], sc, c);
  };
  for (const [name, f] of Object.entries(fuels)) add(name, f.standardCoal, f.carbon);
  if (electricity.treatment === "include") add("electricity", electricity.standardCoal, electricity.carbon);
  return {byFuel, total};
}

// ---- balance -----------------------------------------------------------

export interface CarbonTotals {
  direct: number;
  indirect: number;
  net: number;
  /** sum of positive class emissions (cultivated, construction, …) */
  sources: number;
  /** sum of negative class emissions (a negative number) */
  sinks: number;
}

export interface CarbonBalance extends CarbonTotals {
  epoch: number;
  /** t C per class; construction land = indirect emissions */
  byClass: Record<LandClass, number>;
  /** t C per fuel */
  byFuel: Record<string, number>;
  /** the totals in 10⁴ t C */
  e4t: CarbonTotals;
}

/** Net emissions of one epoch, t C: direct emissions of the class areas (km², CLASSES order) + indirect. */
export function carbonBalance(epoch: number, classKm2: ArrayLike<number>, study: Study, table: EnergyTable): CarbonBalance {
  const dir = directEmissions(classKm2, landUseCoefficients(study));
  const ind = indirectEmissions(table, study, epoch);
  const byClass = {} as Record<LandClass, number>;
  let direct = 0,
    sources = 0,
    sinks = 0;
  CLASSES.forEach((c, i) => {
    direct += dir[i];
    const v = c === "construction" ? dir[i] + ind.total : dir[i];
    byClass[c] = v;
    if (v > 0) sources += v;
    else sinks += v;
  });
  const totals: CarbonTotals = {direct, indirect: ind.total, net: direct + ind.total, sources, sinks};
  const e4t = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, toE4t(v)])) as unknown as CarbonTotals;
  return {epoch, ...totals, byClass, byFuel: ind.byFuel, e4t};
}
