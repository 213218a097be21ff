// Colours, labels and orders shared by the charts, the maps and the display
// rasters (the pipeline paints landcover-<year>.png with CLASS_RGB). Pure
// data: no DOM, no Node; imported by loaders and pages alike.
//
// Colour choices, and why:
// - Land-use classes start from CLCD-like colours (cultivated #f9e39c, forest
//   #2f7d32, grassland #a6c96a, water #3f8fd2, construction #d6453d, unused
//   #bfb5a5). Under simulated colour-vision deficiency (Machado et al. 2009,
//   severity 1) that set had pairs only ΔE*ab ≈ 15–16 apart (forest vs
//   construction for deuteranopes and protanopes, cultivated vs grassland,
//   grassland vs unused for tritanopes). Forest is darkened, grassland made
//   yellower, construction slightly lighter and unused browner, each at most
//   ΔE ≈ 12 from the CLCD-like colour: every pair is now ≥ 22 apart for
//   normal, protan, deutan and tritan vision, and every colour has lightness
//   33–91 so that it shows against the light and the dark theme.
// - LISA clusters keep GeoDa's colours (High-High #FF0000, Low-Low #0000FF,
//   Low-High #a7adf9, High-Low #f4ada8). GeoDa's "not significant" #eeeeee
//   almost vanishes on a white page, so it is #d4d4d4 here (visible on white,
//   not glaring on the dark theme); neighbourless cells keep GeoDa's #999999.
// - The 11 ecosystem services are coloured by service group (provisioning:
//   oranges, regulating: blues, supporting: greens, cultural: purple) with
//   lightness steps within a group, so that groups read for every reader and
//   single services are told apart by lightness, legend order and tooltip.
import {CLASSES, CLASS_LABELS, type LandClass} from "./classes.js";
import {XIE_2015_SERVICES} from "./esv-factors.js";
import {LISA_ORDER, type ClusterLabel} from "./moran.js";

export {CLASSES, CLASS_LABELS};
export type {LandClass};

/** Land-use classes in display order (legend, stacks, table rows). */
export const CLASS_ORDER: readonly LandClass[] = CLASSES;

export const CLASS_COLORS: Record<LandClass, string> = {
  cultivated: "#f9e39c",
  forest: "#0f611c",
  grassland: "#99c14a",
  water: "#3f8fd2",
  construction: "#d84d4e",
  unused: "#b59d93"
};

/** [r, g, b] per class in CLASSES order: the palette of the display rasters. */
export const CLASS_RGB: [number, number, number][] = CLASSES.map((c) => hexToRgb(CLASS_COLORS[c]));

export function classLabel(c: string): string {
  return (CLASS_LABELS as Record<string, string>)[c] ?? c;
}

// ------------------------------------------------------------------ LISA

/** Cluster codes in legend order: declared with the LISA codes in moran.ts. */
export {LISA_ORDER};

export const LISA_COLORS: Record<ClusterLabel, string> = {
  HH: "#ff0000",
  LL: "#0000ff",
  LH: "#a7adf9",
  HL: "#f4ada8",
  NS: "#d4d4d4",
  neighborless: "#999999"
};

export const LISA_LABELS: Record<ClusterLabel, string> = {
  HH: "High-High",
  LL: "Low-Low",
  LH: "Low-High",
  HL: "High-Low",
  NS: "Not significant",
  neighborless: "Neighborless"
};

export function lisaLabel(c: string): string {
  return (LISA_LABELS as Record<string, string>)[c] ?? c;
}

// ------------------------------------------------------------- services

/** The 11 services of Xie Gaodi et al. 2015, in the table's column order. */
export const SERVICES = XIE_2015_SERVICES;
export type Service = (typeof SERVICES)[number];

export const SERVICE_LABELS: Record<Service, string> = {
  food_production: "Food production",
  raw_materials: "Raw materials",
  water_supply: "Water supply",
  gas_regulation: "Gas regulation",
  climate_regulation: "Climate regulation",
  environmental_purification: "Environmental purification",
  hydrological_regulation: "Hydrological regulation",
  soil_conservation: "Soil conservation",
  nutrient_cycling: "Nutrient cycling",
  biodiversity: "Biodiversity",
  aesthetic_landscape: "Aesthetic landscape"
};

export const SERVICE_COLORS: Record<Service, string> = {
  food_production: "#fdae6b",
  raw_materials: "#e6550d",
  water_supply: "#a63603",
  gas_regulation: "#9ecae1",
  climate_regulation: "#6baed6",
  environmental_purification: "#3182bd",
  hydrological_regulation: "#08519c",
  soil_conservation: "#a1d99b",
  nutrient_cycling: "#41ab5d",
  biodiversity: "#006d2c",
  aesthetic_landscape: "#8073ac"
};

export function serviceLabel(s: string): string {
  return (SERVICE_LABELS as Record<string, string>)[s] ?? s;
}

// ---------------------------------------------------------------- fuels

/** Fuels of the indirect (energy) method, in display order; keys as in the study file. */
export const FUELS = ["raw_coal", "coke", "crude_oil", "gasoline", "kerosene", "diesel", "fuel_oil", "natural_gas", "electricity"] as const;
export type Fuel = (typeof FUELS)[number];

export const FUEL_LABELS: Record<Fuel, string> = {
  raw_coal: "Raw coal",
  coke: "Coke",
  crude_oil: "Crude oil",
  gasoline: "Gasoline",
  kerosene: "Kerosene",
  diesel: "Diesel",
  fuel_oil: "Fuel oil",
  natural_gas: "Natural gas",
  electricity: "Electricity"
};

/** Plot's "observable10" categorical colours (made for light and dark backgrounds), one per fuel. */
export const FUEL_COLORS: Record<Fuel, string> = {
  raw_coal: "#9c6b4e",
  coke: "#9498a0",
  crude_oil: "#4269d0",
  gasoline: "#efb118",
  kerosene: "#6cc5b0",
  diesel: "#ff725c",
  fuel_oil: "#a463f2",
  natural_gas: "#97bbf5",
  electricity: "#3ca951"
};

export function fuelLabel(f: string): string {
  return (FUEL_LABELS as Record<string, string>)[f] ?? f.replace(/_/g, " ");
}

// ---------------------------------------------------------- carbon sources

/** Sources of the carbon table: the direct classes and `energy` (indirect, construction land). */
export const CARBON_SOURCE_ORDER = [...CLASSES, "energy"] as const;
export type CarbonSource = (typeof CARBON_SOURCE_ORDER)[number];

export const CARBON_SOURCE_COLORS: Record<CarbonSource, string> = {
  ...CLASS_COLORS,
  energy: "#5e3c99"
};

export const CARBON_SOURCE_LABELS: Record<CarbonSource, string> = {
  ...CLASS_LABELS,
  energy: "Energy use (indirect)"
};

export function carbonSourceLabel(s: string): string {
  return (CARBON_SOURCE_LABELS as Record<string, string>)[s] ?? s;
}

// ---------------------------------------------------------------- epochs

/** Viridis from 0.15 to 0.85: dark enough on white and light enough on the dark theme. */
const EPOCH_RAMP = ["#463480", "#3b528b", "#2f6c8e", "#25848e", "#1e9c89", "#2fb47c", "#5cc863", "#9bd93c"];

/** n colours for n ordered epochs (oldest darkest), from EPOCH_RAMP. */
export function epochColors(n: number): string[] {
  if (n <= 0) return [];
  if (n === 1) return [EPOCH_RAMP[3]];
  return Array.from({length: n}, (_, i) => EPOCH_RAMP[Math.round((i * (EPOCH_RAMP.length - 1)) / (n - 1))]);
}

// --------------------------------------------------------------- helpers

export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`palette: not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/** Domain and range of an ordinal colour scale over `keys` (unknown keys get a neutral grey). */
export function ordinalColors<K extends string>(keys: readonly string[], colors: Partial<Record<K, string>>, fallback = "#888888") {
  return {domain: [...keys], range: keys.map((k) => (colors as Record<string, string>)[k] ?? fallback)};
}
