// The six land-use classes of the study and the default reclassification of
// CLCD codes onto them. Pure data: imported by loaders and pages alike.

export const CLASSES = ["cultivated", "forest", "grassland", "water", "construction", "unused"] as const;
export type LandClass = (typeof CLASSES)[number];

export const CLASS_LABELS: Record<LandClass, string> = {
  cultivated: "Cultivated land",
  forest: "Forest land",
  grassland: "Grassland",
  water: "Water",
  construction: "Construction land",
  unused: "Unused land"
};

/** CLCD (China Land Cover Dataset) codes and names, as published. */
export const CLCD_CODES: Record<number, string> = {
  1: "cropland",
  2: "forest",
  3: "shrub",
  4: "grassland",
  5: "water",
  6: "snow/ice",
  7: "barren",
  8: "impervious",
  9: "wetland"
};

/**
 * Default CLCD → study class table. Shrub is counted as forest land and
 * wetland as water, as Chinese land-use studies using CLCD usually do; the
 * table is a study parameter and authors may change it.
 */
export const CLCD_TO_CLASS: Record<number, LandClass> = {
  1: "cultivated",
  2: "forest",
  3: "forest",
  4: "grassland",
  5: "water",
  6: "unused",
  7: "unused",
  8: "construction",
  9: "water"
};
