// The study's tables, as Arrow with their meaning in the schema metadata
// (docs/data-tables.md is the contract with the pages). Built from a
// StudyRun on demand: each thin loader in src/data/ asks for one by name.
import {CLASSES} from "../../src/lib/classes.js";
import {CLUSTER_LABELS, COUNTED_LABELS, countColumn} from "../../src/lib/moran.js";
import {toE4t, toE8yuan} from "../../src/lib/units.js";
import {areaBalance} from "../../src/lib/intensity.js";
import {epochColumn, NO_CELL, NO_P, pToCount} from "../../src/lib/grid-wide.js";
import type {Table} from "apache-arrow";
import {tableWithMeta, type TableMeta} from "./arrow.js";
import type {StudyRun} from "./run-study.js";

type Builder = (run: StudyRun) => {columns: Parameters<typeof tableWithMeta>[0]; description: string; units: Record<string, string>};

function periodLabel(a: number, b: number): string {
  return `${a}–${b}`;
}

const BUILDERS: Record<string, Builder> = {
  "landuse-areas": (run) => {
    const epoch: number[] = [],
      cls: string[] = [],
      km2: number[] = [],
      share: number[] = [];
    run.land.areasKm2.forEach((a, e) => {
      const total = a.reduce((s, v) => s + v, 0);
      CLASSES.forEach((c, k) => {
        epoch.push(run.land.epochs[e]);
        cls.push(c);
        km2.push(a[k]);
        share.push(a[k] / total);
      });
    });
    return {
      columns: {epoch, class: cls, km2, share},
      description: "Area of each land-use class in each epoch, inside the study area (pixels whose centre is inside the boundary).",
      units: {km2: "km²", share: "fraction of the study area"}
    };
  },
  transitions: (run) => {
    const period: string[] = [],
      fromEpoch: number[] = [],
      toEpoch: number[] = [],
      from: string[] = [],
      to: string[] = [],
      km2: number[] = [];
    for (const t of run.land.transitions) {
      const [a, b] = [run.land.epochs[t.from], run.land.epochs[t.to]];
      CLASSES.forEach((cf, i) =>
        CLASSES.forEach((ct, j) => {
          period.push(periodLabel(a, b));
          fromEpoch.push(a);
          toEpoch.push(b);
          from.push(cf);
          to.push(ct);
          km2.push(t.km2[i][j]);
        })
      );
    }
    return {
      columns: {period, from_epoch: fromEpoch, to_epoch: toEpoch, from, to, km2},
      description:
        "Land-use transition matrices: area that was class `from` at the start of the period and class `to` at its end (pixels valid in both epochs).",
      units: {km2: "km²"}
    };
  },
  dynamics: (run) => {
    const period: string[] = [],
      fromEpoch: number[] = [],
      toEpoch: number[] = [],
      cls: string[] = [],
      start: (number | null)[] = [],
      end: (number | null)[] = [],
      change: (number | null)[] = [],
      k: (number | null)[] = [];
    run.analysis.dynamics.forEach((d, p) => {
      const t = run.land.transitions[p];
      CLASSES.forEach((c, i) => {
        period.push(periodLabel(d.from, d.to));
        fromEpoch.push(d.from);
        toEpoch.push(d.to);
        cls.push(c);
        start.push(run.land.areasKm2[t.from][i]);
        end.push(run.land.areasKm2[t.to][i]);
        change.push(run.land.areasKm2[t.to][i] - run.land.areasKm2[t.from][i]);
        k.push(d.single[i]);
      });
      period.push(periodLabel(d.from, d.to));
      fromEpoch.push(d.from);
      toEpoch.push(d.to);
      cls.push("all");
      start.push(null);
      end.push(null);
      change.push(null);
      k.push(d.comprehensive);
    });
    return {
      columns: {
        period,
        from_epoch: fromEpoch,
        to_epoch: toEpoch,
        class: cls,
        km2_start: start,
        km2_end: end,
        change_km2: change,
        dynamic_pct_per_year: k
      },
      description:
        "Single land-use dynamic degree K = (U_b − U_a)/U_a × 1/T × 100 % per class, and (class = all) the comprehensive dynamic degree LC = Σ ΔLU_{i−j} / (2 Σ LU_i) × 1/T × 100 %.",
      units: {km2_start: "km²", km2_end: "km²", change_km2: "km²", dynamic_pct_per_year: "% per year"}
    };
  },
  carbon: (run) => {
    const epoch: number[] = [],
      source: string[] = [],
      method: string[] = [],
      t: number[] = [],
      e4t: number[] = [];
    for (const r of run.analysis.epochs) {
      for (const c of CLASSES) {
        if (c === "construction") continue;
        epoch.push(r.epoch);
        source.push(c);
        method.push("direct");
        t.push(r.carbon.byClass[c]);
        e4t.push(toE4t(r.carbon.byClass[c]));
      }
      epoch.push(r.epoch);
      source.push("energy");
      method.push("indirect");
      t.push(r.carbon.indirect);
      e4t.push(toE4t(r.carbon.indirect));
    }
    return {
      columns: {epoch, source, method, t, e4t},
      description:
        "Carbon emissions by source: direct emissions of land-use classes (area × coefficient; negative = sink) and indirect emissions of energy consumption on construction land (Σ fuel × standard-coal coefficient × carbon coefficient). Net = sum of all rows of an epoch.",
      units: {t: "t C per year", e4t: "10⁴ t C per year"}
    };
  },
  energy: (run) => {
    const epoch: number[] = [],
      fuel: string[] = [],
      quantity: number[] = [],
      unit: string[] = [],
      tce: number[] = [],
      t: number[] = [],
      e4t: number[] = [];
    for (const r of run.analysis.epochs)
      for (const f of r.energy) {
        epoch.push(r.epoch);
        fuel.push(f.fuel);
        quantity.push(f.quantity);
        unit.push(f.unit);
        tce.push(f.tce);
        t.push(f.t);
        e4t.push(toE4t(f.t));
      }
    return {
      columns: {epoch, fuel, quantity, unit, tce, t, e4t},
      description: "Energy consumption by fuel (as given in the energy table), its standard-coal equivalent and its carbon emissions.",
      units: {quantity: "see column unit", tce: "t of standard coal", t: "t C per year", e4t: "10⁴ t C per year"}
    };
  },
  esv: (run) => {
    const epoch: number[] = [],
      cls: string[] = [],
      service: string[] = [],
      yuan: number[] = [],
      e8: number[] = [];
    for (const r of run.analysis.epochs)
      for (const c of CLASSES)
        for (const [s, v] of Object.entries(r.esv.byClassService[c])) {
          epoch.push(r.epoch);
          cls.push(c);
          service.push(s);
          yuan.push(v);
          e8.push(toE8yuan(v));
        }
    return {
      columns: {epoch, class: cls, service, yuan, e8yuan: e8},
      description:
        "Ecosystem service value by class and service (equivalent-factor method, Xie et al. 2015): area × Σ weight × factor × E.",
      units: {yuan: "yuan per year", e8yuan: "10⁸ yuan per year"}
    };
  },
  "esv-sensitivity": (run) => {
    const epoch: number[] = [],
      cls: string[] = [],
      up: (number | null)[] = [],
      down: (number | null)[] = [];
    for (const r of run.analysis.epochs)
      for (const c of CLASSES) {
        epoch.push(r.epoch);
        cls.push(c);
        up.push(r.sensitivity.find((s) => s.cls === c && s.change > 0)?.cs ?? null);
        down.push(r.sensitivity.find((s) => s.cls === c && s.change < 0)?.cs ?? null);
      }
    return {
      columns: {epoch, class: cls, cs_up: up, cs_down: down},
      description:
        "Coefficient of sensitivity CS = (ΔESV/ESV)/(ΔVC/VC) of total ESV to each class's value coefficient changed by +50 % (cs_up) and −50 % (cs_down); null where the class has no value.",
      units: {cs_up: "dimensionless", cs_down: "dimensionless"}
    };
  },
  moran: (run) => {
    const cols: Record<string, (number | string)[]> = {};
    const push = (k: string, v: number | string) => (cols[k] ??= []).push(v);
    const sp = run.loaded.params.spatial;
    for (const g of run.analysis.grids)
      for (const e of g.epochs) {
        const m = e.moran;
        push("cell_km", g.cellKm);
        push("epoch", e.epoch);
        push("n", m.n);
        push("excluded", e.leftOut);
        push("neighborless", m.neighborless);
        push("i", m.I);
        push("p_sim", m.p_sim);
        push("z_sim", m.z_sim);
        push("p_sim_pairs", m.p_sim_pairs);
        push("z_sim_pairs", m.z_sim_pairs);
        for (const c of COUNTED_LABELS) push(countColumn(c), m.counts[c]);
        push("alpha", sp.alpha);
        push("correction", sp.correction);
        push("permutations", sp.permutations);
        push("weights", sp.weights);
      }
    return {
      columns: cols as Parameters<typeof tableWithMeta>[0],
      description:
        "Global bivariate Moran's I of carbon emission intensity (x) and ESV intensity (y) on each grid, with permutation inference under two nulls: p_sim/z_sim permute y alone (esda's Moran_BV), p_sim_pairs/z_sim_pairs permute (x, y) pairs together (GeoDa, spdep); and the count of cells of each LISA cluster type.",
      units: {}
    };
  }
};

/**
 * Per-cell rows of every grid (each cell size, each epoch), one table with a
 * `cell_km` column, so that the site serves one file whatever cell sizes a
 * study chooses.
 */
function gridRows(run: StudyRun, full: boolean): ReturnType<Builder> {
  const cols: Record<string, (number | string | null)[]> = {};
  const push = (k: string, v: number | string | null) => (cols[k] ??= []).push(v);
  run.analysis.grids.forEach((g, gi) => {
    const land = run.land.grids[gi];
    g.epochs.forEach((e, ei) => {
      e.cell.forEach((j, i) => {
        push("cell_km", g.cellKm);
        push("epoch", e.epoch);
        push("id", land.ids[j]);
        push("row", land.rows[j]);
        push("col", land.cols[j]);
        push("lon", g.lon[j]);
        push("lat", g.lat[j]);
        if (full) {
          push("inside_share", land.epochs[ei].insideShare[j]);
          CLASSES.forEach((c, k) => push(`km2_${c}`, land.epochs[ei].classKm2[k][j]));
          push("carbon_t", e.carbonT[i]);
        }
        push("carbon_intensity", e.carbonIntensity[i]);
        if (full) push("esv_yuan", e.esvYuan[i]);
        push("esv_intensity", e.esvIntensity[i]);
        push("z_x", e.zx[i]);
        push("lag_z_y", e.lagZy[i]);
        if (full) push("local_i", e.localI[i]);
        push("p", e.p[i]);
        if (full) push("quadrant", e.quadrant[i]);
        push("cluster", e.cluster[i]);
      });
    });
  });
  const columns: Record<string, (number | string | null)[] | Float32Array | Int32Array> = cols;
  const sizes = run.analysis.grids.map((g) => g.cellKm).join(", ");
  return {
    columns: columns as Parameters<typeof tableWithMeta>[0],
    description: full
      ? `Grids of ${sizes} km cells (equal-area fishnet ${run.loaded.params.grid.proj}), one row per cell size, epoch and cell: the area of each class, carbon emission intensity (direct emissions of its classes + the region's energy emissions allocated by its share of construction land, over its area inside the study area) and ESV intensity, and the bivariate LISA of the two (z_x: standardised carbon intensity; lag_z_y: spatial lag of standardised ESV intensity; local_i = z_x · lag_z_y; p: folded pseudo p from conditional permutation; cluster at the study's α, p ≤ α). Cells with less than ${run.loaded.params.grid.minInsideShare} of their area inside the study area are left out.`
      : `The grid columns the maps draw (single precision), for every cell size (${sizes} km) and epoch: cell centre, carbon and ESV intensity, z_x, lag_z_y, pseudo p and LISA cluster. The full table is grid.arrow.`,
    units: {
      cell_km: "km",
      lon: "degrees (WGS84)",
      lat: "degrees (WGS84)",
      ...(full
        ? {
            inside_share: "fraction of the cell",
            ...Object.fromEntries(CLASSES.map((c) => [`km2_${c}`, "km²"])),
            carbon_t: "t C per year",
            esv_yuan: "yuan per year"
          }
        : {}),
      carbon_intensity: "t C per km² per year",
      esv_intensity: "yuan per km² per year"
    }
  };
}
BUILDERS.grid = (run) => gridRows(run, true);

/**
 * The light tables of the story pages (src/lib/grid-wide.ts): one row per cell,
 * one column per epoch, single precision. "map": intensities; "lisa": z_x,
 * lag_z_y, p (as the count k of p = k / (R + 1)) and the cluster code. The
 * default cell size alone, or every cell size ("-all", loaded when a reader
 * picks another size).
 */
function gridWide(run: StudyRun, kind: "map" | "lisa", all: boolean): ReturnType<Builder> {
  const p = run.loaded.params;
  const R = p.spatial.permutations;
  const epochs = p.study.epochs;
  const cellKm: number[] = [],
    id: number[] = [],
    lon: number[] = [],
    lat: number[] = [];
  const perEpoch: Record<string, number[]> = {};
  const push = (k: string, v: number) => (perEpoch[k] ??= []).push(v);
  run.analysis.grids.forEach((g, gi) => {
    if (!all && g.cellKm !== p.grid.defaultCellKm) return;
    const land = run.land.grids[gi];
    // Every cell in the analysis of some epoch, in fishnet order; a cell missing from an epoch gets NaN / NO_CELL there.
    const at = g.epochs.map((e) => new Map(Array.from(e.cell, (j, i) => [j, i])));
    const cells = [...new Set(g.epochs.flatMap((e) => Array.from(e.cell)))].sort((a, b) => a - b);
    for (const j of cells) {
      cellKm.push(g.cellKm);
      id.push(land.ids[j]);
      lon.push(g.lon[j]);
      lat.push(g.lat[j]);
      g.epochs.forEach((e, k) => {
        const i = at[k].get(j);
        if (kind === "map") {
          push(epochColumn("carbon_intensity", k), i === undefined ? NaN : e.carbonIntensity[i]);
          push(epochColumn("esv_intensity", k), i === undefined ? NaN : e.esvIntensity[i]);
        } else {
          push(epochColumn("z_x", k), i === undefined ? NaN : (e.zx[i] ?? NaN));
          push(epochColumn("lag_z_y", k), i === undefined ? NaN : (e.lagZy[i] ?? NaN));
          push(epochColumn("p", k), i === undefined ? NO_P : pToCount(e.p[i], R));
          push(
            epochColumn("cluster", k),
            i === undefined ? NO_CELL : CLUSTER_LABELS.indexOf(e.cluster[i] as (typeof CLUSTER_LABELS)[number])
          );
        }
      });
    }
  });
  const columns: Record<string, Float32Array | Int32Array | Uint8Array | Uint32Array> = {
    cell_km: Float32Array.from(cellKm),
    id: Int32Array.from(id)
  };
  if (kind === "map") Object.assign(columns, {lon: Float32Array.from(lon), lat: Float32Array.from(lat)});
  for (const [k, v] of Object.entries(perEpoch))
    columns[k] = k.startsWith("cluster_") ? Uint8Array.from(v) : k.startsWith("p_") ? Uint32Array.from(v) : Float32Array.from(v);
  const which = all
    ? `every cell size (${run.analysis.grids.map((g) => g.cellKm).join(", ")} km)`
    : `the default cell size (${p.grid.defaultCellKm} km)`;
  const suffix = `one column per epoch, suffix _<i> for the i-th epoch of ${epochs.join(", ")}`;
  return {
    columns: columns as Parameters<typeof tableWithMeta>[0],
    description:
      kind === "map"
        ? `The grid maps' data for ${which}: per cell, its centre and its carbon and ESV intensity, ${suffix} (NaN: the cell is not in that epoch's analysis). Single precision; the full table is grid.arrow.`
        : `The bivariate LISA of ${which}: per cell, z_x, lag_z_y, the pseudo p as the count k of p = k / (${R} + 1) (${NO_P}: none) and the cluster code (${CLUSTER_LABELS.map((c, i) => `${i} ${c}`).join(", ")}; ${NO_CELL}: not in the analysis), ${suffix}. The full table is grid.arrow.`,
    units: {
      cell_km: "km",
      lon: "degrees (WGS84)",
      lat: "degrees (WGS84)",
      ...Object.fromEntries(
        epochs.flatMap((_, k) => [
          [epochColumn("carbon_intensity", k), "t C per km² per year"],
          [epochColumn("esv_intensity", k), "yuan per km² per year"]
        ])
      )
    }
  };
}
BUILDERS["cluster-composition"] = (run) => {
  const cols: Record<string, (number | string)[]> = {};
  const push = (k: string, v: number | string) => (cols[k] ??= []).push(v);
  run.analysis.grids.forEach((g, gi) => {
    const land = run.land.grids[gi];
    g.epochs.forEach((e, ei) => {
      const byType = new Map<string, {cells: number; km2: number[]}>();
      const add = (t: string, j: number) => {
        const b = byType.get(t) ?? {cells: 0, km2: CLASSES.map(() => 0)};
        b.cells++;
        CLASSES.forEach((_, k) => (b.km2[k] += land.epochs[ei].classKm2[k][j]));
        byType.set(t, b);
      };
      e.cell.forEach((j, i) => {
        add(e.cluster[i], j);
        add("all", j);
      });
      for (const t of [...CLUSTER_LABELS, "all"]) {
        const b = byType.get(t);
        if (!b) continue;
        const total = b.km2.reduce((a, v) => a + v, 0);
        CLASSES.forEach((c, k) => {
          push("cell_km", g.cellKm);
          push("epoch", e.epoch);
          push("type", t);
          push("cells", b.cells);
          push("class", c);
          push("km2", b.km2[k]);
          push("share", total > 0 ? b.km2[k] / total : 0);
        });
      }
    });
  });
  return {
    columns: cols as Parameters<typeof tableWithMeta>[0],
    description:
      'Land-use composition of the cells of each LISA cluster type (and of all cells, type "all") per cell size and epoch: the summed area of each class and its share of the cells\' land inside the study area.',
    units: {cell_km: "km", km2: "km²", share: "fraction of the cells' land"}
  };
};
BUILDERS.districts = (run) => {
  const p = run.loaded.params;
  const cols: Record<string, (number | string | null)[]> = {};
  const push = (k: string, v: number | string | null) => (cols[k] ??= []).push(v);
  const construction = CLASSES.indexOf("construction");
  p.study.epochs.forEach((epoch, e) => {
    const indirectT = run.analysis.epochs[e].carbon.indirect;
    const regionConstruction = run.land.areasKm2[e][construction];
    run.zones.zones.forEach((z, i) => {
      const km2 = run.zones.km2[e][i];
      const b = areaBalance(km2, p, indirectT, regionConstruction);
      push("district", z.name);
      push("group", z.group);
      push("epoch", epoch);
      CLASSES.forEach((c, k) => push(`km2_${c}`, km2[k]));
      push("area_km2", b.areaKm2);
      push("net_1e4t", toE4t(b.netT));
      push("esv_1e8yuan", toE8yuan(b.esvYuan));
      push("carbon_intensity", b.areaKm2 > 0 ? b.netT / b.areaKm2 : null);
      push("esv_intensity", b.areaKm2 > 0 ? b.esvYuan / b.areaKm2 : null);
    });
  });
  return {
    columns: cols as Parameters<typeof tableWithMeta>[0],
    description:
      "Each part of the study area (the features of the boundary file: districts, counties) per epoch: the area of each class (pixel centres inside the part, as for the whole), net carbon emissions (direct emissions of its classes + the region's energy emissions allotted by its share of construction land, as for grid cells), ESV, and both per km².",
    units: {
      ...Object.fromEntries(CLASSES.map((c) => [`km2_${c}`, "km²"])),
      area_km2: "km²",
      net_1e4t: "10⁴ t C per year",
      esv_1e8yuan: "10⁸ yuan per year",
      carbon_intensity: "t C per km² per year",
      esv_intensity: "yuan per km² per year"
    }
  };
};
BUILDERS["grid-map"] = (run) => gridWide(run, "map", false);
BUILDERS["grid-map-all"] = (run) => gridWide(run, "map", true);
BUILDERS["grid-lisa"] = (run) => gridWide(run, "lisa", false);
BUILDERS["grid-lisa-all"] = (run) => gridWide(run, "lisa", true);

/** Every table the site serves, by name (data/<name>.arrow). */
export const TABLE_NAMES = Object.keys(BUILDERS);

export function buildTable(run: StudyRun, name: string): Table {
  const b = BUILDERS[name]?.(run);
  if (!b) throw new Error(`unknown table "${name}"; expected one of ${TABLE_NAMES.join(", ")}`);
  const meta: TableMeta = {
    description:
      b.description +
      (run.provenance.reconstruction ? " Land cover and energy data are a calibrated reconstruction, not the study's own data." : ""),
    units: b.units,
    provenance: {...run.provenance, table: name},
    reconstruction: run.provenance.reconstruction
  };
  return tableWithMeta(b.columns, meta);
}

/** The cells of every grid as GeoJSON polygons (WGS84), for download and GIS use. */
export function gridCellsGeoJson(run: StudyRun): object {
  return {
    type: "FeatureCollection",
    features: run.analysis.grids.flatMap((g, gi) => {
      const land = run.land.grids[gi];
      return land.ids.map((id, j) => ({
        type: "Feature",
        properties: {cell_km: g.cellKm, id, row: land.rows[j], col: land.cols[j]},
        geometry: {type: "Polygon", coordinates: [g.rings[j]]}
      }));
    })
  };
}
