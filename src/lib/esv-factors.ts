// The equivalent-factor table of Xie Gaodi et al. 2015, the default for the
// ESV method; a study file may replace it (esv.equivalentFactors). Pure data.

/** Rows × services table of dimensionless equivalent factors. */
export interface EquivalentFactorTable {
  source: string;
  /** service keys, in column order */
  services: string[];
  /** row key → one factor per service, in `services` order */
  rows: Record<string, number[]>;
}

/** The 11 services of Xie Gaodi et al. 2015, in the table's column order. */
export const XIE_2015_SERVICES = [
  "food_production",
  "raw_materials",
  "water_supply",
  "gas_regulation",
  "climate_regulation",
  "environmental_purification",
  "hydrological_regulation",
  "soil_conservation",
  "nutrient_cycling",
  "biodiversity",
  "aesthetic_landscape"
] as const;

export const XIE_2015: EquivalentFactorTable = {
  source:
    "Xie Gaodi et al. 2015, Journal of Natural Resources 30(8), equivalent factors per unit area of ecosystem services " +
    "(one standard equivalent = 1/7 of the market value of the mean grain yield per hm²).",
  services: [...XIE_2015_SERVICES],
  rows: {
    dry_land: [0.85, 0.4, 0.02, 0.67, 0.36, 0.1, 0.27, 1.03, 0.12, 0.13, 0.06],
    paddy: [1.36, 0.09, -2.63, 1.11, 0.57, 0.17, 2.72, 0.01, 0.19, 0.21, 0.09],
    broadleaf: [0.29, 0.66, 0.34, 2.17, 6.5, 1.93, 4.74, 2.65, 0.2, 2.41, 1.06],
    mixed_forest: [0.31, 0.71, 0.37, 2.35, 7.03, 1.99, 3.51, 2.86, 0.22, 2.6, 1.14],
    shrub: [0.19, 0.43, 0.22, 1.41, 4.23, 1.28, 3.35, 1.72, 0.13, 1.57, 0.69],
    steppe: [0.1, 0.14, 0.08, 0.51, 1.34, 0.44, 0.98, 0.62, 0.05, 0.56, 0.25],
    shrub_grass: [0.38, 0.56, 0.31, 1.97, 5.21, 1.72, 3.82, 2.4, 0.18, 2.18, 0.96],
    wetland: [0.51, 0.5, 2.59, 1.9, 3.6, 3.6, 24.23, 2.31, 0.18, 7.87, 4.73],
    desert: [0.01, 0.03, 0.02, 0.11, 0.1, 0.31, 0.21, 0.13, 0.01, 0.12, 0.05],
    bare_land: [0, 0, 0, 0.02, 0, 0.1, 0.03, 0.02, 0, 0.02, 0.01],
    water_system: [0.8, 0.23, 8.29, 0.77, 2.29, 5.55, 102.24, 0.93, 0.07, 2.55, 1.89]
  }
};

/** Xie et al. 2015: one standard equivalent is 1/7 of the market value of the mean grain yield per hm². */
export const GRAIN_VALUE_DIVISOR = 7;
