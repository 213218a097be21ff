// The map frame (src/components/map.ts): projection fit, winding, cell squares.

import {describe, expect, it} from "vitest";
import * as d3 from "d3";
import type {Polygon} from "geojson";
import {cellSquare, fitMap, rewind} from "../../src/components/map.js";

describe("map frame", () => {
  it("gives a 1° × 1° box at 28° N the aspect of its ground size (taller than wide by 1/cos 28°)", () => {
    const box: Polygon = {
      type: "Polygon",
      coordinates: [
        [
          [113, 27.5],
          [113, 28.5],
          [114, 28.5],
          [114, 27.5],
          [113, 27.5]
        ]
      ]
    };
    const frame = fitMap(box, {width: 400, margin: 0});
    expect(frame.height / 400).toBeCloseTo(1 / Math.cos((28 * Math.PI) / 180), 2);
    const conic = fitMap(box, {width: 400, margin: 0, projection: "conic-equal-area"});
    expect(conic.height / 400).toBeGreaterThan(1.05);
    expect(conic.height / 400).toBeLessThan(1.2);
  });

  it("rewinds RFC 7946 polygons for d3 (small area either way)", () => {
    const ccw = {type: "Polygon" as const, coordinates: [cellSquare(113, 28, 1).coordinates[0].slice().reverse()]};
    expect(d3.geoArea(ccw)).toBeGreaterThan(2 * Math.PI);
    expect(d3.geoArea(rewind(ccw))).toBeLessThan(1e-6);
    expect(d3.geoArea(cellSquare(113, 28, 1))).toBeLessThan(1e-6);
  });

  it("builds cell squares of the right ground size", () => {
    const sq = cellSquare(113, 28, 2);
    const [[w, s], , [e, n]] = sq.coordinates[0];
    expect(d3.geoDistance([w, 28], [e, 28]) * 6371.0088).toBeCloseTo(2, 1);
    expect(d3.geoDistance([113, s], [113, n]) * 6371.0088).toBeCloseTo(2, 1);
  });
});
