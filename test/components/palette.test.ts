// The palette shared by charts and display rasters (src/lib/palette.ts).

import {describe, expect, it} from "vitest";
import * as d3 from "d3";
import {
  CLASSES,
  CLASS_COLORS,
  CLASS_RGB,
  LISA_COLORS,
  LISA_ORDER,
  SERVICES,
  SERVICE_LABELS,
  epochColors,
  hexToRgb
} from "../../src/lib/palette.js";
import {XIE_2015} from "../../src/lib/esv-factors.js";

describe("palette", () => {
  it("keeps GeoDa's LISA colours and a grey that is not white", () => {
    expect(LISA_COLORS.HH).toBe("#ff0000");
    expect(LISA_COLORS.LL).toBe("#0000ff");
    expect(LISA_COLORS.LH).toBe("#a7adf9");
    expect(LISA_COLORS.HL).toBe("#f4ada8");
    expect(d3.lab(LISA_COLORS.NS).l).toBeLessThan(90);
    expect([...LISA_ORDER]).toEqual(["HH", "LL", "LH", "HL", "NS", "neighborless"]);
  });

  it("lists the 11 services in the order of the Xie 2015 table, each with a label", () => {
    expect([...SERVICES]).toEqual(XIE_2015.services);
    for (const s of SERVICES) expect(SERVICE_LABELS[s]).toMatch(/^[A-Z]/);
  });

  it("gives the display rasters one RGB triple per class, in class order", () => {
    expect(CLASS_RGB).toHaveLength(CLASSES.length);
    CLASSES.forEach((c, i) => expect(CLASS_RGB[i]).toEqual(hexToRgb(CLASS_COLORS[c])));
  });

  it("keeps land-use classes apart for colour-blind readers (ΔE*ab ≥ 20 under protan, deutan, tritan simulation)", () => {
    // Machado et al. 2009, severity 1, applied in linear RGB
    const M = {
      normal: [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1]
      ],
      protan: [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998]
      ],
      deutan: [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.01182, 0.04294, 0.968881]
      ],
      tritan: [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.3039]
      ]
    };
    const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const gam = (c: number) =>
      255 * (Math.min(1, Math.max(0, c)) <= 0.0031308 ? 12.92 * Math.max(0, c) : 1.055 * Math.min(1, c) ** (1 / 2.4) - 0.055);
    for (const [name, m] of Object.entries(M)) {
      const labs = CLASSES.map((c) => {
        const v = hexToRgb(CLASS_COLORS[c]).map(lin);
        const o = m.map((r) => r[0] * v[0] + r[1] * v[1] + r[2] * v[2]).map(gam);
        return d3.lab(d3.rgb(o[0], o[1], o[2]));
      });
      let min = Infinity;
      for (let i = 0; i < labs.length; i++)
        for (let j = i + 1; j < labs.length; j++)
          min = Math.min(min, Math.hypot(labs[i].l - labs[j].l, labs[i].a - labs[j].a, labs[i].b - labs[j].b));
      expect(min, name).toBeGreaterThanOrEqual(20);
    }
  });

  it("spreads epoch colours over the ramp, oldest first", () => {
    expect(epochColors(5)).toHaveLength(5);
    expect(new Set(epochColors(5)).size).toBe(5);
    expect(epochColors(0)).toEqual([]);
  });
});
