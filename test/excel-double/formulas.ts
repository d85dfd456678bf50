/**
 * Excel's calculation of formulas, as far as the double needs it: the formulas the add-in writes
 * (`_index`'s flags: SUMPRODUCT, EXACT, LEN, TRIM, IFERROR over ranges of other sheets; the lines
 * saying figures changed: IF, COUNTIFS, MATCH, INDEX(…):INDEX(…), text joined with &) and those a
 * user keeps in a workbook (arithmetic, SUM, references to cells, whole columns, other sheets and
 * tables by their structured references). A cell with a formula shows its last computed value
 * (`MCell.v`); `recalculate` computes the formulas chosen, each after the formula cells it reads
 * that are chosen too, and reads the others as they show.
 *
 * Modelled as Excel does: arrays element by element (a range in an operation, EXACT or LEN of a
 * range), single rows and columns stretched over the other operand, #N/A where two arrays do not
 * meet; a blank cell is 0 to arithmetic and "" to text; text is compared without case (EXACT
 * with it), numbers to 15 significant digits; errors carry through what does not catch them
 * (IFERROR); a circular reference reads the value its cell shows.
 *
 * Not modelled, so that a cell holding one keeps the value it shows (and is listed by
 * ExcelDouble.incalculable()): functions not listed in FUNCTIONS, defined names (a name that is
 * not a table reads #NAME?, as in a workbook without names), other workbooks' cells (`[1]Sheet!A1`),
 * array constants, `@`, a formula whose result spills over several cells, and this-row structured
 * references. Whole columns and rows are read as far as the workbook has cells: COUNTIFS over a
 * whole column with a criterion that blank cells meet ("" or "=") counts only the blanks above the
 * workbook's last row.
 */
import { MAX_COLS, MAX_ROWS, parseRect, type Rect } from "./address";
import type { MCell, MSheet, MTable, MWorkbook } from "./model";

/** An Excel error value (#N/A, #REF!…) as a formula carries it. */
export class XlError {
  constructor(readonly code: string) {}
}

/** A value in a formula; null is a blank cell (0 to arithmetic, "" to text). */
type Scalar = number | string | boolean | XlError | null;
interface RefValue {
  kind: "ref";
  sheet: MSheet;
  rect: Rect;
}
interface ArrayValue {
  kind: "array";
  rows: Scalar[][];
}
type Value = Scalar | RefValue | ArrayValue;

/** What the double does not calculate: the cell keeps what it shows. */
export class Incalculable extends Error {}

const ERRORS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"];
const err = (code: string) => new XlError(code);

// ---------------------------------------------------------------------------------------------
// Tokens and syntax

type Node =
  | { k: "lit"; v: Scalar }
  | { k: "ref"; sheet?: string; local: string; rect?: Rect | null }
  | { k: "struct"; table: string; spec: string }
  | { k: "name"; v: string }
  | { k: "call"; f: string; args: Node[] }
  | { k: "neg"; e: Node }
  | { k: "pct"; e: Node }
  | { k: "bin"; op: string; l: Node; r: Node }
  | { k: "missing" };

type Token =
  | { t: "node"; n: Node }
  | { t: "func"; v: string }
  | { t: "op"; v: string }
  | { t: "(" | ")" | "," };

const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d{1,7}`;
/** A cell, an area, whole columns or whole rows, not followed by what would make it a name. */
const AREA = new RegExp(String.raw`(?:${CELL}(?::${CELL})?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d{1,7}:\$?\d{1,7})(?![\p{L}\p{N}_.(\[!])`, "uy");
const NAME = /[\p{L}_\\][\p{L}\p{N}_.\\]*/uy;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const sticky = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const m = re.exec(text);
    return m ? m[0] : undefined;
  };
  /** The area after a sheet's name and its "!". */
  const qualified = (sheet: string) => {
    const area = sticky(AREA);
    if (area !== undefined) {
      i += area.length;
      out.push({ t: "node", n: { k: "ref", sheet, local: area } });
      return;
    }
    if (text.startsWith("#REF!", i)) {
      i += 5;
      out.push({ t: "node", n: { k: "lit", v: err("#REF!") } });
      return;
    }
    throw new Incalculable(`a reference the double does not read after ${sheet}!`);
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '"') {
      let s = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Incalculable("an unterminated text");
        if (text[j] === '"') {
          if (text[j + 1] === '"') { s += '"'; j += 2; continue; }
          break;
        }
        s += text[j++];
      }
      i = j + 1;
      out.push({ t: "node", n: { k: "lit", v: s } });
      continue;
    }
    if (ch === "#") {
      const code = ERRORS.find((e) => text.slice(i, i + e.length).toUpperCase() === e);
      if (!code) throw new Incalculable("an unknown error value");
      i += code.length;
      // A reference Excel turned into #REF! (its sheet deleted) keeps what followed: `#REF!A1`.
      if (code === "#REF!") i += sticky(AREA)?.length ?? 0;
      out.push({ t: "node", n: { k: "lit", v: err(code) } });
      continue;
    }
    if (ch === "'") {
      let name = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Incalculable("an unterminated sheet name");
        if (text[j] === "'") {
          if (text[j + 1] === "'") { name += "'"; j += 2; continue; }
          break;
        }
        name += text[j++];
      }
      if (text[j + 1] !== "!") throw new Incalculable("a quoted name that is not a sheet's");
      i = j + 2;
      // Another workbook's sheet: '[1]Sheet'!A1.
      if (/^\[[^\]]*\]/.test(name)) throw new Incalculable("another workbook's cells");
      qualified(name);
      continue;
    }
    if (ch === "[" || ch === "{" || ch === "@") throw new Incalculable(ch === "[" ? "another workbook's cells" : ch === "{" ? "an array constant" : "implicit intersection (@)");
    if (/[\d.$A-Za-z]/.test(ch)) {
      const area = sticky(AREA);
      if (area !== undefined) {
        i += area.length;
        out.push({ t: "node", n: { k: "ref", local: area } });
        continue;
      }
    }
    if (/[\d.]/.test(ch)) {
      const num = sticky(NUMBER);
      if (num === undefined) throw new Incalculable("a malformed number");
      i += num.length;
      out.push({ t: "node", n: { k: "lit", v: Number(num) } });
      continue;
    }
    const name = sticky(NAME);
    if (name !== undefined) {
      i += name.length;
      const next = text[i];
      if (next === "!") {
        i++;
        qualified(name);
      } else if (next === "(") out.push({ t: "func", v: name.toUpperCase() });
      else if (next === "[") {
        let depth = 0;
        let j = i;
        for (; j < text.length; j++) {
          if (text[j] === "'") j++;
          else if (text[j] === "[") depth++;
          else if (text[j] === "]" && --depth === 0) break;
        }
        out.push({ t: "node", n: { k: "struct", table: name, spec: text.slice(i, j + 1) } });
        i = j + 1;
      } else if (/^(TRUE|FALSE)$/i.test(name)) out.push({ t: "node", n: { k: "lit", v: name.toUpperCase() === "TRUE" } });
      else out.push({ t: "node", n: { k: "name", v: name } });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === "<>" || two === "<=" || two === ">=") {
      out.push({ t: "op", v: two });
      i += 2;
      continue;
    }
    if ("=<>+-*/^&%:".includes(ch)) { out.push({ t: "op", v: ch }); i++; continue; }
    if (ch === "(" || ch === ")" || ch === ",") { out.push({ t: ch }); i++; continue; }
    throw new Incalculable(`'${ch}'`);
  }
  return out;
}

const COMPARISONS = ["=", "<>", "<", ">", "<=", ">="];

/** Excel's precedence, loosest first: comparisons, &, + and -, * and /, ^, then negation, % and the range operator. */
function parse(text: string): Node {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (...ops: string[]) => {
    const t = peek();
    return t?.t === "op" && ops.includes(t.v);
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let l = next();
    while (isOp(...ops)) {
      const op = (tokens[i++] as { v: string }).v;
      l = { k: "bin", op, l, r: next() };
    }
    return l;
  };
  const primary = (): Node => {
    const t = tokens[i++];
    if (!t) throw new Incalculable("a formula that ends too soon");
    if (t.t === "node") return t.n;
    if (t.t === "(") {
      const e = expr();
      if (tokens[i++]?.t !== ")") throw new Incalculable("unbalanced parentheses");
      return e;
    }
    if (t.t === "func") {
      if (tokens[i++]?.t !== "(") throw new Incalculable("a function without its arguments");
      const args: Node[] = [];
      if (peek()?.t === ")") { i++; return { k: "call", f: t.v, args }; }
      for (;;) {
        args.push(peek()?.t === "," || peek()?.t === ")" ? { k: "missing" } : expr());
        const sep = tokens[i++];
        if (sep?.t === ")") break;
        if (sep?.t !== ",") throw new Incalculable("a malformed argument list");
      }
      return { k: "call", f: t.v, args };
    }
    throw new Incalculable("an operator where a value belongs");
  };
  const range = binary(primary, [":"]);
  const postfix = (): Node => {
    let e = range();
    while (isOp("%")) { i++; e = { k: "pct", e }; }
    return e;
  };
  const unary = (): Node => {
    if (isOp("-")) { i++; return { k: "neg", e: unary() }; }
    if (isOp("+")) { i++; return unary(); }
    return postfix();
  };
  const power = binary(unary, ["^"]);
  const product = binary(power, ["*", "/"]);
  const sum = binary(product, ["+", "-"]);
  const concat = binary(sum, ["&"]);
  const expr = binary(concat, COMPARISONS);
  const e = expr();
  if (i !== tokens.length) throw new Incalculable("more after the formula's end");
  return e;
}

const parsed = new Map<string, Node | Incalculable>();
function parseFormula(formula: string): Node {
  let p = parsed.get(formula);
  if (p === undefined) {
    try {
      p = parse(formula.replace(/^=/, ""));
    } catch (e) {
      if (!(e instanceof Incalculable)) throw e;
      p = e;
    }
    parsed.set(formula, p);
  }
  if (p instanceof Incalculable) throw p;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Values

/** A number as Excel turns it into text (`&`, EXACT, LEN): at most 15 significant digits, 1E+20 beyond. */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const p = Number(n.toPrecision(15));
  const abs = Math.abs(p);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) {
    const [mantissa, exponent] = p.toExponential().split("e") as [string, string];
    return `${mantissa}E${exponent.startsWith("-") ? exponent : `+${exponent}`}`;
  }
  const s = String(p);
  return s.includes("e") ? p.toFixed(20).replace(/\.?0+$/, "") : s;
}

function text(v: Scalar): string | XlError {
  if (v instanceof XlError) return v;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return numberText(v);
  return v;
}

const NUMERIC_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function num(v: Scalar): number | XlError {
  if (v instanceof XlError) return v;
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  if (NUMERIC_TEXT.test(v)) return Number(v);
  const pct = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*%\s*$/.exec(v);
  if (pct) return Number(pct[1]) / 100;
  return err("#VALUE!");
}

function truth(v: Scalar): boolean | XlError {
  if (v instanceof XlError) return v;
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  const u = v.trim().toUpperCase();
  if (u === "TRUE") return true;
  if (u === "FALSE") return false;
  return err("#VALUE!");
}

const round15 = (n: number) => Number(n.toPrecision(15));

/** a compared with b as Excel's comparison operators do: numbers before text before truth values; text without case; blank as the other side's empty. */
function compare(a: Scalar, b: Scalar): number | XlError {
  if (a instanceof XlError) return a;
  if (b instanceof XlError) return b;
  const blank = (other: Scalar): Scalar => (typeof other === "string" ? "" : typeof other === "boolean" ? false : 0);
  if (a === null) a = blank(b);
  if (b === null) b = blank(a);
  const rank = (v: Scalar) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === "number") {
    const x = round15(a), y = round15(b as number);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "string") {
    const x = a.toUpperCase(), y = (b as string).toUpperCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

interface Env {
  /**
   * The results of calls that read no cell of the formula's own sheet by an unqualified reference
   * (`COUNTIFS('_index'!$A:$A,"inputs")`, the same in every form's line), by their text: within
   * one calculation the cells do not change, so each is computed once.
   */
  shared: Map<string, Value>;
  wb: MWorkbook;
  /** The sheet the formula is on (references without a sheet name are to it). */
  sheet: MSheet;
  /** A cell's value, computed first when this pass computes it. */
  cell: (sheet: MSheet, row: number, col: number) => Scalar;
  /** A rectangle's values (whole columns and rows only as far as the workbook has cells). */
  area: (sheet: MSheet, rect: Rect) => Scalar[][];
}

const isRef = (v: Value): v is RefValue => typeof v === "object" && v !== null && !(v instanceof XlError) && v.kind === "ref";
const isArray = (v: Value): v is ArrayValue => typeof v === "object" && v !== null && !(v instanceof XlError) && v.kind === "array";

/** A reference's values: one cell's as a scalar, more as an array. */
function deref(v: Value, env: Env): Scalar | ArrayValue {
  if (!isRef(v)) return v;
  if (v.rect.rows === 1 && v.rect.cols === 1) return env.cell(v.sheet, v.rect.row, v.rect.col);
  return { kind: "array", rows: env.area(v.sheet, v.rect) };
}

/** One value where one is expected: a single cell or a 1×1 array; more is #VALUE!. */
function scalar(v: Value, env: Env): Scalar {
  const d = deref(v, env);
  if (!isArray(d)) return d;
  return d.rows.length === 1 && d.rows[0]!.length === 1 ? d.rows[0]![0]! : err("#VALUE!");
}

/** Values as a grid (a scalar as 1×1). */
function grid(v: Value, env: Env): Scalar[][] {
  const d = deref(v, env);
  return isArray(d) ? d.rows : [[d]];
}

/** `f` element by element over its arguments, arrays stretched as Excel stretches them (#N/A where they do not meet). */
function lift(args: (Scalar | ArrayValue)[], f: (...xs: Scalar[]) => Scalar): Scalar | ArrayValue {
  const arrays = args.filter(isArray);
  if (arrays.length === 0) return f(...(args as Scalar[]));
  const rows = Math.max(...arrays.map((a) => a.rows.length));
  const cols = Math.max(...arrays.map((a) => a.rows[0]?.length ?? 0));
  const at = (a: Scalar | ArrayValue, r: number, c: number): Scalar => {
    if (!isArray(a)) return a;
    const h = a.rows.length, w = a.rows[0]?.length ?? 0;
    const rr = h === 1 ? 0 : r, cc = w === 1 ? 0 : c;
    return rr < h && cc < w ? a.rows[rr]![cc]! : err("#N/A");
  };
  return { kind: "array", rows: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => f(...args.map((a) => at(a, r, c))))) };
}

function arithmetic(op: string, a: Scalar, b: Scalar): Scalar {
  const x = num(a);
  if (x instanceof XlError) return x;
  const y = num(b);
  if (y instanceof XlError) return y;
  let r: number;
  switch (op) {
    case "+": r = x + y; break;
    case "-": r = x - y; break;
    case "*": r = x * y; break;
    case "/":
      if (y === 0) return err("#DIV/0!");
      r = x / y;
      break;
    default:
      if (x === 0 && y < 0) return err("#DIV/0!");
      if (x === 0 && y === 0) return err("#NUM!");
      r = Math.pow(x, y);
  }
  return Number.isFinite(r) ? r : err("#NUM!");
}

function operate(op: string, a: Scalar, b: Scalar): Scalar {
  if (op === "&") {
    const x = text(a);
    if (x instanceof XlError) return x;
    const y = text(b);
    return y instanceof XlError ? y : x + y;
  }
  if (COMPARISONS.includes(op)) {
    const c = compare(a, b);
    if (c instanceof XlError) return c;
    return op === "=" ? c === 0 : op === "<>" ? c !== 0 : op === "<" ? c < 0 : op === ">" ? c > 0 : op === "<=" ? c <= 0 : c >= 0;
  }
  return arithmetic(op, a, b);
}

/** The cells of a table's specifier, by the table's header row. */
function tableRef(env: Env, name: string, spec: string): RefValue | XlError {
  const t = env.wb.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!t) return err("#REF!");
  const headers = Array.from({ length: t.cols }, (_, c) => {
    const cell = t.sheet.get(t.row, t.col + c);
    return cell && cell.t !== "Empty" ? String(cell.v) : "";
  });
  const rect = structuredRect(spec, t, headers);
  if (!rect) throw new Incalculable(`the structured reference ${name}${spec}`);
  return { kind: "ref", sheet: t.sheet, rect };
}

function evaluate(n: Node, env: Env): Value {
  switch (n.k) {
    case "lit": return n.v;
    case "missing": return null;
    case "ref": {
      const sheet = n.sheet === undefined ? env.sheet : env.wb.sheet(n.sheet);
      // A sheet no longer in the workbook: Excel's formula reads #REF! there.
      if (!sheet || !env.wb.sheets.includes(sheet)) return err("#REF!");
      if (n.rect === undefined) n.rect = parseRect(n.local);
      return n.rect ? { kind: "ref", sheet, rect: n.rect } : err("#REF!");
    }
    case "struct": return tableRef(env, n.table, n.spec);
    case "name": {
      // A table's name alone is its data; any other name is not defined in the double's workbooks.
      if (env.wb.tables.some((t) => t.name.toLowerCase() === n.v.toLowerCase())) return tableRef(env, n.v, "");
      return err("#NAME?");
    }
    case "neg": return lift([deref(evaluate(n.e, env), env)], (x) => arithmetic("-", 0, x));
    case "pct": return lift([deref(evaluate(n.e, env), env)], (x) => arithmetic("/", x, 100));
    case "bin": {
      if (n.op === ":") {
        const l = evaluate(n.l, env), r = evaluate(n.r, env);
        if (l instanceof XlError) return l;
        if (r instanceof XlError) return r;
        if (!isRef(l) || !isRef(r) || l.sheet !== r.sheet) return err("#VALUE!");
        const row = Math.min(l.rect.row, r.rect.row), col = Math.min(l.rect.col, r.rect.col);
        const rows = Math.max(l.rect.row + l.rect.rows, r.rect.row + r.rect.rows) - row;
        const cols = Math.max(l.rect.col + l.rect.cols, r.rect.col + r.rect.cols) - col;
        return { kind: "ref", sheet: l.sheet, rect: { row, col, rows, cols } };
      }
      const l = deref(evaluate(n.l, env), env), r = deref(evaluate(n.r, env), env);
      return lift([l, r], (a, b) => operate(n.op, a, b));
    }
    case "call": {
      const f = FUNCTIONS[n.f];
      if (!f) throw new Incalculable(`the function ${n.f}`);
      const key = sharedKey(n);
      if (key === null) return f(n.args, env);
      let v = env.shared.get(key);
      if (v === undefined) env.shared.set(key, (v = f(n.args, env)));
      return v;
    }
  }
}

const sharedKeys = new WeakMap<Node, string | null>();
/** A call's text when it reads no cell by an unqualified reference (its result is the same on any sheet), else null. */
function sharedKey(n: Node): string | null {
  let key = sharedKeys.get(n);
  if (key !== undefined) return key;
  const text = (m: Node): string | null => {
    switch (m.k) {
      case "lit": return m.v instanceof XlError ? m.v.code : JSON.stringify(m.v);
      case "missing": return "";
      case "ref": return m.sheet === undefined ? null : `${JSON.stringify(m.sheet.toLowerCase())}!${m.local.toUpperCase()}`;
      case "struct": return `${m.table.toLowerCase()}${m.spec}`;
      case "name": return m.v.toLowerCase();
      case "neg": case "pct": {
        const e = text(m.e);
        return e === null ? null : `${m.k}(${e})`;
      }
      case "bin": {
        const l = text(m.l), r = text(m.r);
        return l === null || r === null ? null : `(${l}${m.op}${r})`;
      }
      case "call": {
        const args = m.args.map(text);
        return args.includes(null) ? null : `${m.f}(${args.join(",")})`;
      }
    }
  };
  key = text(n);
  sharedKeys.set(n, key);
  return key;
}

// ---------------------------------------------------------------------------------------------
// Functions

type Fn = (args: Node[], env: Env) => Value;

const arg = (args: Node[], i: number, env: Env): Value => (args[i] ? evaluate(args[i]!, env) : null);

/** Every value of the arguments, with whether it came from a reference or an array (whose text and truth values SUM and its kind leave out). */
function each(args: Node[], env: Env, visit: (v: Scalar, fromRange: boolean) => XlError | void): XlError | undefined {
  for (const a of args) {
    const v = evaluate(a, env);
    if (v instanceof XlError) return v;
    if (isRef(v) || isArray(v)) {
      for (const row of grid(v, env)) for (const x of row) {
        const stop = visit(x, true);
        if (stop) return stop;
      }
    } else {
      const stop = visit(v, false);
      if (stop) return stop;
    }
  }
  return undefined;
}

/** The numbers of the arguments as SUM, MAX, MIN and AVERAGE take them. */
function numbers(args: Node[], env: Env): number[] | XlError {
  const out: number[] = [];
  const stop = each(args, env, (v, fromRange) => {
    if (v instanceof XlError) return v;
    if (fromRange) {
      if (typeof v === "number") out.push(v);
      return;
    }
    const x = num(v);
    if (x instanceof XlError) return x;
    out.push(x);
  });
  return stop ?? out;
}

/** Excel's wildcards (* any text, ? one character, ~ escaping them) as a regular expression, without case. */
function wildcard(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "~" && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (ch === "*") re += "[\\s\\S]*";
    else if (ch === "?") re += "[\\s\\S]";
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "iu");
}

/** Text looked up exactly (MATCH with 0, VLOOKUP with FALSE): without case, wildcards allowed. */
function textMatch(x: string): (v: Scalar) => boolean {
  if (/[*?~]/.test(x)) {
    const re = wildcard(x);
    return (v) => typeof v === "string" && re.test(v);
  }
  const upper = x.toUpperCase();
  return (v) => typeof v === "string" && v.toUpperCase() === upper;
}

/** What a COUNTIFS criterion ("inputs", ">0", "<>x", 5, "a*") matches. */
function criterion(c: Scalar): (v: Scalar) => boolean {
  if (c instanceof XlError) return (v) => v instanceof XlError && v.code === c.code;
  if (typeof c === "number" || typeof c === "boolean") return (v) => v !== null && !(v instanceof XlError) && (v === c || (typeof c === "number" && typeof v === "string" && NUMERIC_TEXT.test(v) && Number(v) === c));
  const s = c ?? "";
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(s)!;
  const op = m[1] ?? "";
  const operand = m[2]!;
  const asNumber = NUMERIC_TEXT.test(operand) ? Number(operand) : undefined;
  const asBool = /^(TRUE|FALSE)$/i.test(operand) ? operand.toUpperCase() === "TRUE" : undefined;
  // Text without wildcards is compared as it is (without case); with them, by a pattern made once.
  const pattern = /[*?~]/.test(operand) ? wildcard(operand) : undefined;
  const upper = operand.toUpperCase();
  const equal = (v: Scalar): boolean => {
    if (v instanceof XlError) return false;
    if (asNumber !== undefined) return (typeof v === "number" && round15(v) === round15(asNumber)) || (typeof v === "string" && NUMERIC_TEXT.test(v) && Number(v) === asNumber);
    if (asBool !== undefined) return v === asBool;
    if (operand === "") return op === "" ? v === null || v === "" : v === null;
    if (typeof v !== "string") return false;
    return pattern ? pattern.test(v) : v.toUpperCase() === upper;
  };
  if (op === "" || op === "=") return equal;
  if (op === "<>") return (v) => !equal(v);
  return (v) => {
    if (v === null || v instanceof XlError) return false;
    let d: number;
    if (asNumber !== undefined) {
      if (typeof v !== "number") return false;
      d = round15(v) - round15(asNumber);
    } else {
      if (typeof v !== "string") return false;
      const x = v.toUpperCase(), y = operand.toUpperCase();
      d = x < y ? -1 : x > y ? 1 : 0;
    }
    return op === "<" ? d < 0 : op === ">" ? d > 0 : op === "<=" ? d <= 0 : d >= 0;
  };
}

/** INDEX's row or column number: a whole number from 0. */
function position(v: Value, env: Env): number | XlError {
  const s = scalar(v, env);
  if (s === null) return 0;
  const n = num(s);
  if (n instanceof XlError) return n;
  return n < 0 ? err("#VALUE!") : Math.trunc(n);
}

const FUNCTIONS: Record<string, Fn> = {
  SUM: (args, env) => {
    const ns = numbers(args, env);
    return ns instanceof XlError ? ns : ns.reduce((a, b) => a + b, 0);
  },
  MAX: (args, env) => {
    const ns = numbers(args, env);
    return ns instanceof XlError ? ns : ns.length ? Math.max(...ns) : 0;
  },
  MIN: (args, env) => {
    const ns = numbers(args, env);
    return ns instanceof XlError ? ns : ns.length ? Math.min(...ns) : 0;
  },
  AVERAGE: (args, env) => {
    const ns = numbers(args, env);
    return ns instanceof XlError ? ns : ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : err("#DIV/0!");
  },
  COUNT: (args, env) => {
    let n = 0;
    each(args, env, (v, fromRange) => {
      if (typeof v === "number" || (!fromRange && !(v instanceof XlError) && v !== null && !(num(v) instanceof XlError))) n++;
    });
    return n;
  },
  COUNTA: (args, env) => {
    let n = 0;
    each(args, env, (v) => {
      if (v !== null) n++;
    });
    return n;
  },
  SUMPRODUCT: (args, env) => {
    const grids = args.map((a) => grid(evaluate(a, env), env));
    const rows = grids[0]?.length ?? 0, cols = grids[0]?.[0]?.length ?? 0;
    if (grids.some((g) => g.length !== rows || g.some((r) => r.length !== cols))) return err("#VALUE!");
    let total = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let p = 1;
        for (const g of grids) {
          const v = g[r]![c]!;
          if (v instanceof XlError) return v;
          p *= typeof v === "number" ? v : 0;
        }
        total += p;
      }
    }
    return total;
  },
  IF: (args, env) => {
    const cond = deref(arg(args, 0, env), env);
    const otherwise = (): Value => (args.length > 2 ? evaluate(args[2]!, env) : false);
    if (!isArray(cond)) {
      const b = truth(cond);
      if (b instanceof XlError) return b;
      return b ? arg(args, 1, env) : otherwise();
    }
    // An array of conditions picks element by element.
    return lift([cond, deref(arg(args, 1, env), env), deref(otherwise(), env)], (c, yes, no) => {
      const b = truth(c);
      return b instanceof XlError ? b : b ? yes : no;
    });
  },
  IFERROR: (args, env) => {
    const v = deref(arg(args, 0, env), env);
    if (isArray(v)) return lift([v, deref(arg(args, 1, env), env)], (x, alt) => (x instanceof XlError ? alt : x));
    return v instanceof XlError ? arg(args, 1, env) : v;
  },
  IFNA: (args, env) => {
    const v = deref(arg(args, 0, env), env);
    if (isArray(v)) return lift([v, deref(arg(args, 1, env), env)], (x, alt) => (x instanceof XlError && x.code === "#N/A" ? alt : x));
    return v instanceof XlError && v.code === "#N/A" ? arg(args, 1, env) : v;
  },
  ISERROR: (args, env) => lift([deref(arg(args, 0, env), env)], (x) => x instanceof XlError),
  ISNUMBER: (args, env) => lift([deref(arg(args, 0, env), env)], (x) => typeof x === "number"),
  ISTEXT: (args, env) => lift([deref(arg(args, 0, env), env)], (x) => typeof x === "string"),
  ISBLANK: (args, env) => lift([deref(arg(args, 0, env), env)], (x) => x === null),
  NOT: (args, env) => lift([deref(arg(args, 0, env), env)], (x) => {
    const b = truth(x);
    return b instanceof XlError ? b : !b;
  }),
  AND: (args, env) => {
    let out = true;
    const stop = each(args, env, (v, fromRange) => {
      if (fromRange && (v === null || typeof v === "string")) return;
      const b = truth(v);
      if (b instanceof XlError) return b;
      out &&= b;
    });
    return stop ?? out;
  },
  OR: (args, env) => {
    let out = false;
    const stop = each(args, env, (v, fromRange) => {
      if (fromRange && (v === null || typeof v === "string")) return;
      const b = truth(v);
      if (b instanceof XlError) return b;
      out ||= b;
    });
    return stop ?? out;
  },
  ABS: (args, env) => lift([deref(arg(args, 0, env), env)], (x) => {
    const n = num(x);
    return n instanceof XlError ? n : Math.abs(n);
  }),
  ROUND: (args, env) => lift([deref(arg(args, 0, env), env), deref(arg(args, 1, env), env)], (x, d) => {
    const n = num(x), k = num(d);
    if (n instanceof XlError) return n;
    if (k instanceof XlError) return k;
    const f = Math.pow(10, Math.trunc(k));
    return (Math.sign(n) * Math.round(round15(Math.abs(n) * f))) / f;
  }),
  EXACT: (args, env) => lift([deref(arg(args, 0, env), env), deref(arg(args, 1, env), env)], (a, b) => {
    const x = text(a);
    if (x instanceof XlError) return x;
    const y = text(b);
    return y instanceof XlError ? y : x === y;
  }),
  LEN: (args, env) => lift([deref(arg(args, 0, env), env)], (a) => {
    const x = text(a);
    return x instanceof XlError ? x : x.length;
  }),
  TRIM: (args, env) => lift([deref(arg(args, 0, env), env)], (a) => {
    const x = text(a);
    return x instanceof XlError ? x : x.replace(/ +/g, " ").replace(/^ | $/g, "");
  }),
  COUNTIFS: (args, env) => {
    if (args.length === 0 || args.length % 2 !== 0) return err("#VALUE!");
    const pairs: { values: Scalar[][]; test: (v: Scalar) => boolean }[] = [];
    for (let i = 0; i < args.length; i += 2) {
      const range = evaluate(args[i]!, env);
      if (range instanceof XlError) return range;
      if (!isRef(range)) return err("#VALUE!");
      pairs.push({ values: grid(range, env), test: criterion(scalar(arg(args, i + 1, env), env)) });
    }
    const rows = pairs[0]!.values.length, cols = pairs[0]!.values[0]?.length ?? 0;
    if (pairs.some((p) => p.values.length !== rows || (p.values[0]?.length ?? 0) !== cols)) return err("#VALUE!");
    let n = 0;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (pairs.every((p) => p.test(p.values[r]![c]!))) n++;
    return n;
  },
  COUNTIF: (args, env) => FUNCTIONS.COUNTIFS!(args.slice(0, 2), env),
  MATCH: (args, env) => {
    const x = scalar(arg(args, 0, env), env);
    if (x instanceof XlError) return x;
    const g = grid(arg(args, 1, env), env);
    if (g.length > 1 && (g[0]?.length ?? 0) > 1) return err("#N/A");
    const list = g.length === 1 ? g[0]! : g.map((r) => r[0]!);
    const typeArg = args.length > 2 ? scalar(arg(args, 2, env), env) : 1;
    const type = num(typeArg);
    if (type instanceof XlError) return type;
    if (type === 0) {
      const test = typeof x === "string" ? textMatch(x) : (v: Scalar) => v !== null && !(v instanceof XlError) && compare(v, x) === 0 && typeof v === typeof x;
      const at = list.findIndex(test);
      return at < 0 ? err("#N/A") : at + 1;
    }
    // Sorted lists (1: ascending, the last not above; -1: descending, the last not below).
    let found = -1;
    for (let k = 0; k < list.length; k++) {
      const v = list[k]!;
      if (v === null || v instanceof XlError || typeof v !== typeof x) continue;
      const c = compare(v, x) as number;
      if (type > 0 ? c <= 0 : c >= 0) found = k;
      else break;
    }
    return found < 0 ? err("#N/A") : found + 1;
  },
  INDEX: (args, env) => {
    const target = arg(args, 0, env);
    if (target instanceof XlError) return target;
    let row = position(arg(args, 1, env), env);
    if (row instanceof XlError) return row;
    let col: number | XlError = args.length > 2 ? position(arg(args, 2, env), env) : 0;
    if (col instanceof XlError) return col;
    if (isRef(target)) {
      const { rect } = target;
      // One row's reference with one number: the number is the column.
      if (args.length <= 2 && rect.rows === 1 && rect.cols > 1) { col = row; row = 1; }
      if (args.length <= 2 && rect.cols === 1) col = 1;
      if (row > rect.rows || col > rect.cols) return err("#REF!");
      return {
        kind: "ref",
        sheet: target.sheet,
        rect: {
          row: row === 0 ? rect.row : rect.row + row - 1,
          rows: row === 0 ? rect.rows : 1,
          col: col === 0 ? rect.col : rect.col + col - 1,
          cols: col === 0 ? rect.cols : 1,
        },
      };
    }
    const g = grid(target, env);
    if (args.length <= 2 && g.length === 1) { col = row; row = 1; }
    if (args.length <= 2 && (g[0]?.length ?? 0) === 1) col = 1;
    if (row === 0 || col === 0) throw new Incalculable("INDEX of an array by a whole row or column");
    return g[row - 1]?.[col - 1] ?? err("#REF!");
  },
  ROWS: (args, env) => {
    const v = arg(args, 0, env);
    if (v instanceof XlError) return v;
    return isRef(v) ? v.rect.rows : grid(v, env).length;
  },
  COLUMNS: (args, env) => {
    const v = arg(args, 0, env);
    if (v instanceof XlError) return v;
    return isRef(v) ? v.rect.cols : (grid(v, env)[0]?.length ?? 1);
  },
  VLOOKUP: (args, env) => {
    const x = scalar(arg(args, 0, env), env);
    if (x instanceof XlError) return x;
    const table = arg(args, 1, env);
    const col = position(arg(args, 2, env), env);
    if (col instanceof XlError) return col;
    const approximate = args.length > 3 ? truth(scalar(arg(args, 3, env), env)) : true;
    if (approximate instanceof XlError) return approximate;
    if (approximate) throw new Incalculable("VLOOKUP of a sorted list");
    const g = grid(table, env);
    if (col < 1 || col > (g[0]?.length ?? 0)) return err("#REF!");
    const test = typeof x === "string" ? textMatch(x) : (v: Scalar) => v !== null && !(v instanceof XlError) && typeof v === typeof x && compare(v, x) === 0;
    const row = g.find((r) => test(r[0]!));
    return row ? row[col - 1]! : err("#N/A");
  },
};

// ---------------------------------------------------------------------------------------------
// Structured references

/** The cells a table's specifier (`""`, `[Col]`, `[[#Headers],[A]:[B]]`) stands for, or null for one the double does not model. */
export function structuredRect(spec: string, t: MTable, headers: readonly string[]): Rect | null {
  if (!t.hasHeaders) return null;
  const inner = spec === "" ? "" : spec.slice(1, -1).trim();
  // The items in brackets (or the one without), each with the separator before it.
  const items: { text: string; sep: string }[] = [];
  if (!inner.includes("[")) {
    if (inner !== "") items.push({ text: inner, sep: "" });
  } else {
    const re = /\s*([,:]?)\s*\[((?:'.|[^\]'])*)\]/gy;
    let m: RegExpExecArray | null;
    let last = 0;
    while ((m = re.exec(inner)) !== null) {
      items.push({ text: m[2]!, sep: m[1]! });
      last = re.lastIndex;
    }
    if (last !== inner.trimEnd().length) return null;
  }
  const unescape = (s: string) => s.replace(/'(.)/g, "$1");
  let rows: "data" | "all" | "headers" | null = null;
  const cols: number[] = [];
  let span = false;
  for (const { text: item, sep } of items) {
    const special = item.trim().toLowerCase();
    if (special.startsWith("#")) {
      const part = special === "#all" ? "all" : special === "#data" ? "data" : special === "#headers" ? "headers" : null;
      if (part === null || cols.length > 0) return null;
      rows = rows === null ? part : (rows === "headers" && part === "data") || (rows === "data" && part === "headers") ? "all" : null;
      if (rows === null) return null;
      continue;
    }
    if (item.startsWith("@")) return null;
    const col = headers.findIndex((h) => h.toLowerCase() === unescape(item).toLowerCase());
    if (col < 0) return null;
    if (sep === ":") span = true;
    cols.push(col);
  }
  if (cols.length > 2 || (cols.length === 2 && !span)) return null;
  const first = cols.length ? Math.min(...cols) : 0;
  const width = cols.length ? Math.max(...cols) - first + 1 : t.cols;
  const row = rows === "all" || rows === "headers" ? t.row : t.row + 1;
  const height = rows === "headers" ? 1 : rows === "all" ? t.rows : t.rows - 1;
  return { row, col: t.col + first, rows: height, cols: width };
}

// ---------------------------------------------------------------------------------------------
// Calculating a workbook

/** What a cell shows, as a formula reads it. */
function shown(c: MCell | undefined): Scalar {
  if (!c || c.t === "Empty") return null;
  if (c.t === "Error") return err(String(c.v));
  return c.v;
}

/** A formula's result into its cell: a blank reads 0; an array or a range of one cell gives that cell's value. */
function store(c: MCell, result: Scalar): void {
  if (result === null) { c.v = 0; c.t = "Double"; }
  else if (result instanceof XlError) { c.v = result.code; c.t = "Error"; }
  else if (typeof result === "number") {
    if (Number.isFinite(result)) { c.v = result; c.t = "Double"; }
    else { c.v = "#NUM!"; c.t = "Error"; }
  } else if (typeof result === "boolean") { c.v = result; c.t = "Boolean"; }
  else { c.v = result; c.t = "String"; }
}

/**
 * Computes the formulas of the workbook that `chosen` picks, each after the chosen formula cells
 * it reads; the others are read as they show. A formula the double does not calculate keeps its
 * value and is marked `incalculable`.
 */
export function recalculate(wb: MWorkbook, chosen: (c: MCell) => boolean): void {
  const todo: { sheet: MSheet; cell: MCell }[] = [];
  for (const sheet of wb.sheets) {
    if (!sheet.formulas) continue;
    let any = false;
    sheet.cells.forEach((c) => {
      if (c.f === undefined) return;
      any = true;
      if (chosen(c)) todo.push({ sheet, cell: c });
    });
    sheet.formulas = any;
  }
  if (todo.length === 0) return;
  // The workbook's last row and column with a cell, found when a whole column or row is first read.
  let last: { row: number; col: number } | undefined;
  const extent = () => {
    if (!last) {
      let row = 0, col = 0;
      for (const sheet of wb.sheets) {
        sheet.cells.forEach((_, k) => {
          const r = Math.floor(k / 16384);
          if (r > row) row = r;
          if (k % 16384 > col) col = k % 16384;
        });
      }
      last = { row, col };
    }
    return last;
  };
  const progress = new Map<MCell, "busy" | "done">();
  const areas = new Map<MSheet, Map<string, Scalar[][]>>();
  const value = (sheet: MSheet, row: number, col: number): Scalar => {
    const c = sheet.get(row, col);
    if (c && c.f !== undefined && chosen(c) && progress.get(c) === undefined) compute(sheet, c);
    // A circular reference (the cell is being computed) reads what the cell shows.
    return shown(c);
  };
  const area = (sheet: MSheet, rect: Rect): Scalar[][] => {
    // Whole columns and rows as far as the workbook has cells.
    const rows = rect.rows === MAX_ROWS ? Math.max(1, Math.min(rect.rows, extent().row + 1 - rect.row)) : rect.rows;
    const cols = rect.cols === MAX_COLS ? Math.max(1, Math.min(rect.cols, extent().col + 1 - rect.col)) : rect.cols;
    const key = `${rect.row},${rect.col},${rows},${cols}`;
    let bySheet = areas.get(sheet);
    if (!bySheet) areas.set(sheet, (bySheet = new Map()));
    let g = bySheet.get(key);
    if (!g) {
      g = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => value(sheet, rect.row + r, rect.col + c)));
      bySheet.set(key, g);
    }
    return g;
  };
  const shared = new Map<string, Value>();
  const compute = (sheet: MSheet, c: MCell) => {
    progress.set(c, "busy");
    try {
      const env: Env = { shared, wb, sheet, cell: value, area };
      const result = evaluate(parseFormula(c.f!), env);
      let out: Scalar;
      if (isRef(result)) {
        if (result.rect.rows !== 1 || result.rect.cols !== 1) throw new Incalculable("a result that spills over several cells");
        out = value(result.sheet, result.rect.row, result.rect.col);
      } else if (isArray(result)) {
        if (result.rows.length !== 1 || result.rows[0]!.length !== 1) throw new Incalculable("a result that spills over several cells");
        out = result.rows[0]![0]!;
      } else out = result;
      store(c, out);
      delete c.incalculable;
    } catch (e) {
      if (!(e instanceof Incalculable)) throw e;
      c.incalculable = true;
    } finally {
      progress.set(c, "done");
    }
  };
  for (const { sheet, cell } of todo) if (progress.get(cell) === undefined) compute(sheet, cell);
}
