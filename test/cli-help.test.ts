// Every `atlas` command answers --help and -h, and `atlas help COMMAND`, with
// its usage and options on stdout and exit 0, without running anything.
import {describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {readdirSync} from "node:fs";
import {join} from "node:path";

const ROOT = join(import.meta.dirname, "..");
const COMMANDS = readdirSync(join(ROOT, "data-loaders", "cli"))
  .filter((f) => f.endsWith(".ts") && !f.startsWith("_"))
  .map((f) => f.slice(0, -3));

const atlas = (...args: string[]) =>
  spawnSync("node", ["--import", "tsx", "data-loaders/cli.ts", ...args], {cwd: ROOT, encoding: "utf8", timeout: 60_000});

describe("atlas --help", () => {
  it("knows the commands", () => expect(COMMANDS).toEqual(expect.arrayContaining(["study", "moran", "init", "areas"])));

  for (const command of COMMANDS)
    it(`atlas ${command} --help, -h and atlas help ${command}`, () => {
      const answers = [atlas(command, "--help"), atlas(command, "-h"), atlas("help", command)];
      for (const r of answers) {
        expect(r.status, r.stderr).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^usage: atlas ${command}\\b`));
        expect(r.stdout).toMatch(/\n {2}--json +\S/);
        expect(r.stdout).toContain("--help, -h");
        // every option the usage line names is explained
        for (const [, option] of r.stdout.split("\n")[0].matchAll(/--([a-z-]+)/g))
          expect(r.stdout).toMatch(new RegExp(`\\n {2}--${option}\\b.* \\S`));
      }
      expect(answers[1].stdout).toBe(answers[0].stdout);
      expect(answers[2].stdout).toBe(answers[0].stdout);
    }, 120_000);

  it("atlas --help lists the commands; no command at all is a usage error", () => {
    const help = atlas("--help");
    expect(help.status).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(c);
    expect(atlas().status).toBe(2);
  }, 60_000);
});
