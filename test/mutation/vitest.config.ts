// The tests `npm run mutate` (stryker.config.mjs) runs against each mutant: the
// unit tests that call the mutated modules in the test's own process. Left out:
// tests that reach these modules only through a child process (the `atlas`
// CLI, Rscript) or a worker thread, where Stryker's active mutant is not
// switched on, and tests that run a whole study (pipeline-cache.test.ts among
// them), which would take minutes per mutant and read the pipeline's cache,
// keyed by the (unchanged) source. data-loaders/study/cache.ts has an
// in-process test of its own, study-cache.test.ts. study-pass.test.ts runs the
// second study's small rasters inline (and once on two threads): the only test
// of the kernel's parts of the boundary and display majority.
import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "test/moran.test.ts",
      "test/moran-degenerate.test.ts",
      "test/lisa-quadrants.test.ts",
      "test/moran-inputs.test.ts",
      "test/moran-ties.test.ts",
      "test/carbon-esv.test.ts",
      "test/raster-landuse.test.ts",
      "test/claims.test.ts",
      "test/claims-rows.test.ts",
      "test/patterns.test.ts",
      "test/patterns-bounds.test.ts",
      "test/findings.test.ts",
      "test/findings-epochs.test.ts",
      "test/params.test.ts",
      "test/study-cache.test.ts",
      "test/packed-json.test.ts",
      "test/raster-fixtures.test.ts",
      "test/raster-geometry.test.ts",
      "test/raster-counting.test.ts",
      "test/raster-lzw.test.ts",
      "test/raster-mask.test.ts",
      "test/raster-fishnet.test.ts",
      "test/raster-majority.test.ts",
      "test/study-pass.test.ts",
      "test/raster-zones.test.ts"
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
});
