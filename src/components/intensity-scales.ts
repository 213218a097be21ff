// The colour scales of the two intensities, the same on every page and map.
// Intensities span orders of magnitude (village cells to city cores), so the
// scales are symmetric-log; carbon is diverging at zero so that net sinks
// read in their own hue (blue), not as low emitters.
import type * as Plot from "@observablehq/plot";

export const CARBON_INTENSITY_COLOR: Plot.ScaleOptions = {type: "diverging-symlog", pivot: 0, scheme: "BuRd", constant: 10};
export const ESV_INTENSITY_COLOR: Plot.ScaleOptions = {type: "symlog", scheme: "YlGn", constant: 1e4, zero: true};

/** The scale for a grid column, or undefined for columns without a shared scale. */
export function intensityColor(column: string): Plot.ScaleOptions | undefined {
  return column === "carbon_intensity" ? CARBON_INTENSITY_COLOR : column === "esv_intensity" ? ESV_INTENSITY_COLOR : undefined;
}
