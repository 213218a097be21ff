// Opens one built page and records everything a reader would trip over:
// console errors, page errors, failed requests, requests to other hosts,
// Framework cell errors, and charts that rendered no marks.
import type {Served} from "./serve.js";
import type {Browser, Page} from "playwright-core";
import {mkdirSync} from "node:fs";
import {join} from "node:path";

export interface PageReport {
  path: string;
  problems: string[];
  foreignRequests: string[];
  charts: {svg: number; emptySvg: string[]; canvas: number; blankCanvas: number; marks: number};
  bytes: number;
  requests: string[];
  firstChartMs: number | null;
  loadMs: number;
  page: Page;
}

/** Injected before any page script: notes when the first data mark appears. */
export const FIRST_MARK_PROBE = `
  window.__firstMark = null;
  new MutationObserver((_, obs) => {
    if (document.querySelector('svg g[aria-label] :is(rect,path,circle,line,image,polygon), canvas[data-drawn]')) {
      if (window.__firstMark === null) window.__firstMark = performance.now();
      obs.disconnect();
    }
  }).observe(document, {subtree: true, childList: true, attributes: true});
`;

/** Counts data marks in each chart: children of Plot's labelled groups that are not axes, grids or frames. */
function countCharts() {
  const nonData = /axis|grid|frame|tip|legend/i;
  const svgs = Array.from(document.querySelectorAll<SVGSVGElement>("#observablehq-main svg")).filter(
    (s) => !s.parentElement?.closest("svg") && s.getBoundingClientRect().width > 60
  );
  const emptySvg: string[] = [];
  let marks = 0;
  for (const svg of svgs) {
    let n = 0;
    const groups = svg.querySelectorAll("g[aria-label]");
    if (groups.length) {
      for (const g of groups)
        if (!nonData.test(g.getAttribute("aria-label") ?? "")) n += g.querySelectorAll("rect,path,circle,line,image,polygon,text").length;
    } else {
      n = svg.querySelectorAll("rect,path,circle,line,image,polygon").length;
    }
    marks += n;
    if (n === 0)
      emptySvg.push(
        svg.getAttribute("aria-label") ??
          svg.closest("figure")?.querySelector("figcaption")?.textContent?.slice(0, 60) ??
          "(unlabelled svg)"
      );
  }
  const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>("#observablehq-main canvas")).filter(
    (c) => c.width > 1 && c.height > 1
  );
  let blankCanvas = 0;
  for (const c of canvases) {
    const ctx = c.getContext("2d");
    if (!ctx) continue;
    const {data} = ctx.getImageData(0, 0, c.width, c.height);
    let drawn = false;
    for (let i = 3; i < data.length; i += 4 * 7)
      if (data[i] !== 0) {
        drawn = true;
        break;
      }
    if (!drawn) blankCanvas++;
  }
  return {svg: svgs.length, emptySvg, canvas: canvases.length, blankCanvas, marks};
}

export async function inspectPage(
  browser: Browser,
  origin: string,
  path: string,
  opts: {screenshotDir: string; width?: number; served?: Served}
): Promise<PageReport> {
  const context = await browser.newContext({viewport: {width: opts.width ?? 1280, height: 900}});
  const page = await context.newPage();
  const problems: string[] = [];
  const foreignRequests: string[] = [];
  const requests: string[] = [];
  let bytes = 0;
  await page.addInitScript(FIRST_MARK_PROBE);
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  const answered = new Set<string>();
  page.on("requestfailed", (r) => {
    if (foreignRequests.includes(r.url())) return;
    // Apache Arrow stops reading an IPC stream at its end-of-stream marker and
    // cancels the body; Chromium reports that as ERR_ABORTED although the
    // server had answered 200. Any other failure counts.
    if (r.failure()?.errorText === "net::ERR_ABORTED" && answered.has(r.url())) return;
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    else answered.add(r.url());
  });
  page.on("requestfinished", async (r) => {
    requests.push(r.url());
    const sizes = await r.sizes().catch(() => null);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  const served0 = opts.served?.bytes() ?? 0;
  const t0 = Date.now();
  await page.goto(origin + path, {waitUntil: "load"});
  await page.waitForLoadState("networkidle");
  // Let Framework's reactive cells settle (charts draw after data arrive).
  await page.waitForTimeout(300);
  const loadMs = Date.now() - t0;
  // The server's count is exact (Arrow streams cancelled by the reader count whole); the browser's is the fallback.
  if (opts.served) bytes = opts.served.bytes() - served0;
  const cellErrors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent ?? ""));
  for (const e of cellErrors) problems.push(`cell error: ${e.slice(0, 200)}`);
  const charts = await page.evaluate(countCharts);
  const firstChartMs = await page.evaluate(() => (window as unknown as {__firstMark: number | null}).__firstMark);
  try {
    await assertDrawing(page, path);
  } catch (e) {
    await context.close();
    throw e;
  }
  mkdirSync(opts.screenshotDir, {recursive: true});
  const name = (path.replace(/^\/|\.html$/g, "") || "index").replace(/[/]/g, "_");
  await page.screenshot({path: join(opts.screenshotDir, `${name}${opts.width ? "-" + opts.width : ""}.png`), fullPage: true});
  return {path, problems, foreignRequests, charts, bytes, requests, firstChartMs, loadMs, page};
}

/**
 * Scrolls the whole page, so that parts that load only when in view
 * (Framework's visibility()) load and draw, then collects their cell errors
 * and counts the charts again.
 */
export async function scrollThrough(report: PageReport, screenshot?: string): Promise<void> {
  const {page} = report;
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += 500) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 60));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
  const cellErrors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent ?? ""));
  for (const e of cellErrors) report.problems.push(`cell error: ${e.slice(0, 200)}`);
  // An inline expression that Markdown split (a block tag inside a multi-line ${…}) shows as raw source.
  const text = await page.evaluate(() => document.querySelector("#observablehq-main")?.textContent ?? "");
  for (const m of text.matchAll(/\$\{[^\n]{0,60}/g)) report.problems.push(`unrendered expression in the text: ${m[0]}`);
  // Markup in a plain template string nested in html`…` is escaped and shows as text.
  // (A bare "<i>" is left alone: the Data page writes column suffixes as "_<i>".)
  for (const m of text.matchAll(
    /(?:<a\s+href=|<\/(?:a|b|i|p|em|strong|span|div|code|ul|li)>|<(?:b|p|em|strong|span|div|code|ul|li)[\s>])[^\n]{0,60}/g
  ))
    report.problems.push(`markup shown as text: ${m[0]}`);
  // An object joined into a string ("[object HTMLElement]"), in the text, the tab's title, the footer or a tooltip or label.
  const shown = await page.evaluate(() =>
    [
      document.title,
      document.querySelector("#observablehq-main")?.textContent ?? "",
      document.querySelector("#observablehq-footer")?.textContent ?? "",
      ...Array.from(document.querySelectorAll("[title], [aria-label], [alt]"), (e) =>
        ["title", "aria-label", "alt"].map((a) => e.getAttribute(a) ?? "").join(" ")
      ),
      ...Array.from(document.querySelectorAll("svg title"), (e) => e.textContent ?? "")
    ].join("\n")
  );
  for (const m of shown.matchAll(/\[object [^\]\n]{0,40}\]?[^\n]{0,40}/g)) report.problems.push(`an object shown as text: ${m[0]}`);
  report.charts = await page.evaluate(countCharts);
  await assertDrawing(page, report.path);
  if (screenshot) {
    await settle(page, report.path);
    await page.screenshot({path: screenshot, fullPage: true});
  }
}

/**
 * Before a screenshot: cells that draw only once in view have drawn (no
 * Framework loading marker left) and every image, maps' rasters among them,
 * is decoded; a busy machine otherwise captures some half-drawn, a map with
 * its outline but not its raster. Gives up after 10 s: the screenshot is for
 * the eye, and what it shows is then what a slow reader sees.
 */
async function settle(page: Page, path: string): Promise<void> {
  await page
    .waitForFunction(() => document.querySelectorAll("observablehq-loading").length === 0, undefined, {timeout: 10_000})
    .catch(() => undefined);
  await page
    .evaluate(async () => {
      const sources = [
        ...Array.from(document.images, (img) => img.currentSrc || img.src),
        ...Array.from(document.querySelectorAll("svg image"), (img) => img.getAttribute("href") ?? "")
      ].filter(Boolean);
      await Promise.race([
        Promise.all(
          sources.map((src) => {
            const img = new Image();
            img.src = src;
            return img.decode().catch(() => undefined);
          })
        ),
        new Promise((resolve) => setTimeout(resolve, 10_000))
      ]);
    })
    .catch(() => undefined);
  await assertDrawing(page, path);
}

/**
 * Headless Chromium (software compositing) now and then stops drawing a page
 * for good: a trace shows a pending layer tree that never activates while
 * scripts still run, so no animation frame fires and a screenshot waits
 * forever. Seen on about one visit in fifteen to the ESV page, never on a
 * reader's browser. It is told apart from a slow page by asking for one
 * animation frame.
 */
export class RendererStalled extends Error {}

async function assertDrawing(page: Page, path: string): Promise<void> {
  const frame = page.evaluate("new Promise((resolve) => requestAnimationFrame(() => resolve(true)))");
  const drew = await Promise.race([frame, new Promise((resolve) => setTimeout(() => resolve(false), 5000))]);
  if (!drew) throw new RendererStalled(`${path}: Chromium drew no frame in 5 s (its compositor stalled)`);
}

/**
 * Opens a page and scrolls through it (inspectPage, then scrollThrough), in a
 * new browser context each time Chromium's compositor stalls, at most three
 * times. A page that stalls every time fails. The caller closes the page's
 * context.
 */
export async function visitPage(
  browser: Browser,
  origin: string,
  path: string,
  opts: {screenshotDir: string; width?: number; served?: Served},
  screenshot: string
): Promise<PageReport> {
  for (let attempt = 1; ; attempt++) {
    let report: PageReport | undefined;
    try {
      report = await inspectPage(browser, origin, path, opts);
      await scrollThrough(report, screenshot);
      return report;
    } catch (e) {
      await report?.page.context().close();
      if (!(e instanceof RendererStalled) || attempt === 3) throw e;
      process.stderr.write(`${(e as Error).message}; visiting it again in a new context (attempt ${attempt + 1} of 3)\n`);
    }
  }
}
