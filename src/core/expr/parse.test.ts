import fc from "fast-check";
import { type Expr, FUNCTIONS, type FunctionName } from "./ast";
import { constantFailures, evaluate, referencesRead } from "./evaluate";
import { toExcelFormula } from "./excel";
import { FUNCTION_ARITY, MAX_EXPR_DEPTH, MAX_EXPR_NESTING, isStackOverflow, parseExpression, printExpression } from "./parse";

function parsed(source: string): Expr {
  const r = parseExpression(source);
  if (!r.ok) throw new Error(`expected ${source} to parse: ${r.message.en}`);
  return r.expr;
}

function failure(source: string): { position: number; vi: string; en: string } {
  const r = parseExpression(source);
  if (r.ok) throw new Error(`expected ${source} to be rejected`);
  return { position: r.position, vi: r.message.vi, en: r.message.en };
}

const value = (source: string, refs: Record<string, number> = {}): number | undefined =>
  evaluate(parsed(source), (code) => refs[code]);

describe("reading expressions", () => {
  test("numbers are read in the usual forms: integers, decimals and exponents", () => {
    expect(parsed("1")).toEqual({ type: "number", value: 1 });
    expect(parsed("0.5")).toEqual({ type: "number", value: 0.5 });
    expect(parsed(".25")).toEqual({ type: "number", value: 0.25 });
    expect(parsed("1e3")).toEqual({ type: "number", value: 1000 });
    expect(parsed("2.5E-2")).toEqual({ type: "number", value: 0.025 });
  });

  test("a number followed by % is that number ÷ 100, as in Excel", () => {
    expect(parsed("95%")).toEqual({ type: "number", value: 0.95 });
    expect(parsed("12.5%")).toEqual({ type: "number", value: 0.125 });
    expect(parsed("0.1%")).toEqual({ type: "number", value: 0.001 });
    expect(parsed(".5%")).toEqual({ type: "number", value: 0.005 });
    expect(parsed("1e3%")).toEqual({ type: "number", value: 10 });
    expect(parsed("150%")).toEqual({ type: "number", value: 1.5 });
    expect(value("IF([k]/[n] >= 95%, 1, 0.5)", { k: 95, n: 100 })).toBe(1);
    expect(value("IF([k]/[n] >= 95%, 1, 0.5)", { k: 94, n: 100 })).toBe(0.5);
    // It binds to its number, before ^ and unary minus, as Excel's % does: 2^50% is the square root of 2.
    expect(value("2^50%")).toBe(Math.SQRT2);
    expect(value("-50%^2")).toBe(0.25);
    expect(value("[a] * 10%", { a: 30 })).toBe(3);
    // Printed back as the number it stands for, which reads back the same.
    expect(printExpression(parsed("[a] >= 95%"))).toBe("[a] >= 0.95");
  });

  test("% after anything but a number is explained, in both languages", () => {
    for (const [source, position] of [["[a]%", 3], ["(1 + 2)%", 7], ["95 %", 3], ["95%%", 3]] as const) {
      const f = failure(source);
      expect(f.position).toBe(position);
      expect(f.vi).toContain("dấu '%' chỉ được viết ngay sau một số, ví dụ 95% (bằng 0.95)");
      expect(f.en).toContain("'%' may only follow a number, as in 95% (which is 0.95)");
    }
  });

  test("a reference is any text between square brackets, trimmed", () => {
    expect(parsed("[ 1.3.a ]")).toEqual({ type: "ref", code: "1.3.a" });
    expect(parsed("[Tỷ lệ hồ sơ (%)]")).toEqual({ type: "ref", code: "Tỷ lệ hồ sơ (%)" });
  });

  test("the referenced codes are listed in the order they appear, repeats included", () => {
    const r = parseExpression("([R] - [V] + 1) / 2 + MAX([R], [x])");
    expect(r.ok && r.refs).toEqual(["R", "V", "R", "x"]);
  });

  test("unary minus binds tighter than ^, as in Excel: -2^2 is 4", () => {
    expect(value("-2^2")).toBe(4);
    expect(value("0-2^2")).toBe(-4);
  });

  test("^ groups from the left, as in Excel: 2^3^2 is 64", () => {
    expect(value("2^3^2")).toBe(64);
  });

  test("* and / come before + and -, and comparisons come last", () => {
    expect(value("1 + 2 * 3")).toBe(7);
    expect(value("(1 + 2) * 3")).toBe(9);
    expect(value("8 / 4 / 2")).toBe(1);
    expect(value("10 - 2 - 3")).toBe(5);
    expect(value("1 + 1 = 2")).toBe(1);
    expect(value("[a] >= 0.5 * 2", { a: 0.9 })).toBe(0);
    expect(value("2^-1")).toBe(0.5);
  });

  test("every comparison operator is understood", () => {
    expect(["=", "<>", "<", "<=", ">", ">="].map((op) => value(`1 ${op} 2`))).toEqual([0, 1, 1, 1, 0, 0]);
  });

  test("function names are case-insensitive and take comma-separated arguments", () => {
    expect(parsed("max([a], 2)")).toEqual({ type: "call", name: "MAX", args: [{ type: "ref", code: "a" }, { type: "number", value: 2 }] });
    expect(value("Round(2.345, 2)")).toBe(2.35);
    expect(value("average(1, 2, 3)")).toBe(2);
    expect(value("IF([a] > 1, 10, 20)", { a: 3 })).toBe(10);
  });

  test("the ND-GAIN example of the specification reads as written", () => {
    expect(value("([R] - [V] + 1) / 2", { R: 0.6, V: 0.4 })).toBeCloseTo(0.6, 12);
  });
});

describe("expressions that cannot be read", () => {
  test("a missing ')' is reported with its character position in both languages", () => {
    const f = failure("MIN([a], 1");
    expect(f.position).toBe(10);
    expect(f.vi).toMatch(/^Ký tự thứ 11: thiếu dấu '\)'/);
    expect(f.en).toMatch(/^Character 11: missing '\)'/);
  });

  test("an unknown function is named in the message", () => {
    const f = failure("1 + VLOOKUP([a], 2)");
    expect(f.position).toBe(4);
    expect(f.vi).toContain("VLOOKUP");
    expect(f.en).toContain("VLOOKUP");
    expect(f.en).toContain("AVERAGE");
  });

  test("an unknown function still gives the expression's references, so they can be checked too", () => {
    const r = parseExpression("FOO([a]) + [zz]");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.refs).toEqual(["a", "zz"]);
    expect(!r.ok && r.message.en).toContain("there is no function 'FOO'");
    // A syntax error after the unknown function: both are said, the first in the source first, and the references are still given.
    const broken = parseExpression("FOO([a]) + ([zz]");
    expect(!broken.ok && broken.message.en).toContain("FOO");
    expect(!broken.ok && broken.problems.map((p) => p.message.en)).toEqual([
      "Character 1: there is no function 'FOO'; the functions available are MIN, MAX, ABS, ROUND, LN, LOG10, EXP, SQRT, IF, AND, OR, NOT, AVERAGE, SUM.",
      "Character 17: missing ')' to close the '(' at character 12.",
    ]);
    expect(!broken.ok && broken.refs).toEqual(["a", "zz"]);
  });

  test("one reading gives every problem of the text: the syntax error, each unknown function and the references, even past the error", () => {
    const r = parseExpression("IF([4.1.b]=0, 0, [4.1.a]/[4.1.c] + FOO([4.1.d])");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.message.vi)).toEqual([
      "Ký tự thứ 36: không có hàm 'FOO'; các hàm dùng được: MIN, MAX, ABS, ROUND, LN, LOG10, EXP, SQRT, IF, AND, OR, NOT, AVERAGE, SUM.",
      "Ký tự thứ 48: thiếu dấu ')' để đóng dấu '(' ở ký tự 3.",
    ]);
    expect(r.problems.map((p) => p.message.en)).toEqual([
      "Character 36: there is no function 'FOO'; the functions available are MIN, MAX, ABS, ROUND, LN, LOG10, EXP, SQRT, IF, AND, OR, NOT, AVERAGE, SUM.",
      "Character 48: missing ')' to close the '(' at character 3.",
    ]);
    expect(r.refs).toEqual(["4.1.b", "4.1.a", "4.1.c", "4.1.d"]);
    // An unknown function after the syntax error, and after a character that cannot be read, is still found.
    const after = parseExpression("[a] + * 2 + BAR([b]) + bar(1)");
    expect(!after.ok && after.problems.map((p) => p.message.en)).toEqual([
      "Character 7: a value is missing before '*'.",
      "Character 13: there is no function 'BAR'; the functions available are MIN, MAX, ABS, ROUND, LN, LOG10, EXP, SQRT, IF, AND, OR, NOT, AVERAGE, SUM.",
    ]);
    expect(!after.ok && after.refs).toEqual(["a", "b"]);
    const unread = parseExpression("MEDIAN([a]; [b]) & [c]");
    expect(!unread.ok && unread.problems.map((p) => p.message.vi)).toEqual([
      "Ký tự thứ 1: không có hàm 'MEDIAN'; các hàm dùng được: MIN, MAX, ABS, ROUND, LN, LOG10, EXP, SQRT, IF, AND, OR, NOT, AVERAGE, SUM.",
      "Ký tự thứ 11: dùng dấu phẩy ',' để ngăn cách các đối số, không dùng ';'.",
    ]);
    expect(!unread.ok && unread.refs).toEqual(["a", "b", "c"]);
  });

  test("a wrong number of arguments still gives the references, and the first problem in the source is said", () => {
    const r = parseExpression("ABS([a], 2) + [zz]");
    expect(!r.ok && r.refs).toEqual(["a", "zz"]);
    expect(!r.ok && r.message.en).toBe("Character 1: ABS takes exactly 1 argument, here it has 2.");
    const nested = parseExpression("IF([a], ROUND([b]), SQRT(1, 2))");
    expect(!nested.ok && nested.message.en).toContain("Character 9: ROUND takes exactly 2 arguments");
    expect(!nested.ok && nested.refs).toEqual(["a", "b"]);
    // Every call given the wrong number of arguments is said, not only the first.
    expect(!nested.ok && nested.problems.map((p) => p.message.en)).toEqual([
      "Character 9: ROUND takes exactly 2 arguments, here it has 1.",
      "Character 21: SQRT takes exactly 1 argument, here it has 2.",
    ]);
  });

  test("a function given the wrong number of arguments is rejected", () => {
    const cases: Array<[string, FunctionName]> = [
      ["IF(1)", "IF"],
      ["IF(1, 2, 3, 4)", "IF"],
      ["NOT(1, 2)", "NOT"],
      ["ABS()", "ABS"],
      ["LN(1, 2)", "LN"],
      ["LOG10()", "LOG10"],
      ["EXP(1, 1)", "EXP"],
      ["SQRT()", "SQRT"],
      ["ROUND(1)", "ROUND"],
      ["MIN()", "MIN"],
      ["MAX()", "MAX"],
      ["AVERAGE()", "AVERAGE"],
      ["SUM()", "SUM"],
      ["AND()", "AND"],
      ["OR()", "OR"],
    ];
    for (const [source, name] of cases) {
      const f = failure(source);
      expect(f.en).toContain(name);
      expect(f.vi).toContain(name);
    }
    expect(parseExpression("IF(1, 2)").ok).toBe(true);
    expect(parseExpression("SUM(1, 2, 3, 4, 5)").ok).toBe(true);
  });

  test("a bare word is explained as a reference that lacks its brackets", () => {
    const f = failure("[a] + le");
    expect(f.position).toBe(6);
    expect(f.en).toContain("[le]");
    expect(f.vi).toContain("[le]");
  });

  test("other mistakes are reported at the place they occur", () => {
    expect(failure("").en).toMatch(/empty/);
    expect(failure("1 +").position).toBe(3);
    expect(failure("1 2").position).toBe(2);
    expect(failure("[a").position).toBe(0);
    expect(failure("[ ]").position).toBe(0);
    expect(failure("1 + 2)").position).toBe(5);
    expect(failure("1 & 2").position).toBe(2);
    expect(failure("MIN(1; 2)").en).toMatch(/','/);
    expect(failure("1e999").en).toMatch(/too large/);
    expect(failure("* 2").position).toBe(0);
  });

  test("reading never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."[]()+-*/^<>=,.;1e aMINIF xX".split("")), maxLength: 40 }), (s) => {
        const r = parseExpression(s);
        if (!r.ok) {
          expect(r.position).toBeGreaterThanOrEqual(0);
          expect(r.position).toBeLessThanOrEqual(s.length);
          expect(r.message.vi).toMatch(/^Ký tự thứ \d+: .*\.$/);
          expect(r.message.en).toMatch(/\.$/);
        }
      }),
    );
    fc.assert(fc.property(fc.string(), (s) => void parseExpression(s)));
  });

  test("deeply nested parentheses give a message, not a crash", () => {
    const r = parseExpression("(".repeat(100000) + "1" + ")".repeat(100000));
    expect(r.ok).toBe(false);
  });
});

describe("expressions too long or nested too deeply", () => {
  /** `n` terms joined by `op`: n − 1 operators one after another. */
  const chain = (n: number, op = "+"): string => Array.from({ length: n }, () => "[x]").join(op);

  test(`a chain of ${MAX_EXPR_DEPTH} operators is read and evaluated; one more is a problem at that operator, saying to use SUM`, () => {
    expect(value(chain(MAX_EXPR_DEPTH + 1), { x: 1 })).toBe(MAX_EXPR_DEPTH + 1);
    const f = failure(chain(MAX_EXPR_DEPTH + 2));
    // The 501st "+" is after 501 terms of 3 characters and 500 "+".
    expect(f.position).toBe(3 * (MAX_EXPR_DEPTH + 1) + MAX_EXPR_DEPTH);
    expect(f.vi).toBe(
      `Ký tự thứ ${f.position + 1}: biểu thức quá dài hoặc lồng nhau quá sâu (quá 500 bước tính nối tiếp hay lồng vào nhau); để cộng nhiều số hạng, hãy viết SUM([a], [b], [c]) thay cho [a] + [b] + [c].`,
    );
    expect(f.en).toBe(
      `Character ${f.position + 1}: the expression is too long or nested too deeply (more than 500 steps one after another or inside one another); to add up many terms, write SUM([a], [b], [c]) instead of [a] + [b] + [c].`,
    );
    // 4,000 terms, and a chain of any other operator, likewise; SUM takes them all.
    expect(failure(chain(4000)).position).toBe(f.position);
    expect(failure(chain(4000, "*")).en).toContain("too long");
    expect(value(`SUM(${chain(4000, ", ")})`, { x: 1 })).toBe(4000);
  });

  test(`${MAX_EXPR_NESTING} parentheses, functions or signs inside one another are read; one more is a problem where it opens`, () => {
    const n = MAX_EXPR_NESTING;
    expect(value(`${"(".repeat(n)}1${")".repeat(n)}`)).toBe(1);
    expect(value(`${"ABS(".repeat(n - 1)}-1${")".repeat(n - 1)}`)).toBe(1);
    expect(value(`${"-".repeat(n)}1`)).toBe(1);
    const parens = failure(`${"(".repeat(n + 1)}1${")".repeat(n + 1)}`);
    expect(parens.position).toBe(n);
    expect(parens.en).toBe(`Character ${n + 1}: the expression is nested too deeply (more than 100 parentheses, functions or signs inside one another); write it more simply.`);
    expect(parens.vi).toBe(`Ký tự thứ ${n + 1}: biểu thức lồng nhau quá sâu (quá 100 dấu ngoặc, hàm hay dấu âm, dương lồng vào nhau); hãy viết đơn giản hơn.`);
    expect(failure(`${"ABS(".repeat(n + 1)}1${")".repeat(n + 1)}`).position).toBe(4 * n);
    expect(failure(`${"-".repeat(n + 1)}1`).position).toBe(n);
  });

  test("every tree the parser gives can be evaluated, printed and checked without running out of stack", () => {
    // The deepest trees it gives: a chain at the limit, nested calls at the limit with a chain inside.
    const deepest = [
      chain(MAX_EXPR_DEPTH + 1),
      chain(MAX_EXPR_DEPTH + 1, "^"),
      `${"SQRT(".repeat(MAX_EXPR_NESTING)}${chain(MAX_EXPR_DEPTH + 1 - MAX_EXPR_NESTING)}${")".repeat(MAX_EXPR_NESTING)}`,
      `${"IF([x] > 0, ".repeat(MAX_EXPR_NESTING)}${chain(MAX_EXPR_DEPTH + 1 - MAX_EXPR_NESTING, "<")}${", 0)".repeat(MAX_EXPR_NESTING)}`,
    ];
    for (const source of deepest) {
      const e = parsed(source);
      expect(evaluate(e, () => 1)).toBeDefined();
      expect(referencesRead(e, () => 1)).toEqual(["x"]);
      expect(constantFailures(e)).toEqual([]);
      expect(parsed(printExpression(e))).toEqual(e);
      expect(toExcelFormula(e, () => "A1")).toMatch(/^=/);
      expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    }
  });

  test("only a stack overflow is taken for one", () => {
    const overflow = (): number => overflow() + 1;
    let caught: unknown;
    try {
      overflow();
    } catch (e) {
      caught = e;
    }
    expect(isStackOverflow(caught)).toBe(true);
    expect(isStackOverflow(new RangeError("Invalid array length"))).toBe(false);
    expect(isStackOverflow(new TypeError("x is undefined"))).toBe(false);
    expect(isStackOverflow("Maximum call stack size exceeded")).toBe(false);
  });
});

// Generated trees as the parser builds them: non-negative literals, trimmed codes without ']'.
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(
      fc.nat(1000).map((n): Expr => ({ type: "number", value: n })),
      fc.double({ min: 0, max: 1e30, noNaN: true }).filter((x) => !Object.is(x, -0)).map((value): Expr => ({ type: "number", value })),
      fc
        .string({ minLength: 1, maxLength: 6 })
        .map((s) => s.replace(/\]/g, "").trim())
        .filter((s) => s.length > 0)
        .map((code): Expr => ({ type: "ref", code })),
    ),
    fc.record({ type: fc.constant("unary" as const), op: fc.constantFrom("-" as const, "+" as const), arg: tie("expr") }),
    fc.record({
      type: fc.constant("binary" as const),
      op: fc.constantFrom("+", "-", "*", "/", "^", "=", "<>", "<", "<=", ">", ">=" as const),
      left: tie("expr"),
      right: tie("expr"),
    }) as fc.Arbitrary<Expr>,
    fc
      .constantFrom(...FUNCTIONS)
      .chain((name) => {
        const [least, most] = FUNCTION_ARITY[name];
        return fc
          .array(tie("expr"), { minLength: least, maxLength: Math.min(most, least + 2) })
          .map((args): Expr => ({ type: "call", name, args }));
      }),
  ),
})).expr;

describe("printing expressions", () => {
  test("printing and reading back gives the same tree", () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        const r = parseExpression(printExpression(e));
        expect(r.ok && r.expr).toEqual(e);
      }),
      { numRuns: 500 },
    );
  });

  test("parentheses are written only where the precedence needs them", () => {
    const cases: Array<[string, string]> = [
      ["((1 + 2)) * [a]", "(1 + 2) * [a]"],
      ["(1 * 2) + 3", "1 * 2 + 3"],
      ["1 - (2 - 3)", "1 - (2 - 3)"],
      ["(1 - 2) - 3", "1 - 2 - 3"],
      ["(2^3)^2", "2^3^2"],
      ["2^(3^2)", "2^(3^2)"],
      ["-(2^2)", "-(2^2)"],
      ["(-2)^2", "-2^2"],
      ["max( [a] ,(1) )", "MAX([a], 1)"],
      ["([a] > 1) = ([b] < 2)", "[a] > 1 = ([b] < 2)"],
    ];
    for (const [source, printed] of cases) expect(printExpression(parsed(source))).toBe(printed);
  });
});

describe("what a reader of an expression error sees", () => {
  test("a decimal comma such as 1,5 is reported with the advice to use a decimal point", () => {
    const r = parseExpression("[a] * 1,5");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message.vi).toBe("Ký tự thứ 8: thiếu phép toán trước ',' (dùng dấu chấm cho số thập phân trong biểu thức: 1.5).");
    expect(r.message.en).toBe("Character 8: an operator is missing before ',' (use a point for decimals in expressions: 1.5).");
  });

  test("a decimal comma among commas written with a space after them (IF(x, 0,5)) is said; a call written without spaces is read as written", () => {
    const r = parseExpression("IF([a] + [b] >= 2, 0,5)");
    if (r.ok) throw new Error("expected a problem");
    expect(r.message.vi).toBe('Ký tự thứ 21: "0,5" ở đây là hai đối số (0 và 5), khác các dấu phẩy có khoảng trắng sau; nếu là số thập phân, hãy dùng dấu chấm: 0.5; nếu là hai đối số, hãy ghi "0, 5".');
    expect(r.message.en).toBe('Character 21: "0,5" here is two arguments (0 and 5), unlike the commas with a space after them; for a decimal use a point: 0.5; for two arguments write "0, 5".');
    for (const source of ["MIN(0,5, [a])", "MIN([a] + [b], 1,5)", "IF([a], 0,5, 1)"]) expect([source, parseExpression(source).ok]).toEqual([source, false]);
    for (const source of ["IF([a]>0,0,1)", "IF([a] > 0, 1, 0)", "MIN(1,5)", "MAX([a], 0.5,1)", "ROUND([a], 2)"]) expect([source, parseExpression(source).ok]).toEqual([source, true]);
  });

  test("TRUE and FALSE as Excel writes them are said to be 1 and 0", () => {
    const r = parseExpression("IF([a] = TRUE, 1, 0)");
    if (r.ok) throw new Error("expected a problem");
    expect(r.message.vi).toBe("Ký tự thứ 10: biểu thức không có TRUE: đúng là 1, sai là 0; hãy ghi 1 thay cho TRUE.");
    const f = parseExpression("false");
    if (f.ok) throw new Error("expected a problem");
    expect(f.message.en).toBe("Character 1: an expression has no false: true is 1 and false 0; write 0 for false.");
  });

  test("an expression typed as an Excel formula (=…), and signs as a decision prints them (≥, ×, ÷), are said with what to write", () => {
    const eq = parseExpression("=MIN(1, [a])");
    if (eq.ok) throw new Error("expected a problem");
    expect(eq.message.vi).toBe("Ký tự thứ 1: hãy bỏ dấu '=' ở đầu: biểu thức không bắt đầu bằng '=' như công thức Excel.");
    expect(eq.message.en).toBe("Character 1: remove the '=' at the start: an expression does not begin with '=' as an Excel formula does.");
    expect(parseExpression("[a] = 1").ok).toBe(true);
    for (const [source, meant] of [["[a] ≥ 0.5", ">="], ["[a] ≤ 0.5", "<="], ["[a] ≠ 0", "<>"], ["[a] × 2", "*"], ["[a] ÷ 2", "/"]] as const) {
      const r = parseExpression(source);
      if (r.ok) throw new Error(`expected a problem in ${source}`);
      expect(r.message.en).toContain(`; write '${meant}'.`);
      expect(r.message.vi).toContain(`; hãy ghi '${meant}'.`);
    }
  });

  test("a decimal comma between a function's arguments (*0,5) is said, not read as two arguments; commas that part arguments stay", () => {
    const r = parseExpression("MIN(1, [a]*0,5 + [b]*0,5)");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message.vi).toBe('Ký tự thứ 13: "0,5" ở đây là hai đối số (0 và 5); dùng dấu chấm cho số thập phân trong biểu thức: 0.5.');
    expect(r.message.en).toBe('Character 13: "0,5" here is two arguments (0 and 5); use a point for decimals in expressions: 0.5.');
    for (const source of ["MAX([a]*0,5, [b]*0,5)", "AVERAGE([a]/0,25)", "SUM([a]*0,5, [b])"]) expect(parseExpression(source).ok).toBe(false);
    for (const source of ["IF([a]>0,1,0)", "MIN(1,[a])", "MAX([a]*2,3)", "MIN([a]*0, 5)", "IF([a]=0,0,1)"]) expect([source, parseExpression(source).ok]).toEqual([source, true]);
  });

  test("a code written without its brackets (5.1.b, 1.2.3, 2a) is told to go in square brackets, not called an invalid number", () => {
    const r = parseExpression("IF([5.1.a] > 0, 5.1.b / 5.1.a, 0)");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message.vi).toBe("Ký tự thứ 17: mã trong biểu thức phải viết trong dấu ngoặc vuông: [5.1.b].");
    expect(r.message.en).toBe("Character 17: codes in an expression are written in square brackets: [5.1.b].");
    for (const [source, code] of [["[x] + 1.2.3", "1.2.3"], ["2a * [b]", "2a"]] as const) {
      const other = parseExpression(source);
      expect(!other.ok && other.message.en).toContain(`codes in an expression are written in square brackets: [${code}]`);
      expect(!other.ok && other.message.vi).toContain(`mã trong biểu thức phải viết trong dấu ngoặc vuông: [${code}]`);
    }
    // Numbers, exponents and percentages are still numbers.
    expect(parseExpression("1.5e3 + 2E-1 * 95% - .5").ok).toBe(true);
  });

  test("comparisons written as other languages write them say what to write instead", () => {
    const cases: Array<[string, string, string, string]> = [
      ["[a]=<[b]", "=<", "<=", "less than or equal to"],
      ["[a]=>[b]", "=>", ">=", "greater than or equal to"],
      ["[a]==[b]", "==", "=", "equal to, a single '='"],
      ["[a]!=[b]", "!=", "<>", "not equal to"],
      ["[a] >< [b]", "><", "<>", "not equal to"],
    ];
    for (const [source, written, meant, words] of cases) {
      const r = parseExpression(source);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const at = source.indexOf(written);
      expect(r.position).toBe(at);
      expect(r.message.en).toBe(`Character ${at + 1}: there is no comparison '${written}'; write '${meant}' (${words}).`);
      expect(r.message.vi).toMatch(new RegExp(`^Ký tự thứ ${at + 1}: không có phép so sánh '${written}'; hãy viết '${meant}' \\(`));
    }
    // What they stand for is read as it should be.
    expect(value("[a]<=[b]", { a: 1, b: 1 })).toBe(1);
    expect(value("[a]>=[b]", { a: 0, b: 1 })).toBe(0);
    expect(value("[a]<>[b]", { a: 0, b: 1 })).toBe(1);
    expect(value("[a]=-1", { a: -1 })).toBe(1);
  });

  test("the position counts the text as written: leading spaces count, trailing ones do not move the end", () => {
    const f = failure("   [A3.n] + * 2");
    expect(f.position).toBe(12);
    expect(f.en).toBe("Character 13: a value is missing before '*'.");
    expect(f.vi).toBe("Ký tự thứ 13: thiếu một giá trị trước '*'.");
    expect(failure("  ([a] + 1").en).toBe("Character 11: missing ')' to close the '(' at character 3.");
    expect(failure("[a] +    ").en).toBe("Character 6: the expression ends where a value is expected.");
  });

  test("every error sentence counts characters as 'Ký tự thứ' and ends with one full stop", () => {
    for (const s of ["MIN([a], 1", "[a] +", "2 $ 3", "", "[]", "1 + VLOOKUP([a], 2)"]) {
      const r = parseExpression(s);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.message.vi).toMatch(/^Ký tự thứ \d+: [^]*[^.]\.$/);
      expect(r.message.en).toMatch(/^Character \d+: [^]*[^.]\.$/);
    }
  });
});
