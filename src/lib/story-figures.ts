// The figures a story page can place by name: {{figure NAME key=value …}}.
// Each is one of the site's own chart factories, drawn from the served
// tables with the same captions and downloads as on the reference pages
// (src/components/story-figure.ts draws them). This file is the list and its
// options only, so that the build can check a story's figure names in Node
// without loading any chart code. Pure: no DOM, no Node.

/** An option of a figure, and the values it takes ("epoch": the study's epochs, and so on). */
export type FigureOption = "epoch" | "cell" | "period" | "by" | "value";

export interface FigureKind {
  name: string;
  describe: string;
  /** options the author may give; those in `required` must be given */
  options: readonly FigureOption[];
  required: readonly FigureOption[];
}

export const FIGURE_KINDS: readonly FigureKind[] = [
  {name: "study-area-map", describe: "the study area: its parts, rivers and places", options: [], required: []},
  {name: "land-cover-map", describe: "land cover of one epoch", options: ["epoch"], required: ["epoch"]},
  {name: "area-bars", describe: "area of each class in each epoch", options: [], required: []},
  {
    name: "transition-sankey",
    describe: "land moving between classes over a period (default: the whole study)",
    options: ["period"],
    required: []
  },
  {name: "dynamics-chart", describe: "single land-use dynamic degree of each class, period by period", options: [], required: []},
  {name: "carbon-bars", describe: "carbon emissions by source in each epoch, with net emissions", options: [], required: []},
  {name: "energy-bars", describe: "indirect emissions by fuel in each epoch", options: [], required: []},
  {name: "esv-bars", describe: "ESV in each epoch, stacked by class or by service (by=class or by=service)", options: ["by"], required: []},
  {
    name: "intensity-map",
    describe: "carbon or ESV intensity on the grid (value=carbon or value=esv)",
    options: ["value", "epoch", "cell"],
    required: ["value", "epoch"]
  },
  {
    name: "lisa-map",
    describe: "LISA clusters of carbon intensity and neighbouring ESV intensity",
    options: ["epoch", "cell"],
    required: ["epoch"]
  },
  {
    name: "moran-scatter",
    describe: "Moran scatterplot: carbon intensity against the neighbours' ESV intensity",
    options: ["epoch", "cell"],
    required: ["epoch"]
  },
  {name: "scale-chart", describe: "Moran's I and cluster counts at every cell size", options: [], required: []},
  {name: "cluster-flows", describe: "cells moving between LISA types from epoch to epoch", options: ["cell"], required: []}
];

export const FIGURE_NAMES = FIGURE_KINDS.map((f) => f.name);

/** The values `by` and `value` take; the others come from the study (epochs, cell sizes, periods). */
export const FIGURE_CHOICES = {by: ["class", "service"], value: ["carbon", "esv"]} as const;

/** The options of a figure as the page passes them: strings from the shortcode, checked by the build. */
export type FigureOptions = Partial<Record<FigureOption, string>>;
