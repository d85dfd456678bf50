import fc from "fast-check";
import { roundHalfUp } from "./round";

describe("roundHalfUp", () => {
  it("rounds the decimal number as written, so 1.005 becomes 1.01 and -1.005 becomes -1.01", () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(-1.005, 2)).toBe(-1.01);
    expect(roundHalfUp(0.12345, 4)).toBe(0.1235);
    expect(roundHalfUp(1.0049999, 2)).toBe(1);
    expect(roundHalfUp(800.245, 2)).toBe(800.25);
  });

  it("rounds halves away from zero", () => {
    expect(roundHalfUp(0.5, 0)).toBe(1);
    expect(roundHalfUp(-0.5, 0)).toBe(-1);
    expect(roundHalfUp(2.5, 0)).toBe(3);
  });

  it("rounds to tens and hundreds with negative decimals", () => {
    expect(roundHalfUp(1250, -2)).toBe(1300);
    expect(roundHalfUp(-1249, -2)).toBe(-1200);
  });

  it("handles numbers written with an exponent", () => {
    expect(roundHalfUp(1.5e-7, 7)).toBe(2e-7);
    expect(roundHalfUp(1e-12, 3)).toBe(0);
    expect(Object.is(roundHalfUp(-1e-12, 3), 0)).toBe(true);
    expect(roundHalfUp(1.23e25, 2)).toBe(1.23e25);
  });

  it("rounds a figure as a person computing it would: binary noise below a half does not round it down (as Excel)", () => {
    // 5.005 points of 10, as a value (0.5005) and back: 5.004999999999999 in binary.
    const points = (5.005 / 10) * 10;
    expect(points).not.toBe(5.005);
    expect(roundHalfUp(points, 2)).toBe(5.01);
    expect(roundHalfUp(-points, 2)).toBe(-5.01);
    expect(roundHalfUp((0.115 / 400) * 400, 2)).toBe(0.12);
    // A figure that really is below the half stays below it.
    expect(roundHalfUp(5.00499999999, 2)).toBe(5);
  });

  it("keeps integers as they are, however long", () => {
    // 2^60, a whole number a double holds exactly, far past 15 significant digits.
    expect(roundHalfUp(2 ** 60, 2)).toBe(2 ** 60);
    expect(roundHalfUp(-7, 0)).toBe(-7);
  });

  it("returns non-finite numbers unchanged", () => {
    expect(roundHalfUp(Infinity, 2)).toBe(Infinity);
    expect(roundHalfUp(Number.NaN, 2)).toBeNaN();
  });

  it("lands within half a unit of the last place and on a number with at most that many decimals", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, d) => {
        const r = roundHalfUp(x, d);
        const unit = 10 ** -d;
        const decimals = (String(r).split(".")[1] ?? "").length;
        return Math.abs(r - x) <= unit / 2 + 1e-9 && (String(r).includes("e") || decimals <= d);
      }),
    );
  });
});

describe("roundHalfUp against the decimal-text method", () => {
  /** The reference: take the number's text to 15 significant digits, shift its decimal exponent, round, shift back. */
  function viaText(x: number, d: number): number {
    const shift = (v: number, p: number) => {
      const [m, e] = String(v).split("e");
      return Number(`${m}e${Number(e ?? 0) + p}`);
    };
    const figure = Number.isInteger(x) ? Math.abs(x) : Number(Math.abs(x).toPrecision(15));
    const r = Math.sign(x) * shift(Math.round(shift(figure, d)), -d);
    return r === 0 ? 0 : r;
  }

  it("agrees with it on any number and any number of decimals", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 12 }), (x, d) =>
        Object.is(roundHalfUp(x, d), viaText(x, d)),
      ),
      { numRuns: 2000 },
    );
  });

  it("agrees with it on numbers written with few decimals, where halves are common", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 5 }),
        (n, written, d) => {
          const x = Number(`${n}e-${written}`);
          return Object.is(roundHalfUp(x, d), viaText(x, d));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
