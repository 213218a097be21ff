// The sentences that head the site's charts (their takeaways) and the
// captions two of them share, said once: the reference pages and the story's
// figures (story-figure.ts) draw the same charts with the same words.
import {classLabel, fuelLabel} from "../lib/palette.js";
import {fallsFromCentre, higherAlongRiver, type EpochPattern} from "../lib/patterns.js";
import {f0, f2, pct, sf2} from "./format.js";

/** Area bars: which class gained, by how much, and which lost most. */
export const areaTakeaway = (change: Record<string, number>, gainer: string, loser: string): string =>
  `${classLabel(gainer)} gained ${sf2(change[gainer])} km², ${classLabel(loser).toLowerCase()} lost most`;

/** Transitions: the land that changed class over a period (km²). */
export const transitionTakeaway = (changedKm2: number, period: string): string => `${f0(changedKm2)} km² changed class in ${period}`;

/** Carbon bars: net emissions from the first to the last epoch, and energy's share of the sources in the last. */
export const carbonTakeaway = (netFirst: number, netLast: number, energyShare: number, last: number): string =>
  `Net emissions ${netLast >= netFirst ? "rose" : "fell"} ${f2(netLast / netFirst)}-fold; energy is ${pct(energyShare)} of the sources in ${last}`;

/** Energy bars: the largest fuel in the last epoch. */
export const energyTakeaway = (topFuel: string | undefined, last: number): string | null =>
  topFuel ? `${fuelLabel(topFuel)} is the largest fuel in ${last}` : null;

/** ESV bars: the fall (a share of the first epoch's ESV; negative for a rise) and forest's share in the first epoch. */
export const esvTakeaway = (fall: number, forestShare: number, first: number): string =>
  `ESV ${fall >= 0 ? "fell" : "rose"} ${pct(Math.abs(fall), 2)}; forest land holds ${pct(forestShare, 1)} of it in ${first}`;

/** The carbon intensity map: whether intensity falls away from the centre (null without the epoch's pattern). */
export const carbonIntensityTakeaway = (pattern: EpochPattern | undefined): string | null =>
  pattern
    ? fallsFromCentre(pattern)
      ? "Carbon intensity falls away from the centre"
      : "Carbon intensity does not fall away from the centre"
    : null;

/** The ESV intensity map: whether intensity is higher along the river (null without a river measure). */
export const esvIntensityTakeaway = (pattern: EpochPattern | undefined): string | null =>
  pattern && pattern.esv_river_other_ratio != null
    ? higherAlongRiver(pattern)
      ? "ESV intensity is higher along the river"
      : "ESV intensity is not higher along the river"
    : null;

/** The cluster flows' caption (`hideNotSignificant`: the not significant cells left out). */
export const clusterFlowsCaption = (cellKm: number, hideNotSignificant: boolean): string =>
  `LISA cluster type of each ${cellKm} km cell in every epoch (columns) and how cells moved between types from one epoch to the next (ribbons, coloured by the earlier type; faint ribbons: cells that kept their type)${hideNotSignificant ? "; cells not significant in an epoch are left out of that column" : ""}. Source: the cluster column of grid.arrow, computed by the study pipeline; the download lists the transition counts.`;
