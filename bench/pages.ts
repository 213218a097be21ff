// `npm run bench pages [--runs N]`: how fast each built page draws its first
// chart and how many bytes it fetches, against the budgets a reader is
// promised (test/browser/budgets.ts). Serves the built site (ATLAS_OUTPUT,
// default dist/; run `npm run build` first) on 127.0.0.1 and opens every page
// N times (default 5) in Debian's Chromium; prints JSON: per page the median
// and best time to the first chart, the bytes of the first visit, and whether
// each is within its budget. Times depend on the machine and its load, which
// is why they are measured here and not asserted by a test.
import {existsSync, readdirSync, statSync} from "node:fs";
import {join, relative} from "node:path";
import {parseArgs} from "node:util";
import {launch} from "../test/browser/chromium.js";
import {serve} from "../test/browser/serve.js";
import {inspectPage, RendererStalled} from "../test/browser/inspect-page.js";
import {byteBudget, FIRST_CHART_MS} from "../test/browser/budgets.js";

const {values} = parseArgs({options: {runs: {type: "string", default: "5"}}, strict: false});
const runs = Math.max(1, Number(values.runs) || 5);
const DIST = join(import.meta.dirname, "..", process.env.ATLAS_OUTPUT || "dist");
if (!existsSync(join(DIST, "index.html"))) throw new Error(`bench pages: no built site in ${DIST}; run npm run build first`);

function pages(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((e) => {
      const p = join(dir, e);
      if (e.startsWith("_")) return [];
      if (statSync(p).isDirectory()) return pages(p);
      return e.endsWith(".html") && e !== "404.html" ? ["/" + relative(DIST, p)] : [];
    })
    .sort();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : null;
};

const server = await serve(DIST);
const browser = await launch();
const shots = join(import.meta.dirname, "..", "test", "output", "bench");
const out: Record<string, unknown> = {};
try {
  for (const path of pages(DIST)) {
    const times: number[] = [];
    let bytes: number | null = null;
    for (let i = 0; i < runs; i++) {
      // A visit on which Chromium's compositor stalled gives no time (inspect-page.ts). Each visit is a new
      // browser context, so every visit fetches the whole page.
      const r = await inspectPage(browser, server.origin, path, {screenshotDir: shots, served: server}).catch((e) => {
        if (e instanceof RendererStalled) return null;
        throw e;
      });
      if (!r) continue;
      bytes ??= r.bytes;
      if (r.firstChartMs !== null) times.push(Math.round(r.firstChartMs));
      await r.page.context().close();
    }
    const firstChartMs = median(times);
    out[path] = {
      firstChartMs: {median: firstChartMs, best: times.length ? Math.min(...times) : null, runs: times.length, budget: FIRST_CHART_MS},
      bytes: {first: bytes, budget: byteBudget(path)},
      within: firstChartMs !== null && firstChartMs <= FIRST_CHART_MS && bytes !== null && bytes <= byteBudget(path)
    };
    process.stderr.write(`bench pages: ${path} ${JSON.stringify(out[path])}\n`);
  }
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(JSON.stringify(out) + "\n");
