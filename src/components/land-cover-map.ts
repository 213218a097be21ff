// LandCoverMap: a display raster (landcover-<year>.png: the majority class,
// down-sampled to about 1000 px across, painted with the class colours of
// src/lib/palette.ts) drawn at its geographic bounds [west, south, east,
// north], under the study outline, with the class legend. Hovering reads the
// pixel under the pointer and names its class (browsers only: it draws the
// image on a canvas once, on first hover).
import * as Plot from "@observablehq/plot";
import type {GeoJsonObject} from "geojson";
import {CLASS_COLORS, CLASS_ORDER, CLASS_RGB, classLabel, ordinalColors} from "../lib/palette.js";
import {chartFigure, docOf, widthOf, type CommonOptions} from "./figure.js";
import {boundsPolygon, fitMap, rewind, type MapFrame, type MapProjectionType} from "./map.js";
import {furnitureNote, mapFurniture, type MapFurnitureLayers} from "./map-furniture.js";

export interface LandCoverImage {
  /** URL of the PNG (data/landcover.png: every epoch, stacked top to bottom) */
  src: string;
  /** which image of the stack to draw (0 = top) and how many the PNG stacks; default 0 of 1 */
  index?: number;
  count?: number;
  /** [west, south, east, north], degrees (WGS84), from study.json */
  bounds: readonly [number, number, number, number];
  /** epoch, for labels */
  year?: number;
}

export interface LandCoverMapOptions extends CommonOptions, MapFurnitureLayers {
  /** study-area outline: the map's extent and a line on top; default the raster's bounds */
  outline?: GeoJsonObject | null;
  /** more lines on top (e.g. districts) */
  boundaries?: GeoJsonObject | null;
  /** default "equirectangular" (exact for a geographic raster) */
  projection?: MapProjectionType;
  maxHeight?: number;
  /** file name of the PNG download link; null hides it */
  filename?: string | null;
  /** classes in the legend; default all six */
  classes?: string[];
  /** draw the scale bar and north arrow; default true */
  furniture?: boolean;
  /** the class legend above the map; default true (small multiples share one) */
  legend?: boolean;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function LandCoverMap(image: LandCoverImage, options: LandCoverMapOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const [west, south, east, north] = image.bounds;
  if (!(east > west && north > south))
    throw new Error(`LandCoverMap: bounds must be [west, south, east, north], got [${image.bounds.join(", ")}]`);
  const outline = options.outline ? rewind(options.outline) : null;
  const boundaries = options.boundaries ? rewind(options.boundaries) : null;
  const domain = outline ?? boundsPolygon(image.bounds);
  const frame = fitMap(domain, {width, projection: options.projection, maxHeight: options.maxHeight});
  const classes = options.classes ?? [...CLASS_ORDER];
  const year = image.year !== undefined ? ` in ${image.year}` : "";
  const index = image.index ?? 0,
    count = image.count ?? 1;
  if (!(Number.isInteger(index) && Number.isInteger(count) && index >= 0 && index < count))
    throw new Error(`LandCoverMap: index must be an integer in [0, count), got ${index} of ${count}`);
  const ariaLabel = options.ariaLabel ?? `Land-cover map${year}`;
  const raster: Plot.RenderFunction = (_index, _scales, _values, _dimensions, context) => {
    const g = context.document.createElementNS(SVG_NS, "g") as SVGGElement;
    g.setAttribute("aria-label", "land cover raster");
    const box = imageBox(frame, image.bounds);
    // A nested viewport shows one image of the stack: the PNG is drawn `count` times as tall, shifted up by `index` images.
    const view = context.document.createElementNS(SVG_NS, "svg");
    view.setAttribute("x", String(box.x));
    view.setAttribute("y", String(box.y));
    view.setAttribute("width", String(box.width));
    view.setAttribute("height", String(box.height));
    view.setAttribute("viewBox", `0 ${index} 1 1`);
    view.setAttribute("preserveAspectRatio", "none");
    const img = context.document.createElementNS(SVG_NS, "image");
    img.setAttribute("href", image.src);
    img.setAttribute("width", "1");
    img.setAttribute("height", String(count));
    img.setAttribute("preserveAspectRatio", "none");
    img.setAttribute("class", "atlas-pixelated");
    view.append(img);
    g.append(view);
    return g;
  };
  const plot = Plot.plot({
    document,
    width,
    height: frame.height,
    margin: 0,
    projection: frame.projection,
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `Map of land-use classes${year} (${classes.map(classLabel).join(", ")}), from a down-sampled display raster of the classified land cover. Hover to read the class under the pointer.`,
    marks: [
      raster,
      boundaries ? Plot.geo(boundaries as never, {stroke: "currentColor", strokeOpacity: 0.5, strokeWidth: 0.5, fill: "none"}) : null,
      outline ? Plot.geo(outline as never, {stroke: "currentColor", strokeWidth: 1, fill: "none"}) : null,
      mapFurniture({
        domain,
        rivers: options.rivers,
        places: options.places,
        river: options.river,
        scaleBar: options.furniture !== false,
        northArrow: options.furniture !== false
      })
    ]
  });
  attachPixelTip(document, plot as unknown as SVGSVGElement, frame, image);
  const legend =
    options.legend === false
      ? null
      : (Plot.legend({
          document,
          color: {...ordinalColors(classes, CLASS_COLORS), type: "ordinal", tickFormat: classLabel}
        } as Plot.PlotOptions & {document: Document}) as Element);
  const figure = chartFigure({
    ...options,
    document,
    kind: "land-cover-map",
    content: plot,
    legend,
    defaultAriaLabel: ariaLabel,
    defaultCaption: `Land use${year}: the majority class of each display pixel of the classified land-cover raster, reclassified to the study's six classes. Source: landcover.png (every epoch, stacked), prepared by the study pipeline; bounds ${[west, south, east, north].map((v) => v.toFixed(3)).join(", ")} (W, S, E, N).${furnitureNote(options)}`,
    filename: options.filename ?? null,
    exportFilename: `land-cover-map${image.year !== undefined ? `-${image.year}` : ""}`
  });
  // the data of this chart is the raster itself: offer it as a download
  const figcaption = figure.querySelector("figcaption");
  if (figcaption && options.filename !== null) {
    const a = document.createElement("a");
    a.href = image.src;
    a.download = options.filename ?? `landcover${image.year !== undefined ? `-${image.year}` : ""}.png`;
    a.className = "atlas-download";
    a.textContent = "Download raster";
    a.setAttribute("aria-label", `Download the display raster as PNG (${a.download})`);
    figcaption.append(figcaption.querySelector("button.atlas-download") ? " · " : " ", a);
  }
  return figure;
}

/** Pixel rectangle of the raster's bounds under the frame's projection. */
function imageBox(frame: MapFrame, [west, south, east, north]: readonly [number, number, number, number]) {
  const a = frame.projection([west, north]) ?? [0, 0];
  const b = frame.projection([east, south]) ?? [0, 0];
  const r = (v: number) => Math.round(v * 100) / 100;
  return {x: r(Math.min(a[0], b[0])), y: r(Math.min(a[1], b[1])), width: r(Math.abs(b[0] - a[0])), height: r(Math.abs(b[1] - a[1]))};
}

/** Nearest palette class of an RGBA pixel; null for transparent (no data). */
export function classOfPixel(r: number, g: number, b: number, a: number): string | null {
  if (a < 128) return null;
  let best = -1;
  let bestD = Infinity;
  CLASS_RGB.forEach(([cr, cg, cb], i) => {
    const d = (cr - r) ** 2 + (cg - g) ** 2 + (cb - b) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best >= 0 && bestD < 48 * 48 ? CLASS_ORDER[best] : null;
}

function attachPixelTip(document: Document, svg: SVGSVGElement, frame: MapFrame, image: LandCoverImage): void {
  const view = document.defaultView;
  if (!view) return;
  let pixels: ImageData | null = null;
  let loading = false;
  const load = () => {
    if (loading) return;
    loading = true;
    const probe = document.createElement("canvas");
    if (!probe.getContext) return;
    const img = new view.Image();
    img.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext("2d", {willReadFrequently: true});
      if (!ctx) return;
      ctx.drawImage(img, 0, 0);
      try {
        pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
      } catch {
        pixels = null; // cross-origin image: no tooltip
      }
    };
    img.src = image.src;
  };
  const tip = document.createElementNS(SVG_NS, "g");
  tip.setAttribute("class", "atlas-pixel-tip");
  tip.setAttribute("pointer-events", "none");
  tip.setAttribute("display", "none");
  const bg = document.createElementNS(SVG_NS, "rect");
  bg.setAttribute("fill", "var(--plot-background, white)");
  bg.setAttribute("stroke", "currentColor");
  bg.setAttribute("stroke-opacity", "0.5");
  bg.setAttribute("rx", "2");
  const text = document.createElementNS(SVG_NS, "text");
  text.setAttribute("fill", "currentColor");
  text.setAttribute("font-size", "11");
  text.setAttribute("text-anchor", "start");
  tip.append(bg, text);
  svg.append(tip);
  const [west, south, east, north] = image.bounds;
  svg.addEventListener("pointerenter", load);
  svg.addEventListener("pointerleave", () => tip.setAttribute("display", "none"));
  svg.addEventListener("pointermove", (event: PointerEvent) => {
    const rect = svg.getBoundingClientRect();
    const sx = rect.width ? frame.width / rect.width : 1;
    const sy = rect.height ? frame.height / rect.height : 1;
    const px = (event.clientX - rect.left) * sx;
    const py = (event.clientY - rect.top) * sy;
    const ll = frame.projection.invert?.([px, py]);
    if (!ll || !pixels) return tip.setAttribute("display", "none");
    const [lon, lat] = ll;
    if (lon < west || lon > east || lat < south || lat > north) return tip.setAttribute("display", "none");
    const i = Math.min(pixels.width - 1, Math.floor(((lon - west) / (east - west)) * pixels.width));
    const h = pixels.height / (image.count ?? 1);
    const j = Math.min(h - 1, Math.floor(((north - lat) / (north - south)) * h)) + (image.index ?? 0) * h;
    const o = (j * pixels.width + i) * 4;
    const d = pixels.data;
    const cls = classOfPixel(d[o], d[o + 1], d[o + 2], d[o + 3]);
    if (!cls) return tip.setAttribute("display", "none");
    text.textContent = `${classLabel(cls)} · ${Math.abs(lat).toFixed(3)}° ${lat >= 0 ? "N" : "S"}, ${Math.abs(lon).toFixed(3)}° ${lon >= 0 ? "E" : "W"}`;
    let textWidth = text.textContent.length * 5.8;
    try {
      textWidth = (text as SVGTextElement).getComputedTextLength() || textWidth;
    } catch {
      // not rendered (no layout): keep the estimate
    }
    const w = 10 + textWidth;
    const x = px + 12 + w > frame.width ? px - 12 - w : px + 12;
    const y = Math.max(2, py - 24);
    bg.setAttribute("x", String(x));
    bg.setAttribute("y", String(y));
    bg.setAttribute("width", String(w));
    bg.setAttribute("height", "18");
    text.setAttribute("x", String(x + 5));
    text.setAttribute("y", String(y + 13));
    tip.removeAttribute("display");
  });
}
