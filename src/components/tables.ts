// Row shapes of the pipeline's tables as the chart factories read them
// (docs/data-tables.md is the contract). Pages may pass Arrow tables, the
// arrays of `table.toArray()` or plain objects: anything iterable whose rows
// have these fields.
import {CLASS_ORDER} from "../lib/palette.js";
import {distinct, ordered} from "./figure.js";

export interface AreaRow {
  epoch: number;
  class: string;
  km2: number;
  share: number;
}

export interface TransitionRow {
  period: string;
  from_epoch: number;
  to_epoch: number;
  from: string;
  to: string;
  km2: number;
}

export interface DynamicsRow {
  period: string;
  from_epoch: number;
  to_epoch: number;
  /** a class, or "all" for the comprehensive dynamic degree */
  class: string;
  km2_start: number;
  km2_end: number;
  change_km2: number;
  dynamic_pct_per_year: number;
}

export interface CarbonRow {
  epoch: number;
  /** a class name (direct emissions) or "energy" (indirect) */
  source: string;
  method: string;
  t: number;
  e4t: number;
}

export interface EnergyRow {
  epoch: number;
  fuel: string;
  quantity: number;
  unit: string;
  tce: number;
  t: number;
  e4t: number;
}

export interface EsvRow {
  epoch: number;
  class: string;
  service: string;
  yuan: number;
  e8yuan: number;
}

export interface SensitivityRow {
  epoch: number;
  class: string;
  cs_up: number;
  cs_down: number;
}

export interface GridRow {
  epoch: number;
  cell_km: number;
  id: number;
  row?: number;
  col?: number;
  lon: number;
  lat: number;
  inside_share?: number;
  km2_cultivated?: number;
  km2_forest?: number;
  km2_grassland?: number;
  km2_water?: number;
  km2_construction?: number;
  km2_unused?: number;
  carbon_t?: number;
  carbon_intensity?: number;
  esv_yuan?: number;
  esv_intensity?: number;
  z_x?: number | null;
  lag_z_y?: number | null;
  local_i?: number | null;
  p?: number | null;
  quadrant?: string | null;
  cluster?: string | null;
  [column: string]: unknown;
}

export interface MoranRow {
  cell_km: number;
  epoch: number;
  n: number;
  excluded?: number;
  neighborless?: number;
  i: number;
  p_sim?: number | null;
  z_sim?: number | null;
  p_sim_pairs?: number | null;
  z_sim_pairs?: number | null;
  hh: number;
  ll: number;
  lh: number;
  hl: number;
  ns: number;
  alpha?: number;
  correction?: string;
  permutations?: number;
  weights?: string;
}

/** The epochs and the classes (in the study's order) of one period's transition rows. */
export function transitionPeriod(rows: readonly TransitionRow[]): {
  fromEpoch: number | undefined;
  toEpoch: number | undefined;
  classes: string[];
} {
  return {
    fromEpoch: rows[0]?.from_epoch,
    toEpoch: rows[0]?.to_epoch,
    classes: ordered(
      distinct(
        rows.flatMap((d) => [d.from, d.to]),
        (d) => d
      ),
      CLASS_ORDER as readonly string[]
    )
  };
}
