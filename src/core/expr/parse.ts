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

/** One problem of an expression: where it is (0-based, in NFC) and its sentence ("Ký tự thứ 5: …"). */
export interface ExprProblem {
  position: number;
  message: Message;
}

export type ExprParseResult =
  | { ok: true; expr: Expr; refs: string[] }
  | {
      ok: false;
      /** 0-based offset into the source (in NFC) where the first problem is; the message counts from 1. */
      position: number;
      /** The first problem in the source (the first of `problems`). */
      message: Message;
      /**
       * Every problem found in one reading, in the order of the source: the first syntax error (what
       * follows it cannot be read reliably), every function given the wrong number of arguments in
       * what was read before it, and every unknown function named anywhere in the text (the first
       * time each is named), so that an official fixes them all at once.
       */
      problems: ExprProblem[];
      /**
       * Every reference written in the text, in order, found by reading its tokens even where the
       * expression cannot be parsed, so that unknown codes are said at the same time.
       */
      refs: string[];
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

/** Signs as a decision prints them, and the operator an expression writes for each. */
const SIGNS: Record<string, string> = { "≥": ">=", "≤": "<=", "≠": "<>", "×": "*", "÷": "/", "−": "-", "–": "-" };

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

/**
 * The tokens of an expression. A character that cannot be read is a problem (the first one is
 * kept); reading goes on after it, so that the references and function names of the rest of the
 * text are still known.
 */
function tokenize(source: string): { tokens: Token[]; error?: ExprError } {
  const tokens: Token[] = [];
  let error: ExprError | undefined;
  let i = 0;
  /** A problem at `i`: kept when it is the first; reading goes on `skip` characters further. */
  const problem = (skip: number, vi: string, en: string): void => {
    error ??= new ExprError(i, { vi, en });
    i += skip;
  };
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
        problem(code.length, `mã trong biểu thức phải viết trong dấu ngoặc vuông: [${code}]`, `codes in an expression are written in square brackets: [${code}]`);
        continue;
      }
      if (!m) {
        problem(1, `số không hợp lệ`, `invalid number`);
        continue;
      }
      // A literal followed by `%` is that number ÷ 100, as Excel reads it (95% is 0.95), the
      // decimal point moved in the text (percentOf): 0.1% is the number written 0.001.
      const percent = source[i + m[0].length] === "%";
      const value = percent ? percentOf(m[0]) : Number(m[0]);
      const text = percent ? `${m[0]}%` : m[0];
      if (!Number.isFinite(value)) {
        problem(text.length, `số ${text} quá lớn`, `the number ${text} is too large`);
        continue;
      }
      tokens.push({ kind: "number", value, pos: i, text });
      i += text.length;
      continue;
    }
    if (ch === "[") {
      const close = source.indexOf("]", i + 1);
      if (close < 0) {
        problem(1, `thiếu dấu ']' để đóng tham chiếu mở ở đây`, `missing ']' to close the reference opened here`);
        continue;
      }
      const code = source.slice(i + 1, close).trim();
      if (code === "") {
        problem(close + 1 - i, `tham chiếu trống: ghi mã trong dấu ngoặc vuông, ví dụ [1.3.a]`, `empty reference: write a code inside the brackets, e.g. [1.3.a]`);
        continue;
      }
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
      problem(
        2,
        `không có phép so sánh '${two}'; hãy viết '${mistaken.op}' (${mistaken.vi})`,
        `there is no comparison '${two}'; write '${mistaken.op}' (${mistaken.en})`,
      );
      continue;
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
    if (ch === "]") problem(1, `dấu ']' thừa, không có '[' tương ứng`, `a ']' without a matching '['`);
    else if (ch === ";") problem(1, `dùng dấu phẩy ',' để ngăn cách các đối số, không dùng ';'`, `separate arguments with ',' rather than ';'`);
    else if (ch === "%") {
      problem(
        1,
        `dấu '%' chỉ được viết ngay sau một số, ví dụ 95% (bằng 0.95); để lấy phần trăm của một giá trị, hãy chia cho 100`,
        `'%' may only follow a number, as in 95% (which is 0.95); to take a value as a percentage, divide it by 100`,
      );
    } else if (SIGNS[ch] !== undefined) {
      // Signs as printed in a decision (≥, ×): what to type instead.
      const sign = SIGNS[ch]!;
      problem(1, `ký tự '${ch}' không được dùng trong biểu thức; hãy ghi '${sign}'`, `the character '${ch}' cannot be used in an expression; write '${sign}'`);
    } else problem(1, `ký tự '${ch}' không được dùng trong biểu thức`, `the character '${ch}' cannot be used in an expression`);
  }
  tokens.push({ kind: "end", pos: end, text: "" });
  return error ? { tokens, error } : { tokens };
}

/**
 * Every function named in the tokens that does not exist (a name followed by '('), the first time
 * each is named: found in the text, whether or not the expression could be parsed.
 */
function unknownFunctions(tokens: readonly Token[]): ExprError[] {
  const out: ExprError[] = [];
  const seen = new Set<string>();
  tokens.forEach((t, k) => {
    const open = tokens[k + 1];
    if (t.kind !== "name" || open?.kind !== "punct" || open.ch !== "(") return;
    const upper = t.name.toUpperCase();
    if ((FUNCTIONS as readonly string[]).includes(upper) || seen.has(upper)) return;
    seen.add(upper);
    out.push(
      new ExprError(t.pos, {
        vi: `không có hàm '${t.name}'; các hàm dùng được: ${FUNCTIONS.join(", ")}`,
        en: `there is no function '${t.name}'; the functions available are ${FUNCTIONS.join(", ")}`,
      }),
    );
  });
  return out;
}

const COMPARISONS: readonly BinaryOp[] = ["=", "<>", "<", "<=", ">", ">="];

/**
 * How many parentheses, function calls and signs an expression may have inside one another. The
 * parser reads each of them by a call of its own, and a JavaScript stack holds about 1,000 nested
 * calls before it overflows (measured in Node: 1,000 nested ABS( ), 1,500 parentheses); Excel
 * itself allows 64 nested functions. No expression a person writes comes near it.
 */
export const MAX_EXPR_NESTING = 100;

/**
 * How many steps (operators, signs, function calls) an expression's tree may have inside one
 * another, its depth: `[a] + [b] + [c]` is ([a] + [b]) + [c], 2 deep, so a chain of operators
 * counts one step per operator. Whatever walks the tree (evaluation, printing, the checks, the
 * Excel formula) recurses along it, and the first of those to overflow a stack does so at about
 * 1,500 steps (nested calls evaluated) to 3,000 (a chain of + looked through by
 * constantFailures), measured in Node; 500 keeps every one well within the stack wherever it is
 * called. A long sum is written SUM([a], [b], …), 1 deep whatever the number of terms.
 */
export const MAX_EXPR_DEPTH = 500;

/**
 * Whether `e` is a JavaScript stack overflow: V8's and JavaScriptCore's RangeError "Maximum call
 * stack size exceeded", or SpiderMonkey's InternalError "too much recursion". Only that may be
 * said as "nested too deeply"; any other exception is a bug and is left to propagate.
 */
export function isStackOverflow(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return (e instanceof RangeError && /call stack/i.test(e.message)) || (e.name === "InternalError" && /recursion/i.test(e.message));
}

/** The sentence of an expression beyond MAX_EXPR_DEPTH. */
const TOO_DEEP = {
  vi: `biểu thức quá dài hoặc lồng nhau quá sâu (quá ${MAX_EXPR_DEPTH} bước tính nối tiếp hay lồng vào nhau); để cộng nhiều số hạng, hãy viết SUM([a], [b], [c]) thay cho [a] + [b] + [c]`,
  en: `the expression is too long or nested too deeply (more than ${MAX_EXPR_DEPTH} steps one after another or inside one another); to add up many terms, write SUM([a], [b], [c]) instead of [a] + [b] + [c]`,
};

class Parser {
  private i = 0;
  readonly refs: string[] = [];
  /**
   * Functions given the wrong number of arguments: the expression is still read to the end (or to
   * its first syntax error), so that every such call and the other problems are said together.
   */
  readonly arity: ExprError[] = [];
  /** The depth of each node made (a number or a reference is 0 deep): see MAX_EXPR_DEPTH. */
  private readonly depths = new WeakMap<Expr, number>();
  /** Parentheses, calls and signs being read, inside one another: see MAX_EXPR_NESTING. */
  private nesting = 0;
  constructor(private readonly tokens: Token[]) {}

  /** `e`, whose parts are `parts`, made at the token at `pos`; too deep a tree is a problem there. */
  private made<E extends Expr>(e: E, pos: number, parts: readonly Expr[]): E {
    let depth = 1;
    for (const p of parts) depth = Math.max(depth, (this.depths.get(p) ?? 0) + 1);
    if (depth > MAX_EXPR_DEPTH) fail(pos, TOO_DEEP.vi, TOO_DEEP.en);
    this.depths.set(e, depth);
    return e;
  }

  /** One more parenthesis, call or sign read inside the others, at `pos`. */
  private enter(pos: number): void {
    if (++this.nesting > MAX_EXPR_NESTING) {
      fail(
        pos,
        `biểu thức lồng nhau quá sâu (quá ${MAX_EXPR_NESTING} dấu ngoặc, hàm hay dấu âm, dương lồng vào nhau); hãy viết đơn giản hơn`,
        `the expression is nested too deeply (more than ${MAX_EXPR_NESTING} parentheses, functions or signs inside one another); write it more simply`,
      );
    }
  }

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
    // "=MIN(1, [a])": a formula as typed in Excel.
    const first = this.peek();
    if (first.kind === "op" && first.op === "=") {
      fail(first.pos, `hãy bỏ dấu '=' ở đầu: biểu thức không bắt đầu bằng '=' như công thức Excel`, `remove the '=' at the start: an expression does not begin with '=' as an Excel formula does`);
    }
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

  /**
   * A decimal comma between a call's arguments, read as two arguments without a word: the comma of
   * two numbers written against it ("0,5"), either after a product or quotient by 0 ("[a]*0,5" in
   * MIN(1, [a]*0,5 + [b]*0,5): by 0 no one means), or among the call's other commas written with a
   * space after them (IF(x, 0,5), MIN([a] + [b], 1,5)). A call written without spaces
   * (IF([a]>0,0,1), MIN(1,5)) is read as written. At the first such comma.
   */
  private decimalCommas(commas: readonly number[]): void {
    const spaced = commas.some((k) => {
      const after = this.tokens[k + 1];
      return after !== undefined && after.pos > this.tokens[k]!.pos + 1;
    });
    for (const k of commas) {
      const sep = this.tokens[k]!;
      const before = this.tokens[k - 1];
      const after = this.tokens[k + 1];
      if (before?.kind !== "number" || after?.kind !== "number" || /[.eE]/.test(before.text) || /[eE]/.test(after.text)) continue;
      if (before.pos + before.text.length !== sep.pos || after.pos !== sep.pos + 1) continue;
      const op = this.tokens[k - 2];
      const byZero = before.text === "0" && op !== undefined && this.isOp(op, ["*", "/"]);
      if (!byZero && !spaced) continue;
      const [a, b] = [before.text, after.text];
      if (byZero) fail(sep.pos, `"${a},${b}" ở đây là hai đối số (0 và ${b}); dùng dấu chấm cho số thập phân trong biểu thức: ${a}.${b}`, `"${a},${b}" here is two arguments (0 and ${b}); use a point for decimals in expressions: ${a}.${b}`);
      fail(
        sep.pos,
        `"${a},${b}" ở đây là hai đối số (${a} và ${b}), khác các dấu phẩy có khoảng trắng sau; nếu là số thập phân, hãy dùng dấu chấm: ${a}.${b}; nếu là hai đối số, hãy ghi "${a}, ${b}"`,
        `"${a},${b}" here is two arguments (${a} and ${b}), unlike the commas with a space after them; for a decimal use a point: ${a}.${b}; for two arguments write "${a}, ${b}"`,
      );
    }
  }

  private binaryLevel(ops: readonly BinaryOp[], operand: () => Expr): Expr {
    let left = operand();
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, ops)) return left;
      this.next();
      const right = operand();
      left = this.made({ type: "binary", op: t.op, left, right }, t.pos, [left, right]);
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
      this.enter(t.pos);
      const arg = this.unary();
      this.nesting--;
      return this.made({ type: "unary", op: t.op as "-" | "+", arg }, t.pos, [arg]);
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
          this.enter(t.pos);
          const inner = this.comparison();
          this.expectClose(t.pos);
          this.nesting--;
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
    if (!isCall && /^(?:TRUE|FALSE)$/.test(upper)) {
      // TRUE/FALSE as Excel writes them: an expression's truth is 1 or 0.
      const one = upper === "TRUE" ? "1" : "0";
      fail(t.pos, `biểu thức không có ${t.name}: đúng là 1, sai là 0; hãy ghi ${one} thay cho ${t.name}`, `an expression has no ${t.name}: true is 1 and false 0; write ${one} for ${t.name}`);
    }
    if (!isCall) {
      fail(
        t.pos,
        `'${t.name}' không phải là số, hàm hay tham chiếu; tham chiếu đến một mã phải viết trong dấu ngoặc vuông, ví dụ [${t.name}]`,
        `'${t.name}' is not a number, a function or a reference; a reference to a code is written in square brackets, e.g. [${t.name}]`,
      );
    }
    // An unknown function is said by unknownFunctions(), which finds it in the tokens.
    const known = (FUNCTIONS as readonly string[]).includes(upper);
    const name = upper as FunctionName;
    this.next(); // "("
    this.enter(t.pos);
    const args: Expr[] = [];
    const close = this.peek();
    // Where the commas between the arguments are, in the tokens.
    const commas: number[] = [];
    if (close.kind === "punct" && close.ch === ")") {
      this.next();
    } else {
      for (;;) {
        args.push(this.comparison());
        const sep = this.peek();
        if (sep.kind === "punct" && sep.ch === ",") {
          commas.push(this.i);
          this.next();
          continue;
        }
        this.expectClose(open.pos);
        break;
      }
    }
    this.decimalCommas(commas);
    this.nesting--;
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
      this.arity.push(new ExprError(t.pos, { vi: `hàm ${name} cần ${wantVi}, ở đây có ${args.length}`, en: `${name} takes ${wantEn}, here it has ${args.length}` }));
    }
    return this.made({ type: "call", name, args }, t.pos, args);
  }
}

function sentence(e: ExprError): ExprProblem {
  const n = e.position + 1;
  return { position: e.position, message: { vi: `Ký tự thứ ${n}: ${e.detail.vi}.`, en: `Character ${n}: ${e.detail.en}.` } };
}

/** The problems in the order of the source (an inner call is closed before the outer one), as a failed result. */
function failure(errors: readonly ExprError[], refs: string[]): Extract<ExprParseResult, { ok: false }> {
  const problems = [...errors].sort((a, b) => a.position - b.position).map(sentence);
  const first = problems[0]!;
  return { ok: false, position: first.position, message: first.message, problems, refs };
}

/**
 * Parse an expression as written: spaces around it are fine and count in a problem's position
 * (`"   [a] + * 2"` is wrong at character 10), and the text is read in Unicode NFC, so that codes
 * match however an editor stored their diacritics and a letter with its diacritics counts as one
 * character, as it is seen. The problems come back together, each with its position and a
 * sentence, with every reference written in the text; an expression nested or chained beyond
 * MAX_EXPR_NESTING or MAX_EXPR_DEPTH is such a problem, so that whatever walks a tree it gives
 * has stack to spare. Throws only on a bug of its own.
 */
export function parseExpression(source: string): ExprParseResult {
  if (typeof source !== "string") return failure([new ExprError(0, { vi: `biểu thức phải là văn bản`, en: `an expression must be text` })], []);
  const { tokens, error } = tokenize(source.normalize("NFC"));
  // Every reference and unknown function written in the text, whatever else is wrong with it.
  const refs = tokens.flatMap((t) => (t.kind === "ref" ? [t.code] : []));
  const unknown = unknownFunctions(tokens);
  // Tokens after a character that cannot be read are not parsed: what they would say follows from it.
  if (error) return failure([error, ...unknown], refs);
  const parser = new Parser(tokens);
  try {
    const expr = parser.parseAll();
    const errors = [...parser.arity, ...unknown];
    if (errors.length > 0) return failure(errors, refs);
    return { ok: true, expr, refs: parser.refs };
  } catch (e) {
    // The syntax error, with the calls read before it and every unknown function of the text.
    if (e instanceof ExprError) return failure([e, ...parser.arity, ...unknown], refs);
    // MAX_EXPR_NESTING keeps the parser well within the stack; should it overflow all the same
    // (a caller already deep in its own stack), that is said as nesting. Anything else is a bug.
    if (!isStackOverflow(e)) throw e;
    return failure([new ExprError(0, TOO_DEEP)], refs);
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
