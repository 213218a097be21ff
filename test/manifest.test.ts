// Every file the site serves under data/ is the file the reproducibility
// manifest describes: each of Framework's loaders is run as the build runs it,
// its output hashed, and the Review page's own check (ManifestCheck) compares
// them with the manifest. The check must also fail: a copy with one byte of
// one file changed is reported as differing, file by file.
import {createHash} from "node:crypto";
import {beforeAll, describe, expect, it} from "vitest";
import {ManifestCheck} from "../src/components/review-tables.js";
import {run} from "./run-command.js";

// @types/jsdom is not installed: import it untyped, typed here by what the test uses
const jsdomModule = "jsdom";
const {JSDOM} = (await import(jsdomModule)) as {JSDOM: new (html: string) => {window: Window & typeof globalThis}};

const node = async (args: string[]): Promise<Buffer> => {
  const r = await run(process.execPath, ["--import", "tsx", ...args]);
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return r.bytes;
};
/** The loader Framework runs for a served file (src/data/): `[table].arrow.ts --table name` or `<name>.ts`. */
const loaderArgs = (name: string): string[] =>
  name.endsWith(".arrow") ? ["src/data/[table].arrow.ts", "--table", name.slice(0, -".arrow".length)] : [`src/data/${name}.ts`];

const sha256 = async (b: ArrayBuffer) => createHash("sha256").update(new Uint8Array(b)).digest("hex");

async function check(outputs: Record<string, string>, bytes: Record<string, Buffer>) {
  const doc = new JSDOM("<!doctype html><html><body></body></html>").window.document;
  const files = Object.fromEntries(
    Object.entries(bytes).map(([name, b]) => [name, async () => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer])
  );
  const el = ManifestCheck({outputs}, files, {document: doc, hash: sha256});
  el.querySelector("button")!.click();
  for (let i = 0; i < 500 && el.dataset.same === undefined; i++) await new Promise((r) => setTimeout(r, 10));
  const verdicts = Object.fromEntries(
    Array.from(el.querySelectorAll("tbody tr"), (tr) => [tr.children[0].textContent, tr.children[2].textContent])
  );
  return {
    same: Number(el.dataset.same),
    differ: Number(el.dataset.differ),
    verdicts,
    status: el.querySelector("[role=status]")!.textContent
  };
}

describe("the manifest describes every served file", () => {
  let outputs: Record<string, string>, names: string[], served: Record<string, Buffer>;
  beforeAll(async () => {
    ({outputs} = JSON.parse((await node(["src/data/manifest.json.ts"])).toString("utf8")) as {outputs: Record<string, string>});
    names = Object.keys(outputs);
    served = {};
    for (const name of names) served[name] = await node(loaderArgs(name));
  }, 600_000);

  it("lists the twenty files the loaders serve", () => {
    expect(names.length).toBe(20);
    for (const name of names) expect(served[name].length, name).toBeGreaterThan(0);
  });

  it("each loader's output hashes to its manifest entry, by the Review page's check", async () => {
    for (const name of names) expect(createHash("sha256").update(served[name]).digest("hex"), name).toBe(outputs[name]);
    const r = await check(outputs, served);
    expect(r).toMatchObject({same: 20, differ: 0});
    expect(r.status).toBe("20 of 20 served files are byte for byte the ones the manifest describes.");
  });

  it("fails on a served file with one byte changed, naming it", async () => {
    const victim = names.find((n) => n.endsWith(".arrow"))!;
    const corrupt = Buffer.from(served[victim]);
    corrupt[corrupt.length >> 1] ^= 0xff;
    const r = await check(outputs, {...served, [victim]: corrupt});
    expect(r).toMatchObject({same: 19, differ: 1});
    expect(r.verdicts[victim]).toMatch(/differs/);
    expect(
      Object.entries(r.verdicts)
        .filter(([, v]) => /differs/.test(v ?? ""))
        .map(([n]) => n)
    ).toEqual([victim]);
    expect(r.status).toMatch(/^19 of 20 served files .*; 1 differ/);
  });
});
