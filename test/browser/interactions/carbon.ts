// Carbon: the year control recolours the carbon-intensity grid map; the
// cell-size control redraws it with another number of cells.
import type {Page} from "playwright-core";
import {gridFills, stepRadio, waitForChange} from "../controls.js";

export const path = "/carbon.html";

export async function check(page: Page): Promise<void> {
  const before = await page.evaluate(gridFills);
  if (before.length === 0) throw new Error("the carbon-intensity map draws no cells");
  const year = await stepRadio(page, "carbon-year", "ArrowLeft");
  // While the map is redrawn it has no cells: wait for the new map, not for its absence.
  let recoloured: string[];
  for (const t0 = Date.now(); ; await page.waitForTimeout(100)) {
    recoloured = await page.evaluate(gridFills);
    if (recoloured.length > 0 && JSON.stringify(recoloured) !== JSON.stringify(before)) break;
    if (Date.now() - t0 > 15_000) throw new Error(`moving the year control to ${year} did not change the map's colours`);
  }
  if (recoloured.length !== before.length)
    throw new Error(`moving the year changed the number of cells (${before.length} → ${recoloured.length})`);
  const count = () => document.querySelectorAll("figure.atlas-grid-map g.atlas-cells path").length;
  const n0 = await page.evaluate(count);
  const size = await stepRadio(page, "carbon-cell-size", "ArrowRight");
  await waitForChange(page, count, n0, `choosing ${size} cells did not redraw the grid`, 30_000);
  // the view is in the address: reloading it shows the same year and cell size
  const url = new URL(page.url());
  if (url.searchParams.get("year") !== year || url.searchParams.get("cell") !== size.replace(/ km$/, ""))
    throw new Error(`the address does not hold the view (year ${year}, cell ${size}): ${url.search}`);
  await page.goto(url.href, {waitUntil: "load"});
  await page.waitForSelector("#carbon-cell-size input:checked", {timeout: 15_000});
  const restored = await page.evaluate(() =>
    ["carbon-year", "carbon-cell-size"].map((id) => document.querySelector(`#${id} input:checked`)?.parentElement?.textContent?.trim())
  );
  if (restored[0] !== year || restored[1] !== size)
    throw new Error(`reloading ${url.search} showed ${restored.join(", ")}, not ${year}, ${size}`);
}
