// The reconstruction notice: said once per page, plainly, in one style, and
// only when the study file says its data are reconstructed. Captions carry a
// short badge instead of repeating it.
import {docOf, type CommonOptions} from "./figure.js";

export interface ReconstructionInfo {
  reconstruction: {reconstructed: boolean; note: string};
}

/** The page's one notice; for a study of real data, an empty fragment (a page shows nothing for it, where it would print null). */
export function ReconstructionNotice(
  study: ReconstructionInfo,
  options: CommonOptions & {root?: string} = {}
): HTMLElement | DocumentFragment {
  const document = docOf(options);
  if (!study.reconstruction.reconstructed) return document.createDocumentFragment();
  const p = document.createElement("p");
  p.className = "atlas-notice";
  p.setAttribute("role", "note");
  const b = document.createElement("b");
  b.textContent = "Reconstructed data.";
  const a = document.createElement("a");
  // `root`: the path from the page to the site's root ("../" from a story page under /story/).
  a.href = `${options.root ?? "./"}methods#the-data`;
  a.textContent = "What this means";
  p.append(b, " The land cover and energy data on this site are a calibrated reconstruction, not the study's own data. ", a, ".");
  p.title = study.reconstruction.note;
  return p;
}

/** The badge a caption carries (chartFigure's `note`), or null. */
export function reconstructionBadge(study: ReconstructionInfo): string | null {
  return study.reconstruction.reconstructed ? "reconstructed data" : null;
}

/** The run's warnings (partial coverage, nominal areas, NoData), as the pipeline wrote them; an empty fragment when there are none. */
export function DataWarnings(study: {warnings?: string[]}, options: CommonOptions = {}): HTMLElement | DocumentFragment {
  const document = docOf(options);
  const warnings = study.warnings ?? [];
  if (!warnings.length) return document.createDocumentFragment();
  const box = document.createElement("div");
  box.className = "atlas-data-warnings";
  box.setAttribute("role", "note");
  const b = document.createElement("b");
  b.textContent = warnings.length === 1 ? "Read the numbers with this in mind:" : "Read the numbers with these in mind:";
  const ul = document.createElement("ul");
  for (const w of warnings) {
    const li = document.createElement("li");
    li.textContent = w;
    ul.append(li);
  }
  box.append(b, ul);
  return box;
}

/** The author's caveats (study.notes), each concerning pages and quantities. */
export interface StudyNote {
  severity: "info" | "caution" | "warning";
  text: string;
  concerns: string[];
}

/** The quantities whose figures each page shows: a note on a quantity shows on every page that shows it. */
const PAGE_QUANTITIES: Record<string, string[]> = {
  overview: ["areas", "change", "carbon", "esv", "coupling"],
  // a story page may show any of them
  story: ["areas", "change", "carbon", "esv", "coupling"],
  "land-use": ["areas", "change"],
  carbon: ["carbon"],
  esv: ["esv"],
  coupling: ["coupling", "carbon", "esv"],
  methods: [],
  data: ["areas", "change", "carbon", "esv", "coupling"],
  review: ["areas", "change", "carbon", "esv", "coupling"]
};

const SEVERITY_LABELS: Record<StudyNote["severity"], string> = {info: "Note", caution: "Caution", warning: "Warning"};

const notesOf = (study: {notes?: StudyNote[]}) => (study.notes ?? []).map((note, i) => ({note, n: i + 1}));
const concernsPage = (note: StudyNote, page: string) =>
  note.concerns.includes(page) || note.concerns.some((c) => (PAGE_QUANTITIES[page] ?? []).includes(c));

/** The author's notes that concern a page, once, at its top: numbered as in the study file, so that marks beside figures can point to them. */
export function StudyNotes(study: {notes?: StudyNote[]}, page: string, options: CommonOptions = {}): HTMLElement | DocumentFragment {
  const document = docOf(options);
  const notes = notesOf(study).filter(({note}) => concernsPage(note, page));
  if (!notes.length) return document.createDocumentFragment();
  const box = document.createElement("div");
  box.className = "atlas-study-notes";
  box.setAttribute("role", "note");
  const b = document.createElement("b");
  b.textContent = notes.length === 1 ? "The author's note:" : "The author's notes:";
  const ul = document.createElement("ul");
  for (const {note, n} of notes) {
    const li = document.createElement("li");
    li.id = `note-${n}`;
    li.className = `atlas-note atlas-note-${note.severity}`;
    const label = document.createElement("b");
    label.textContent = `${SEVERITY_LABELS[note.severity]} ${n}.`;
    li.append(label, ` ${note.text}`);
    ul.append(li);
  }
  box.append(b, ul);
  return box;
}

/** Marks beside a headline figure of `quantity`: one per note on it, linking to the note (shown at the page's top by StudyNotes). */
export function noteMarks(study: {notes?: StudyNote[]}, quantity: string, options: CommonOptions = {}): DocumentFragment {
  const document = docOf(options);
  const out = document.createDocumentFragment();
  for (const {note, n} of notesOf(study).filter(({note}) => note.concerns.includes(quantity))) {
    const a = document.createElement("a");
    a.className = `atlas-note-mark atlas-note-${note.severity}`;
    a.href = `#note-${n}`;
    a.title = note.text;
    a.textContent = `${SEVERITY_LABELS[note.severity].toLowerCase()} ${n}`;
    out.append(" ", a);
  }
  return out;
}

/** Which study-file placeholders each quantity depends on (params.ts PLACEHOLDER_KEYS). */
const PLACEHOLDER_DEPENDENTS: Record<string, string[]> = {
  "inputs.energy": ["carbon", "coupling"],
  "carbon.landUse": ["carbon", "coupling"],
  "carbon.energy.fuels": ["carbon", "coupling"],
  "esv.standardValue": ["esv", "coupling"]
};

/** The placeholders a quantity depends on (none once the author has replaced them and emptied study.placeholders). */
export function placeholdersOf(study: {placeholders?: string[]}, quantity: string): string[] {
  return (study.placeholders ?? []).filter((k) => PLACEHOLDER_DEPENDENTS[k]?.includes(quantity));
}

/** "placeholder" beside a number that depends on a placeholder value; an empty fragment otherwise. */
export function placeholderMark(
  study: {placeholders?: string[]},
  quantity: string,
  options: CommonOptions = {}
): HTMLElement | DocumentFragment {
  const document = docOf(options);
  const keys = placeholdersOf(study, quantity);
  if (!keys.length) return document.createDocumentFragment();
  const span = document.createElement("span");
  span.className = "atlas-placeholder";
  span.title = `Depends on ${keys.join(", ")}, a placeholder in the study file: not a finding until the author replaces it`;
  span.textContent = "placeholder";
  return span;
}

/** Once per page: which values are placeholders, and what depends on them. */
export function PlaceholderNotice(
  study: {placeholders?: string[]},
  page: string,
  options: CommonOptions = {}
): HTMLElement | DocumentFragment {
  const document = docOf(options);
  const keys = [...new Set((PAGE_QUANTITIES[page] ?? []).flatMap((q) => placeholdersOf(study, q)))];
  if (!keys.length) return document.createDocumentFragment();
  const p = document.createElement("p");
  p.className = "atlas-notice atlas-placeholder-notice";
  p.setAttribute("role", "note");
  const b = document.createElement("b");
  b.textContent = "Placeholder values.";
  p.append(
    b,
    ` The study file still marks ${keys.join(" and ")} as placeholders (written by atlas init for the author to replace). ` +
      `Every number depending on them is marked "placeholder" and is not a finding.`
  );
  return p;
}

/** A caption's badge for a chart of `quantity`: "reconstructed data", "placeholder values", both, or null. */
export function captionBadge(study: ReconstructionInfo & {placeholders?: string[]}, quantity: string): string | null {
  const parts = [reconstructionBadge(study), placeholdersOf(study, quantity).length ? "placeholder values" : null].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}
