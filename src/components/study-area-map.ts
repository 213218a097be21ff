// StudyAreaMap: the districts of the study area coloured by city and named,
// the rivers (reconstructed, approximate: the map says so), and the three
// city centres, from study.json (`boundary`, `outline`, `rivers`, `cities`).
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

export interface StudyAreaLayers {
  /** districts: properties code, name_zh, name_en, city */
  boundary: FeatureCollection;
  /** the outline of the study area (line on top; the map's extent) */
  outline?: FeatureCollection | null;
  /** rivers: properties name, name_zh, approximate, reconstructed */
  rivers?: FeatureCollection | null;
  /** city centres: properties name, name_zh, approximate */
  cities?: FeatureCollection | null;
}

export interface StudyAreaMapOptions extends CommonOptions {
  /** the Plot library to draw with: in a page, its `Plot`; in Node, `import * as Plot from "@observablehq/plot"` */
  Plot: typeof PlotLib;
  /** tallest map, px; the map is then narrower than width and centred (default 720) */
  maxHeight?: number;
  /** label the districts (default: when the map is at least 300 px wide) */
  districtLabels?: boolean;
  /** colour of each city's districts; default CITY_COLORS */
  cityColors?: Record<string, string>;
}

/**
 * Okabe–Ito colours (distinct for protan, deutan and tritan readers), drawn
 * at reduced opacity so that labels and rivers read on both themes; the rivers
 * are blue, a hue left out of the city colours, between Okabe–Ito's blue
 * and sky blue so that lines and names read on the light and the dark theme.
 */
export const CITY_COLORS: Record<string, string> = {
  Changsha: "#e69f00",
  Zhuzhou: "#009e73",
  Xiangtan: "#cc79a7"
};
export const RIVER_COLOR = "#1f78c1";

type Props = Record<string, unknown>;

/** Every position of a geometry (for bounds and label points). */
function positions(g: Geometry | null | undefined, out: Position[] = []): Position[] {
  if (!g) return out;
  switch (g.type) {
    case "Point":
      out.push(g.coordinates);
      break;
    case "MultiPoint":
    case "LineString":
      out.push(...g.coordinates);
      break;
    case "MultiLineString":
    case "Polygon":
      for (const r of g.coordinates) out.push(...r);
      break;
    case "MultiPolygon":
      for (const p of g.coordinates) for (const r of p) out.push(...r);
      break;
    case "GeometryCollection":
      for (const x of g.geometries) positions(x, out);
      break;
  }
  return out;
}

function boundsOf(fc: FeatureCollection): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fc.features)
    for (const [x, y] of positions(f.geometry)) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  return [w, s, e, n];
}

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

/** Where each river's label sits along it (0 = first vertex, upstream); tributaries near where they enter. */
const RIVER_LABEL_AT: Record<string, number> = {Xiangjiang: 0.3};
const TRIBUTARY_LABEL_AT = 0.1;

export function StudyAreaMap(layers: StudyAreaLayers, options: StudyAreaMapOptions): HTMLElement {
  const {Plot} = options;
  if (!Plot?.plot) throw new Error("StudyAreaMap: pass the Plot library as options.Plot");
  const document = docOf(options);
  const width = widthOf(options);
  const colors = options.cityColors ?? CITY_COLORS;
  const districts = layers.boundary.features as Feature<Geometry, Props>[];
  const extent = layers.outline ?? layers.boundary;
  const [w, s, e, n] = boundsOf(extent);
  const parallel = (s + n) / 2;
  const aspect = (n - s) / ((e - w) * Math.cos((parallel * Math.PI) / 180));
  const margin = 6;
  const height = Math.round(Math.min(options.maxHeight ?? 720, (width - 2 * margin) * aspect + 2 * margin));
  const cityNames = [...new Set(districts.map((d) => String(d.properties?.city ?? "")))].filter(Boolean);
  const labels = options.districtLabels ?? width >= 300;
  const rivers = (layers.rivers?.features ?? []) as Feature<LineString | MultiLineString, Props>[];
  const riverLabels = rivers
    .filter((r) => r.geometry && (r.geometry.type === "LineString" || r.geometry.type === "MultiLineString"))
    .map((r) => {
      const name = String(r.properties?.name ?? "");
      const [lon, lat] = pointAlong(r.geometry, RIVER_LABEL_AT[name] ?? TRIBUTARY_LABEL_AT);
      return {lon, lat, name, main: name === "Xiangjiang", approximate: r.properties?.approximate === true};
    });
  const cities = ((layers.cities?.features ?? []) as Feature<Point, Props>[])
    .filter((c) => c.geometry?.type === "Point")
    .map((c) => ({
      lon: c.geometry.coordinates[0],
      lat: c.geometry.coordinates[1],
      name: String(c.properties?.name ?? ""),
      name_zh: String(c.properties?.name_zh ?? "")
    }));
  const fontSize = width < 420 ? 9 : 10.5;
  const ariaLabel = options.ariaLabel ?? "Map of the study area: districts by city, rivers and city centres";
  const plot = Plot.plot({
    document,
    width,
    height,
    margin: 0,
    projection: {type: () => lonLatProjection(parallel), domain: extent, inset: margin},
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `${districts.length} districts of ${cityNames.join(", ")}, coloured by city; rivers drawn in blue are reconstructed and approximate; dots mark the approximate city centres.`,
    color: {domain: cityNames, range: cityNames.map((c) => colors[c] ?? "#999999"), label: "City"},
    marks: [
      Plot.geo(districts, {
        fill: (d: Feature<Geometry, Props>) => String(d.properties?.city),
        fillOpacity: 0.4,
        stroke: "currentColor",
        strokeOpacity: 0.55,
        strokeWidth: 0.6,
        channels: {
          District: {value: (d: Feature<Geometry, Props>) => `${d.properties?.name_en} ${d.properties?.name_zh}`, label: "District"},
          Code: {value: (d: Feature<Geometry, Props>) => String(d.properties?.code), label: "Code"}
        },
        tip: {format: {fill: true, District: true, Code: true}},
        className: "atlas-districts"
      } as PlotLib.GeoOptions),
      Plot.geo(rivers, {
        stroke: RIVER_COLOR,
        strokeWidth: (d: Feature<Geometry, Props>) => (d.properties?.name === "Xiangjiang" ? 2.6 : 1.2),
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
              text: (d: Feature<Geometry, Props>) => String(d.properties?.name_en ?? ""),
              fontSize: fontSize - 1,
              fill: "currentColor",
              fillOpacity: 0.85,
              stroke: "var(--plot-background)",
              strokeWidth: 2.5,
              paintOrder: "stroke",
              lineWidth: 6,
              className: "atlas-district-labels"
            })
          )
        : null,
      // river names: the Xiangjiang bold and marked approximate, the tributaries smaller (font weight is not a channel in Plot)
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
        text: (d: {name: string; name_zh: string}) => `${d.name} ${d.name_zh}`,
        fontSize: fontSize + 2,
        fontWeight: "bold",
        fill: "currentColor",
        stroke: "var(--plot-background)",
        strokeWidth: 3.5,
        paintOrder: "stroke",
        dy: -11,
        className: "atlas-city-labels"
      })
    ]
  });
  const legend = plot.legend("color", {label: "City"}) as Element | undefined;
  const key = document.createElement("div");
  key.className = "atlas-key";
  key.setAttribute("style", "font: 12px var(--sans-serif, system-ui, sans-serif); margin: 2px 0 6px;");
  key.innerHTML = `<svg width="26" height="10" aria-hidden="true" style="vertical-align: middle"><line x1="1" x2="25" y1="5" y2="5" stroke="${RIVER_COLOR}" stroke-width="2.6" stroke-linecap="round"></line></svg> rivers (reconstructed, approximate) &nbsp; <svg width="12" height="10" aria-hidden="true" style="vertical-align: middle"><circle cx="6" cy="5" r="4" fill="currentColor"></circle></svg> city centre (approximate)`;
  const rows = districts.map((d) => ({
    code: d.properties?.code,
    name_en: d.properties?.name_en,
    name_zh: d.properties?.name_zh,
    city: d.properties?.city
  }));
  return chartFigure({
    ...options,
    document,
    kind: "study-area-map",
    content: plot,
    legend: [legend, key],
    defaultAriaLabel: ariaLabel,
    defaultCaption: `The study area: ${districts.length} districts of ${cityNames.join(", ")} (real administrative boundaries), coloured by city. The rivers and city centres are approximate sketches made for the reconstruction, not surveyed lines. Source: study.json (boundary, outline, rivers, cities).`,
    data: rows,
    columns: ["code", "name_en", "name_zh", "city"],
    defaultFilename: "districts.csv"
  });
}
