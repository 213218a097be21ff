// EnergyBars: energy use per fuel and epoch (energy.arrow), stacked bars of
// carbon (10⁴ t C) or standard coal (t), one colour per fuel.
import * as Plot from "@observablehq/plot";
import {FUEL_COLORS, FUELS, fuelLabel, ordinalColors} from "../lib/palette.js";
import {chartFigure, distinct, docOf, ordered, rowsOf, widthOf, type CommonOptions} from "./figure.js";
import type {EnergyRow} from "./tables.js";
import {f0, f2} from "./format.js";

export interface EnergyBarsOptions extends CommonOptions {
  /** "e4t" (carbon, 10⁴ t C; default), "t" (carbon, t C) or "tce" (t of standard coal) */
  value?: "e4t" | "t" | "tce";
  /** chart height, px; default 320 */
  height?: number;
}

const LABELS = {e4t: "Carbon (10⁴ t C/yr)", t: "Carbon (t C/yr)", tce: "Standard coal (t ce/yr)"};
const PHRASES = {e4t: "carbon emissions (10⁴ t C/yr)", t: "carbon emissions (t C/yr)", tce: "standard coal (t ce/yr)"};

export function EnergyBars(data: Iterable<EnergyRow>, options: EnergyBarsOptions = {}): HTMLElement {
  const document = docOf(options);
  const width = widthOf(options);
  const rows = rowsOf<EnergyRow>(data);
  const value = options.value ?? "e4t";
  const f = value === "e4t" ? f2 : f0;
  const fuels = ordered(
    distinct(rows, (d) => d.fuel),
    FUELS as readonly string[]
  );
  const epochs = distinct(rows, (d) => d.epoch).sort((a, b) => a - b);
  const ariaLabel = `Stacked bar chart of energy use by fuel per epoch`;
  const plot = Plot.plot({
    document,
    width,
    height: options.height ?? 320,
    ariaLabel,
    ariaDescription:
      options.ariaDescription ??
      `${LABELS[value]} of ${fuels.length} fuels (${fuels.map(fuelLabel).join(", ")}) in ${epochs.join(", ")}, stacked per epoch.`,
    x: {type: "band", domain: epochs, label: "Epoch", tickFormat: (d: number) => String(d), padding: 0.25},
    y: {label: LABELS[value], grid: true},
    color: {...ordinalColors(fuels, FUEL_COLORS), type: "ordinal", tickFormat: fuelLabel, label: "Fuel"},
    marks: [
      Plot.barY(rows, {
        x: "epoch",
        y: value,
        fill: "fuel",
        order: fuels,
        stroke: "var(--plot-background)",
        strokeWidth: 0.5,
        channels: {Quantity: (d: EnergyRow) => `${f2(d.quantity)} ${d.unit}`, "Standard coal (t ce)": "tce"},
        tip: {format: {x: (d: number) => String(d), fill: fuelLabel, y: f, "Standard coal (t ce)": f0}},
        className: "atlas-fuels"
      }),
      Plot.ruleY([0])
    ]
  });
  const legend = plot.legend("color", {tickFormat: fuelLabel}) as Element | undefined;
  return chartFigure({
    ...options,
    document,
    kind: "energy-bars",
    content: plot,
    legend,
    defaultAriaLabel: ariaLabel,
    defaultCaption: `Energy use per fuel and epoch, as ${PHRASES[value]}: quantity × standard-coal coefficient${value === "tce" ? "" : " × carbon emission coefficient"}. Source: energy.arrow, computed by the study pipeline from the study's energy table.`,
    data: rows,
    columns: ["epoch", "fuel", "quantity", "unit", "tce", "t", "e4t"],
    defaultFilename: "energy.csv"
  });
}
