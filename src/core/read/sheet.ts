/** Small helpers over a sheet's grid of cells: addresses, cell text, label matching, code lookup. */
import { a1 } from "../a1";
import type { IndexModel } from "../definition/model";
import { type LegacyEncoding, foldText, foldWidth, fromLegacy, normalizeKey, normalizeText, stripInvisible } from "../i18n/text";
import { type CellValue, type SheetSnapshot, isCellError } from "../types";

/** 0-based row and column → "B14" (the project's A1 module, src/core/a1.ts). */
export const address = a1;

export function cellAt(sheet: SheetSnapshot, row0: number, col0: number): CellValue {
  return sheet.values[row0]?.[col0] ?? null;
}

/** The cell as the user sees it: normalized text, a number's shortest form, "TRUE"/"FALSE", "#N/A". */
export function cellText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "string") return normalizeText(v);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isCellError(v)) return v.error;
  return "";
}

/**
 * The formula of a cell whose result the file does not store ("=B5*2": a program that writes
 * .xlsx without calculating made it, CellError.formula), else undefined. Such a cell reads as no
 * text (cellText) yet is not blank (isBlank): whatever it is meant to hold (a figure, the unit's
 * name or code, a self score, evidence), it cannot be read, and the reader says so ("excel-error",
 * with the formula), never that the cell is empty or is no number. The one rule for every column.
 */
export function formulaWithoutResult(v: CellValue): string | undefined {
  return isCellError(v) && v.error === "" && v.formula !== undefined ? v.formula : undefined;
}

/**
 * A cell holding a code, a label, or a unit's code, name or category, as it is compared: like
 * cellText, without the invisible characters text pasted from Word or a PDF brings (normalizeKey).
 */
export function keyText(v: CellValue): string {
  return typeof v === "string" ? normalizeKey(v) : cellText(v);
}

/** Nothing in the cell, or only spaces and invisible characters. */
export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && stripInvisible(v).trim() === "");
}

/** A label folded for matching: case, diacritics and invisible characters ignored, a trailing ":" or "*" dropped. */
export function foldLabel(v: CellValue): string {
  // A number's or a boolean's text is ASCII without spaces: folding it only lowers its case (a
  // sheet of figures is thousands of them, each looked at as a possible column name).
  if (typeof v === "number") return String(v).toLowerCase();
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v !== "string") return foldText(cellText(v)).replace(/[\s:*]+$/, "");
  // Labels repeat on every form (hundreds of sheets): each text is folded once.
  let folded = FOLDED_LABELS.get(v);
  if (folded === undefined) {
    folded = foldText(cellText(v)).replace(/[\s:*]+$/, "");
    if (FOLDED_LABELS.size >= FOLDED_LABELS_MAX) FOLDED_LABELS.clear();
    FOLDED_LABELS.set(v, folded);
  }
  return folded;
}

/** foldLabel's answers for text cells, up to this many texts (then it starts afresh). */
const FOLDED_LABELS_MAX = 20_000;
const FOLDED_LABELS = new Map<string, string>();

/** A code as it is compared: normalizeKey (NFC, trimmed, no invisible characters), full-width forms as ASCII ("１.１" is "1.1", foldWidth). */
function codeKey(text: string): string {
  return foldWidth(normalizeKey(text));
}

/**
 * Finds the definition's codes from what a cell holds. Text matches exactly (after trimming, in
 * Unicode NFC, so "Hạ tầng" typed in a cell matches the same code saved decomposed; invisible
 * characters pasted along, "1.3.a\u200B", are ignored; full-width digits and letters, "１.１", are
 * their ASCII); a code not found so is looked for without the full stops that end a numbered
 * list's numbers ("3.1.b.") and in another letter case ("4.2.A"), when that names one code;
 * a number cell such as 1.1 is matched by its text ("1.1") first, then by numeric equality
 * ("1.10", which Excel turns into the number 1.1), taking a code not yet used in the sheet.
 */
export class CodeMatcher {
  /** Each code as compared (codeKey: NFC, trimmed, no invisible characters, no full-width forms) → the code as the model spells it. */
  private readonly codes = new Map<string, string>();
  /** Each code as compared in lower case → the codes so spelt (one, unless the definition has codes that differ only in case). */
  private readonly lowerCodes = new Map<string, string[]>();
  private readonly byNumber = new Map<number, string[]>();
  private readonly used = new Set<string>();

  constructor(model: IndexModel) {
    const add = (code: string): void => {
      const key = codeKey(code);
      if (this.codes.has(key)) return;
      this.codes.set(key, code);
      this.lowerCodes.set(key.toLowerCase(), [...(this.lowerCodes.get(key.toLowerCase()) ?? []), code]);
      const n = /^[+-]?\d+(\.\d+)?$/.test(key) ? Number(key) : NaN;
      if (Number.isFinite(n)) this.byNumber.set(n, [...(this.byNumber.get(n) ?? []), code]);
    };
    for (const code of model.nodes.keys()) add(code);
    for (const code of model.inputs.keys()) add(code);
  }

  /**
   * The code `text` names: as spelt, else without the full stops a numbered list ends its numbers
   * with ("3.1.b.", "1."), else in another letter case ("4.2.A" for "4.2.a") when only one code is
   * spelt so.
   */
  private lookup(text: string): string | undefined {
    const key = codeKey(text);
    const exact = this.codes.get(key);
    if (exact !== undefined) return exact;
    const bare = key.replace(/(?<=\S)\.+$/, "");
    const stripped = bare !== key ? this.codes.get(bare) : undefined;
    if (stripped !== undefined) return stripped;
    const alike = this.lowerCodes.get(bare.toLowerCase()) ?? [];
    return alike.length === 1 ? alike[0] : undefined;
  }

  /** The definition code a cell names, or undefined. Marks the code as used in this sheet. */
  match(v: CellValue): string | undefined {
    if (typeof v === "number") {
      const exact = this.lookup(String(v));
      const candidates = [...(exact !== undefined ? [exact] : []), ...(this.byNumber.get(v) ?? [])];
      const found = candidates.find((c) => !this.used.has(c)) ?? candidates[0];
      if (found !== undefined) this.used.add(found);
      return found;
    }
    const text = cellText(v);
    const found = text !== "" ? this.lookup(text) : undefined;
    if (found !== undefined) this.used.add(found);
    return found;
  }

  /** Whether text names one of the definition's codes (as `claim`, without marking it used). */
  knows(code: string): boolean {
    return this.lookup(code) !== undefined;
  }

  /** Lookup of a code written in text (a header such as "1.3.a – Số văn bản"), in NFC; marks it as used. */
  claim(code: string): string | undefined {
    const found = this.lookup(code);
    if (found !== undefined) this.used.add(found);
    return found;
  }
}

/**
 * Text that may be a row's code in a form's `Mã` column, as the planner and the hosts take one
 * there: a word, not a sentence (up to 30 characters, no space: "DTI-SO", "1.2.a", "le"), so that a
 * line of text typed under the table ("Ghi chú: …") is no row of it.
 */
export function isRowCodeText(text: string): boolean {
  return text !== "" && text.length <= 30 && !/\s/.test(text);
}

/** Short text without spaces that contains a digit, such as "1.3.c": what a code looks like. */
export function looksLikeCode(text: string): boolean {
  return text.length > 0 && text.length <= 20 && !/\s/.test(text) && /\d/.test(text);
}

/**
 * A row's cells read as text of each old encoding of Vietnamese (TCVN3, VNI): for each encoding in
 * which one cell or more is such text, the row with those cells as the Unicode they stand for
 * (fromLegacy), the others as they are, and which columns (0-based) were so read (`converted`).
 * Only to tell that labels the reader does not know are typed in an old encoding ("§¬n vÞ" for
 * "Đơn vị"), and say so: never read as the row's content. A label is typed in an old encoding only
 * when its own cell was read so: a cell in Unicode ("Đơn vị" beside "Nhóm", which also reads as
 * TCVN3 text) says nothing of the encoding of the row.
 */
export function legacyRows(row: readonly CellValue[]): { encoding: LegacyEncoding; row: CellValue[]; converted: ReadonlySet<number> }[] {
  const found: { encoding: LegacyEncoding; row: CellValue[]; converted: ReadonlySet<number> }[] = [];
  for (const encoding of ["tcvn3", "vni"] as const) {
    const converted = new Set<number>();
    const cells = row.map((v, c) => {
      if (typeof v !== "string") return v;
      const text = fromLegacy(normalizeText(v), encoding);
      if (text === undefined || text === normalizeText(v)) return v;
      converted.add(c);
      return text;
    });
    if (converted.size > 0) found.push({ encoding, row: cells, converted });
  }
  return found;
}
