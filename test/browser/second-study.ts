// What a page built on another study must not show: any place name or
// reported number of the default study. The words and numbers are read from
// the default study's own files, so this list needs no upkeep.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {Page} from "playwright-core";

const ROOT = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {atlas: {defaultStudy: string}};
const DEFAULT_DIR = join(ROOT, pkg.atlas.defaultStudy, "..");
const json = (f: string) => JSON.parse(readFileSync(join(DEFAULT_DIR, f), "utf8"));

/** Place names of the default study: its places, rivers and the parts of its boundary, and the words of its region. */
function defaultWords(): string[] {
  const names = (f: string, keys: string[]) =>
    (json(f).features as {properties: Record<string, unknown>}[])
      .flatMap((x) => keys.map((k) => x.properties[k]))
      .filter((v): v is string => typeof v === "string");
  const study = json("study.json").study as {region: string};
  const regionWords = study.region.match(/\b[A-Z][a-z]{4,}\b/g) ?? [];
  return [
    ...new Set([
      ...names("cities.geojson", ["name"]),
      ...names("rivers.geojson", ["name"]),
      ...names("boundary.geojson", ["name_en", "city"]),
      ...regionWords
    ])
  ].filter((w) => !["Main", "China", "District"].includes(w));
}

/** The default study's reported numbers as a page would print them (two decimals, grouped). */
function defaultNumbers(): string[] {
  const claims = json("claims.json").claims as {reported?: unknown}[];
  const fmt = new Intl.NumberFormat("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
  return claims.flatMap((c) => (typeof c.reported === "number" ? [fmt.format(Math.abs(c.reported))] : []));
}

const WORDS = defaultWords();
const NUMBERS = defaultNumbers();

export function secondTitle(): string {
  return (JSON.parse(readFileSync(join(ROOT, process.env.ATLAS_STUDY!), "utf8")) as {study: {title: string}}).study.title;
}

export async function checkNoTraceOfDefault(page: Page, path: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText + " " + document.title);
  const words = WORDS.filter((w) => new RegExp(`\\b${w}\\b`).test(text));
  assert.deepEqual(words, [], `${path} names places of the default study`);
  const numbers = NUMBERS.filter((n) => text.includes(n));
  assert.deepEqual(numbers, [], `${path} shows reported numbers of the default study`);
  // provenance fields may say "Reconstruction: no"; no notice, badge or sentence may call the data reconstructed
  assert.ok(
    !/reconstructed data|calibrated reconstruction|are a reconstruction/i.test(text),
    `${path} calls the data a reconstruction, but the study says reconstructed: false`
  );
}

/** Every map on a page carries a scale bar and a north arrow (checked on both studies). */
export async function checkMapFurniture(page: Page, path: string): Promise<void> {
  const missing = await page.$$eval(
    "figure.atlas-grid-map, figure.atlas-lisa-map, figure.atlas-land-cover-map, figure.atlas-study-area-map",
    (figs) =>
      figs
        .filter((f) => !f.closest(".atlas-multiples"))
        .filter((f) => !f.querySelector(".atlas-scale-bar") || !f.querySelector(".atlas-north-arrow"))
        .map((f) => f.getAttribute("aria-label") ?? f.className)
  );
  assert.deepEqual(missing, [], `${path}: maps without a scale bar or north arrow`);
}

/** Linked hover on the Coupling page: a cell pointed at on the LISA map is outlined on all three maps. */
export async function checkLinkedHover(page: Page): Promise<void> {
  const cell = page.locator("#coupling-lisa g.atlas-cells path").first();
  await cell.scrollIntoViewIfNeeded();
  const box = await cell.boundingBox();
  if (!box) throw new Error("no LISA cell to point at");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelectorAll("#coupling-lisa path.atlas-linked").length === 1, null, {timeout: 15_000});
  const linked = await page.evaluate(() =>
    ["#coupling-carbon", "#coupling-esv", "#coupling-lisa"].map((id) => document.querySelectorAll(`${id} path.atlas-linked`).length)
  );
  assert.equal(linked.join(), "1,1,1", `pointing at a LISA cell outlined ${linked.join("/")} cells on the carbon/ESV/LISA maps`);
  await page.mouse.move(0, 0);
}
