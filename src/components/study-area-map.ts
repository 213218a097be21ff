// StudyAreaMap: the parts of the study area (districts, counties) coloured by
// their group (e.g. city) and named, the rivers and the named places, from
// study.json (`boundary`, `outline`, `rivers`, `places`, `river`). A boundary
// without names or groups is drawn as one area; layers marked
// `reconstructed` are said to be so.
//
// The overview page draws it first and must stay light, so this module loads
// neither Plot nor d3 itself:
// - it draws with the Plot passed in `options.Plot` (the page's own Plot, the
//   one bundled copy; a module that imports "@observablehq/plot" makes
//   Framework load a second Plot from node_modules, with all of d3);
// - the projection is a bare stream transform (the same equidistant
//   cylindrical projection as map.ts, standard parallel at the outline's
//   centre latitude, so that a km is as long east–west as north–south), which
//   Plot fits to the outline.
import type * as PlotLib from "@observablehq/plot";
import type {Feature, FeatureCollection, Geometry, LineString, MultiLineString, Point, Position} from "geojson";
import {chartFigure, docOf, widthOf, type CommonOptions} from "./figure.js";
import {labelBox, placeLabels, type LabelBox} from "./label-placement.js";
import {lonLatBounds, mapFurniture, projectPoint, RIVER_COLOR, type Streamable} from "./map-furniture.js";

export interface StudyAreaLayers {
  /** the study area's parts: properties name and group (both optional) */
  boundary: FeatureCollection;
  /** the outline of the study area (line on top; the map's extent) */
  outline?: FeatureCollection | null;
  /** rivers: properties name, reconstructed */
  rivers?: FeatureCollection | null;
  /** named places: properties name, reconstructed */
  places?: FeatureCollection | null;
  /** the name of the main river (drawn wider), if the study names one */
  river?: string | null;
}

export interface StudyAreaMapOptions extends CommonOptions {
  /** the Plot library to draw with: in a page, its `Plot`; in Node, `import * as Plot from "@observablehq/plot"` */
  Plot: typeof PlotLib;
  /** tallest map, px; the map is then narrower than width and centred (default 720) */
  maxHeight?: number;
  /** label the districts (default: when the map is at least 300 px wide) */
  districtLabels?: boolean;
  /** draw the scale bar and north arrow; default true */
  furniture?: boolean;
}

/**
 * Okabe–Ito colours (distinct for protan, deutan and tritan readers) for the
 * groups, in order, drawn at reduced opacity so that labels and rivers read on
 * both themes; the rivers are blue, a hue left out of the group colours,
 * between Okabe–Ito's blue and sky blue so that lines and names read on the
 * light and the dark theme.
 */
export const GROUP_COLORS = ["#e69f00", "#009e73", "#cc79a7", "#d55e00", "#f0e442", "#999999", "#56b4e9"];
export {RIVER_COLOR};

type Props = Record<string, unknown>;

/** x = λ·cos φ₀, y = −φ (degrees): planar, so d3-geo neither clips nor cares about winding. */
function lonLatProjection(parallelDeg: number) {
  const k = Math.cos((parallelDeg * Math.PI) / 180);
  return {
    stream(s: {
      point(x: number, y: number): void;
      lineStart(): void;
      lineEnd(): void;
      polygonStart(): void;
      polygonEnd(): void;
      sphere?(): void;
    }) {
      return {
        point: (x: number, y: number) => s.point(x * k, -y),
        lineStart: () => s.lineStart(),
        lineEnd: () => s.lineEnd(),
        polygonStart: () => s.polygonStart(),
        polygonEnd: () => s.polygonEnd(),
        sphere: () => s.sphere?.()
      };
    }
  };
}

/** A point part-way along a (multi)line, for its label. */
function pointAlong(g: LineString | MultiLineString, at: number): Position {
  const line = g.type === "LineString" ? g.coordinates : g.coordinates.reduce((a, b) => (b.length > a.length ? b : a), []);
  return line[Math.max(0, Math.min(line.length - 1, Math.round(at * (line.length - 1))))];
}

/** Height of the strip under the map that holds its scale bar (26 px) and north arrow (34 px), px. */
const FURNITURE_STRIP = 40;

/** Where a river's label sits along it (0 = first vertex, upstream): the main river a third of the way, the others near their start. */
const MAIN_LABEL_AT = 0.3;
const TRIBUTARY_LABEL_AT = 0.1;

/** The boxes of the river names (from 5 px right of their point) and the places' names (above their dot) and dots, px. */
function otherLabelBoxes(
  projection: Streamable,
  rivers: {lon: number; lat: number; name: string; main: boolean}[],
  cities: {lon: number; lat: number; name: string}[],
  fontSize: number
): LabelBox[] {
  const boxes: LabelBox[] = [];
  for (const r of rivers) {
    const p = projectPoint(projection, r.lon, r.lat);
    const size = r.main ? fontSize : fontSize - 1.5;
    if (p && r.name) {
      const b = labelBox(r.name, size, 0, p[1]);
      boxes.push({...b, x: p[0] + 5});
    }
  }
  for (const c of cities) {
    const p = projectPoint(projection, c.lon, c.lat);
    if (!p) continue;
    boxes.push({x: p[0] - 5, y: p[1] - 5, width: 10, height: 10});
    if (c.name) boxes.push(labelBox(c.name, fontSize + 2, p[0], p[1] - 11 - (fontSize + 2) * 0.35));
  }
  return boxes;
}

export function StudyAreaMap(layers: StudyAreaLayers, options: StudyAreaMapOptions): HTMLElement {
  const {Plot} = options;
  if (!Plot?.plot) throw new Error("StudyAreaMap: pass the Plot library as options.Plot");
  const document = docOf(options);
  const width = widthOf(options);
  const districts = layers.boundary.features as Feature<Geometry, Props>[];
  const extent = layers.outline ?? layers.boundary;
  const [w, s, e, n] = lonLatBounds(extent) ?? [0, 0, 1, 1];
  const parallel = (s + n) / 2;
  const aspect = (n - s) / ((e - w) * Math.cos((parallel * Math.PI) / 180));
  const margin = 6;
  // A strip below the area for the scale bar and north arrow, so that they never cover any of it.
  const strip = options.furniture !== false ? FURNITURE_STRIP : 0;
  const height = Math.round(Math.min(options.maxHeight ?? 720, (width - 2 * margin) * aspect + 2 * margin + strip));
  const groupOf = (d: Feature<Geometry, Props>) => String(d.properties?.group ?? "");
  const cityNames = [...new Set(districts.map(groupOf))].filter(Boolean);
  const many = districts.length > 1;
  const labels = (options.districtLabels ?? width >= 300) && many;
  const rivers = (layers.rivers?.features ?? []) as Feature<LineString | MultiLineString, Props>[];
  const riverLabels = rivers
    .filter((r) => r.geometry && (r.geometry.type === "LineString" || r.geometry.type === "MultiLineString"))
    .map((r) => {
      const name = String(r.properties?.name ?? "");
      const main = name === layers.river;
      const [lon, lat] = pointAlong(r.geometry, main ? MAIN_LABEL_AT : TRIBUTARY_LABEL_AT);
      return {lon, lat, name, main, approximate: r.properties?.reconstructed === true};
    });
  const cities = ((layers.places?.features ?? []) as Feature<Point, Props>[])
    .filter((c) => c.geometry?.type === "Point")
    .map((c) => ({
      lon: c.geometry.coordinates[0],
      lat: c.geometry.coordinates[1],
      name: String(c.properties?.name ?? ""),
      reconstructed: c.properties?.reconstructed === true
    }));
  const sketched = [...rivers, ...(layers.places?.features ?? [])].some((f) => f.properties?.reconstructed === true);
  const partWord = many
    ? `${districts.length} parts${cityNames.length ? ` in ${cityNames.length} groups (${cityNames.join(", ")})` : ""}`
    : "one area";
  const fontSize = width < 420 ? 9 : 10.5;
  const ariaLabel =
    options.ariaLabel ?? `Map of the study area: ${partWord}${rivers.length ? ", rivers" : ""}${cities.length ? ", named places" : ""}`;
  const plot = Plot.plot({
    document,
    width,
    height,
    margin: 0,
    projection: {type: () => lonLatProjection(parallel), domain: extent, inset: margin, insetBottom: margin + strip},
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `The study area, ${partWord}${cityNames.length ? ", coloured by group" : ""}${rivers.length ? "; rivers in blue" : ""}${cities.length ? "; dots mark named places" : ""}${sketched ? " (rivers and places approximate)" : ""}.`,
    color: {
      domain: cityNames.length ? cityNames : [""],
      range: cityNames.length ? cityNames.map((_, i) => GROUP_COLORS[i % GROUP_COLORS.length]) : ["#999999"],
      label: "Group"
    },
    marks: [
      Plot.geo(districts, {
        fill: groupOf,
        fillOpacity: 0.4,
        stroke: "currentColor",
        strokeOpacity: 0.55,
        strokeWidth: 0.6,
        channels: {
          Part: {value: (d: Feature<Geometry, Props>) => String(d.properties?.name ?? ""), label: "Part"}
        },
        tip: {format: {fill: cityNames.length > 0, Part: many}},
        className: "atlas-districts"
      } as PlotLib.GeoOptions),
      Plot.geo(rivers, {
        stroke: RIVER_COLOR,
        strokeWidth: (d: Feature<Geometry, Props>) => (d.properties?.name === layers.river ? 2.6 : 1.2),
        strokeLinecap: "round",
        strokeLinejoin: "round",
        className: "atlas-rivers"
      } as PlotLib.GeoOptions),
      layers.outline
        ? Plot.geo(layers.outline, {stroke: "currentColor", strokeWidth: 1.2, fill: "none", className: "atlas-outline"})
        : null,
      labels
        ? Plot.text(
            districts,
            Plot.centroid({
              text: (d: Feature<Geometry, Props>) => String(d.properties?.name ?? ""),
              fontSize: fontSize - 1,
              fill: "currentColor",
              fillOpacity: 0.85,
              stroke: "var(--plot-background)",
              strokeWidth: 2.5,
              paintOrder: "stroke",
              lineWidth: 6,
              className: "atlas-district-labels",
              // no two names overlap, nor a place's or a river's name (label-placement.ts)
              render: (index, scales, values, dimensions, context, next) => {
                const projection = (context as {projection?: Streamable}).projection;
                const avoid = projection ? otherLabelBoxes(projection, riverLabels, cities, fontSize) : [];
                const X = values.x as unknown as number[];
                const Y = values.y as unknown as number[];
                const T = (values as unknown as {text: string[]}).text;
                const at = placeLabels(
                  Array.from(index, (i) => ({x: X[i], y: Y[i], text: String(T[i] ?? ""), fontSize: fontSize - 1})),
                  dimensions,
                  avoid
                );
                const x = Array.from(X);
                const y = Array.from(Y);
                Array.from(index).forEach((i, k) => at[k] && ([x[i], y[i]] = at[k]!));
                const kept = Array.from(index).filter((_, k) => at[k]);
                return next!(kept, scales, {...values, x, y} as unknown as typeof values, dimensions, context);
              }
            } as PlotLib.TextOptions)
          )
        : null,
      // river names: the main river bold (and marked approximate when sketched), the others smaller (font weight is not a channel in Plot)
      ...[true, false].map((main) =>
        Plot.text(
          riverLabels.filter((d) => d.main === main),
          {
            x: "lon",
            y: "lat",
            text: (d: {name: string; approximate: boolean}) => (main && d.approximate ? `${d.name} (approx.)` : d.name),
            fontSize: main ? fontSize : fontSize - 1.5,
            fontStyle: "italic",
            fontWeight: main ? "bold" : "normal",
            fill: RIVER_COLOR,
            stroke: "var(--plot-background)",
            strokeWidth: 3,
            paintOrder: "stroke",
            textAnchor: "start",
            dx: 5,
            className: "atlas-river-labels"
          }
        )
      ),
      Plot.dot(cities, {
        x: "lon",
        y: "lat",
        r: 4.5,
        fill: "currentColor",
        stroke: "var(--plot-background)",
        strokeWidth: 1.5,
        className: "atlas-cities"
      }),
      Plot.text(cities, {
        x: "lon",
        y: "lat",
        text: "name",
        fontSize: fontSize + 2,
        fontWeight: "bold",
        fill: "currentColor",
        stroke: "var(--plot-background)",
        strokeWidth: 3.5,
        paintOrder: "stroke",
        dy: -11,
        className: "atlas-city-labels"
      }),
      mapFurniture({domain: extent, scaleBar: options.furniture !== false, northArrow: options.furniture !== false})
    ]
  });
  const legend = cityNames.length ? (plot.legend("color", {label: "Group"}) as Element | undefined) : undefined;
  const key = document.createElement("div");
  key.className = "atlas-key";
  const approx = (b: boolean) => (b ? " (approximate)" : "");
  key.innerHTML = [
    rivers.length
      ? `<svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke="${RIVER_COLOR}" stroke-width="2.6" stroke-linecap="round"></line></svg> rivers${approx(rivers.some((r) => r.properties?.reconstructed === true))}`
      : "",
    cities.length
      ? `<svg width="12" height="10" aria-hidden="true"><circle cx="6" cy="5" r="4" fill="currentColor"></circle></svg> places${approx(cities.some((c) => c.reconstructed))}`
      : ""
  ]
    .filter(Boolean)
    .join(" &nbsp; ");
  const rows = districts.map((d) => ({name: d.properties?.name ?? null, group: d.properties?.group ?? null}));
  return chartFigure({
    ...options,
    document,
    kind: "study-area-map",
    content: plot,
    legend: [legend, key.innerHTML ? key : undefined],
    defaultAriaLabel: ariaLabel,
    defaultCaption: `The study area: ${partWord}.${sketched ? " Rivers and places are approximate sketches, not surveyed lines." : ""} Source: study.json (boundary, outline, rivers, places).`,
    data: rows,
    columns: ["name", "group"],
    defaultFilename: "study-area.csv"
  });
}
