/**
 * A literal written with "%" in an expression is the number with its decimal point moved two
 * places, as Excel reads it: "16.4%" is the number written 0.164, not 16.4 ÷ 100 in binary
 * arithmetic (0.16399999999999998), which a results sheet or an explanation would show with its
 * stray digits.
 */
import { evaluate } from "./evaluate";
import { parseExpression } from "./parse";

function run(source: string, values: Record<string, number> = {}): number | undefined {
  const r = parseExpression(source);
  if (!r.ok) throw new Error(`${source}: ${r.message.en}`);
  return evaluate(r.expr, (code) => values[code]);
}

describe("percent literals", () => {
  test('"16.4%" is exactly 0.164 and "0.1%" exactly 0.001', () => {
    expect(run("16.4%")).toBe(0.164);
    expect(run("0.1%")).toBe(0.001);
    expect(run("0.7%")).toBe(0.007);
    expect(run("95%")).toBe(0.95);
  });

  test("a share reached by a percent target is exact: 16.4% of 1000 households is 164", () => {
    expect(run("[ho] * 16.4%", { ho: 1000 })).toBe(164);
  });
});
