import {availableParallelism} from "node:os";
import {defineConfig} from "vitest/config";

export default defineConfig({
  plugins: [
    {
      // Vitest writes a missing snapshot unless CI is set, so a deleted snapshot would pass
      // `npm test` by being written again. Here a missing one fails, CI or not; `vitest -u`
      // still writes (and rewrites) snapshots on purpose.
      name: "missing-snapshots-fail",
      configureVitest({vitest}) {
        if (vitest.config.snapshotOptions.updateSnapshot === "new") vitest.config.snapshotOptions.updateSnapshot = "none";
      }
    }
  ],
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    testTimeout: 120_000,
    pool: "forks",
    // At least two test files at a time, even on two cores (vitest's default there is one): the long tests
    // spend most of their time waiting on child processes (the atlas CLI, a dev server, Chromium, Rscript).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1
  }
});
