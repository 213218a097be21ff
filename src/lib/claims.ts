// The claims ledger: each claim a study reports (its claims file, beside its
// study file) set beside the value this build computes, with a status. What a
// claim says is data (kind, the epochs and class it is about, the number
// reported); how each kind is measured and judged is code, here, once.
// Pure: the CLI (`atlas claims`), the Review page and the tests all call it.
//
// Statuses: holds / differs (a number or fact checked against the data);
// calibrated (a reconstruction was built to match it, so agreement is no
// confirmation); pattern-holds / pattern-fails (a spatial pattern measured on
// the grid); inconsistent (the reported numbers contradict each other).
import type {ClaimSpec} from "./claim-spec.js";
import {centreHigh, riverHigh, type EpochPattern} from "./patterns.js";

export type {ClaimSpec};
export type ClaimStatus = "holds" | "differs" | "calibrated" | "pattern-holds" | "pattern-fails" | "inconsistent";

export interface Claim {
  id: string;
  kind: ClaimSpec["kind"];
  claim: string;
  reported: number | string;
  computed: number | string | null;
  /** computed − reported, for numeric claims */
  difference: number | null;
  /** relative tolerance for numeric claims */
  tolerance: number | null;
  status: ClaimStatus;
  note: string;
  /** esv-fall-pct claims whose reported numbers contradict each other: the arithmetic, for pages to show */
  arithmetic?: EsvArithmetic;
  /** the spec's own fields (epoch, from, to, class), for pages that look a claim up */
  about: {epoch?: number; from?: number; to?: number; class?: string};
}

/** What a study's reported ESV figures imply about each other. */
export interface EsvArithmetic {
  /** the reported ESV of the first and last epoch, 10⁸ yuan/yr */
  first: number;
  last: number;
  /** the fall from first to last, % */
  reported_fall_pct: number;
  /** where a fall of the stated % from the first would end, 10⁸ yuan/yr */
  end_at_stated_fall: number;
}

export function esvArithmetic(first: number, last: number, statedFallPct: number): EsvArithmetic {
  return {first, last, reported_fall_pct: pct(first, last), end_at_stated_fall: first * (1 - statedFallPct / 100)};
}

/** The numbers the ledger reads: a subset of `atlas study --json`. */
export interface ClaimsInput {
  epochs: number[];
  areas_km2: Record<string, Record<string, number>>;
  carbon_1e4t: Record<string, {net: number}>;
  esv_1e8yuan: Record<string, number>;
  moran: Record<string, Record<string, {I: number; p: number; types: Record<string, number>}>>;
  patterns: Record<string, Record<string, EpochPattern>>;
  reconstruction: boolean;
}

export interface ClaimsOptions {
  /** claims a reconstruction was calibrated to; empty for real data */
  calibratedTo: string[];
  /** the grid the pattern claims are judged on, km */
  cellKm: number;
  /** significance level for moran-negative */
  alpha: number;
  /** relative tolerance for numeric claims (default 0.5 %) */
  tolerance?: number;
}

const pct = (from: number, to: number) => ((from - to) / from) * 100;
const r2 = (v: number) => Math.round(v * 100) / 100;

export function claimsLedger(specs: readonly ClaimSpec[], s: ClaimsInput, o: ClaimsOptions): Claim[] {
  const tol = o.tolerance ?? 0.005;
  const calibrated = new Set(o.calibratedTo);
  const grid = s.moran[String(o.cellKm)];
  const pats = s.patterns[String(o.cellKm)];
  if (!grid || !pats) throw new Error(`claims: no results for the ${o.cellKm} km grid`);
  const years = Object.keys(grid);
  const has = (y: number, what: string) => {
    if (!s.epochs.includes(y)) throw new Error(`claims: ${what} names epoch ${y}, which the study does not have (${s.epochs.join(", ")})`);
    return String(y);
  };
  const esvOf = (y: number) => specs.find((c) => c.kind === "esv" && c.epoch === y) as Extract<ClaimSpec, {kind: "esv"}> | undefined;

  return specs.map((c): Claim => {
    const row = (r: Omit<Claim, "id" | "kind" | "claim" | "about">): Claim => {
      const {id, kind, claim} = c;
      const about = Object.fromEntries(["epoch", "from", "to", "class"].filter((k) => k in c).map((k) => [k, (c as never)[k]]));
      return {id, kind, claim, about, ...r};
    };
    const numeric = (reported: number, computed: number, note = ""): Claim => {
      const ok = Math.abs(computed - reported) <= tol * Math.abs(reported);
      const status: ClaimStatus = ok ? (calibrated.has(c.id) ? "calibrated" : "holds") : "differs";
      const cal = calibrated.has(c.id)
        ? "The reconstruction was calibrated to this value, so agreement confirms nothing about the study. "
        : "";
      return row({reported, computed, difference: computed - reported, tolerance: tol, status, note: (cal + note).trim()});
    };
    const pattern = (ok: boolean, computed: string, note: string): Claim =>
      row({reported: "pattern", computed, difference: null, tolerance: null, status: ok ? "pattern-holds" : "pattern-fails", note});
    switch (c.kind) {
      case "epochs": {
        const same = s.epochs.join(",") === c.reported.join(",");
        return row({
          reported: c.reported.join(", "),
          computed: s.epochs.join(", "),
          difference: null,
          tolerance: null,
          status: same ? "holds" : "differs",
          note: ""
        });
      }
      case "area-change": {
        const k = c.class;
        const v = s.areas_km2[has(c.to, c.id)][k] - s.areas_km2[has(c.from, c.id)][k];
        return numeric(c.reported, v);
      }
      case "net-carbon":
        return numeric(c.reported, s.carbon_1e4t[has(c.epoch, c.id)].net);
      case "esv":
        return numeric(c.reported, s.esv_1e8yuan[has(c.epoch, c.id)]);
      case "net-positive": {
        const minNet = Math.min(...s.epochs.map((y) => s.carbon_1e4t[String(y)].net));
        return row({
          reported: "yes",
          computed: `smallest net ${r2(minNet)} ×10⁴ t C/yr`,
          difference: null,
          tolerance: null,
          status: minNet > 0 ? "holds" : "differs",
          note: ""
        });
      }
      case "esv-fall-pct": {
        const fall = pct(s.esv_1e8yuan[has(c.from, c.id)], s.esv_1e8yuan[has(c.to, c.id)]);
        const a = esvOf(c.from),
          b = esvOf(c.to);
        if (a && b) {
          const arithmetic = esvArithmetic(a.reported, b.reported, c.reported);
          if (Math.abs(arithmetic.reported_fall_pct - c.reported) > tol * Math.abs(c.reported))
            return row({
              reported: c.reported,
              computed: fall,
              difference: fall - c.reported,
              tolerance: tol,
              status: "inconsistent",
              note: `The reported numbers contradict each other: ${a.reported} → ${b.reported} (${a.id} → ${b.id}) is a fall of ${r2(arithmetic.reported_fall_pct)} %, not ${c.reported} %; a ${c.reported} % fall from ${a.reported} ends near ${r2(arithmetic.end_at_stated_fall)}. This build computes a fall of ${r2(fall)} %.`,
              arithmetic
            });
        }
        return numeric(c.reported, fall);
      }
      case "carbon-centre-high": {
        const ps = years.map((y) => pats[y]);
        return pattern(
          ps.every(centreHigh),
          `Spearman ρ with distance from the centre ${r2(Math.max(...ps.map((p) => p.carbon_centre_rho)))} or lower; inner/outer third median ratio ${r2(Math.min(...ps.map((p) => p.carbon_centre_edge_ratio)))} or higher`,
          `Judged on the ${o.cellKm} km grid in every epoch: holds when intensity falls with distance from the study area's centre (ρ < 0) and the innermost third of cells has a higher median than the outermost third.`
        );
      }
      case "esv-river-high": {
        const ps = years.map((y) => pats[y]);
        const none = ps.some((p) => p.esv_river_other_ratio === null || p.esv_river_rho === null);
        return pattern(
          !none && ps.every(riverHigh),
          none
            ? "no river given in the study file"
            : `river-cell/other median ratio ${r2(Math.min(...ps.map((p) => p.esv_river_other_ratio as number)))} or higher; Spearman ρ with distance from the river ${r2(Math.max(...ps.map((p) => p.esv_river_rho as number)))} or lower`,
          `Judged on the ${o.cellKm} km grid in every epoch: holds when the cells the river crosses have a higher median ESV intensity than the other cells and ESV intensity falls with distance from the river (ρ < 0); higher along the channel alone is not a basin pattern.`
        );
      }
      case "moran-negative": {
        const ms = years.map((y) => grid[y]);
        return pattern(
          ms.every((m) => m.I < 0 && m.p <= o.alpha),
          `I from ${r2(Math.min(...ms.map((m) => m.I)))} to ${r2(Math.max(...ms.map((m) => m.I)))}; largest p ${Math.max(...ms.map((m) => m.p))}`,
          `Every epoch on the ${o.cellKm} km grid, I < 0 with permutation p ≤ ${o.alpha}.`
        );
      }
      case "lisa-types": {
        const ok = years.every((y) => c.reported.every((t) => grid[y].types[t] > 0));
        return row({
          reported: c.reported.join(", "),
          computed: years.map((y) => `${y}: ${c.reported.map((t) => `${t} ${grid[y].types[t]}`).join(", ")}`).join("; "),
          difference: null,
          tolerance: null,
          status: ok ? "pattern-holds" : "pattern-fails",
          note: `Every epoch on the ${o.cellKm} km grid.`
        });
      }
    }
  });
}

/** The first claim of a kind (and, optionally, about one epoch or class), for pages that quote a reported number. */
export function findClaim(
  claims: readonly Claim[],
  kind: ClaimSpec["kind"],
  about: {epoch?: number; from?: number; to?: number; class?: string} = {}
): Claim | undefined {
  return claims.find((c) => c.kind === kind && Object.entries(about).every(([k, v]) => (c.about as Record<string, unknown>)[k] === v));
}
