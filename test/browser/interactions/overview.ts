// The overview: its map answers the pointer, its findings link to their pages,
// and its charts' data download by keyboard.
import type {Page} from "playwright-core";
import {checkCsvDownload, checkImageDownloads, waitForChange} from "../controls.js";

// The generated overview: the home page of a study without a story, /overview.html beside a story (pages.browser.ts).
export const path = "overview";

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
  // part by part: picking another part redraws its chart; the ranking lists every part
  const partCaption = () => document.querySelector("figure.atlas-district-land-use figcaption")?.textContent ?? "";
  await page.locator("#overview-part select").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => !!document.querySelector("figure.atlas-district-land-use"), null, {timeout: 15_000});
  const cap0 = await page.evaluate(partCaption);
  const options = await page.$$eval("#overview-part select option", (os) => os.map((o) => o.textContent ?? ""));
  await page.selectOption("#overview-part select", {index: options.length - 1});
  const cap1 = await waitForChange(page, partCaption, cap0, "picking another part did not redraw its chart");
  if (!cap1.startsWith(options[options.length - 1]))
    throw new Error(`the part's chart is not about ${options[options.length - 1]}: ${cap1.slice(0, 80)}`);
  const ranked = await page.$$eval("#overview-ranking tbody tr", (trs) => trs.length);
  if (ranked !== options.length) throw new Error(`the ranking lists ${ranked} parts, the picker ${options.length}`);
  if (new URL(page.url()).searchParams.get("part") !== options[options.length - 1])
    throw new Error(`the address does not hold the part: ${page.url()}`);
  // a chart and the map download as standalone SVG and as PNG, for a slide or a paper
  await checkImageDownloads(page, "figure.atlas-finding-carbon");
  await checkImageDownloads(page, "figure.atlas-study-area-map");
}
