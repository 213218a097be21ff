// SensitivityTable: coefficients of sensitivity CS = (ΔESV/ESV)/(ΔVC/VC) of
// total ESV to ±50 % changes of each class's value coefficient
// (esv-sensitivity.arrow), classes × epochs. CS < 1: ESV is inelastic to that
// coefficient (the usual robustness argument); CS ≥ 1 is flagged.
import {CLASS_ORDER, classLabel} from "../lib/palette.js";
import {chartFigure, distinct, docOf, ordered, rowsOf, scrollWrap, type CommonOptions} from "./figure.js";
import type {SensitivityRow} from "./tables.js";
import {numberFormat} from "./format.js";
import {htmlTable} from "./html-table.js";

export interface SensitivityTableOptions extends CommonOptions {
  /** epochs to show, default all */
  epochs?: number[];
  /** decimals; default 4 */
  digits?: number;
}

export function SensitivityTable(data: Iterable<SensitivityRow>, options: SensitivityTableOptions = {}): HTMLElement {
  const document = docOf(options);
  const all = rowsOf<SensitivityRow>(data);
  const epochs = options.epochs ?? distinct(all, (d) => d.epoch).sort((a, b) => a - b);
  const rows = all.filter((d) => epochs.includes(d.epoch));
  const classes = ordered(
    distinct(rows, (d) => d.class),
    CLASS_ORDER as readonly string[]
  );
  const f = numberFormat(options.digits ?? 4);
  // show ±50 % separately only where they differ (they coincide for a linear ESV)
  const split = rows.some((d) => Math.abs(d.cs_up - d.cs_down) > 1e-9 * Math.max(1, Math.abs(d.cs_up)));
  const get = new Map(rows.map((d) => [`${d.epoch}\u0000${d.class}`, d]));
  const num = (v: number | undefined): [string, Record<string, string>] => {
    if (v === undefined || !Number.isFinite(v)) return ["–", {class: "atlas-num"}];
    return [f(v), v >= 1 ? {class: "atlas-num atlas-strong", "data-elastic": "true"} : {class: "atlas-num"}];
  };
  const head: (string | [string, Record<string, string>])[] = [
    "Class",
    ...epochs.flatMap((e): [string, Record<string, string>][] =>
      split
        ? [
            [`${e} +50 %`, {class: "atlas-right"}],
            [`${e} −50 %`, {class: "atlas-right"}]
          ]
        : [[String(e), {class: "atlas-right"}]]
    )
  ];
  const body = classes.map((c) => [
    classLabel(c),
    ...epochs.flatMap((e) => {
      const d = get.get(`${e}\u0000${c}`);
      return split ? [num(d?.cs_up), num(d?.cs_down)] : [num(d?.cs_up)];
    })
  ]);
  const ariaLabel = options.ariaLabel ?? "Coefficients of sensitivity of ESV to each class's value coefficient";
  const table = htmlTable(document, {
    head,
    body,
    attrs: {
      class: "atlas-sensitivity",
      "aria-label": ariaLabel,
      "aria-description":
        options.ariaDescription ??
        `Rows: land-use classes; columns: epochs${split ? " and the +50 % and −50 % changes" : ""}; cells: coefficient of sensitivity of total ESV to that class's value coefficient.`
    }
  });
  const wrap = scrollWrap(document, table);
  return chartFigure({
    ...options,
    document,
    kind: "sensitivity-table",
    content: wrap,
    defaultAriaLabel: ariaLabel,
    defaultCaption: `Coefficient of sensitivity CS = (ΔESV/ESV) / (ΔVC/VC) for ${split ? "+50 % and −50 %" : "±50 %"} changes of each class's value coefficient${split ? "" : " (the two coincide)"}; CS < 1 means total ESV is inelastic to that coefficient, values ≥ 1 are bold. Source: esv-sensitivity.arrow, computed by the study pipeline.`,
    data: rows,
    columns: ["epoch", "class", "cs_up", "cs_down"],
    defaultFilename: "esv-sensitivity.csv"
  });
}
