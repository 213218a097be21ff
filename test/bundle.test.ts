// The precompiled CLI (data-loaders/bin/): built on first use, reused while
// no source changes, rebuilt as soon as one does, and giving what the
// TypeScript sources give. Builds into a temporary ATLAS_BIN_DIR, never
// touching the repository's own .cache/bin.
import {describe, expect, it} from "vitest";
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

const binDir = mkdtempSync(join(tmpdir(), "atlas-bin-"));
const env = {...process.env, ATLAS_BIN_DIR: binDir};
const current = () =>
  JSON.parse(readFileSync(join(binDir, "current.json"), "utf8")) as {
    dir: string;
    watch: Record<string, string>;
    entries: Record<string, string>;
  };
const atlas = (...args: string[]) => spawnSync("node", ["data-loaders/bin/atlas.mjs", ...args], {env, encoding: "utf8"});

describe("precompiled CLI", () => {
  it("is built on first use, then reused", () => {
    const first = atlas("--help");
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/compiled the CLI/);
    expect(first.stdout).toMatch(/commands: .*moran.*transitions/);
    const built = current();
    expect(existsSync(join(binDir, built.dir, "cli.mjs"))).toBe(true);
    expect(existsSync(join(binDir, built.dir, "worker.mjs"))).toBe(true);
    expect(built.watch["data-loaders/cli.ts"]).toBeDefined();
    expect(built.watch["src/lib/moran.ts"]).toBeDefined();
    expect(built.entries["data-loaders/cli.ts"]).toBe("cli.mjs");
    const again = atlas("--help");
    expect(again.stderr).not.toMatch(/compiled the CLI/);
    expect(current().dir).toBe(built.dir);
  }, 60_000);

  it("is reused when a source is only touched (as npm run dev touches the loaders), rebuilt when its content changes", () => {
    const before = current().dir;
    const file = "src/lib/rng.ts";
    const {atime, mtime} = statSync(file);
    utimesSync(file, atime, new Date(mtime.getTime() + 1000));
    try {
      const touched = atlas("--help");
      expect(touched.status).toBe(0);
      expect(touched.stderr).not.toMatch(/compiled the CLI/);
      expect(current().dir).toBe(before);
      // The record says the file held other bytes (same size) when the bundle was made: an edit.
      const record = current();
      const [size, recordedMtime] = record.watch[file].split(":");
      expect(record.watch[file]).toMatch(/^\d+:[\d.]+:[0-9a-f]{40}$/);
      record.watch[file] = `${size}:${recordedMtime}:${"0".repeat(40)}`;
      writeFileSync(join(binDir, "current.json"), JSON.stringify(record));
      const edited = atlas("--help");
      expect(edited.status).toBe(0);
      expect(edited.stderr).toMatch(/compiled the CLI/);
      expect(current().dir).not.toBe(before);
    } finally {
      utimesSync(file, atime, mtime);
    }
  }, 60_000);

  it("is rebuilt when a source's size changes", () => {
    const before = current().dir;
    const record = current();
    const file = "src/lib/rng.ts";
    const [size, ...rest] = record.watch[file].split(":");
    record.watch[file] = [+size + 1, ...rest].join(":");
    writeFileSync(join(binDir, "current.json"), JSON.stringify(record));
    const r = atlas("--help");
    expect(r.stderr).toMatch(/compiled the CLI/);
    expect(current().dir).not.toBe(before);
  }, 60_000);

  it("gives the numbers the TypeScript sources give, workers included", () => {
    const args = ["moran", "test/fixtures/moran/grid-15x15.csv", "--x", "carbon", "--y", "esv", "--threads", "2", "--json"];
    const bundled = atlas(...args);
    const sources = spawnSync("node", ["--import", "tsx", "data-loaders/cli.ts", ...args], {encoding: "utf8"});
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(sources.stdout);
  }, 60_000);
});
