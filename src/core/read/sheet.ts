/** Small helpers over a sheet's grid of cells: addresses, cell text, label matching, code lookup. */
import { a1 } from "../a1";
import type { IndexModel } from "../definition/model";
import { foldText, normalizeText } from "../i18n/text";
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

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** A label folded for matching: case and diacritics ignored, a trailing ":" or "*" dropped. */
export function foldLabel(v: CellValue): string {
  return foldText(cellText(v)).replace(/[\s:*]+$/, "");
}

/**
 * Finds the definition's codes from what a cell holds. Text matches exactly (after trimming);
 * a number cell such as 1.1 is matched by its text ("1.1") first, then by numeric equality
 * ("1.10", which Excel turns into the number 1.1), taking a code not yet used in the sheet.
 */
export class CodeMatcher {
  private readonly codes = new Set<string>();
  private readonly byNumber = new Map<number, string[]>();
  private readonly used = new Set<string>();

  constructor(model: IndexModel) {
    const add = (code: string): void => {
      if (this.codes.has(code)) return;
      this.codes.add(code);
      const n = /^[+-]?\d+(\.\d+)?$/.test(code) ? Number(code) : NaN;
      if (Number.isFinite(n)) this.byNumber.set(n, [...(this.byNumber.get(n) ?? []), code]);
    };
    for (const code of model.nodes.keys()) add(code);
    for (const code of model.inputs.keys()) add(code);
  }

  /** The definition code a cell names, or undefined. Marks the code as used in this sheet. */
  match(v: CellValue): string | undefined {
    if (typeof v === "number") {
      const text = String(v);
      const candidates = [text, ...(this.byNumber.get(v) ?? [])].filter((c) => this.codes.has(c));
      const found = candidates.find((c) => !this.used.has(c)) ?? candidates[0];
      if (found !== undefined) this.used.add(found);
      return found;
    }
    const text = cellText(v);
    if (text !== "" && this.codes.has(text)) {
      this.used.add(text);
      return text;
    }
    return undefined;
  }

  /** Exact lookup of a code written in text (a header such as "1.3.a – Số văn bản"); marks it as used. */
  claim(code: string): string | undefined {
    if (!this.codes.has(code)) return undefined;
    this.used.add(code);
    return code;
  }
}

/** Short text without spaces that contains a digit, such as "1.3.c": what a code looks like. */
export function looksLikeCode(text: string): boolean {
  return text.length > 0 && text.length <= 20 && !/\s/.test(text) && /\d/.test(text);
}
