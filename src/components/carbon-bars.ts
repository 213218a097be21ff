// CarbonBars: carbon sources (+) stacked up and sinks (−) stacked down per
// epoch (carbon.arrow: direct emissions per class, indirect emissions of
// energy use), with the net emissions of each epoch as a line with dots.
import * as d3 from "d3";
import * as Plot from "@observablehq/plot";
import {CARBON_SOURCE_COLORS, CARBON_SOURCE_ORDER, carbonSourceLabel, ordinalColors} from "../lib/palette.js";
import {chartFigure, distinct, docOf, ordered, rowsOf, widthOf, type CommonOptions} from "./figure.js";
import type {CarbonRow} from "./tables.js";
import {f0, f2} from "./format.js";

export interface CarbonBarsOptions extends CommonOptions {
  /** "e4t" (10⁴ t C/yr, default) or "t" */
  unit?: "e4t" | "t";
  /** only direct (land-use) or indirect (energy) emissions; default both */
  method?: "direct" | "indirect";
  /** chart height, px; default 340 */
  height?: number;
}

export function CarbonBars(data: Iterable<CarbonRow>, options: CarbonBarsOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const rows = rowsOf<CarbonRow>(data).filter((d) => options.method === undefined || d.method === options.method);
  const unit = options.unit ?? "e4t";
  const unitLabel = unit === "e4t" ? "10⁴ t C/yr" : "t C/yr";
  const f = unit === "e4t" ? f2 : f0;
  const sources = ordered(
    distinct(rows, (d) => d.source),
    CARBON_SOURCE_ORDER as readonly string[]
  );
  const epochs = distinct(rows, (d) => d.epoch).sort((a, b) => a - b);
  const net = epochs.map((epoch) => ({epoch, net: d3.sum(rows, (d) => (d.epoch === epoch ? d[unit] : 0))}));
  const bars = rows.filter((d) => d[unit] !== 0 && Number.isFinite(d[unit]));
  const ariaLabel = `Stacked bar chart of carbon sources and sinks per epoch, with net emissions`;
  const plot = Plot.plot({
    document,
    width,
    height: options.height ?? 340,
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `Carbon emissions (${unitLabel}) per epoch ${epochs.join(", ")}: sources above zero, sinks below zero, stacked by source; the line and dots give net emissions, ${net.map((d) => `${d.epoch}: ${f(d.net)}`).join(", ")}.`,
    x: {type: "band", domain: epochs, label: "Epoch", tickFormat: (d: number) => String(d), padding: 0.25},
    y: {label: `Carbon emissions (${unitLabel})`, grid: true},
    color: {...ordinalColors(sources, CARBON_SOURCE_COLORS), type: "ordinal", tickFormat: carbonSourceLabel, label: "Source"},
    marks: [
      Plot.barY(bars, {
        x: "epoch",
        y: unit,
        fill: "source",
        order: sources,
        stroke: "var(--plot-background)",
        strokeWidth: 0.5,
        channels: {Method: "method"},
        tip: {format: {x: (d: number) => String(d), fill: carbonSourceLabel, y: f}},
        className: "atlas-sources-and-sinks"
      }),
      Plot.ruleY([0]),
      Plot.line(net, {x: "epoch", y: "net", stroke: "currentColor", strokeWidth: 1.5, className: "atlas-net-emissions-line"}),
      Plot.dot(net, {
        x: "epoch",
        y: "net",
        r: 4,
        fill: "currentColor",
        stroke: "var(--plot-background)",
        channels: {"Net emissions": "net"},
        tip: {format: {x: (d: number) => String(d), y: false, "Net emissions": (v: number) => `${f(v)} ${unitLabel}`}},
        className: "atlas-net-emissions"
      })
    ]
  });
  const legend = plot.legend("color", {tickFormat: carbonSourceLabel}) as Element | undefined;
  const key = document.createElement("div");
  key.className = "atlas-key";
  key.innerHTML = `<svg width="26" height="10" aria-hidden="true"><line x1="1" x2="25" y1="5" y2="5" stroke="currentColor" stroke-width="1.5"></line><circle cx="13" cy="5" r="4" fill="currentColor"></circle></svg> net emissions (sources − sinks)`;
  return chartFigure({
    ...options,
    document,
    kind: "carbon-bars",
    content: plot,
    legend: [legend, key],
    defaultAriaLabel: ariaLabel,
    defaultCaption: `Carbon emissions per epoch (${unitLabel}): direct emissions of each land-use class (area × emission coefficient; negative: sinks) and indirect emissions of energy use on construction land (fuel × standard-coal × carbon coefficients); line: net emissions. Source: carbon.arrow, computed by the study pipeline.`,
    data: rows,
    columns: ["epoch", "source", "method", "t", "e4t"],
    defaultFilename: "carbon.csv"
  });
}
