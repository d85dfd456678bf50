/**
 * The expression language of `expr` rules and `expr` groups: a hand-written tokenizer and a
 * recursive-descent parser, and a printer back to the same syntax.
 *
 * Precedence follows Excel so that an expression and the Excel formula printed from it agree:
 *   comparisons (= <> < <= > >=)  <  + -  <  * /  <  ^ (left-associative)  <  unary - +
 * so `-2^2` is 4 and `2^3^2` is 64, as in Excel.
 */
import type { Message } from "../i18n/text";
import { percentOf } from "../read/numbers";
import { type BinaryOp, type Expr, FUNCTIONS, type FunctionName } from "./ast";

export type ExprParseResult =
  | { ok: true; expr: Expr; refs: string[] }
  | {
      ok: false;
      /** 0-based offset into the source (in NFC) where the problem is; the message counts from 1. */
      position: number;
      message: Message;
      /**
       * The references of an expression that could be read to the end, its only problems being
       * unknown functions or functions given the wrong number of arguments (`FOO([a]) + [zz]`,
       * `ABS(1, 2) + [zz]`), so that they can be checked as well.
       */
      refs?: string[];
    };

/** How many arguments each function takes: [least, most]. */
export const FUNCTION_ARITY: Record<FunctionName, readonly [number, number]> = {
  MIN: [1, Infinity],
  MAX: [1, Infinity],
  AVERAGE: [1, Infinity],
  SUM: [1, Infinity],
  AND: [1, Infinity],
  OR: [1, Infinity],
  IF: [2, 3],
  NOT: [1, 1],
  ABS: [1, 1],
  LN: [1, 1],
  LOG10: [1, 1],
  EXP: [1, 1],
  SQRT: [1, 1],
  ROUND: [2, 2],
};

type Token =
  | { kind: "number"; value: number; pos: number; text: string }
  | { kind: "ref"; code: string; pos: number; text: string }
  | { kind: "name"; name: string; pos: number; text: string }
  | { kind: "op"; op: BinaryOp; pos: number; text: string }
  | { kind: "punct"; ch: "(" | ")" | ","; pos: number; text: string }
  | { kind: "end"; pos: number; text: string };

class ExprError extends Error {
  constructor(
    readonly position: number,
    readonly detail: Message,
  ) {
    super(detail.en);
  }
}

function fail(position: number, vi: string, en: string): never {
  throw new ExprError(position, { vi, en });
}

const NUMBER_RE = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.]*/;

/**
 * Operators written the way other languages write them, and what to write instead: `=<` and `=>`
 * for `<=` and `>=`, `==` for `=`, `!=` and `><` for `<>`.
 */
const MISTAKEN_OPERATORS: Record<string, { op: string; vi: string; en: string }> = {
  "=<": { op: "<=", vi: "nhỏ hơn hoặc bằng", en: "less than or equal to" },
  "=>": { op: ">=", vi: "lớn hơn hoặc bằng", en: "greater than or equal to" },
  "==": { op: "=", vi: "bằng, chỉ một dấu '='", en: "equal to, a single '='" },
  "!=": { op: "<>", vi: "khác", en: "not equal to" },
  "><": { op: "<>", vi: "khác", en: "not equal to" },
};

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  // An expression that ends too early is said to end after its last character, not after trailing spaces.
  const end = source.trimEnd().length;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = source.slice(i);
    if (/[0-9.]/.test(ch)) {
      const m = NUMBER_RE.exec(rest);
      // A code written without its brackets (5.1.b / 1.2.3 / 2a), read as a number that goes on.
      const code = /^\d[\w.]*[A-Za-z0-9_]/.exec(rest)?.[0];
      if (code !== undefined && code.length > (m?.[0].length ?? 0) && (/[A-Za-z_]/.test(code) || /\..*\./.test(code))) {
        fail(i, `mã trong biểu thức phải viết trong dấu ngoặc vuông: [${code}]`, `codes in an expression are written in square brackets: [${code}]`);
      }
      if (!m) fail(i, `số không hợp lệ`, `invalid number`);
      // A literal followed by `%` is that number ÷ 100, as Excel reads it (95% is 0.95), the
      // decimal point moved in the text (percentOf): 0.1% is the number written 0.001.
      const percent = source[i + m[0].length] === "%";
      const value = percent ? percentOf(m[0]) : Number(m[0]);
      const text = percent ? `${m[0]}%` : m[0];
      if (!Number.isFinite(value)) fail(i, `số ${text} quá lớn`, `the number ${text} is too large`);
      tokens.push({ kind: "number", value, pos: i, text });
      i += text.length;
      continue;
    }
    if (ch === "[") {
      const close = source.indexOf("]", i + 1);
      if (close < 0) fail(i, `thiếu dấu ']' để đóng tham chiếu mở ở đây`, `missing ']' to close the reference opened here`);
      const code = source.slice(i + 1, close).trim();
      if (code === "") fail(i, `tham chiếu trống: ghi mã trong dấu ngoặc vuông, ví dụ [1.3.a]`, `empty reference: write a code inside the brackets, e.g. [1.3.a]`);
      tokens.push({ kind: "ref", code, pos: i, text: source.slice(i, close + 1) });
      i = close + 1;
      continue;
    }
    const name = NAME_RE.exec(rest);
    if (name) {
      tokens.push({ kind: "name", name: name[0], pos: i, text: name[0] });
      i += name[0].length;
      continue;
    }
    const two = rest.slice(0, 2);
    const mistaken = MISTAKEN_OPERATORS[two];
    if (mistaken) {
      fail(
        i,
        `không có phép so sánh '${two}'; hãy viết '${mistaken.op}' (${mistaken.vi})`,
        `there is no comparison '${two}'; write '${mistaken.op}' (${mistaken.en})`,
      );
    }
    if (two === "<=" || two === ">=" || two === "<>") {
      tokens.push({ kind: "op", op: two, pos: i, text: two });
      i += 2;
      continue;
    }
    if ("+-*/^=<>".includes(ch)) {
      tokens.push({ kind: "op", op: ch as BinaryOp, pos: i, text: ch });
      i++;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: "punct", ch, pos: i, text: ch });
      i++;
      continue;
    }
    if (ch === "]") fail(i, `dấu ']' thừa, không có '[' tương ứng`, `a ']' without a matching '['`);
    if (ch === ";") fail(i, `dùng dấu phẩy ',' để ngăn cách các đối số, không dùng ';'`, `separate arguments with ',' rather than ';'`);
    if (ch === "%") {
      fail(
        i,
        `dấu '%' chỉ được viết ngay sau một số, ví dụ 95% (bằng 0.95); để lấy phần trăm của một giá trị, hãy chia cho 100`,
        `'%' may only follow a number, as in 95% (which is 0.95); to take a value as a percentage, divide it by 100`,
      );
    }
    fail(i, `ký tự '${ch}' không được dùng trong biểu thức`, `the character '${ch}' cannot be used in an expression`);
  }
  tokens.push({ kind: "end", pos: end, text: "" });
  return tokens;
}

const COMPARISONS: readonly BinaryOp[] = ["=", "<>", "<", "<=", ">", ">="];

class Parser {
  private i = 0;
  readonly refs: string[] = [];
  /**
   * The first unknown function or wrong number of arguments: reported once the rest has been
   * read, so that the expression's references are known too.
   */
  deferred: ExprError | undefined;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind !== "end") this.i++;
    return t;
  }
  private isOp(t: Token, ops: readonly BinaryOp[]): t is Extract<Token, { kind: "op" }> {
    return t.kind === "op" && ops.includes(t.op);
  }

  parseAll(): Expr {
    if (this.peek().kind === "end") fail(0, `biểu thức trống`, `the expression is empty`);
    const e = this.comparison();
    const t = this.peek();
    if (t.kind !== "end") {
      if (t.kind === "punct" && t.ch === ")") fail(t.pos, `dấu ')' thừa, không có '(' tương ứng`, `a ')' without a matching '('`);
      // "1,5": a decimal comma, as Vietnamese numbers are written in cells.
      const before = this.tokens[this.i - 1];
      const after = this.tokens[this.i + 1];
      if (t.kind === "punct" && t.ch === "," && before?.kind === "number" && after?.kind === "number" && before.pos + before.text.length === t.pos && after.pos === t.pos + 1) {
        fail(
          t.pos,
          `thiếu phép toán trước ',' (dùng dấu chấm cho số thập phân trong biểu thức: ${before.text}.${after.text})`,
          `an operator is missing before ',' (use a point for decimals in expressions: ${before.text}.${after.text})`,
        );
      }
      fail(t.pos, `thiếu phép toán trước '${t.text}'`, `an operator is missing before '${t.text}'`);
    }
    return e;
  }

  private binaryLevel(ops: readonly BinaryOp[], operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, ops)) return left;
      this.next();
      const right = operand();
      left = { type: "binary", op: t.op, left, right };
    }
  }

  private comparison = (): Expr => this.binaryLevel(COMPARISONS, this.additive);
  private additive = (): Expr => this.binaryLevel(["+", "-"], this.multiplicative);
  private multiplicative = (): Expr => this.binaryLevel(["*", "/"], this.power);
  private power = (): Expr => this.binaryLevel(["^"], this.unary);

  private unary = (): Expr => {
    const t = this.peek();
    if (this.isOp(t, ["-", "+"])) {
      this.next();
      return { type: "unary", op: t.op as "-" | "+", arg: this.unary() };
    }
    return this.primary();
  };

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case "number":
        return { type: "number", value: t.value };
      case "ref":
        this.refs.push(t.code);
        return { type: "ref", code: t.code };
      case "name":
        return this.call(t);
      case "punct":
        if (t.ch === "(") {
          const inner = this.comparison();
          this.expectClose(t.pos);
          return inner;
        }
        return fail(t.pos, `thiếu một giá trị trước '${t.ch}'`, `a value is missing before '${t.ch}'`);
      case "op":
        return fail(t.pos, `thiếu một giá trị trước '${t.op}'`, `a value is missing before '${t.op}'`);
      case "end":
        return fail(t.pos, `biểu thức kết thúc giữa chừng, còn thiếu một giá trị`, `the expression ends where a value is expected`);
    }
  }

  private expectClose(openPos: number): void {
    const t = this.peek();
    if (t.kind === "punct" && t.ch === ")") {
      this.next();
      return;
    }
    if (t.kind === "end") fail(t.pos, `thiếu dấu ')' để đóng dấu '(' ở ký tự ${openPos + 1}`, `missing ')' to close the '(' at character ${openPos + 1}`);
    fail(t.pos, `thiếu dấu ')' trước '${t.text}'`, `missing ')' before '${t.text}'`);
  }

  private call(t: Extract<Token, { kind: "name" }>): Expr {
    const upper = t.name.toUpperCase();
    const open = this.peek();
    const isCall = open.kind === "punct" && open.ch === "(";
    if (!isCall) {
      fail(
        t.pos,
        `'${t.name}' không phải là số, hàm hay tham chiếu; tham chiếu đến một mã phải viết trong dấu ngoặc vuông, ví dụ [${t.name}]`,
        `'${t.name}' is not a number, a function or a reference; a reference to a code is written in square brackets, e.g. [${t.name}]`,
      );
    }
    const known = (FUNCTIONS as readonly string[]).includes(upper);
    if (!known) {
      this.defer(new ExprError(t.pos, {
        vi: `không có hàm '${t.name}'; các hàm dùng được: ${FUNCTIONS.join(", ")}`,
        en: `there is no function '${t.name}'; the functions available are ${FUNCTIONS.join(", ")}`,
      }));
    }
    const name = upper as FunctionName;
    this.next(); // "("
    const args: Expr[] = [];
    const close = this.peek();
    if (close.kind === "punct" && close.ch === ")") {
      this.next();
    } else {
      for (;;) {
        args.push(this.comparison());
        const sep = this.peek();
        if (sep.kind === "punct" && sep.ch === ",") {
          this.next();
          continue;
        }
        this.expectClose(open.pos);
        break;
      }
    }
    // An unknown function's arguments are read only for their references.
    if (!known) return { type: "number", value: 0 };
    const [least, most] = FUNCTION_ARITY[name];
    if (args.length < least || args.length > most) {
      const wantVi =
        most === Infinity ? `ít nhất ${least} đối số` : least === most ? `đúng ${least} đối số` : `${least} hoặc ${most} đối số`;
      const wantEn =
        most === Infinity
          ? `at least ${least} argument${least === 1 ? "" : "s"}`
          : least === most
            ? `exactly ${least} argument${least === 1 ? "" : "s"}`
            : `${least} or ${most} arguments`;
      this.defer(new ExprError(t.pos, { vi: `hàm ${name} cần ${wantVi}, ở đây có ${args.length}`, en: `${name} takes ${wantEn}, here it has ${args.length}` }));
    }
    return { type: "call", name, args };
  }

  /** Keep the problem that comes first in the source (an inner call is closed before the outer one). */
  private defer(e: ExprError): void {
    if (this.deferred === undefined || e.position < this.deferred.position) this.deferred = e;
  }
}

function failure(e: ExprError): Extract<ExprParseResult, { ok: false }> {
  const n = e.position + 1;
  return { ok: false, position: e.position, message: { vi: `Ký tự thứ ${n}: ${e.detail.vi}.`, en: `Character ${n}: ${e.detail.en}.` } };
}

/**
 * Parse an expression as written: spaces around it are fine and count in a problem's position
 * (`"   [a] + * 2"` is wrong at character 10), and the text is read in Unicode NFC, so that codes
 * match however an editor stored their diacritics and a letter with its diacritics counts as one
 * character, as it is seen. Never throws: a problem comes back with its position and a sentence.
 */
export function parseExpression(source: string): ExprParseResult {
  let parser: Parser | undefined;
  try {
    if (typeof source !== "string") fail(0, `biểu thức phải là văn bản`, `an expression must be text`);
    parser = new Parser(tokenize(source.normalize("NFC")));
    const expr = parser.parseAll();
    if (parser.deferred) return { ...failure(parser.deferred), refs: parser.refs };
    return { ok: true, expr, refs: parser.refs };
  } catch (e) {
    // The first problem in the source is the one said: an unknown function read before a syntax error.
    if (parser?.deferred) return failure(parser.deferred);
    if (e instanceof ExprError) return failure(e);
    // A stack overflow on absurdly deep nesting is the only other way here.
    return {
      ok: false,
      position: 0,
      message: { vi: `Ký tự thứ 1: biểu thức lồng nhau quá sâu.`, en: `Character 1: the expression is nested too deeply.` },
    };
  }
}

/** Binding strength of a node: higher binds tighter. */
export function precedence(e: Expr): number {
  switch (e.type) {
    case "binary":
      if (COMPARISONS.includes(e.op)) return 1;
      if (e.op === "+" || e.op === "-") return 2;
      if (e.op === "*" || e.op === "/") return 3;
      return 4;
    case "unary":
      return 5;
    default:
      return 6;
  }
}

/** Shared printer for our syntax and Excel's: they differ in references, numbers and spacing. */
export interface PrintStyle {
  ref(code: string): string;
  number(value: number): string;
  /** Rewrite a child before it is printed (Excel turns booleans into numbers in arithmetic). */
  operand?(child: Expr, parent: Expr): Expr;
  spaced: boolean;
}

export function printWith(expr: Expr, style: PrintStyle): string {
  const child = (c: Expr, parent: Expr): Expr => (style.operand ? style.operand(c, parent) : c);
  const wrap = (s: string, yes: boolean): string => (yes ? `(${s})` : s);
  const go = (e: Expr): string => {
    switch (e.type) {
      case "number":
        return style.number(e.value);
      case "ref":
        return style.ref(e.code);
      case "unary": {
        const arg = child(e.arg, e);
        return `${e.op}${wrap(go(arg), precedence(arg) < 5)}`;
      }
      case "binary": {
        const p = precedence(e);
        const left = child(e.left, e);
        const right = child(e.right, e);
        const op = style.spaced && e.op !== "^" ? ` ${e.op} ` : e.op;
        return `${wrap(go(left), precedence(left) < p)}${op}${wrap(go(right), precedence(right) <= p)}`;
      }
      case "call":
        return `${e.name}(${e.args.map((a) => go(child(a, e))).join(style.spaced ? ", " : ",")})`;
    }
  };
  return go(expr);
}

/** Print a number so that the tokenizer reads back exactly the same value. */
export function printNumber(value: number): string {
  return String(value);
}

/** Print an expression in our syntax with as few parentheses as the precedence allows. */
export function printExpression(expr: Expr): string {
  return printWith(expr, { ref: (code) => `[${code}]`, number: printNumber, spaced: true });
}
