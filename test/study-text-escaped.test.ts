// A study file is data: whoever hands an author a study file must not be able
// to put markup or a script on their site. Builds the second study with every
// free-text field of its study file (title, short title, region, citation,
// notes, sources, fuel labels) and its boundary's names holding markup and a
// script, then opens every built page in Debian's Chromium: the script never
// runs, no element is made from the markup, and the text shows as typed
// (`<`, `&` and quotes in the title too) in the page, its <title>, the footer,
// and a chart's SVG export stays well-formed with no markup in it.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {chromiumMissing, launch} from "./browser/chromium.js";
import {serve, type Served} from "./browser/serve.js";
import {run} from "./run-command.js";

const ROOT = join(import.meta.dirname, "..");
const missing = chromiumMissing();
if (missing && process.env.CI === "true") throw new Error(missing);

/** Markup, an entity-looking ampersand, both quotes and two ways to run a script. */
const PAYLOAD = `<b>bold</b> & "dq" 'sq' &amp; <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;
const OUTPUT = "dist-study-text";

/** Every free-text string of the study file gets the payload (paths, keys, codes and units are left alone). */
function hostile(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => hostile(v));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "inputs" ? v : hostile(v, k)]));
  if (typeof value === "string" && /^(title|shortTitle|region|note|source|label|authors|published)$/.test(key))
    return `${value} ${PAYLOAD}`;
  return value;
}

describe.skipIf(!!missing)("text from a study file is shown as text, never run", () => {
  const dir = mkdtempSync(join(tmpdir(), "atlas-text-"));
  let served: Served;
  let browser: Browser;
  let title = "";

  beforeAll(async () => {
    cpSync(join(ROOT, "test", "fixtures", "second-study"), dir, {recursive: true});
    const study = hostile(JSON.parse(readFileSync(join(dir, "study.json"), "utf8"))) as {study: Record<string, unknown>};
    study.study.shortTitle = `Short ${PAYLOAD}`;
    study.study.citation = {authors: `A. Author ${PAYLOAD}`, title: `Paper ${PAYLOAD}`, note: `Note ${PAYLOAD}`};
    title = study.study.title as string;
    writeFileSync(join(dir, "study.json"), JSON.stringify(study, null, 2));
    const boundary = JSON.parse(readFileSync(join(dir, "boundary.geojson"), "utf8")) as {features: {properties: {name: string}}[]};
    for (const f of boundary.features) f.properties.name = `${f.properties.name} ${PAYLOAD}`;
    writeFileSync(join(dir, "boundary.geojson"), JSON.stringify(boundary));

    const build = await run("npm", ["run", "build"], {
      cwd: ROOT,
      env: {...process.env, ATLAS_STUDY: join(dir, "study.json"), ATLAS_OUTPUT: OUTPUT},
      timeout: 1_500_000
    });
    if (build.status !== 0) throw new Error(`the build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
    served = await serve(join(ROOT, OUTPUT));
    browser = await launch();
  }, 1_600_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
    rmSync(dir, {recursive: true, force: true});
    rmSync(join(ROOT, OUTPUT), {recursive: true, force: true});
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(served.origin + path, {waitUntil: "load", timeout: 120_000});
    await page.waitForLoadState("networkidle", {timeout: 120_000});
    await page.evaluate(async () => {
      // parts drawn when scrolled into view draw too
      for (let y = 0; y < document.documentElement.scrollHeight; y += 500) {
        window.scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await page.waitForLoadState("networkidle", {timeout: 120_000});
    return page;
  }

  it("on every page: no script from the study runs, no element is made from its markup, and it shows as typed", async () => {
    const pages = readdirSync(join(ROOT, OUTPUT))
      .filter((f) => f.endsWith(".html") && f !== "404.html")
      .map((f) => `/${f}`);
    expect(pages.length).toBeGreaterThan(5);
    for (const path of pages) {
      const page = await open(path);
      try {
        const seen = await page.evaluate(() => ({
          pwned: (window as unknown as {__pwned?: number}).__pwned ?? null,
          made:
            document.querySelectorAll("img[src='x'], [onerror]").length +
            Array.from(document.querySelectorAll("b"), (b) => b.textContent).filter((t) => t === "bold").length,
          scripts: Array.from(document.scripts, (s) => s.textContent ?? "").filter((t) => t.includes("__pwned")).length,
          title: document.title,
          footer: document.querySelector("#observablehq-footer")?.textContent ?? "",
          text: document.body.textContent ?? ""
        }));
        expect(seen.pwned, `${path}: a script from the study file ran`).toBeNull();
        expect(seen.scripts, `${path}: a <script> made from the study file`).toBe(0);
        expect(seen.made, `${path}: elements made from the study file's markup`).toBe(0);
        expect(seen.footer, `${path}: footer`).toContain(title);
        expect(seen.title, `${path}: <title>`).toContain(`Short ${PAYLOAD}`);
        expect(seen.text, `${path}: an entity in the study's text is shown as typed`).not.toContain(`& "dq" 'sq' & <script>`);
      } finally {
        await page.close();
      }
    }
  }, 600_000);

  it("the Overview's heading is the title as typed; a chart's SVG export is well-formed and holds no markup from the study", async () => {
    const page = await open("/overview.html"); // the generated overview (this study also has a story, at /index.html)
    try {
      expect((await page.textContent("h1"))?.trim()).toBe(title);
    } finally {
      await page.close();
    }
    const carbon = await open("/carbon.html");
    try {
      const figure = carbon.locator("figure.atlas-energy-bars").first();
      await figure.waitFor({timeout: 60_000});
      const button = figure.locator(`button.atlas-download[data-format="svg"]`).first();
      await button.scrollIntoViewIfNeeded();
      const [download] = await Promise.all([carbon.waitForEvent("download", {timeout: 30_000}), button.click()]);
      const chunks: Buffer[] = [];
      for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
      const svg = Buffer.concat(chunks).toString("utf8");
      const parsed = await carbon.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, "image/svg+xml");
        return {
          error: doc.querySelector("parsererror")?.textContent ?? null,
          scripts: doc.querySelectorAll("script, img, [onerror]").length,
          text: doc.documentElement.textContent ?? ""
        };
      }, svg);
      expect(parsed.error).toBeNull();
      expect(parsed.scripts).toBe(0);
      expect(parsed.text).toContain("Raw coal");
    } finally {
      await carbon.close();
    }
  }, 300_000);
});
