// Claim badges: for a finding, the study's claims of the given kinds with their
// status in the claims ledger, in words and colour (styles in style.css). The
// claim's id and full wording sit in the tooltip; nothing when the study has no claims.
import type {Claim, ClaimStatus} from "../lib/claims.js";
import {docOf, type CommonOptions} from "./figure.js";

export const STATUS_WORDS: Record<ClaimStatus, string> = {
  calibrated: "calibrated: equal by construction",
  holds: "holds",
  "pattern-holds": "pattern holds",
  "pattern-fails": "pattern fails",
  differs: "differs",
  inconsistent: "reported numbers disagree"
};

export function claimBadges(
  claims: readonly Claim[],
  kinds: readonly string[],
  options: CommonOptions = {}
): HTMLElement | DocumentFragment {
  return badges(
    claims.filter((c) => kinds.includes(c.kind)),
    options
  );
}

/** The badges of the claims with the given ids, in that order (a story page names its claims by id). */
export function claimBadgesById(
  claims: readonly Claim[],
  ids: readonly string[],
  options: CommonOptions = {}
): HTMLElement | DocumentFragment {
  return badges(
    ids.flatMap((id) => claims.filter((c) => c.id === id)),
    options
  );
}

function badges(chosen: readonly Claim[], options: CommonOptions): HTMLElement | DocumentFragment {
  const document = docOf(options);
  if (!chosen.length) return document.createDocumentFragment(); // a page shows nothing for it
  const p = document.createElement("p");
  p.className = "atlas-claims";
  for (const c of chosen) {
    const span = document.createElement("span");
    span.className = `atlas-claim-badge atlas-claim-badge-${c.status}`;
    span.tabIndex = 0;
    span.title = `${c.id}: ${c.claim}; reported ${c.reported}${c.note ? `. ${c.note}` : ""}`;
    span.textContent = `${c.claim.replace(/ \(.*\)$/, "")}: ${STATUS_WORDS[c.status]}`;
    p.append(span);
  }
  return p;
}
