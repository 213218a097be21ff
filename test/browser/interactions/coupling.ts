// The Coupling page: the epoch and cell-size controls (driven by keyboard and
// by click) redraw the Moran scatterplot and the LISA map; hovering a cell
// shows its composition and p; the not-significant toggle and the null-model
// control change the cluster-flow and scale charts.
import type {Page} from "playwright-core";

export const path = "/coupling.html";

const TIMEOUT = 15_000;

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().getAttribute("aria-label")) ?? "";
}

async function waitChange(page: Page, read: () => Promise<string>, before: string, what: string): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const now = await read();
    if (now !== before) return now;
    if (Date.now() - t0 > TIMEOUT) throw new Error(`${what} did not change (still ${JSON.stringify(before.slice(0, 120))})`);
    await page.waitForTimeout(100);
  }
}

export async function check(page: Page): Promise<void> {
  const lisaSvg = "#coupling-lisa figure svg[aria-label^='LISA cluster map']";
  const scatterSvg = "#coupling-scatter figure svg[aria-label^='Bivariate Moran scatterplot']";
  await page.waitForSelector(lisaSvg, {timeout: TIMEOUT});
  await page.waitForSelector(scatterSvg, {timeout: TIMEOUT});

  // 1. epoch by keyboard: focus the checked radio, move to the previous epoch
  const lisaBefore = await text(page, lisaSvg);
  const scatterBefore = await text(page, scatterSvg);
  await page.locator("#coupling-epoch input[type=radio]:checked").focus();
  await page.keyboard.press("ArrowLeft");
  const lisaAfter = await waitChange(page, () => text(page, lisaSvg), lisaBefore, "LISA map label after the epoch key press");
  const scatterAfter = await waitChange(
    page,
    () => text(page, scatterSvg),
    scatterBefore,
    "Moran scatterplot label after the epoch key press"
  );
  const epochNow = await page.locator("#coupling-epoch input[type=radio]:checked").inputValue();
  const epochLabel = await page.locator("#coupling-epoch input[type=radio]:checked").evaluate((el) => el.parentElement?.textContent ?? "");
  if (!lisaAfter.includes(epochLabel.trim()))
    throw new Error(`LISA map shows ${JSON.stringify(lisaAfter)} but the epoch control says ${epochLabel} (value ${epochNow})`);
  if (!scatterAfter.includes(epochLabel.trim()))
    throw new Error(`scatterplot shows ${JSON.stringify(scatterAfter)}, expected ${epochLabel}`);
  const descBefore = (await page.locator(lisaSvg).getAttribute("aria-description")) ?? "";

  // 2. cell size by click: the coarsest size has far fewer cells
  const cellsBefore = await page.locator(`${lisaSvg} g.atlas-cells path`).count();
  const radios = page.locator("#coupling-cell input[type=radio]");
  const n = await radios.count();
  if (n < 2) throw new Error(`expected several cell sizes, found ${n}`);
  await radios.nth(n - 1).click();
  const coarse = await waitChange(page, () => text(page, lisaSvg), lisaAfter, "LISA map label after choosing the coarsest cell size");
  const sizeLabel = ((await radios.nth(n - 1).evaluate((el) => el.parentElement?.textContent ?? "")) || "").trim();
  if (!coarse.includes(`${sizeLabel} cells`)) throw new Error(`LISA map shows ${JSON.stringify(coarse)} after choosing ${sizeLabel}`);
  const cellsAfter = await page.locator(`${lisaSvg} g.atlas-cells path`).count();
  if (!(cellsAfter > 0 && cellsAfter < cellsBefore))
    throw new Error(`LISA map drew ${cellsAfter} cells at ${sizeLabel}, ${cellsBefore} before: expected fewer, coarser cells`);
  const descAfter = (await page.locator(lisaSvg).getAttribute("aria-description")) ?? "";
  if (descAfter === descBefore) throw new Error("LISA map description (cluster counts) did not change with the cell size");

  // 3. hover a cell: the tooltip shows its cluster, p and both intensities
  const cell = page.locator(`${lisaSvg} g.atlas-cells path`).nth(Math.floor(cellsAfter / 2));
  await cell.scrollIntoViewIfNeeded();
  const box = await cell.boundingBox();
  if (!box) throw new Error("no bounding box for a LISA cell");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tip = page.locator(`${lisaSvg} g[aria-label=tip]`);
  const t0 = Date.now();
  let tipText = "";
  while (Date.now() - t0 < TIMEOUT) {
    tipText = (await tip.textContent()) ?? "";
    if (tipText.includes("Pseudo p")) break;
    await page.waitForTimeout(100);
  }
  if (!/Pseudo p/.test(tipText) || !/Carbon intensity/.test(tipText) || !/ESV intensity/.test(tipText))
    throw new Error(`hovering a LISA cell showed ${JSON.stringify(tipText)}; expected its p and both intensities`);

  // 3b. linked hover: the cell under the pointer on the LISA map is outlined on the carbon and ESV maps too
  const linked = await page.evaluate(() =>
    ["#coupling-carbon", "#coupling-esv", "#coupling-lisa"].map((id) => document.querySelectorAll(`${id} path.atlas-linked`).length)
  );
  if (linked.join() !== "1,1,1")
    throw new Error(`hovering a LISA cell outlined ${linked.join("/")} cells on the carbon/ESV/LISA maps; expected one on each`);
  await page.mouse.move(0, 0);

  // 4. the not-significant toggle changes the cluster flows
  const flowsSvg = "figure.atlas-cluster-flows svg[aria-label^='Alluvial']";
  const nodes = async () => String(await page.locator(`${flowsSvg} g.atlas-nodes rect`).count());
  const nodesBefore = await nodes();
  await page.locator("#coupling-hide-ns input").press("Space");
  await waitChange(page, nodes, nodesBefore, "cluster-flow nodes after the not-significant toggle");

  // 5. the null-model control changes the scale chart
  const scaleCaption = async () => (await page.locator("figure.atlas-scale-chart figcaption").first().textContent()) ?? "";
  const capBefore = await scaleCaption();
  await page.locator("#coupling-null input[type=radio]:not(:checked)").first().click();
  await waitChange(page, scaleCaption, capBefore, "scale chart caption after switching the null model");
}
