// Fills Observable Framework's npm cache (src/.observablehq/cache/_npm) from
// node_modules so that `observable build` and `observable preview` never ask
// a CDN or the npm registry. Run by `npm run build` and `npm run dev`.
//
// Framework resolves `npm:name` imports (its implicit Plot, d3, Inputs,
// FileAttachment.arrow(), DuckDB) to /_npm/name@version/_esm.js and skips
// the download when that file already exists; version folders in the cache
// are read before the registry is asked. So each library is bundled here
// with esbuild into one self-contained ES module under that path.
//
// The pages' own imports of node_modules (`import * as Plot from
// "@observablehq/plot"` in src/components) Framework bundles with rollup into
// src/.observablehq/cache/_node on the first request that needs them: about 9 s
// on a 2-core machine, which a newcomer's first page would wait for. They are
// made here with Framework's own function, at install.
import {build} from "esbuild";
import {copyFile, cp, mkdir, readFile, writeFile, readdir, rm} from "node:fs/promises";
import {existsSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {resolveNodeImport} from "@observablehq/framework/dist/node.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cache = join(root, "src", ".observablehq", "cache", "_npm");

/** Libraries the pages and Framework's standard library import. */
const BUNDLED = [
  "@observablehq/plot",
  "d3",
  "d3-dsv",
  "apache-arrow",
  "htl",
  "isoformat",
  "@observablehq/inputs",
  "@duckdb/duckdb-wasm",
  "katex"
];

/** What the site's modules import from node_modules (src/components, src/lib); their dependencies follow. */
const NODE_IMPORTS = ["@observablehq/plot", "d3", "d3-dsv"];

/** Libraries whose pages import a default export (Framework's tex imports katex's default). */
const DEFAULT_EXPORT = new Set(["katex"]);

/** Files Framework's DuckDB client loads by URL from the duckdb-wasm package (the exception-handling build). */
const DUCKDB_FILES = ["duckdb-eh.wasm", "duckdb-browser-eh.worker.js"];
/**
 * The MVP build, for browsers without WebAssembly exception handling (none
 * current: DuckDB's selectBundle picks the exception-handling build wherever
 * it runs). Framework lists its files as downloads; empty stand-ins keep the
 * build offline without shipping 39 MB that no current browser loads. (Turning
 * the platform off in the config breaks Framework's DuckDB client.)
 */
const DUCKDB_UNUSED = ["duckdb-mvp.wasm", "duckdb-browser-mvp.worker.js"];

/**
 * Libraries that Framework's standard library names but this site does not
 * use. A version folder with no module in it stops Framework from asking
 * the registry for a version; if a page ever used one of them, the build
 * would fail loudly trying to download it, which is what we want offline.
 */
const UNUSED = [
  "arquero",
  "parquet-wasm",
  "sql.js",
  "lodash",
  "topojson-client",
  "vega",
  "vega-lite",
  "vega-lite-api",
  "@uwdata/vgplot",
  "jszip",
  "exceljs",
  "mermaid",
  "@viz-js/viz",
  "leaflet",
  "mapbox-gl",
  "echarts",
  "react",
  "react-dom",
  "@observablehq/sample-datasets"
];

/** node_modules/<name>, read directly: some packages do not export ./package.json. */
function packageDir(name: string): string {
  return join(root, "node_modules", name);
}

async function installedVersion(name: string): Promise<string> {
  const pkg = JSON.parse(await readFile(join(packageDir(name), "package.json"), "utf8")) as {version: string};
  return pkg.version;
}

async function bundle(name: string): Promise<void> {
  const version = await installedVersion(name);
  const dir = join(cache, `${name}@${version}`);
  const out = join(dir, "_esm.js");
  if (!existsSync(out)) {
    await build({
      stdin: {
        contents: DEFAULT_EXPORT.has(name) ? `export {default} from ${JSON.stringify(name)};` : `export * from ${JSON.stringify(name)};`,
        resolveDir: root,
        loader: "js"
      },
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      legalComments: "inline",
      outfile: out,
      logLevel: "error"
    });
  }
  if (name === "@duckdb/duckdb-wasm") {
    const dist = join(packageDir(name), "dist");
    await mkdir(join(dir, "dist"), {recursive: true});
    for (const f of DUCKDB_FILES) if (!existsSync(join(dir, "dist", f))) await copyFile(join(dist, f), join(dir, "dist", f));
    for (const f of DUCKDB_UNUSED) await writeFile(join(dir, "dist", f), "");
  }
  if (name === "katex") {
    // tex cells load katex.min.css, which loads its fonts by relative URL.
    await cp(join(packageDir(name), "dist", "katex.min.css"), join(dir, "dist", "katex.min.css"));
    await cp(join(packageDir(name), "dist", "fonts"), join(dir, "dist", "fonts"), {recursive: true});
  }
}

async function placeholder(name: string): Promise<void> {
  const parent = join(cache, dirname(name) === "." ? "" : dirname(name));
  const base = name.split("/").pop()!;
  const existing = existsSync(parent) ? await readdir(parent) : [];
  if (existing.some((e) => e.startsWith(`${base}@`))) return;
  await mkdir(join(cache, `${name}@0.0.0-offline`), {recursive: true});
  await writeFile(join(cache, `${name}@0.0.0-offline`, "README"), "Not bundled: this site does not use this library.\n");
}

// `--fresh` (used by `npm run build`): drop Framework's cached loader outputs (not the
// libraries in _npm and _node, which are keyed by their versions),
// because `observable build` reuses them even after a loader changed. The
// pipeline keeps its own content-keyed cache, so re-running loaders is cheap.
if (process.argv.includes("--fresh")) {
  for (const entry of existsSync(join(root, "src", ".observablehq", "cache"))
    ? await readdir(join(root, "src", ".observablehq", "cache"))
    : []) {
    if (entry !== "_npm" && entry !== "_node") await rm(join(root, "src", ".observablehq", "cache", entry), {recursive: true, force: true});
  }
  // The key of what those outputs were made from (scripts/dev.ts) no longer describes the cache.
  await rm(join(root, ".cache", "dev", "loaders.json"), {force: true});
}

await mkdir(cache, {recursive: true});
await Promise.all(BUNDLED.map(bundle));
await Promise.all(UNUSED.map(placeholder));
for (const spec of NODE_IMPORTS) await resolveNodeImport(join(root, "src"), spec);
process.stderr.write(`prepare-offline: ${BUNDLED.length} libraries bundled into ${cache}\n`);
