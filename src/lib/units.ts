// Every unit conversion of the carbon and ESV code, and the spellings of the
// coefficients' units and of the energy table's quantity units. Plain data
// and arithmetic: imported by the formulas (carbon.ts, esv.ts, energy.ts),
// the study schema (params.ts), the pipeline and the pages.
//
// Scaled units (docs/architecture.md, "Scaled units"): a constant that scales
// a base unit is named <BASE>_PER_1E<k> (T_PER_1E4: tonnes in 10⁴ t), its
// conversion to<1e-k unit> (toE4t, toE8yuan); a value or column in a scaled
// unit ends in e<k><unit> (e4t, net_e4t, e8yuan). No other spelling is added.

export const HM2_PER_KM2 = 100;
export const KGCE_PER_TCE = 1000;
/** tonnes in 10⁴ t */
export const T_PER_1E4 = 1e4;
/** yuan in 10⁸ yuan */
export const YUAN_PER_1E8 = 1e8;

export const km2ToHm2 = (km2: number): number => km2 * HM2_PER_KM2;
/** t → 10⁴ t */
export const toE4t = (t: number): number => t / T_PER_1E4;
/** yuan → 10⁸ yuan */
export const toE8yuan = (yuan: number): number => yuan / YUAN_PER_1E8;

/** The units a study's coefficients may be given in: canonical spelling → other accepted spellings (params.ts validates against these). */
export const COEFFICIENT_UNITS = {
  landCarbon: {"t C/hm²/yr": ["t C/hm2/yr"]},
  fuelCoal: {"kgce/kg": [], "kgce/m³": ["kgce/m3"]},
  electricityCoal: {"kgce/kWh": []},
  carbonPerCoal: {"t C/tce": []},
  equivalent: {"yuan/hm²": ["yuan/hm2"]},
  grainYield: {"kg/hm²": ["kg/hm2"]},
  grainPrice: {"yuan/kg": []}
} satisfies Record<string, Record<string, string[]>>;

/** How an energy-table quantity converts to the unit its standard-coal coefficient is per. */
export interface QuantityUnit {
  /** canonical spelling in energy tables */
  label: string;
  /** accepted spellings */
  spellings: string[];
  /** kg, m³ or kWh per table unit */
  perUnit: number;
}

const QUANTITY_UNITS: Record<string, QuantityUnit> = {
  // 10⁴ t of fuel = 10⁷ kg
  "kgce/kg": {label: "10^4 t", spellings: ["10^4 t", "10⁴ t", "1e4 t"], perUnit: 1e7},
  // 10⁸ m³ of natural gas
  "kgce/m³": {label: "10^8 m3", spellings: ["10^8 m3", "10^8 m³", "10⁸ m³", "1e8 m3"], perUnit: 1e8},
  // 10⁸ kWh of electricity
  "kgce/kWh": {label: "10^8 kWh", spellings: ["10^8 kWh", "10⁸ kWh", "1e8 kWh"], perUnit: 1e8}
};

/** The energy-table unit that goes with a (canonical) standard-coal coefficient unit. */
export function quantityUnitFor(standardCoalUnit: string): QuantityUnit {
  const u = QUANTITY_UNITS[standardCoalUnit];
  if (!u) throw new Error(`no energy-table unit for a standard-coal coefficient in ${JSON.stringify(standardCoalUnit)}`);
  return u;
}
