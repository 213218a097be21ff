// Land use: the year control changes the land-cover map (and the sentence
// under it), the period control changes the flow diagram and the matrix.
import type {Page} from "playwright-core";
import {stepRadio, stepSelect, waitForChange} from "../controls.js";

export const path = "/land-use.html";

export async function check(page: Page): Promise<void> {
  // every epoch is one image of a stacked PNG: the year shows in which part of it the map's viewport looks at
  const view = () => document.querySelector("figure.atlas-land-cover-map svg svg[viewBox]")?.getAttribute("viewBox") ?? "";
  const before = await page.evaluate(view);
  if (!before) throw new Error("the land-cover map has no image viewport");
  const year = await stepRadio(page, "landcover-year", "ArrowLeft");
  await waitForChange(page, view, before, `moving the year control to ${year} did not change the land-cover map`);
  const after = await page.evaluate(() => document.querySelector("figure.atlas-land-cover-map svg image")?.getAttribute("href") ?? "");
  const caption = await page.locator("figure.atlas-land-cover-map figcaption").first().textContent();
  if (!caption?.includes(year)) throw new Error(`the land-cover map's caption does not name ${year}: ${caption}`);
  // the image must load and show land cover: class colours inside the study area, transparency outside
  // (a palette PNG whose transparency chunk is misaligned shows the study area blank and the outside black)
  const pixels = await page.evaluate(
    (src) =>
      new Promise<{opaque: number; classed: number; total: number; corner: number} | null>((resolve) => {
        const img = new Image();
        img.onerror = () => resolve(null);
        img.onload = () => {
          const canvas = document.createElement("canvas");
          [canvas.width, canvas.height] = [img.naturalWidth, img.naturalHeight];
          const ctx = canvas.getContext("2d")!;
          ctx.drawImage(img, 0, 0);
          const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          const classes = [
            ...document.querySelectorAll(
              "figure.atlas-land-cover-map .atlas-legend svg rect, figure.atlas-land-cover-map .atlas-legend [fill]"
            )
          ]
            .map((e) => getComputedStyle(e).fill || e.getAttribute("fill") || "")
            .map((c) => c.match(/\d+/g)?.slice(0, 3).map(Number))
            .filter((c): c is number[] => !!c && c.length === 3);
          let opaque = 0,
            classed = 0;
          for (let i = 0; i < d.length; i += 4) {
            if (d[i + 3] < 255) continue;
            opaque++;
            if (classes.some(([r, g, b]) => Math.abs(r - d[i]) + Math.abs(g - d[i + 1]) + Math.abs(b - d[i + 2]) < 12)) classed++;
          }
          resolve({opaque, classed, total: d.length / 4, corner: d[3]});
        };
        img.src = src;
      }),
    after
  );
  if (!pixels) throw new Error(`the land-cover image ${after} does not load`);
  if (pixels.corner !== 0)
    throw new Error(`the land-cover image is not transparent outside the study area (corner alpha ${pixels.corner})`);
  if (pixels.opaque < pixels.total * 0.2 || pixels.classed < pixels.opaque * 0.99)
    throw new Error(
      `the land-cover image shows no land cover: ${pixels.opaque} of ${pixels.total} pixels opaque, ${pixels.classed} of them in a class colour of the legend`
    );
  // the period control redraws the Sankey diagram and the matrix
  const sankey = () => document.querySelector("figure.atlas-transition-sankey svg")?.getAttribute("aria-label") ?? "";
  const matrix = () => document.querySelector("figure.atlas-transition-matrix thead")?.textContent ?? "";
  const [s0, m0] = [await page.evaluate(sankey), await page.evaluate(matrix)];
  const period = await stepSelect(page, "transition-period");
  const s1 = await waitForChange(page, sankey, s0, `choosing ${period} did not redraw the flow diagram`);
  if (!s1.includes(period)) throw new Error(`the flow diagram is labelled "${s1}", not ${period}`);
  await waitForChange(page, matrix, m0, `choosing ${period} did not change the transition matrix`);
}
