// A story page as the build makes it, through the page loader Framework runs
// (data-loaders/bin/loader.mjs src/index.md.ts): a misspelt value name stops
// it, naming the file, the line and the names it knows (a failed page loader
// fails `observable build`); a wrong typed number is listed on stderr with its
// file and line, and the build goes on. Run on a copy of the second study.
import {describe, expect, it} from "vitest";
import {cpSync, mkdtempSync, mkdirSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {run} from "./run-command.js";

const ROOT = join(import.meta.dirname, "..");

function studyWithHome(markdown: string): string {
  const dir = mkdtempSync(join(tmpdir(), "atlas-story-build-"));
  cpSync(join(ROOT, "test", "fixtures", "second-study"), dir, {recursive: true, filter: (src) => !src.includes("/story")});
  mkdirSync(join(dir, "story"));
  writeFileSync(join(dir, "story", "01-home.md"), markdown);
  return join(dir, "study.json");
}

const home = (study: string) =>
  run(process.execPath, ["data-loaders/bin/loader.mjs", "src/index.md.ts"], {cwd: ROOT, env: {...process.env, ATLAS_STUDY: study}});

describe("a story page through the build's page loader", () => {
  it("stops on a misspelt value name, naming the file, the line and the names it knows", async () => {
    const r = await home(studyWithHome("---\ntitle: Home\n---\n\n# Home\n\nEmissions were {{value net-carbn epoch=2021}}.\n"));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/story\/01-home\.md:7: unknown value "net-carbn"; the values are: area, share, total-area, .*net-carbon/);
    expect(r.stdout).toBe("");
  }, 300_000);
  it("lists a wrong typed number with its file and line, and goes on", async () => {
    const r = await home(
      studyWithHome("---\ntitle: Home\n---\n\n# Home\n\nThere are {{value epochs}} epochs.\n\nThe valley holds 123 456.78 km² of forest.\n")
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('story: story/01-home.md:9: "123 456.78 km²" matches no value the site publishes');
    expect(r.stdout).toContain('<span class="atlas-value" title="epochs">4</span>');
  }, 300_000);
});
