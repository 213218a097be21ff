// A story page as Framework reads it: the author's Markdown with its
// shortcodes turned into the site's values, figures, claim badges and terms,
// and the study's notice under its title. Shortcodes (docs/authoring.md):
//
//   {{value NAME key=value …}}            a published value, with its unit
//   {{change|percent-change|ratio NAME … from=EPOCH to=EPOCH}}
//   {{figure NAME key=value …}}           one of the site's figures, alone on its line
//   {{claim ID …}}                        the claims' badges
//   {{term "NAME" text="…"}}              a term with its definition on hover
//   {{external TEXT}}                     a number from elsewhere, not checked
//
// A name, key or value the site does not know stops the build, naming the
// file, the line and what it knows. Shortcodes in code (fenced or inline) are
// left alone. Node only.
import {FIGURE_CHOICES, FIGURE_KINDS, FIGURE_NAMES, type FigureOption} from "../../src/lib/story-figures.js";
import {GLOSSARY} from "../../src/lib/glossary.js";
import {
  formatValue,
  paramDomains,
  valueDefaults,
  valueLabel,
  VALUE_KINDS,
  VALUE_NAMES,
  type StoryValue
} from "../../src/lib/story-values.js";
import type {ReportedNumber} from "../../src/lib/number-check.js";
import type {StoryPage} from "./story.js";

export interface StoryContext {
  catalogue: readonly StoryValue[];
  epochs: readonly number[];
  defaultCellKm: number;
  cellSizes: readonly number[];
  claimIds: readonly string[];
  /** the claims' reported numbers, which the number check also knows */
  claims: readonly ReportedNumber[];
  /** the study file's placeholders a quantity depends on (notice.ts placeholdersOf) */
  placeholders?: (quantity: string) => string[];
}

/** The quantity (notice.ts) a value belongs to, for placeholder marks. */
function quantityOf(name: string): string {
  if (/carbon|fuel/.test(name)) return "carbon";
  if (/esv|sensitivity|standard-value/.test(name)) return "esv";
  // the number of grid cells is geometry: it depends on no coefficient
  if (/moran|clusters/.test(name)) return "coupling";
  return "areas";
}

const KINDS = ["value", "change", "percent-change", "ratio", "figure", "claim", "term", "external"] as const;
const SHORTCODE = /\{\{\s*([a-z-]+)\b([^}]*)\}\}/g;

/** A shortcode's arguments: bare words, and key=value pairs whose value may be "quoted". */
function parseArgs(text: string): {words: string[]; keys: Record<string, string>} {
  const words: string[] = [];
  const keys: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z][\w-]*)=(?:"([^"]*)"|(\S+))|"([^"]*)"|(\S+)/g)) {
    if (m[1]) keys[m[1]] = m[2] ?? m[3];
    else words.push(m[4] ?? m[5]);
  }
  return {words, keys};
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})[c]!);

/** Render one story page; `prefix` is the path from the page to src/ ("./" for the home page, "../" under /story/). */
export function renderStoryPage(page: StoryPage, ctx: StoryContext, prefix: string): string {
  const domains = paramDomains(ctx.catalogue);
  const defaults = valueDefaults(ctx.epochs, ctx.defaultCellKm);
  let figures = 0;
  const used = new Set<string>();

  const fail = (line: number, message: string): never => {
    throw new Error(`${page.name}:${line}: ${message}`);
  };

  /** The one value of the catalogue a shortcode names, or a build error saying what is known. */
  function lookup(line: number, name: string | undefined, keys: Record<string, string>, omit: readonly string[] = []): StoryValue {
    const kind = VALUE_KINDS.find((k) => k.name === name);
    if (!kind) return fail(line, `unknown value "${name ?? ""}"; the values are: ${VALUE_NAMES.join(", ")}`);
    const params: Record<string, string> = {};
    for (const p of kind.params) {
      if (omit.includes(p)) continue;
      const given = keys[p] ?? defaults[p];
      if (given === undefined) return fail(line, `value "${name}" needs ${p}=… (one of ${(domains[p] ?? []).join(", ")})`);
      params[p] = given.replace(/–/g, "-");
    }
    for (const k of Object.keys(keys))
      if (!(kind.params as readonly string[]).includes(k) && !["digits", "unit", "from", "to"].includes(k))
        fail(line, `value "${name}" takes ${[...kind.params, "digits", "unit"].join(", ")}; got ${k}=`);
    const found = ctx.catalogue.find((v) => v.name === name && Object.entries(params).every(([k, x]) => v.params[k] === x));
    if (!found) {
      const bad = Object.entries(params).find(([k, x]) => !(domains[k] ?? []).includes(x));
      return fail(
        line,
        bad
          ? `value "${name}": ${bad[0]}=${bad[1]} is not in this study (${(domains[bad[0]] ?? []).join(", ")})`
          : `value "${name}" has no value at ${valueLabel({name: name!, params})} in this study`
      );
    }
    return found;
  }

  function formatOptions(line: number, keys: Record<string, string>): {digits?: number; unit: boolean} {
    const digits = keys.digits === undefined ? undefined : Number(keys.digits);
    if (digits !== undefined && !(Number.isInteger(digits) && digits >= 0 && digits <= 6))
      fail(line, `digits=${keys.digits}: expected 0 to 6`);
    if (keys.unit !== undefined && keys.unit !== "none") fail(line, `unit=${keys.unit}: expected unit=none (to leave the unit out)`);
    return {digits, unit: keys.unit !== "none"};
  }

  // A value that depends on a placeholder of the study file carries its mark, as on the reference pages.
  const span = (text: string, title: string, name?: string) =>
    `<span class="atlas-value" title="${escapeHtml(title)}">${escapeHtml(text)}</span>` +
    (name && ctx.placeholders?.(quantityOf(name)).length ? ` \${placeholderMark(study, ${JSON.stringify(quantityOf(name))})}` : "");

  function inline(line: number, kind: string, args: string): string {
    const {words, keys} = parseArgs(args);
    if (!(KINDS as readonly string[]).includes(kind)) fail(line, `unknown shortcode {{${kind}}}; the shortcodes are: ${KINDS.join(", ")}`);
    used.add(kind);
    switch (kind) {
      case "value": {
        const v = lookup(line, words[0], keys);
        if (ctx.placeholders?.(quantityOf(v.name)).length) used.add("placeholder");
        return span(formatValue(v, formatOptions(line, keys)), valueLabel(v), v.name);
      }
      case "change":
      case "percent-change":
      case "ratio": {
        const name = words[0];
        const kindOf = VALUE_KINDS.find((k) => k.name === name);
        if (kindOf && !kindOf.params.includes("epoch")) fail(line, `{{${kind}}} compares a value between epochs; "${name}" has no epoch`);
        const from = keys.from ?? String(ctx.epochs[0]);
        const to = keys.to ?? String(ctx.epochs[ctx.epochs.length - 1]);
        const a = lookup(line, name, {...keys, epoch: from}, []);
        const b = lookup(line, name, {...keys, epoch: to}, []);
        const opts = formatOptions(line, keys);
        const rest = Object.fromEntries(Object.entries(a.params).filter(([k]) => k !== "epoch"));
        const title = `${kind} of ${valueLabel({name: a.name, params: rest})} from=${from} to=${to}`;
        if (kind === "change") return span(formatValue({...a, value: b.value - a.value}, {...opts, signed: true}), title);
        if (a.value === 0) fail(line, `{{${kind}}}: ${valueLabel(a)} is 0, so there is no ${kind}`);
        if (kind === "ratio") return span(formatValue({value: b.value / a.value, unit: "ratio"}, opts), title);
        const change = ((b.value - a.value) / Math.abs(a.value)) * 100;
        return span(formatValue({value: change, unit: "pct"}, {...opts, signed: true}), title);
      }
      case "claim": {
        if (!words.length) fail(line, `{{claim}} needs a claim id (${ctx.claimIds.join(", ") || "this study has no claims"})`);
        for (const id of words)
          if (!ctx.claimIds.includes(id))
            fail(line, `unknown claim "${id}"; this study's claims are: ${ctx.claimIds.join(", ") || "none"}`);
        return `\${claimBadgesById(study.claims, ${JSON.stringify(words)})}`;
      }
      case "term": {
        const name = words[0];
        if (!name || !(name in GLOSSARY)) fail(line, `unknown term "${name ?? ""}"; the terms are: ${Object.keys(GLOSSARY).join(", ")}`);
        return `\${term(${JSON.stringify(name)}, ${JSON.stringify(keys.text ?? name)})}`;
      }
      case "external":
        return escapeHtml(args.trim().replace(/^"(.*)"$/, "$1"));
      default:
        return fail(line, `{{figure}} must stand alone on its line`);
    }
  }

  function figure(line: number, args: string): string {
    const {words, keys} = parseArgs(args);
    const kind = FIGURE_KINDS.find((f) => f.name === words[0]);
    if (!kind) return fail(line, `unknown figure "${words[0] ?? ""}"; the figures are: ${FIGURE_NAMES.join(", ")}`);
    const allowed: Record<FigureOption, readonly string[]> = {
      epoch: ctx.epochs.map(String),
      cell: ctx.cellSizes.map(String),
      period: domains.period ?? [],
      ...FIGURE_CHOICES
    };
    for (const [k, x] of Object.entries(keys)) {
      if (!(kind.options as readonly string[]).includes(k))
        fail(line, `figure "${kind.name}" takes ${kind.options.length ? kind.options.join(", ") : "no options"}; got ${k}=`);
      const choices = allowed[k as FigureOption];
      if (!choices.includes(x.replace(/–/g, "-"))) fail(line, `figure "${kind.name}": ${k}=${x} is not one of ${choices.join(", ")}`);
      keys[k] = x.replace(/–/g, "-");
    }
    for (const r of kind.required)
      if (keys[r] === undefined) fail(line, `figure "${kind.name}" needs ${r}=… (one of ${allowed[r].join(", ")})`);
    used.add("figure");
    const id = `figure_${++figures}`;
    return [
      "```js",
      `await visibility(); // drawn when scrolled into view, as on the reference pages`,
      `const ${id} = await storyFigure(${JSON.stringify(kind.name)}, ${JSON.stringify(keys)});`,
      "```",
      "",
      `<div class="card atlas-story-figure">\${resize(${id})}</div>`
    ].join("\n");
  }

  // The study's notices, once per page under its title: reconstruction, the author's notes, placeholders.
  const notice = [
    `\${ReconstructionNotice(study, {root: ${JSON.stringify(prefix)}})}`,
    "",
    '${StudyNotes(study, "story")}',
    "",
    '${PlaceholderNotice(study, "story")}'
  ].join("\n");
  /** A Markdown image beside the pages (![alt](map.png)) is served at /story/map.png: its path from this page. */
  function image(line: number, part: string): string {
    return part.replace(/(!\[[^\]]*\]\()([^)\s]+)/g, (m, head: string, target: string) => {
      if (/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(target)) return m; // another site, the site's root, or an anchor
      const name = target.replace(/^\.\//, "");
      if (!/^[^/\\]+\.(png|jpg|svg|webp)$/i.test(name))
        fail(line, `image ${target}: expected a .png, .jpg, .svg or .webp file beside the story's pages (no folders)`);
      return `${head}${prefix === "./" ? "./story/" : "./"}${name}`;
    });
  }

  // Front matter passes through as written; the body is rewritten line by line.
  const fm = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(page.source)?.[0] ?? "";
  const bodyStart = fm.split("\n").length - 1;
  const lines = page.source.slice(fm.length).split("\n");
  const out: string[] = [];
  let fence: string | null = null;
  let noticed = false;
  lines.forEach((text, i) => {
    const line = bodyStart + i + 1;
    const f = /^\s*(```+|~~~+)/.exec(text);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = null;
      out.push(text);
      return;
    }
    if (f) {
      fence = f[1];
      out.push(text);
      return;
    }
    const alone = /^\s*\{\{\s*figure\b([^}]*)\}\}\s*$/.exec(text);
    if (alone) {
      out.push(figure(line, alone[1]));
      return;
    }
    // Inline code spans keep their text; shortcodes elsewhere on the line are replaced, and images are found where the site serves them.
    const rendered = text
      .split(/(`[^`]*`)/)
      .map((part) =>
        part.startsWith("`")
          ? part
          : image(
              line,
              part.replace(SHORTCODE, (_m, kind: string, args: string) => inline(line, kind, args))
            )
      )
      .join("");
    out.push(rendered);
    if (!noticed && /^#\s/.test(text)) {
      out.push("", notice);
      noticed = true;
    }
  });
  if (!noticed) out.unshift(notice, "");

  const names = [
    "loadStudy",
    "ReconstructionNotice",
    "StudyNotes",
    "PlaceholderNotice",
    ...(used.has("claim") ? ["claimBadgesById"] : []),
    ...(used.has("term") ? ["term"] : []),
    ...(used.has("figure") ? ["storyFigure"] : []),
    ...(used.has("placeholder") ? ["placeholderMark"] : [])
  ];
  const imports = [`import {${names.join(", ")}} from "${prefix}components/story-page.js";`];
  return [fm.trimEnd(), "", "```js", ...imports, "const study = await loadStudy();", "```", "", ...out].join("\n").replace(/^\n/, "");
}
