/** Score table + issues → a WritePlan: everything the project writes into a workbook, as plain data. */
import { definitionHash } from "../definition";
import type { IndexModel } from "../definition/model";
import type { Lang } from "../i18n/text";
import { localize } from "../i18n/text";
import { unitsByRank } from "../score/rank";
import type { CellMark, ChartKind, Issue, ScoreTable, Severity, SheetEditPlan, Submission, UnitResult, WorkbookSnapshot, WritePlan } from "../types";
import { planChartsSheet } from "./charts";
import {
  type IndexSheetState,
  type OwnedCells,
  type RecordedMark,
  inputsHash,
  planIndexSheet,
  unitInputHashes,
  unitKey,
} from "./index-sheet";
import { INDEX_SHEET, markNote } from "./labels";
import { type IssueCounts, planResultsSheet } from "./results-sheet";
import { planSheetEdits } from "./sheet-edits";

export interface PlanOptions {
  lang: Lang;
  projectVersion: string;
  now: Date;
  /** What the last run recorded in `_index` (readIndexSheet). */
  previous?: IndexSheetState;
  /**
   * Which charts to create or update (`kinds`, default all three) and the units of the profile.
   * A chart left out is not created; one already in the workbook under its name stays as it is.
   */
  charts?: { profileUnits?: string[]; kinds?: ChartKind[] };
  /** The workbook as read: used to find free cells for the `Điểm` header and summary, and the fills marks cover. */
  snapshot?: WorkbookSnapshot;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Errors and warnings per unit key. */
export function countIssuesByUnit(issues: Issue[]): Map<string, IssueCounts> {
  const out = new Map<string, IssueCounts>();
  for (const i of issues) {
    if (i.unit === undefined) continue;
    const c = out.get(i.unit) ?? { errors: 0, warnings: 0 };
    if (i.severity === "error") c.errors++;
    else if (i.severity === "warning") c.warnings++;
    out.set(i.unit, c);
  }
  return out;
}

/** One mark per cell that has issues: the worst severity, every message as a line of the note. */
export function planMarks(issues: Issue[], lang: Lang, ownedSheets: Set<string>): CellMark[] {
  const byCell = new Map<string, { sheet: string; cell: string; issues: Issue[] }>();
  for (const i of issues) {
    if (i.sheet === undefined || i.cell === undefined || ownedSheets.has(i.sheet)) continue;
    const key = `${i.sheet}!${i.cell}`;
    const entry = byCell.get(key) ?? { sheet: i.sheet, cell: i.cell, issues: [] };
    entry.issues.push(i);
    byCell.set(key, entry);
  }
  return [...byCell.values()].map((e) => {
    const sorted = [...e.issues].sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]);
    return {
      sheet: e.sheet,
      cell: e.cell,
      severity: sorted[0]!.severity,
      note: markNote(
        sorted.map((i) => ({ severity: i.severity, text: localize(i.message, lang) })),
        lang,
      ),
    };
  });
}

/** What `_index` records of marks about to be set: each cell's own fill, to restore when the mark is cleared. */
export function recordMarks(marks: CellMark[], previous: IndexSheetState | undefined, snapshot: WorkbookSnapshot | undefined): RecordedMark[] {
  const previousMarks = new Map((previous?.marks ?? []).map((m) => [`${m.sheet}!${m.cell}`, m]));
  return marks.map((m) => {
    // A cell marked last run shows our fill now; its own fill is the one recorded then.
    const earlier = previousMarks.get(`${m.sheet}!${m.cell}`);
    const fill = earlier ? earlier.fill : snapshot?.sheets.find((x) => x.name === m.sheet)?.fills?.[m.cell];
    return { sheet: m.sheet, cell: m.cell, ...(fill !== undefined ? { fill } : {}) };
  });
}

/** Every mark the last run recorded, to clear (restoring the cell's own fill). */
export function marksToClear(previous: IndexSheetState | undefined): WritePlan["clearMarks"] {
  return (previous?.marks ?? []).map((m) => ({ sheet: m.sheet, cell: m.cell, ...(m.fill !== undefined ? { fill: m.fill } : {}) }));
}

/**
 * The charts the project owns after this run: those it writes now, and those of an earlier run on
 * the same sheet that this run leaves as they are (not chosen this time), so they stay known.
 */
function ownedCharts(sheet: string, written: string[], previous: IndexSheetState | undefined): { sheet: string; name: string }[] {
  const kept = (previous?.owned.charts ?? []).filter((c) => c.sheet === sheet && !written.includes(c.name));
  return [...written.map((name) => ({ sheet, name })), ...kept];
}

export function planResults(
  model: IndexModel,
  table: ScoreTable,
  issues: Issue[],
  submissions: Submission[],
  options: PlanOptions,
): WritePlan {
  const { lang, previous, snapshot } = options;
  const ranked = unitsByRank(table);
  const counts = countIssuesByUnit(issues);
  const zero: IssueCounts = { errors: 0, warnings: 0 };
  const results = planResultsSheet({
    model,
    table,
    units: ranked,
    counts: (u: UnitResult) => counts.get(unitKey(u)) ?? zero,
    lang,
    projectVersion: options.projectVersion,
    now: options.now,
  });
  const charts = planChartsSheet({
    model,
    units: ranked,
    lang,
    ...(options.charts?.profileUnits ? { profileUnits: options.charts.profileUnits } : {}),
    ...(options.charts?.kinds ? { kinds: options.charts.kinds } : {}),
    after: results.name,
  });
  const ownedSheets = [results.name, charts.name, INDEX_SHEET];
  const ownedSet = new Set(ownedSheets);

  // Layout-A sheets: the Điểm column and the summary.
  const edits: SheetEditPlan[] = [];
  const ownedCells: OwnedCells[] = [];
  const rankedCount = table.units.filter((u) => u.rank !== null).length;
  submissions.forEach((s, i) => {
    const unit = table.units[i];
    if (!unit || s.source?.layout !== "A" || ownedSet.has(s.source.sheet)) return;
    const sheetName = s.source.sheet;
    const planned = planSheetEdits({
      model,
      submission: s,
      unit,
      rankedCount,
      lang,
      ...(snapshot ? { sheet: snapshot.sheets.find((x) => x.name === sheetName) } : {}),
      previous: previous?.owned.cells.filter((c) => c.sheet === sheetName) ?? [],
    });
    if (!planned) return;
    edits.push(planned.edit);
    ownedCells.push(...planned.owned);
  });

  // Marks: set the new ones, clear every mark of the last run.
  const marks = planMarks(issues, lang, ownedSet);
  const recorded = recordMarks(marks, previous, snapshot);

  const state: IndexSheetState = {
    definitionJson: JSON.stringify(model.definition),
    owned: {
      sheets: ownedSheets,
      charts: ownedCharts(charts.name, charts.charts.map((c) => c.name), previous),
      cells: ownedCells,
    },
    marks: recorded,
    provenance: {
      scoredAt: options.now.toISOString(),
      projectVersion: options.projectVersion,
      definitionHash: definitionHash(model.definition),
      inputsHash: inputsHash(submissions),
      unitHashes: unitInputHashes(submissions),
      lang,
    },
  };
  const index = planIndexSheet(state);

  // Sheets of an earlier run under other names (the other language) go, so that nothing is duplicated.
  const removeSheets = (previous?.owned.sheets ?? []).filter((n) => !ownedSet.has(n));
  return {
    lang,
    owned: [results, charts, index],
    edits,
    marks,
    clearMarks: marksToClear(previous),
    ...(removeSheets.length > 0 ? { removeSheets } : {}),
  };
}
