// What a story page must show in the browser, on any study: its author's
// title, every value written in (no shortcode left as text), every figure it
// names drawn with marks and a caption, its claim badges, the study's notice
// once, and the story's pages first in the navigation.
import assert from "node:assert/strict";
import type {Page} from "playwright-core";
import type {StoryPage} from "../../data-loaders/site/story.js";

export async function checkStoryPage(page: Page, path: string, source: StoryPage, reconstructed: boolean): Promise<void> {
  const title = await page.title();
  assert.ok(title.startsWith(source.title), `${path}: the title "${title}" is not the story page's "${source.title}"`);
  const text = await page.evaluate(() => document.body.innerText);
  assert.ok(!/\{\{\s*[a-z-]+[^}]*\}\}/.test(text.replace(/`[^`]*`/g, "")), `${path} shows a shortcode as text`);

  const values = await page.$$eval("main .atlas-value", (els) => els.map((e) => e.textContent ?? ""));
  const written = [...source.source.replace(/```[\s\S]*?```|`[^`\n]*`/g, "").matchAll(/\{\{\s*(value|change|percent-change|ratio)\b/g)]
    .length;
  assert.equal(values.length, written, `${path}: ${written} values written in the story, ${values.length} shown`);
  for (const v of values) assert.match(v, /\d/, `${path}: a value shows no number: "${v}"`);

  const figures = [...source.source.matchAll(/^\s*\{\{\s*figure\b/gm)].length;
  await page.waitForFunction((n) => document.querySelectorAll("main .atlas-story-figure figure").length >= n, figures, {timeout: 30_000});
  const drawn = await page.$$eval("main .atlas-story-figure figure", (fs) =>
    fs.map((f) => ({
      marks: f.querySelectorAll("svg [aria-label] *, canvas").length,
      caption: f.querySelector("figcaption")?.textContent ?? ""
    }))
  );
  assert.equal(drawn.length, figures, `${path}: ${figures} figures named, ${drawn.length} drawn`);
  for (const d of drawn) {
    assert.ok(d.marks > 0, `${path}: a story figure has no marks`);
    assert.ok(d.caption.length > 20, `${path}: a story figure has no caption`);
  }
  if (/\{\{\s*claim\b/.test(source.source))
    assert.ok((await page.locator("main .atlas-claim-badge").count()) > 0, `${path}: its claim badges are missing`);

  const notices = await page.locator("main p.atlas-notice[role=note]:not(.atlas-placeholder-notice)").count();
  assert.equal(notices, reconstructed ? 1 : 0, `${path}: the reconstruction notice shows ${notices} times`);

  // The story comes first in the navigation, before the reference pages.
  const nav = await page.$$eval("#observablehq-sidebar a", (as) => as.map((a) => a.textContent?.trim() ?? ""));
  const landUse = nav.indexOf("Land use");
  assert.ok(
    landUse > 0 && nav.slice(0, landUse).includes(source.title),
    `${path}: "${source.title}" is not among the pages before Land use (${nav.join(", ")})`
  );
}
