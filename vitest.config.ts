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
    // Two test files at a time (vitest's default is one on two cores): the long ones mostly wait on
    // child processes. Those waits are asynchronous (test/run-command.ts): a worker blocked in a
    // synchronous spawn for over a minute misses vitest's own messages and fails the run
    // ("Timeout calling onTaskUpdate"). Shared state (the pipeline's cache, the build) takes locks.
    pool: "forks",
    maxWorkers: 2,
    minWorkers: 1
  }
});
