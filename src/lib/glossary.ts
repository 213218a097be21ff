// The site's technical terms and what they mean, in plain words: shown on
// hover or focus where a term appears (src/components/term.ts) and listed in
// full on the Methods page. One home for each definition.

export const GLOSSARY = {
  ESV: "Ecosystem service value: what the services of the land (food, water, climate regulation, soil, biodiversity, landscape…) are worth per year, in yuan, by the equivalent-factor method.",
  "equivalent factor":
    "The value of one service of one kind of land per hectare, relative to the food production of a hectare of farmland (Xie et al. 2015). Multiplied by the standard equivalent E, in yuan per hectare, it gives yuan.",
  "carbon intensity":
    "A grid cell's net carbon emissions per km² per year: the direct emissions of its land plus its share of the energy burnt on construction land (allotted by its construction land).",
  "ESV intensity": "A grid cell's ecosystem service value per km² per year.",
  "Moran's I":
    "The bivariate Moran's I: how strongly a cell's carbon intensity goes with the ESV intensity of its neighbours, over the whole study area. Negative: high carbon sits among low ESV, and the reverse.",
  LISA: "Local indicators of spatial association: Moran's I cell by cell, sorting each significant cell into High-High, Low-Low, High-Low or Low-High (its own carbon intensity, then its neighbours' ESV intensity).",
  "pseudo p":
    "The share of random rearrangements that give a statistic at least as extreme as the one observed (with R permutations, (M + 1) / (R + 1)). Small values mean the pattern is unlikely to be chance.",
  "pairs null":
    "The null model of GeoDa and spdep: each cell's carbon and ESV values move together to random places, breaking only the link between neighbours.",
  "y null": "The null model of PySAL's esda: carbon stays in place and only the ESV values are shuffled among the cells.",
  "conditional permutation":
    "The local test: a cell keeps its own value while its neighbours' values are replaced by values drawn at random from the other cells, many times.",
  contiguity:
    "Which cells count as neighbours: queen contiguity takes the eight cells around a cell (sides and corners), rook only the four that share a side.",
  MAUP: "The modifiable areal unit problem: results computed on areas (here grid cells) change with the size and placement of the areas.",
  calibrated:
    "Made to match on purpose: a reconstruction calibrated to a reported number equals it by construction, so the agreement confirms nothing."
} as const;

export type Term = keyof typeof GLOSSARY;
