// Step 2 of the study: from land use (step 1), the energy table and the
// parameters to carbon, ESV, sensitivity, dynamic degrees, per-cell
// intensities and bivariate Moran / LISA. Every formula is called from
// src/lib, the same code the pages run.
import proj4 from "proj4";
import {CLASSES} from "../../src/lib/classes.js";
import type {Study} from "../../src/lib/params.js";
import type {EnergyTable} from "../../src/lib/energy.js";
import {carbonBalance, fuelEmission, fuelStandardCoal} from "../../src/lib/carbon.js";
import {esvSummary, sensitivity, valueCoefficients} from "../../src/lib/esv.js";
import {comprehensiveDynamicDegree, singleDynamicDegree} from "../../src/lib/landuse.js";
import {couplingInputs} from "../../src/lib/coupling.js";
import {bivariateMoranParallel} from "../spatial/lisa-parallel.js";
import {CLUSTER_LABELS, QUADRANT_LABELS, standardise} from "../../src/lib/moran.js";
import {measurePatterns, type PatternMeasures} from "../../src/lib/patterns.js";
import {distancesToLines} from "./river-distance.js";
import type {GridComposition} from "../../src/lib/grid.js";
import type {GridStep, LanduseStep} from "./landuse-step.js";

const CONSTRUCTION = CLASSES.indexOf("construction");

export interface EpochResult {
  epoch: number;
  carbon: ReturnType<typeof carbonBalance>;
  energy: {fuel: string; quantity: number; unit: string; tce: number; t: number}[];
  esv: ReturnType<typeof esvSummary>;
  sensitivity: ReturnType<typeof sensitivity>;
}

export interface GridEpochResult {
  epoch: number;
  leftOut: number;
  /** per kept cell (index into the grid step's cells) */
  cell: number[];
  carbonT: number[];
  carbonIntensity: number[];
  esvYuan: number[];
  esvIntensity: number[];
  zx: number[];
  lagZy: number[];
  localI: number[];
  p: (number | null)[];
  quadrant: (string | null)[];
  cluster: string[];
  moran: {
    n: number;
    I: number;
    p_sim: number;
    z_sim: number;
    p_sim_pairs: number;
    z_sim_pairs: number;
    neighborless: number;
    counts: Record<string, number>;
  };
  /** C8: carbon intensity by distance from the study area's centre; C12: ESV intensity on the river's cells against the rest */
  patterns: PatternMeasures;
}

export interface GridResult {
  cellKm: number;
  lon: number[];
  lat: number[];
  /** each cell's square as a WGS84 ring (5 points) */
  rings: number[][][];
  epochs: GridEpochResult[];
}

export interface AnalysisStep {
  epochs: EpochResult[];
  dynamics: {from: number; to: number; years: number; single: (number | null)[]; comprehensive: number}[];
  grids: GridResult[];
}

export interface Geography {
  /** the main river as WGS84 line strings, when the study names one */
  riverLines: number[][][] | null;
}

function composition(g: GridStep, e: number): GridComposition {
  return {
    cellKm: g.cellKm,
    proj: g.proj,
    x0: g.ixMin * g.cellM,
    y0: (g.iyMax + 1) * g.cellM,
    nRows: g.nRows,
    nCols: g.nCols,
    id: Int32Array.from(g.ids),
    row: Int32Array.from(g.rows),
    col: Int32Array.from(g.cols),
    insideShare: Float64Array.from(g.epochs[e].insideShare),
    classKm2: g.epochs[e].classKm2.map((c) => Float64Array.from(c))
  };
}

function energyRows(table: EnergyTable, study: Study, epoch: number): EpochResult["energy"] {
  const e = table.epochs.indexOf(epoch);
  const rows: EpochResult["energy"] = [];
  const {fuels, electricity} = study.carbon.energy;
  const entries = Object.entries(fuels).map(([name, f]) => [name, f.standardCoal, f.carbon] as const);
  if (electricity.treatment === "include") entries.push(["electricity", electricity.standardCoal, electricity.carbon]);
  for (const [fuel, sc, c] of entries) {
    const quantity = table.quantities[fuel][e];
    rows.push({fuel, quantity, unit: table.units[fuel], tce: fuelStandardCoal(quantity, sc), t: fuelEmission(quantity, sc, c)});
  }
  return rows;
}

export async function analysisStep(
  study: Study,
  land: LanduseStep,
  energy: EnergyTable,
  geo: Geography,
  log: (m: string) => void
): Promise<AnalysisStep> {
  const years = study.study.epochs;
  const vc = valueCoefficients(study);
  const epochs = years.map((epoch, i) => ({
    epoch,
    carbon: carbonBalance(epoch, land.areasKm2[i], study, energy),
    energy: energyRows(energy, study, epoch),
    esv: esvSummary(land.areasKm2[i], vc),
    sensitivity: sensitivity(land.areasKm2[i], study)
  }));

  const dynamics = land.transitions.map((t) => {
    const span = years[t.to] - years[t.from];
    return {
      from: years[t.from],
      to: years[t.to],
      years: span,
      single: CLASSES.map((_, k) => {
        const v = singleDynamicDegree(land.areasKm2[t.from][k], land.areasKm2[t.to][k], span);
        return Number.isFinite(v) ? v : null;
      }),
      comprehensive: comprehensiveDynamicDegree(t.km2, span)
    };
  });

  const grids: GridResult[] = [];
  for (const g of land.grids) {
    const fish = proj4(g.proj);
    const project = (lines: number[][][]) => lines.map((l) => l.map((p) => fish.forward(p as [number, number])));
    const riverXY = geo.riverLines && project(geo.riverLines);
    const n = g.ids.length;
    const lon: number[] = [],
      lat: number[] = [],
      rings: number[][][] = [],
      cx: number[] = [],
      cy: number[] = [];
    // A cell's corners are its neighbours' too: each point is projected once (keyed by its exact coordinates).
    const corners = new Map<number, Map<number, number[]>>();
    const corner = (px: number, py: number): number[] => {
      let column = corners.get(px);
      if (!column) corners.set(px, (column = new Map()));
      let ll = column.get(py);
      if (!ll) column.set(py, (ll = fish.inverse([px, py]).map((v) => Math.round(v * 1e6) / 1e6)));
      return ll;
    };
    for (let j = 0; j < n; j++) {
      const x0 = (g.ixMin + g.cols[j]) * g.cellM,
        y1 = (g.iyMax - g.rows[j] + 1) * g.cellM;
      const x = x0 + g.cellM / 2,
        y = y1 - g.cellM / 2;
      cx.push(x);
      cy.push(y);
      const [lo, la] = fish.inverse([x, y]);
      lon.push(lo);
      lat.push(la);
      rings.push(
        [
          [x0, y1],
          [x0 + g.cellM, y1],
          [x0 + g.cellM, y1 - g.cellM],
          [x0, y1 - g.cellM],
          [x0, y1]
        ].map(([px, py]) => corner(px, py))
      );
    }
    // The study area's centre: the mean of the cell centres, weighted by the area inside.
    let sw = 0,
      sx = 0,
      sy = 0;
    for (let j = 0; j < n; j++) {
      const wgt = g.epochs[0].insideShare[j];
      sw += wgt;
      sx += wgt * cx[j];
      sy += wgt * cy[j];
    }
    const centreDistance = cx.map((x, j) => Math.hypot(x - sx / sw, cy[j] - sy / sw));
    const riverDistance = riverXY ? Array.from(distancesToLines(cx, cy, riverXY)) : null;

    const epochResults: GridEpochResult[] = [];
    for (const [e, epoch] of years.entries()) {
      log(`grid ${g.cellKm} km, ${epoch}: intensities and bivariate Moran (${study.spatial.permutations} permutations)`);
      const comp = composition(g, e);
      // Energy emissions are allocated over the region's construction land (the
      // epoch's area, equal to the sum over the fishnet: consistency check K3).
      const {
        intensity: gi,
        kept,
        weights,
        moranOptions
      } = couplingInputs(comp, study, {
        indirectT: epochs[e].carbon.indirect,
        regionConstructionKm2: land.areasKm2[e][CONSTRUCTION],
        vc
      });
      // gridCoupling's Moran, its permutations on every core when the grid is large enough to repay a worker (same bits).
      const m = await bivariateMoranParallel(gi.carbon, gi.esv, weights, moranOptions);
      const counts: Record<string, number> = Object.fromEntries(CLUSTER_LABELS.map((c) => [c, 0]));
      const cluster = Array.from(m.cluster, (c) => CLUSTER_LABELS[c]);
      for (const c of cluster) counts[c]++;
      // z_x, for the Moran scatterplot (z_x against the lag of z_y; I_i = z_x · lag).
      const zx = standardise(gi.carbon, "carbon intensity");
      epochResults.push({
        epoch,
        leftOut: gi.leftOut,
        cell: kept,
        carbonT: Array.from(gi.insideKm2, (a, i) => gi.carbon[i] * a),
        carbonIntensity: Array.from(gi.carbon),
        esvYuan: Array.from(gi.insideKm2, (a, i) => gi.esv[i] * a),
        esvIntensity: Array.from(gi.esv),
        zx: Array.from(zx),
        lagZy: Array.from(m.lag),
        localI: Array.from(m.Ii),
        p: Array.from(m.p, (v) => (Number.isNaN(v) ? null : v)),
        quadrant: Array.from(m.quadrant, (q) => QUADRANT_LABELS[q]),
        cluster,
        moran: {
          n: m.n,
          I: m.I,
          p_sim: m.p_sim,
          z_sim: m.z_sim,
          p_sim_pairs: m.p_sim_pairs,
          z_sim_pairs: m.z_sim_pairs,
          neighborless: m.neighborless,
          counts
        },
        patterns: measurePatterns(
          gi.carbon,
          gi.esv,
          kept.map((j) => centreDistance[j]),
          riverDistance && kept.map((j) => riverDistance[j]),
          g.cellM
        )
      });
    }
    grids.push({cellKm: g.cellKm, lon, lat, rings, epochs: epochResults});
  }
  return {epochs, dynamics, grids};
}
