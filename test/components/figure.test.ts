// The figure frame (src/components/figure.ts): rows and CSV, and the SVG and PNG downloads.

import {describe, expect, it} from "vitest";
import {tableFromArrays} from "apache-arrow";
import {figureSvg, figureSvgExport, rowsOf, toCsv} from "../../src/components/figure.js";
import {AreaBars} from "../../src/components/area-bars.js";
import {GridMap} from "../../src/components/grid-map.js";
import {LisaMap} from "../../src/components/lisa-map.js";
import {LandCoverMap} from "../../src/components/land-cover-map.js";
import {MoranScatter} from "../../src/components/moran-scatter.js";
import {LISA_COLORS} from "../../src/lib/palette.js";
import {AREAS, OUTLINE, PLACES, expectFigure, gridRows, newDocument, plotSvg, swatches} from "./helpers.js";

describe("figure helpers", () => {
  it("turns Arrow tables into plain rows, BigInt columns into numbers", () => {
    const t = tableFromArrays({epoch: new BigInt64Array([2000n, 2020n]), class: ["forest", "water"], km2: new Float64Array([1.5, 2])});
    const rows = rowsOf<{epoch: number; class: string; km2: number}>(t);
    expect(rows).toEqual([
      {epoch: 2000, class: "forest", km2: 1.5},
      {epoch: 2020, class: "water", km2: 2}
    ]);
    expect(toCsv(rows)).toBe("epoch,class,km2\n2000,forest,1.5\n2020,water,2");
  });

  it("writes the chart's rows as CSV through a Blob URL on click", async () => {
    const document = newDocument();
    const view = document.defaultView as unknown as {URL: {createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void}};
    const blobs: Blob[] = [];
    view.URL.createObjectURL = (b: Blob) => (blobs.push(b), "blob:test");
    view.URL.revokeObjectURL = () => {};
    // jsdom does not navigate; keep it from saying so
    (document.defaultView as unknown as {HTMLAnchorElement: typeof HTMLAnchorElement}).HTMLAnchorElement.prototype.click = () => {};
    const el = AreaBars(AREAS, {document, width: 640, filename: "areas.csv"});
    document.body.append(el);
    (el.querySelector("button.atlas-download") as HTMLButtonElement).click();
    expect(blobs).toHaveLength(1);
    const text = await blobs[0].text();
    expect(text.split("\n")[0]).toBe("epoch,class,km2,share");
    expect(text.split("\n")).toHaveLength(AREAS.length + 1);
  });
});

describe("SVG and PNG downloads", () => {
  const parse = (document: Document, svg: string) => {
    const parsed = new document.defaultView!.DOMParser().parseFromString(svg, "image/svg+xml");
    expect(parsed.querySelector("parsererror")).toBeNull();
    return parsed.documentElement;
  };

  it("serialize a map with its legend as a standalone SVG: xmlns, colours written out, no CSS variables", () => {
    const document = newDocument();
    const el = GridMap(gridRows(), {document, width: 400, epoch: 2020, outline: OUTLINE, places: PLACES});
    document.body.append(el);
    const svg = figureSvg(el);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).not.toContain("var(");
    expect(svg).not.toMatch(/currentcolor/i);
    const root = parse(document, svg);
    expect(root.getAttribute("width")).toBe("400");
    // the ramp legend above, then the map with its furniture; no tooltip
    const parts = [...root.children].filter((c) => c.tagName === "svg");
    expect(parts.map((p) => p.getAttribute("class"))).toEqual(["atlas-ramp atlas-legend", plotSvg(el).getAttribute("class")]);
    expect(Number(parts[1].getAttribute("y"))).toBeGreaterThanOrEqual(Number(parts[0].getAttribute("height")));
    expect(Number(root.getAttribute("height"))).toBeGreaterThanOrEqual(
      Number(parts[1].getAttribute("y")) + Number(plotSvg(el).getAttribute("height"))
    );
    expect(root.querySelector("g.atlas-scale-bar")).not.toBeNull();
    expect(root.querySelector("[aria-label=tip]")).toBeNull();
    // the page's own svg is untouched
    expect(el.querySelector("g.atlas-map-furniture [stroke='var(--plot-background)']")).not.toBeNull();
  });

  it("turn Plot's swatch legends into SVG", () => {
    const document = newDocument();
    const el = LisaMap(gridRows(), {document, width: 400, epoch: 2000});
    const root = parse(document, figureSvg(el));
    const texts = [...root.querySelectorAll(":scope > svg:first-of-type text")].map((t) => t.textContent);
    expect(texts).toEqual(swatches(el));
    const fills = [...root.querySelectorAll(":scope > svg:first-of-type rect")].map((r) => r.getAttribute("fill"));
    expect(fills.slice(0, 2)).toEqual([LISA_COLORS.HH, LISA_COLORS.LL]);
  });

  it("inline the land-cover PNG as a data URL, so that the file stands alone", async () => {
    const document = newDocument();
    const view = document.defaultView as unknown as Window & typeof globalThis;
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    const asked: string[] = [];
    view.fetch = (async (url: string) => {
      asked.push(url);
      return {ok: true, blob: async () => new view.Blob([bytes], {type: "image/png"})};
    }) as unknown as typeof fetch;
    const el = LandCoverMap({src: "landcover.png", bounds: [112.999, 27.981, 113.032, 28.001]}, {document, width: 400, outline: OUTLINE});
    expectFigure(el, {kind: "land-cover-map", caption: /landcover\.png/, download: false});
    const {svg, width} = await figureSvgExport(el);
    expect(asked).toEqual([new URL("landcover.png", document.baseURI).href]);
    expect(width).toBe(400);
    const href = parse(document, svg).querySelector("image")?.getAttribute("href");
    expect(href).toBe(`data:image/png;base64,${Buffer.from(bytes).toString("base64")}`);
    // the page keeps the URL
    expect(el.querySelector("image")?.getAttribute("href")).toBe("landcover.png");
  });

  it("save the SVG through a Blob URL made on click", async () => {
    const document = newDocument();
    const view = document.defaultView as unknown as {URL: {createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void}};
    const saved: Blob[] = [];
    view.URL.createObjectURL = (b: Blob) => (saved.push(b), "blob:test");
    view.URL.revokeObjectURL = () => {};
    let downloaded = "";
    (document.defaultView as unknown as {HTMLAnchorElement: typeof HTMLAnchorElement}).HTMLAnchorElement.prototype.click = function (
      this: HTMLAnchorElement
    ) {
      downloaded = this.download;
    };
    const el = MoranScatter(
      gridRows().filter((d) => d.epoch === 2000),
      {document, width: 400}
    );
    document.body.append(el);
    expect(saved).toHaveLength(0);
    (el.querySelector("button[data-format=svg]") as HTMLButtonElement).click();
    for (let i = 0; i < 50 && !saved.length; i++) await new Promise((r) => setTimeout(r, 5));
    expect(saved).toHaveLength(1);
    expect(saved[0].type).toMatch(/^image\/svg\+xml/);
    expect((await saved[0].text()).startsWith("<svg")).toBe(true);
    expect(downloaded).toMatch(/\.svg$/);
    expect(el.querySelector("button[data-format=png]")?.getAttribute("aria-label")).toMatch(/^Download PNG .*\.png\)$/);
  });
});

describe("a chart's takeaway", () => {
  it("opens the caption in bold, as a sentence, before the default caption", () => {
    const el = AreaBars(AREAS, {document: newDocument(), width: 400, takeaway: "Construction land gained most"});
    const b = el.querySelector("figcaption b.atlas-takeaway");
    expect(b?.textContent).toBe("Construction land gained most.");
    expect(el.querySelector("figcaption")?.textContent?.startsWith("Construction land gained most. ")).toBe(true);
    expect(AreaBars(AREAS, {document: newDocument(), width: 400}).querySelector("b.atlas-takeaway")).toBeNull();
  });
});
