/**
 * The cached formula results of a workbook that forms were gathered into. The forms came in (or
 * took a blank form's place), so every formula elsewhere that reads them, directly or through
 * other formulas, computes something else now: above all those of a workbook scored before, the
 * flags of `_index` that compare each unit's figures with their copy, the line under each form's
 * summary and the results sheet's subtitle (A2), which read those flags. Excel recalculates on
 * opening, but LibreOffice shows a cached result as it is: the subtitle, the one of them the
 * scoring writes with a result, gets the one it computes now (that the figures of so many units
 * changed since the scoring), as a run writes it with the result it has as it leaves the workbook
 * (apply.ts); the others lose theirs, so that every reader computes them (forgetStaleResults). The
 * formulas on the forms gathered keep theirs: they are the unit's, computed on its own figures.
 */
import ExcelJS from "exceljs";
import { INDEX_SHEET, type IndexSheetState, readIndexSheet } from "../../core/plan";
import { inputsChangedStatusText, isInputsChangedLine } from "../../core/plan/labels";
import { unitsOutOfDate } from "../../core/stale";
import { forgetStaleResults, wholeSheet } from "./stale-results";
import { snapshotSheet, snapshotWorkbook } from "./read";
import { sheetNamed } from "./rename-sheets";

/** Every formula cell of `ws` (`sheet!A1`, the sheet in lower case, as forgetStaleResults keeps them). */
function formulaCells(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  const sheet = ws.name.toLowerCase();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (cell.type === ExcelJS.ValueType.Formula) out.push(`${sheet}!${cell.address}`);
    }),
  );
  return out;
}

/**
 * How many units' results are out of date now, as the command line's stale check and the pane
 * count them (unitsOutOfDate of core/stale: staleResults, each unit's hash in `_index` against its
 * figures read with the index it was scored with): those whose figures changed, those new to the
 * workbook, those gone, those whose period alone changed, whose form names another index or can no
 * longer be read; not those whose figures an earlier release that scored the workbook read
 * otherwise (a whole number with float noise), their figures unchanged. 0 when none is.
 * The formula counts the flags of `_index`, and a unit new to the workbook has none (it was not
 * scored): counted here, so that its form alone never leaves the subtitle saying the results are
 * current, though Excel, which recalculates, says so until the next scoring.
 * When that cannot be told (a stamp without a hash per unit, the index kept in `_index` not
 * readable), the forms gathered (`gathered`, at least one) are what is known to have changed.
 */
function unitsOutOfDateNow(wb: ExcelJS.Workbook, state: IndexSheetState, gathered: number): number {
  let count: number | undefined;
  try {
    // `_index` read again with the forms: the copies of their figures it keeps are read with their sheets.
    count = unitsOutOfDate(snapshotWorkbook(wb), state.provenance!.lang);
  } catch {
    count = undefined;
  }
  return count ?? gathered;
}

/**
 * After `gathered` (the names of the sheets the forms were copied to) came into `wb`: the results
 * sheet's subtitle of a workbook scored before (the cells `_index` records as its "status") gets
 * the result its formula computes now, or keeps the subtitle when no unit's results are out of
 * date; a subtitle whose result cannot be told (the scoring's date is not readable) keeps none,
 * never the subtitle that says the results are current. Every other formula reading the forms
 * gathered, but theirs, loses its cached result (the module's comment).
 */
export function refreshGatheredResults(wb: ExcelJS.Workbook, gathered: readonly string[]): void {
  if (gathered.length === 0) return;
  const keep = new Set<string>();
  for (const name of gathered) {
    const ws = sheetNamed(wb, name);
    if (ws) for (const c of formulaCells(ws)) keep.add(c);
  }
  // Whether the workbook holds results is read from `_index` alone; the forms only when they are.
  const index = sheetNamed(wb, INDEX_SHEET);
  const state = index ? readIndexSheet({ sheets: [snapshotSheet(index)] }) : undefined;
  const stamp = state?.provenance;
  if (state && stamp) {
    const status = state.owned.cells.filter((c) => c.role === "status");
    const cells = status.flatMap((c) => {
      const ws = sheetNamed(wb, c.sheet);
      return ws ? c.ranges.map((r) => ({ ws, cell: ws.getCell(r) })) : [];
    });
    // The project's subtitle formula only (it counts the flags of `_index`), not what the user typed over it.
    const ours = cells.filter(({ cell }) => cell.type === ExcelJS.ValueType.Formula && isInputsChangedLine({ formula: cell.formula }));
    if (ours.length > 0) {
      const count = unitsOutOfDateNow(wb, state, gathered.length);
      const scoredAt = new Date(stamp.scoredAt);
      for (const { ws, cell } of ours) {
        // `cell.result`: cell.value leaves a result of 0 or FALSE out.
        const now: unknown = cell.result;
        if (count === 0) {
          // Nothing out of date: the formula computes the subtitle, which the cell holds unless it says otherwise.
          if (typeof now === "string" && !isInputsChangedLine(now)) keep.add(`${ws.name.toLowerCase()}!${cell.address}`);
          continue;
        }
        if (Number.isNaN(scoredAt.getTime())) continue;
        cell.value = { ...(cell.value as ExcelJS.CellFormulaValue), result: inputsChangedStatusText(count, scoredAt, stamp.lang, cell.formula) };
        keep.add(`${ws.name.toLowerCase()}!${cell.address}`);
      }
    }
  }
  forgetStaleResults(
    wb,
    gathered.map((name) => wholeSheet(name)),
    keep,
  );
}
