/**
 * Decimal-correct rounding, as Excel's ROUND does it. This is the one function that rounds a
 * figure for ranking and for display: a score read to a person and the rank it gives must agree.
 */

/** x × 10^places by editing the decimal exponent of x's shortest text, so 1.005 stays 1.005 (not 1.00499…). */
function shiftDecimal(x: number, places: number): number {
  const [mantissa, exponent] = String(x).split("e");
  return Number(`${mantissa}e${Number(exponent ?? 0) + places}`);
}

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Significant digits a figure is taken to have before it is rounded, as in Excel. */
export const SIGNIFICANT_DIGITS = 15;

/**
 * The figure as a person computing it by hand would have it: x to 15 significant digits, so the
 * noise of binary arithmetic is gone ((5.005 ÷ 10) × 10 = 5.004999999999999 → 5.005). Integers
 * come back unchanged, however long.
 */
export function decimalFigure(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  return Number(x.toPrecision(SIGNIFICANT_DIGITS));
}

/**
 * The decimal logarithm of x > 0 to 15 significant digits (decimalFigure), so that where the
 * decimal answer is exact the figure is: log10(1000) is 3, not the 2.9999999999999996 of binary
 * arithmetic, and a `minmax` rule with `"transform": "log"` gives 100 between 10 and 1000 the
 * value 0.5 exactly. NaN for x ≤ 0, as Math.log10 gives.
 */
export function log10Figure(x: number): number {
  return decimalFigure(Math.log10(x));
}

/**
 * Round half away from zero to `decimals` places (negative places round to tens, hundreds…),
 * on the number as written in decimal to 15 significant digits, as Excel rounds:
 * roundHalfUp(1.005, 2) === 1.01 and roundHalfUp(-1.005, 2) === -1.01, where
 * Math.round(x * 100) / 100 gives 1 and -1; and roundHalfUp((5.005 / 10) * 10, 2) === 5.01,
 * though that product is 5.004999999999999 in binary.
 * Non-finite numbers and numbers too large to carry the requested places come back unchanged.
 */
export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const places = Math.trunc(decimals);
  const magnitude = Math.abs(x);
  if (places >= 0 && Number.isInteger(magnitude)) return x === 0 ? 0 : x;
  // Fast path (ranking rounds every figure): the float product x × 10^places is within
  // 2.3e-16 × itself of the decimal product, and x differs from its 15-digit form by at most
  // 5e-15 × itself, so when the product is clearly away from a half all of them round to the
  // same integer; and an integer divided by an exact power of ten is the same double as its
  // decimal text. Near a half, the 15-digit decimal text decides.
  const scale = POW10[places];
  if (scale !== undefined) {
    const scaled = magnitude * scale;
    if (scaled < 2 ** 50 && Math.abs(scaled - Math.floor(scaled) - 0.5) > scaled * 1e-14 + 1e-9) {
      const rounded = Math.sign(x) * (Math.round(scaled) / scale);
      return rounded === 0 ? 0 : rounded;
    }
  }
  const shifted = shiftDecimal(decimalFigure(magnitude), places);
  if (!Number.isFinite(shifted)) return x;
  const rounded = Math.sign(x) * shiftDecimal(Math.round(shifted), -places);
  return rounded === 0 ? 0 : rounded;
}
