// A study's story: its pages are found, ordered and named from its folder,
// and each page's shortcodes become the site's values, figures, badges and
// terms; a name the site does not know stops the build, naming the file, the
// line and the names it knows.
import {describe, expect, it} from "vitest";
import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {readStory, type StoryPage} from "../data-loaders/site/story.js";
import {renderStoryPage, type StoryContext} from "../data-loaders/site/story-page.js";
import type {StoryValue} from "../src/lib/story-values.js";

function studyWith(files: Record<string, string>, storyKey?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "atlas-story-"));
  const file = join(dir, "study.json");
  writeFileSync(file, JSON.stringify({study: {title: "T"}, inputs: storyKey ? {story: storyKey} : {}}));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), {recursive: true});
    writeFileSync(join(dir, name), text);
  }
  return file;
}

describe("readStory", () => {
  it("orders the pages by file name; the first is the home page, the others /story/<slug>", () => {
    const file = studyWith({
      "story/02-what-changed.md": "---\ntitle: What changed\n---\n",
      "story/01-valley.md": "---\ntitle: The valley\n---\n",
      "story/10_Notes and Sources.md": "---\ntitle: Notes\n---\n"
    });
    expect(readStory(file)!.pages.map((p) => [p.name, p.path, p.title])).toEqual([
      ["story/01-valley.md", "/", "The valley"],
      ["story/02-what-changed.md", "/story/what-changed", "What changed"],
      ["story/10_Notes and Sources.md", "/story/notes-and-sources", "Notes"]
    ]);
  });
  it("is null without a story folder, and reads the folder inputs.story names", () => {
    expect(readStory(studyWith({}))).toBeNull();
    expect(readStory(studyWith({"pages/a.md": "---\ntitle: A\n---\n"}, "pages"))!.pages.map((p) => p.path)).toEqual(["/"]);
    expect(() => readStory(studyWith({}, "missing"))).toThrow(
      /inputs\.story: expected a folder of Markdown pages, got .*missing \(not found\)/
    );
  });
  it("refuses a page without a title, and two pages with one address", () => {
    expect(() => readStory(studyWith({"story/01-a.md": "# no front matter\n"}))).toThrow(
      /story\/01-a\.md: expected a title in the front matter/
    );
    expect(() => readStory(studyWith({"story/01-a.md": "---\ntitle: A\n---\n", "story/02-a.md": "---\ntitle: B\n---\n"}))).toThrow(
      /story\/02-a\.md: its address \/story\/a is also story\/01-a\.md's/
    );
  });
});

const catalogue: StoryValue[] = [
  {name: "area", params: {class: "construction", epoch: "2000"}, value: 570.019, unit: "km2"},
  {name: "area", params: {class: "construction", epoch: "2020"}, value: 1231.8196, unit: "km2"},
  {name: "net-carbon", params: {epoch: "2000"}, value: 1099.8397, unit: "e4t"},
  {name: "net-carbon", params: {epoch: "2020"}, value: 4109.2099, unit: "e4t"},
  {name: "moran-i", params: {cell: "1", epoch: "2020"}, value: -0.28762, unit: "stat"},
  {name: "moran-i", params: {cell: "2", epoch: "2020"}, value: -0.31, unit: "stat"}
];
const ctx: StoryContext = {catalogue, epochs: [2000, 2020], defaultCellKm: 1, cellSizes: [1, 2], claimIds: ["C5"], claims: []};
const page = (body: string): StoryPage => ({
  file: "/x/story/01-a.md",
  name: "story/01-a.md",
  slug: "a",
  path: "/",
  title: "A",
  source: `---\ntitle: A\n---\n${body}`
});
const render = (body: string) => renderStoryPage(page(body), ctx, "./");

describe("renderStoryPage", () => {
  it("writes values with their units, changes, ratios and percent changes", () => {
    const md = render(
      "Built-up land: {{value area class=construction epoch=2020}}, {{change area class=construction}}; emissions ×{{ratio net-carbon}}, {{percent-change net-carbon digits=1}}; I = {{value moran-i epoch=2020}} ({{value moran-i epoch=2020 cell=2 digits=2}}), {{value net-carbon epoch=2000 unit=none}}.\n"
    );
    // 1231.8196 − 570.019 = 661.8006; 4109.2099 / 1099.8397 = 3.7362; (4109.2099 − 1099.8397) / 1099.8397 = 273.62 %
    for (const text of ["1,231.82\u00a0km²", "+661.80\u00a0km²", ">3.74<", "+273.6\u00a0%", "−0.288", "−0.31", ">1,099.84<"])
      expect(md).toContain(text);
    expect(md).toContain('title="area class=construction epoch=2020"');
  });
  it("places a figure, claim badges and a term, and loads the study once", () => {
    const md = render('# Title\n\n{{figure intensity-map value=carbon epoch=2020}}\n\n{{claim C5}}\n\nThe {{term "ESV"}}.\n');
    expect(md).toContain('const figure_1 = await storyFigure("intensity-map", {"value":"carbon","epoch":"2020"});');
    expect(md).toContain("${resize(figure_1)}");
    expect(md).toContain('${claimBadgesById(study.claims, ["C5"])}');
    expect(md).toContain('${term("ESV", "ESV")}');
    expect(md).toContain(
      'import {loadStudy, ReconstructionNotice, StudyNotes, PlaceholderNotice, claimBadgesById, term, storyFigure} from "./components/story-page.js";'
    );
    expect(md.match(/const study = await loadStudy\(\)/g)).toHaveLength(1);
    // the study's notice comes right under the title
    expect(md).toContain(
      '# Title\n\n${ReconstructionNotice(study, {root: "./"})}\n\n${StudyNotes(study, "story")}\n\n${PlaceholderNotice(study, "story")}'
    );
  });
  it("finds the story's images where the site serves them, from the home page and from /story/ pages", () => {
    expect(render("![A sketch](sketch.svg) and ![Photo](./photo.jpg) and ![Logo](https://example.org/x.png)\n")).toContain(
      "![A sketch](./story/sketch.svg) and ![Photo](./story/photo.jpg) and ![Logo](https://example.org/x.png)"
    );
    expect(renderStoryPage({...page("![A sketch](sketch.svg)\n"), path: "/story/a"}, ctx, "../")).toContain("![A sketch](./sketch.svg)");
    expect(() => render("![A map](maps/valley.png)\n")).toThrow(
      /story\/01-a\.md:4: image maps\/valley\.png: expected a \.png, \.jpg, \.svg or \.webp file beside/
    );
  });
  it("marks a value that depends on a placeholder of the study file", () => {
    const withPlaceholders = {...ctx, placeholders: (q: string) => (q === "carbon" ? ["inputs.energy"] : [])};
    const md = renderStoryPage(
      page("{{value net-carbon epoch=2020}} and {{value area class=construction epoch=2020}}\n"),
      withPlaceholders,
      "./"
    );
    expect(md).toContain('</span> ${placeholderMark(study, "carbon")} and <span');
    expect(md.match(/placeholderMark\(/g)).toHaveLength(1);
    expect(md).toContain("placeholderMark} from");
    // a grid's number of cells depends on no coefficient; its Moran's I depends on all of them
    const coupling = {
      ...ctx,
      catalogue: [...catalogue, {name: "cells", params: {cell: "1", epoch: "2020"}, value: 1903, unit: "count" as const}],
      placeholders: (q: string) => (q === "coupling" ? ["inputs.energy"] : [])
    };
    const grid = renderStoryPage(page("{{value cells epoch=2020}} cells, I = {{value moran-i epoch=2020}}\n"), coupling, "./");
    expect(grid.match(/placeholderMark\(/g)).toHaveLength(1);
    expect(grid).toContain('</span> ${placeholderMark(study, "coupling")}\n');
  });
  it("leaves shortcodes in code alone", () => {
    const md = render("Write `{{value nonsense}}` like this:\n\n```md\n{{figure nonsense}}\n```\n");
    expect(md).toContain("`{{value nonsense}}`");
    expect(md).toContain("```md\n{{figure nonsense}}\n```");
  });
  it("stops on a name it does not know, naming the file, the line and the names it knows", () => {
    expect(() => render("\nOne {{value net-carbn epoch=2020}}.\n")).toThrow(
      /^story\/01-a\.md:5: unknown value "net-carbn"; the values are: area, share, .*net-carbon/
    );
    expect(() => render("{{figure carbon-map}}\n")).toThrow(
      /story\/01-a\.md:4: unknown figure "carbon-map"; the figures are: study-area-map, .*intensity-map/
    );
    expect(() => render("{{value area class=urban epoch=2020}}\n")).toThrow(
      /value "area": class=urban is not in this study \(construction\)/
    );
    expect(() => render("{{value area class=construction}}\n")).toThrow(/value "area" needs epoch=… \(one of 2000, 2020\)/);
    expect(() => render("{{figure lisa-map epoch=2015}}\n")).toThrow(/figure "lisa-map": epoch=2015 is not one of 2000, 2020/);
    expect(() => render("{{claim C9}}\n")).toThrow(/unknown claim "C9"; this study's claims are: C5/);
    expect(() => render('{{term "carbon sink"}}\n')).toThrow(/unknown term "carbon sink"; the terms are: ESV, /);
    expect(() => render("{{vaule area}}\n")).toThrow(/unknown shortcode \{\{vaule\}\}; the shortcodes are: value, change/);
    expect(() => render("A {{figure area-bars}} inline.\n")).toThrow(/\{\{figure\}\} must stand alone on its line/);
  });
});
