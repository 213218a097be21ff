// What a page may cost a reader: bytes fetched (checked by the browser tests,
// since they do not depend on the machine's load) and the time to its first
// chart (reported by `npm run bench pages`, bench/pages.ts: a time measured on a
// shared machine is no test verdict).
/** The tools, which may load more: the Data and Review pages. Every other page (the story's, the overview, the reference pages) tells the story. */
const TOOL_PAGES = new Set(["/data.html", "/review.html"]);

/** Bytes a page may fetch: 1.5 MB for a page that tells the story, 3 MB for the Data and Review pages. */
export const byteBudget = (path: string): number => (TOOL_PAGES.has(path) ? 3e6 : 1.5e6);

/** A reader's page draws its first chart within this many ms. */
export const FIRST_CHART_MS = 1000;
