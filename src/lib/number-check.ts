// The number check of story pages: every number an author types into prose
// is matched against the values the site publishes (src/lib/story-values.ts),
// their changes, ratios and percent changes between epochs, and what the study
// reports (its claims). A typed number matches a value when it equals it at the
// typed precision, in the typed unit at a usual scaling (km² or hm², 10⁴ t or
// Mt, 10⁸ yuan, %). Nothing here is fuzzy beyond that: the report names the
// value each number matched, so a reviewer can judge a match, and lists those
// that matched none. Pure: no DOM, no Node.
import {bareNumbers, parseTyped, typedDecimals} from "./prose-numbers.js";
import {VALUE_UNITS, formatValue, valueLabel, type Dimension, type StoryValue} from "./story-values.js";

/** A unit written after a typed number: its dimension and the factor to the vocabulary's unit of that dimension. */
interface TypedUnit {
  dimension: Dimension;
  factor: number;
  text: string;
}

// Longest first, so "×10⁴ t" wins over "t". Factors convert to km², %, 10⁴ t, 10⁸ yuan.
const SUPER4 = "(?:×\\s*)?10(?:⁴|\\^4)";
const SUPER8 = "(?:×\\s*)?10(?:⁸|\\^8)";
const UNIT_PATTERNS: [RegExp, Dimension, number][] = [
  [new RegExp(`^\\s*${SUPER4}\\s*t(?:onnes)?\\b`), "carbon", 1],
  [/^\s*万\s*(?:t|吨)/, "carbon", 1],
  [/^\s*(?:Mt|million\s+t(?:onnes)?)\b/, "carbon", 100],
  [/^\s*(?:kt|thousand\s+t(?:onnes)?)\b/, "carbon", 0.1],
  [/^\s*(?:t|tonnes)\b(?!\s*C\s*\/)/, "carbon", 1e-4],
  [new RegExp(`^\\s*${SUPER8}\\s*yuan\\b`), "money", 1],
  [/^\s*亿\s*(?:元|yuan)/, "money", 1],
  [/^\s*billion\s+yuan\b/, "money", 10],
  [/^\s*million\s+yuan\b/, "money", 0.01],
  [/^\s*yuan\s*\/\s*hm(?:²|2)/, "money-per-area", 1],
  [/^\s*yuan\b/, "money", 1e-8],
  [/^\s*t\s*C\s*\/\s*hm(?:²|2)/, "coefficient", 1],
  [/^\s*(?:km²|km2|km\^2|square\s+kilomet)/, "area", 1],
  [/^\s*(?:km|kilomet(?:re|er)s?)\b/, "length", 1],
  [/^\s*(?:hm²|hm2|ha\b|hectares?\b)/, "area", 0.01],
  [/^\s*(?:%|per\s*cent|percent)/, "percent", 1],
  [/^\s*(?:-?fold\b|times\b|×(?!\s*10))/, "ratio", 1]
];

function unitOf(after: string): TypedUnit | null {
  for (const [re, dimension, factor] of UNIT_PATTERNS) {
    const m = re.exec(after);
    if (m) return {dimension, factor, text: m[0].trim()};
  }
  return null;
}

// "1 099.84 to 4 109.21 ×10⁴ t": a number without a unit takes the unit of the number it runs to.
const RUNS_TO = /^\s*(?:to|and|or|→|–|—|-|,)\s*[-−+]?\d[\d,\u2009\u202f ]*(?:\.\d+)?/;

/** One number typed in a story page, and what it matched. */
export interface CheckedNumber {
  file: string;
  line: number;
  /** as typed, with its unit if one was written */
  text: string;
  context: string;
  status: "matched" | "reported" | "unmatched";
  /** the value it matched: its name and parameters, and the value as the site writes it */
  match?: string;
  matchValue?: string;
  /** the claim whose reported number it equals, when it does */
  claim?: string;
}

/** A claim's reported number, as the number check reads it from the claims ledger. */
export interface ReportedNumber {
  id: string;
  claim: string;
  reported: unknown;
}

/** A candidate for matching: a published value or one derived from two of them. */
interface Candidate {
  label: string;
  value: number;
  dimension: Dimension;
  formatted: string;
  /** derived (a change, ratio or percent change) rather than published as such */
  derived: boolean;
}

/** The published values, and their changes, ratios and percent changes between any two epochs. */
export function candidates(catalogue: readonly StoryValue[]): Candidate[] {
  const out: Candidate[] = catalogue.map((v) => ({
    label: valueLabel(v),
    value: v.value,
    dimension: VALUE_UNITS[v.unit].dimension,
    formatted: formatValue(v),
    derived: false
  }));
  const series = new Map<string, StoryValue[]>();
  for (const v of catalogue) {
    if (v.params.epoch === undefined) continue;
    const {epoch: _epoch, ...rest} = v.params;
    const key = valueLabel({name: v.name, params: rest});
    if (!series.has(key)) series.set(key, []);
    series.get(key)!.push(v);
  }
  for (const [key, vs] of series) {
    for (let i = 0; i < vs.length; i++) {
      for (let j = i + 1; j < vs.length; j++) {
        const [a, b] = Number(vs[i].params.epoch) < Number(vs[j].params.epoch) ? [vs[i], vs[j]] : [vs[j], vs[i]];
        const span = `from=${a.params.epoch} to=${b.params.epoch}`;
        const unit = VALUE_UNITS[a.unit];
        out.push({
          label: `change of ${key} ${span}`,
          value: b.value - a.value,
          dimension: unit.dimension,
          formatted: formatValue({...a, value: b.value - a.value}, {signed: true}),
          derived: true
        });
        if (a.value !== 0 && unit.dimension !== "percent") {
          const pctChange = ((b.value - a.value) / Math.abs(a.value)) * 100;
          out.push({
            label: `percent change of ${key} ${span}`,
            value: pctChange,
            dimension: "percent",
            formatted: formatValue({value: pctChange, unit: "pct"}, {signed: true}),
            derived: true
          });
          out.push({
            label: `ratio of ${key} ${span}`,
            value: b.value / a.value,
            dimension: "ratio",
            formatted: formatValue({value: b.value / a.value, unit: "ratio"}),
            derived: true
          });
        }
      }
    }
  }
  return out;
}

/** Does `typed` (in the vocabulary's unit, with `decimals` typed) equal `value` at that precision? Sign is compared only when typed. */
function equalAtPrecision(typed: number, signed: boolean, decimals: number, factor: number, value: number): boolean {
  const tol = 0.5 * 10 ** -decimals * factor * (1 + 1e-9);
  const t = typed * factor;
  return signed ? Math.abs(value - t) <= tol : Math.abs(Math.abs(value) - Math.abs(t)) <= tol;
}

// Dimensions a typed number without a unit may stand for: any (its unit is often in the next words).
const ANY: readonly Dimension[] = Object.values(VALUE_UNITS).map((u) => u.dimension);

/**
 * Check every number typed in one story page's Markdown. `marked` numbers
 * ({{external …}}) and years, section numbers and citations are not in the
 * prose and so not checked.
 */
export function checkNumbers(
  file: string,
  markdown: string,
  pool: readonly Candidate[],
  reported: readonly ReportedNumber[] = []
): CheckedNumber[] {
  const out: CheckedNumber[] = [];
  for (const n of bareNumbers(markdown)) {
    let unit = unitOf(n.after);
    if (!unit) {
      const run = RUNS_TO.exec(n.after);
      if (run) unit = unitOf(n.after.slice(run[0].length));
    }
    const typed = parseTyped(n.text);
    const signed = /^[-−+]/.test(n.text);
    const decimals = typedDecimals(n.text);
    const dims = unit ? [unit.dimension] : ANY;
    const factor = unit?.factor ?? 1;
    const hits = pool.filter((c) => dims.includes(c.dimension) && equalAtPrecision(typed, signed, decimals, factor, c.value));
    // Published values before derived ones, then the first in the vocabulary's order.
    const best = hits.find((c) => !c.derived) ?? hits[0];
    const claim = reported.find((r) => typeof r.reported === "number" && equalAtPrecision(typed, signed, decimals, 1, r.reported));
    const text = unit ? `${n.text} ${unit.text}` : n.text;
    const base = {file, line: n.line, text, context: n.context};
    if (best) out.push({...base, status: "matched", match: best.label, matchValue: best.formatted, ...(claim ? {claim: claim.id} : {})});
    else if (claim) out.push({...base, status: "reported", claim: claim.id, match: `${claim.id}: ${claim.claim}`});
    else out.push({...base, status: "unmatched"});
  }
  return out;
}
