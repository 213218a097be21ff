// The light grid tables the story pages draw from (grid-map*, grid-lisa*):
// one row per cell, one column per epoch (suffix _<epoch index>), single
// precision, so a page fetches a few hundred kB instead of the full long
// table (grid.arrow). The pipeline writes them and the pages read them back
// into the long rows the chart factories take, both through this module: the
// column names and codes have one home. Pure: no Node or DOM imports.
import {CLUSTER_LABELS} from "./moran.js";

/** Column of a variable for the i-th epoch of the study (e.g. carbon_2). */
export const epochColumn = (name: string, i: number): string => `${name}_${i}`;

/** In a cluster column, a cell that is not in that epoch's analysis (too little of it inside the study area). */
export const NO_CELL = 255;
/** In a p column, a cell without a p (neighborless, or not in the analysis). */
export const NO_P = 0xffffffff;

/** p = k / (R + 1) exactly as the pipeline computed it: stored as k, so a page's p equals the published one to the bit. */
export const pToCount = (p: number | null, permutations: number): number =>
  p === null || !Number.isFinite(p) ? NO_P : Math.round(p * (permutations + 1));

/** What a page reads back per cell and epoch; the chart factories' GridRow. */
export interface WideGridRow {
  epoch: number;
  cell_km: number;
  id: number;
  lon: number;
  lat: number;
  carbon_intensity?: number;
  esv_intensity?: number;
  z_x?: number | null;
  lag_z_y?: number | null;
  p?: number | null;
  cluster?: string;
}

/** The column-table shape both Arrow tables and plain objects offer. */
export interface Columns {
  numRows: number;
  getChild(name: string): {get(i: number): unknown} | null;
}

/**
 * Long rows of one epoch (by its index in the study's epochs) from a map table
 * and, optionally, the LISA table of the same cells; cells outside that epoch's
 * analysis are left out.
 */
export function wideGridRows(
  map: Columns,
  epochs: readonly number[],
  epochIndex: number,
  lisa?: Columns | null,
  permutations?: number
): WideGridRow[] {
  const col = (t: Columns, name: string) => {
    const c = t.getChild(name);
    if (!c) throw new Error(`grid table: no column ${name}`);
    return c;
  };
  const [size, id, lon, lat] = ["cell_km", "id", "lon", "lat"].map((n) => col(map, n));
  const carbon = col(map, epochColumn("carbon_intensity", epochIndex));
  const esv = col(map, epochColumn("esv_intensity", epochIndex));
  const L = lisa
    ? {
        id: col(lisa, "id"),
        size: col(lisa, "cell_km"),
        zx: col(lisa, epochColumn("z_x", epochIndex)),
        lag: col(lisa, epochColumn("lag_z_y", epochIndex)),
        p: col(lisa, epochColumn("p", epochIndex)),
        cluster: col(lisa, epochColumn("cluster", epochIndex))
      }
    : null;
  if (L && lisa!.numRows !== map.numRows) throw new Error("grid tables: the LISA table has other cells than the map table");
  if (L && permutations === undefined) throw new Error("grid tables: the permutation count is needed to read p");
  const rows: WideGridRow[] = [];
  for (let i = 0; i < map.numRows; i++) {
    const c = Number(carbon.get(i));
    if (Number.isNaN(c)) continue;
    const r: WideGridRow = {
      epoch: epochs[epochIndex],
      cell_km: Number(size.get(i)),
      id: Number(id.get(i)),
      lon: Number(lon.get(i)),
      lat: Number(lat.get(i)),
      carbon_intensity: c,
      esv_intensity: Number(esv.get(i))
    };
    if (L) {
      if (Number(L.id.get(i)) !== r.id || Number(L.size.get(i)) !== r.cell_km) throw new Error("grid tables: cells out of order");
      const code = Number(L.cluster.get(i));
      const k = Number(L.p.get(i));
      const zx = Number(L.zx.get(i)),
        lag = Number(L.lag.get(i));
      r.z_x = Number.isNaN(zx) ? null : zx;
      r.lag_z_y = Number.isNaN(lag) ? null : lag;
      r.p = k === NO_P ? null : k / (permutations! + 1);
      r.cluster = code === NO_CELL ? undefined : CLUSTER_LABELS[code];
    }
    rows.push(r);
  }
  return rows;
}

/** [min, max] of a variable over every epoch (and, given, one cell size): one colour domain so that colours compare across years. */
export function epochExtent(map: Columns, name: string, epochs: number, cellKm?: number): [number, number] {
  const size = map.getChild("cell_km");
  let lo = Infinity,
    hi = -Infinity;
  for (let k = 0; k < epochs; k++) {
    const c = map.getChild(epochColumn(name, k));
    if (!c) throw new Error(`grid table: no column ${epochColumn(name, k)}`);
    for (let i = 0; i < map.numRows; i++) {
      if (cellKm !== undefined && Number(size?.get(i)) !== cellKm) continue;
      const v = Number(c.get(i));
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}

/** The pseudo p of the cells in one epoch's analysis (NaN where a cell has none), in table order; of one cell size when given. */
export function epochP(lisa: Columns, epochIndex: number, permutations: number, cellKm?: number): Float64Array {
  const size = lisa.getChild("cell_km");
  const p = lisa.getChild(epochColumn("p", epochIndex));
  const cluster = lisa.getChild(epochColumn("cluster", epochIndex));
  if (!p || !cluster) throw new Error(`grid table: no LISA columns for epoch ${epochIndex}`);
  const out: number[] = [];
  for (let i = 0; i < lisa.numRows; i++) {
    if (cellKm !== undefined && Number(size?.get(i)) !== cellKm) continue;
    if (Number(cluster.get(i)) === NO_CELL) continue;
    const k = Number(p.get(i));
    out.push(k === NO_P ? NaN : k / (permutations + 1));
  }
  return Float64Array.from(out);
}

/**
 * Values that many cells share exactly (at least `minShare` of them): in a
 * Moran scatterplot they stand as walls of dots, e.g. cells of a single land
 * cover, which share one carbon intensity.
 */
export function sharedValues(values: readonly (number | null | undefined)[], minShare: number): {value: number; cells: number}[] {
  const counts = new Map<number, number>();
  let n = 0;
  for (const v of values) {
    if (v == null || !Number.isFinite(v)) continue;
    n++;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, c]) => c >= minShare * n && c > 1)
    .map(([value, cells]) => ({value, cells}))
    .sort((a, b) => b.cells - a.cells);
}
