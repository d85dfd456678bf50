/** Decimal-correct rounding, as Excel's ROUND does it. */

/** x × 10^places by editing the decimal exponent of x's shortest text, so 1.005 stays 1.005 (not 1.00499…). */
function shiftDecimal(x: number, places: number): number {
  const [mantissa, exponent] = String(x).split("e");
  return Number(`${mantissa}e${Number(exponent ?? 0) + places}`);
}

const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * Round half away from zero to `decimals` places (negative places round to tens, hundreds…),
 * on the number as written in decimal: roundHalfUp(1.005, 2) === 1.01 and
 * roundHalfUp(-1.005, 2) === -1.01, where Math.round(x * 100) / 100 gives 1 and -1.
 * Non-finite numbers and numbers too large to carry the requested places come back unchanged.
 */
export function roundHalfUp(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  const places = Math.trunc(decimals);
  const magnitude = Math.abs(x);
  // Fast path (ranking rounds every figure): the float product x × 10^places is within
  // 2.3e-16 × itself of the decimal product, so when it is clearly away from a half both round
  // to the same integer; and an integer divided by an exact power of ten is the same double as
  // its decimal text. Near a half, the decimal text decides.
  const scale = POW10[places];
  if (scale !== undefined) {
    const scaled = magnitude * scale;
    if (scaled < 2 ** 50 && Math.abs(scaled - Math.floor(scaled) - 0.5) > scaled * 1e-15 + 1e-9) {
      const rounded = Math.sign(x) * (Math.round(scaled) / scale);
      return rounded === 0 ? 0 : rounded;
    }
  }
  const shifted = shiftDecimal(magnitude, places);
  if (!Number.isFinite(shifted)) return x;
  const rounded = Math.sign(x) * shiftDecimal(Math.round(shifted), -places);
  return rounded === 0 ? 0 : rounded;
}
