// Shapes shared by the land-use engine (which fills them from rasters) and the
// carbon/ESV/Moran code (which reads them). Pure types and tiny helpers.

/**
 * Per-cell land-use composition of one epoch on a square fishnet in an
 * equal-area projection. Columnar: entry j of every array is cell j.
 * Only cells that touch the study area are listed.
 */
export interface GridComposition {
  /** cell side, km */
  cellKm: number;
  /** PROJ string of the equal-area projection the fishnet lives in */
  proj: string;
  /** projected coordinates (metres) of the fishnet's top-left corner */
  x0: number;
  y0: number;
  /** fishnet extent in cells */
  nRows: number;
  nCols: number;
  /** cell id = row * nCols + col */
  id: Int32Array;
  row: Int32Array;
  col: Int32Array;
  /** share of the cell's area inside the study area (valid pixels), 0..1 */
  insideShare: Float64Array;
  /** km² of each class in the cell, in CLASSES order */
  classKm2: Float64Array[];
}
