// Mutation testing (`npm run mutate`, StrykerJS with its vitest runner): every
// mutant Stryker makes of the modules below must fail a test, or be explained
// as equivalent in docs/mutation.md. Not part of `npm test`: a run of every
// module from empty takes hours on two cores (docs/mutation.md). Incremental: the result of each mutant is kept
// in .cache/stryker/incremental.json and reused while neither the mutant's code
// nor the tests covering it change, so a second run retests only what changed.
// One module: `npm run mutate -- --mutate src/lib/moran.ts`.
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  // The unit tests that exercise these modules in-process (test/mutation/vitest.config.ts
  // says which and why); `related` narrows each run to the files that import the mutated module.
  vitest: {configFile: "test/mutation/vitest.config.ts", related: true},
  coverageAnalysis: "perTest",
  // A static mutant (a module-level constant) is active from import, so every test must run
  // for it: a quarter of the mutants and four fifths of the time. They are left out.
  ignoreStatic: true,
  mutate: [
    "src/lib/moran.ts",
    "src/lib/carbon.ts",
    "src/lib/esv.ts",
    "src/lib/landuse.ts",
    "src/lib/claims.ts",
    "src/lib/patterns.ts",
    "src/lib/findings.ts",
    "src/lib/params.ts",
    "data-loaders/raster/counting.ts",
    "data-loaders/raster/lzw.ts",
    "data-loaders/raster/chunk-kernel.ts",
    "data-loaders/raster/mask.ts",
    "data-loaders/raster/fishnet.ts",
    "data-loaders/study/cache.ts",
    "data-loaders/study/packed-json.ts",
    "data-loaders/study/read-study.ts"
  ],
  // Generated and served files are not copied into the sandbox: a test that needs the
  // pipeline's cache makes its own there.
  ignorePatterns: ["dist", "dist-*", ".cache", "test/output", "src/.observablehq/cache", "reports"],
  tempDirName: ".cache/stryker/tmp",
  incremental: true,
  incrementalFile: ".cache/stryker/incremental.json",
  concurrency: 2,
  timeoutMS: 60_000,
  // the first run of every test, with coverage per test, on a busy two-core machine
  dryRunTimeoutMinutes: 20,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: {fileName: ".cache/stryker/mutation.html"},
  jsonReporter: {fileName: ".cache/stryker/mutation.json"},
  clearTextReporter: {allowColor: false, logTests: false, reportMutants: false},
  thresholds: {high: 90, low: 85, break: null}
};
