// Every field of the claims ledger's rows, worked out by hand on a two-epoch
// study (src/lib/claims.ts): the computed values, the differences, the notes
// the Review page shows and each rule's boundary. claims.test.ts runs the rules
// on the default study's specs.
import {describe, expect, it} from "vitest";
import {claimsLedger, findClaim, type ClaimSpec, type ClaimsInput} from "../src/lib/claims.js";

const classes = (cultivated: number) => ({cultivated, forest: 10, grassland: 1, water: 2, construction: 5, unused: 0});

/** Two epochs on a 2 km grid. Numbers are powers of two where a boundary is tested, so that each product is exact. */
function input(): ClaimsInput {
  return {
    epochs: [2000, 2020],
    areas_km2: {2000: classes(100), 2020: classes(90)},
    carbon_1e4t: {2000: {net: 1.234}, 2020: {net: 5}},
    esv_1e8yuan: {2000: 8, 2020: 6},
    moran: {
      "2": {
        2000: {I: -0.3, p: 0.05, types: {HH: 1, LL: 2, LH: 0, HL: 4}},
        2020: {I: -0.1, p: 0.01, types: {HH: 3, LL: 4, LH: 5, HL: 6}}
      }
    },
    patterns: {
      "2": {
        2000: {carbon_centre_rho: -0.5, carbon_centre_edge_ratio: 3, esv_river_rho: -0.25, esv_river_other_ratio: 1.5},
        2020: {carbon_centre_rho: -0.25, carbon_centre_edge_ratio: 2, esv_river_rho: -0.126, esv_river_other_ratio: 4}
      }
    },
    reconstruction: false
  };
}

const options = {calibratedTo: [] as string[], cellKm: 2, alpha: 0.05};
const one = (spec: ClaimSpec, i = input(), o: Partial<typeof options> & {tolerance?: number} = {}) => {
  const rows = claimsLedger([spec], i, {...options, ...o});
  expect(rows.length).toBe(1);
  return rows[0];
};
const base = {claim: "a claim"};

describe("numeric claims", () => {
  it("area change: last minus first epoch of the class, with the difference and tolerance", () => {
    // cultivated 100 → 90 km²: −10, reported −10
    // strict: no key of another kind's (epoch) in `about`, even undefined
    expect(one({...base, id: "A", kind: "area-change", class: "cultivated", from: 2000, to: 2020, reported: -10})).toStrictEqual({
      id: "A",
      kind: "area-change",
      claim: "a claim",
      about: {class: "cultivated", from: 2000, to: 2020},
      reported: -10,
      computed: -10,
      difference: 0,
      tolerance: 0.005,
      status: "holds",
      note: ""
    });
  });

  it("holds up to the tolerance itself (≤), and differs beyond it", () => {
    // tolerance 0.25 of |8| = 2: the ESV of 2020 is 6, so 8 is exactly at the edge, 8.5 beyond it
    const esv = (reported: number) => one({...base, id: "E", kind: "esv", epoch: 2020, reported}, input(), {tolerance: 0.25});
    expect(esv(8)).toMatchObject({status: "holds", computed: 6, difference: -2, tolerance: 0.25});
    expect(esv(8.5)).toMatchObject({status: "differs", difference: -2.5});
    // a negative reported number: the tolerance is of its absolute value (−8 ± 2 does not reach 6)
    expect(esv(-8).status).toBe("differs");
  });

  it("a calibrated claim that matches says so in its note; one that differs is not called calibrated", () => {
    const spec: ClaimSpec = {...base, id: "N", kind: "net-carbon", epoch: 2020, reported: 5};
    expect(one(spec, input(), {calibratedTo: ["N"]})).toMatchObject({
      status: "calibrated",
      computed: 5,
      note: "The reconstruction was calibrated to this value, so agreement confirms nothing about the study."
    });
    expect(one({...spec, reported: 7}, input(), {calibratedTo: ["N"]}).status).toBe("differs");
    expect(one(spec).about).toStrictEqual({epoch: 2020});
    expect(one(spec).note).toBe("");
  });

  it("a stated ESV fall judged alone: (first − last) / first in %", () => {
    // 8 → 6 is a fall of 25 %
    const c = one({...base, id: "F", kind: "esv-fall-pct", from: 2000, to: 2020, reported: 25});
    expect(c).toMatchObject({status: "holds", computed: 25, difference: 0});
    expect(c.about).toStrictEqual({from: 2000, to: 2020});
    expect(c.arithmetic).toBeUndefined();
  });

  it("a stated fall that the study's own ESV figures contradict is inconsistent, with the arithmetic", () => {
    // reported ESV 10 → 7.5 is a fall of 25 %, not the stated 20 %; a 20 % fall from 10 ends at 8.
    // This build computes 8 → 6, also 25 %.
    const fall = (reported: number): ClaimSpec => ({...base, id: "F", kind: "esv-fall-pct", from: 2000, to: 2020, reported});
    const specs: ClaimSpec[] = [
      {...base, id: "E0", kind: "esv", epoch: 2000, reported: 10},
      {...base, id: "E1", kind: "esv", epoch: 2020, reported: 7.5},
      fall(20)
    ];
    const f = claimsLedger(specs, input(), options)[2];
    expect(f).toMatchObject({status: "inconsistent", reported: 20, computed: 25, difference: 5, tolerance: 0.005});
    expect(f.arithmetic).toEqual({first: 10, last: 7.5, reported_fall_pct: 25, end_at_stated_fall: 8});
    expect(f.note).toBe(
      "The reported numbers contradict each other: 10 → 7.5 (E0 → E1) is a fall of 25 %, not 20 %; a 20 % fall from 10 ends near 8. This build computes a fall of 25 %."
    );
    // stated 25 %: consistent with 10 → 7.5, so judged as a number (and it holds)
    const g = claimsLedger([specs[0], specs[1], fall(25)], input(), options)[2];
    expect(g).toMatchObject({status: "holds", computed: 25});
    expect(g.arithmetic).toBeUndefined();
    // at the tolerance's edge (0.25 of 20 = 5 = 25 − 20) the reported numbers still agree: judged as a number
    expect(claimsLedger(specs, input(), {...options, tolerance: 0.25})[2]).toMatchObject({status: "holds", difference: 5});
    // only one end reported: judged alone
    expect(claimsLedger([specs[0], specs[2]], input(), options)[1].status).toBe("differs");
  });
});

describe("facts and patterns", () => {
  it("epochs: the lists, comma-separated", () => {
    const c = one({...base, id: "P", kind: "epochs", reported: [2000, 2020]});
    expect(c).toMatchObject({reported: "2000, 2020", computed: "2000, 2020", status: "holds", difference: null, tolerance: null, note: ""});
    expect(c.about).toStrictEqual({});
    expect(one({...base, id: "P", kind: "epochs", reported: [2000, 2010]}).status).toBe("differs");
  });

  it("net positive: the smallest net, rounded to 2 decimals; zero is not positive", () => {
    const c = one({...base, id: "Q", kind: "net-positive"});
    expect(c).toMatchObject({reported: "yes", computed: "smallest net 1.23 ×10⁴ t C/yr", status: "holds", note: ""});
    const i = input();
    i.carbon_1e4t["2000"] = {net: 0};
    expect(one({...base, id: "Q", kind: "net-positive"}, i).status).toBe("differs");
  });

  it("carbon high in the centre: the weakest epoch's ρ and ratio, in every epoch", () => {
    const c = one({...base, id: "C", kind: "carbon-centre-high"});
    expect(c).toMatchObject({
      reported: "pattern",
      status: "pattern-holds",
      difference: null,
      tolerance: null,
      computed: "Spearman ρ with distance from the centre -0.25 or lower; inner/outer third median ratio 2 or higher"
    });
    expect(c.note).toMatch(/^Judged on the 2 km grid in every epoch: /);
  });

  it("ESV high along the river: the weakest epoch's ratio and ρ; no river, no pattern", () => {
    const c = one({...base, id: "R", kind: "esv-river-high"});
    expect(c).toMatchObject({
      status: "pattern-holds",
      computed: "river-cell/other median ratio 1.5 or higher; Spearman ρ with distance from the river -0.13 or lower"
    });
    expect(c.note).toMatch(/^Judged on the 2 km grid in every epoch: /);
    for (const key of ["esv_river_rho", "esv_river_other_ratio"] as const) {
      const i = input();
      i.patterns["2"]["2020"][key] = null;
      expect(one({...base, id: "R", kind: "esv-river-high"}, i)).toMatchObject({
        status: "pattern-fails",
        computed: "no river given in the study file"
      });
    }
  });

  it("Moran negative: I < 0 and p ≤ α in every epoch (p = α counts), with the range of I and the largest p", () => {
    const c = one({...base, id: "M", kind: "moran-negative"});
    expect(c).toMatchObject({
      status: "pattern-holds",
      computed: "I from -0.3 to -0.1; largest p 0.05",
      note: "Every epoch on the 2 km grid, I < 0 with permutation p ≤ 0.05."
    });
    const i = input();
    i.moran["2"]["2020"].I = 0;
    expect(one({...base, id: "M", kind: "moran-negative"}, i).status).toBe("pattern-fails");
    expect(one({...base, id: "M", kind: "moran-negative"}, input(), {alpha: 0.04}).status).toBe("pattern-fails");
  });

  it("LISA types: each reported type has a cell in every epoch", () => {
    const c = one({...base, id: "L", kind: "lisa-types", reported: ["HH", "HL"]});
    expect(c).toMatchObject({
      reported: "HH, HL",
      computed: "2000: HH 1, HL 4; 2020: HH 3, HL 6",
      status: "pattern-holds",
      difference: null,
      tolerance: null,
      note: "Every epoch on the 2 km grid."
    });
    // 2000 has no Low-High cell
    expect(one({...base, id: "L", kind: "lisa-types", reported: ["HH", "LH"]}).status).toBe("pattern-fails");
  });

  it("refuses a grid without results, naming it", () => {
    expect(() => claimsLedger([], input(), {...options, cellKm: 3})).toThrow("claims: no results for the 3 km grid");
    const i = input();
    delete (i.patterns as Record<string, unknown>)["2"];
    expect(() => claimsLedger([], i, options)).toThrow("claims: no results for the 2 km grid");
  });

  it("names the claim, the epoch and the study's epochs when a claim's epoch is missing", () => {
    expect(() => one({...base, id: "N", kind: "net-carbon", epoch: 2010, reported: 1})).toThrow(
      "claims: N names epoch 2010, which the study does not have (2000, 2020)"
    );
  });
});

describe("findClaim", () => {
  const rows = claimsLedger(
    [
      {...base, id: "A", kind: "area-change", class: "cultivated", from: 2000, to: 2020, reported: -10},
      {...base, id: "B", kind: "area-change", class: "forest", from: 2000, to: 2020, reported: 0},
      {...base, id: "N", kind: "net-carbon", epoch: 2020, reported: 5}
    ],
    input(),
    options
  );
  it("finds the first claim of a kind about the given epoch or class", () => {
    expect(findClaim(rows, "area-change")?.id).toBe("A");
    expect(findClaim(rows, "area-change", {class: "forest"})?.id).toBe("B");
    expect(findClaim(rows, "area-change", {class: "forest", from: 2001})).toBeUndefined();
    expect(findClaim(rows, "net-carbon", {epoch: 2020})?.id).toBe("N");
    expect(findClaim(rows, "esv")).toBeUndefined();
  });
});
