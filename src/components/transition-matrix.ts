// TransitionMatrix: the transition matrix of one period (transitions.arrow)
// as an HTML table, km², rows = class at the start, columns = class at the
// end, with row totals (area at the start) and column totals (area at the
// end). The diagonal (unchanged land) is bold; off-diagonal cells are shaded
// by their size relative to the largest change.
import * as d3 from "d3";
import {classLabel} from "../lib/palette.js";
import {chartFigure, docOf, scrollWrap, rowsOf, selectOne, type CommonOptions} from "./figure.js";
import {transitionPeriod, type TransitionRow} from "./tables.js";
import {numberFormat} from "./format.js";
import {htmlTable} from "./html-table.js";

export interface TransitionMatrixOptions extends CommonOptions {
  /** the period to show, e.g. "2003–2021" (required when rows hold several) */
  period?: string;
  /** decimals; default 2 */
  digits?: number;
  /** shade off-diagonal cells by size; default true */
  shade?: boolean;
}

export function TransitionMatrix(data: Iterable<TransitionRow>, options: TransitionMatrixOptions = {}): HTMLElement {
  const document = docOf(options);
  const all = rowsOf<TransitionRow>(data);
  const {rows, value: period} = selectOne(all, (d) => d.period, options.period, "period", "TransitionMatrix");
  const digits = options.digits ?? 2;
  const f = numberFormat(digits);
  const {fromEpoch, toEpoch, classes} = transitionPeriod(rows);
  const cell = new Map<string, number>();
  for (const r of rows) cell.set(`${r.from}\u0000${r.to}`, (cell.get(`${r.from}\u0000${r.to}`) ?? 0) + r.km2);
  const get = (a: string, b: string) => cell.get(`${a}\u0000${b}`) ?? 0;
  const maxChange = d3.max(rows, (d) => (d.from !== d.to ? d.km2 : 0)) || 1;
  const shade = options.shade ?? true;
  const num = (v: number, extra: Record<string, string> = {}): [string, Record<string, string>] => [f(v), {class: "atlas-num", ...extra}];
  const head: (string | [string, Record<string, string>])[] = [
    `${fromEpoch} ↓ / ${toEpoch} →`,
    ...classes.map((c): [string, Record<string, string>] => [classLabel(c), {class: "atlas-right"}]),
    [`Total ${fromEpoch}`, {class: "atlas-right"}],
    [`Lost`, {class: "atlas-right"}]
  ];
  const body = classes.map((a) => {
    const total = d3.sum(classes, (b) => get(a, b));
    const lost = total - get(a, a);
    return [
      classLabel(a),
      ...classes.map((b) => {
        const v = get(a, b);
        const title = `${classLabel(a)} (${fromEpoch}) → ${classLabel(b)} (${toEpoch}): ${f(v)} km²`;
        if (a === b)
          return num(v, {
            class: "atlas-num atlas-strong",
            "data-diagonal": "true",
            title
          });
        const pct = shade && v > 0 ? Math.round(8 + 40 * Math.sqrt(v / maxChange)) : 0;
        return num(
          v,
          pct
            ? {
                style: `background: color-mix(in srgb, var(--theme-foreground-focus, #3b5fc0) ${pct}%, transparent);`,
                title
              }
            : {title}
        );
      }),
      num(total),
      num(lost)
    ];
  });
  const totalsTo = classes.map((b) => d3.sum(classes, (a) => get(a, b)));
  const gained = classes.map((b) => totalsTo[classes.indexOf(b)] - get(b, b));
  const grand = d3.sum(totalsTo);
  const foot = [
    [`Total ${toEpoch}`, ...totalsTo.map((v) => num(v)), num(grand), ["", {}] as [string, Record<string, string>]],
    ["Gained", ...gained.map((v) => num(v)), ["", {}] as [string, Record<string, string>], num(d3.sum(gained))],
    [
      "Net change",
      ...classes.map((c, i) => num(totalsTo[i] - d3.sum(classes, (b) => get(c, b)))),
      ["", {}] as [string, Record<string, string>],
      ["", {}] as [string, Record<string, string>]
    ]
  ];
  const ariaLabel = options.ariaLabel ?? `Land-use transition matrix ${period ?? ""}, km²`.trim();
  const table = htmlTable(document, {
    head,
    body,
    foot,
    attrs: {
      class: "atlas-matrix",
      "aria-label": ariaLabel,
      "aria-description":
        options.ariaDescription ??
        `Rows: land-use class in ${fromEpoch}; columns: class in ${toEpoch}; cells: km² that went from the row class to the column class; the diagonal kept its class. Last columns: total in ${fromEpoch} and area lost; last rows: total in ${toEpoch}, area gained and net change.`
    }
  });
  const wrap = scrollWrap(document, table);
  return chartFigure({
    ...options,
    document,
    kind: "transition-matrix",
    content: wrap,
    defaultAriaLabel: ariaLabel,
    defaultCaption: `Transition matrix ${period ?? ""} (km²): rows are the class in ${fromEpoch}, columns the class in ${toEpoch}; the diagonal is land that kept its class. Source: transitions.arrow, cross-tabulated by the study pipeline.`,
    data: rows,
    columns: ["period", "from_epoch", "to_epoch", "from", "to", "km2"],
    defaultFilename: `transitions-${(period ?? "period").replace(/[^0-9]+/g, "-")}.csv`
  });
}
