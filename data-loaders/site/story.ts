// A study's story: the Markdown pages its author writes in the study's folder
// (story/ beside the study file, or inputs.story), ordered by file name, each
// with a `title` in its front matter. The first is the site's home page; the
// others are served at /story/<slug>, where the slug is the file name without
// its leading order number ("02-findings.md" → /story/findings). Node only:
// the site configuration, the page loaders and `npm run dev` read it.
import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import matter from "gray-matter";

export interface StoryPage {
  /** absolute path of the Markdown file */
  file: string;
  /** the file name, as messages name it: story/02-findings.md */
  name: string;
  slug: string;
  /** where the site serves it: "/" for the first page, /story/<slug> for the others */
  path: string;
  title: string;
  /** the page's Markdown, front matter included */
  source: string;
}

export interface Story {
  /** the story folder, absolute */
  dir: string;
  pages: StoryPage[];
}

/** The folder of a study's story, or null when the study has none. Reads the study file's JSON only (no validation: the pipeline validates). */
export function storyDir(studyFile: string): string | null {
  const text = readFileSync(studyFile, "utf8").replace(/^\uFEFF/, "");
  const named = (JSON.parse(text) as {inputs?: {story?: unknown}}).inputs?.story;
  const dir = resolve(dirname(studyFile), typeof named === "string" ? named : "story");
  if (typeof named === "string" && !(existsSync(dir) && statSync(dir).isDirectory()))
    throw new Error(`${studyFile}: inputs.story: expected a folder of Markdown pages, got ${dir} (not found)`);
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : null;
}

const slugOf = (file: string): string =>
  basename(file, ".md")
    .replace(/^\d+[-_. ]*/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** The story's pages in order; every problem names the file. Null when the study has no story folder. */
export function readStory(studyFile: string): Story | null {
  const dir = storyDir(studyFile);
  if (!dir) return null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".md") && !f.startsWith("."))
    .sort();
  if (!files.length) throw new Error(`${dir}: the story folder holds no Markdown page (expected files such as 01-introduction.md)`);
  const seen = new Map<string, string>();
  const pages = files.map((f, i): StoryPage => {
    const file = join(dir, f);
    const source = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    const name = `${basename(dir)}/${f}`;
    let data: Record<string, unknown>;
    try {
      data = matter(source).data;
    } catch (error) {
      throw new Error(`${name}: the front matter is not valid YAML (${(error as Error).message})`, {cause: error});
    }
    if (typeof data.title !== "string" || !data.title.trim())
      throw new Error(`${name}: expected a title in the front matter (---\\ntitle: …\\n---)`);
    const slug = slugOf(f);
    if (!slug) throw new Error(`${name}: expected a file name with letters, such as 02-findings.md`);
    if (seen.has(slug)) throw new Error(`${name}: its address /story/${slug} is also ${seen.get(slug)}'s; rename one of them`);
    seen.set(slug, name);
    return {file, name, slug, path: i === 0 ? "/" : `/story/${slug}`, title: data.title.trim(), source};
  });
  return {dir, pages};
}
