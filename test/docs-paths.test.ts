// Every document cites only files that exist: the repository paths written in
// README.md and docs/*.md (src/…, data-loaders/…, test/…, scripts/…, bench/…,
// docs/…) and their relative Markdown links.
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {describe, expect, it} from "vitest";

const ROOT = join(import.meta.dirname, "..");
const DOCS = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`)
];
/** Made by a run, git-ignored: cited as where output goes, not as files in the repository. */
const GENERATED = ["test/output/", "src/.observablehq/"];
const PATH = /(?<![\w./-])((?:src|data-loaders|test|scripts|bench|docs)\/[-\w./]*)/g;
const LINK = /\]\(([^)\s#]+)(?:#[^)]*)?\)/g;

/** The repository paths a document cites: written out, or as relative links. */
function citedPaths(doc: string, text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(PATH)) {
    const p = m[1].replace(/[.,:;]+$/, "");
    const next = text[m.index + m[0].length] ?? "";
    if ("*<{".includes(next) && next !== "") continue; // a pattern such as src/*.md or cli/<command>.ts
    if (!GENERATED.some((g) => p.startsWith(g))) out.add(p);
  }
  // Links written as code (an example of Markdown) are not links.
  for (const m of text
    .replace(/```[\s\S]*?```/g, "")
    .replace(/`[^`\n]*`/g, "")
    .matchAll(LINK)) {
    if (/^[a-z]+:/i.test(m[1])) continue; // http:, mailto:
    out.add(join(dirname(doc), m[1]));
  }
  return [...out];
}

describe("documents cite files that exist", () => {
  for (const doc of DOCS) {
    it(doc, () => {
      const missing = citedPaths(doc, readFileSync(join(ROOT, doc), "utf8")).filter((p) => !existsSync(join(ROOT, p)));
      expect(missing).toEqual([]);
    });
  }
  it("finds a cited path that does not exist", () => {
    expect(citedPaths("docs/x.md", "see `src/lib/nowhere.ts`, and [this](../STUDY.md).")).toEqual(["src/lib/nowhere.ts", "STUDY.md"]);
  });
  it("does not take an example link written as code for a link", () => {
    expect(citedPaths("docs/x.md", "write `[Carbon](/carbon)` or\n```md\n![A](a.svg)\n```\nand [that](../THAT.md)")).toEqual(["THAT.md"]);
  });
});
