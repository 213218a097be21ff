// The study's headline numbers, as `atlas study --json` prints them and the
// claims ledger reads them.
import {CLASSES} from "../../src/lib/classes.js";
import {toE8yuan} from "../../src/lib/units.js";
import {publishedPattern, type EpochPattern} from "../../src/lib/patterns.js";
import type {StudyRun} from "./run-study.js";

export interface StudySummary {
  epochs: number[];
  areas_km2: Record<string, Record<string, number>>;
  change_km2: Record<string, number>;
  carbon_1e4t: Record<string, {direct: number; indirect: number; net: number}>;
  esv_1e8yuan: Record<string, number>;
  moran: Record<string, Record<string, {I: number; p: number; p_sim: number; p_sim_pairs: number; types: Record<string, number>}>>;
  /** per cell size and epoch */
  patterns: Record<string, Record<string, EpochPattern>>;
  global_null: string;
  reconstruction: boolean;
}

export function studySummary(run: StudyRun): StudySummary {
  const {epochs} = run.loaded.params.study;
  const first = 0,
    last = epochs.length - 1;
  const nullModel = run.loaded.params.spatial.globalNull;
  const perEpoch = <T>(f: (e: number) => T) => Object.fromEntries(epochs.map((y, e) => [String(y), f(e)]));
  return {
    epochs,
    areas_km2: perEpoch((e) => Object.fromEntries(CLASSES.map((c, k) => [c, run.land.areasKm2[e][k]]))),
    change_km2: Object.fromEntries(CLASSES.map((c, k) => [c, run.land.areasKm2[last][k] - run.land.areasKm2[first][k]])),
    carbon_1e4t: perEpoch((e) => {
      const t = run.analysis.epochs[e].carbon.e4t;
      return {direct: t.direct, indirect: t.indirect, net: t.net};
    }),
    esv_1e8yuan: perEpoch((e) => toE8yuan(run.analysis.epochs[e].esv.total)),
    moran: Object.fromEntries(
      run.analysis.grids.map((g) => [
        String(g.cellKm),
        perEpoch((e) => {
          const m = g.epochs[e].moran;
          return {
            I: m.I,
            p: nullModel === "pairs" ? m.p_sim_pairs : m.p_sim,
            p_sim: m.p_sim,
            p_sim_pairs: m.p_sim_pairs,
            types: {HH: m.counts.HH, LL: m.counts.LL, LH: m.counts.LH, HL: m.counts.HL, NS: m.counts.NS}
          };
        })
      ])
    ),
    patterns: Object.fromEntries(
      run.analysis.grids.map((g) => [String(g.cellKm), perEpoch((e) => publishedPattern(g.epochs[e].patterns))])
    ),
    global_null: nullModel === "pairs" ? "pairs: (x, y) permuted together, as GeoDa and spdep" : "y: z_y permuted alone, as esda",
    reconstruction: run.provenance.reconstruction
  };
}
