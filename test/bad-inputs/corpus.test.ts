// The bad-input corpus (cases.ts) through the in-process CLI commands, plus a
// handful through the real `atlas` process for exit codes and a clean stdout.
// Every case also proves that its inputs were left as they were: the same
// files, byte for byte, and none added or removed.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {buildCase, fingerprint, type CaseDir} from "./build.js";
import {CASES, type Case, type StudyOutput} from "./cases.js";

const ROOT = join(import.meta.dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "atlas-corpus-"));
// read by cache.ts when first imported: the corpus's cache lives outside every case's folder
process.env.ATLAS_CACHE_DIR = join(work, "cache");

type Run = (argv: string[]) => Promise<unknown>;
let commands: Record<string, Run>;
beforeAll(async () => {
  commands = {
    study: (await import("../../data-loaders/cli/study.js")).run,
    areas: (await import("../../data-loaders/cli/areas.js")).run,
    transitions: (await import("../../data-loaders/cli/transitions.js")).run,
    grid: (await import("../../data-loaders/cli/grid.js")).run
  };
});
afterAll(() => rmSync(work, {recursive: true, force: true}));

const tally = {refuse: 0, accept: 0, warn: 0};

async function runCase(c: Case, dir: string): Promise<{ok: true; out: unknown} | {ok: false; message: string}> {
  const argv = c.command ? c.command.args(dir) : ["--study", join(dir, "study.json")];
  try {
    return {ok: true, out: await commands[c.command?.name ?? "study"](argv)};
  } catch (error) {
    return {ok: false, message: (error as Error).message};
  }
}

describe("the bad-input corpus: every case is refused with a named place, accepted with the right numbers, or warned in the JSON", () => {
  for (const c of CASES) {
    it(c.id, async () => {
      const built: CaseDir = buildCase(c.defect, work);
      const before = fingerprint(built.dir);
      const r = await runCase(c, built.dir);
      const e = c.expect;
      if ("refuse" in e) {
        expect(r.ok, r.ok ? `accepted: ${JSON.stringify(r.out).slice(0, 300)}` : "").toBe(false);
        if (!r.ok) {
          expect(r.message).toMatch(e.refuse);
          if (e.absent) expect(r.message).not.toMatch(e.absent);
        }
        tally.refuse++;
      } else {
        if (!r.ok) throw new Error(`refused: ${r.message}`);
        const out = r.out as StudyOutput;
        if ("accept" in e) e.accept(out);
        else {
          expect(
            out.warnings.some((w) => e.warn.test(w)),
            `warnings: ${JSON.stringify(out.warnings)}`
          ).toBe(true);
          e.check(out);
        }
        tally["accept" in e ? "accept" : "warn"]++;
      }
      // inputs are sacred: nothing written, moved, added or deleted in the case's folder
      expect(fingerprint(built.dir)).toEqual(before);
      rmSync(built.dir, {recursive: true, force: true});
    });
  }

  it("has at least 40 cases of each kind of outcome together", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    process.stderr.write(
      `bad-input corpus: ${tally.refuse} refused, ${tally.accept} accepted with the reference numbers, ${tally.warn} warned\n`
    );
  });
});

describe("the real atlas process on a few corpus cases: exit code and a clean stdout", () => {
  const atlas = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "data-loaders", "cli.ts"), ...args, "--json"], {
      cwd: ROOT,
      encoding: "utf8",
      env: {...process.env, ATLAS_CACHE_DIR: join(work, "cache-cli")}
    });
  const byId = (id: string) => CASES.find((c) => c.id === id)!;

  it.concurrent.each([
    ["NoData tag equal to a mapped class code", 1],
    ["south-up rasters", 1],
    ["directory as a raster", 1],
    ["boundary reaching beyond the rasters", 0],
    ["EPSG:3857 rasters (nominal areas)", 0],
    ["byte-order mark in study.json", 0]
  ] as const)("%s → exit %d", async (id, code) => {
    const c = byId(id);
    const built = buildCase(c.defect, work);
    const before = fingerprint(built.dir);
    const r = atlas(["study", "--study", join(built.dir, "study.json")]);
    expect(r.status, r.stderr).toBe(code);
    if (code === 0) {
      const out = JSON.parse(r.stdout) as StudyOutput; // one JSON document, nothing else
      expect(Array.isArray(out.warnings)).toBe(true);
      if ("warn" in c.expect) {
        const warn = c.expect.warn;
        expect(out.warnings.some((w) => warn.test(w))).toBe(true);
        expect(r.stderr).toMatch(warn); // and said as it happened
        const said = r.stderr.split("\n").filter((l) => l.startsWith("warning: "));
        expect(said, "each warning is printed once").toEqual([...new Set(said)]);
      }
    } else {
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^error: /m);
      if ("refuse" in c.expect) expect(r.stderr).toMatch(c.expect.refuse);
    }
    expect(fingerprint(built.dir)).toEqual(before);
  });
});
