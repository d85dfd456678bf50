/**
 * Layout A: one sheet per unit ("phiếu tự đánh giá"). A header block of label/value pairs in
 * columns A/B, then a table found by its column names wherever it sits in the sheet.
 */
import type { IndexModel, ResolvedInput } from "../definition/model";
import { parseRange, topLeft } from "../a1";
import { definitionHash } from "../definition/parse";
import type { IndexDefinition } from "../definition/schema";
import { type Lang, type LegacyEncoding, foldText, legacyReading, localize, normalizeText } from "../i18n/text";
import { NOT_APPLICABLE_ANSWERS } from "../definition/options";
import { namesIndex } from "../index-text";
import { type CellValue, type Issue, type IssueCode, type Severity, type SheetSnapshot, isCellError } from "../types";
import { type MessageParams, hostDate, makeIssue } from "./messages";
import type { LocatedCell, RawUnit } from "./raw";
import { CodeMatcher, address, cellAt, cellText, foldLabel, formulaWithoutResult, isBlank, isRowCodeText, keyText, legacyRows, looksLikeCode } from "./sheet";
import { type UnitField, unitFieldOf } from "./unit-fields";
import { isExcelErrorText } from "./values";

/** Column names of the table, folded (case and diacritics ignored). */
export const TABLE_COLUMNS = {
  code: ["ma", "code", "ma so", "ma chi tieu"],
  item: ["noi dung", "item", "chi tieu", "ten chi tieu"],
  max: ["diem toi da", "max points", "max"],
  value: ["so lieu", "value"],
  appraised: ["so lieu tham dinh", "appraised value"],
  self: ["tu cham", "self score", "diem tu cham"],
  evidence: ["minh chung", "evidence"],
  note: ["ghi chu", "note"],
  score: ["diem", "score"],
} as const;
type ColumnKey = keyof typeof TABLE_COLUMNS;

/**
 * The table columns `readLayoutA` reads below the header row; the others (Ghi chú, Điểm) only help
 * find the header. A host that reads sheets piecemeal loads just these: on a form of another
 * version, `Nội dung` and `Điểm tối đa` are then not there to compare with the version in use
 * (versionChanges compares what it has; a cell shown as a percentage is known all the same), so
 * that every form is not read wider, in more Excel requests, for a form of another version.
 */
export const COLUMNS_READ_BELOW_HEADER = ["code", "value", "appraised", "self", "evidence"] as const satisfies readonly ColumnKey[];

/** Labels of the header block, folded: the unit's fields (UNIT_LABELS, shared with layout B, the units list and Collect). */
type BlockKey = UnitField;

function keyOf<K extends string>(table: Record<K, readonly string[]>, folded: string): K | undefined {
  for (const key of Object.keys(table) as K[]) if (table[key].includes(folded)) return key;
  return undefined;
}

/** Other names forms give a column, folded ("Thẩm định" for `Số liệu thẩm định`). */
const COLUMN_ALIASES: Partial<Record<ColumnKey, readonly string[]>> = {
  appraised: ["tham dinh", "so lieu sau tham dinh", "so lieu hoi dong", "appraised", "appraisal"],
  self: ["tu danh gia", "diem tu danh gia", "self assessment"],
  evidence: ["tai lieu minh chung"],
};

/**
 * The names a header cell may start with to name a column (a name of TABLE_COLUMNS, longest
 * first, so that "Số liệu thẩm định của Hội đồng" is `Số liệu thẩm định`): never `Mã` and
 * `Số liệu`, which find the table's header row (a table of units has a "Mã đơn vị" column), nor
 * `Điểm`, which the project writes ("Điểm HĐ chấm" is the user's own column). Aliases
 * (COLUMN_ALIASES) only name a column whole: "Thẩm định viên" is no `Thẩm định`.
 */
const PREFIXES = (["item", "max", "appraised", "self", "evidence", "note"] as const)
  .flatMap((key) => TABLE_COLUMNS[key].map((name) => ({ name, key })))
  .sort((a, b) => b.name.length - a.name.length);

/** What may follow a column's name in a header naming it: "(…)", ": …", "- …", "của …", "by …". */
const QUALIFIER = /^\s*(?:\(|[:\-–]|(?:cua|by|of|do)(?!\p{L}))/u;
/**
 * What shows that a header starting with a column's name holds something else: another year's
 * ("2023", "năm trước", "cũ"), an addition ("bổ sung"), people ("viên") or comments.
 */
const NOT_THIS_COLUMN = /(?:^|[^\p{L}\d])(?:\d{4}|nam truoc|ky truoc|cu|previous|prior|last year|bo sung|vien|notes?|ghi chu|y kien|nhan xet|comments?|remarks?)(?![\p{L}\d])/u;

/**
 * The column a header cell names by one of its aliases (whole), else by starting with one of its
 * names followed by a qualifier ("Minh chứng (số, ngày văn bản)"), with the name.
 */
function prefixKeyOf(folded: string): { key: ColumnKey; name: string } | undefined {
  const alias = keyOf(COLUMN_ALIASES as Record<ColumnKey, readonly string[]>, folded);
  if (alias !== undefined) return { key: alias, name: folded };
  return PREFIXES.find(({ name }) => {
    if (!folded.startsWith(name)) return false;
    const rest = folded.slice(name.length);
    return QUALIFIER.test(rest) && !NOT_THIS_COLUMN.test(rest);
  });
}

/** The folded column names of TABLE_COLUMNS and COLUMN_ALIASES that are English (the others are Vietnamese). */
const ENGLISH_COLUMNS = new Set(["code", "item", "max points", "max", "value", "appraised value", "self score", "evidence", "note", "score", "appraised", "appraisal", "self assessment"]);

/** One non-blank cell of a header row, with the column it names (exactly, else by a name it starts with). */
interface HeaderCell {
  c: number;
  text: string;
  folded: string;
  key?: ColumnKey;
  /** Its column's name is an English one. */
  english: boolean;
}

/**
 * The columns a row names: each cell that is a column's name, then, for a column no cell names
 * exactly, the one other cell that names it by an alias or a start (prefixKeyOf); the first exact
 * cell of a column wins. Two or more such cells for one column name none of them: they are
 * `ambiguous`, said by unrecognisedColumns. `prefixes` false: exact names only, and no cells
 * (enough to tell that a row is no header).
 */
function headerRowOf(
  row: readonly CellValue[],
  prefixes = true,
): { cells: HeaderCell[]; cols: Partial<Record<ColumnKey, number>>; ambiguous: Partial<Record<ColumnKey, HeaderCell[]>>; lastColumn: number } {
  const cells: HeaderCell[] = [];
  const cols: Partial<Record<ColumnKey, number>> = {};
  let lastColumn = -1;
  row.forEach((v, c) => {
    if (isBlank(v)) return;
    lastColumn = c;
    // Only a text can be a column's name: a row of figures is passed by without folding each one.
    if (!prefixes && typeof v !== "string") return;
    const folded = foldLabel(v);
    const key = keyOf(TABLE_COLUMNS, folded);
    if (prefixes) cells.push({ c, text: cellText(v), folded, ...(key !== undefined ? { key } : {}), english: key !== undefined && ENGLISH_COLUMNS.has(folded) });
    if (key !== undefined && cols[key] === undefined) cols[key] = c;
  });
  const loose: Partial<Record<ColumnKey, HeaderCell[]>> = {};
  if (prefixes) {
    for (const cell of cells) {
      if (cell.key !== undefined) continue;
      const found = prefixKeyOf(cell.folded);
      if (!found) continue;
      cell.key = found.key;
      cell.english = ENGLISH_COLUMNS.has(found.name);
      if (cols[found.key] === undefined) (loose[found.key] ??= []).push(cell);
    }
  }
  const ambiguous: Partial<Record<ColumnKey, HeaderCell[]>> = {};
  for (const [key, found] of Object.entries(loose) as [ColumnKey, HeaderCell[]][]) {
    if (found.length === 1) cols[key] = found[0]!.c;
    else ambiguous[key] = found;
  }
  return { cells, cols, ambiguous, lastColumn };
}

/** The language most of a header row's recognised column names are in. */
function headerLangOf(cells: HeaderCell[]): "vi" | "en" {
  const known = cells.filter((c) => c.key !== undefined);
  return known.filter((c) => c.english).length * 2 > known.length ? "en" : "vi";
}

/**
 * Words that show a header cell the reader does not recognise is meant for one of the columns
 * below (read only when named so): a warning says what to name it. A column of points ("Điểm
 * thẩm định") is not taken for the appraised figures: the reader reads no points; nor are
 * comments ("Ghi chú thẩm định", "Appraisal notes") or people ("Thẩm định viên").
 */
const COLUMN_HINTS: { key: "appraised" | "evidence" | "self"; words: string[]; not?: RegExp }[] = [
  {
    key: "appraised",
    words: ["tham dinh", "appraised", "appraisal"],
    not: /^(diem|score|points?)(?!\p{L})|(^|[^\p{L}])(ghi chu|y kien|nhan xet|notes?|comments?|remarks?|vien)(?!\p{L})/u,
  },
  { key: "evidence", words: ["minh chung", "evidence"] },
  { key: "self", words: ["tu cham", "tu danh gia", "self"] },
];

function hintOf(folded: string): "appraised" | "evidence" | "self" | undefined {
  const has = (w: string) => new RegExp(`(^|[^\\p{L}])${w}($|[^\\p{L}])`, "u").test(folded);
  return COLUMN_HINTS.find((h) => h.words.some(has) && !h.not?.test(folded))?.key;
}

export interface TableHeader {
  /** 0-based row of the header. */
  row: number;
  /** 0-based column of each named column found. */
  cols: Partial<Record<ColumnKey, number>>;
  /** 0-based last column of the table's header: of the header row, or of a merged header's last sub-column. */
  lastColumn: number;
  /**
   * 0-based row of the sub-headers under a header merged over several columns (`Số liệu` over
   * `Đơn vị báo cáo` | `Thẩm định`), when the header has two rows: the table's rows start below it.
   */
  subRow?: number;
  /**
   * Columns under a merged `Số liệu`/`Số liệu thẩm định` whose sub-header names no column the
   * reader knows: not read, and said when they hold figures. `text` is the sub-header.
   */
  unnamedSubColumns?: { c: number; text: string }[];
}

/**
 * Sub-headers that name a merged header's own column, the unit's figures beside the council's
 * (`Số liệu` over `Đơn vị báo cáo` | `Thẩm định`), folded.
 */
const OWN_SUBHEADERS = new Set([
  "don vi",
  "don vi bao cao",
  "don vi tu bao cao",
  "don vi cung cap",
  "tu bao cao",
  "bao cao",
  "so lieu don vi",
  "so lieu bao cao",
  "so lieu cua don vi",
  "unit",
  "reported",
  "reported value",
  "self-reported",
  "self reported",
  "unit reported",
  "reported by the unit",
]);

/** The columns a sub-header under `Số liệu`/`Số liệu thẩm định` may name. */
const SUB_COLUMNS = new Set<ColumnKey>(["value", "appraised", "self", "evidence", "note"]);

/**
 * The second row of a header of two rows: a header cell merged over several columns (`Số liệu`
 * over D5:E5), or followed by blank header cells, with sub-headers in the row below (D6 `Đơn vị
 * báo cáo`, E6 `Thẩm định`), the `Mã` cell blank there (merged down) or repeating its name. A
 * sub-header naming a column (`Thẩm định`, `Số liệu thẩm định`, `Appraised`: by the names, aliases and
 * starts headerRowOf takes) makes its column that one, unless the header row has it already; one
 * of OWN_SUBHEADERS (`Đơn vị báo cáo`, `Reported`) or naming the merged header itself is the merged
 * header's own. Without one, the merged header keeps its first column, or, when another column
 * takes that, the first sub-column whose sub-header names none. Under any other header than the
 * figures' (`Điểm`, `Minh chứng`…), sub-headers name only the header's own column. Any other
 * sub-column is not read (`unnamedSubColumns` under the figures' headers, when its sub-header
 * names no column). Without a merge read (a host that does not read merges), a header
 * cell whose right neighbours are blank spans them while the row below holds text under each.
 */
function subHeaderOf(
  sheet: SheetSnapshot,
  r: number,
  header: { cells: HeaderCell[]; cols: Partial<Record<ColumnKey, number>>; lastColumn: number },
): { cols: Partial<Record<ColumnKey, number>>; lastColumn: number; unnamed: { c: number; text: string }[] } | undefined {
  const row = sheet.values[r] ?? [];
  const next = sheet.values[r + 1] ?? [];
  const codeCol = header.cols.code as number;
  const codeBelow = next[codeCol] ?? null;
  if (!isBlank(codeBelow) && keyOf(TABLE_COLUMNS, foldLabel(codeBelow)) !== "code") return undefined;
  const merges = mergedRanges(sheet);
  const text = (c: number): string | undefined => {
    const v = next[c] ?? null;
    return typeof v === "string" && !isBlank(v) ? v : undefined;
  };
  // Each named header cell read as its column (the first of its name) and the columns it spans.
  const spans: { key: ColumnKey; left: number; right: number }[] = [];
  for (const cell of header.cells) {
    if (cell.key === undefined || header.cols[cell.key] !== cell.c) continue;
    const merge = merges.find((m) => m.top === r && m.bottom === r && m.left === cell.c && m.right > m.left);
    let right = cell.c;
    if (merge) right = merge.right;
    else if (text(cell.c) !== undefined) while (isBlank(row[right + 1] ?? null) && text(right + 1) !== undefined) right++;
    if (right > cell.c) spans.push({ key: cell.key, left: cell.c, right });
  }
  if (spans.length === 0) return undefined;
  // Sub-headers are text: a number under a spanning header is a figure, the row no header.
  for (const { left, right } of spans) for (let c = left; c <= right; c++) if (!isBlank(next[c] ?? null) && text(c) === undefined) return undefined;

  const cols = { ...header.cols };
  const unnamed: { c: number; text: string }[] = [];
  let lastColumn = header.lastColumn;
  for (const { key, left, right } of spans) {
    lastColumn = Math.max(lastColumn, right);
    let own: number | undefined;
    const taken = new Map<number, ColumnKey>();
    /** Sub-columns whose sub-header names no column (a column named twice is the first one's). */
    const unknown: number[] = [];
    // Under the figures' headers, a sub-header may name another of the form's columns; under any
    // other (points, evidence…) only the header's own: "Thẩm định" under "Điểm" is the council's
    // points, not its figures.
    const figures = key === "value" || key === "appraised";
    for (let c = left; c <= right; c++) {
      const t = text(c);
      if (t === undefined) continue;
      const folded = foldLabel(t);
      const names = keyOf(TABLE_COLUMNS, folded) ?? prefixKeyOf(folded)?.key;
      if (OWN_SUBHEADERS.has(folded) || names === key) own ??= c;
      else if (figures && names !== undefined && SUB_COLUMNS.has(names) && cols[names] === undefined && ![...taken.values()].includes(names)) taken.set(c, names);
      else if (names === undefined) unknown.push(c);
    }
    // The merged header's own column: the one named so, else its first, else (another column
    // taking the first) the first whose sub-header names none.
    const mine = own ?? (taken.has(left) ? (unknown[0] ?? left) : left);
    taken.delete(mine);
    cols[key] = mine;
    for (const [c, k] of taken) cols[k] = c;
    if (figures) for (const c of unknown) if (c !== mine) unnamed.push({ c, text: cellText(next[c] ?? null) });
  }
  return { cols, lastColumn, unnamed };
}

/**
 * The first row holding at least the `Mã`/`Code` and `Số liệu`/`Value` column names (exactly),
 * with its other columns by their names or the names they start with (headerRowOf), and by the
 * sub-headers of a header of two rows (subHeaderOf).
 */
export function findTableHeader(sheet: SheetSnapshot): TableHeader | undefined {
  for (let r = 0; r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    const { cols } = headerRowOf(row, false);
    if (cols.code === undefined || cols.value === undefined) continue;
    // The header row: its other columns also by the names their cells start with.
    const header = headerRowOf(row);
    const sub = subHeaderOf(sheet, r, header);
    if (!sub) return { row: r, cols: header.cols, lastColumn: header.lastColumn };
    return {
      row: r,
      cols: sub.cols,
      lastColumn: sub.lastColumn,
      subRow: r + 1,
      ...(sub.unnamed.length > 0 ? { unnamedSubColumns: sub.unnamed } : {}),
    };
  }
  return undefined;
}

/** A form's header-block field: its value cell, and the 0-based column of its label. */
export interface HeaderField extends LocatedCell {
  labelColumn: number;
}

/** A form's header block: each field (Đơn vị, Mã đơn vị, Nhóm, Bộ chỉ số, Kỳ đánh giá) found, by label. */
export type HeaderBlock = Partial<Record<BlockKey, HeaderField>>;

/** Rows searched for a form's header block when its table header is missing. */
const BLOCK_SEARCH_ROWS = 20;
/** Columns searched for the header block's labels when the table header is missing: A to C. */
const BLOCK_LABEL_COLUMNS = 3;

/**
 * The header block of a form: label/value pairs ("Đơn vị" | "Sở Nội vụ") in the rows above the
 * table's header row. A label is looked for in the columns from A to the table's `Mã` column (A
 * on the template; B when an "STT" column was inserted in front of the form), the leftmost one of
 * a row; its value is the cell right of it, or the one after that when the next cell is blank and
 * that one is not (labels merged over two cells). The first line of each label counts, even when
 * its value is blank. Without a table header (`table` undefined), the first 20 rows and columns A
 * to C are searched. The one reading of the header block: the reader, Collect and the forms index
 * use it, so they agree on a form's unit. A `Kỳ đánh giá` date cell whose number format shows
 * only the year or the month (SheetSnapshot.datePartCells) is given as the text it shows, "2024"
 * or "01/2024" (datePartText), not as the day it holds: the person saw "2024".
 */
export function readHeaderBlock(sheet: SheetSnapshot, table: TableHeader | undefined): HeaderBlock {
  const block: HeaderBlock = {};
  const beforeRow = table ? table.row : Math.min(sheet.values.length, BLOCK_SEARCH_ROWS);
  const lastColumn = table ? (table.cols.code ?? 0) : BLOCK_LABEL_COLUMNS - 1;
  for (let r = 0; r < beforeRow; r++) {
    for (let c = 0; c <= lastColumn; c++) {
      const key = unitFieldOf(foldLabel(cellAt(sheet, r, c)));
      if (key === undefined) continue;
      if (block[key] === undefined) {
        // A value typed one column further (after merged label cells) is read too.
        const v = isBlank(cellAt(sheet, r, c + 1)) && !isBlank(cellAt(sheet, r, c + 2)) ? c + 2 : c + 1;
        const at = address(r, v);
        const value = cellAt(sheet, r, v);
        // A period date cell whose format shows only its year or month (datePartCells): what it shows, "2024".
        const part = key === "period" ? sheet.datePartCells?.[at] : undefined;
        block[key] = { value: (part && datePartText(value, part)) ?? value, address: at, labelColumn: c };
      }
      break; // one label a row
    }
  }
  return block;
}

/**
 * The text a `Kỳ đánh giá` date cell shows when its format shows only the year or the month and
 * the year (datePartShown): "2024", "01/2024" (the month as periods write a day's, "31/12/2024",
 * day first: periodText), from the date as the hosts give it ("2024-01-01") and as Excel shows
 * it (hostDate: the days of 1900 before March a day later). undefined for text that is no date
 * of the hosts, or a time alone.
 */
export function datePartText(value: CellValue | undefined, part: "year" | "month"): string | undefined {
  if (typeof value !== "string") return undefined;
  const shown = hostDate(value.trim())?.shown.vi;
  const m = shown === undefined ? null : /^(\d{2})\/(\d{2})\/(\d{4})/.exec(shown);
  if (!m) return undefined;
  return part === "year" ? m[3]! : `${m[2]}/${m[3]}`;
}

/** A header-block field as a cell (without its label's column). */
function located(field: HeaderField): LocatedCell {
  return { value: field.value, address: field.address };
}

/** The 0-based column of the header block's labels (the first field's), or undefined without a block. */
function labelColumnOf(block: HeaderBlock): number | undefined {
  return Object.values(block).find((f) => f !== undefined)?.labelColumn;
}

/**
 * A finding about one row of a form, said under the form's unit: the reader adds the sheet and
 * the unit (its code, known once the header block is read) to `params`.
 */
export interface RowFinding {
  severity: Severity;
  code: IssueCode;
  params: MessageParams;
}

/** A form's unit as the layout-A reader reads it, with what it found about the rows of the table. */
export type LayoutAUnit = RawUnit & {
  /**
   * "duplicate-row": a code on a second row of the table (the first row is read, the later one is
   * not); "value-not-read": a figure in `Số liệu`/`Số liệu thẩm định` on a row that takes none (a
   * group, an indicator computed from its inputs).
   */
  rowFindings: RowFinding[];
  /**
   * Indicators whose `Minh chứng` cells say there is none ("Không có", "-", "N/A": notEvidence) or
   * hold an Excel error, and hold no other evidence: the first such cell, what it shows, and
   * whether it is an error. Such text is no evidence (it is left out of `evidence`): a required
   * evidence finding quotes it.
   */
  evidenceNone?: Record<string, { cell: string; raw: string; error?: true; legacy?: LegacyEncoding }>;
  /**
   * Indicators with a `Minh chứng` cell holding a formula whose result the file does not store
   * (formulaWithoutResult), by indicator: that cell. Its evidence cannot be read, which an
   * "excel-error" of `rowFindings` says; a required evidence is then not said to be missing.
   */
  evidenceUnread?: Record<string, string>;
  /**
   * The form has no header block the reader knows (`noHeaderBlock`) because its labels are typed in
   * an old encoding ("§¬n vÞ" for "Đơn vị", legacyHeaderBlock): the finding says which, and how to convert them.
   */
  legacyLabels?: LegacyEncoding;
};

/**
 * What an evidence cell holds that is no evidence, as it is typed with its diacritics: a no
 * ("Không có", "Chưa có minh chứng", "None"), a promise ("Đang cập nhật", "Bổ sung sau"), a tick
 * that names no document ("x"), 0. The reader takes them folded (NO_EVIDENCE); the out-of-date
 * formula of `_index`, which cannot fold, lists them with and without their diacritics.
 */
const NO_EVIDENCE_WORDS: readonly string[] = [
  "không",
  "không có",
  "chưa",
  "chưa có",
  "không có minh chứng",
  "chưa có minh chứng",
  "không có tài liệu",
  "chưa có tài liệu",
  "không có văn bản",
  "chưa có văn bản",
  "không có tài liệu minh chứng",
  "chưa có tài liệu minh chứng",
  "đang cập nhật",
  "đang bổ sung",
  "sẽ bổ sung",
  "bổ sung sau",
  "cập nhật sau",
  "chưa cập nhật",
  "none",
  "no",
  "nil",
  "no evidence",
  "not available",
  "pending",
  "tbd",
  "x",
  "0",
];

/**
 * What an evidence cell holds that is no evidence, once folded (foldText: case and diacritics
 * ignored, NFC or not) and stripped of the marks around it ("Không có.", "(không)"):
 * NO_EVIDENCE_WORDS, and not applicable (NOT_APPLICABLE_ANSWERS). A text of marks alone ("-",
 * "…", "?", "√") is none either. A document's number ("Số 12/QĐ-UBND"), a link, a file name or a
 * date is evidence.
 */
const NO_EVIDENCE = new Set([...NO_EVIDENCE_WORDS.map(foldText), ...NOT_APPLICABLE_ANSWERS]);

/**
 * Whether an evidence cell's content is no evidence: "error", an Excel error (a cell or the
 * text of one, "#REF!"); "none", words or marks that say there is none (NO_EVIDENCE), TRUE or FALSE;
 * undefined for evidence (and for a blank cell, which is none of either, and for a formula whose
 * result the file does not store, which cannot be read: formulaWithoutResult).
 */
export function notEvidence(v: CellValue): "none" | "error" | undefined {
  if (isCellError(v)) return v.error !== "" ? "error" : undefined;
  if (typeof v === "boolean") return "none";
  const text = cellText(v);
  if (text === "") return undefined;
  if (isExcelErrorText(text)) return "error";
  if (noEvidenceWords(text)) return "none";
  // "Kh«ng cã", "Khoâng coù": "Không có" typed in an old encoding says there is none all the same.
  return legacyNoEvidence(v) !== undefined ? "none" : undefined;
}

/** Whether a text is words or marks that say there is no evidence (NO_EVIDENCE), without what surrounds them. */
function noEvidenceWords(text: string): boolean {
  // Without what surrounds the words: quotes, brackets, a full stop, an ellipsis; marks alone ("-", "√") are nothing.
  const words = foldText(text).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  return words === "" || NO_EVIDENCE.has(words);
}

/**
 * The old encoding of Vietnamese in which an evidence cell says there is none ("Kh«ng cã" in
 * TCVN3, "Khoâng coù" in VNI are "Không có"), or undefined: taken as none (notEvidence), and the
 * finding about it says how to convert the text.
 */
export function legacyNoEvidence(v: CellValue): LegacyEncoding | undefined {
  if (typeof v !== "string") return undefined;
  return legacyReading(normalizeText(v), (text) => noEvidenceWords(text) && /\p{L}/u.test(text));
}

export type LayoutAResult = { kind: "unit"; unit: LayoutAUnit } | { kind: "mismatch"; issue: Issue };

/** The cell's content for a finding that quotes it: its text, and its number when it is a number cell. */
function quoted(v: CellValue): Pick<MessageParams, "raw" | "rawNumber"> {
  return typeof v === "number" ? { raw: String(v), rawNumber: v } : { raw: cellText(v) };
}

/**
 * A row that is the table's header but for a column whose name was changed: the row holds at
 * least two of the table's column names, more than the cells it does not recognise, yet not both
 * `Mã`/`Code` and `Số liệu`/`Value` (as findTableHeader needs). The row with most names wins.
 */
export interface NearHeader {
  /** 1-based row. */
  row: number;
  missing: ("code" | "value")[];
  /** The cell whose name is not recognised and most likely the missing column's, if one stands out. */
  unknown?: { text: string; cell: string };
  /** The cell a finding points at: `unknown`'s, else the row's first named cell. */
  cell: string;
  /** The language most of the row's recognised column names are in. */
  lang: "vi" | "en";
}

function nearHeader(sheet: SheetSnapshot): NearHeader | undefined {
  let best: (NearHeader & { known: number }) | undefined;
  for (let r = 0; r < sheet.values.length; r++) {
    const { cells } = headerRowOf(sheet.values[r] ?? []);
    const found = new Set(cells.flatMap((cell) => (cell.key !== undefined ? [cell.key] : [])));
    const unknown = cells.filter((cell) => cell.key === undefined);
    const first = cells[0]?.c ?? -1;
    if (found.size < 2 || found.size <= unknown.length || (best !== undefined && found.size <= best.known)) continue;
    const missing = (["code", "value"] as const).filter((k) => !found.has(k));
    if (missing.length === 0) continue;
    // The unrecognised cell that holds a missing name ("Số liệu đơn vị"), else the only one.
    const names = missing.flatMap((k) => TABLE_COLUMNS[k]);
    const pick = unknown.find((u) => names.some((n) => ` ${u.folded} `.includes(` ${n} `))) ?? (unknown.length === 1 ? unknown[0] : undefined);
    const lang = headerLangOf(cells);
    best = {
      row: r + 1,
      missing: [...missing],
      ...(pick ? { unknown: { text: pick.text, cell: address(r, pick.c) } } : {}),
      cell: address(r, pick ? pick.c : first),
      lang,
      known: found.size,
    };
  }
  if (!best) return undefined;
  const { known: _, ...near } = best;
  return near;
}

/**
 * A sheet with a form's header block (at least two of Đơn vị, Mã đơn vị, Nhóm, Bộ chỉ số, Kỳ
 * đánh giá in column A) but no table header row: a unit's form whose table was renamed or
 * broken. Says which unit it names (its code and name) and where, so the form is not dropped
 * without a word; when a row is the table's header but for a renamed column (NearHeader), that row.
 */
export function formWithoutTable(sheet: SheetSnapshot): { unit?: string; name?: string; cell: string; header?: NearHeader; legacy?: LegacyEncoding } | undefined {
  if (findTableHeader(sheet)) return undefined;
  const block = readHeaderBlock(sheet, undefined);
  if (Object.keys(block).length < 2) return undefined;
  const code = block.code && !isBlank(block.code.value) ? keyText(block.code.value) : undefined;
  const name = block.name && !isBlank(block.name.value) ? keyText(block.name.value) : undefined;
  const unit = code ?? name;
  const header = nearHeader(sheet);
  const at = header?.cell ?? (block.name ?? block.code ?? Object.values(block)[0]!).address;
  // A table header typed in an old encoding ("M·", "Sè liÖu"): said with the finding.
  const legacy = legacyTableHeader(sheet);
  return { ...(unit !== undefined ? { unit } : {}), ...(name !== undefined ? { name } : {}), cell: at, ...(header ? { header } : {}), ...(legacy !== undefined ? { legacy } : {}) };
}

/** Rows looked at for a table header or a header block typed in an old encoding (legacyTableHeader, legacyHeaderBlock). */
const LEGACY_SEARCH_ROWS = 40;

/**
 * The old encoding of Vietnamese in which a row of the sheet is a form's table header (`Mã` and
 * `Số liệu` typed "M·", "Sè liÖu" in TCVN3), when no row is one as typed. Only said, never read.
 */
export function legacyTableHeader(sheet: SheetSnapshot): LegacyEncoding | undefined {
  for (let r = 0; r < Math.min(sheet.values.length, LEGACY_SEARCH_ROWS); r++) {
    for (const { encoding, row, converted } of legacyRows(sheet.values[r] ?? [])) {
      const { cols } = headerRowOf(row, false);
      // One of the two column names, at least, is typed in the old encoding (read so): not a row of Unicode labels.
      if (cols.code !== undefined && cols.value !== undefined && (converted.has(cols.code) || converted.has(cols.value))) return encoding;
    }
  }
  return undefined;
}

/**
 * The old encoding in which the labels of a form's header block are typed ("§¬n vÞ", "M· ®¬n vÞ"
 * for "Đơn vị", "Mã đơn vị"): `least` labels or more in the rows above `beforeRow`, columns A to
 * `lastColumn`, are the labels (unitFieldOf) once read in it. Only said, never read.
 */
function legacyHeaderBlock(sheet: SheetSnapshot, beforeRow: number, lastColumn: number, least: number): LegacyEncoding | undefined {
  const found = new Map<LegacyEncoding, number>();
  for (let r = 0; r < Math.min(beforeRow, LEGACY_SEARCH_ROWS); r++) {
    for (const { encoding, row, converted } of legacyRows((sheet.values[r] ?? []).slice(0, lastColumn + 1))) {
      // A label read in the old encoding ("§¬n vÞ"), not one typed in Unicode ("Nhóm" reads as TCVN3 text too).
      if (row.some((v, c) => converted.has(c) && unitFieldOf(foldLabel(v)) !== undefined)) found.set(encoding, (found.get(encoding) ?? 0) + 1);
    }
  }
  return [...found].find(([, n]) => n >= least)?.[0];
}

/** A form without a header block the reader knows (TableHeader `header`): its labels' old encoding, when they are typed in one. */
function legacyLabelsOf(sheet: SheetSnapshot, header: TableHeader): { legacyLabels?: LegacyEncoding } {
  const legacy = legacyHeaderBlock(sheet, header.row, header.cols.code ?? 0, 1);
  return legacy !== undefined ? { legacyLabels: legacy } : {};
}

/**
 * A sheet that would be a form (its table header, or two labels of its header block) were its
 * labels not typed in an old encoding: that encoding. Asked of a sheet the reader reads as no
 * form, no table of units and no broken form, so that it is not passed over without a word.
 */
export function legacyForm(sheet: SheetSnapshot): LegacyEncoding | undefined {
  return legacyTableHeader(sheet) ?? legacyHeaderBlock(sheet, BLOCK_SEARCH_ROWS, BLOCK_LABEL_COLUMNS - 1, 2);
}

/**
 * How many rows of indicators, at the least, show a sheet whose table header is not read to hold a
 * form's table, when no row is the table's header but for a column name (NearHeader): one under
 * such a row does.
 */
const MIN_INDICATOR_ROWS = 3;

/**
 * Whether the sheet has, from its 0-based row `from` down (under the header block, or under the
 * row that looks like the table's header), rows as a form's table has them: at least `min` rows
 * whose first cell with something in it (within the first three columns) is a code (one word, as
 * an index's codes are: "DTI-SO", "1.2.a", "le") followed on the row by a text (the indicator's
 * content). A sheet that only starts as a form does (Đơn vị, Mã đơn vị, Kỳ đánh giá) and goes on
 * with paragraphs, a unit's cover or notes, has none.
 */
function hasIndicatorRows(sheet: SheetSnapshot, from: number, min: number): boolean {
  let found = 0;
  for (let r = from; r < sheet.values.length && found < min; r++) {
    const row = sheet.values[r] ?? [];
    const first = row.findIndex((v) => !isBlank(v ?? null));
    if (first < 0 || first > 2) continue;
    const v = row[first] ?? null;
    const code = typeof v === "object" ? "" : cellText(v);
    if (!isRowCodeText(code)) continue;
    if (row.slice(first + 1).some((v) => typeof v === "string" && /\p{L}/u.test(v))) found++;
  }
  return found >= min;
}

/**
 * Whether a sheet formWithoutTable finds (`broken`) holds a form's table under its header block
 * (hasIndicatorRows): an edited form whose table header is not read, rather than a unit's cover
 * or notes sheet ("Giải trình") that only starts as a form does. Rows are looked at from under the
 * row like the table's header when there is one, else from under the header block. The one rule
 * for Collect (detectLayoutA) and the reader.
 */
export function holdsIndicatorRows(sheet: SheetSnapshot, broken: { header?: NearHeader }): boolean {
  if (broken.header) return hasIndicatorRows(sheet, broken.header.row, 1);
  const block = Object.values(readHeaderBlock(sheet, undefined));
  const last = Math.max(...block.map((f) => topLeft(f!.address).row));
  return hasIndicatorRows(sheet, last + 1, MIN_INDICATOR_ROWS);
}

/**
 * What a form made by `template` from a copy of a built-in that kept its id and version keeps in
 * a hidden cell of its `Bộ chỉ số` row: the hash of the definition it was made from
 * (definitionHash), after this prefix.
 */
export const FORM_DEFINITION_PREFIX = "index-definition-sha256:";

/**
 * The definition hash a form records (FORM_DEFINITION_PREFIX) in the rows above its table, when it
 * records one. A CSV file is a table of units, never a form: it records none.
 */
export function formDefinitionHash(sheet: SheetSnapshot, header: TableHeader | undefined = findTableHeader(sheet)): string | undefined {
  if (!header || sheet.csvFile !== undefined) return undefined;
  for (let r = 0; r < header.row; r++) {
    for (const v of sheet.values[r] ?? []) {
      if (typeof v === "string" && v.startsWith(FORM_DEFINITION_PREFIX)) return v.slice(FORM_DEFINITION_PREFIX.length).trim();
    }
  }
  return undefined;
}

/** definitionHash of each definition in use, computed once. */
const hashes = new WeakMap<IndexDefinition, string>();

function hashOf(definition: IndexDefinition): string {
  let hash = hashes.get(definition);
  if (hash === undefined) {
    hash = definitionHash(definition);
    hashes.set(definition, hash);
  }
  return hash;
}

/**
 * A warning for each column of the appraised figures, the evidence or the self scores the form
 * has not (TableHeader.cols): naming every header cell that could be it, by an alias or a start
 * (headerRowOf's `ambiguous`: none of them is read), else every cell the reader does not
 * recognise whose words show it is meant for it (COLUMN_HINTS). What is in them is not read, and
 * the finding says what to name the right one.
 */
function unrecognisedColumns(sheet: SheetSnapshot, header: TableHeader): RowFinding[] {
  const { cells, ambiguous } = headerRowOf(sheet.values[header.row] ?? []);
  const headerLang = headerLangOf(cells);
  const found = COLUMN_HINTS.flatMap(({ key: column }) => {
    if (header.cols[column] !== undefined) return [];
    const both = ambiguous[column];
    const alike = both ?? cells.filter((cell) => cell.key === undefined && hintOf(cell.folded) === column);
    const [first, ...rest] = alike;
    if (first === undefined) return [];
    const others = rest.map((cell) => ({ cell: address(header.row, cell.c), raw: cell.text }));
    const params: MessageParams = { cell: address(header.row, first.c), raw: first.text, column, headerLang, ...(others.length > 0 ? { others } : {}), ...(both ? { ambiguous: true } : {}) };
    return [{ c: first.c, finding: { severity: "warning" as const, code: "unknown-column" as const, params } }];
  });
  // In the order of their first cells along the row.
  return found.sort((a, b) => a.c - b.c).map((f) => f.finding);
}

/** The columns a second header cell of the same name is said for (sameNameColumns): those read below the header, and the project's `Điểm`. */
const SAID_TWICE = ["code", "value", "appraised", "self", "evidence", "score"] as const satisfies readonly ColumnKey[];
type ColumnNamedTwice = (typeof SAID_TWICE)[number];

/**
 * A warning for each header cell named exactly as a column another cell of the header row names
 * already (a second `Số liệu`, `Value` beside `Số liệu`), said from the header row alone, whatever
 * the columns hold (the Excel host reads no more of a column it does not read): the first cell
 * wins (headerRowOf), and the other is not read, or, for `Điểm`, not written: the scores go in the
 * same column on every run. A cell that only starts with a column's name or is an alias of it
 * ("Thẩm định" beside `Số liệu thẩm định`) is taken for another column, and not said.
 * The finding is at the cell not read, naming the one read (`found`) and, under a header of two
 * rows, the sub-column read (`readColumn`) when it is another. `Nội dung`, `Điểm tối đa` and
 * `Ghi chú`, which the reader does not read below the header, are not said.
 */
function sameNameColumns(sheet: SheetSnapshot, header: TableHeader): RowFinding[] {
  const { cells, cols } = headerRowOf(sheet.values[header.row] ?? []);
  const headerLang = headerLangOf(cells);
  const letter = (c: number) => address(header.row, c).replace(/\d+$/, "");
  return cells.flatMap((cell) => {
    // Named exactly: a cell that only starts with a column's name ("Thẩm định" beside "Số liệu thẩm định") is another column.
    const key = keyOf(TABLE_COLUMNS, cell.folded);
    if (key === undefined || !(SAID_TWICE as readonly string[]).includes(key)) return [];
    const read = cols[key];
    if (read === undefined || read === cell.c) return [];
    const readColumn = header.cols[key];
    const params: MessageParams = {
      cell: address(header.row, cell.c),
      raw: cell.text,
      found: address(header.row, read),
      column: key as ColumnNamedTwice,
      headerLang,
      ...(readColumn !== undefined && readColumn !== read ? { readColumn: letter(readColumn) } : {}),
    };
    return [{ severity: "warning" as const, code: "unknown-column" as const, params }];
  });
}

/** Text as a row's wording is compared: without invisible characters, NFC, whitespace collapsed, lower case. */
function wordingKey(text: string): string {
  return keyText(text).toLocaleLowerCase("vi");
}

/**
 * `label` with `input`'s unit of measure in brackets ("… (văn bản)") as `template` writes an
 * input's row (unless the label ends with it already; a percentage naming no unit: "… (%)").
 */
function withUnit(label: string, input: ResolvedInput, lang: Lang): string {
  const unit = normalizeText(localize(input.unit, lang)) || (input.type === "percent" ? "%" : "");
  if (unit === "") return label;
  const last = /\(([^()]*)\)$/.exec(label)?.[1];
  if (last !== undefined && wordingKey(last).endsWith(wordingKey(unit))) return label;
  return `${label} (${unit})`;
}

/**
 * The wordings a form of the version in use may show in the `Nội dung` cell of a row, compared by
 * wordingKey: the node's or input's name in either language, bare or with the unit of measure
 * `template` adds ("Số văn bản (văn bản)"); an input without a name is shown by its code.
 */
function rowWordings(model: IndexModel, code: string): Set<string> {
  const node = model.nodes.get(code);
  const input = model.inputs.get(code);
  const wordings = new Set<string>();
  for (const lang of ["vi", "en"] as const) {
    const name = node ? normalizeText(localize(node.name, lang)) : normalizeText(localize(input?.name, lang)) || code;
    wordings.add(wordingKey(name));
    if (input) wordings.add(wordingKey(withUnit(name, input, lang)));
  }
  return wordings;
}

/** A `Điểm tối đa` cell's number: a number, or text that is one ("10", "7,5"). */
function maxOf(v: CellValue): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v !== "string") return undefined;
  const t = keyText(v);
  return /^\d+(?:[.,]\d+)?$/.test(t) ? Number(t.replace(",", ".")) : undefined;
}

/**
 * On a form of another version of the index in use, the rows it shares with the version in use
 * (by code) that the form shows defined otherwise: a `Điểm tối đa` other than the version in
 * use's max of that node; a `Nội dung` that is none of the wordings the version in use gives the
 * row (rowWordings: a first line that is one, the description `template` writes below the name
 * aside, will do, and so will one that is one but for the "(%)" of a percentage); a figure cell shown as a percentage for an input the version in use takes no
 * percentage for. A warning for each such row, at its figure cell (`cellOf`), naming what differs:
 * its figure is read as the version in use defines it, which may not be what the unit meant.
 * Blank `Nội dung` and `Điểm tối đa` cells say nothing.
 */
function versionChanges(
  model: IndexModel,
  sheet: SheetSnapshot,
  header: TableHeader,
  rows: Record<string, number>,
  cellOf: (code: string, r: number) => string,
  versions: { form: string; inUse: string },
): RowFinding[] {
  const { cols } = header;
  const percentCells = new Set(sheet.percentCells ?? []);
  const found: RowFinding[] = [];
  // In the order of the rows (an object lists codes like "1" and "2" before "1.1").
  for (const [code, row] of Object.entries(rows).sort((a, b) => a[1] - b[1])) {
    const r = row - 1;
    const node = model.nodes.get(code);
    const input = model.inputs.get(code);
    const cell = cellOf(code, r);
    const differs: NonNullable<MessageParams["versionChange"]> = {};
    if (cols.max !== undefined && node?.max !== undefined) {
      const max = maxOf(cellAt(sheet, r, cols.max));
      if (max !== undefined && Math.abs(max - node.max) > 1e-9) differs.max = { form: max, inUse: node.max };
    }
    if (cols.item !== undefined) {
      const item = cellAt(sheet, r, cols.item);
      const text = typeof item === "string" ? item : cellText(item);
      if (keyText(text) !== "") {
        const wordings = rowWordings(model, code);
        const firstLine = text.split(/\r?\n/)[0] ?? "";
        // The "(%)" template adds to a percentage's row is no wording: a figure shown as a
        // percentage the version in use takes none for is said as such.
        const shown = [text, firstLine].flatMap((t) => [t, t.replace(/\s*\(\s*%\s*\)\s*$/, "")]);
        if (!shown.some((t) => wordings.has(wordingKey(t)))) differs.wording = true;
      }
    }
    if (input && input.type !== "percent" && percentCells.has(cell)) differs.percent = true;
    if (Object.keys(differs).length === 0) continue;
    found.push({ severity: "warning", code: "definition-mismatch", params: { cell, node: code, versions, versionChange: differs } });
  }
  return found;
}

/** The sheet's merged ranges of more than one cell (without a sheet name), 0-based, when the host reads them. */
function mergedRanges(sheet: SheetSnapshot): { range: string; top: number; left: number; bottom: number; right: number }[] {
  const ranges: { range: string; top: number; left: number; bottom: number; right: number }[] = [];
  for (const m of sheet.merges ?? []) {
    try {
      const range = m.replace(/^.*!/, "");
      const { top, left, bottom, right } = parseRange(range);
      if (top !== bottom || left !== right) ranges.push({ range, top: top - 1, left: left - 1, bottom: bottom - 1, right: right - 1 });
    } catch {
      // Not an A1 range: no merge to read.
    }
  }
  return ranges;
}

/**
 * A sheet's cells as the eye reads them: a blank cell inside a merged range shows its top-left
 * cell's value (`merge` set, `address` the top-left's); any other cell is itself. Without the
 * sheet's merges (a host that does not read them), every cell is itself.
 */
function mergedReader(sheet: SheetSnapshot): (r: number, c: number) => { value: CellValue; address: string; merge?: string } {
  const ranges = mergedRanges(sheet);
  return (r, c) => {
    const value = cellAt(sheet, r, c);
    const m = ranges.find((x) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right);
    if (!m) return { value, address: address(r, c) };
    return { value: isBlank(value) ? cellAt(sheet, m.top, m.left) : value, address: address(m.top, m.left), merge: m.range };
  };
}

/**
 * Read a sheet as layout A, or return undefined when it is not one (no table header).
 * A sheet whose header block names another index (another id) gives a "definition-mismatch" error
 * and is skipped. One that names another version of the index in use (the province amended its
 * definition after the forms were filled) is read by the codes of its rows, with a
 * "definition-mismatch" warning saying so: rows the version in use lacks are missing rows, codes it
 * does not know are unknown codes, as on any form. One that names the index in use but records a
 * definition of other content (formDefinitionHash) is read, with a "definition-mismatch" warning.
 */
export function readLayoutA(model: IndexModel, sheet: SheetSnapshot): LayoutAResult | undefined {
  const header = findTableHeader(sheet);
  if (!header) return undefined;
  const block = readHeaderBlock(sheet, header);
  const def = model.definition;
  /** The version the form names when it names the index in use at another version. */
  let otherVersion: string | undefined;

  if (block.index && !isBlank(block.index.value)) {
    const text = keyText(block.index.value);
    // By its id or its name, as people retype it ("DTI-SO-NGANH-MAU", the index's name).
    const named = namesIndex(text, def);
    if (named?.version !== undefined && named.version !== normalizeText(def.version)) otherVersion = named.version;
    else if (named === undefined) {
      // The unit the form belongs to, so that its issue is counted where the official looks.
      const code = block.code && !isBlank(block.code.value) ? keyText(block.code.value) : undefined;
      const name = block.name && !isBlank(block.name.value) ? keyText(block.name.value) : undefined;
      const unit = code ?? name;
      return {
        kind: "mismatch",
        issue: makeIssue("error", "definition-mismatch", {
          sheet: sheet.name,
          cell: block.index.address,
          ...(unit !== undefined ? { unit } : {}),
          found: text,
          expected: `${def.id}@${def.version}`,
        }),
      };
    }
  }

  const { cols } = header;
  const codeCol = cols.code as number;
  const valueCol = cols.value as number;
  const matcher = new CodeMatcher(model);
  const rows: Record<string, number> = {};
  const values = new Map<string, LocatedCell>();
  const inputCells: Record<string, string> = {};
  const selfScores = new Map<string, LocatedCell>();
  const evidenceParts = new Map<string, string[]>();
  const evidenceCells: Record<string, string> = {};
  const evidenceNone: NonNullable<LayoutAUnit["evidenceNone"]> = {};
  const evidenceUnread: NonNullable<LayoutAUnit["evidenceUnread"]> = {};
  /** Evidence cells said to hold a formula without its result (a merge shared by indicators is said once). */
  const unreadSaid = new Set<string>();
  const unknownCodes: { raw: string; address: string }[] = [];
  const rowFindings: RowFinding[] = [];

  // A form that names the index in use but records that it was made from a definition with other
  // content (a copy of a built-in that kept its id and version) is scored, with a word that says so.
  const formFindings: RowFinding[] = [];
  const recorded = formDefinitionHash(sheet, header);
  /** The form's warning that it is of another version: it counts the rows defined differently, once read. */
  let versionWarning: MessageParams | undefined;
  if (otherVersion !== undefined) {
    // Another version of the index in use: read by the codes of its rows, which the two versions
    // mostly share; what the version in use changed shows as missing rows and unknown codes, and
    // a shared row the form shows otherwise than the version in use as a row defined differently
    // (versionChanges). (The definition hash the form may record is of that other version: no
    // word of its own.)
    versionWarning = {
      cell: block.index?.address ?? address(header.row, codeCol),
      found: keyText(block.index?.value ?? null),
      expected: `${def.id}@${def.version}`,
      versions: { form: otherVersion, inUse: normalizeText(def.version) },
    };
    formFindings.push({ severity: "warning", code: "definition-mismatch", params: versionWarning });
  } else if (recorded !== undefined && recorded !== hashOf(def)) {
    formFindings.push({
      severity: "warning",
      code: "definition-mismatch",
      params: {
        cell: block.index?.address ?? address(header.row, codeCol),
        expected: `${def.id}@${def.version}`,
        otherContent: true,
      },
    });
  }
  formFindings.push(...unrecognisedColumns(sheet, header), ...sameNameColumns(sheet, header));
  /** Columns under a merged Số liệu whose sub-header is not known, by column: whether an input's row holds something there. */
  const unnamedSub = new Map((header.unnamedSubColumns ?? []).map((u) => [u.c, { ...u, filled: false }]));
  /** Cells as the eye reads them (a blank cell inside a merge shows its top-left cell's value). */
  const shownAt = mergedReader(sheet);
  /** Inputs whose figure cell is blank inside a merged range that shows a value. */
  const mergedInputCells: NonNullable<RawUnit["mergedInputCells"]> = {};
  /** Evidence merged over several rows, by indicator and top-left cell: taken once for each indicator. */
  const mergedEvidence = new Set<string>();
  /** The cell a row's figure is read from: `Số liệu thẩm định` when filled, else `Số liệu`. */
  const figureColumn = (r: number): number =>
    cols.appraised !== undefined && !isBlank(cellAt(sheet, r, cols.appraised)) ? cols.appraised : valueCol;
  /** Whether a row of the table (one with a code) holds something in `Số liệu` or `Số liệu thẩm định`. */
  let anyFigure = false;

  // The table's rows start below its header, below the sub-headers of a header of two rows, and
  // below the row that numbers its columns ("1 2 3 4…", "(1) (2) (3)…"), as official tables often
  // have: its "1" in the code column is no row of group 1.
  const firstRow = (header.subRow ?? header.row) + 1;
  const numbering = columnNumberingRow(sheet, firstRow, header);
  for (let r = firstRow; r < sheet.values.length; r++) {
    if (r === numbering) continue;
    const codeCell = cellAt(sheet, r, codeCol);
    if (isBlank(codeCell)) continue;
    if (!anyFigure && (!isBlank(cellAt(sheet, r, valueCol)) || (cols.appraised !== undefined && !isBlank(cellAt(sheet, r, cols.appraised))))) anyFigure = true;
    const code = matcher.match(codeCell);
    if (code === undefined) {
      const text = keyText(codeCell);
      const hasValue = !isBlank(cellAt(sheet, r, valueCol)) || (cols.appraised !== undefined && !isBlank(cellAt(sheet, r, cols.appraised)));
      if (looksLikeCode(text) || (hasValue && !/\s/.test(text))) unknownCodes.push({ raw: text, address: address(r, codeCol) });
      continue;
    }
    const first = rows[code];
    if (first !== undefined) {
      // The first line of a code is the one read; the later one is said, with its figure when it
      // has one: an error when that figure is not the one read (the unit's answer may be lost).
      const at = figureColumn(r);
      const v = cellAt(sheet, r, at);
      const firstAt = figureColumn(first - 1);
      const input = model.inputs.has(code);
      const differs = input && !isBlank(v) && keyText(v) !== keyText(cellAt(sheet, first - 1, firstAt));
      rowFindings.push({
        severity: differs ? "error" : "warning",
        code: "duplicate-row",
        params: { cell: address(r, at), found: address(first - 1, firstAt), node: code, ...(input && !isBlank(v) ? quoted(v) : {}) },
      });
      continue;
    }
    rows[code] = r + 1;
    if (!model.inputs.has(code)) {
      // A group or an indicator computed from its inputs takes no figure on its own row: one typed
      // there is not read, and is said so (never the project's own Điểm column).
      const node = model.nodes.get(code);
      const from = node?.kind === "indicator" ? node.inputs.map((i) => i.code) : undefined;
      for (const c of [valueCol, cols.appraised]) {
        if (c === undefined) continue;
        const v = cellAt(sheet, r, c);
        if (isBlank(v)) continue;
        rowFindings.push({
          severity: "warning",
          code: "value-not-read",
          params: { cell: address(r, c), node: code, ...(from ? { list: from } : {}), ...quoted(v) },
        });
      }
    }

    if (model.inputs.has(code)) {
      for (const [c, u] of unnamedSub) if (!isBlank(cellAt(sheet, r, c))) u.filled = true;
      const appraised = cols.appraised !== undefined ? cellAt(sheet, r, cols.appraised) : null;
      const useAppraised = cols.appraised !== undefined && !isBlank(appraised);
      const c = useAppraised ? (cols.appraised as number) : valueCol;
      inputCells[code] = address(r, c);
      const v = cellAt(sheet, r, c);
      if (!isBlank(v)) values.set(code, { value: v, address: address(r, c) });
      else {
        // A blank cell inside a merge (D15:D16 holding 7 for two inputs' rows) shows the value of
        // the merge's top-left cell, which is read for that cell's row only: said for this input.
        const shown = shownAt(r, c);
        if (shown.merge !== undefined && !isBlank(shown.value)) mergedInputCells[code] = { range: shown.merge, cell: shown.address, raw: cellText(shown.value), ...quoted(shown.value) };
      }
    }
    if (cols.self !== undefined) {
      const s = cellAt(sheet, r, cols.self);
      if (!isBlank(s) && model.nodes.has(code)) selfScores.set(code, { value: s, address: address(r, cols.self) });
    }
    if (cols.evidence !== undefined) {
      const node = model.nodes.get(code);
      const indicator = node?.kind === "indicator" ? code : model.inputs.get(code)?.indicator;
      if (indicator !== undefined) {
        // A cell inside a merge (one decision cited for several indicators) reads as its top-left cell.
        const at = shownAt(r, cols.evidence);
        const ev = cellText(at.value);
        const once = at.merge === undefined || !mergedEvidence.has(`${indicator}|${at.address}`);
        if (at.merge !== undefined) mergedEvidence.add(`${indicator}|${at.address}`);
        // A formula whose result the file does not store: the evidence cannot be read, said once a cell.
        const formula = formulaWithoutResult(at.value);
        if (formula !== undefined) {
          if (!unreadSaid.has(at.address))
            rowFindings.push({ severity: "warning", code: "excel-error", params: { cell: at.address, node: indicator, raw: formula, cellHolds: "evidence" } });
          unreadSaid.add(at.address);
          evidenceUnread[indicator] ??= at.address;
        }
        // "Không có", "-", an Excel error: no evidence, kept to be quoted if the evidence is required.
        const none = notEvidence(at.value);
        if (none !== undefined) {
          if (once && evidenceNone[indicator] === undefined) {
            const legacy = legacyNoEvidence(at.value);
            evidenceNone[indicator] = { cell: at.address, raw: ev, ...(none === "error" ? { error: true as const } : {}), ...(legacy !== undefined ? { legacy } : {}) };
          }
        } else if (ev !== "" && once) evidenceParts.set(indicator, [...(evidenceParts.get(indicator) ?? []), ev]);
        if (node?.kind === "indicator" || evidenceCells[indicator] === undefined) evidenceCells[indicator] = at.address;
      }
    }
  }

  // A column under a merged Số liệu with a sub-header not known, holding figures: not read, and said.
  const subRow = header.subRow;
  if (subRow !== undefined) {
    const headerLang = headerLangOf(headerRowOf(sheet.values[header.row] ?? []).cells);
    for (const u of unnamedSub.values()) {
      if (!u.filled) continue;
      anyFigure = true;
      formFindings.push({ severity: "warning", code: "unknown-column", params: { cell: address(subRow, u.c), raw: u.text, column: "appraised", headerLang } });
    }
  }

  if (versionWarning !== undefined) {
    // The rows both versions have, where the form shows them defined otherwise than the version in
    // use: each said at its figure cell (still read as the version in use defines it), and counted
    // in the form's warning.
    const changes = versionChanges(model, sheet, header, rows, (code, r) => inputCells[code] ?? address(r, figureColumn(r)), versionWarning.versions!);
    rowFindings.push(...changes);
    if (changes.length > 0) versionWarning.changedRows = changes.length;
  }

  const missingRows = [...model.inputs.keys()].filter((code) => rows[code] === undefined);
  const evidence =
    cols.evidence !== undefined ? new Map([...evidenceParts].map(([k, parts]) => [k, parts.join("; ")])) : undefined;
  // What says there is no evidence, for the indicators that have none besides.
  for (const k of Object.keys(evidenceNone)) if (evidenceParts.has(k)) delete evidenceNone[k];

  const labelColumn = labelColumnOf(block);
  const unit: LayoutAUnit = {
    layout: "A",
    sheet: sheet.name,
    // Without a name label, the name's place is right of the block's labels (B1 on the template);
    // without any label, the header block was not found: A1, the top of the form.
    name: block.name ? located(block.name) : { value: null, address: address(0, labelColumn !== undefined ? labelColumn + 1 : 0) },
    ...(block.code ? { code: located(block.code) } : {}),
    ...(block.category ? { category: located(block.category) } : {}),
    ...(labelColumn === undefined ? { noHeaderBlock: { lastColumn: address(0, codeCol).replace(/\d+$/, "") } } : {}),
    ...(labelColumn === undefined ? legacyLabelsOf(sheet, header) : {}),
    fallbackName: normalizeText(sheet.name),
    values,
    inputCells,
    ...(anyFigure ? {} : { noFigures: cols.appraised !== undefined ? { appraised: true as const } : {} }),
    ...(Object.keys(mergedInputCells).length > 0 ? { mergedInputCells } : {}),
    selfScores,
    ...(evidence ? { evidence } : {}),
    evidenceCells,
    ...(Object.keys(evidenceNone).length > 0 ? { evidenceNone } : {}),
    ...(Object.keys(evidenceUnread).length > 0 ? { evidenceUnread } : {}),
    fallbackCell: address(header.row, codeCol),
    missingRows,
    unknownCodes,
    rowFindings,
    ...(formFindings.length > 0 ? { formFindings } : {}),
    source: {
      layout: "A",
      sheet: sheet.name,
      cells: inputCells,
      rows,
      headerRow: header.row + 1,
      ...(cols.score !== undefined ? { scoreColumn: cols.score + 1 } : {}),
      lastColumn: header.lastColumn + 1,
    },
  };
  return { kind: "unit", unit };
}

/**
 * The row that numbers a table's columns, when the first row below its header is one: the first
 * filled row there, filled in the code column and in three columns more, each cell a column's
 * number ("1", 1, "(1)", "(4)=(2)/(3)") and each one more than the cell before. Undefined otherwise.
 */
function columnNumberingRow(sheet: SheetSnapshot, from: number, header: Pick<TableHeader, "cols" | "lastColumn">): number | undefined {
  let r = from;
  while (r < sheet.values.length && (sheet.values[r] ?? []).every(isBlank)) r++;
  const row = sheet.values[r] ?? [];
  const codeCol = header.cols.code;
  if (codeCol === undefined || isBlank(row[codeCol] ?? null)) return undefined;
  const numbers: number[] = [];
  for (let c = 0; c < row.length && c <= header.lastColumn; c++) {
    const v = row[c] ?? null;
    if (isBlank(v)) continue;
    const n = typeof v === "number" ? v : typeof v === "string" ? Number(/^\s*\(?\s*(\d{1,2})\s*\)?\s*(?:=.*)?$/.exec(v)?.[1] ?? NaN) : NaN;
    if (!Number.isInteger(n)) return undefined;
    numbers.push(n);
  }
  return numbers.length >= 4 && numbers.every((n, i) => i === 0 || n === (numbers[i - 1] as number) + 1) ? r : undefined;
}

