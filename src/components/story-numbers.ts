// The Review page's list of every number typed in the study's story: where it
// is, what was typed, and the published value it matched, or that it matched
// none (the number check, src/lib/number-check.ts, run by the build). Beside
// the claims ledger, it shows which sentences the data back.
import type {CheckedNumber} from "../lib/number-check.js";
import {chartFigure, docOf, type CommonOptions} from "./figure.js";
import {htmlTable} from "./html-table.js";
import {statusBadge} from "./review-tables.js";

/** How each result reads, and the ledger status whose colour it borrows. */
export const NUMBER_RESULTS: Record<CheckedNumber["status"], {label: string; status: string}> = {
  matched: {label: "matches", status: "holds"},
  reported: {label: "only as reported", status: "inconsistent"},
  unmatched: {label: "matches nothing", status: "differs"}
};

export interface StoryCheck {
  pages: {name: string; path: string; title: string}[];
  numbers: CheckedNumber[];
}

export function StoryNumbers(check: StoryCheck, options: CommonOptions = {}): HTMLElement {
  const doc = docOf(options);
  const link = (n: CheckedNumber) => {
    const page = check.pages.find((p) => p.name === n.file);
    const a = doc.createElement("a");
    a.href = page ? `.${page.path === "/" ? "/" : page.path}` : "#";
    a.textContent = `${n.file}:${n.line}`;
    return a;
  };
  const rows = check.numbers.map((n) => {
    const result = doc.createElement("span");
    result.append(statusBadge(NUMBER_RESULTS[n.status].status, {document: doc, label: NUMBER_RESULTS[n.status].label}));
    return {
      cells: [link(n), n.text, result, n.match ?? "", n.matchValue ?? "", n.claim ?? ""],
      attrs: {"data-status": n.status}
    };
  });
  const table = htmlTable(doc, {
    head: ["Where", "Typed", "Result", "Value it matches", "Published as", "Claim"],
    body: rows,
    attrs: {class: "atlas-story-numbers", "aria-label": "Numbers typed in the story and the published values they match"}
  });
  return chartFigure({
    ...options,
    document: doc,
    kind: "story-numbers",
    content: table,
    defaultAriaLabel: "The story's typed numbers",
    defaultCaption:
      "Every number typed in the story's prose, with the published value it equals at the typed precision (a value, or its change, ratio or percent change between two epochs), or the claim whose reported number it equals. Source: story-check.json, made by the build from the story's Markdown and the served tables (src/lib/number-check.ts).",
    data: check.numbers.map((n) => ({...n})),
    defaultFilename: "story-numbers.csv",
    imageDownloads: false
  });
}
