// The Overview's findings (src/lib/findings.ts) on a small study worked by hand.
import {describe, expect, it} from "vitest";
import {findings, type FindingsInput} from "../src/lib/findings.js";
import type {Claim} from "../src/lib/claims.js";
import {claimRow} from "./claim-row.js";

const epochs = [2001, 2009, 2017];
const per = <T>(f: (y: number) => T) => Object.fromEntries(epochs.map((y) => [String(y), f(y)]));
const areas = {
  2001: {cultivated: 50, forest: 30, grassland: 5, water: 5, construction: 10, unused: 0},
  2009: {cultivated: 45, forest: 29, grassland: 5, water: 5, construction: 16, unused: 0},
  2017: {cultivated: 38, forest: 27, grassland: 6, water: 5, construction: 24, unused: 0}
};

function input(claims: Claim[] = []): FindingsInput {
  return {
    epochs,
    claims,
    parameters: {grid: {defaultCellKm: 1.5}, spatial: {permutations: 199, alpha: 0.05, weights: "rook"}},
    summary: {
      areas_km2: areas,
      change_km2: {cultivated: -12, forest: -3, grassland: 1, water: 0, construction: 14, unused: 0},
      carbon_1e4t: {
        2001: {direct: -1, indirect: 5, net: 4},
        2009: {direct: -1, indirect: 7, net: 6},
        2017: {direct: -1, indirect: 11, net: 10}
      },
      esv_1e8yuan: {2001: 8, 2009: 7.5, 2017: 6},
      moran: {
        "0.5": per(() => ({I: -0.1, p: 0.2, types: {HH: 0, LL: 0, LH: 0, HL: 0}})),
        "1.5": {
          2001: {I: -0.2, p: 0.005, types: {HH: 1, LL: 2, LH: 0, HL: 3}},
          2009: {I: -0.25, p: 0.005, types: {HH: 1, LL: 2, LH: 1, HL: 3}},
          2017: {I: -0.3, p: 0.01, types: {HH: 2, LL: 2, LH: 1, HL: 3}}
        }
      },
      patterns: {"1.5": per(() => ({carbon_centre_rho: -0.5, carbon_centre_edge_ratio: 4}))}
    }
  };
}

describe("findings", () => {
  it("reads the first and last epoch, the default grid and the biggest changes", () => {
    const f = findings(input());
    expect([f.first, f.last, f.cellKm]).toEqual([2001, 2017, 1.5]);
    expect(f.areaKm2).toBe(100); // 50 + 30 + 5 + 5 + 10 + 0
    expect(f.gainer).toBe("construction");
    expect(f.losers).toEqual(["cultivated", "forest"]);
    expect([f.netFirst, f.netLast, f.netAllPositive]).toEqual([4, 10, true]);
    expect(f.esvFall).toBeCloseTo(0.25, 12); // (8 − 6) / 8
    expect(f.moranFirst.I).toBe(-0.2);
    expect(f.moranLast).toEqual({epoch: 2017, I: -0.3, p: 0.01, types: {HH: 2, LL: 2, LH: 1, HL: 3}});
    expect(f.pFloor).toBe(0.005); // 1 / (199 + 1)
    expect(f.reported.netFirst).toBeUndefined();
  });
  it("quotes reported numbers only from claims about the same epochs", () => {
    const claim = claimRow;
    const f = findings(
      input([
        claim({id: "A", kind: "net-carbon", reported: 4.1, about: {epoch: 2001}}),
        claim({id: "B", kind: "net-carbon", reported: 99, about: {epoch: 2000}}),
        claim({id: "C", kind: "area-change", reported: 13.9, about: {class: "construction", from: 2001, to: 2017}})
      ])
    );
    expect(f.reported.netFirst).toBe(4.1);
    expect(f.reported.netLast).toBeUndefined();
    expect(f.reported.change.construction).toBe(13.9);
    expect(f.reported.change.cultivated).toBeUndefined();
  });
  it("refuses a study whose default grid has no results", () => {
    const i = input();
    i.parameters.grid.defaultCellKm = 3;
    expect(() => findings(i)).toThrow(/default 3 km grid/);
  });
});
