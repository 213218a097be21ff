// Ecosystem service value by the equivalent-factor method: value of a class
// and service = area (hm²) × Σ_rows weight × factor × E, in yuan per year.
// Pure TypeScript; the sensitivity explorer calls these same functions.
import {CLASSES, type LandClass} from "./classes.js";
import {km2ToHm2} from "./units.js";
import {GRAIN_VALUE_DIVISOR} from "./esv-factors.js";
import type {Study} from "./params.js";

/** Standard equivalent value E, yuan/hm²: given, or mean grain yield × price / 7. */
export function standardEquivalentValue(sv: Study["esv"]["standardValue"]): number {
  return sv.method === "direct" ? sv.value.value : (sv.grainYield.value * sv.grainPrice.value) / GRAIN_VALUE_DIVISOR;
}

export interface ValueCoefficients {
  services: string[];
  /** standard equivalent value, yuan/hm² */
  E: number;
  /** yuan/hm²/yr, flat [class * services.length + service], CLASSES order */
  perClassService: Float64Array;
  /** yuan/hm²/yr per class (sum over services) */
  perClass: Float64Array;
}

/**
 * Value coefficients of the six classes. `scale` multiplies a class's
 * coefficients (1.5 = +50 %), for the sensitivity analysis.
 */
export function valueCoefficients(study: Study, scale: Partial<Record<LandClass, number>> = {}): ValueCoefficients {
  const {equivalentFactors: table, classRows} = study.esv;
  const E = standardEquivalentValue(study.esv.standardValue);
  const ns = table.services.length;
  const perClassService = new Float64Array(CLASSES.length * ns);
  const perClass = new Float64Array(CLASSES.length);
  CLASSES.forEach((c, i) => {
    const k = scale[c] ?? 1;
    for (const [row, w] of Object.entries(classRows[c])) {
      const f = table.rows[row];
      for (let s = 0; s < ns; s++) perClassService[i * ns + s] += w * f[s] * E * k;
    }
    for (let s = 0; s < ns; s++) perClass[i] += perClassService[i * ns + s];
  });
  return {services: [...table.services], E, perClassService, perClass};
}

/** Value per class and service, yuan: area (km² → hm²) × coefficient. The one implementation, for regions and cells. */
export function classServiceValues(
  classKm2: ArrayLike<number>,
  vc: ValueCoefficients,
  out: Float64Array = new Float64Array(vc.perClassService.length)
): Float64Array {
  const ns = vc.services.length;
  for (let c = 0; c < CLASSES.length; c++) {
    const hm2 = km2ToHm2(classKm2[c]);
    for (let s = 0; s < ns; s++) out[c * ns + s] = hm2 * vc.perClassService[c * ns + s];
  }
  return out;
}

/** Total ESV, yuan, of class areas (km², CLASSES order). */
export function esvTotal(classKm2: ArrayLike<number>, vc: ValueCoefficients, scratch?: Float64Array): number {
  const values = classServiceValues(classKm2, vc, scratch);
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

export interface EsvSummary {
  /** yuan */
  total: number;
  byClass: Record<LandClass, number>;
  byService: Record<string, number>;
  byClassService: Record<LandClass, Record<string, number>>;
}

export function esvSummary(classKm2: ArrayLike<number>, vc: ValueCoefficients): EsvSummary {
  const values = classServiceValues(classKm2, vc);
  const ns = vc.services.length;
  const byClass = {} as Record<LandClass, number>;
  const byClassService = {} as Record<LandClass, Record<string, number>>;
  const byService: Record<string, number> = Object.fromEntries(vc.services.map((s) => [s, 0]));
  let total = 0;
  CLASSES.forEach((c, i) => {
    byClass[c] = 0;
    byClassService[c] = {};
    vc.services.forEach((s, j) => {
      const v = values[i * ns + j];
      byClassService[c][s] = v;
      byClass[c] += v;
      byService[s] += v;
      total += v;
    });
  });
  return {total, byClass, byService, byClassService};
}

export interface Sensitivity {
  cls: LandClass;
  /** relative change of the class's value coefficients, e.g. +0.5 */
  change: number;
  /** total ESV with the changed coefficient, yuan */
  esv: number;
  /** (ΔESV/ESV) / (ΔVC/VC); null when the class has no value (VC = 0) or ESV = 0 */
  cs: number | null;
}

/** Coefficient of sensitivity of total ESV to each class's value coefficient, for each change (default ±50 %). */
export function sensitivity(classKm2: ArrayLike<number>, study: Study, changes: number[] = [0.5, -0.5]): Sensitivity[] {
  const base = valueCoefficients(study);
  const esv0 = esvTotal(classKm2, base);
  const out: Sensitivity[] = [];
  CLASSES.forEach((cls, i) => {
    for (const change of changes) {
      const esv = esvTotal(classKm2, valueCoefficients(study, {[cls]: 1 + change}));
      const defined = base.perClass[i] !== 0 && esv0 !== 0 && change !== 0;
      out.push({cls, change, esv, cs: defined ? (esv - esv0) / esv0 / change : null});
    }
  });
  return out;
}
