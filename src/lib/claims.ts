// The claims ledger: each claim of the study's abstract (C1–C14 of
// shared STUDY.md) beside the value this build computes, with a status.
// Pure: the CLI (`atlas claims`), the Review page and the tests all call it.
//
// Statuses: holds / differs (a number or fact checked against the data);
// calibrated (the reconstruction was built to match it, so agreement is no
// confirmation); pattern-holds / pattern-fails (a spatial pattern measured on
// the grid); inconsistent (the abstract contradicts itself).

export type ClaimStatus = "holds" | "differs" | "calibrated" | "pattern-holds" | "pattern-fails" | "inconsistent";

export interface Claim {
  id: string;
  claim: string;
  reported: number | string;
  computed: number | string | null;
  /** computed − reported, for numeric claims */
  difference: number | null;
  /** relative tolerance for numeric claims */
  tolerance: number | null;
  status: ClaimStatus;
  note: string;
  /** C11 only: the abstract's own arithmetic, for pages to show */
  arithmetic?: EsvArithmetic;
}

/** What the abstract's ESV figures imply about each other (C9, C10, C11). */
export interface EsvArithmetic {
  /** the fall from C9 to C10, % */
  reported_fall_pct: number;
  /** where a fall of C11 % from C9 would end, 10⁸ yuan */
  end_at_stated_fall: number;
}

export function esvArithmetic(first: number, last: number, statedFallPct: number): EsvArithmetic {
  return {reported_fall_pct: pct(first, last), end_at_stated_fall: first * (1 - statedFallPct / 100)};
}

/** The numbers the ledger reads: a subset of `atlas study --json`. */
export interface ClaimsInput {
  epochs: number[];
  change_km2: Record<string, number>;
  carbon_1e4t: Record<string, {net: number}>;
  esv_1e8yuan: Record<string, number>;
  moran: Record<string, Record<string, {I: number; p: number; types: Record<string, number>}>>;
  patterns: Record<
    string,
    Record<
      string,
      {carbon_centre_rho: number; carbon_centre_edge_ratio: number; esv_river_rho: number | null; esv_river_other_ratio: number | null}
    >
  >;
  reconstruction: boolean;
}

export interface ClaimsOptions {
  /** claims the reconstruction was calibrated to (e.g. ["C2", …]); empty for real data */
  calibratedTo: string[];
  /** the grid the pattern claims are judged on, km */
  cellKm: number;
  /** significance level for C13 */
  alpha: number;
  /** relative tolerance for numeric claims (default 0.5 %) */
  tolerance?: number;
}

/** The abstract's claims, as reported (STUDY.md). */
export const REPORTED = {
  epochs: [2000, 2005, 2010, 2015, 2020],
  cultivatedChange: -392.77,
  forestChange: -268.1,
  constructionChange: 661.8,
  net2000: 1099.84,
  net2020: 4109.21,
  esv2000: 392.06,
  esv2020: 292.86,
  esvDecreasePct: 5.34
};

const pct = (from: number, to: number) => ((from - to) / from) * 100;
const r2 = (v: number) => Math.round(v * 100) / 100;

export function claimsLedger(s: ClaimsInput, o: ClaimsOptions): Claim[] {
  const tol = o.tolerance ?? 0.005;
  const first = String(s.epochs[0]),
    last = String(s.epochs[s.epochs.length - 1]);
  const calibrated = new Set(o.calibratedTo);
  const numeric = (id: string, claim: string, reported: number, computed: number, note = ""): Claim => {
    const ok = Math.abs(computed - reported) <= tol * Math.abs(reported);
    const status: ClaimStatus = ok ? (calibrated.has(id) ? "calibrated" : "holds") : "differs";
    const cal = calibrated.has(id)
      ? "The reconstruction was calibrated to this value, so agreement confirms nothing about the study. "
      : "";
    return {id, claim, reported, computed, difference: computed - reported, tolerance: tol, status, note: (cal + note).trim()};
  };
  const grid = s.moran[String(o.cellKm)];
  const pats = s.patterns[String(o.cellKm)];
  if (!grid || !pats) throw new Error(`claims: no results for the ${o.cellKm} km grid`);
  const years = Object.keys(grid);

  const ledger: Claim[] = [];
  const epochsHold = s.epochs.join(",") === REPORTED.epochs.join(",");
  ledger.push({
    id: "C1",
    claim: "epochs",
    reported: REPORTED.epochs.join(", "),
    computed: s.epochs.join(", "),
    difference: null,
    tolerance: null,
    status: epochsHold ? "holds" : "differs",
    note: ""
  });
  ledger.push(numeric("C2", "cultivated land change 2000→2020 (km²)", REPORTED.cultivatedChange, s.change_km2.cultivated));
  ledger.push(numeric("C3", "forest land change 2000→2020 (km²)", REPORTED.forestChange, s.change_km2.forest));
  ledger.push(numeric("C4", "construction land change 2000→2020 (km²)", REPORTED.constructionChange, s.change_km2.construction));
  ledger.push(numeric("C5", "net carbon emissions 2000 (10⁴ t)", REPORTED.net2000, s.carbon_1e4t[first].net));
  ledger.push(numeric("C6", "net carbon emissions 2020 (10⁴ t)", REPORTED.net2020, s.carbon_1e4t[last].net));

  const nets = s.epochs.map((y) => s.carbon_1e4t[String(y)].net);
  const minNet = Math.min(...nets);
  ledger.push({
    id: "C7",
    claim: "net emissions positive in every epoch",
    reported: "yes",
    computed: `smallest net ${r2(minNet)} ×10⁴ t`,
    difference: null,
    tolerance: null,
    status: minNet > 0 ? "holds" : "differs",
    note: s.reconstruction
      ? "Only the first and last epochs were calibrated; the epochs between follow the reconstruction's energy table."
      : ""
  });

  const c8 = years.map((y) => pats[y]);
  const c8ok = c8.every((p) => p.carbon_centre_rho < 0 && p.carbon_centre_edge_ratio > 1);
  ledger.push({
    id: "C8",
    claim: "carbon emission intensity: high centre, low edge",
    reported: "pattern",
    computed: `Spearman ρ with distance from the centre ${r2(Math.max(...c8.map((p) => p.carbon_centre_rho)))} or lower; inner/outer third median ratio ${r2(Math.min(...c8.map((p) => p.carbon_centre_edge_ratio)))} or higher`,
    difference: null,
    tolerance: null,
    status: c8ok ? "pattern-holds" : "pattern-fails",
    note: `Judged on the ${o.cellKm} km grid in every epoch: holds when intensity falls with distance from the study area's centre (ρ < 0) and the innermost third of cells has a higher median than the outermost third.`
  });

  ledger.push(numeric("C9", "ESV 2000 (10⁸ yuan)", REPORTED.esv2000, s.esv_1e8yuan[first]));
  const esvFall = pct(s.esv_1e8yuan[first], s.esv_1e8yuan[last]);
  ledger.push(
    numeric(
      "C10",
      "ESV 2020 (10⁸ yuan)",
      REPORTED.esv2020,
      s.esv_1e8yuan[last],
      `A ${REPORTED.esvDecreasePct} % fall from ${REPORTED.esv2000} (C11) would end at ${r2(esvArithmetic(REPORTED.esv2000, REPORTED.esv2020, REPORTED.esvDecreasePct).end_at_stated_fall)}.`
    )
  );
  const arithmetic = esvArithmetic(REPORTED.esv2000, REPORTED.esv2020, REPORTED.esvDecreasePct);
  ledger.push({
    id: "C11",
    claim: "ESV decrease 2000→2020 (%)",
    reported: REPORTED.esvDecreasePct,
    computed: esvFall,
    difference: esvFall - REPORTED.esvDecreasePct,
    tolerance: tol,
    status: "inconsistent",
    note: `The abstract contradicts itself: ${REPORTED.esv2000} → ${REPORTED.esv2020} (C9 → C10) is a fall of ${r2(arithmetic.reported_fall_pct)} %, not ${REPORTED.esvDecreasePct} %; a ${REPORTED.esvDecreasePct} % fall from ${REPORTED.esv2000} ends near ${r2(arithmetic.end_at_stated_fall)}. This build computes a fall of ${r2(esvFall)} %.`,
    arithmetic
  });

  const c12 = years.map((y) => pats[y]);
  const c12ok = c12.every((p) => p.esv_river_other_ratio !== null && p.esv_river_other_ratio > 1);
  ledger.push({
    id: "C12",
    claim: "ESV intensity high in the Xiangjiang basin, low around it",
    reported: "pattern",
    computed: c12.some((p) => p.esv_river_other_ratio === null)
      ? "no river given in the study file"
      : `river-cell/other median ratio ${r2(Math.min(...c12.map((p) => p.esv_river_other_ratio as number)))} or higher`,
    difference: null,
    tolerance: null,
    status: c12ok ? "pattern-holds" : "pattern-fails",
    note: `Judged on the ${o.cellKm} km grid in every epoch: holds when the cells the river crosses have a higher median ESV intensity than the other cells.`
  });

  const c13 = years.map((y) => grid[y]);
  const c13ok = c13.every((m) => m.I < 0 && m.p <= o.alpha);
  ledger.push({
    id: "C13",
    claim: "bivariate Moran's I (carbon intensity × ESV intensity) significantly negative",
    reported: "negative, significant",
    computed: `I from ${r2(Math.min(...c13.map((m) => m.I)))} to ${r2(Math.max(...c13.map((m) => m.I)))}; largest p ${Math.max(...c13.map((m) => m.p))}`,
    difference: null,
    tolerance: null,
    status: c13ok ? "pattern-holds" : "pattern-fails",
    note: `Every epoch on the ${o.cellKm} km grid, I < 0 with permutation p ≤ ${o.alpha}.`
  });

  const c14ok = c13.every((m) => ["HH", "LL", "LH", "HL"].every((t) => m.types[t] > 0));
  ledger.push({
    id: "C14",
    claim: "all four LISA types present: High-High, Low-Low, Low-High, High-Low",
    reported: "HH, LL, LH, HL",
    computed: years.map((y) => `${y}: ${["HH", "LL", "LH", "HL"].map((t) => `${t} ${grid[y].types[t]}`).join(", ")}`).join("; "),
    difference: null,
    tolerance: null,
    status: c14ok ? "pattern-holds" : "pattern-fails",
    note: `Every epoch on the ${o.cellKm} km grid.`
  });
  return ledger;
}
