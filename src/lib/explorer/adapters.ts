// The explorer's data: the region's class areas and energy table and a
// grid's per-cell composition, read from the site's Arrow tables (typed
// structurally, so no Arrow import) or from plain rows. Pure TypeScript.
import {CLASSES, type LandClass} from "../classes.js";
import type {EnergyTable} from "../energy.js";
import type {GridComposition} from "../grid.js";
// ------------------------------------------------------------------ data

/** The region's class areas per epoch (landuse-areas.arrow) and the energy table (energy.arrow). */
export interface RegionData {
  epochs: number[];
  /** epoch index → km² per class, CLASSES order */
  areasKm2: number[][];
  energy: EnergyTable;
}

/** One grid (grid-<k>km.arrow): per epoch, the kept cells' composition. */
export interface GridData {
  cellKm: number;
  epochs: {epoch: number; grid: GridComposition}[];
}

/** Rows of landuse-areas.arrow → RegionData.areasKm2 (CLASSES order). */
export function areasFromRows(rows: Iterable<{epoch: number; class: string; km2: number}>, epochs: number[]): number[][] {
  const out = epochs.map(() => new Array<number>(CLASSES.length).fill(NaN));
  for (const r of rows) {
    const e = epochs.indexOf(Number(r.epoch)),
      k = CLASSES.indexOf(r.class as LandClass);
    if (e >= 0 && k >= 0) out[e][k] = Number(r.km2);
  }
  out.forEach((a, e) =>
    a.forEach((v, k) => {
      if (!Number.isFinite(v)) throw new Error(`landuse-areas: no area for ${CLASSES[k]} in ${epochs[e]}`);
    })
  );
  return out;
}

/** Rows of energy.arrow → the EnergyTable the carbon formulas read. */
export function energyFromRows(
  rows: Iterable<{epoch: number; fuel: string; quantity: number; unit: string}>,
  epochs: number[]
): EnergyTable {
  const quantities: Record<string, number[]> = {};
  const units: Record<string, string> = {};
  for (const r of rows) {
    const e = epochs.indexOf(Number(r.epoch));
    if (e < 0) continue;
    (quantities[r.fuel] ??= epochs.map(() => NaN))[e] = Number(r.quantity);
    units[r.fuel] = r.unit;
  }
  return {file: "energy.arrow", epochs: [...epochs], quantities, units, ignored: []};
}

/** Columns of one epoch of a grid table (kept cells) → the GridComposition gridIntensity reads. */
export function compositionFromColumns(
  cellKm: number,
  cols: {
    id: ArrayLike<number>;
    row: ArrayLike<number>;
    col: ArrayLike<number>;
    inside_share: ArrayLike<number>;
    km2: Record<string, ArrayLike<number>>;
  }
): GridComposition {
  const n = cols.id.length;
  let nRows = 0,
    nCols = 0;
  for (let i = 0; i < n; i++) {
    nRows = Math.max(nRows, cols.row[i] + 1);
    nCols = Math.max(nCols, cols.col[i] + 1);
  }
  return {
    cellKm,
    proj: "",
    x0: NaN,
    y0: NaN,
    nRows,
    nCols,
    id: Int32Array.from(cols.id),
    row: Int32Array.from(cols.row),
    col: Int32Array.from(cols.col),
    insideShare: Float64Array.from(cols.inside_share),
    classKm2: CLASSES.map((c) => {
      const a = cols.km2[c];
      if (!a) throw new Error(`grid table: no column km2_${c}`);
      return Float64Array.from(a);
    })
  };
}

// ------------------------------------------------------------------ from Arrow tables

/** What the explorer needs of an Arrow table (apache-arrow's Table has it; typed structurally to keep this file free of imports). */
export interface ColumnTable {
  numRows: number;
  getChild(name: string): {toArray(): ArrayLike<unknown>} | null;
}

function column(t: ColumnTable, name: string, table: string): ArrayLike<unknown> {
  const c = t.getChild(name);
  if (!c) throw new Error(`${table}: no column ${name}`);
  return c.toArray();
}

function numbers(t: ColumnTable, name: string, table: string): Float64Array {
  return Float64Array.from(column(t, name, table) as ArrayLike<number>, Number);
}

/** A grid table (grid-<k>km.arrow, every epoch) → per-epoch compositions of its cells, in table order. */
export function gridDataFromTable(t: ColumnTable, cellKm: number): GridData {
  const name = "grid.arrow";
  const epoch = numbers(t, "epoch", name);
  const size = numbers(t, "cell_km", name);
  const id = numbers(t, "id", name),
    row = numbers(t, "row", name),
    col = numbers(t, "col", name),
    inside = numbers(t, "inside_share", name);
  const km2 = Object.fromEntries(CLASSES.map((c) => [c, numbers(t, `km2_${c}`, name)]));
  const epochs = [...new Set(epoch.filter((_, i) => size[i] === cellKm))].sort((a, b) => a - b);
  if (!epochs.length) throw new Error(`${name}: no rows with cell_km ${cellKm}`);
  return {
    cellKm,
    epochs: epochs.map((y) => {
      const idx: number[] = [];
      for (let i = 0; i < t.numRows; i++) if (epoch[i] === y && size[i] === cellKm) idx.push(i);
      const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
      return {
        epoch: y,
        grid: compositionFromColumns(cellKm, {
          id: pick(id),
          row: pick(row),
          col: pick(col),
          inside_share: pick(inside),
          km2: Object.fromEntries(CLASSES.map((c) => [c, pick(km2[c])]))
        })
      };
    })
  };
}

/** landuse-areas.arrow and energy.arrow → RegionData. */
export function regionDataFromTables(areas: ColumnTable, energy: ColumnTable, epochs: number[]): RegionData {
  const rowsOf = <K extends string>(t: ColumnTable, keys: K[], table: string) => {
    const cols = keys.map((k) => column(t, k, table));
    return Array.from({length: t.numRows}, (_, i) => Object.fromEntries(keys.map((k, j) => [k, cols[j][i]])) as Record<K, never>);
  };
  return {
    epochs: [...epochs],
    areasKm2: areasFromRows(rowsOf(areas, ["epoch", "class", "km2"], "landuse-areas.arrow"), epochs),
    energy: energyFromRows(rowsOf(energy, ["epoch", "fuel", "quantity", "unit"], "energy.arrow"), epochs)
  };
}
