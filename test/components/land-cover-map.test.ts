// LandCoverMap (src/components/land-cover-map.ts).

import {describe, expect, it} from "vitest";
import {LandCoverMap, classOfPixel} from "../../src/components/land-cover-map.js";
import {CLASS_RGB} from "../../src/lib/palette.js";
import {OUTLINE, expectFigure, newDocument, plotSvg, snapshotHtml, swatches} from "./helpers.js";

describe("LandCoverMap", () => {
  it("places one epoch of the stacked display raster at its bounds, under the outline, with the class legend", async () => {
    const bounds = [112.999, 27.981, 113.032, 28.001] as const;
    const el = LandCoverMap(
      {src: "landcover.png", index: 4, count: 5, bounds, year: 2020},
      {document: newDocument(), width: 400, outline: OUTLINE}
    );
    expectFigure(el, {kind: "land-cover-map", caption: /landcover\.png/, download: false});
    expect(el.querySelector("figcaption a.atlas-download")?.getAttribute("href")).toBe("landcover.png");
    const img = el.querySelector("image")!;
    expect(img.getAttribute("href")).toBe("landcover.png");
    // the viewport shows the fifth of five stacked images: the PNG is five units tall, the view starts at 4
    const view = img.parentElement!;
    expect(view.getAttribute("viewBox")).toBe("0 4 1 1");
    expect(img.getAttribute("height")).toBe("5");
    expect(() => LandCoverMap({src: "x.png", index: 5, count: 5, bounds}, {document: newDocument()})).toThrow(/index/);
    const svg = plotSvg(el);
    const [w, h] = [Number(svg.getAttribute("width")), Number(svg.getAttribute("height"))];
    // the raster box spans the frame (its bounds are the outline's), with the ground aspect at 28° N
    expect(Number(view.getAttribute("width"))).toBeCloseTo(w - 8, 0);
    const ground = (0.02 * 110.85) / (0.033 * 98.3);
    expect(Number(view.getAttribute("height")) / Number(view.getAttribute("width"))).toBeCloseTo(ground, 1);
    expect(h).toBeGreaterThan(0);
    expect(swatches(el)).toHaveLength(6);
    expect(classOfPixel(...CLASS_RGB[1], 255)).toBe("forest");
    expect(classOfPixel(0, 0, 0, 0)).toBeNull();
    await expect(await snapshotHtml(el)).toMatchFileSnapshot("../snapshots/components/land-cover-map.html");
  });
});
