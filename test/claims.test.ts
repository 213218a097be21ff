// The claims ledger's rules (issue 7), on the default study's claim specs and
// made-up computed values. The default study's own ledger and consistency
// checks, end to end: claims-default-study.test.ts.
import {describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {claimsLedger, type ClaimsInput} from "../src/lib/claims.js";
import {ClaimsFile} from "../src/lib/claim-spec.js";

// The default study's claims file: the ledger's rules run on its specs.
const specs = ClaimsFile.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, "..", "data-loaders", "studies", "changzhutan", "claims.json"), "utf8"))
).claims;

/** Areas whose first→last changes equal the reported ones (cultivated −392.77, forest −268.1, construction +661.8 km²). */
function areas(change = {cultivated: -392.77, forest: -268.1, construction: 661.8}) {
  const base = {cultivated: 1000, forest: 1000, grassland: 10, water: 50, construction: 200, unused: 1};
  const end = {...base, ...Object.fromEntries(Object.entries(change).map(([k, v]) => [k, base[k as keyof typeof base] + v]))};
  return {base, end};
}

function input(over: Partial<ClaimsInput> & {change?: Record<string, number>} = {}): ClaimsInput {
  const epochs = [2000, 2005, 2010, 2015, 2020];
  const per = <T>(v: T) => Object.fromEntries(epochs.map((y) => [String(y), v]));
  const {base, end} = areas(over.change as never);
  const {change: _change, ...rest} = over;
  void _change;
  return {
    epochs,
    areas_km2: {...per(base), 2020: end},
    carbon_1e4t: {...per({net: 2000}), 2000: {net: 1099.84}, 2020: {net: 4109.21}},
    esv_1e8yuan: {...per(380), 2000: 392.06, 2020: 292.86},
    moran: {"1": per({I: -0.2, p: 0.001, types: {HH: 1, LL: 2, LH: 3, HL: 4}})},
    patterns: {"1": per({carbon_centre_rho: -0.4, carbon_centre_edge_ratio: 3, esv_river_rho: -0.1, esv_river_other_ratio: 2})},
    reconstruction: false,
    ...rest
  };
}

const status = (l: ReturnType<typeof claimsLedger>) => Object.fromEntries(l.map((c) => [c.id, c.status]));

describe("claimsLedger", () => {
  it("says holds for real data that match, and never calibrated", () => {
    const s = status(claimsLedger(specs, input(), {calibratedTo: [], cellKm: 1, alpha: 0.05}));
    expect(s.C2).toBe("holds");
    expect(s.C10).toBe("holds");
    expect(Object.values(s)).not.toContain("calibrated");
  });
  it("marks the claims a reconstruction was calibrated to as calibrated, with a note", () => {
    const l = claimsLedger(specs, input(), {calibratedTo: ["C2", "C9"], cellKm: 1, alpha: 0.05});
    expect(status(l).C2).toBe("calibrated");
    expect(l.find((c) => c.id === "C2")!.note).toMatch(/confirms nothing/);
  });
  it("says differs beyond the 0.5 % tolerance, even for a calibrated claim", () => {
    const s = status(
      claimsLedger(specs, input({change: {cultivated: -380, forest: -268.1, construction: 661.8}}), {
        calibratedTo: ["C2"],
        cellKm: 1,
        alpha: 0.05
      })
    );
    expect(s.C2).toBe("differs");
  });
  it("finds C11 inconsistent with C9 and C10 and shows the arithmetic: 392.06 → 292.86 is a 25.30 % fall", () => {
    const c11 = claimsLedger(specs, input(), {calibratedTo: [], cellKm: 1, alpha: 0.05}).find((c) => c.id === "C11")!;
    expect(c11.status).toBe("inconsistent");
    expect(c11.note).toContain("25.3 %");
    expect(c11.note).toContain("371.12");
    // 392.06 → 292.86: (392.06 − 292.86) / 392.06 = 25.302 %; 392.06 × (1 − 0.0534) = 371.124
    expect(c11.arithmetic?.reported_fall_pct).toBeCloseTo(25.302, 3);
    expect(c11.arithmetic?.end_at_stated_fall).toBeCloseTo(371.124, 3);
  });
  it("judges a stated fall on its own when the study reports no ESV at both ends", () => {
    const alone = specs.filter((c) => c.kind !== "esv");
    const i = input({esv_1e8yuan: {...input().esv_1e8yuan, 2020: 392.06 * (1 - 0.0534)}});
    const c11 = claimsLedger(alone, i, {calibratedTo: [], cellKm: 1, alpha: 0.05}).find((c) => c.id === "C11")!;
    expect(c11.status).toBe("holds");
    expect(c11.computed).toBeCloseTo(5.34, 9);
  });
  it("fails a pattern when one epoch breaks it", () => {
    const i = input();
    i.moran["1"]["2010"] = {I: 0.05, p: 0.2, types: {HH: 1, LL: 2, LH: 3, HL: 0}};
    i.patterns["1"]["2015"] = {carbon_centre_rho: 0.1, carbon_centre_edge_ratio: 0.8, esv_river_rho: 0.2, esv_river_other_ratio: 0.9};
    const s = status(claimsLedger(specs, i, {calibratedTo: [], cellKm: 1, alpha: 0.05}));
    expect([s.C8, s.C12, s.C13, s.C14]).toEqual(["pattern-fails", "pattern-fails", "pattern-fails", "pattern-fails"]);
  });
  it("fails C12 when ESV is higher along the channel but does not fall away from the river", () => {
    const i = input();
    i.patterns["1"]["2010"] = {carbon_centre_rho: -0.4, carbon_centre_edge_ratio: 3, esv_river_rho: 0.28, esv_river_other_ratio: 3};
    expect(status(claimsLedger(specs, i, {calibratedTo: [], cellKm: 1, alpha: 0.05})).C12).toBe("pattern-fails");
    expect(status(claimsLedger(specs, input(), {calibratedTo: [], cellKm: 1, alpha: 0.05})).C12).toBe("pattern-holds");
  });
  it("fails C7 when an epoch's net emissions are negative", () => {
    const i = input();
    i.carbon_1e4t["2005"] = {net: -1};
    expect(status(claimsLedger(specs, i, {calibratedTo: [], cellKm: 1, alpha: 0.05})).C7).toBe("differs");
  });
  it("refuses a claim about an epoch the study does not have, naming it", () => {
    const i = input({epochs: [2001, 2010, 2020]});
    expect(() => claimsLedger(specs, i, {calibratedTo: [], cellKm: 1, alpha: 0.05})).toThrow(/C2 names epoch 2000/);
  });
  it("gives an empty ledger for a study with no claims", () => {
    expect(claimsLedger([], input(), {calibratedTo: [], cellKm: 1, alpha: 0.05})).toEqual([]);
  });
});
