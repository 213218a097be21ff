// Browser tests: serve dist/ on 127.0.0.1 and open every built page in
// headless Chromium. Run by `npm test` after the build (node's test runner).
import {describe, test, before, after} from "node:test";
import assert from "node:assert/strict";
import {readdirSync, readFileSync, statSync, writeFileSync, mkdirSync} from "node:fs";
import {join, relative} from "node:path";
import type {Browser} from "playwright-core";
import {serve, type Served} from "./serve.js";
import {launch, chromiumMissing} from "./chromium.js";
import {visitPage} from "./inspect-page.js";
import {byteBudget} from "./budgets.js";
import {INTERACTIONS} from "./interactions.js";
import {checkLinkedHover, checkMapFurniture, checkNoTraceOfDefault, secondTitle} from "./second-study.js";
import {check as checkCarbon} from "./interactions/carbon.js";
import {checkImageDownloads} from "./controls.js";
import {readStory} from "../../data-loaders/site/story.js";
import {checkStoryPage} from "./story.js";

// The site of the study named by ATLAS_STUDY, built into ATLAS_OUTPUT (default: the embedded study in dist/).
const ROOT = join(import.meta.dirname, "..", "..");
const DIST = join(ROOT, process.env.ATLAS_OUTPUT || "dist");
const SECOND = !!process.env.ATLAS_STUDY;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {atlas: {defaultStudy: string}};
const OUT = join(import.meta.dirname, "..", "output", SECOND ? "second-study" : "default-study");
const SHOTS = join(OUT, "screenshots");
/** Where a page's full-length screenshot goes (after scrolling, so that everything has drawn). */
const shot = (path: string, width?: number) =>
  join(SHOTS, `${(path.replace(/^\/|\.html$/g, "") || "index").replace(/[/]/g, "_")}${width ? `-${width}` : ""}.png`);
/** The study's own story pages, as built: its first page is /index.html, the others /story/<slug>.html. */
const story = readStory(process.env.ATLAS_STUDY ? join(ROOT, process.env.ATLAS_STUDY) : join(ROOT, pkg.atlas.defaultStudy));
const STORY = new Set((story?.pages ?? []).map((p) => (p.path === "/" ? "/index.html" : `${p.path}.html`)));
/** Where the generated overview is: the home page of a study without a story, /overview otherwise. */
const OVERVIEW = story ? "/overview.html" : "/index.html";

function htmlPages(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (entry.startsWith("_")) continue;
    if (statSync(p).isDirectory()) out.push(...htmlPages(p));
    else if (entry.endsWith(".html") && entry !== "404.html") out.push("/" + relative(DIST, p));
  }
  return out.sort();
}

const missing = chromiumMissing();
if (missing) {
  const message = `BROWSER TESTS SKIPPED: ${missing}`;
  process.stderr.write(`\n${"!".repeat(message.length)}\n${message}\n${"!".repeat(message.length)}\n\n`);
  if (process.env.CI === "true") {
    test("chromium is installed (required when CI=true)", () => assert.fail(missing));
  } else {
    test("browser tests", {skip: missing}, () => {});
  }
} else {
  const pages = htmlPages(DIST);
  /**
   * One server per page visited at once: a server counts the bytes it sends, exactly (Arrow streams the reader
   * cancels count whole), which is a page's weight only when no other page is fetching from it meanwhile.
   */
  const CONCURRENCY = 2;
  const servers: Served[] = [];
  const free: Served[] = [];
  async function withServer<T>(visit: (server: Served) => Promise<T>): Promise<T> {
    const server = free.pop();
    if (!server) throw new Error("more pages visited at once than servers");
    try {
      return await visit(server);
    } finally {
      free.push(server);
    }
  }
  let browser: Browser;
  const metrics: Record<string, unknown> = {};

  before(async () => {
    for (let i = 0; i < CONCURRENCY; i++) servers.push(await serve(DIST));
    free.push(...servers);
    browser = await launch();
  });
  after(async () => {
    mkdirSync(OUT, {recursive: true});
    writeFileSync(join(OUT, "browser-metrics.json"), JSON.stringify(metrics, null, 2));
    await browser?.close();
    for (const server of servers) await server.close();
  });

  test("the build has pages", () => assert.ok(pages.length > 0, `no HTML pages in ${DIST}; run npm run build first`));

  // Two pages at a time, each in a browser context of its own: a visit waits on the page as much as it works
  // (its fetches, its charts drawn as they scroll into view), and no check depends on another's state.
  describe("every page", {concurrency: CONCURRENCY}, () => {
    for (const path of pages) {
      test(`page ${path} at 375 px: no error, no sideways scroll of the page`, async () => {
        await withServer(async (server) => {
          const report = await visitPage(browser, server.origin, path, {screenshotDir: SHOTS, width: 375}, shot(path, 375));
          try {
            assert.deepEqual(report.problems, [], `problems on ${path} at 375 px`);
            const overflow = await report.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert.ok(overflow <= 1, `${path} scrolls sideways by ${overflow} px at 375 px`);
          } finally {
            await report.page.context().close();
          }
        });
      });
      test(`page ${path}: loads cleanly, draws its charts, asks no other host`, async () => {
        // Opened and scrolled through, so that what loads when scrolled into view must draw cleanly too.
        // The server stays this page's while its checks run: they may fetch more (downloads, a view in the address).
        await withServer(async (server) => {
          const report = await visitPage(browser, server.origin, path, {screenshotDir: SHOTS, served: server}, shot(path));
          try {
            metrics[path] = {
              bytes: report.bytes,
              loadMs: report.loadMs,
              firstChartMs: report.firstChartMs,
              charts: report.charts,
              requests: report.requests.length
            };
            assert.deepEqual(report.foreignRequests, [], `requests to other hosts from ${path}`);
            assert.deepEqual(report.problems, [], `problems on ${path}`);
            assert.deepEqual(report.charts.emptySvg, [], `charts with no marks on ${path}`);
            assert.equal(report.charts.blankCanvas, 0, `blank canvases on ${path}`);
            // A story page is its author's: it may have no figure at all.
            if (!STORY.has(path)) assert.ok(report.charts.svg + report.charts.canvas > 0, `${path} shows no chart at all`);
            await checkMapFurniture(report.page, path);
            if (SECOND) {
              await checkNoTraceOfDefault(report.page, path);
              // The checks that hold for any study: a view in the address, downloads, linked hover.
              if (path === "/carbon.html") await checkCarbon(report.page);
              if (path === OVERVIEW) await checkImageDownloads(report.page, "figure.atlas-finding-carbon");
              if (path === "/coupling.html") await checkLinkedHover(report.page);
              // A study with no claims has nothing to disagree with.
              if (path === "/esv.html")
                assert.equal(
                  await report.page.locator("#reported-esv-disagree").count(),
                  0,
                  "the ESV disagreement section shows without a claim"
                );
            } else {
              const interact = INTERACTIONS[path === OVERVIEW ? "overview" : path];
              if (interact) await interact(report.page);
            }
            // Weight as a reader feels it (budgets.ts). The time to the first chart depends on the machine's load,
            // so it is no test verdict: `npm run bench pages` reports it.
            assert.ok(
              report.bytes <= byteBudget(path),
              `${path} fetched ${(report.bytes / 1e6).toFixed(2)} MB; it may fetch at most ${byteBudget(path) / 1e6} MB`
            );
            if (SECOND && path === OVERVIEW) {
              const h1 = await report.page.textContent("h1");
              assert.equal(h1?.trim(), secondTitle(), "the Overview's title is the study's");
            }
            if (STORY.has(path)) {
              const source = story!.pages.find((p) => path === (p.path === "/" ? "/index.html" : `${p.path}.html`))!;
              await checkStoryPage(report.page, path, source, !SECOND);
            }
          } finally {
            await report.page.context().close();
          }
        });
      });
    }
  });
}
