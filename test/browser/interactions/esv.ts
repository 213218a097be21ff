// ESV: the study's contradictory ESV numbers are explained; the year control recolours the ESV-intensity grid map; the
// cell-size control redraws it with another number of cells.
import type {Page} from "playwright-core";
import {gridFills, stepRadio, waitForChange} from "../controls.js";

export const path = "/esv.html";

export async function check(page: Page): Promise<void> {
  // The default study's reported ESV start, end and fall contradict each other; the page says how.
  const disagree = await page.locator("#reported-esv-disagree").count();
  if (disagree !== 1) throw new Error(`the section on the study's disagreeing ESV numbers shows ${disagree} times, not once`);
  const before = await page.evaluate(gridFills);
  if (before.length === 0) throw new Error("the ESV-intensity map draws no cells");
  const year = await stepRadio(page, "esv-year", "ArrowLeft");
  const recoloured = await waitForChange(page, gridFills, before, `moving the year control to ${year} did not change the map's colours`);
  if (recoloured.length !== before.length)
    throw new Error(`moving the year changed the number of cells (${before.length} → ${recoloured.length})`);
  const count = () => document.querySelectorAll("figure.atlas-grid-map g.atlas-cells path").length;
  const n0 = await page.evaluate(count);
  const size = await stepRadio(page, "esv-cell-size", "ArrowRight");
  await waitForChange(page, count, n0, `choosing ${size} cells did not redraw the grid`, 30_000);
}
