// Where each pixel is and how large it is.
//
// Geographic rasters: every row's pixel area on the raster's own ellipsoid,
// exactly (src/lib/geodesy.ts). Projected rasters: the geotransform's dx·dy,
// which is the true area only in an equal-area projection; other projections
// are flagged as nominal and warned about.
import {rowPixelAreas} from "../../src/lib/geodesy.js";
import type {RasterCrs} from "./crs.js";
import type {RasterInfo} from "./open-raster.js";
import {projector} from "./proj.js";

export type PixelAreaKind = "ellipsoidal" | "projected-equal-area" | "projected-nominal";

export interface PixelGeometry {
  kind: PixelAreaKind;
  /** pixel area of each row, m² */
  rowAreaM2: Float64Array;
}

export function pixelGeometry(info: RasterInfo, crs: RasterCrs, warn: (m: string) => void = defaultWarn): PixelGeometry {
  if (crs.kind === "geographic") {
    return {kind: "ellipsoidal", rowAreaM2: rowPixelAreas(info.y0, info.dy, info.dx, info.height, crs.ellipsoid)};
  }
  const area = info.dx * info.dy * crs.toMetre * crs.toMetre;
  if (!crs.equalArea) {
    warn(
      `${info.name}: ${crs.name} is not an equal-area projection; pixel areas (${area} m²) are nominal, not true ground areas. Reproject to an equal-area CRS (e.g. Albers) or to geographic coordinates for true areas`
    );
  }
  return {kind: crs.equalArea ? "projected-equal-area" : "projected-nominal", rowAreaM2: new Float64Array(info.height).fill(area)};
}

function defaultWarn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/**
 * Converters between lon/lat (degrees, no datum shift) and fractional pixel
 * coordinates (column, row; pixel centres at +0.5).
 */
export interface PixelFrame {
  lonLatToPixel(lon: number, lat: number): [number, number];
  pixelToLonLat(col: number, row: number): [number, number];
}

export function pixelFrame(info: RasterInfo, crs: RasterCrs): PixelFrame {
  const {x0, y0, dx, dy} = info;
  if (crs.kind === "geographic") {
    return {
      lonLatToPixel: (lon, lat) => [(lon - x0) / dx, (y0 - lat) / dy],
      pixelToLonLat: (col, row) => [x0 + col * dx, y0 - row * dy]
    };
  }
  const p = projector(crs.proj4);
  const m = crs.toMetre;
  return {
    lonLatToPixel(lon, lat) {
      const [x, y] = p.forward([lon, lat]);
      return [(x / m - x0) / dx, (y0 - y / m) / dy];
    },
    pixelToLonLat(col, row) {
      const [lon, lat] = p.inverse([(x0 + col * dx) * m, (y0 - row * dy) * m]);
      return [lon, lat];
    }
  };
}
