// `npm test`: every check the project has, in order, stopping at the first
// failure. Types, lint, formatting, dead code and import cycles, unit tests, a fresh build of the site, then
// browser tests on the built pages.
import {spawnSync} from "node:child_process";

interface Step {
  name: string;
  cmd: string[];
  env?: Record<string, string>;
}

/**
 * The second study: a fixture as unlike the default as the project can make
 * it (another continent and CRS, uneven epochs, fractional cells, no claims,
 * real data). The site is built and browsed on both.
 */
const SECOND = {ATLAS_STUDY: "test/fixtures/second-study/study.json", ATLAS_OUTPUT: "dist-second"};
const browse = ["node", "--import", "tsx", "--test", "--test-concurrency=1", "test/browser/pages.browser.ts"];

/** Where an import cycle is an error: every module of the site and the pipeline, type-only imports included. */
const CYCLE_SCOPE = ["src/**/*.ts", "src/**/*.js", "data-loaders/**/*.ts", "scripts/*.ts", "bench/*.ts"];

const steps: Step[] = [
  {name: "types (tsc --noEmit)", cmd: ["npx", "tsc", "--noEmit", "-p", "."]},
  {name: "lint (eslint)", cmd: ["npx", "eslint", "--max-warnings=0", "."]},
  {name: "format (prettier --check)", cmd: ["npx", "prettier", "--check", "--log-level=warn", "."]},
  // knip.ts says how the dead-code check is configured and why.
  {name: "dead code (knip)", cmd: ["npx", "knip", "--no-progress"]},
  {
    name: "dead code, shipped (knip --production)",
    cmd: ["npx", "knip", "--no-progress", "--production", "--include", "exports,types,files"]
  },
  {name: "import cycles (dpdm)", cmd: ["npx", "dpdm", "--no-tree", "--no-warning", "--exit-code", "circular:1", ...CYCLE_SCOPE]},
  {name: "unit tests (vitest)", cmd: ["npx", "vitest", "run"]},
  {name: "build (npm run build, default study)", cmd: ["npm", "run", "build"]},
  {name: "browser tests (default study)", cmd: browse},
  {name: "build (second study)", cmd: ["npm", "run", "build"], env: SECOND},
  {name: "browser tests (second study)", cmd: browse, env: SECOND}
];

const only = process.argv.slice(2);
const t0 = Date.now();
for (const step of steps) {
  if (only.length && !only.some((o) => step.name.startsWith(o))) continue;
  const t = Date.now();
  process.stderr.write(`\n▶ ${step.name}\n`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), {stdio: "inherit", env: {...process.env, ...step.env}});
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stderr.write(`\n✖ ${step.name} failed (exit ${r.status}) after ${secs} s\n`);
    process.exit(r.status ?? 1);
  }
  process.stderr.write(`✔ ${step.name} (${secs} s)\n`);
}
process.stderr.write(`\nall checks passed in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
