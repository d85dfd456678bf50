/**
 * Renaming the project's sheets (a workbook scored in Vietnamese scored again in English:
 * `Kết quả` → `Results`) as Excel renames a sheet: every formula of the workbook that names the
 * sheet names it by its new name, so a user's `='Kết quả'!D5` on a sheet of theirs reads
 * `=Results!D5` and keeps working. Rewritten: the formulas of cells on every sheet (a shared
 * formula's master cell, which holds the text of its fill-down), defined names, data validation
 * and conditional formatting formulas, and links to a place in the workbook.
 * The columns of the project's tables renamed by a run (`DTI_Results[Tổng điểm]` →
 * `DTI_Results[Total points]`) are followed in the same formulas, as Excel follows a header it
 * sees renamed.
 */
import type ExcelJS from "exceljs";
import type { SheetMessage } from "../../core/i18n/text";
import { type ColumnRenames, type FormulaPlace, goneColumnsMessage, plannedHeaders, renameTableColumnsInFormula, tableColumnRenames } from "../../core/structured-refs";
import type { WritePlan } from "../../core/types";
import { renameSheetInFormula } from "./stale-results";

/** The sheet of that name, compared as Excel compares sheet names: without case. */
export function sheetNamed(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const lower = name.toLowerCase();
  return wb.worksheets.find((w) => w.name.toLowerCase() === lower);
}

/** A formula's text made anew; `at` says where it is: a cell, or the range of a validation or a conditional format. */
type Rewrite = (text: string, at: string) => string;

function rewriteAll(formulae: unknown[], at: string, rewrite: Rewrite): unknown[] {
  return formulae.map((f) => (typeof f === "string" ? rewrite(f, at) : f));
}

/**
 * Every formula of a sheet rewritten: those of its cells (their text: a shared formula's clones
 * hold none of their own), data validations and conditional formats; `link`, when given, rewrites
 * its links to a place in the workbook.
 */
export function rewriteSheet(ws: ExcelJS.Worksheet, rewrite: Rewrite, link?: (place: string) => string): void {
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      // The cell's own model: assigning cell.value would drop a cached result of 0 or FALSE.
      const model = (cell as unknown as { _value?: { model?: { formula?: unknown; hyperlink?: unknown } } })._value?.model;
      if (!model) return;
      if (typeof model.formula === "string") model.formula = rewrite(model.formula, cell.address);
      // A link to a place in the workbook (`'Kết quả'!A1`), not to a file or a web page.
      if (link && typeof model.hyperlink === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(model.hyperlink)) {
        const local = model.hyperlink.replace(/^#/, "");
        const renamed = link(local);
        if (renamed !== local) model.hyperlink = `${model.hyperlink.startsWith("#") ? "#" : ""}${renamed}`;
      }
    }),
  );
  const validations = (ws as unknown as { dataValidations?: { model?: Record<string, { formulae?: unknown[] } | undefined> } }).dataValidations?.model ?? {};
  // ExcelJS gives each cell of a drop-down's range the one rule object of that range: rewritten once.
  const seen = new Set<object>();
  for (const [at, rule] of Object.entries(validations)) {
    if (!rule || seen.has(rule)) continue;
    seen.add(rule);
    if (rule.formulae) rule.formulae = rewriteAll(rule.formulae, at, rewrite);
  }
  const formats = (ws as unknown as { conditionalFormattings?: { ref?: string; rules?: { formulae?: unknown[] }[] }[] }).conditionalFormattings ?? [];
  for (const cf of formats) {
    for (const rule of cf.rules ?? []) {
      if (rule.formulae) rule.formulae = rewriteAll(rule.formulae, cf.ref ?? "", rewrite);
    }
  }
}

/** Every defined name's formula rewritten (`name`: the defined name). */
export function rewriteDefinedNames(wb: ExcelJS.Workbook, rewrite: (text: string, name: string) => string): void {
  const names = wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] };
  const model = names.model ?? [];
  let changed = false;
  const next = model.map(({ name, ranges }) => ({
    name,
    ranges: ranges.map((r) => {
      const renamed = rewrite(r, name);
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
    const renameIn = (text: string) => (text.includes("!") ? renameSheetInFormula(text, old, to) : text);
    // Defined names are kept by the sheet's name: rewritten while it still has the old one.
    rewriteDefinedNames(wb, renameIn);
    ws.name = to;
    for (const sheet of wb.worksheets) rewriteSheet(sheet, renameIn, renameIn);
    done.push({ from: old, to });
  }
  return done;
}

/** The headers of the workbook's table of that name (compared without case, as Excel does), wherever it is; undefined when there is none. */
function tableHeaders(wb: ExcelJS.Workbook, name: string): string[] | undefined {
  const lower = name.toLowerCase();
  for (const ws of wb.worksheets) {
    const tables = (ws as unknown as { tables?: Record<string, { table?: { columns?: { name?: unknown }[] } }> }).tables ?? {};
    const found = Object.entries(tables).find(([n]) => n.toLowerCase() === lower)?.[1];
    if (found) return (found.table?.columns ?? []).map((c) => (typeof c.name === "string" ? c.name : ""));
  }
  return undefined;
}

/**
 * The columns of the plan's tables that the workbook's table of the same name has under other
 * headers (the last run in the other language: `Tổng điểm` is now `Total points`) are renamed in
 * every formula of the workbook that names them (`DTI_Results[Tổng điểm]` →
 * `DTI_Results[Total points]`), as Excel renames them when a table's header changes: the user's
 * INDEX/MATCH over the results keeps working. A formula naming a column the plan's table no longer
 * has (a group taken out of the index) is left as it is, and `warnings` name its sheet and cells
 * in one sentence per sheet. Done before the tables are written anew, while
 * the workbook still has the last run's headers.
 */
export function renameTableColumns(wb: ExcelJS.Workbook, plan: WritePlan, warnings?: SheetMessage[]): void {
  for (const sheet of plan.owned) {
    for (const table of sheet.tables) {
      const before = tableHeaders(wb, table.name);
      if (!before) continue;
      const columns: ColumnRenames = tableColumnRenames(before, plannedHeaders(sheet, table));
      if (columns.size === 0) continue;
      // Where formulas name gone columns: by sheet, their cells and the columns. (ExcelJS keeps no
      // defined name holding a structured reference: there are none to rewrite.)
      const gone = new Map<string, { place: FormulaPlace; columns: Set<string> }>();
      for (const ws of wb.worksheets) {
        rewriteSheet(ws, (text, at) => {
          const { text: out, gone: names } = renameTableColumnsInFormula(text, table.name, columns);
          if (names.length === 0) return out;
          let entry = gone.get(ws.name);
          if (!entry) gone.set(ws.name, (entry = { place: { sheet: ws.name, cells: [] }, columns: new Set() }));
          if (!entry.place.cells.includes(at)) entry.place.cells.push(at);
          for (const n of names) entry.columns.add(n);
          return out;
        });
      }
      for (const { place, columns: names } of gone.values()) warnings?.push(goneColumnsMessage(table.name, place, [...names]));
    }
  }
}
