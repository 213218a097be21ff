// Consistency checks a reviewer would run first: do the tables add up?
// Each check states its figure (the largest discrepancy) and tolerance.
import {CLASSES} from "../../src/lib/classes.js";
import {margins} from "../../src/lib/landuse.js";
import type {StudyRun} from "./run-study.js";

export interface Check {
  id: string;
  check: string;
  /** largest absolute discrepancy found, in `unit` */
  discrepancy: number;
  unit: string;
  tolerance: number;
  ok: boolean;
}

function check(id: string, text: string, discrepancy: number, unit: string, tolerance: number): Check {
  return {id, check: text, discrepancy, unit, tolerance, ok: discrepancy <= tolerance};
}

export function consistencyChecks(run: StudyRun): Check[] {
  const {land, analysis} = run;
  const total = (a: number[]) => a.reduce((s, v) => s + v, 0);
  const out: Check[] = [];

  // Transition margins against the epoch areas (pixels valid in both epochs: with NoData identical across epochs they agree exactly).
  let d = 0;
  for (const t of land.transitions) {
    const m = margins(t.km2);
    CLASSES.forEach((_, k) => {
      d = Math.max(d, Math.abs(m.from[k] - land.areasKm2[t.from][k]), Math.abs(m.to[k] - land.areasKm2[t.to][k]));
    });
  }
  out.push(check("K1", "Transition matrix row sums equal the start epoch's class areas, column sums the end epoch's", d, "km²", 1e-6));

  const totals = land.areasKm2.map(total);
  out.push(check("K2", "The total area is the same in every epoch", Math.max(...totals) - Math.min(...totals), "km²", 1e-6));

  d = 0;
  for (const g of land.grids)
    g.epochs.forEach((ep, e) =>
      CLASSES.forEach((_, k) => {
        d = Math.max(d, Math.abs(total(ep.classKm2[k]) - land.areasKm2[e][k]));
      })
    );
  out.push(check("K3", "Each grid's cells add up to the region's class areas (every cell size, epoch and class)", d, "km²", 1e-6));

  d = 0;
  let dEsv = 0;
  for (const r of analysis.epochs) {
    const c = r.carbon;
    d = Math.max(
      d,
      Math.abs(c.direct + c.indirect - c.net),
      Math.abs(c.sources + c.sinks - c.net),
      Math.abs(total(Object.values(c.byClass)) - c.net)
    );
    d = Math.max(d, Math.abs(total(Object.values(c.byFuel)) - c.indirect));
    dEsv = Math.max(
      dEsv,
      Math.abs(total(Object.values(r.esv.byClass)) - r.esv.total),
      Math.abs(total(Object.values(r.esv.byService)) - r.esv.total)
    );
  }
  out.push(check("K4", "Carbon: direct + indirect = sources + sinks = Σ classes = net; Σ fuels = indirect", d, "t C", 1e-6));
  out.push(check("K5", "ESV: Σ classes = Σ services = total", dEsv, "yuan", 1e-3));
  return out;
}
