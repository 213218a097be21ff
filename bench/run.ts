// `npm run bench [whole|raster|moran|pages] [--runs N] [--baseline DIR] [--skip …]`:
// each benchmark in its own process (so that its peak
// memory is its own), one after the other, results printed as JSON.
// Rasters: million pixel pairs per second for transitions and 1 km grid
// aggregation on a 16000 × 16000 DEFLATE tiled pair (target ≥ 150 M/s).
// LISA: bivariate local Moran with 999 permutations on 90,000 and
// 1,000,000 cells (targets < 2 s and < 30 s). Medians of several runs.
import {execFileSync} from "node:child_process";
import {join} from "node:path";

// whole: whole commands beside their references (bench/whole.ts; its options, such as --baseline DIR, pass through).
// study: a whole study beside GDAL + numpy reading and counting its rasters (bench/study.ts; --runs and --skip pass through).
// pages: each built page's time to its first chart and its bytes, against the readers' budgets (bench/pages.ts).
// dev: `npm run dev` on fresh copies, cold and warm, to the home page's first chart (bench/dev.ts).
const names = ["whole", "study", "raster", "moran", "pages", "dev"];
const takesOptions = new Set(["whole", "study", "pages", "dev"]);
const benches = names.filter((b) => !process.argv.slice(2).some((a) => names.includes(a)) || process.argv.includes(b));
const passThrough = process.argv.slice(2).filter((a) => !names.includes(a));
const results: Record<string, unknown> = {};
for (const b of benches) {
  process.stderr.write(`bench: ${b}…\n`);
  const out = execFileSync("node", ["--import", "tsx", join(import.meta.dirname, `${b}.ts`), ...(takesOptions.has(b) ? passThrough : [])], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"]
  });
  results[b] = JSON.parse(out);
}
process.stdout.write(JSON.stringify(results, null, 2) + "\n");
