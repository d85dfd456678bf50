/**
 * Renaming the project's sheets (a workbook scored in Vietnamese scored again in English:
 * `Kết quả` → `Results`) as Excel renames a sheet: every formula of the workbook that names the
 * sheet names it by its new name, so a user's `='Kết quả'!D5` on a sheet of theirs reads
 * `=Results!D5` and keeps working. Rewritten: the formulas of cells on every sheet (a shared
 * formula's master cell, which holds the text of its fill-down), defined names, data validation
 * and conditional formatting formulas, and links to a place in the workbook.
 */
import type ExcelJS from "exceljs";
import { renameSheetInFormula } from "./stale-results";

/** The sheet of that name, compared as Excel compares sheet names: without case. */
function sheetNamed(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const lower = name.toLowerCase();
  return wb.worksheets.find((w) => w.name.toLowerCase() === lower);
}

function renameIn(text: string, from: string, to: string): string {
  return text.includes("!") ? renameSheetInFormula(text, from, to) : text;
}

/** The formulas of every cell (their text: a shared formula's clones hold none of their own). */
function renameInCells(ws: ExcelJS.Worksheet, from: string, to: string): void {
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      // The cell's own model: assigning cell.value would drop a cached result of 0 or FALSE.
      const model = (cell as unknown as { _value?: { model?: { formula?: unknown; hyperlink?: unknown } } })._value?.model;
      if (!model) return;
      if (typeof model.formula === "string") model.formula = renameIn(model.formula, from, to);
      // A link to a place in the workbook (`'Kết quả'!A1`), not to a file or a web page.
      if (typeof model.hyperlink === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(model.hyperlink)) {
        const local = model.hyperlink.replace(/^#/, "");
        const renamed = renameIn(local, from, to);
        if (renamed !== local) model.hyperlink = `${model.hyperlink.startsWith("#") ? "#" : ""}${renamed}`;
      }
    }),
  );
}

function renameInValidations(ws: ExcelJS.Worksheet, from: string, to: string): void {
  const model = (ws as unknown as { dataValidations?: { model?: Record<string, { formulae?: unknown[] } | undefined> } }).dataValidations?.model ?? {};
  for (const rule of Object.values(model)) {
    if (rule?.formulae) rule.formulae = rule.formulae.map((f) => (typeof f === "string" ? renameIn(f, from, to) : f));
  }
}

function renameInConditionalFormats(ws: ExcelJS.Worksheet, from: string, to: string): void {
  const formats = (ws as unknown as { conditionalFormattings?: { rules?: { formulae?: unknown[] }[] }[] }).conditionalFormattings ?? [];
  for (const cf of formats) {
    for (const rule of cf.rules ?? []) {
      if (rule.formulae) rule.formulae = rule.formulae.map((f) => (typeof f === "string" ? renameIn(f, from, to) : f));
    }
  }
}

function renameInDefinedNames(wb: ExcelJS.Workbook, from: string, to: string): void {
  const names = wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] };
  const model = names.model ?? [];
  let changed = false;
  const next = model.map(({ name, ranges }) => ({
    name,
    ranges: ranges.map((r) => {
      const renamed = renameIn(r, from, to);
      if (renamed !== r) changed = true;
      return renamed;
    }),
  }));
  if (changed) names.model = next;
}

/**
 * Renames each sheet `from` to `to` that is in the workbook under `from` while no other sheet is
 * called `to`, and rewrites the workbook's formulas that name it. Returns the renames made.
 */
export function renameSheets(wb: ExcelJS.Workbook, renames: readonly { from: string; to: string }[]): { from: string; to: string }[] {
  const done: { from: string; to: string }[] = [];
  for (const { from, to } of renames) {
    const ws = sheetNamed(wb, from);
    const there = sheetNamed(wb, to);
    if (!ws || (there && there !== ws)) continue;
    const old = ws.name;
    // Defined names are kept by the sheet's name: rewritten while it still has the old one.
    renameInDefinedNames(wb, old, to);
    ws.name = to;
    for (const sheet of wb.worksheets) {
      renameInCells(sheet, old, to);
      renameInValidations(sheet, old, to);
      renameInConditionalFormats(sheet, old, to);
    }
    done.push({ from: old, to });
  }
  return done;
}
