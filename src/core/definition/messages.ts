/**
 * The sentences a user reads about a definition that cannot be used, in Vietnamese and English.
 * Each problem carries the JSON path of what it is about (`root.children[2].rule.steps[1]`),
 * a stable code, and one of these sentences.
 */
import type { Lang, Message } from "../i18n/text";
import { formatNumber, localize } from "../i18n/text";
import { parseNumberText } from "../read/numbers";
import type { EvalFailure } from "../expr/evaluate";
import { printNumber } from "../expr/parse";

export interface DefinitionProblem {
  /** JSON path: `id`, `ranking.decimals`, `root.children[2].rule.steps[1]`; `definition` for the whole document. */
  path: string;
  /** Stable identifier of the kind of problem (`unknown-field`, `duplicate-code`…). */
  code: string;
  message: Message;
  /**
   * The group or indicator the path is inside, as an official knows it ("chỉ tiêu 1.2"), when the
   * path goes through `root.children` and that node has a code.
   */
  where?: Message;
  /** The line of the file the path is on, for a definition read from text (parseDefinitionText). */
  line?: number;
}

export type PathSegment = string | number;

/** `["root", "children", 2, "rule"]` → `root.children[2].rule`; the empty path is `definition`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === "" ? "definition" : out;
}

/** `root.children[2]["x y"].rule` → `["root", "children", 2, "x y", "rule"]` (formatPath's inverse). */
export function pathSegments(path: string): PathSegment[] {
  if (path === "definition") return [];
  const out: PathSegment[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][\w$]*)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else out.push(m[3]!);
    if (re.lastIndex === path.length) break;
  }
  return out;
}

/**
 * The innermost group or indicator on a path through the definition's tree, named as in the
 * index: "nhóm 1" / "chỉ tiêu 1.2" by its code; a node whose code cannot be read (missing, not
 * text, blank) by its name ("chỉ tiêu \"Cổng dịch vụ công\""), else by its place among its
 * siblings of the same kind ("chỉ tiêu thứ 2 của nhóm 1"), never by its parent's name.
 */
export function nodeOnPath(input: unknown, path: string): Message | undefined {
  let value: unknown = input;
  let found: Message | undefined;
  const segments = pathSegments(path);
  for (let i = 0; i < segments.length; i++) {
    if (value === null || typeof value !== "object") break;
    const parent = value;
    value = (value as Record<string | number, unknown>)[segments[i]!];
    const viaChildren = segments[i - 1] === "children" || (i === 0 && segments[0] === "root");
    if (viaChildren && value !== null && typeof value === "object" && !Array.isArray(value)) {
      // The root is a group, even with its "children" missing or misspelt.
      const group = isGroupLike(value) || (i === 0 && segments[0] === "root");
      const code = (value as { code?: unknown }).code;
      if (typeof code === "string" && code.trim() !== "") {
        // Named by its code as parsed (trimmed, in NFC), as the sentences name it.
        const c = code.trim().normalize("NFC");
        found = group ? { vi: `nhóm ${c}`, en: `group ${c}` } : { vi: `chỉ tiêu ${c}`, en: `indicator ${c}` };
      } else {
        const name = nameOf((value as { name?: unknown }).name);
        const kind = group ? { vi: "nhóm", en: "group" } : { vi: "chỉ tiêu", en: "indicator" };
        if (name !== undefined) found = { vi: `${kind.vi} ${JSON.stringify(name.vi)}`, en: `${kind.en} ${JSON.stringify(name.en)}` };
        else if (i === 0) found = { vi: "nhóm gốc", en: "the root group" };
        else {
          const siblings = Array.isArray(parent) ? parent.slice(0, Number(segments[i]) + 1) : [value];
          const n = siblings.filter((s) => s !== null && typeof s === "object" && !Array.isArray(s) && isGroupLike(s) === group).length;
          const of = found ?? { vi: "nhóm gốc", en: "the root group" };
          found = { vi: `${kind.vi} thứ ${n} của ${of.vi}`, en: `${kind.en} no. ${n} of ${of.en}` };
        }
      }
    }
  }
  return found;
}

/**
 * A node written as a group: it has "children", whatever they are (`"children": {}` is a group's
 * list written wrong, not an indicator), as the parser tells a group from an indicator.
 */
const isGroupLike = (node: object): boolean => Object.prototype.hasOwnProperty.call(node, "children");

/** A node's name as written, in each language (the other one where only one is given), when it can be read. */
function nameOf(name: unknown): Message | undefined {
  const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim().normalize("NFC") : undefined);
  if (text(name) !== undefined) return { vi: text(name)!, en: text(name)! };
  if (name === null || typeof name !== "object") return undefined;
  const vi = text((name as { vi?: unknown }).vi);
  const en = text((name as { en?: unknown }).en);
  if (vi === undefined && en === undefined) return undefined;
  return { vi: vi ?? en!, en: en ?? vi! };
}

/** A problem on one line: where it is (the node, then the JSON path), then the sentence. */
export function problemLine(p: DefinitionProblem, lang: Lang): string {
  const sentence = localize(p.message, lang);
  if (p.path === "definition") return sentence;
  // The file's line first, for whoever edits it in Notepad: "chỉ tiêu 1.2 (dòng 40, root.children[0]…)".
  const line = p.line === undefined ? "" : `${lang === "vi" ? "dòng" : "line"} ${p.line}`;
  if (p.where) return `${localize(p.where, lang)} (${line === "" ? "" : `${line}, `}${p.path}): ${sentence}`;
  return line === "" ? `${p.path}: ${sentence}` : `${p.path} (${line}): ${sentence}`;
}

/** One line per problem: where, then the sentence. */
export function formatProblems(problems: DefinitionProblem[], lang: Lang): string {
  return problems.map((p) => problemLine(p, lang)).join("\n");
}

/**
 * Every problem of a definition said on one line, for a reason that must stay one line: the only
 * problem, or how many there are and the first. The full list is `formatProblems`, one per line.
 */
export function problemsSummary(problems: readonly DefinitionProblem[], lang: Lang): string {
  const first = problems[0];
  if (first === undefined) return "";
  const line = problemLine(first, lang);
  if (problems.length === 1) return line;
  return lang === "vi" ? `${problems.length} lỗi; lỗi đầu tiên: ${line}` : `${problems.length} problems; the first: ${line}`;
}

const q = (s: string | number): string => `"${s}"`;
/** A sentence with exactly one final full stop (or question mark). */
const endSentence = (s: string): string => (/[.?!]$/.test(s.trimEnd()) ? s.trimEnd() : `${s.trimEnd()}.`);
/** A value as the user wrote it: text in quotes, anything else described. */
const shown = (value: unknown): Message =>
  typeof value === "string" ? { vi: JSON.stringify(value), en: JSON.stringify(value) } : describeValue(value);
/** Values quoted, each once (a code written twice, itself reported, is listed once). */
const list = (values: readonly (string | number)[]): string => [...new Set(values)].map(q).join(", ");

/** What a JSON value is, for "expected X, found Y". */
export function describeValue(value: unknown): Message {
  if (value === undefined) return { vi: "chỗ để trống (chưa có giá trị)", en: "nothing" };
  if (value === null) return { vi: "null", en: "null" };
  if (Array.isArray(value)) return { vi: "một danh sách", en: "a list" };
  switch (typeof value) {
    case "string":
      return { vi: `văn bản ${JSON.stringify(value)}`, en: `the text ${JSON.stringify(value)}` };
    case "number":
      return Number.isFinite(value) ? { vi: `số ${value}`, en: `the number ${value}` } : { vi: `${value}`, en: `${value}` };
    case "boolean":
      return { vi: `${value}`, en: `${value}` };
    case "object":
      return { vi: "một đối tượng {…}", en: "an object {…}" };
    default:
      return { vi: "một giá trị không phải JSON", en: "a value that is not JSON" };
  }
}

/**
 * What to write instead of a number written as text where JSON needs a number: the exact JSON
 * number, read as the forms' numbers are read (parseNumberText: "0,5", "1.234,5", "20"), without
 * quotes and with a dot for decimals. A percentage ("50%") is the share it stands for (0.5) where
 * the field is a share (`share`: a fraction, a threshold or bound on a percentage…); elsewhere
 * its "%" has no place. A text whose Vietnamese and English readings differ ("1.860") gets both.
 * Undefined for a text that is no number.
 */
export function numberTextAdvice(text: string, share: boolean): Message | undefined {
  const reading = parseNumberText(text, "auto");
  if (reading === undefined) return undefined;
  if (reading.percent) {
    if (!share) return { vi: `Hãy ghi một số, không có dấu ngoặc kép và không có dấu %.`, en: `Write a number, without quotes and without %.` };
    const written = text.trim();
    return {
      vi: `Hãy ghi tỷ lệ dưới dạng số, không có dấu ngoặc kép (100% là 1): ghi ${reading.value} cho ${written}.`,
      en: `Write a percentage as a number, without quotes (100% is 1): write ${reading.value} for ${written}.`,
    };
  }
  const value = String(reading.value);
  if (!/[.,\s\u00a0\u202f\u2009]/.test(text.trim())) {
    return { vi: `Hãy ghi số không có dấu ngoặc kép: ${value}.`, en: `Write the number without quotes: ${value}.` };
  }
  // "1.860" is 1860 the Vietnamese way and 1.86 the English way; "1,500" is 1.5 and 1500.
  const other = reading.ambiguous ? parseNumberText(text, "en") : undefined;
  const mark = text.includes(",") ? "," : ".";
  const alt: Message =
    other === undefined
      ? { vi: "", en: "" }
      : mark === "."
        ? { vi: ` (hoặc ${other.value} nếu dấu "." là dấu thập phân)`, en: ` (or ${other.value} if the "." is a decimal point)` }
        : { vi: ` (hoặc ${other.value} nếu dấu "," ngăn cách hàng nghìn)`, en: ` (or ${other.value} if the "," separates thousands)` };
  return {
    vi: `Hãy ghi số theo kiểu JSON, không có dấu ngoặc kép, dùng dấu chấm cho phần thập phân: ${value}${alt.vi}.`,
    en: `Write it as a JSON number, without quotes, with a dot for decimals: ${value}${alt.en}.`,
  };
}

/**
 * What to write instead of a number where JSON needs text ("version": 2024, "code": 11): the same,
 * in double quotes, as numberTextAdvice says it the other way round. Undefined for any other value.
 */
export function textAdvice(value: unknown): Message | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  const text = JSON.stringify(String(value));
  return { vi: `Hãy ghi trong dấu ngoặc kép: ${text}.`, en: `Write it in double quotes: ${text}.` };
}

/** What zod's `expected` means, in words. */
export function describeExpected(expected: string): Message {
  switch (expected) {
    case "string":
      return { vi: "văn bản", en: "text" };
    case "number":
      return { vi: "một số", en: "a number" };
    case "int":
      return { vi: "một số nguyên", en: "a whole number" };
    case "boolean":
      return { vi: "true hoặc false", en: "true or false" };
    case "array":
      return { vi: "một danh sách [ … ]", en: "a list [ … ]" };
    case "object":
      return { vi: "một đối tượng { … }", en: "an object { … }" };
    default:
      return { vi: expected, en: expected };
  }
}

export const messages = {
  jsonSyntax: (line: number, column: number, what: Message): Message => ({
    vi: `Dòng ${line}, cột ${column}: tệp không phải JSON hợp lệ (${what.vi}).`,
    en: `Line ${line}, column ${column}: the file is not valid JSON (${what.en}).`,
  }),
  /** `advice`, when given, is a sentence that says what to write instead (numberTextAdvice). */
  invalidType: (expected: Message, found: Message, advice?: Message): Message => ({
    vi: `Cần ${expected.vi}, nhưng gặp ${found.vi}.${advice ? ` ${advice.vi}` : ""}`,
    en: `Expected ${expected.en}, found ${found.en}.${advice ? ` ${advice.en}` : ""}`,
  }),
  oneOfTypes: (expected: Message[], found: Message, advice?: Message): Message => ({
    vi: `Cần ${expected.map((e) => e.vi).join(" hoặc ")}, nhưng gặp ${found.vi}.${advice ? ` ${advice.vi}` : ""}`,
    en: `Expected ${expected.map((e) => e.en).join(" or ")}, found ${found.en}.${advice ? ` ${advice.en}` : ""}`,
  }),
  missingField: (field: string): Message => ({
    vi: `Thiếu trường bắt buộc ${q(field)}.`,
    en: `The required field ${q(field)} is missing.`,
  }),
  emptyText: (): Message => ({ vi: "Không được để trống.", en: "Must not be empty." }),
  tooFewItems: (n: number): Message => ({
    vi: `Cần ít nhất ${n} phần tử.`,
    en: `Needs at least ${n} item${n === 1 ? "" : "s"}.`,
  }),
  tooManyItems: (n: number): Message => ({
    vi: `Chỉ được có nhiều nhất ${n} phần tử.`,
    en: `May have at most ${n} item${n === 1 ? "" : "s"}.`,
  }),
  /**
   * A share (a fraction, a coverage: 0 to 1) written in percentage points (90 for 90%): the
   * bound, and what to write, as the percent-scale check says it for thresholds.
   */
  shareAboveOne: (field: string, value: number, ofPoints?: "option" | "step"): Message => {
    const meant = Number((value / 100).toPrecision(12));
    // A choice option's or a step's fraction: the share of the indicator's points it gives. Below 2 it
    // is no percentage written as points (1.5%?) but more than the full points, or points meant.
    if (ofPoints) {
      const what = ofPoints === "option" ? { vi: "lựa chọn", en: "answer" } : { vi: "bậc", en: "step" };
      const points = { vi: `nếu ${value} là số điểm, hãy ghi "points": ${value} thay cho "fraction"`, en: `if ${value} is a number of points, write "points": ${value} instead of "fraction"` };
      return value < 2
        ? {
            vi: `Phải nhỏ hơn hoặc bằng 1: "fraction" là phần điểm của chỉ tiêu mà ${what.vi} này cho, từ 0 đến 1 (1 là đủ điểm, 0.5 là nửa số điểm), nên ${value} sẽ cho quá số điểm tối đa; ${points.vi}.`,
            en: `Must be 1 or less: "fraction" is the share of the indicator's points this ${what.en} gives, from 0 to 1 (1 is the full points, 0.5 half of them), so ${value} would give more than the maximum; ${points.en}.`,
          }
        : {
            vi: `Phải nhỏ hơn hoặc bằng 1: "fraction" là phần điểm của chỉ tiêu mà ${what.vi} này cho, từ 0 đến 1 (1 là đủ điểm, 0.5 là nửa số điểm); nếu là ${formatNumber(value, "vi")}% số điểm, hãy ghi ${meant}; ${points.vi}.`,
            en: `Must be 1 or less: "fraction" is the share of the indicator's points this ${what.en} gives, from 0 to 1 (1 is the full points, 0.5 half of them); for ${formatNumber(value, "en")}% of the points, write ${meant}; ${points.en}.`,
          };
    }
    // Below 10 it is hardly a percentage written as points (a minimum coverage of 1.5%?): what the
    // share is, with an example, instead of "write 0.015 for 1.5%".
    if (value < 10) {
      const coverage = field === "minCoverage";
      return {
        vi: `Phải nhỏ hơn hoặc bằng 1: ${q(field)} là ${coverage ? "tỷ lệ tối thiểu các chỉ tiêu có số liệu để đơn vị được xếp hạng, " : "một tỷ lệ "}từ 0 đến 1 (100% là 1; ví dụ 0.8 cho 80%)${coverage ? `; tỷ lệ chỉ tiêu có số liệu không bao giờ vượt quá 1, nên với ${value} sẽ không đơn vị nào được xếp hạng` : ""}.`,
        en: `Must be 1 or less: ${q(field)} is ${coverage ? "the least share of indicators with data a unit needs to be ranked, " : "a share "}from 0 to 1 (100% is 1; e.g. 0.8 for 80%)${coverage ? `; coverage is never above 1, so with ${value} no unit would be ranked` : ""}.`,
      };
    }
    return {
      vi: `Phải nhỏ hơn hoặc bằng 1: ${q(field)} là một tỷ lệ từ 0 đến 1 (100% là 1), nên ${value} ở đây nghĩa là ${formatNumber(value * 100, "vi")}%; hãy ghi ${meant} cho ${formatNumber(value, "vi")}%.`,
      en: `Must be 1 or less: ${q(field)} is a share from 0 to 1 (100% is 1), so ${value} here means ${formatNumber(value * 100, "en")}%; write ${meant} for ${formatNumber(value, "en")}%.`,
    };
  },
  tooLongText: (n: number): Message => ({ vi: `Dài quá ${n} ký tự.`, en: `Longer than ${n} characters.` }),
  numberAtLeast: (n: number, inclusive: boolean): Message =>
    inclusive
      ? { vi: `Phải lớn hơn hoặc bằng ${n}.`, en: `Must be ${n} or more.` }
      : { vi: `Phải lớn hơn ${n}.`, en: `Must be more than ${n}.` },
  numberAtMost: (n: number, inclusive: boolean): Message =>
    inclusive
      ? { vi: `Phải nhỏ hơn hoặc bằng ${n}.`, en: `Must be ${n} or less.` }
      : { vi: `Phải nhỏ hơn ${n}.`, en: `Must be less than ${n}.` },
  unknownField: (key: string, suggestion: string | undefined): Message => ({
    vi: `Trường ${q(key)} không có trong định dạng${suggestion ? `; có phải là ${q(suggestion)}?` : "."}`,
    en: `The field ${q(key)} is not part of the format${suggestion ? `; did you mean ${q(suggestion)}?` : "."}`,
  }),
  /**
   * A field the format has, but elsewhere (`options` on an input, `weight` inside a rule): `here`
   * names what it was written on ("Số liệu đầu vào" / "An input"), `places` where it belongs
   * ("quy tắc \"choice\" (ghi trong \"rule\")" / "in a \"choice\" rule (inside \"rule\")").
   */
  fieldElsewhere: (key: string, here: Message, places: readonly Message[]): Message => ({
    vi: `${here.vi} không có trường ${q(key)}; trường này thuộc về ${places.map((p) => p.vi).join(" hoặc ")}.`,
    en: `${here.en} has no field ${q(key)}; it belongs ${places.map((p) => p.en).join(" or ")}.`,
  }),
  indicatorFieldInGroup: (key: string): Message => ({
    vi: `Một nhóm (có "children") không có ${q(key)}; hãy bỏ ${q(key)} hoặc bỏ "children".`,
    en: `A group (with "children") has no ${q(key)}; remove ${q(key)} or remove "children".`,
  }),
  /** A number beyond a double's range (read as ±Infinity), as written when known; `negative`: below −1.8e308. */
  numberTooLarge: (negative: boolean, written?: string): Message => {
    const it = written !== undefined ? { vi: `Số ${written}`, en: `The number ${written}` } : { vi: "Số này", en: "The number" };
    return negative
      ? {
          vi: `${it.vi} quá lớn về độ lớn: JSON chỉ ghi được số âm đến -1,8 × 10^308; hãy ghi một số gần 0 hơn.`,
          en: `${it.en} is too large in size: JSON numbers go down to about -1.8e308; write a number nearer 0.`,
        }
      : {
          vi: `${it.vi} quá lớn: JSON chỉ ghi được số đến 1,8 × 10^308; hãy ghi một số nhỏ hơn.`,
          en: `${it.en} is too large: JSON numbers go up to about 1.8e308; write a smaller number.`,
        };
  },
  numberTooSmall: (written: string): Message => ({
    vi: `Số ${written} quá nhỏ, sẽ bị đọc thành 0; nếu giá trị là 0, hãy ghi 0; nếu không, hãy ghi một số lớn hơn.`,
    en: `The number ${written} is too small and would be read as 0; write 0 if 0 is meant, or a larger number.`,
  }),
  rootIsIndicator: (code: string): Message => {
    const it = code !== "" ? { vi: `chỉ tiêu ${q(code)}`, en: `indicator ${q(code)}` } : { vi: "chỉ tiêu", en: "the indicator" };
    return {
      vi: `Gốc ("root") phải là một nhóm: hãy đặt ${it.vi} vào trong "root.children" ("root": {"code": …, "name": …, "children": [ … ]}).`,
      en: `The root must be a group: put ${it.en} inside "root.children" ("root": {"code": …, "name": …, "children": [ … ]}).`,
    };
  },
  groupFieldInIndicator: (key: string): Message => ({
    vi: `Trường ${q(key)} chỉ dùng cho nhóm (nút có "children"); một chỉ tiêu (có "rule") không có trường này.`,
    en: `The field ${q(key)} belongs to groups (nodes with "children"); an indicator (with "rule") does not have it.`,
  }),
  mustBe: (value: string | number): Message => ({ vi: `Phải là ${q(value)}.`, en: `Must be ${q(value)}.` }),
  oneOf: (values: readonly (string | number)[], found: unknown): Message => {
    const f = describeValue(found);
    return {
      vi: `Gặp ${f.vi}; chỉ được dùng một trong các giá trị: ${list(values)}.`,
      en: `Found ${f.en}; allowed values are ${list(values)}.`,
    };
  },
  format: (found: unknown): Message => {
    if (found === undefined)
      return {
        vi: `Thiếu trường "format" (phải là "index-definition/1"); tệp này có thể không phải là một bộ chỉ số hoặc thuộc phiên bản khác.`,
        en: `The field "format" is missing (it must be "index-definition/1"); this file may not be an index definition, or may be of another version.`,
      };
    const f = describeValue(found);
    return {
      vi: `Trường "format" phải là "index-definition/1" (gặp ${f.vi}); tệp này có thể không phải là một bộ chỉ số hoặc thuộc phiên bản khác.`,
      en: `The field "format" must be "index-definition/1" (found ${f.en}); this file may not be an index definition, or may be of another version.`,
    };
  },
  unknownRuleKind: (found: unknown, kinds: readonly string[], suggestion: string | undefined): Message => {
    if (found === undefined)
      return {
        vi: `Thiếu trường "kind" của quy tắc chấm điểm; các loại quy tắc: ${list(kinds)}.`,
        en: `The scoring rule has no "kind"; the kinds are ${list(kinds)}.`,
      };
    // A kind is a name in quotes: text is quoted as written, a number said as written ("There is no
    // rule kind 5", not "the number 5"); anything else (true, null, a list) is no name at all.
    if (typeof found === "number" && Number.isFinite(found)) {
      return {
        vi: `Không có loại quy tắc ${found}; loại quy tắc là một tên viết trong dấu ngoặc kép, một trong các loại: ${list(kinds)}.`,
        en: `There is no rule kind ${found}; a rule kind is a name in double quotes, one of ${list(kinds)}.`,
      };
    }
    if (typeof found !== "string") {
      const f = describeValue(found);
      return {
        vi: `"kind" phải là tên một loại quy tắc, viết trong dấu ngoặc kép, nhưng gặp ${f.vi}; các loại quy tắc: ${list(kinds)}.`,
        en: `"kind" must be the name of a rule kind, in double quotes, but it is ${f.en}; the kinds are ${list(kinds)}.`,
      };
    }
    return {
      vi: `Không có loại quy tắc ${JSON.stringify(found)}${suggestion ? ` (có phải là ${q(suggestion)}?)` : ""}; các loại quy tắc: ${list(kinds)}.`,
      en: `There is no rule kind ${JSON.stringify(found)}${suggestion ? ` (did you mean ${q(suggestion)}?)` : ""}; the kinds are ${list(kinds)}.`,
    };
  },
  invalidNode: (found: unknown): Message => {
    const f = describeValue(found);
    return {
      vi: `Mỗi nút phải là một đối tượng: nhóm (có "children") hoặc chỉ tiêu (có "rule"); gặp ${f.vi}.`,
      en: `Each node must be an object: a group (with "children") or an indicator (with "rule"); found ${f.en}.`,
    };
  },
  invalid: (): Message => ({ vi: "Giá trị không hợp lệ.", en: "Invalid value." }),

  // Custom messages of schema.ts
  localizedTextEmpty: (): Message => ({
    vi: `Cần ít nhất một trong hai bản "vi" hoặc "en".`,
    en: `Needs at least one of "vi" or "en".`,
  }),
  fractionXorPoints: (): Message => ({
    vi: `Ghi đúng một trong hai: "fraction" (tỷ lệ 0–1) hoặc "points" (số điểm).`,
    en: `Give exactly one of "fraction" (a share 0–1) or "points".`,
  }),
  atLeastXorAtMost: (): Message => ({
    vi: `Mỗi bậc ghi đúng một trong hai ngưỡng: "atLeast" (từ … trở lên) hoặc "atMost" (từ … trở xuống).`,
    en: `Each step gives exactly one threshold: "atLeast" or "atMost".`,
  }),
  targetPositive: (): Message => ({
    vi: `Với "direction": "higher" (càng cao càng tốt), giá trị mục tiêu (target) phải lớn hơn 0; mục tiêu 0 chỉ dùng với "direction": "lower" (ví dụ số sự cố, 0 là đạt).`,
    en: `With "direction": "higher" the target must be more than 0; a target of 0 is for "direction": "lower" only (a count of incidents, say, where 0 is the goal).`,
  }),
  idPattern: (found: unknown): Message => ({
    vi: `Mã bộ chỉ số ${shown(found).vi} chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ "dti-tinh-2022").`,
    en: `The index id ${shown(found).en} may contain only lower-case letters a–z, digits and hyphens (e.g. "dti-tinh-2022").`,
  }),

  // Checks on the whole definition (checks.ts)
  /** A code used a second time; `first` is what has it already, named as the index names it. */
  duplicateCode: (code: string, first: CodeOwner): Message => {
    const who = codeOwner(first);
    return {
      vi: `Mã ${q(code)} đã được dùng cho ${who.vi} (${first.path}); mỗi mã (của nhóm, chỉ tiêu hay số liệu đầu vào) chỉ được dùng một lần.`,
      en: `The code ${q(code)} is already used by ${who.en} (${first.path}); each code (of a group, an indicator or an input) may be used only once.`,
    };
  },
  /** A code (`category`: a unit category id) that is the name of a property every JavaScript object has. */
  reservedCode: (code: string, what: "code" | "category"): Message => ({
    vi: `Không dùng được ${what === "category" ? "mã loại đơn vị" : "mã"} ${q(code)}: đây là tên có sẵn trong JavaScript (ngôn ngữ lập trình), nên số liệu và điểm ghi theo mã này sẽ bị mất hoặc bị đọc sai. Hãy đặt mã khác.`,
    en: `The ${what === "category" ? "unit category id" : "code"} ${q(code)} cannot be used: it is a name JavaScript (the language of the program) has built in, so figures and points kept under it would be lost or misread. Choose another ${what === "category" ? "id" : "code"}.`,
  }),
  /**
   * A code an expression can name (an input of an indicator scored by an `expr` rule, a child of an
   * `expr` group) that holds a "]": in `[x]y]` the reference ends at the first "]".
   */
  exprCodeBracket: (code: string, owner: string, ofGroup: boolean): Message => {
    const cut = code.slice(0, code.indexOf("]"));
    const rest = code.slice(code.indexOf("]") + 1);
    return {
      vi: `Mã ${q(code)} có dấu "]" nên biểu thức của ${ofGroup ? "nhóm" : "chỉ tiêu"} ${q(owner)} không tham chiếu được mã này: trong biểu thức, tham chiếu kết thúc ở dấu "]" đầu tiên ([${code}] được đọc là [${cut}] rồi đến "${rest}]"). Hãy bỏ dấu "]" khỏi mã.`,
      en: `The code ${q(code)} contains "]", so the expression of the ${ofGroup ? "group" : "indicator"} ${q(owner)} cannot refer to it: in an expression a reference ends at the first "]" ([${code}] reads as [${cut}] followed by "${rest}]"). Remove the "]" from the code.`,
    };
  },
  /** A sum group whose children's max add up to more than a number can hold. */
  maxNotFinite: (): Message => ({
    vi: `Tổng điểm tối đa của các thành phần của nhóm vượt quá số lớn nhất chương trình tính được (khoảng 1,8 × 10^308), nên không tính được điểm của nhóm; hãy dùng điểm tối đa ("max") nhỏ hơn.`,
    en: `The children's max add up to more than the largest number the program can compute with (about 1.8 × 10^308), so the group's points cannot be computed; use smaller max values.`,
  }),
  unknownInput: (code: string, indicator: string, known: string[]): Message => ({
    vi: `Chỉ tiêu ${q(indicator)} không có số liệu đầu vào mã ${q(code)}; các mã có: ${list(known)}.`,
    en: `The indicator ${q(indicator)} has no input ${q(code)}; its inputs are ${list(known)}.`,
  }),
  ruleInputRequired: (kind: string, indicator: string, known: string[]): Message => ({
    vi: `Chỉ tiêu ${q(indicator)} có nhiều số liệu đầu vào (${list(known)}) nên quy tắc "${kind}" phải ghi "input" để chọn số liệu dùng để chấm.`,
    en: `The indicator ${q(indicator)} has several inputs (${list(known)}), so its "${kind}" rule must name the one it scores with "input".`,
  }),
  sumChildWithoutMax: (group: string): Message => ({
    vi: `Nhóm ${q(group)} cộng điểm các thành phần (aggregate "sum") nên nút này cần có "max" (điểm tối đa).`,
    en: `The group ${q(group)} adds up points (aggregate "sum"), so this node needs a "max".`,
  }),
  groupMaxMismatch: (max: number, sum: number): Message => ({
    vi: `Điểm tối đa ${max} khác tổng điểm tối đa của các thành phần (${sum}); sửa lại cho bằng nhau, hoặc ghi "rescale": true nếu muốn quy đổi về thang ${max}.`,
    en: `The max ${max} differs from the sum of the children's max (${sum}); make them equal, or set "rescale": true to rescale to ${max}.`,
  }),
  maxRequired: (what: Message): Message => ({
    vi: `${what.vi} nên chỉ tiêu cần có "max" (điểm tối đa).`,
    en: `${what.en}, so the indicator needs a "max".`,
  }),
  pointsExceedMax: (points: number, max: number): Message => ({
    vi: `Số điểm ${points} vượt quá điểm tối đa ${max} của chỉ tiêu.`,
    en: `${points} points exceed the indicator's max of ${max}.`,
  }),
  /**
   * A step that can never apply because earlier steps catch every value it would match; `bounds`
   * names the input whose `min`, `max` or whole numbers make it so, when they do.
   */
  unreachableStep: (coveredBy: string[], bounds?: StepInputBounds): Message => {
    const one = coveredBy.length === 1;
    if (bounds === undefined) {
      return {
        vi: `Bậc này không bao giờ được áp dụng vì ${one ? `bậc trước (${coveredBy[0]}) đã bao trùm nó` : `các bậc trước (${coveredBy.join(", ")}) đã bao trùm nó`}; các bậc được xét theo thứ tự ghi.`,
        en: `This step can never apply because ${one ? `an earlier step (${coveredBy[0]}) covers it` : `the earlier steps (${coveredBy.join(", ")}) cover it`}; steps are tried in the order written.`,
      };
    }
    const range = acceptedRange(bounds);
    const fix = stepFix(bounds);
    return {
      vi: `Bậc này không bao giờ được áp dụng: số liệu ${q(bounds.code)} chỉ nhận ${range.vi}, và mọi giá trị như vậy mà bậc này khớp đều đã khớp ${one ? `bậc trước (${coveredBy[0]})` : `các bậc trước (${coveredBy.join(", ")})`}; các bậc được xét theo thứ tự ghi. ${fix.vi}`,
      en: `This step can never apply: the input ${q(bounds.code)} accepts only ${range.en}, and every such value this step would match is already matched by ${one ? `an earlier step (${coveredBy[0]})` : `the earlier steps (${coveredBy.join(", ")})`}; steps are tried in the order written. ${fix.en}`,
    };
  },
  /** A step whose threshold no value the input accepts meets. */
  unreachableStepOutsideInput: (step: { atLeast?: number | undefined; atMost?: number | undefined }, bounds: StepInputBounds): Message => {
    const range = acceptedRange(bounds);
    const needs =
      step.atLeast !== undefined
        ? { vi: `giá trị từ ${step.atLeast} trở lên`, en: `values of at least ${step.atLeast}` }
        : { vi: `giá trị từ ${step.atMost} trở xuống`, en: `values of at most ${step.atMost}` };
    const fix = stepFix(bounds);
    return {
      vi: `Bậc này không bao giờ được áp dụng: bậc này chỉ khớp ${needs.vi}, nhưng số liệu ${q(bounds.code)} chỉ nhận ${range.vi}. ${fix.vi}`,
      en: `This step can never apply: it matches only ${needs.en}, but the input ${q(bounds.code)} accepts only ${range.en}. ${fix.en}`,
    };
  },
  /**
   * A text naming a choice option (its value, a name, an alias) that names an earlier option too,
   * ignoring case and diacritics; `first` is that earlier text, quoted with the option it names.
   */
  optionReadsAsNotApplicable: (text: string, at: OptionText["at"]): Message => {
    const what: Message = at === "value" ? { vi: "Lựa chọn", en: "The choice" } : at === "name" ? { vi: "Tên lựa chọn", en: "The choice's name" } : { vi: "Tên gọi khác", en: "The alias" };
    return {
      vi: `${what.vi} ${q(text)} là một câu trả lời "không áp dụng", mà chỉ tiêu này cho phép ("allowNA": true): trên phiếu, ${q(text)} sẽ được chấm theo lựa chọn trong khi "KAD" hay "N/A" lại bỏ chỉ tiêu ra ngoài. Hãy đặt tên khác cho lựa chọn, hoặc bỏ "allowNA" nếu lựa chọn này là cách trả lời không áp dụng.`,
      en: `${what.en} ${q(text)} is a "not applicable" answer, which this indicator allows ("allowNA": true): on a form, ${q(text)} would score as the choice while "KAD" or "N/A" left the indicator out. Name the choice otherwise, or drop "allowNA" if this choice is how a unit answers not applicable.`,
    };
  },
  duplicateOption: (text: string, first: OptionText): Message => {
    const what: Message =
      first.at === "value"
        ? { vi: `lựa chọn ${q(first.text)}`, en: `the choice ${q(first.text)}` }
        : first.at === "name"
          ? { vi: `tên ${q(first.text)} của lựa chọn ${q(first.option)}`, en: `the name ${q(first.text)} of the choice ${q(first.option)}` }
          : { vi: `tên gọi khác ${q(first.text)} của lựa chọn ${q(first.option)}`, en: `the alias ${q(first.text)} of the choice ${q(first.option)}` };
    const same = text.trim().normalize("NFC") === first.text.trim().normalize("NFC");
    return {
      vi: `Lựa chọn ${q(text)} trùng với ${what.vi} (${first.path})${same ? "" : " khi không phân biệt chữ hoa, chữ thường và dấu"}; trên phiếu không phân biệt được hai lựa chọn này.`,
      en: `The choice ${q(text)} is the same as ${what.en} (${first.path})${same ? "" : " when case and diacritics are ignored"}; a form could not tell the two apart.`,
    };
  },
  /** `min` and `max` the same figure to 15 significant digits (0.3 and 0.30000000000000004), or equal. */
  minmaxBoundsEqual: (min: number, max: number): Message =>
    min === max
      ? { vi: `Cận dưới "min" và cận trên "max" phải khác nhau.`, en: `The bounds "min" and "max" must differ.` }
      : {
          vi: `Cận dưới "min" (${min}) và cận trên "max" (${max}) phải khác nhau: tính đến 15 chữ số có nghĩa, như các số liệu được so sánh, chúng là cùng một số, nên mọi đơn vị sẽ được điểm tối đa.`,
          en: `The bounds "min" (${min}) and "max" (${max}) must differ: to 15 significant digits, as figures are compared, they are the same number, so every unit would get full points.`,
        },
  logBoundNotPositive: (): Message => ({
    vi: `Với "transform": "log", cận phải lớn hơn 0 (không lấy logarit được của số ≤ 0).`,
    en: `With "transform": "log" the bound must be more than 0 (there is no logarithm of a number ≤ 0).`,
  }),
  inputMinAboveMax: (min: number, max: number): Message => ({
    vi: `Giá trị nhỏ nhất ${min} lớn hơn giá trị lớn nhất ${max}.`,
    en: `The minimum ${min} is greater than the maximum ${max}.`,
  }),
  exprSyntax: (detail: Message): Message => ({
    vi: `Biểu thức không đọc được: ${endSentence(detail.vi)}`,
    en: `The expression cannot be read: ${endSentence(detail.en)}`,
  }),
  exprUnknownRef: (code: string, known: string[], ofGroup: boolean): Message =>
    ofGroup
      ? {
          vi: `Biểu thức tham chiếu [${code}] nhưng nhóm không có thành phần mã đó; các mã có: ${list(known)}.`,
          en: `The expression refers to [${code}] but the group has no child with that code; its children are ${list(known)}.`,
        }
      : {
          vi: `Biểu thức tham chiếu [${code}] nhưng chỉ tiêu không có số liệu đầu vào mã đó; các mã có: ${list(known)}.`,
          en: `The expression refers to [${code}] but the indicator has no input with that code; its inputs are ${list(known)}.`,
        },
  /** A part of an expression without references that gives no finite number, or a division by such a part that is 0. */
  exprNoResult: (piece: string, failure: EvalFailure): Message => {
    const v = "value" in failure ? printNumber(failure.value) : "";
    const why: Message =
      failure.kind === "division-by-zero"
        ? { vi: "đây là phép chia cho 0", en: "it divides by 0" }
        : failure.kind === "logarithm"
          ? { vi: `không có logarit của ${v} (chỉ số lớn hơn 0 mới có logarit)`, en: `there is no logarithm of ${v} (only numbers above 0 have one)` }
          : failure.kind === "square-root"
            ? { vi: `không có căn bậc hai của số âm ${v}`, en: `there is no square root of the negative number ${v}` }
            : failure.kind === "power"
              ? { vi: `không nâng được số âm ${v} lên lũy thừa không nguyên`, en: `a negative number (${v}) cannot be raised to a power that is not whole` }
              : failure.kind === "zero-power" && failure.exponent === 0
                ? { vi: "lũy thừa 0^0 không xác định", en: "0 to the power 0 is undefined" }
                : failure.kind === "zero-power"
                  ? { vi: `đây là phép chia cho 0 (0 lũy thừa âm ${printNumber(failure.exponent)})`, en: `it divides by 0 (0 to the negative power ${printNumber(failure.exponent)})` }
                  : { vi: "kết quả không phải là một số hữu hạn (quá lớn, hoặc không xác định)", en: "its result is not a finite number (too large, or undefined)" };
    return {
      vi: `Phần ${q(piece)} của biểu thức không bao giờ cho kết quả: ${why.vi}. Mọi đơn vị sẽ không có kết quả (lỗi "invalid-result") khi phần này được tính; hãy sửa lại.`,
      en: `The part ${q(piece)} of the expression never gives a result: ${why.en}. Every unit would get no result ("invalid-result") wherever it is evaluated; correct it.`,
    };
  },
  /**
   * A comparison of a boolean (a comparison, AND, OR, NOT, an IF giving one) with a number, or of
   * an IF that may give either: `piece` is the comparison, `left` and `right` its operands and what
   * they give, `chain` the AND that says a chain of comparisons (`1 < 2 < 3`), `asNumber` the
   * boolean written as a number (`([a] > 0)*1`).
   */
  exprBooleanComparison: (
    piece: string,
    op: string,
    left: { text: string; kind: "number" | "boolean" | "either" },
    right: { text: string; kind: "number" | "boolean" | "either" },
    chain: string | undefined,
    asNumber: string,
  ): Message => {
    const what = (side: { text: string; kind: string }): Message =>
      side.kind === "boolean"
        ? { vi: `một kết quả đúng/sai (${q(side.text)})`, en: `a true/false result (${q(side.text)})` }
        : side.kind === "either"
          ? { vi: `một kết quả có thể là đúng/sai hoặc là số tùy trường hợp (${q(side.text)})`, en: `a result that is true/false or a number depending on the case (${q(side.text)})` }
          : { vi: `một số (${q(side.text)})`, en: `a number (${q(side.text)})` };
    const l = what(left);
    const r = what(right);
    // What Excel makes of it, on the comparison written: an equality or an order.
    const example = op === "=" || op === "<>" ? "TRUE=1" : "TRUE<3";
    return {
      vi: `Phần ${q(piece)} của biểu thức so sánh ${l.vi} với ${r.vi}. Chương trình tính đúng là 1 và sai là 0, nhưng Excel thì không: trong Excel, TRUE và FALSE không bằng số nào và lớn hơn mọi số (${example} là FALSE), nên cùng công thức đó trong Excel sẽ cho kết quả khác. Hãy so sánh số với số, đúng/sai với đúng/sai: ${chain ? `để so sánh liên tiếp, hãy viết ${chain}; ` : ""}để dùng một kết quả đúng/sai như một số (1 hoặc 0), hãy viết ${asNumber}.`,
      en: `The part ${q(piece)} of the expression compares ${l.en} with ${r.en}. The program counts true as 1 and false as 0, but Excel does not: there TRUE and FALSE equal no number and rank above every number (${example} is FALSE), so the same formula in Excel would give another result. Compare numbers with numbers, true/false with true/false: ${chain ? `for a chain of comparisons, write ${chain}; ` : ""}to use a true/false result as a number (1 or 0), write ${asNumber}.`,
    };
  },
  exprRequired: (): Message => ({
    vi: `Nhóm có "aggregate": "expr" phải có "expr" (biểu thức tính giá trị nhóm).`,
    en: `A group with "aggregate": "expr" needs an "expr".`,
  }),
  exprNotAllowed: (aggregate: string): Message => ({
    vi: `"expr" chỉ dùng khi "aggregate" là "expr" (ở đây là "${aggregate}").`,
    en: `"expr" is used only with "aggregate": "expr" (here it is "${aggregate}").`,
  }),
  weightNotPositive: (w: number): Message => ({
    vi: `Trọng số phải lớn hơn 0 (đang là ${w}).`,
    en: `The weight must be more than 0 (it is ${w}).`,
  }),
  duplicateCategory: (id: string, firstPath: string): Message => ({
    vi: `Mã loại đơn vị ${q(id)} đã được dùng ở ${firstPath}; mỗi loại đơn vị cần một mã riêng.`,
    en: `The unit category id ${q(id)} is already used at ${firstPath}; each unit category needs its own id.`,
  }),
  categoryLikeAnother: (id: string, other: string, firstPath: string): Message => ({
    vi: `Mã loại đơn vị ${q(id)} chỉ khác ${q(other)} (ở ${firstPath}) ở chữ hoa, chữ thường hoặc dấu; ô loại đơn vị ("Nhóm") trên phiếu không phân biệt được hai loại này, hãy đặt mã khác hẳn.`,
    en: `The unit category id ${q(id)} differs from ${q(other)} (at ${firstPath}) only in case or diacritics; the unit category cell ("Category") of a form cannot tell them apart, so give it a clearly different id.`,
  }),
  unknownCategory: (id: string, known: string[]): Message => ({
    vi: `Không có loại đơn vị ${q(id)} trong "categories"; các loại đơn vị có: ${list(known)}.`,
    en: `There is no unit category ${q(id)} in "categories"; the unit categories are ${list(known)}.`,
  }),
  appliesToWithoutCategories: (): Message => ({
    vi: `"appliesTo" dùng mã loại đơn vị nhưng bộ chỉ số chưa khai báo "categories" (các loại đơn vị).`,
    en: `"appliesTo" names unit categories but the definition has no "categories".`,
  }),
  appliesToEmpty: (kind: "group" | "indicator"): Message => ({
    vi: `"appliesTo" là danh sách rỗng nên ${kind === "group" ? "nhóm" : "chỉ tiêu"} này không áp dụng cho đơn vị nào và không bao giờ được chấm; hãy ghi ít nhất một mã loại đơn vị, hoặc bỏ "appliesTo" để áp dụng cho mọi đơn vị.`,
    en: `"appliesTo" is an empty list, so this ${kind} applies to no unit and is never scored; name at least one unit category, or leave "appliesTo" out for it to apply to every unit.`,
  }),
  /** A group whose "children" is an empty list. */
  childrenEmpty: (): Message => ({
    vi: `"children" là danh sách rỗng: nhóm cần có ít nhất một thành phần (một chỉ tiêu, có "rule", hoặc một nhóm con, có "children"); hãy thêm thành phần, hoặc bỏ nhóm này.`,
    en: `"children" is an empty list: a group needs at least one child (an indicator, with a "rule", or a group, with "children"); add one, or remove the group.`,
  }),
  /** An indicator whose "inputs" is an empty list. */
  inputsEmpty: (): Message => ({
    vi: `"inputs" là danh sách rỗng; hãy ghi ít nhất một số liệu, hoặc bỏ "inputs" để chỉ tiêu có một số liệu mang mã của chính nó.`,
    en: `"inputs" is an empty list; list at least one input, or leave "inputs" out for the indicator to have one input with its own code.`,
  }),
  /** A "steps" or "options" rule whose list is empty. */
  ruleListEmpty: (field: "steps" | "options"): Message =>
    field === "steps"
      ? {
          vi: `"steps" là danh sách rỗng: quy tắc "steps" cần ít nhất một bậc (ví dụ { "atLeast": 50, "fraction": 1 }).`,
          en: `"steps" is an empty list: a "steps" rule needs at least one step (e.g. { "atLeast": 50, "fraction": 1 }).`,
        }
      : {
          vi: `"options" là danh sách rỗng: quy tắc "choice" cần ít nhất một lựa chọn (ví dụ { "value": "Có", "fraction": 1 }).`,
          en: `"options" is an empty list: a "choice" rule needs at least one option (e.g. { "value": "Yes", "fraction": 1 }).`,
        },
  categoriesEmpty: (): Message => ({
    vi: `"categories" là danh sách rỗng: bộ chỉ số không có loại đơn vị nào, nên loại đơn vị ghi ở ô "Nhóm" của mọi đơn vị đều bị báo là không có trong bộ chỉ số; hãy liệt kê các loại đơn vị, hoặc bỏ "categories" nếu không chia đơn vị theo loại.`,
    en: `"categories" is an empty list: the index has no unit category, so every unit's category (the "Category" cell) would be reported as not in the index; list the unit categories, or leave "categories" out when units are not divided into categories.`,
  }),
  appliesToOutsideGroup: (kind: "group" | "indicator", own: string[], group: string, groupIds: string[]): Message => ({
    vi: `${kind === "group" ? "Nhóm" : "Chỉ tiêu"} này áp dụng cho loại đơn vị ${list(own)}, nhưng nằm trong nhóm ${q(group)} chỉ áp dụng cho ${list(groupIds)}, nên không đơn vị nào được chấm ${kind === "group" ? "nhóm" : "chỉ tiêu"} này; hãy ghi trong "appliesTo" loại đơn vị thuộc phạm vi của nhóm ${q(group)}, hoặc bỏ "appliesTo".`,
    en: `This ${kind} applies to the unit categories ${list(own)}, but it is in the group ${q(group)}, which applies only to ${list(groupIds)}, so no unit is ever scored on it; name in "appliesTo" unit categories the group ${q(group)} applies to, or remove "appliesTo".`,
  }),
  rankingPointsWithoutMax: (): Message => ({
    vi: `Xếp hạng theo điểm ("on": "points") cần nút gốc có điểm tối đa; hãy ghi "max" cho nút gốc hoặc xếp hạng theo giá trị ("on": "value").`,
    en: `Ranking on points ("on": "points") needs the root to have a max; give the root a "max" or rank on values ("on": "value").`,
  }),
  rankingExcludeCase: (entry: string, id: string): Message => ({
    vi: `${q(entry)} chỉ trùng với mã loại đơn vị ${q(id)} khi bỏ qua chữ hoa, chữ thường và dấu, nên không loại đơn vị nào bị bỏ khỏi xếp hạng (mã loại đơn vị được so đúng từng ký tự): hãy ghi ${q(id)}.`,
    en: `${q(entry)} matches the unit category id ${q(id)} only when case and diacritics are ignored, so it excludes no unit category from ranking (unit category ids are compared exactly): write ${q(id)}.`,
  }),
  rescaleNotSum: (aggregate: string): Message => ({
    vi: `"rescale" chỉ dùng cho nhóm cộng điểm ("aggregate": "sum"), để quy đổi tổng điểm các thành phần về "max" của nhóm; nhóm này dùng "aggregate": "${aggregate}" nên "rescale" không có tác dụng. Hãy bỏ "rescale".`,
    en: `"rescale" is for groups that add up points ("aggregate": "sum"), to bring the children's total to the group's "max"; this group uses "aggregate": "${aggregate}", where "rescale" does nothing. Remove "rescale".`,
  }),
  rescaleWithoutMax: (): Message => ({
    vi: `"rescale": true quy đổi tổng điểm các thành phần về "max" của nhóm, nhưng nhóm này không có "max" (điểm tối đa của nhóm là tổng "max" của các thành phần) nên "rescale" không có tác dụng. Hãy ghi "max" cho nhóm (ví dụ "max": 100) để quy đổi về thang đó, hoặc bỏ "rescale".`,
    en: `"rescale": true brings the children's total to the group's "max", but this group has no "max" (its max is the sum of its children's), so "rescale" does nothing. Give the group a "max" (e.g. "max": 100) to rescale to it, or remove "rescale".`,
  }),
  rootWeightIgnored: (): Message => ({
    vi: `Gốc ("root") là cả bộ chỉ số, không nằm trong nhóm nào, nên trọng số ("weight") của nó không có tác dụng. Hãy bỏ "weight".`,
    en: `The root is the whole index and belongs to no group, so its "weight" would be ignored. Remove "weight".`,
  }),
  weightIgnored: (group: string, aggregate: string): Message => ({
    vi: `Trọng số ("weight") chỉ dùng khi nhóm lấy trung bình có trọng số ("aggregate": "mean" hoặc "geomean"); nhóm ${q(group)} dùng "aggregate": "${aggregate}"${aggregate === "sum" ? `, cộng điểm theo "max" của từng thành phần,` : ""} nên trọng số này bị bỏ qua. Hãy bỏ "weight"${aggregate === "sum" ? `, hoặc đổi "max" để thay đổi tỷ trọng` : ""}.`,
    en: `A "weight" counts only under a weighted mean ("aggregate": "mean" or "geomean"); the group ${q(group)} uses "aggregate": "${aggregate}"${aggregate === "sum" ? `, which adds up points by each child's "max",` : ""} so this weight would be ignored. Remove "weight"${aggregate === "sum" ? `, or change "max" to change the child's share` : ""}.`,
  }),
  inputTypeMismatch: (input: string, type: string, kind: string, allowed: readonly string[]): Message => ({
    vi: `Số liệu ${q(input)} có kiểu "type": ${q(type)}, nhưng quy tắc "${kind}" đọc số liệu này cần kiểu ${allowed.map(q).join(" hoặc ")}; hãy sửa "type" hoặc bỏ "type" để dùng kiểu theo quy tắc.`,
    en: `The input ${q(input)} has "type": ${q(type)}, but the "${kind}" rule that reads it needs ${allowed.map(q).join(" or ")}; correct "type", or leave it out to take the rule's type.`,
  }),
  acrossCategoryWithoutCategories: (): Message => ({
    vi: `"across": "category" so sánh các đơn vị cùng loại đơn vị, nhưng bộ chỉ số chưa khai báo "categories" (các loại đơn vị); hãy khai báo "categories" hoặc dùng "across": "all".`,
    en: `"across": "category" compares units within their unit category, but the definition has no "categories"; add "categories" or use "across": "all".`,
  }),
  /**
   * A threshold or bound written in percentage points (80 for 80%) on a value that is a fraction
   * (a percent input, stored as 0…1, or the input of a `fraction` rule). `field` is the field as
   * written ("atLeast", "target", "min"…); `aboveOne` says whether the input could be allowed
   * values above 100% by giving it a max above 1 (a percent input read by a threshold rule).
   */
  percentScale: (input: string, field: string, value: number, why: "percent" | "fraction", aboveOne: boolean): Message => {
    const meant = Number((value / 100).toPrecision(12));
    const vi = {
      what:
        why === "percent"
          ? `Số liệu ${q(input)} là tỷ lệ phần trăm, được lưu dưới dạng số từ 0 đến 1 (85% là 0.85)`
          : `Quy tắc "fraction" đọc số liệu ${q(input)} là một tỷ lệ từ 0 đến 1 (85% là 0.85)`,
      hint: aboveOne ? ` Nếu số liệu này thật sự có thể vượt 100%, hãy ghi cho nó "max" lớn hơn 1 (ví dụ 2 cho 200%).` : "",
    };
    const en = {
      what:
        why === "percent"
          ? `The input ${q(input)} is a percentage, stored as a fraction from 0 to 1 (85% is 0.85)`
          : `The "fraction" rule reads the input ${q(input)} as a share from 0 to 1 (85% is 0.85)`,
      hint: aboveOne ? ` If this input may really exceed 100%, give it a "max" above 1 (e.g. 2 for 200%).` : "",
    };
    return {
      vi: `${vi.what}, nên ${q(field)}: ${value} ở đây nghĩa là ${formatNumber(value * 100, "vi")}%; hãy ghi ${meant} cho ${formatNumber(value, "vi")}%.${vi.hint}`,
      en: `${en.what}, so ${q(field)}: ${value} here means ${formatNumber(value * 100, "en")}%; write ${meant} for ${formatNumber(value, "en")}%.${en.hint}`,
    };
  },
  /**
   * A `fraction` rule reading a number (or integer) input whose `max` is above 1: every figure the
   * input allows above 1 would be out of the rule's range 0–1 (`fraction-rule-scale`, at the rule).
   */
  fractionRuleScale: (input: string, max: number): Message => ({
    vi: `Quy tắc "fraction" đọc số liệu ${q(input)} là một tỷ lệ từ 0 đến 1, nhưng số liệu này khai báo "max": ${max}, nên mọi số lớn hơn 1 sẽ bị báo là ngoài khoảng 0–1. Nếu đây là tỷ lệ phần trăm, hãy ghi cho số liệu "type": "percent" (85% là 0.85) và bỏ "max"; nếu là một số trên một tổng, hãy dùng quy tắc "ratio" (tử số, mẫu số) hoặc "target".`,
    en: `The "fraction" rule reads the input ${q(input)} as a share from 0 to 1, but the input declares "max": ${max}, so every figure above 1 would be reported out of the range 0–1. If it is a percentage, give the input "type": "percent" (85% is 0.85) and drop its "max"; if it is an amount out of a total, use a "ratio" rule (numerator, denominator) or "target".`,
  }),
  /** The same key twice in one JSON object: JSON.parse would silently keep the last. */
  duplicateKey: (key: string, at: { line: number; column: number }, first: { line: number; column: number }): Message => ({
    vi: `Trường ${JSON.stringify(key)} được ghi hai lần trong cùng một đối tượng (dòng ${first.line} cột ${first.column} và dòng ${at.line} cột ${at.column}); chỉ một lần ghi được dùng, lần kia bị bỏ qua mà không báo. Hãy xóa một trong hai.`,
    en: `The field ${JSON.stringify(key)} is written twice in the same object (line ${first.line}, column ${first.column} and line ${at.line}, column ${at.column}); only one of them would be used and the other silently ignored. Remove one of them.`,
  }),
  /** A definition file whose bytes were not UTF-8, read as Windows-1258 (a notice, not a problem). */
  /** A file chosen as a definition that is no text at all: a workbook, or another binary file (an image). */
  definitionNotText: (file: string, what: "workbook" | "binary"): Message =>
    what === "workbook"
      ? {
          vi: `Tệp ${file} là sổ làm việc Excel, không phải tệp định nghĩa bộ chỉ số (.json).`,
          en: `The file ${file} is an Excel workbook, not an index definition file (.json).`,
        }
      : {
          vi: `Tệp ${file} không phải tệp văn bản (có thể là ảnh hay tài liệu) nên không phải tệp định nghĩa bộ chỉ số (.json).`,
          en: `The file ${file} is not a text file (it may be an image or a document), so it is not an index definition file (.json).`,
        },
  definitionNotUtf8: (file: string, encoding: "windows-1258" | "windows-1252" = "windows-1258"): Message =>
    encoding === "windows-1252"
      ? {
          vi: `Tệp ${file} không phải UTF-8 và không có dấu tiếng Việt nên đã đọc theo bảng mã Tây Âu Windows-1252. Hãy kiểm tra các chữ có dấu của tên chỉ tiêu, hoặc lưu lại tệp dưới dạng UTF-8.`,
          en: `The file ${file} is not UTF-8 and holds no Vietnamese tone marks, so it was read as Western European Windows-1252. Check the accented letters of the names, or save the file again as UTF-8.`,
        }
      : {
          vi: `Tệp ${file} không phải UTF-8; đã đọc theo bảng mã tiếng Việt Windows-1258. Hãy kiểm tra dấu tiếng Việt của tên chỉ tiêu, hoặc lưu lại tệp dưới dạng UTF-8.`,
          en: `The file ${file} is not UTF-8; it was read as Vietnamese Windows-1258. Check the Vietnamese diacritics of the names, or save the file again as UTF-8.`,
        },
  rankingCategoryWithoutCategories: (): Message => ({
    vi: `Xếp hạng riêng theo từng loại đơn vị ("within": "category") cần khai báo "categories" (các loại đơn vị).`,
    en: `Ranking within unit categories ("within": "category") needs "categories".`,
  }),
};

/** What has a code (duplicateCode): its kind, its name as written when it has one, and where. */
export interface CodeOwner {
  path: string;
  kind: "group" | "indicator" | "input";
  /** The name in each language (trimmed, NFC), when the node or input has one that can be read. */
  name?: Message;
  /** For an input: its indicator's name, when that can be read. */
  indicator?: Message;
}

/** "chỉ tiêu "Nhận thức số"" / "the indicator "Nhận thức số""; "một chỉ tiêu" / "an indicator" without a name. */
function codeOwner(o: CodeOwner): Message {
  const named = (kind: Message, name: Message | undefined, a: Message): Message =>
    name ? { vi: `${kind.vi} ${q(name.vi)}`, en: `the ${kind.en} ${q(name.en)}` } : { vi: `${a.vi} ${kind.vi}`, en: `${a.en} ${kind.en}` };
  if (o.kind === "group") return named({ vi: "nhóm", en: "group" }, o.name, { vi: "một", en: "a" });
  if (o.kind === "indicator") return named({ vi: "chỉ tiêu", en: "indicator" }, o.name, { vi: "một", en: "an" });
  // "một số liệu" would read as "some figures": an input without a name is "một số liệu đầu vào".
  const input: Message = o.name ? { vi: `số liệu ${q(o.name.vi)}`, en: `the input ${q(o.name.en)}` } : { vi: "một số liệu đầu vào", en: "an input" };
  if (!o.indicator) return input;
  return { vi: `${input.vi} của chỉ tiêu ${q(o.indicator.vi)}`, en: `${input.en} of the indicator ${q(o.indicator.en)}` };
}

/** A text that names a choice option (duplicateOption): the text, where it is, and the option's value. */
export interface OptionText {
  text: string;
  path: string;
  at: "value" | "name" | "alias";
  /** The value of the option the text names. */
  option: string;
}

/** What a steps rule's input accepts: its code, bounds and whether it takes whole numbers only. */
export interface StepInputBounds {
  code: string;
  min?: number;
  max?: number;
  integer: boolean;
}

/** "whole numbers from 0 to 10", "values of at least 0"… */
function acceptedRange(b: StepInputBounds): Message {
  const what = b.integer ? { vi: "số nguyên", en: "whole numbers" } : { vi: "giá trị", en: "values" };
  if (b.min !== undefined && b.max !== undefined) return { vi: `${what.vi} từ ${b.min} đến ${b.max}`, en: `${what.en} from ${b.min} to ${b.max}` };
  if (b.min !== undefined) return { vi: `${what.vi} từ ${b.min} trở lên`, en: `${what.en} of at least ${b.min}` };
  if (b.max !== undefined) return { vi: `${what.vi} từ ${b.max} trở xuống`, en: `${what.en} of at most ${b.max}` };
  return what;
}

/** "Correct the step's threshold, or the input's "min" or "type"": the fields of the input that narrow what it accepts. */
function stepFix(b: StepInputBounds): Message {
  const fields = [...(b.min !== undefined ? ["min"] : []), ...(b.max !== undefined ? ["max"] : []), ...(b.integer ? ["type"] : [])].map(q);
  return {
    vi: `Hãy sửa ngưỡng của bậc, hoặc ${fields.join(" hoặc ")} của số liệu.`,
    en: `Correct the step's threshold, or the input's ${fields.join(" or ")}.`,
  };
}

/** Rule wording for "the rule … needs max". */
export const needsMaxReason = {
  points: { vi: `Quy tắc "points" đọc số điểm tự chấm`, en: `A "points" rule reads points` },
  count: { vi: `Quy tắc "count" tính điểm theo số lượng`, en: `A "count" rule scores points per item` },
  optionPoints: { vi: `Lựa chọn này cho điểm bằng "points"`, en: `This option gives "points"` },
  stepPoints: { vi: `Bậc này cho điểm bằng "points"`, en: `This step gives "points"` },
} satisfies Record<string, Message>;

/** Closest known name to a misspelt one, when it is a near miss. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  // One edit for short names; two from 5 characters ("ratoi" → "ratio"); three for long ones.
  const length = Math.max(word.length, best.length);
  const limit = Math.max(Math.min(word.length, best.length) >= 5 ? 2 : 1, Math.min(3, Math.floor(length / 3)));
  return bestDistance <= limit ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
