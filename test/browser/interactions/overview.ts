// The overview: its map answers the pointer, its findings link to their pages,
// and its charts' data download by keyboard.
import type {Page} from "playwright-core";
import {checkCsvDownload, checkImageDownloads, waitForChange} from "../controls.js";

export const path = "/index.html";

export async function check(page: Page): Promise<void> {
  // the four findings link to their sections
  const hrefs = await page.$$eval(".card a[href]", (as) => as.map((a) => a.getAttribute("href") ?? ""));
  for (const section of ["land-use", "carbon", "esv", "coupling"])
    if (!hrefs.some((h) => h.replace(/\.html$/, "").endsWith(section)))
      throw new Error(`no finding links to ${section} (links: ${hrefs.join(", ")})`);
  // hovering a district shows its name
  // (Plot's tip follows the pointer to the nearest district centroid: hover one of the district labels, drawn there)
  const label = page.locator("figure.atlas-study-area-map g.atlas-district-labels text").first();
  await label.scrollIntoViewIfNeeded();
  const box = await label.boundingBox();
  if (!box) throw new Error("the study-area map has no district labels");
  const tip = () => document.querySelector("figure.atlas-study-area-map g[aria-label=tip]")?.textContent ?? "";
  const before = await page.evaluate(tip);
  await page.mouse.move(box.x + box.width / 2 - 3, box.y + box.height / 2 - 3);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const shown = await waitForChange(page, tip, before, "hovering the study-area map shows no tooltip");
  if (!/Part/.test(shown)) throw new Error(`the map's tooltip does not name the part of the study area: ${shown}`);
  await page.mouse.move(0, 0);
  // the map's districts and each finding's numbers download as CSV
  await checkCsvDownload(page, "figure.atlas-study-area-map", 10);
  for (const kind of ["land-use", "carbon", "esv", "coupling"]) await checkCsvDownload(page, `figure.atlas-finding-${kind}`, 3);
  // a chart and the map download as standalone SVG and as PNG, for a slide or a paper
  await checkImageDownloads(page, "figure.atlas-finding-carbon");
  await checkImageDownloads(page, "figure.atlas-study-area-map");
}
