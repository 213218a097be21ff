// The one pattern for a number written as text (energy tables, CSV inputs of
// the CLI): an optional sign, digits with an optional point, an optional
// exponent. Nothing else is read as a number: no blanks, hex, Infinity or NaN.
export const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
