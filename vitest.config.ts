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
    // vitest's default number of workers (one on two cores): several tests wait on a whole study run
    // synchronously, and a worker that waits longer than a minute misses vitest's own messages and fails
    // the run ("Timeout calling onTaskUpdate"), as two workers on a loaded two-core machine did.
    pool: "forks"
  }
});
