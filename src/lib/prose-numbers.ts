// Finds numbers typed by hand into the prose of a Framework page. In reference
// pages numbers in prose must be live `${…}` expressions over the data; in a
// study's story pages they are checked against the published values
// (src/lib/number-check.ts). What is left after removing code, expressions,
// story shortcodes, TeX, HTML tags and link targets is prose.
// Allowed: years (1900–2100), section numbers ("## 2. Land use", "section 3"),
// parts of citations ("et al. 2015", "30(8)", "pp. 1–12"), and identifiers in
// which digits touch letters (C14, EPSG:4326, CO2).

export interface BareNumber {
  line: number;
  text: string;
  context: string;
  /** the prose after the number on its line (where its unit is written) */
  after: string;
}

/** Blank out a span, keeping newlines so that line numbers stay true. */
function blank(s: string): string {
  return s.replace(/[^\n]/g, " ");
}

/** Remove `${ … }` with balanced braces (template literals inside are skipped whole). */
function stripExpressions(md: string): string {
  let out = "";
  for (let i = 0; i < md.length;) {
    if (md[i] === "$" && md[i + 1] === "{") {
      let depth = 0,
        j = i + 1;
      for (; j < md.length; j++) {
        if (md[j] === "{") depth++;
        else if (md[j] === "}" && --depth === 0) break;
      }
      out += blank(md.slice(i, j + 1));
      i = j + 1;
    } else out += md[i++];
  }
  return out;
}

export function proseOf(md: string): string {
  let s = md;
  s = s.replace(/^---\n[\s\S]*?\n---\n/, blank); // front matter
  s = s.replace(/^(```|~~~)[^\n]*\n[\s\S]*?\n\1[^\n]*$/gm, blank); // fenced code
  s = stripExpressions(s);
  s = s.replace(/\{\{[^}\n]*\}\}/g, blank); // story shortcodes: {{value …}}, {{figure …}}
  s = s.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, blank);
  s = s.replace(/\$\$[\s\S]*?\$\$/g, blank); // display TeX
  s = s.replace(/`[^`\n]*`/g, blank); // inline code
  s = s.replace(/<!--[\s\S]*?-->/g, blank);
  s = s.replace(/^\[\^[^\]\n]+\]:.*$/gm, blank); // footnote definitions: citations
  s = s.replace(/<[^>]+>/g, blank); // tags and their attributes
  s = s.replace(/\]\([^)]*\)/g, (m) => "]" + blank(m.slice(1))); // link targets
  s = s.replace(/&[a-z]+;|&#\d+;/gi, blank); // entities
  return s;
}

// Thousands grouped by commas or (thin or plain) spaces, or not at all.
const NUMBER = /(?<![\p{L}\p{N}_:./-])[-−+]?(?:\d{1,3}(?:[,\u2009\u202f ]\d{3})+(?!\d)|\d+)(?:\.\d+)?(?![\p{L}\p{N}_:(])/gu;

export function bareNumbers(md: string): BareNumber[] {
  const prose = proseOf(md);
  const lines = prose.split("\n");
  const out: BareNumber[] = [];
  lines.forEach((line, i) => {
    for (const m of line.matchAll(NUMBER)) {
      const text = m[0];
      const at = m.index ?? 0;
      const before = line.slice(0, at);
      const after = line.slice(at + text.length);
      const n = parseTyped(text);
      if (/^\d{4}$/.test(text) && n >= 1900 && n <= 2100) continue; // a year
      if (/^\s*#{1,6}\s*$/.test(before) || (/^\s*$/.test(before) && /^\.\s/.test(after))) continue; // "## 2." or "2. " list/section number
      if (/\b(section|sections|§|step|claim|table|figure|fig\.|page|pp?\.)\s*$/i.test(before)) continue;
      if (/^\(\d+\)/.test(after) || /\d+\($/.test(before)) continue; // volume(issue)
      if (/et al\.,?\s*(\d{4}[a-z]?,?\s*)?$/.test(before)) continue; // citation year/volume
      if (/^[–-]\d/.test(after) && /\bpp?\.\s*$/.test(before)) continue;
      if (/\($/.test(before) && /^\)/.test(after) && /^\d{1,2}$/.test(text)) continue; // an enumeration: "(1)"
      if (/[×^]\s*$/.test(before) || /^\^/.test(after)) continue; // a power of ten in a unit: "×10^4 t"
      out.push({line: i + 1, text, context: md.split("\n")[i].trim().slice(0, 120), after});
    }
  });
  return out;
}

/** A number as typed ("−4 109.21", "4,109.21") → its value. */
export function parseTyped(text: string): number {
  return Number(text.replace(/[−,\u2009\u202f ]/g, (c) => (c === "−" ? "-" : "")));
}

/** Decimals typed after the point: the precision the author wrote. */
export const typedDecimals = (text: string): number => /\.(\d+)$/.exec(text)?.[1].length ?? 0;
