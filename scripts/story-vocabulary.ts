// The story vocabulary's names as docs/authoring.md lists them, made from the
// code (src/lib/story-values.ts, src/lib/story-figures.ts) so the list cannot
// drift: `node --import tsx scripts/story-vocabulary.ts --write` rewrites the
// part of docs/authoring.md between its story-vocabulary markers, and
// test/story-vocabulary.test.ts fails when the docs are out of date.
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {VALUE_KINDS, VALUE_UNITS} from "../src/lib/story-values.js";
import {FIGURE_KINDS} from "../src/lib/story-figures.js";

export const AUTHORING = join(import.meta.dirname, "..", "docs", "authoring.md");
const START = "<!-- story-vocabulary:start -->";
const END = "<!-- story-vocabulary:end -->";

const unitWords = (u: keyof typeof VALUE_UNITS): string =>
  u === "quantity" ? "the energy table's unit" : VALUE_UNITS[u].suffix.replace(/\u00a0/g, " ").trim() || "—";

/** The Markdown between the markers. */
export function vocabularyMarkdown(): string {
  const optional = new Set(["cell", "period"]); // defaults: valueDefaults() in src/lib/story-values.ts
  const values = VALUE_KINDS.map(
    (k) =>
      `| \`${k.name}\` | ${k.params.map((p) => `\`${p}\`${optional.has(p) ? "?" : ""}`).join(" ") || "—"} | ${unitWords(k.unit)} | ${k.describe} |`
  );
  const figures = FIGURE_KINDS.map(
    (f) => `| \`${f.name}\` | ${f.options.map((o) => `\`${o}\`${f.required.includes(o) ? "" : "?"}`).join(" ") || "—"} | ${f.describe} |`
  );
  return [
    "Values (`{{value NAME …}}`; `?` marks a key with a default: `cell` the default cell size, `period` the whole study):",
    "",
    "| value | keys | unit | what |",
    "| --- | --- | --- | --- |",
    ...values,
    "",
    "Figures (`{{figure NAME …}}`; `?` marks an optional key):",
    "",
    "| figure | keys | what |",
    "| --- | --- | --- |",
    ...figures
  ].join("\n");
}

/** docs/authoring.md with the list between the markers made anew. */
export function withVocabulary(doc: string): string {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${AUTHORING}: expected the markers ${START} and ${END}`);
  return `${doc.slice(0, a + START.length)}\n\n${vocabularyMarkdown()}\n\n${doc.slice(b)}`;
}

if (process.argv.includes("--write")) writeFileSync(AUTHORING, withVocabulary(readFileSync(AUTHORING, "utf8")));
