// What the page loaders print: the home page (the story's first page, or the
// generated overview for a study without a story) and the story's other
// pages, each with its shortcodes rendered and its typed numbers checked.
// Numbers that match no published value are listed on stderr, which the build
// prints; the Review page lists them all (src/data/story-check.json.ts). Node only.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {servedFiles} from "../study/served.js";
import {studyFile} from "../study/loader.js";
import {candidates, checkNumbers, type CheckedNumber} from "../../src/lib/number-check.js";
import {readStory, type Story, type StoryPage} from "./story.js";
import {renderStoryPage, type StoryContext} from "./story-page.js";
import {servedStudy, storyCatalogue} from "./values.js";
import {placeholdersOf} from "../../src/components/notice.js";

/** The generated overview (a page of its own, /overview), which is also the home page of a study without a story. */
const OVERVIEW = fileURLToPath(new URL("../../src/overview.md", import.meta.url));

interface StoryBuild {
  story: Story;
  ctx: StoryContext;
}

async function storyBuild(file: string): Promise<StoryBuild | null> {
  const story = readStory(file);
  if (!story) return null;
  const served = await servedFiles(file);
  const study = await servedStudy(served);
  const catalogue = await storyCatalogue(served, study);
  return {
    story,
    ctx: {
      catalogue,
      epochs: study.epochs,
      defaultCellKm: study.parameters.grid.defaultCellKm,
      cellSizes: study.parameters.grid.cellSizesKm,
      claimIds: study.claims.map((c) => c.id),
      claims: study.claims,
      placeholders: (quantity: string) => placeholdersOf(study as {placeholders?: string[]}, quantity)
    }
  };
}

/** Every typed number of one page, checked. */
export function checkPage(page: StoryPage, ctx: StoryContext): CheckedNumber[] {
  return checkNumbers(page.name, page.source, candidates(ctx.catalogue), ctx.claims);
}

function report(checked: readonly CheckedNumber[]): void {
  const unmatched = checked.filter((c) => c.status === "unmatched");
  for (const c of unmatched)
    process.stderr.write(`story: ${c.file}:${c.line}: "${c.text}" matches no value the site publishes (in: ${c.context})\n`);
  if (checked.length)
    process.stderr.write(
      `story: ${checked.length} typed numbers in ${checked[0].file}: ${checked.filter((c) => c.status === "matched").length} match published values, ` +
        `${checked.filter((c) => c.status === "reported").length} only what the study reports, ${unmatched.length} none\n`
    );
}

/**
 * Under `npm run dev`, while the pipeline computes the study (scripts/dev.ts marks it in ATLAS_DEV_PENDING
 * with its PID), a story page says so at once instead of holding the page until the numbers exist; dev.ts
 * writes the pages again when the run ends, and Framework reloads them.
 */
function pending(page: StoryPage): string | null {
  const marker = process.env.ATLAS_DEV_PENDING;
  if (!marker || !existsSync(marker)) return null;
  try {
    process.kill(Number(readFileSync(marker, "utf8")), 0); // a marker left by a dev server that is gone means nothing
  } catch {
    return null;
  }
  return `---\ntitle: ${JSON.stringify(page.title)}\n---\n\n# ${page.title.replace(/[<>&]/g, "")}\n\nThis page is written from the study's numbers, which are being computed now (the progress shows above). It appears here by itself when they are ready.\n`;
}

/** The home page's Markdown. */
export async function homePage(): Promise<string> {
  const story = readStory(studyFile());
  const waiting = story && pending(story.pages[0]);
  if (waiting) return waiting;
  const build = await storyBuild(studyFile());
  if (!build) return readFileSync(OVERVIEW, "utf8");
  const page = build.story.pages[0];
  report(checkPage(page, build.ctx));
  return renderStoryPage(page, build.ctx, "./");
}

/** A story page other than the first, by its slug. */
export async function storyPage(slug: string): Promise<string> {
  const waiting = readStory(studyFile())
    ?.pages.slice(1)
    .find((p) => p.slug === slug);
  if (waiting && pending(waiting)) return pending(waiting)!;
  const build = await storyBuild(studyFile());
  const page = build?.story.pages.slice(1).find((p) => p.slug === slug);
  if (!build || !page)
    throw new Error(
      `story: no page /story/${slug} in this study's story (${build?.story.pages.map((p) => p.path).join(", ") ?? "it has none"})`
    );
  report(checkPage(page, build.ctx));
  return renderStoryPage(page, build.ctx, "../");
}

/** The number check of the whole story, for the Review page: [] for a study without a story. */
export async function storyCheck(): Promise<{pages: {name: string; path: string; title: string}[]; numbers: CheckedNumber[]}> {
  const build = await storyBuild(studyFile());
  if (!build) return {pages: [], numbers: []};
  return {
    pages: build.story.pages.map((p) => ({name: p.name, path: p.path, title: p.title})),
    numbers: build.story.pages.flatMap((p) => checkPage(p, build.ctx))
  };
}

/** The image formats a story may hold; each has its loader, src/story/[file].<ext>.ts. */
export const STORY_IMAGE = /\.(png|jpg|svg|webp)$/;

/** An image file of the story folder, by name (no folders: the story's images sit beside its pages). */
export function storyAsset(name: string): Uint8Array {
  const story = readStory(studyFile());
  if (!story) throw new Error(`story: this study has no story folder, so no ${name}`);
  if (!STORY_IMAGE.test(name) || /[/\\]|^\./.test(name))
    throw new Error(`story: ${name}: expected an image file name (.png, .jpg, .svg, .webp) in ${story.dir}`);
  const file = join(story.dir, name);
  if (!existsSync(file)) throw new Error(`story: ${file}: not found (an image the story names must sit in its folder)`);
  return readFileSync(file);
}
