/**
 * Reading an index definition: JSON text → zod schema → whole-definition checks → model.
 * Every problem comes back at once, each with its JSON path and a sentence in vi and en,
 * whatever it is given; only a bug of the program throws.
 */
import { canonicalJson, sha256 } from "../hash";
import type { Message } from "../i18n/text";
import { checkDefinition } from "./checks";
import { lenientChecks } from "./lenient";
import {
  type DefinitionProblem,
  type PathSegment,
  closest,
  describeExpected,
  describeValue,
  formatPath,
  messages,
  nodeOnPath,
  numberTextAdvice,
  textAdvice,
} from "./messages";
import { type IndexModel, buildModel } from "./model";
import { decodeTextDetailed } from "../read/csv";
import { isStackOverflow } from "../expr/parse";
import {
  type IndexDefinition,
  categorySchema,
  choiceOption,
  groupSchema,
  indexDefinitionSchema,
  indicatorSchema,
  inputSchema,
  rankingSchema,
  ruleSchema,
  step,
} from "./schema";

export type ParseDefinitionResult =
  | { ok: true; definition: IndexDefinition; model: IndexModel }
  | { ok: false; problems: DefinitionProblem[] };

/**
 * Parse and check a definition given as a JSON value. Throws only on a bug: a definition nested
 * beyond what the stack holds is a problem ("too-deep"), as is every mistake of the definition.
 */
export function parseDefinition(input: unknown): ParseDefinitionResult {
  const result = parseChecked(input);
  if (result.ok) return result;
  return { ok: false, problems: result.problems.map((p) => {
    const where = p.where ?? safeNodeOnPath(input, p.path);
    return where ? { ...p, where } : p;
  }) };
}

function safeNodeOnPath(input: unknown, path: string) {
  try {
    return nodeOnPath(input, path);
  } catch {
    return undefined;
  }
}

function parseChecked(input: unknown): ParseDefinitionResult {
  try {
    const parsed = indexDefinitionSchema.safeParse(input);
    if (!parsed.success) {
      // The schema's problems, then what the whole-definition checks find in the parts that could be read.
      const problems = mapIssues(parsed.error.issues as unknown as RawIssue[], [], input);
      return { ok: false, problems: [...problems, ...lenientChecks(input, problems)] };
    }
    // `$schema` only points editors at the JSON Schema: it is not part of the definition, so it
    // changes neither its hash nor the copy a scored workbook keeps in `_index`.
    const { $schema: _forEditors, ...definition } = parsed.data;
    const { problems, expressions } = checkDefinition(definition, { written: input });
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, definition, model: buildModel(definition, expressions) };
  } catch (e) {
    // A document nested so deeply (groups inside groups, by the thousand) that reading it overflows
    // the stack. An expression's length and nesting are bounded by its parser and said at its path
    // (MAX_EXPR_DEPTH). Any other exception is a bug of the program: it is not disguised as this.
    if (!isStackOverflow(e)) throw e;
    return {
      ok: false,
      problems: [
        {
          path: "definition",
          code: "too-deep",
          message: { vi: "Bộ chỉ số lồng nhau quá sâu, không đọc được.", en: "The definition is nested too deeply to be read." },
        },
      ],
    };
  }
}

/**
 * Parse and check a definition given as JSON text (a leading byte-order mark is accepted). A key
 * written twice in one object is a problem (JSON.parse would silently keep the last), reported
 * with the definition's other problems.
 */
export function parseDefinitionText(text: string): ParseDefinitionResult {
  const source = String(text).replace(/^\uFEFF/, "");
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch {
    return { ok: false, problems: [jsonSyntaxProblem(source)] };
  }
  let duplicates: DuplicateKey[];
  let extremes: ExtremeNumber[];
  let places = new Map<string, number>();
  try {
    let error: JsonSyntaxError | undefined;
    ({ duplicates, extremes, places, error } = scanJson(source));
    // Text JSON.parse reads but the scanner stops at: a Windows path whose \t JSON takes for a tab.
    if (error !== undefined) return { ok: false, problems: [jsonSyntaxProblem(source)] };
  } catch (e) {
    // Nested too deeply for the scanner: parseDefinition says so.
    if (!isStackOverflow(e)) throw e;
    duplicates = [];
    extremes = [];
  }
  return withLines(textProblems(source, value, duplicates, extremes), source, places);
}

/**
 * The problems of a definition written as text, each with the line of the file its path is on
 * (the value's, or, for a field that is missing, the object's that lacks it), in the order of the
 * file's lines: the first said is the first a person editing the file top down meets. Problems of
 * the whole definition (no line) come first, in their order. A file on one line gets no lines, nor
 * a key written twice, whose sentence names both its lines.
 */
function withLines(result: ParseDefinitionResult, source: string, places: Map<string, number>): ParseDefinitionResult {
  // A file on one line (written by a program) has no line to tell.
  if (result.ok || places.size === 0 || !source.trimEnd().includes("\n")) return result;
  // The path, then each of its parents ("root.children[0].max", "root.children[0]", …, "root").
  const lineOf = (path: string): number | undefined => {
    for (let p = path, parent = ""; ; p = parent) {
      const at = places.get(p);
      if (at !== undefined) return lineColumn(source, at).line;
      parent = p.replace(/(?:\.[^.[\]]*|\[\d+\])$/, "");
      if (parent === p || parent === "") return undefined;
    }
  };
  const lined = result.problems.map((p) => {
    // A key written twice says both its lines itself.
    if (p.line !== undefined || p.path === "definition" || p.code === "duplicate-key") return p;
    const line = lineOf(p.path);
    return line === undefined ? p : { ...p, line };
  });
  const order = lined.map((p, k) => ({ p, k })).sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.k - b.k);
  return { ok: false, problems: order.map((o) => o.p) };
}

/** The problems of a definition's text, before lines are given them (parseDefinitionText). */
function textProblems(source: string, value: unknown, duplicates: DuplicateKey[], extremes: ExtremeNumber[]): ParseDefinitionResult {
  const parsed = withExtremeNumbers(parseDefinition(value), extremes);
  if (duplicates.length === 0) return parsed;
  // Which of the two values was meant is not known: a problem that follows from keeping the last
  // (a group's max that no longer adds up) is left out until the user has removed one of them;
  // a problem that is there whichever is kept is said now.
  const firstKept = parseDefinition(withFirstValues(source, duplicates));
  const keyOf = (p: DefinitionProblem): string => `${p.path}\u0000${p.code}\u0000${p.message.en}`;
  const either = new Set(firstKept.ok ? [] : firstKept.problems.map(keyOf));
  const others = parsed.ok ? [] : parsed.problems.filter((p) => either.has(keyOf(p)));
  return { ok: false, problems: [...duplicateKeyProblems(source, value, duplicates), ...others] };
}

/**
 * The numbers written beyond what JSON.parse can hold, said as written: one too large (1e400, read
 * as Infinity) in place of the problem at its path ("a number is too large" without the figure),
 * and one too small to be told from 0 (1e-400, read as 0, which the checks would take as written)
 * as a problem of its own.
 */
function withExtremeNumbers(result: ParseDefinitionResult, extremes: readonly ExtremeNumber[]): ParseDefinitionResult {
  if (extremes.length === 0) return result;
  const large = new Map(extremes.filter((e) => e.kind === "large").map((e) => [formatPath(e.path), e.text]));
  const problems = (result.ok ? [] : result.problems).map((p) => {
    const text = p.code === "number-too-large" ? large.get(p.path) : undefined;
    return text !== undefined ? { ...p, message: messages.numberTooLarge(text.startsWith("-"), text) } : p;
  });
  const small = extremes.filter((e) => e.kind === "small").map((e) => problem(e.path, "number-too-small", messages.numberTooSmall(e.text)));
  if (small.length === 0 && result.ok) return result;
  return { ok: false, problems: [...problems, ...small] };
}

/** The value JSON.parse gave, with the first value written of each key written twice instead of the last. */
function withFirstValues(text: string, duplicates: readonly DuplicateKey[]): unknown {
  const copy = JSON.parse(text) as unknown;
  for (const d of duplicates) {
    try {
      let parent: unknown = copy;
      for (const seg of d.path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[seg];
      if (!isPlainObject(parent)) continue;
      parent[String(d.path[d.path.length - 1])] = JSON.parse(text.slice(d.firstValue[0], d.firstValue[1])) as unknown;
    } catch {
      // A path through a value that was itself replaced: that key stays as JSON.parse left it.
    }
  }
  return copy;
}

/** A definition file's text and, when its bytes were not UTF-8, the notice that says so. */
export interface DecodedDefinitionFile {
  text: string;
  /** Set when the bytes were not UTF-8 and were read as Windows-1258: the user should check the diacritics. */
  notice?: Message;
  /** The file is no text at all (notDefinitionText): an Excel workbook, or another binary file (an image). */
  notText?: "workbook" | "binary";
}

/** The first bytes of an OLE compound file: an .xls workbook, or an .xlsx encrypted with a password to open. */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(data: Uint8Array, bytes: readonly number[]): boolean {
  return data.length >= bytes.length && bytes.every((b, i) => data[i] === b);
}

/** Whether the ASCII text `needle` is in `data`. */
function holdsAscii(data: Uint8Array, needle: string): boolean {
  const first = needle.charCodeAt(0);
  for (let i = data.indexOf(first); i >= 0 && i + needle.length <= data.length; i = data.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && data[i + k] === needle.charCodeAt(k)) k++;
    if (k === needle.length) return true;
  }
  return false;
}

/**
 * What a file given as a definition is when it is no text at all: an Excel workbook (a zip package
 * holding a workbook, an .xls or encrypted compound file) or another binary file (a NUL byte in
 * a file that is not UTF-16: an image, a PDF). Undefined for text, which is read as JSON.
 */
export function notDefinitionText(bytes: Uint8Array): "workbook" | "binary" | undefined {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip package names its parts in plain text: an .xlsx holds xl/…, an .ods says its mimetype.
    return holdsAscii(bytes, "xl/") || holdsAscii(bytes, "opendocument.spreadsheet") ? "workbook" : "binary";
  }
  if (startsWith(bytes, COMPOUND_FILE)) return "workbook";
  const head = bytes.subarray(0, 4096);
  if (!head.includes(0)) return undefined;
  return decodeTextDetailed(head).encoding.startsWith("utf-16") ? undefined : "binary";
}

/**
 * Decode a definition file's bytes as the CSV reader decodes a CSV file: UTF-8 (with or without
 * a BOM), UTF-16 with a BOM or told by its zero bytes (Notepad's "Unicode"), and bytes that are
 * not UTF-8 read as Windows-1258 (Notepad's "ANSI" on Vietnamese Windows), with a notice naming
 * `file`. Never throws.
 */
export function decodeDefinitionFile(bytes: Uint8Array, file: string): DecodedDefinitionFile {
  // No text: no word about its encoding (an image is not "Windows-1258 to check the diacritics of").
  const notText = notDefinitionText(bytes);
  if (notText) return { text: "", notText };
  const { text, encoding } = decodeTextDetailed(bytes);
  return encoding === "windows-1258" || encoding === "windows-1252" ? { text, notice: messages.definitionNotUtf8(file, encoding) } : { text };
}

/**
 * The hash of a definition that goes into the provenance stamp, and that a form made from a copy
 * of a built-in records (FORM_DEFINITION_PREFIX): its content as parsed (a `$schema` line is not
 * part of it), so the same definition written with or without one has the same hash.
 */
export function definitionHash(def: IndexDefinition): string {
  return sha256(canonicalJson(def));
}

// ---------------------------------------------------------------------------------------------
// JSON syntax errors: located by our own small scanner, so the message never depends on the
// JavaScript engine's wording.

interface JsonSyntaxError {
  offset: number;
  what: Message;
}

/** A key written a second time in the same object, where, and where it was first. */
/** A number written beyond a double's range: read as ±Infinity ("large") or as 0 though not 0 ("small"). */
interface ExtremeNumber {
  path: PathSegment[];
  text: string;
  kind: "large" | "small";
}

interface DuplicateKey {
  path: PathSegment[];
  offset: number;
  firstOffset: number;
  /** Where the value written the first time starts and ends. */
  firstValue: [number, number];
}

/** Line and column (1-based) of an offset in the text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

function jsonSyntaxProblem(text: string): DefinitionProblem {
  let found: JsonSyntaxError;
  try {
    found = scanJson(text).error ?? { offset: 0, what: { vi: "không đọc được", en: "cannot be read" } };
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    found = { offset: 0, what: { vi: "lồng nhau quá sâu", en: "nested too deeply" } };
  }
  const { line, column } = lineColumn(text, found.offset);
  return { path: "definition", code: "json-syntax", message: messages.jsonSyntax(line, column, found.what) };
}

/** Keys written twice in one object of text that JSON.parse accepted, as problems at their paths. */
function duplicateKeyProblems(text: string, value: unknown, duplicates: readonly DuplicateKey[]): DefinitionProblem[] {
  return duplicates.map((d) => {
    const path = formatPath(d.path);
    const where = safeNodeOnPath(value, path);
    const key = String(d.path[d.path.length - 1]);
    const message = messages.duplicateKey(key, lineColumn(text, d.offset), lineColumn(text, d.firstOffset));
    return { path, code: "duplicate-key", message, ...(where ? { where } : {}) };
  });
}

/** Names of the invisible characters most often pasted into a file from Word, a PDF or a web page. */
const INVISIBLE: Record<number, Message> = {
  0x00a0: { vi: "dấu cách không ngắt dòng", en: "a no-break space" },
  0x00ad: { vi: "dấu gạch nối mềm", en: "a soft hyphen" },
  0x2007: { vi: "dấu cách chữ số", en: "a figure space" },
  0x2009: { vi: "dấu cách hẹp", en: "a thin space" },
  0x200b: { vi: "dấu cách độ rộng 0", en: "a zero-width space" },
  0x200c: { vi: "ký tự không nối độ rộng 0", en: "a zero-width non-joiner" },
  0x200d: { vi: "ký tự nối độ rộng 0", en: "a zero-width joiner" },
  0x200e: { vi: "dấu chiều viết trái sang phải", en: "a left-to-right mark" },
  0x200f: { vi: "dấu chiều viết phải sang trái", en: "a right-to-left mark" },
  0x2028: { vi: "dấu ngắt dòng Unicode", en: "a Unicode line separator" },
  0x2029: { vi: "dấu ngắt đoạn Unicode", en: "a Unicode paragraph separator" },
  0x202f: { vi: "dấu cách hẹp không ngắt dòng", en: "a narrow no-break space" },
  0x2060: { vi: "ký tự nối từ", en: "a word joiner" },
  0x3000: { vi: "dấu cách toàn khổ", en: "an ideographic space" },
  0xfeff: { vi: "dấu BOM, một dấu cách độ rộng 0", en: "a byte-order mark, a zero-width no-break space" },
};

/**
 * The character at `i` as a message shows it: in quotes when it can be seen, by its code point
 * (and name, when known) when it cannot — a no-break space shown as " " would look like a space
 * JSON accepts.
 */
function shownChar(text: string, i: number): Message {
  const cp = text.codePointAt(i) ?? 0;
  const ch = String.fromCodePoint(cp);
  if (ch !== " " && /^[\p{Z}\p{C}]$/u.test(ch)) {
    const hex = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
    const name = INVISIBLE[cp];
    return {
      vi: `ký tự không nhìn thấy ${hex}${name ? ` (${name.vi})` : ""}`,
      en: `the invisible character ${hex}${name ? ` (${name.en})` : ""}`,
    };
  }
  // A quote or a backslash shown in quotes would be escaped ("\""): named instead, then shown.
  if (ch === '"') return { vi: `dấu ngoặc kép "`, en: `a double quote "` };
  if (ch === "\\") return { vi: `dấu gạch chéo ngược \\`, en: `a backslash \\` };
  if (CURLY_QUOTES.includes(ch)) return { vi: `dấu ngoặc cong ${ch}`, en: `the curly quote ${ch}` };
  return { vi: JSON.stringify(ch), en: JSON.stringify(ch) };
}

/** Quotes a word processor (Word, a PDF, a web page) puts for '"' and "'" ("smart quotes"), which JSON does not take. */
const CURLY_QUOTES = "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2033";
/** What to do about a curly quote, said after what was found. */
const STRAIGHT_QUOTES = {
  vi: `; JSON chỉ nhận dấu ngoặc kép thẳng ", hãy gõ lại dấu này`,
  en: `; JSON takes only straight double quotes ", so type it again`,
};

/**
 * Our own small JSON scanner: where the first syntax error is, said in words (so the message never
 * depends on the JavaScript engine's wording), and which keys are written twice in one object.
 * Throws only on a stack overflow.
 */
function scanJson(text: string): { error?: JsonSyntaxError; duplicates: DuplicateKey[]; extremes: ExtremeNumber[]; places: Map<string, number> } {
  let i = 0;
  const path: PathSegment[] = [];
  const duplicates: DuplicateKey[] = [];
  const extremes: ExtremeNumber[] = [];
  /** Where each value starts, by its JSON path (formatPath): the first of a key written twice. */
  const places = new Map<string, number>();
  /** Where the last number read starts and ends, to tell a decimal comma ("fraction": 0,5) from a comma between fields. */
  let lastNumber = { start: -1, end: -1 };
  class Stop {
    constructor(readonly what: Message) {}
  }
  const stop = (vi: string, en: string): never => {
    throw new Stop({ vi, en });
  };
  /** stop() with the character at i in the sentence, where `{}` stands. */
  const stopAt = (vi: string, en: string): never => {
    const s = shownChar(text, i);
    // A curly quote where JSON needs '"': say to type the straight one.
    const hint = i < text.length && CURLY_QUOTES.includes(text[i]!) ? STRAIGHT_QUOTES : { vi: "", en: "" };
    return stop(`${vi.replace("{}", s.vi)}${hint.vi}`, `${en.replace("{}", s.en)}${hint.en}`);
  };
  /**
   * stopAt() where a ',' is expected: a field name or a value there ('"', '{', '[') most likely
   * follows a line whose ',' is missing, so that is said; a letter or digit right after a text's
   * closing quote, a quote typed inside the text.
   */
  const stopAtComma = (vi: string, en: string): never => {
    // A text right after the closing quote ("Nhận thức "số" cấp sở"): a quote inside the text ended it.
    if (i < text.length && text[i - 1] === '"' && /[\p{L}\p{N}]/u.test(text[i]!)) {
      return stopAt(
        `${vi}; có lẽ trong văn bản có dấu ngoặc kép " làm văn bản kết thúc sớm: hãy viết dấu đó là \\" (hoặc dùng « » hay ' ')`,
        `${en}; a double quote " inside the text probably ended it early: write that quote as \\" (or use « » or ' ')`,
      );
    }
    if (i >= text.length || !'"{['.includes(text[i]!)) return stopAt(vi, en);
    return stopAt(`${vi}; có lẽ thiếu dấu ',' sau giá trị đứng trước`, `${en}; a ',' is probably missing after the value before it`);
  };
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
    if (text[i] === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
      stop(
        "JSON không cho phép chú thích (// hoặc /* */); hãy xóa các chú thích",
        "JSON does not allow comments (// or /* */); remove them",
      );
    }
  };
  /**
   * A string that runs on (to a line break or the end) past a curly quote ("2024”,): the last
   * such quote was surely meant to close it, so that is where the problem is said.
   */
  const stopAtCurlyInString = (start: number): void => {
    let at = -1;
    for (let k = i - 1; k > start; k--) {
      if (CURLY_QUOTES.includes(text[k]!)) {
        at = k;
        break;
      }
    }
    if (at < 0) return;
    i = at;
    stop(`dấu ${text[at]} không đóng được chuỗi văn bản${STRAIGHT_QUOTES.vi}`, `the ${text[at]} does not close the text string${STRAIGHT_QUOTES.en}`);
  };
  const str = (): void => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) {
        stopAtCurlyInString(start);
        stop(`chuỗi văn bản chưa có dấu " đóng`, `a text string has no closing "`);
      }
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === "\\") {
        const esc = text[i + 1];
        if (esc === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) stop("mã \\u không hợp lệ", "an invalid \\u escape");
          i += 6;
          continue;
        }
        if (esc === undefined || !'"\\/bfnrt'.includes(esc)) {
          stop(
            "dấu \\ không hợp lệ trong chuỗi; trong JSON, dấu \\ phải viết là \\\\ (một đường dẫn như C:\\tai-lieu viết là C:\\\\tai-lieu hoặc C:/tai-lieu)",
            "an invalid \\ escape in a string; in JSON a \\ is written \\\\ (a path such as C:\\docs is written C:\\\\docs or C:/docs)",
          );
        }
        // "C:\tai-lieu", "\\may-chu\bao-cao": a Windows path whose \t, \b, \n… JSON reads as a tab,
        // a backspace, a new line, silently.
        if ("bfnrt".includes(esc!)) {
          const before = text.slice(start + 1, i);
          if (/[A-Za-z]:$/.test(before) || /\\\\[^\\\s"]+$/.test(before)) {
            stop(
              `có lẽ đây là đường dẫn Windows: trong JSON, "\\${esc}" là một ký tự điều khiển (dấu tab, xuống dòng…), không phải dấu \\ và chữ ${esc}; hãy viết dấu \\ là \\\\ (C:\\\\tai-lieu) hoặc dùng dấu / (C:/tai-lieu)`,
              `this looks like a Windows path: in JSON "\\${esc}" is a control character (a tab, a new line…), not a \\ and the letter ${esc}; write the \\ as \\\\ (C:\\\\docs) or use / (C:/docs)`,
            );
          }
        }
        i += 2;
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) {
        stopAtCurlyInString(start);
        stop("xuống dòng hoặc ký tự điều khiển nằm trong chuỗi văn bản", "a line break or control character inside a text string");
      }
      i++;
    }
  };
  /**
   * At a comma after a field's value: a whole number, the comma and digits, with no space between
   * ("fraction": 0,5), is a number written with a decimal comma, not two fields (the digits are no
   * field name), so that is what is said, at the number.
   */
  const decimalComma = (): void => {
    const digits = /\d+/y;
    digits.lastIndex = i + 1;
    if (lastNumber.end !== i || !digits.test(text)) return;
    const whole = text.slice(lastNumber.start, lastNumber.end);
    if (!/^-?\d+$/.test(whole)) return;
    const after = text.slice(i + 1, digits.lastIndex);
    const meant = `${whole}.${after}`;
    i = lastNumber.start;
    // "1,500" may be 1.5 or a thousands comma: 1500.
    if (after.length === 3) {
      stop(
        `số thập phân phải dùng dấu chấm: ghi ${meant} (hoặc ${whole}${after} nếu dấu phẩy ngăn cách hàng nghìn), không ghi ${whole},${after}`,
        `decimal numbers use a dot: write ${meant} (or ${whole}${after} if the comma separates thousands), not ${whole},${after}`,
      );
    }
    stop(`số thập phân phải dùng dấu chấm: ghi ${meant}, không ghi ${whole},${after}`, `decimal numbers use a dot: write ${meant}, not ${whole},${after}`);
  };
  const value = (): void => {
    ws();
    if (i >= text.length) stop("tệp kết thúc giữa chừng", "the file ends too early");
    const at = formatPath(path);
    if (!places.has(at)) places.set(at, i);
    const ch = text[i]!;
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      /** Each key's first place: where its name starts, and where its value starts and ends. */
      const keys = new Map<string, { offset: number; value: [number, number] }>();
      for (;;) {
        ws();
        if (i >= text.length) stop("tệp kết thúc giữa chừng", "the file ends too early");
        if (text[i] !== '"') {
          // A name written bare (name: "…", as in JavaScript): said with the quotes it needs.
          const bare = /^[A-Za-z_$][\w$]*(?=\s*:)/.exec(text.slice(i, i + 64))?.[0];
          if (bare !== undefined) stop(`tên trường phải đặt trong dấu ngoặc kép: hãy ghi "${bare}" thay cho ${bare}`, `a field name goes in double quotes: write "${bare}" for ${bare}`);
          stopAt("cần tên trường trong dấu ngoặc kép, gặp {}", "expected a field name in double quotes, found {}");
        }
        const keyStart = i;
        str();
        const key = JSON.parse(text.slice(keyStart, i)) as string;
        const first = keys.get(key);
        if (first !== undefined) duplicates.push({ path: [...path, key], offset: keyStart, firstOffset: first.offset, firstValue: first.value });
        ws();
        if (text[i] !== ":") stop(`cần dấu ':' sau tên trường`, `expected ':' after the field name`);
        i++;
        ws();
        const valueStart = i;
        path.push(key);
        value();
        path.pop();
        if (first === undefined) keys.set(key, { offset: keyStart, value: [valueStart, i] });
        ws();
        if (text[i] === ",") {
          decimalComma();
          i++;
          ws();
          if (text[i] === "}") stop("dấu phẩy thừa trước '}'", "a trailing comma before '}'");
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        if (i >= text.length) stop("tệp kết thúc giữa chừng, thiếu '}'", "the file ends too early, '}' is missing");
        stopAtComma("cần dấu ',' hoặc '}', gặp {}", "expected ',' or '}', found {}");
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (let k = 0; ; k++) {
        path.push(k);
        value();
        path.pop();
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "]") stop("dấu phẩy thừa trước ']'", "a trailing comma before ']'");
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        if (i >= text.length) stop("tệp kết thúc giữa chừng, thiếu ']'", "the file ends too early, ']' is missing");
        stopAtComma("cần dấu ',' hoặc ']', gặp {}", "expected ',' or ']', found {}");
      }
    }
    if (ch === '"') return str();
    const num = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    num.lastIndex = i;
    if (num.test(text)) {
      lastNumber = { start: i, end: num.lastIndex };
      const written = text.slice(i, num.lastIndex);
      const read = Number(written);
      if (!Number.isFinite(read)) extremes.push({ path: [...path], text: written, kind: "large" });
      else if (read === 0 && /[1-9]/.test(written.replace(/[eE].*$/, ""))) extremes.push({ path: [...path], text: written, kind: "small" });
      i = num.lastIndex;
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (ch === "'") stop("văn bản phải đặt trong dấu ngoặc kép \" chứ không phải '", "text must be in double quotes \", not '");
    // True, FALSE, Null: JSON's words are in small letters.
    const word = /^(?:true|false|null)\b/i.exec(text.slice(i, i + 6))?.[0];
    if (word !== undefined) stop(`JSON viết ${word.toLowerCase()} bằng chữ thường: hãy ghi ${word.toLowerCase()} thay cho ${word}`, `JSON writes ${word.toLowerCase()} in small letters: write ${word.toLowerCase()} for ${word}`);
    stopAt("gặp {} ở chỗ cần một giá trị", "found {} where a value is expected");
  };
  try {
    value();
    ws();
    if (i < text.length) stopAt("còn nội dung thừa sau khi JSON đã kết thúc: {}", "there is more after the end of the JSON: {}");
    return { duplicates, extremes, places };
  } catch (e) {
    if (e instanceof Stop) return { error: { offset: Math.min(i, text.length), what: e.what }, duplicates, extremes, places };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// zod issues → problems

interface RawIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  [key: string]: unknown;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(v, seg)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** A field of a node that is "children" misspelt ("chidren"), when the node has neither "children" nor "rule". */
function misspeltChildren(node: unknown): string | undefined {
  if (!isPlainObject(node) || "children" in node || "rule" in node) return undefined;
  return Object.keys(node).find((k) => closest(k, ["children"]) !== undefined);
}

/**
 * The root written as an indicator: an object without "children" that has a field only an
 * indicator has ("rule", "inputs"…). Its code (or "" without one) then, else undefined: the root is
 * a group, and one sentence says to put the indicator inside `root.children`, instead of "children
 * missing" beside "a group has no rule".
 */
function rootIndicator(input: unknown): string | undefined {
  const root = valueAt(input, ["root"]);
  // "children" written, or misspelt ("chidren"), says the root is a group.
  if (!isPlainObject(root) || Object.keys(root).some((k) => k === "children" || closest(k, ["children"]) !== undefined)) return undefined;
  if (!Object.keys(root).some((k) => KEYS.indicator.includes(k) && !KEYS.group.includes(k))) return undefined;
  return typeof root.code === "string" ? root.code : "";
}

/** A step with neither "atLeast" nor "atMost" but a field that is one of them misspelt ("atleast", "at_most"). */
function misspeltThreshold(step: unknown): boolean {
  if (!isPlainObject(step) || "atLeast" in step || "atMost" in step) return false;
  return Object.keys(step).some((k) => closest(k, ["atLeast", "atMost"]) !== undefined);
}

/** A copy of `root` with `value` at `path` (whose parent is an object), the rest shared. */
function withValueAt(root: unknown, path: readonly PathSegment[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const here = (root as Record<string | number, unknown>)[head!];
  if (Array.isArray(root)) return root.map((v, k) => (k === head ? withValueAt(here, rest, value) : v));
  return { ...(root as Record<string, unknown>), [head!]: withValueAt(here, rest, value) };
}

function shapeKeys(schema: unknown): string[] {
  const s = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown };
  if (s.shape && typeof s.shape === "object") return Object.keys(s.shape);
  if (typeof s.unwrap === "function") return shapeKeys(s.unwrap());
  return [];
}

const KEYS = {
  definition: shapeKeys(indexDefinitionSchema),
  ranking: shapeKeys(rankingSchema),
  category: shapeKeys(categorySchema),
  group: shapeKeys(groupSchema),
  indicator: shapeKeys(indicatorSchema),
  input: shapeKeys(inputSchema),
  step: shapeKeys(step),
  option: shapeKeys(choiceOption),
  text: ["vi", "en"],
};
const RULE_KINDS: string[] = ruleSchema.options.map((o) => o.shape.kind.value);
const ruleKeys = (kind: unknown): string[] => {
  const option = ruleSchema.options.find((o) => o.shape.kind.value === kind);
  return option ? Object.keys(option.shape) : ["kind"];
};

type Context = keyof typeof KEYS | "rule" | "list" | "other";
const TEXT_FIELDS = new Set(["name", "description", "unitLabel"]);

/** What the object at `path` is, following the input to tell groups from indicators. */
function contextAt(input: unknown, path: readonly PathSegment[]): Context {
  let ctx = "definition" as Context;
  let listOf = "other" as Context;
  const advance = (seg: PathSegment, here: unknown): void => {
    if (ctx === "list") {
      ctx = listOf === "group" ? (isPlainObject(here) && "children" in here ? "group" : "indicator") : listOf;
      return;
    }
    const list = (of: Context): Context => {
      listOf = of;
      return "list";
    };
    if (typeof seg === "string" && TEXT_FIELDS.has(seg) && ctx !== "other") ctx = "text";
    else if (ctx === "definition") ctx = seg === "root" ? "group" : seg === "ranking" ? "ranking" : seg === "categories" ? list("category") : "other";
    else if (ctx === "group") ctx = seg === "children" ? list("group") : "other";
    else if (ctx === "indicator") ctx = seg === "inputs" ? list("input") : seg === "rule" ? "rule" : "other";
    else if (ctx === "rule") ctx = seg === "steps" ? list("step") : seg === "options" ? list("option") : "other";
    else ctx = "other";
  };
  path.forEach((seg, k) => advance(seg, valueAt(input, path.slice(0, k + 1))));
  return ctx;
}

/**
 * The keys an object at `path` may have. For a node, those of groups and indicators alike, so
 * that a misspelt field of either kind finds its near miss.
 */
function knownKeysAt(input: unknown, path: readonly PathSegment[]): string[] {
  const ctx = contextAt(input, path);
  if (ctx === "rule") return ruleKeys(valueAt(input, [...path, "kind"]));
  if (ctx === "group" || ctx === "indicator") return [...new Set([...KEYS.group, ...KEYS.indicator])];
  if (ctx in KEYS) return KEYS[ctx as keyof typeof KEYS];
  return [];
}

const inQuotes = (values: readonly string[], or: string): string => {
  const quoted = values.map((v) => `"${v}"`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} ${or} ${quoted[quoted.length - 1]}`;
};

/** What the object a field was written on is, as the sentence names it ("Số liệu đầu vào" / "An input"). */
const HERE: Partial<Record<Context, Message>> = {
  definition: { vi: "Phần đầu của tệp", en: "The top level of the file" },
  ranking: { vi: `Phần "ranking"`, en: `"ranking"` },
  category: { vi: "Loại đơn vị", en: "A unit category" },
  group: { vi: "Nhóm", en: "A group" },
  indicator: { vi: "Chỉ tiêu", en: "An indicator" },
  input: { vi: "Số liệu đầu vào", en: "An input" },
  step: { vi: "Bậc", en: "A step" },
  option: { vi: "Lựa chọn", en: "A choice option" },
};
function whatIsHere(ctx: Context, kind: unknown): Message {
  if (ctx === "rule") return typeof kind === "string" ? { vi: `Quy tắc "${kind}"`, en: `The "${kind}" rule` } : { vi: "Quy tắc", en: "The rule" };
  return HERE[ctx] ?? { vi: "Chỗ này", en: "This object" };
}

/**
 * Where else in the format a field that is not known here belongs (`options` on an input: on a
 * choice rule; `weight` inside a rule: on the node), nearest first; empty when nowhere. A node's
 * fields of the other kind of node are said by their own sentences, not here.
 */
function placesOf(key: string, ctx: Context, kind: unknown): Message[] {
  const places: Message[] = [];
  if (ctx !== "group" && ctx !== "indicator") {
    const inGroup = KEYS.group.includes(key);
    const inIndicator = KEYS.indicator.includes(key);
    // Written inside a node's rule or inputs: the field goes out of them, beside the node's code.
    const inside = ctx === "rule" || ctx === "step" || ctx === "option" ? "rule" : ctx === "input" ? "inputs" : undefined;
    const out = inside === undefined ? { vi: "", en: "" } : { vi: `, bên ngoài "${inside}"`, en: `, outside "${inside}"` };
    if (inGroup && inIndicator) places.push({ vi: `chính chỉ tiêu hoặc nhóm (ghi cùng cấp với "code"${out.vi})`, en: `on the indicator or group itself (beside its "code"${out.en})` });
    else if (inIndicator) places.push({ vi: `chỉ tiêu (ghi cùng cấp với "code"${out.vi})`, en: `on an indicator (beside its "code"${out.en})` });
    else if (inGroup) places.push({ vi: `nhóm (ghi cùng cấp với "code")`, en: `on a group (beside its "code")` });
  }
  if (ctx !== "input" && KEYS.input.includes(key)) places.push({ vi: `số liệu đầu vào (mục trong "inputs")`, en: `on an input (an item of "inputs")` });
  const kinds = RULE_KINDS.filter((k) => !(ctx === "rule" && k === kind) && ruleKeys(k).includes(key));
  if (kinds.length === RULE_KINDS.length) places.push({ vi: `quy tắc chấm điểm (ghi trong "rule")`, en: `in the scoring rule (inside "rule")` });
  else if (kinds.length > 0) {
    places.push({ vi: `quy tắc ${inQuotes(kinds, "hoặc")} (ghi trong "rule")`, en: `in a ${inQuotes(kinds, "or")} rule (inside "rule")` });
  }
  if (ctx !== "step" && KEYS.step.includes(key)) places.push({ vi: `bậc (mục trong "steps" của quy tắc "steps")`, en: `on a step (an item of a "steps" rule's "steps")` });
  if (ctx !== "option" && KEYS.option.includes(key)) {
    places.push({ vi: `lựa chọn (mục trong "options" của quy tắc "choice")`, en: `on a choice option (an item of a "choice" rule's "options")` });
  }
  if (ctx !== "category" && KEYS.category.includes(key)) places.push({ vi: `loại đơn vị (mục trong "categories")`, en: `on a unit category (an item of "categories")` });
  if (ctx !== "ranking" && KEYS.ranking.includes(key)) places.push({ vi: `phần "ranking"`, en: `in "ranking"` });
  if (ctx !== "definition" && KEYS.definition.includes(key)) {
    places.push({ vi: `phần đầu của tệp (cùng cấp với "format" và "root")`, en: `at the top level of the file (beside "format" and "root")` });
  }
  return places;
}

function problem(path: readonly PathSegment[], code: string, message: Message): DefinitionProblem {
  return { path: formatPath(path), code, message };
}

const num = (v: unknown): number => Number(v);

/** Fields that hold a share (0.85 for 85%) whatever the input: a fraction of the max, a coverage. */
const SHARE_FIELDS = new Set(["fraction", "minCoverage"]);
/** Fields of a rule or an input that are on the input's scale: a share when the input is a percentage. */
const SCALE_FIELDS = new Set(["atLeast", "atMost", "target", "min", "max"]);

/**
 * What to write instead of a number written as text at `path` ("0,5" → 0.5, and "50%" → 0.5
 * where the field is a share or on an input's scale, as a percent text says it is a percentage).
 */
function numberAdvice(path: readonly PathSegment[], value: unknown): Message | undefined {
  if (typeof value !== "string") return undefined;
  const last = String(path[path.length - 1]);
  const share = SHARE_FIELDS.has(last) || (SCALE_FIELDS.has(last) && path.some((s) => s === "rule" || s === "inputs"));
  return numberTextAdvice(value, share);
}

/**
 * A share (a fraction, a coverage) above its bound of 1 and at most 100: written in percentage
 * points (90 for 90%), so the problem says what to write (0.9).
 */
function shareInPercent(path: readonly PathSegment[], value: unknown, issue: RawIssue): boolean {
  return SHARE_FIELDS.has(String(path[path.length - 1])) && num(issue.maximum) === 1 && typeof value === "number" && value > 1 && value <= 100;
}

/** A `fraction` of a choice option or a step: a share of the indicator's points, not of a figure. */
function ofPoints(path: readonly PathSegment[]): "option" | "step" | undefined {
  if (path[path.length - 1] !== "fraction") return undefined;
  const list = path[path.length - 3];
  return list === "options" ? "option" : list === "steps" ? "step" : undefined;
}

function mapIssues(issues: readonly RawIssue[], base: readonly PathSegment[], input: unknown): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  for (const issue of issues) {
    const path: PathSegment[] = [...base, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
    const value = valueAt(input, path);
    // The root written as an indicator: one sentence at the root, with the group's shape, says what
    // its missing "children" (and "code", "name"), and its indicator fields, would each say.
    // A number too large for JSON.parse (1e400 is read as Infinity): said so, not "found Infinity",
    // which the user never wrote (parseDefinitionText puts the figure as written in the sentence).
    if (typeof value === "number" && !Number.isFinite(value) && (issue.code === "invalid_type" || issue.code === "invalid_union")) {
      out.push(problem(path, "number-too-large", messages.numberTooLarge(value < 0)));
      continue;
    }
    const rootField = path.length === 2 && path[0] === "root" && value === undefined ? path[1] : undefined;
    if ((rootField === "children" || rootField === "code" || rootField === "name") && rootIndicator(input) !== undefined) {
      if (rootField === "children") out.push(problem(["root"], "root-is-indicator", messages.rootIsIndicator(rootIndicator(input) as string)));
      continue;
    }
    switch (issue.code) {
      case "invalid_union": {
        const branches = (issue.errors as RawIssue[][] | undefined) ?? [];
        if (issue.discriminator !== undefined || issue.note === "No matching discriminator") {
          const suggestion = typeof value === "string" ? closest(value, RULE_KINDS) : undefined;
          out.push(problem(path, "unknown-rule-kind", messages.unknownRuleKind(value, RULE_KINDS, suggestion)));
          break;
        }
        const last = path[path.length - 1];
        const isNode = typeof last === "number" && path[path.length - 2] === "children";
        if (isNode && branches.length === 2) {
          if (!isPlainObject(value)) {
            out.push(problem(path, "invalid-node", messages.invalidNode(value)));
            break;
          }
          if (misspeltChildren(value) === undefined) {
            out.push(...mapIssues("children" in value ? branches[0]! : branches[1]!, path, input));
            break;
          }
          // A group whose "children" is misspelt ("chidren"): a group's problems, named as a
          // group's, the misspelt field suggesting "children", and no "children is missing" nor
          // "rule is missing" beside it.
          const asGroup = withValueAt(input, [...path, "children"], []);
          const groupIssues = branches[0]!.filter((i) => !(i.path.length === 1 && i.path[0] === "children"));
          for (const p of mapIssues(groupIssues, path, asGroup)) {
            const where = nodeOnPath(asGroup, p.path);
            out.push(where ? { ...p, where } : p);
          }
          break;
        }
        const failsAtTop = (b: RawIssue[]): boolean =>
          b.some((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value"));
        const viable = branches.find((b) => !failsAtTop(b));
        if (viable) {
          out.push(...mapIssues(viable, path, input));
          break;
        }
        const expected: Message[] = [];
        let wantsNumber = false;
        let wantsText = false;
        for (const b of branches) {
          for (const i of b) {
            if (i.path.length !== 0) continue;
            if (i.code === "invalid_type") expected.push(describeExpected(String(i.expected)));
            if (i.code === "invalid_type" && i.expected === "number") wantsNumber = true;
            if (i.code === "invalid_type" && i.expected === "string") wantsText = true;
            if (i.code === "invalid_value") {
              const vs = (i.values as unknown[]).map((v) => JSON.stringify(v)).join(", ");
              expected.push({ vi: vs, en: vs });
            }
          }
        }
        if (value === undefined && path.length > 0) {
          out.push(problem(path, "missing-field", messages.missingField(String(last))));
        } else {
          const advice = wantsNumber ? numberAdvice(path, value) : wantsText ? textAdvice(value) : undefined;
          out.push(problem(path, "invalid-type", messages.oneOfTypes(expected, describeValue(value), advice)));
        }
        break;
      }
      case "invalid_type":
        // The root's "children" misspelt: the misspelt field's "did you mean" says it, once.
        if (value === undefined && path.length === 2 && path[0] === "root" && path[1] === "children" && misspeltChildren(valueAt(input, ["root"])) !== undefined) break;
        if (value === undefined && path.length > 0) {
          out.push(problem(path, "missing-field", messages.missingField(String(path[path.length - 1]))));
        } else {
          const advice = issue.expected === "number" ? numberAdvice(path, value) : issue.expected === "string" ? textAdvice(value) : undefined;
          out.push(problem(path, "invalid-type", messages.invalidType(describeExpected(String(issue.expected)), describeValue(value), advice)));
        }
        break;
      case "too_small":
        if (issue.origin === "string") out.push(problem(path, "empty-text", messages.emptyText()));
        else if (issue.origin === "array") out.push(emptyListProblem(path, input) ?? problem(path, "too-small", messages.tooFewItems(num(issue.minimum))));
        else out.push(problem(path, "too-small", messages.numberAtLeast(num(issue.minimum), issue.inclusive !== false)));
        break;
      case "too_big":
        if (issue.origin === "string") out.push(problem(path, "too-big", messages.tooLongText(num(issue.maximum))));
        else if (issue.origin === "array") out.push(problem(path, "too-big", messages.tooManyItems(num(issue.maximum))));
        else if (shareInPercent(path, value, issue)) out.push(problem(path, "too-big", messages.shareAboveOne(String(path[path.length - 1]), value as number, ofPoints(path))));
        else out.push(problem(path, "too-big", messages.numberAtMost(num(issue.maximum), issue.inclusive !== false)));
        break;
      case "unrecognized_keys": {
        const known = knownKeysAt(input, path);
        const ctx = contextAt(input, path);
        for (const key of (issue.keys as string[] | undefined) ?? []) {
          // A field of the other kind of node: a group (it has children) with a rule, an indicator with an aggregate.
          if (ctx === "group" && KEYS.indicator.includes(key) && !KEYS.group.includes(key)) {
            // The root written as an indicator has its one sentence ("root-is-indicator").
            if (path.length === 1 && path[0] === "root" && rootIndicator(input) !== undefined) continue;
            out.push(problem([...path, key], "indicator-field-in-group", messages.indicatorFieldInGroup(key)));
          } else if (ctx === "indicator" && KEYS.group.includes(key) && !KEYS.indicator.includes(key)) {
            out.push(problem([...path, key], "group-field-in-indicator", messages.groupFieldInIndicator(key)));
          } else {
            const elsewhere = placesOf(key, ctx, valueAt(input, [...path, "kind"]));
            if (elsewhere.length > 0) {
              out.push(problem([...path, key], "misplaced-field", messages.fieldElsewhere(key, whatIsHere(ctx, valueAt(input, [...path, "kind"])), elsewhere)));
              continue;
            }
            const suggestion = closest(key, known.filter((k) => k !== key));
            out.push(problem([...path, key], "unknown-field", messages.unknownField(key, suggestion)));
          }
        }
        break;
      }
      case "invalid_value": {
        const values = ((issue.values as unknown[] | undefined) ?? []).map((v) => (typeof v === "number" ? v : String(v)));
        if (path.length === 1 && path[0] === "format") out.push(problem(path, "format", messages.format(value)));
        else if (values.length === 1) out.push(problem(path, "invalid-value", messages.mustBe(values[0]!)));
        else out.push(problem(path, "invalid-value", messages.oneOf(values, value)));
        break;
      }
      case "invalid_format":
      case "custom":
        // A step whose threshold is misspelt ("atleast"): the unknown field's "did you mean" says it, once.
        if (issue.message === "atleast-xor-atmost" && misspeltThreshold(value)) break;
        out.push(customProblem(path, issue.message, value));
        break;
      default:
        out.push(problem(path, "invalid", messages.invalid()));
    }
  }
  return out;
}

/**
 * An empty list where the format wants at least one item and an empty one would silently mean
 * something else: `appliesTo: []` (the node would apply to no unit) and `categories: []` (no unit's
 * category would be in the index). Undefined for any other list.
 */
function emptyListProblem(path: readonly PathSegment[], input: unknown): DefinitionProblem | undefined {
  const last = path[path.length - 1];
  if (path.length === 1 && last === "categories") return problem(path, "categories-empty", messages.categoriesEmpty());
  const owner = contextAt(input, path.slice(0, -1));
  if (last === "children" && owner === "group") return problem(path, "too-small", messages.childrenEmpty());
  if (last === "inputs" && owner === "indicator") return problem(path, "too-small", messages.inputsEmpty());
  if ((last === "steps" || last === "options") && owner === "rule") return problem(path, "too-small", messages.ruleListEmpty(last));
  if (last !== "appliesTo" || (owner !== "group" && owner !== "indicator")) return undefined;
  return problem(path, "applies-to-empty", messages.appliesToEmpty(owner));
}

function customProblem(path: PathSegment[], message: string, value: unknown): DefinitionProblem {
  switch (message) {
    case "localized-text-empty":
      return problem(path, message, messages.localizedTextEmpty());
    case "fraction-xor-points":
      return problem(path, message, messages.fractionXorPoints());
    case "atleast-xor-atmost":
      return problem(path, message, messages.atLeastXorAtMost());
    case "id-pattern":
      return problem(path, message, messages.idPattern(value));
    default:
      return problem(path, "invalid", messages.invalid());
  }
}
