// What a page may cost a reader: bytes fetched (checked by the browser tests,
// since they do not depend on the machine's load) and the time to its first
// chart (reported by `npm run bench pages`, bench/pages.ts: a time measured on a
// shared machine is no test verdict).
/** The pages that tell the story (the Data and Review pages are tools, and may load more). */
export const STORY_PAGES = new Set(["/index.html", "/land-use.html", "/carbon.html", "/esv.html", "/coupling.html", "/methods.html"]);

/** Bytes a page may fetch: 1.5 MB for a story page, 3 MB for the Data and Review pages. */
export const byteBudget = (path: string): number => (STORY_PAGES.has(path) ? 1.5e6 : 3e6);

/** A reader's page draws its first chart within this many ms. */
export const FIRST_CHART_MS = 1000;
