// The Methods page: formulas render as TeX (no KaTeX errors); the parameter
// tables are filled from study.json with units and citations that resolve
// to the source list; the cell-size and epoch controls (by keyboard) redo the
// browser recomputation of Moran's I, which must match the build's numbers.
import type {Page} from "playwright-core";

export const path = "/methods.html";

const TIMEOUT = 30_000;

async function waitChange(page: Page, read: () => Promise<string>, before: string, what: string): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const now = await read();
    if (now !== before) return now;
    if (Date.now() - t0 > TIMEOUT) throw new Error(`${what} did not change (still ${JSON.stringify(before.slice(0, 160))})`);
    await page.waitForTimeout(100);
  }
}

async function reproduced(page: Page): Promise<Record<string, [string, string]>> {
  return page.$$eval("#methods-reproduced tbody tr", (trs) =>
    Object.fromEntries(
      trs.map((tr) => {
        const cells = Array.from(tr.querySelectorAll("th, td"), (c) => (c.textContent ?? "").trim());
        return [cells[0], [cells[1], cells[2]]];
      })
    )
  );
}

function checkAgreement(rows: Record<string, [string, string]>, where: string): void {
  const num = (s: string) => Number(s.replace(/,/g, "").replace("\u2212", "-"));
  for (const key of ["Cells", "Moran's I", "p, pairs null", "z, pairs null", "p, y null", "z, y null"]) {
    const row = rows[key];
    if (!row) throw new Error(`${where}: no row "${key}" in the recomputation table`);
    const [browser, build] = row.map(num);
    if (!Number.isFinite(browser) || !Number.isFinite(build)) throw new Error(`${where}: ${key} is not numeric (${row.join(" / ")})`);
    if (Math.abs(browser - build) > 1e-6 * Math.max(1, Math.abs(build)))
      throw new Error(`${where}: ${key} recomputed in the browser is ${browser}, the build has ${build}`);
  }
}

export async function check(page: Page): Promise<void> {
  // 1. TeX
  await page.waitForSelector(".katex", {timeout: TIMEOUT});
  const katex = await page.locator("#observablehq-main .katex").count();
  const errors = await page.locator("#observablehq-main .katex-error").count();
  if (katex < 30) throw new Error(`only ${katex} TeX expressions rendered`);
  if (errors > 0) throw new Error(`${errors} TeX expressions failed to render`);

  // 2. parameter tables from study.json: values, units and citations that resolve
  const fuels = await page.$$eval("figure.atlas-param-table table[aria-label^='Standard-coal'] tbody tr", (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll("th, td"), (c) => (c.textContent ?? "").trim()))
  );
  if (fuels.length === 0) throw new Error("the fuel coefficient table is empty");
  for (const r of fuels)
    if (!(Number(r[1]) > 0) || !r[2].startsWith("kgce/") || !(Number(r[4]) > 0) || r[5] !== "t C/tce")
      throw new Error(`fuel row without value and unit: ${JSON.stringify(r)}`);
  const sources = await page.locator("#sources li").count();
  const cites = await page.$$eval("a.cite", (as) => as.map((a) => Number((a.textContent ?? "").replace(/[[\]]/g, ""))));
  if (!cites.length || cites.some((n) => !(n >= 1 && n <= sources)))
    throw new Error(`citations ${cites.join(",")} do not resolve to the ${sources} sources`);

  // 3. the recomputation (on request: it loads the full grid table) agrees with the build, and follows the controls
  await page.click("#methods-reproduce button");
  await page.waitForSelector("#methods-reproduced tbody tr", {timeout: TIMEOUT});
  const first = await reproduced(page);
  checkAgreement(first, "default grid");
  const nullLabel = async () => (await page.locator("#methods-null svg[aria-label^='Histograms']").getAttribute("aria-label")) ?? "";
  const label0 = await nullLabel();
  await page.locator("#methods-cell input[type=radio]:checked").focus();
  await page.keyboard.press("ArrowLeft");
  await waitChange(page, nullLabel, label0, "null-distribution chart after the cell-size key press");
  const second = await waitChange(
    page,
    async () => JSON.stringify(await reproduced(page)),
    JSON.stringify(first),
    "recomputation table after the cell-size key press"
  );
  const rows2 = JSON.parse(second) as Record<string, [string, string]>;
  checkAgreement(rows2, "second grid");
  if (rows2.Cells[0] === first.Cells[0]) throw new Error("a different cell size gave the same number of cells");

  const sigCaption = async () => (await page.locator("#methods-significance figcaption").textContent()) ?? "";
  const cap0 = await sigCaption();
  await page.locator("#methods-epoch input[type=radio]:checked").focus();
  await page.keyboard.press("ArrowLeft");
  await waitChange(page, sigCaption, cap0, "significance table after the epoch key press");
  await waitChange(page, async () => JSON.stringify(await reproduced(page)), second, "recomputation table after the epoch key press");
  checkAgreement(await reproduced(page), "second epoch");
}
