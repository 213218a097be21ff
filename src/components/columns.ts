// Labels, units, formats and default colour schemes of the grid table's
// columns (docs/data-tables.md), shared by the maps and their tooltips.
import {CLASSES, classLabel} from "../lib/palette.js";
import {f0, f2, f3, f4, pct} from "./format.js";

export interface ColumnMeta {
  label: string;
  /** short label for tooltips */
  short?: string;
  unit?: string;
  format: (n: number) => string;
  /** Plot colour scheme for a choropleth of this column */
  scheme?: string;
  /** diverging around 0 */
  diverging?: boolean;
}

export const GRID_COLUMNS: Record<string, ColumnMeta> = {
  carbon_intensity: {label: "Carbon emission intensity", short: "Carbon intensity", unit: "t C/km²/yr", format: f2, scheme: "YlOrRd"},
  carbon_t: {label: "Carbon emissions", short: "Carbon", unit: "t C/yr", format: f0, scheme: "YlOrRd"},
  esv_intensity: {label: "ESV intensity", unit: "yuan/km²/yr", format: f0, scheme: "YlGnBu"},
  esv_yuan: {label: "ESV", unit: "yuan/yr", format: f0, scheme: "YlGnBu"},
  z_x: {label: "z (carbon intensity)", short: "z (x)", format: f3, scheme: "PuOr", diverging: true},
  lag_z_y: {label: "Spatial lag of z (ESV intensity)", short: "Lag of z (y)", format: f3, scheme: "PuOr", diverging: true},
  local_i: {label: "Local bivariate Moran's I", short: "Local I", format: f3, scheme: "PuOr", diverging: true},
  p: {label: "Pseudo p-value", short: "Pseudo p", format: f4, scheme: "Blues"},
  cluster: {label: "LISA cluster", short: "Cluster", format: String},
  quadrant: {label: "Moran scatterplot quadrant", short: "Quadrant", format: String},
  inside_share: {
    label: "Share of cell inside the study area",
    short: "Inside study area",
    format: (v: number) => pct(v, 0),
    scheme: "Greys"
  }
};
for (const c of CLASSES) {
  GRID_COLUMNS[`km2_${c}`] = {label: `${classLabel(c)} area`, short: classLabel(c), unit: "km²", format: f3, scheme: "Greens"};
}

export function columnMeta(column: string): ColumnMeta {
  return GRID_COLUMNS[column] ?? {label: column, format: f3, scheme: "Viridis"};
}

/** Tooltip line: short label, value with its unit. */
export function columnTip(column: string): {label: string; format: (n: number) => string} {
  const m = columnMeta(column);
  return {label: m.short ?? m.label, format: m.unit ? (n: number) => `${m.format(n)} ${m.unit}` : m.format};
}

/** "Label (unit)" */
export function columnTitle(column: string): string {
  const m = columnMeta(column);
  return m.unit ? `${m.label} (${m.unit})` : m.label;
}
