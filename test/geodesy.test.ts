// Ellipsoidal pixel areas against GeographicLib's Planimeter (Debian's
// geographiclib-tools, `Planimeter -R`: polygons whose edges are rhumb lines,
// so edges along parallels are the parallels themselves, as a raster's are).
// The reference values were printed by that tool and are pasted here.
import {describe, expect, it} from "vitest";
import {quadrangleArea, rowPixelAreas, KRASOVSKY, WGS84} from "../src/lib/geodesy.js";

describe("quadrangleArea", () => {
  it("matches GeographicLib for a 1°×1° cell at the equator (WGS84)", () => {
    // printf "0 0\n0 1\n1 1\n1 0\n" | Planimeter -R -p 12
    expect(quadrangleArea(0, 1, 1, WGS84) / 12308463893.97535 - 1).toBeCloseTo(0, 11);
  });
  it("matches GeographicLib for a 1° band at the study's latitude (WGS84)", () => {
    // printf "27.5 0\n27.5 1\n28.5 1\n28.5 0\n" | Planimeter -R -p 12
    expect(quadrangleArea(27.5, 28.5, 1) / 10900270289.46106 - 1).toBeCloseTo(0, 11);
  });
  it("matches GeographicLib for a 0.25° block at 28° N, to 1e-12 relative", () => {
    // printf "28 0\n28 0.25\n28.25 0.25\n28.25 0\n" | Planimeter -R -p 15
    expect(Math.abs(quadrangleArea(28, 28.25, 0.25) / 680499593.24918 - 1)).toBeLessThan(1e-12);
  });
  it("matches GeographicLib for one 0.00025° pixel at 28° N, to the 5 decimals it prints", () => {
    // printf "28 0\n28 0.00025\n28.00025 0.00025\n28.00025 0\n" | Planimeter -R -p 15 → 681.27474 m²
    expect(Math.abs(quadrangleArea(28, 28.00025, 0.00025) - 681.27474)).toBeLessThan(5e-6);
  });
  it("uses the ellipsoid it is given (Krasovsky 1940)", () => {
    // printf "28 0\n28 1\n29 1\n29 0\n" | Planimeter -R -p 12 -e 6378245 1/298.3
    expect(quadrangleArea(28, 29, 1, KRASOVSKY) / 10850709942.93665 - 1).toBeCloseTo(0, 11);
  });
  it("sums to the WGS84 ellipsoid's surface, 510,065,621.724 km²", () => {
    expect((2 * quadrangleArea(0, 90, 360)) / 1e6).toBeCloseTo(510065621.724, 2);
  });
  it("is independent of the order of the bounding latitudes", () => {
    expect(quadrangleArea(29, 28, 1)).toBe(quadrangleArea(28, 29, 1));
  });
});

describe("rowPixelAreas", () => {
  it("gives each row of a north-up raster its own area, shrinking northwards", () => {
    const rows = rowPixelAreas(28.5, 0.5, 1, 2);
    expect(rows[0]).toBeCloseTo(quadrangleArea(28, 28.5, 1), 6);
    expect(rows[1]).toBeCloseTo(quadrangleArea(27.5, 28, 1), 6);
    expect(rows[0]).toBeLessThan(rows[1]);
    expect(rows[0] + rows[1]).toBeCloseTo(10900270289.46106, 3);
  });
});
