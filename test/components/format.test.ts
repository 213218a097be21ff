// The one set of number formats (src/components/format.ts), by hand.

import {describe, expect, it} from "vitest";
import {doiAfter, f0, f2, fileSize, pct, sf2, signedPct, significant, trimmed} from "../../src/components/format.js";
import {legendById} from "../../src/lib/legends.js";

describe("format", () => {
  it("writes fixed decimals with grouping and a true minus sign", () => {
    expect(f0(1234.5)).toBe("1,235");
    expect(f2(-1099.845)).toBe("−1,099.85");
    expect(f2(-0.001)).toBe("0.00");
    expect(sf2(3)).toBe("+3.00");
    expect(sf2(-3)).toBe("−3.00");
  });
  it("writes shares as percentages with a space before the sign", () => {
    expect(pct(0.0534, 2)).toBe("5.34 %");
    expect(pct(0.5)).toBe("50.0 %");
    expect(signedPct(-0.04)).toBe("−4.0 %");
    expect(signedPct(0.123)).toBe("+12.3 %");
  });
  it("trims trailing zeros and keeps significant digits for numbers of any size", () => {
    expect(trimmed(4)(1 / 1000)).toBe("0.001");
    expect(trimmed(4)(0.05)).toBe("0.05");
    expect(trimmed(2)(-0.001)).toBe("0");
    expect(significant(2)(0.0000025)).toBe("0.0000025");
    expect(significant(3)(-0.0123456)).toBe("−0.0123");
    expect(significant(6)(1234.5678)).toBe("1,234.57");
  });
  it("writes file sizes in decimal kB and MB", () => {
    expect(fileSize(120_000)).toBe("120 kB");
    expect(fileSize(11_400_000)).toBe("11.4 MB");
  });
  it("gives a product's DOI after its citation once: not again when the citation already cites it", () => {
    const worldcover = legendById("worldcover")!;
    expect(worldcover.citation).toContain(worldcover.doi);
    expect(doiAfter(worldcover.citation, worldcover.doi)).toBe("");
    const clcd = legendById("clcd")!;
    expect(doiAfter(clcd.citation, clcd.doi)).toBe(" doi:10.5194/essd-13-3907-2021");
    expect(doiAfter(undefined, "10.1/x")).toBe(" doi:10.1/x");
    expect(doiAfter("A citation.", undefined)).toBe("");
  });
});
