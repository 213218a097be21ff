// The six land-use classes of the study. Pure data: imported by loaders and
// pages alike. The products' legends and their mappings are in legends.ts.

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
