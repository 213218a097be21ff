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
