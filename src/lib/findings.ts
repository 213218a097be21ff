// The Overview's findings, computed from study.json's summary: the headline
// figures and the facts each finding's sentence is built from. Pure, so the
// page is words with holes and these numbers are tested in Node.
import {CLASSES} from "./classes.js";
import {findClaim, type Claim} from "./claims.js";
import type {EpochPattern} from "./patterns.js";

/** The part of study.json the findings read. */
export interface FindingsInput {
  epochs: number[];
  claims: Claim[];
  parameters: {grid: {defaultCellKm: number}; spatial: {permutations: number; alpha: number; weights: string}};
  summary: {
    areas_km2: Record<string, Record<string, number>>;
    change_km2: Record<string, number>;
    carbon_1e4t: Record<string, {direct: number; indirect: number; net: number}>;
    esv_1e8yuan: Record<string, number>;
    moran: Record<string, Record<string, {I: number; p: number; types: Record<string, number>}>>;
    patterns: Record<string, Record<string, Pick<EpochPattern, "carbon_centre_rho" | "carbon_centre_edge_ratio">>>;
  };
}

export interface Findings {
  first: number;
  last: number;
  cellKm: number;
  areaKm2: number;
  change: Record<string, number>;
  /** the class that gained most and the two that lost most, by area */
  gainer: string;
  losers: string[];
  net: {epoch: number; direct: number; indirect: number; net: number}[];
  netFirst: number;
  netLast: number;
  netAllPositive: boolean;
  esv: {epoch: number; e8yuan: number}[];
  esvFirst: number;
  esvLast: number;
  /** fall from first to last, fraction of the first (negative for a rise) */
  esvFall: number;
  moran: {epoch: number; I: number; p: number; types: Record<string, number>}[];
  moranFirst: {I: number; p: number};
  moranLast: {I: number; p: number; types: Record<string, number>};
  /** the smallest p a test with this many permutations can give */
  pFloor: number;
  centre: Pick<EpochPattern, "carbon_centre_rho" | "carbon_centre_edge_ratio">;
  /** reported numbers of the study's claims, when it has them (undefined otherwise) */
  reported: {
    change: Record<string, number | undefined>;
    netFirst?: number;
    netLast?: number;
    esvFirst?: number;
    esvLast?: number;
    esvFallPct?: Claim;
  };
}

export function findings(study: FindingsInput): Findings {
  const S = study.summary;
  const epochs = study.epochs;
  const first = epochs[0],
    last = epochs[epochs.length - 1];
  const cellKm = study.parameters.grid.defaultCellKm;
  const areaKm2 = CLASSES.reduce((s, c) => s + S.areas_km2[String(first)][c], 0);
  const byChange = [...CLASSES].sort((a, b) => S.change_km2[a] - S.change_km2[b]);
  const net = epochs.map((e) => ({epoch: e, ...S.carbon_1e4t[String(e)]}));
  const esv = epochs.map((e) => ({epoch: e, e8yuan: S.esv_1e8yuan[String(e)]}));
  const grid = S.moran[String(cellKm)];
  if (!grid) throw new Error(`findings: no Moran results for the default ${cellKm} km grid`);
  const moran = epochs.map((e) => ({epoch: e, ...grid[String(e)]}));
  const num = (c: Claim | undefined) => (typeof c?.reported === "number" ? c.reported : undefined);
  return {
    first,
    last,
    cellKm,
    areaKm2,
    change: S.change_km2,
    gainer: byChange[byChange.length - 1],
    losers: byChange.slice(0, 2),
    net,
    netFirst: net[0].net,
    netLast: net[net.length - 1].net,
    netAllPositive: net.every((d) => d.net > 0),
    esv,
    esvFirst: esv[0].e8yuan,
    esvLast: esv[esv.length - 1].e8yuan,
    esvFall: (esv[0].e8yuan - esv[esv.length - 1].e8yuan) / esv[0].e8yuan,
    moran,
    moranFirst: moran[0],
    moranLast: moran[moran.length - 1],
    pFloor: 1 / (study.parameters.spatial.permutations + 1),
    centre: S.patterns[String(cellKm)][String(last)],
    reported: {
      change: Object.fromEntries(CLASSES.map((c) => [c, num(findClaim(study.claims, "area-change", {class: c, from: first, to: last}))])),
      netFirst: num(findClaim(study.claims, "net-carbon", {epoch: first})),
      netLast: num(findClaim(study.claims, "net-carbon", {epoch: last})),
      esvFirst: num(findClaim(study.claims, "esv", {epoch: first})),
      esvLast: num(findClaim(study.claims, "esv", {epoch: last})),
      esvFallPct: findClaim(study.claims, "esv-fall-pct", {from: first, to: last})
    }
  };
}
