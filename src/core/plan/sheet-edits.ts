/**
 * What the project writes into a layout-A sheet it does not own: the `Điểm` column (each node's
 * points, or its value when it has no max) and a two-row summary to the right of the header
 * block. Every cell written is recorded, and a later run reuses the recorded places.
 */
import type { IndexModel } from "../definition/model";
import type { Lang } from "../i18n/text";
import type { CellBlock, PlanValue, SheetEditPlan, SheetSnapshot, Submission, UnitResult } from "../types";
import { cellAddress, compactRanges, parseRange, rangeCells } from "./a1";
import type { OwnedCells } from "./index-sheet";
import { label, summaryRankText, unavailableText } from "./labels";
import { POINTS_FORMAT, VALUE_FORMAT } from "./results-sheet";

export interface SheetEditsInput {
  model: IndexModel;
  submission: Submission;
  unit: UnitResult;
  /** How many units are ranked (the 20 of "3/20"). */
  rankedCount: number;
  lang: Lang;
  sheet?: SheetSnapshot;
  /** What the last run owned in this sheet. */
  previous: OwnedCells[];
}

function isEmpty(sheet: SheetSnapshot | undefined, row: number, column: number): boolean {
  const v = sheet?.values[row - 1]?.[column - 1];
  return v === undefined || v === null || v === "";
}

/** The first place for a 2×2 summary in rows 1–2, right of the header block and clear of anything typed. */
function summaryPlace(sheet: SheetSnapshot | undefined, headerRow: number, startColumn: number): string {
  const fits = (c: number) => [1, 2].every((r) => isEmpty(sheet, r, c) && isEmpty(sheet, r, c + 1));
  let c = headerRow <= 2 ? startColumn : 4;
  while (!fits(c)) c++;
  return `${cellAddress(1, c)}:${cellAddress(2, c + 1)}`;
}

export function planSheetEdits(input: SheetEditsInput): { edit: SheetEditPlan; owned: OwnedCells[] } | undefined {
  const { model, submission, unit, lang } = input;
  const src = submission.source;
  if (!src || src.layout !== "A" || !src.rows || src.headerRow === undefined) return undefined;
  const sheetName = src.sheet;
  const blocks: CellBlock[] = [];
  const owned: OwnedCells[] = [];
  const prevOf = (role: OwnedCells["role"]) => input.previous.find((p) => p.role === role);

  let scoreColumn = src.scoreColumn;
  if (scoreColumn === undefined) {
    const prevHeader = prevOf("header")?.ranges[0];
    if (prevHeader !== undefined) {
      scoreColumn = parseRange(prevHeader).left;
    } else {
      scoreColumn = (src.lastColumn ?? 1) + 1;
      while (!isEmpty(input.sheet, src.headerRow, scoreColumn)) scoreColumn++;
    }
    const header = cellAddress(src.headerRow, scoreColumn);
    blocks.push({ address: header, values: [[label("score", lang)]], bold: true, numberFormat: "@" });
    owned.push({ sheet: sheetName, role: "header", ranges: [header] });
  } else {
    // A header the project added in an earlier run is still the project's.
    const prevHeader = prevOf("header");
    if (prevHeader) owned.push(prevHeader);
  }

  const written: string[] = [];
  for (const [code, row] of Object.entries(src.rows)) {
    const node = model.nodes.get(code);
    const result = unit.nodes[code];
    if (!node || !result) continue;
    let value: PlanValue;
    let format = "@";
    if (!result.available) value = unavailableText(result.reason, lang);
    else if (node.max !== undefined) {
      value = result.points;
      format = POINTS_FORMAT;
    } else {
      value = result.value;
      format = VALUE_FORMAT;
    }
    const address = cellAddress(row, scoreColumn);
    written.push(address);
    blocks.push({ address, values: [[value]], numberFormat: format });
  }
  // Cells of the score column the last run wrote and this run does not (a node row removed) are emptied.
  const now = new Set(written);
  for (const range of prevOf("score")?.ranges ?? []) {
    for (const a of rangeCells(range)) {
      if (!now.has(a) && parseRange(a).left === scoreColumn && parseRange(a).top !== src.headerRow) {
        blocks.push({ address: a, values: [[null]] });
        written.push(a);
      }
    }
  }
  owned.push({ sheet: sheetName, role: "score", ranges: compactRanges(written) });

  const summary = prevOf("summary")?.ranges[0] ?? summaryPlace(input.sheet, src.headerRow, Math.max(src.lastColumn ?? 1, scoreColumn) + 2);
  const s = parseRange(summary);
  const usePoints = model.root.max !== undefined;
  blocks.push({
    address: cellAddress(s.top, s.left),
    values: [
      [usePoints ? label("totalPoints", lang) : label("value", lang), usePoints ? unit.points : unit.value],
      [label("rank", lang), summaryRankText(unit.rank, input.rankedCount, lang)],
    ],
    numberFormat: [
      ["@", usePoints ? POINTS_FORMAT : VALUE_FORMAT],
      ["@", "@"],
    ],
    bold: true,
  });
  owned.push({ sheet: sheetName, role: "summary", ranges: [summary] });
  return { edit: { sheet: sheetName, blocks }, owned };
}
