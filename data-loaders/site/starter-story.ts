// The first page of a new study's story, as `atlas init` writes it: the
// study's headline values already in place as shortcodes (its own epochs and
// default cell size), and TODO paragraphs for the author to replace with
// their words (docs/authoring.md, "Write your study's story").

export function starterStory(epochs: readonly number[], defaultCellKm: number): string {
  const [first, last] = [epochs[0], epochs[epochs.length - 1]];
  return `---
title: Overview
---

# TODO: the study's title, as a finding

TODO: why the study was made, the question it answers, and the region in a few sentences.
This page is the site's home page; add pages beside it in this folder (02-findings.md, …),
in the order of their file names.

## Land use

From ${first} to ${last}, construction land changed by {{change area class=construction}} and
cultivated land by {{change area class=cultivated}}.

{{figure area-bars}}

## Carbon

Net carbon emissions went from {{value net-carbon epoch=${first}}} to {{value net-carbon epoch=${last}}}.

{{figure carbon-bars}}

## Ecosystem service value

Ecosystem service value went from {{value esv epoch=${first}}} to {{value esv epoch=${last}}}
({{percent-change esv}}).

## Carbon and ESV in space

On the {{value cell-size cell=${defaultCellKm}}} grid, the {{term "Moran's I" text="bivariate Moran's I"}} of carbon
intensity and neighbouring ESV intensity was {{value moran-i epoch=${last}}} in ${last}
(pseudo p {{value moran-p epoch=${last}}}).

{{figure lisa-map epoch=${last}}}

TODO: what these results mean, how they compare with other studies, and a conclusion. Every
number you type is checked against the values the site publishes when the site is built; see
docs/authoring.md for the values and figures you can name.
`;
}
