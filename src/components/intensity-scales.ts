// The colour scales of the two intensities, the same on every page and map.
// Carbon intensity spans orders of magnitude (village cells to city cores) and
// can be negative (net sinks): a diverging symmetric-log scale, not symmetric
// about zero, so that sinks read in their own hue (blue) over their own range
// and sources in red. ESV intensity is never negative and its highest values
// (water, wetland) are a few times the forest's: a square-root scale.
import type * as Plot from "@observablehq/plot";

export const CARBON_INTENSITY_COLOR: Plot.ScaleOptions = {
  type: "diverging-symlog",
  pivot: 0,
  symmetric: false,
  scheme: "BuRd",
  constant: 10
};
export const ESV_INTENSITY_COLOR: Plot.ScaleOptions = {type: "sqrt", scheme: "YlGn", zero: true};
