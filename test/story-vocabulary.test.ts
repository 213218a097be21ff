// docs/authoring.md lists every value and figure a story can name, as the code
// defines them: the list is made from src/lib/story-values.ts and
// story-figures.ts (scripts/story-vocabulary.ts --write), and this test fails
// when the docs are out of date.
import {describe, expect, it} from "vitest";
import {readFileSync} from "node:fs";
import * as prettier from "prettier";
import {AUTHORING, withVocabulary} from "../scripts/story-vocabulary.js";
import {VALUE_NAMES} from "../src/lib/story-values.js";
import {FIGURE_NAMES} from "../src/lib/story-figures.js";

describe("docs/authoring.md's story vocabulary", () => {
  const doc = readFileSync(AUTHORING, "utf8");
  it("names every value and figure of the code", () => {
    for (const name of [...VALUE_NAMES, ...FIGURE_NAMES]) expect(doc).toContain(`| \`${name}\``);
  });
  it("is the list the code makes (run scripts/story-vocabulary.ts --write)", async () => {
    const options = (await prettier.resolveConfig(AUTHORING)) ?? {};
    const made = await prettier.format(withVocabulary(doc), {...options, filepath: AUTHORING});
    expect(doc).toBe(made);
  });
});
