// The Review page's explorer: changing a coefficient recomputes
// the totals in the web worker, the state goes into the URL, reloading that
// URL restores it, and the reset button returns to the published parameters.
import assert from "node:assert/strict";
import type {Page} from "playwright-core";
import {readdirSync} from "node:fs";
import {join} from "node:path";

const DIST = join(import.meta.dirname, "..", "..", "..", process.env.ATLAS_OUTPUT || "dist");

export const path = "/review.html";

const WAIT = {timeout: 30_000};

/** The four totals the page writes beside the explorer (net carbon and ESV, first and last epoch). */
async function totals(page: Page): Promise<Record<string, string>> {
  return page.$$eval("#review-sensitivity-holds [data-total]", (els) =>
    Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.total, e.textContent ?? ""]))
  );
}

async function settled(page: Page): Promise<void> {
  // The explorer starts when it comes into view (it loads the full grid table).
  await page.locator("#review-sensitivity-controls").scrollIntoViewIfNeeded();
  await page.waitForSelector('#review-sensitivity-status[data-status="done"]', WAIT);
  await page.waitForSelector("#review-sensitivity-holds [data-total='net-last']", WAIT);
}

/** Waits until the totals differ from `before` (the worker answered the change). */
async function changedFrom(page: Page, before: Record<string, string>): Promise<Record<string, string>> {
  await page.waitForFunction(
    (b) => {
      const now = Object.fromEntries(
        Array.from(document.querySelectorAll<HTMLElement>("#review-sensitivity-holds [data-total]"), (e) => [
          e.dataset.total,
          e.textContent
        ])
      );
      return Object.keys(b).some((k) => now[k] !== b[k]) && document.querySelector('#review-sensitivity-status[data-status="done"]');
    },
    before,
    WAIT
  );
  return totals(page);
}

export async function check(page: Page): Promise<void> {
  const problems: string[] = [];
  page.on("console", (m) => {
    // Chromium asks for /favicon.ico after a reload; the site has none, which is not the page's fault.
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));

  await settled(page);
  assert.ok(page.workers().length >= 1, "the explorer runs no web worker");
  const status = await page.textContent("#review-sensitivity-status");
  assert.match(status ?? "", /in the worker/, `unexpected status: ${status}`);
  const published = await totals(page);
  const forest0 = await page.inputValue('input[name="c.forest"]');
  const e0 = await page.inputValue('input[name="E"]');
  assert.equal(new URL(page.url()).search, "", "the published state should leave the URL without a query");

  // A land-use carbon coefficient: net carbon changes, ESV does not.
  await page.fill('input[name="c.forest"]', "-0.581");
  const afterForest = await changedFrom(page, published);
  assert.notEqual(afterForest["net-first"], published["net-first"], "net carbon did not change with the forest coefficient");
  assert.equal(afterForest["esv-first"], published["esv-first"], "ESV changed with a carbon coefficient");

  // E: ESV changes.
  await page.fill('input[name="E"]', "3000");
  const changed = await changedFrom(page, afterForest);
  assert.notEqual(changed["esv-first"], published["esv-first"], "ESV did not change with E");

  const url = new URL(page.url());
  assert.equal(url.searchParams.get("c.forest"), "-0.581", `URL does not hold the forest coefficient: ${url}`);
  assert.equal(url.searchParams.get("E"), "3000", `URL does not hold E: ${url}`);

  // Reload with that URL: the same state and the same totals.
  await page.goto(url.href, {waitUntil: "load"});
  await settled(page);
  assert.equal(await page.inputValue('input[name="c.forest"]'), "-0.581", "forest coefficient not restored from the URL");
  assert.equal(await page.inputValue('input[name="E"]'), "3000", "E not restored from the URL");
  await page.waitForFunction(
    (want) => document.querySelector("#review-sensitivity-holds [data-total='esv-first']")?.textContent === want,
    changed["esv-first"],
    WAIT
  );
  assert.deepEqual(await totals(page), changed, "totals after reload differ from the shared view");

  // Reset: published parameters, totals and a clean URL.
  await page.click("button.atlas-explorer-reset");
  const reset = await changedFrom(page, changed);
  assert.deepEqual(reset, published, "reset did not return to the published totals");
  assert.equal(await page.inputValue('input[name="c.forest"]'), forest0, "reset did not restore the forest coefficient");
  assert.equal(await page.inputValue('input[name="E"]'), e0, "reset did not restore E");
  assert.equal(new URL(page.url()).search, "", `reset left a query in the URL: ${page.url()}`);

  // The manifest check hashes every served output in the browser and reports on each.
  // It sets data-same and data-differ when it has finished; every file must be the same.
  await page.click("#review-manifest-check button");
  await page.waitForSelector("#review-manifest-check[data-same]", WAIT);
  const checked = await page.$$eval("#review-manifest-check tbody tr", (trs) => trs.length);
  // every file the pipeline serves under data/: not the manifest itself, nor the story's number check (made from the story's text, not by the pipeline)
  const served = readdirSync(join(DIST, "_file", "data")).filter((f) => !f.startsWith("manifest.") && !f.startsWith("story-check.")).length;
  assert.equal(checked, served, `the manifest check listed ${checked} files; the site serves ${served}`);
  const verdict = await page.$eval("#review-manifest-check", (el) => ({
    same: (el as HTMLElement).dataset.same,
    differ: (el as HTMLElement).dataset.differ,
    status: el.querySelector("[role=status]")?.textContent ?? ""
  }));
  assert.deepEqual(
    [verdict.same, verdict.differ],
    [String(served), "0"],
    `the manifest check found served files that differ from the manifest: ${verdict.status}`
  );

  assert.deepEqual(problems, [], "problems while using the explorer");
}
