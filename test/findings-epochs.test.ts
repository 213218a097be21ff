// The Overview's findings (src/lib/findings.ts) that findings.test.ts leaves
// open, by hand: per-epoch series, the last epoch's centre pattern, a zero
// net, and the reported numbers of every claim the page quotes.
import {describe, expect, it} from "vitest";
import {findings, type FindingsInput} from "../src/lib/findings.js";
import type {Claim} from "../src/lib/claims.js";
import {claimRow} from "./claim-row.js";

const epochs = [2001, 2017];
const classes = (cultivated: number) => ({cultivated, forest: 20, grassland: 3, water: 4, construction: 6, unused: 1});

function input(claims: Claim[] = []): FindingsInput {
  return {
    epochs,
    claims,
    parameters: {grid: {defaultCellKm: 2}, spatial: {permutations: 99, alpha: 0.05, weights: "queen"}},
    summary: {
      // the first epoch's total: 40 + 20 + 3 + 4 + 6 + 1 = 74 km² (the last epoch's would be 64)
      areas_km2: {2001: classes(40), 2017: classes(30)},
      change_km2: {cultivated: -10, forest: 2, grassland: -3, water: 0, construction: 11, unused: 0},
      carbon_1e4t: {2001: {direct: 2, indirect: 3, net: 5}, 2017: {direct: -4, indirect: 4, net: 0}},
      esv_1e8yuan: {2001: 10, 2017: 12},
      moran: {"2": {2001: {I: -0.1, p: 0.02, types: {HH: 1}}, 2017: {I: 0.2, p: 0.5, types: {HH: 0}}}},
      patterns: {
        "2": {
          2001: {carbon_centre_rho: -0.1, carbon_centre_edge_ratio: 1.1},
          2017: {carbon_centre_rho: -0.7, carbon_centre_edge_ratio: 5}
        }
      }
    }
  };
}

const claim = (over: Partial<Claim>): Claim => claimRow({kind: "esv", ...over});

describe("findings, per epoch", () => {
  it("series, ends, a rise of ESV as a negative fall, a zero net as not positive", () => {
    const f = findings(input());
    expect(f.areaKm2).toBe(74);
    expect(f.change).toEqual({cultivated: -10, forest: 2, grassland: -3, water: 0, construction: 11, unused: 0});
    expect([f.gainer, f.losers]).toEqual(["construction", ["cultivated", "grassland"]]);
    expect(f.net).toEqual([
      {epoch: 2001, direct: 2, indirect: 3, net: 5},
      {epoch: 2017, direct: -4, indirect: 4, net: 0}
    ]);
    expect([f.netFirst, f.netLast, f.netAllPositive]).toEqual([5, 0, false]);
    expect(f.esv).toEqual([
      {epoch: 2001, e8yuan: 10},
      {epoch: 2017, e8yuan: 12}
    ]);
    expect([f.esvFirst, f.esvLast]).toEqual([10, 12]);
    expect(f.esvFall).toBeCloseTo(-0.2, 15); // (10 − 12) / 10
    expect(f.moran.map((m) => m.epoch)).toEqual([2001, 2017]);
    expect(f.moranFirst).toEqual({epoch: 2001, I: -0.1, p: 0.02, types: {HH: 1}});
    expect(f.pFloor).toBe(0.01); // 1 / (99 + 1)
    expect(f.centre).toEqual({carbon_centre_rho: -0.7, carbon_centre_edge_ratio: 5}); // the last epoch's
  });

  it("quotes the reported ESV, net and fall of the first and last epochs, and only numbers", () => {
    const fall = claim({id: "F", kind: "esv-fall-pct", reported: -20, about: {from: 2001, to: 2017}});
    const f = findings(
      input([
        // claims about other epochs listed first: each number must be looked up by its epochs, not taken as the first of its kind
        claim({id: "E9", kind: "esv", reported: 1, about: {epoch: 2009}}),
        claim({id: "F9", kind: "esv-fall-pct", reported: 2, about: {from: 2001, to: 2009}}),
        claim({id: "E0", kind: "esv", reported: 9.5, about: {epoch: 2001}}),
        claim({id: "E1", kind: "esv", reported: 12.5, about: {epoch: 2017}}),
        claim({id: "N1", kind: "net-carbon", reported: 0.5, about: {epoch: 2017}}),
        claim({id: "N0", kind: "net-carbon", reported: "about 5", about: {epoch: 2001}}),
        claim({id: "C", kind: "area-change", reported: -9, about: {class: "cultivated", from: 2001, to: 2017}}),
        fall
      ])
    );
    expect(f.reported).toEqual({
      change: {cultivated: -9, forest: undefined, grassland: undefined, water: undefined, construction: undefined, unused: undefined},
      netFirst: undefined, // reported as words, not a number
      netLast: 0.5,
      esvFirst: 9.5,
      esvLast: 12.5,
      esvFallPct: fall
    });
  });
});
