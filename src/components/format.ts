// The number formats of every page and component, so that a number reads the
// same wherever it appears: f0 … f4 decimals, sf2 signed, pct for a share as a
// percentage, trimmed and significant for the few numbers whose size varies.
// Intl.NumberFormat, written as d3-format writes (tested against it); a page
// or chart builds no format of its own.

/**
 * A number format as d3-format would write it (minus sign U+2212, no "−0"):
 * `digits` decimals, thousands grouped unless `grouping` is false, "+" on
 * positive numbers when `signed`, per cent when `percent`.
 */
export function numberFormat(
  digits: number,
  {grouping = true, signed = false, percent = false}: {grouping?: boolean; signed?: boolean; percent?: boolean} = {}
): (n: number) => string {
  const nf = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: grouping,
    style: percent ? "percent" : "decimal"
  });
  return (n: number) => {
    let s = Number.isFinite(n) ? nf.format(n) : `${n}${percent ? "%" : ""}`;
    if (!signed && /^-0(\.0*)?%?$/.test(s)) s = s.slice(1); // rounds to zero: no sign, as d3-format
    s = s.replace("-", "−");
    return signed && !s.startsWith("−") ? `+${s}` : s;
  };
}

export const f0 = numberFormat(0);
export const f1 = numberFormat(1);
export const f2 = numberFormat(2);
export const f3 = numberFormat(3);
export const f4 = numberFormat(4);
export const sf2 = numberFormat(2, {signed: true});

/** A share (0.123) as a percentage with `digits` decimals: "12.3 %". */
export const pct = (share: number, digits = 1): string => `${numberFormat(digits)(share * 100)} %`;

/** The same, with a sign: "+12.3 %", "−4.0 %". */
export const signedPct = (share: number, digits = 1): string => `${numberFormat(digits, {signed: true})(share * 100)} %`;

/** At most `digits` decimals, trailing zeros dropped (d3's "~f"): 0.001, 0.05. */
export function trimmed(digits: number): (n: number) => string {
  const nf = new Intl.NumberFormat("en-US", {maximumFractionDigits: digits});
  return (n) => nf.format(n).replace(/^-0$/, "0").replace("-", "−");
}

/** `digits` significant digits, for numbers of any size (a tiny cut-off, a ratio): 0.0000025, 1,230. */
export function significant(digits: number): (n: number) => string {
  const nf = new Intl.NumberFormat("en-US", {maximumSignificantDigits: digits});
  return (n) => nf.format(n).replace("-", "−");
}

/** A size in bytes as kB or MB (decimal): "1.5 MB", "120 kB". */
export const fileSize = (bytes: number): string => (bytes >= 1e6 ? `${f1(bytes / 1e6)} MB` : `${f0(bytes / 1e3)} kB`);

/** " doi:…" after a citation, unless the citation already gives that DOI (some products cite one per version). */
export const doiAfter = (citation: string | undefined, doi: string | undefined): string =>
  doi && !(citation ?? "").includes(doi) ? ` doi:${doi}` : "";
