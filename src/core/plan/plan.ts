/** Score table + issues → a WritePlan: everything the project writes into a workbook, as plain data. */
import { rangesWithRowsInserted } from "../a1";
import { definitionHash } from "../definition";
import type { IndexModel } from "../definition/model";
import type { Lang, Message, SheetMessage } from "../i18n/text";
import { LANGS, foldText, localize } from "../i18n/text";
import { unitsByRank } from "../score/rank";
import type { CellMark, CellValue, ChartKind, ChartPlan, Issue, ScoreTable, Severity, SheetEditPlan, SheetSnapshot, Submission, UnitResult, WorkbookSnapshot, WritePlan } from "../types";
import { type CellRange, cellAddress, columnLetter, parseCell, parseRange, rangeAddress } from "./a1";
import { CHARTS_STATUS_CELL, chartsDataRanges, chartsStatusRule, lastChartsArea, movedChartsStatus, planChartsSheet, withChartsStatus } from "./charts";
import {
  type IndexSheetState,
  type OwnedCells,
  type RecordedMark,
  inputsHash,
  mapRecordedMarks,
  inputCopies,
  inputsChangedCount,
  planIndexSheet,
  resultNoteHash,
  unitInputHashes,
  UNIT_HASH_SCHEME,
  unitKey,
} from "./index-sheet";
import { INDEX_SHEET, type RadarChooser, formPageHeader, instructionsPeriodLine, isInputsChangedLine, isInstructionsPeriodBlock, isMarkFill, markNote } from "./labels";
import { formPeriods, statedPeriod } from "../read/periods";
import { findingWithoutLocation } from "../finding-text";
import { isInstructionsSheet } from "../form-sheets";
import { cellText } from "../read/sheet";
import {
  type IssueCounts,
  RESULTS_HEADER_ROW,
  RESULTS_STATUS_CELL,
  figureFormats,
  notScoredRows,
  ownResultsHeaders,
  planResultsSheet,
  printedPageTexts,
  resultsNote,
  resultsTableRange,
  roundingRow,
  showsRounding,
  withInputsChangedStatus,
} from "./results-sheet";
import {
  type AddedValue,
  addedColumns,
  cellsUnderCharts,
  droppedValuesMessage,
  firstCellsListed,
  lastRunArea,
  linesByContent,
  noteRemarks,
  ownedSheetRewrite,
  overwrittenMessage,
  recordedRanges,
  strandedBeside,
  strandedBesideMessage,
  tableMoves,
  unclearRemarksMessage,
  underChartsMessage,
  writtenArea,
  typedCells,
  type TypedCell,
} from "./results-area";
import { languageOfForm, languageOfSheet, planClearForm, planClearUnscoredForm, planFormNotScored, planSheetEdits } from "./sheet-edits";
import { type OwnedSheetNames, ownedSheetNames, textOf } from "./sheet-names";
import { notScoredEntries } from "./not-scored";
import { type FormLink, instructionsFormLinks } from "./form-links";

export { notScoredEntries } from "./not-scored";

/** The warnings a plan carries (none for a plan without). */
export function planWarnings(plan: WritePlan): SheetMessage[] {
  return [...(plan.warnings ?? [])];
}

/**
 * The plan without the instructions sheet's period line (isInstructionsPeriodBlock): a host asks
 * it of a sheet it left as it is (a password protects it) whether anything but that line and its
 * printed header was to be written there, to say which was not.
 */
export function withoutInstructionsPeriodLines(plan: WritePlan): WritePlan {
  return { ...plan, edits: plan.edits.map((e) => ({ ...e, blocks: e.blocks.filter((b) => !isInstructionsPeriodBlock(b)) })) };
}

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
  charts?: { profileUnits?: string[]; kinds?: ChartKind[]; chooseWith?: RadarChooser };
  /** The workbook as read: used to find free cells for the `Điểm` header and summary, and the fills marks cover. */
  snapshot?: WorkbookSnapshot;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/**
 * Errors and warnings per unit key, and whether the unit's form or row holds no figure at all
 * (the finding "no-figures"): a form or a row as its submission was read (`submissions`: a sheet
 * of one unit is a form, layout A; a row of a table of units, layout B), "unit" when not known.
 */
export function countIssuesByUnit(issues: Issue[], submissions: readonly Submission[] = []): Map<string, IssueCounts> {
  const out = new Map<string, IssueCounts>();
  let layouts: Map<string, string | undefined> | undefined;
  for (const i of issues) {
    if (i.unit === undefined) continue;
    const c = out.get(i.unit) ?? { errors: 0, warnings: 0 };
    if (i.severity === "error") {
      c.errors++;
      if (i.sheet !== undefined && i.cell !== undefined) (c.errorCells ??= []).push({ sheet: i.sheet, cell: i.cell });
    } else if (i.severity === "warning") c.warnings++;
    if (i.code === "no-figures") {
      layouts ??= new Map(submissions.map((s) => [unitKey(s), s.source?.layout]));
      const layout = layouts.get(i.unit);
      c.noFigures = layout === "A" ? "form" : layout === "B" ? "row" : "unit";
    }
    out.set(i.unit, c);
  }
  return out;
}

/**
 * One mark per cell that has issues: the worst severity, every message as a line of the note, in
 * the language of the sheet it is on (`langOf`, formLanguages; the run's when not given). A cell
 * with "evidence-missing" is the `Minh chứng` cell of an indicator whose evidence is required,
 * which the template gives a note ("Bắt buộc có minh chứng…", makeTemplate): `noted: "template"`.
 */
export function planMarks(issues: Issue[], lang: Lang, ownedSheets: Set<string>, langOf: (sheet: string) => Lang = () => lang): CellMark[] {
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
    const noteLang = langOf(e.sheet);
    return {
      sheet: e.sheet,
      cell: e.cell,
      severity: sorted[0]!.severity,
      note: markNote(
        // On its own cell a note does not say the cell again ("Trang tính 'Sở Xây dựng', ô D34: ").
        sorted.map((i) => ({ severity: i.severity, text: findingWithoutLocation(i, noteLang) })),
        noteLang,
      ),
      ...(e.issues.some((i) => i.code === "evidence-missing") ? { noted: "template" as const } : {}),
    };
  });
}

/**
 * The language of what the project writes on each sheet, by name: on a unit's form, the form's
 * own (languageOfForm, the decision its Điểm column and summary follow), so that its marks' notes
 * speak it too and a Vietnamese form scored in English stays one language; on a form the reader
 * left out, its own as its table's header tells (languageOfSheet); elsewhere the run's (`lang`).
 */
export function formLanguages(lang: Lang, submissions: Submission[], snapshot: WorkbookSnapshot | undefined, previous: IndexSheetState | undefined): (sheet: string) => Lang {
  const previousCells = previousCellsOf(previous, snapshot);
  const sheetOf = (name: string) => snapshot?.sheets.find((x) => x.name === name);
  const known = new Map<string, Lang>();
  for (const s of submissions) {
    const src = s.source;
    if (src?.layout !== "A" || src.headerRow === undefined || known.has(src.sheet)) continue;
    known.set(src.sheet, languageOfForm({ headerRow: src.headerRow, scoreColumn: src.scoreColumn }, sheetOf(src.sheet), previousCells(src.sheet, unitKey(s)), lang));
  }
  return (sheet) => {
    let found = known.get(sheet);
    if (found === undefined) {
      found = languageOfSheet(sheetOf(sheet), (previous?.owned.cells ?? []).filter((c) => c.sheet === sheet), lang);
      known.set(sheet, found);
    }
    return found;
  };
}

/**
 * What `_index` records of marks about to be set: each cell's own fill, to restore when the mark
 * is cleared. `renamed` (formsRenamed) says where the sheets of the last run's marks are now.
 */
export function recordMarks(marks: CellMark[], previous: IndexSheetState | undefined, snapshot: WorkbookSnapshot | undefined, renamed?: Map<string, string>): RecordedMark[] {
  const previousMarks = new Map(marksToClear(previous, renamed).map((m) => [`${m.sheet}!${m.cell}`, m]));
  return marks.map((m) => {
    // A cell marked last run shows our fill now; its own fill is the one recorded then.
    const earlier = previousMarks.get(`${m.sheet}!${m.cell}`);
    const fill = earlier ? earlier.fill : snapshot?.sheets.find((x) => x.name === m.sheet)?.fills?.[m.cell];
    return { sheet: m.sheet, cell: m.cell, ...(fill !== undefined ? { fill } : {}) };
  });
}

/**
 * Every mark the last run recorded, to clear (restoring the cell's own fill), on the sheet it is
 * on now: `renamed` (formsRenamed) maps the sheet of a form the user renamed to its new name.
 */
export function marksToClear(previous: IndexSheetState | undefined, renamed?: Map<string, string>): WritePlan["clearMarks"] {
  return (previous?.marks ?? []).map((m) => ({ sheet: renamed?.get(m.sheet.toLowerCase()) ?? m.sheet, cell: m.cell, ...(m.fill !== undefined ? { fill: m.fill } : {}) }));
}

/**
 * The forms the user renamed since the last run, as `_index`'s `form` records (unit → sheet) and
 * the forms read now tell: recorded sheet (lower case) → the sheet its unit's form is read from
 * now. Only a recorded sheet no longer in the workbook, of one unit recorded there alone (as
 * previousCellsOf does for the cells the last run wrote).
 */
export function formsRenamed(previous: IndexSheetState | undefined, snapshot: WorkbookSnapshot | undefined, submissions: Submission[]): Map<string, string> {
  const out = new Map<string, string>();
  const forms = previous?.owned.forms ?? [];
  if (!snapshot || forms.length === 0) return out;
  const present = new Set(snapshot.sheets.map((s) => s.name.toLowerCase()));
  const now = new Map<string, string>();
  for (const s of submissions) if (s.source?.layout === "A") now.set(unitKey(s), s.source.sheet);
  const unitsOn = new Map<string, string[]>();
  const sheetsOf = new Map<string, string[]>();
  for (const f of forms) {
    unitsOn.set(f.sheet.toLowerCase(), [...(unitsOn.get(f.sheet.toLowerCase()) ?? []), f.unit]);
    sheetsOf.set(f.unit, [...(sheetsOf.get(f.unit) ?? []), f.sheet]);
  }
  for (const [sheet, units] of unitsOn) {
    if (present.has(sheet) || units.length !== 1 || sheetsOf.get(units[0]!)?.length !== 1) continue;
    const there = now.get(units[0]!);
    if (there !== undefined && present.has(there.toLowerCase())) out.set(sheet, there);
  }
  return out;
}

export type MarkToClear = WritePlan["clearMarks"][number];

/** A cell that carries a note (or comment) now, as a host found it; `ours` when the project wrote (part of) it. */
export interface NotedCell {
  sheet: string;
  cell: string;
  ours: boolean;
  /** The note's text, when the host read it: a copy of a mark is known by it. */
  text?: string;
}

function markKey(sheet: string, cell: string): string {
  return `${sheet.toLowerCase()}!${cell.replace(/\$/g, "").toUpperCase()}`;
}

interface Located {
  row: number;
  column: number;
}

function located(cell: string): Located {
  return parseCell(cell);
}

function readingOrder(a: Located, b: Located): number {
  return a.row - b.row || a.column - b.column;
}

/** Larger alignments than this (recorded × found marks on one sheet) pair in order instead. */
const ALIGN_LIMIT = 4_000_000;

/**
 * Pairs recorded marks with found ones on one sheet, both in reading order. Inserting or deleting
 * rows and columns keeps the order of the cells that remain, so the pairs never cross: the most
 * pairs, and among those the least distance moved. Returns, for each recorded mark, the index of
 * its found mark or -1.
 */
function align(recorded: Located[], found: Located[]): number[] {
  const n = recorded.length;
  const m = found.length;
  const out = new Array<number>(n).fill(-1);
  if (n === m || n * m > ALIGN_LIMIT) {
    // The same number: pairs that never cross are the marks in order.
    for (let i = 0; i < Math.min(n, m); i++) out[i] = i;
    return out;
  }
  const dist = (i: number, j: number) => Math.abs(recorded[i]!.row - found[j]!.row) + Math.abs(recorded[i]!.column - found[j]!.column);
  // best[i][j]: [pairs, -distance] over the first i recorded and j found marks.
  const width = m + 1;
  const pairs = new Int32Array((n + 1) * width);
  const cost = new Float64Array((n + 1) * width);
  const step = new Uint8Array((n + 1) * width); // 1: pair, 2: skip recorded, 3: skip found
  const better = (p: number, c: number, at: number) => p > pairs[at]! || (p === pairs[at]! && c < cost[at]!);
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const at = i * width + j;
      if (i === 0 && j === 0) continue;
      pairs[at] = -1;
      cost[at] = Infinity;
      if (i > 0 && j > 0) {
        const from = (i - 1) * width + (j - 1);
        pairs[at] = pairs[from]! + 1;
        cost[at] = cost[from]! + dist(i - 1, j - 1);
        step[at] = 1;
      }
      if (i > 0) {
        const from = (i - 1) * width + j;
        if (better(pairs[from]!, cost[from]!, at)) {
          pairs[at] = pairs[from]!;
          cost[at] = cost[from]!;
          step[at] = 2;
        }
      }
      if (j > 0) {
        const from = i * width + (j - 1);
        if (better(pairs[from]!, cost[from]!, at)) {
          pairs[at] = pairs[from]!;
          cost[at] = cost[from]!;
          step[at] = 3;
        }
      }
    }
  }
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const s = step[i * width + j];
    if (s === 1) out[--i] = --j;
    else if (s === 2) i--;
    else j--;
  }
  return out;
}

/**
 * Where the marks the last run recorded are now. `_index` records each mark at the address it had
 * then; when the user inserts or deletes rows or columns, the marked cell moves and its note and
 * fill go with it, so the address is only a hint. A mark is the project's note on a cell (`notes`
 * says which cells carry a note now, and whether it is the project's): each recorded mark is
 * paired with one of the project's notes on its sheet (see `align`), and the fill it recorded goes
 * with it. A note of the project's with no recorded mark, on any sheet, is cleared too: a form
 * copied from a marked one (how a unit is usually added) carries copies of its marks, and a form
 * renamed since carries marks recorded under its old name. Such a mark gives back the fill of the
 * mark it is a copy of (a paired mark with the same note), else the fill recorded for a mark at
 * the same address (forms made alike shade the same cells), else none.
 * A recorded mark whose note is gone is left alone (its fill is no longer known to be the mark's),
 * unless its cell carries the user's own note, which the project leaves and marks by fill alone:
 * that cell is found by the offset of the nearest paired mark before it (or after it).
 */
export function locateMarks(recorded: MarkToClear[], notes: NotedCell[]): MarkToClear[] {
  return locate(recorded, notes).clears;
}

/** locateMarks, and the sheets (lower case) where a mark was found away from its recorded cell. */
function locate(recorded: MarkToClear[], notes: NotedCell[]): { clears: MarkToClear[]; moved: Set<string> } {
  const moved = new Set<string>();
  const bySheet = new Map<string, { recorded: MarkToClear[]; ours: NotedCell[]; others: Set<string> }>();
  for (const m of recorded) {
    const k = m.sheet.toLowerCase();
    const entry = bySheet.get(k) ?? { recorded: [], ours: [], others: new Set<string>() };
    entry.recorded.push(m);
    bySheet.set(k, entry);
  }
  for (const n of notes) {
    let entry = bySheet.get(n.sheet.toLowerCase());
    if (!entry) {
      // A sheet without recorded marks matters only for the project's notes on it.
      if (!n.ours) continue;
      entry = { recorded: [], ours: [], others: new Set<string>() };
      bySheet.set(n.sheet.toLowerCase(), entry);
    }
    if (n.ours) entry.ours.push(n);
    else entry.others.add(markKey(n.sheet, n.cell));
  }
  const out: MarkToClear[] = [];
  // The project's notes no recorded mark pairs with, and the fills of the paired ones by note text.
  const unrecorded: NotedCell[] = [];
  const fillByText = new Map<string, string | undefined>();
  for (const [sheetKey, { recorded: marks, ours, others }] of bySheet) {
    const rec = [...new Map(marks.map((m) => [markKey(m.sheet, m.cell), { mark: m, at: located(m.cell) }])).values()].sort((a, b) => readingOrder(a.at, b.at));
    const found = [...new Map(ours.map((n) => [markKey(n.sheet, n.cell), { note: n, at: located(n.cell) }])).values()].sort((a, b) => readingOrder(a.at, b.at));
    const pairing = align(
      rec.map((r) => r.at),
      found.map((f) => f.at),
    );
    const paired = new Set<number>();
    pairing.forEach((j, i) => {
      if (j < 0) return;
      paired.add(j);
      const { mark } = rec[i]!;
      const { note } = found[j]!;
      if (readingOrder(rec[i]!.at, found[j]!.at) !== 0) moved.add(sheetKey);
      // The sheet as it is named now (a recorded name may differ in case).
      out.push({ sheet: note.sheet, cell: note.cell, ...(mark.fill !== undefined ? { fill: mark.fill } : {}) });
      if (note.text !== undefined && !fillByText.has(note.text)) fillByText.set(note.text, mark.fill);
    });
    found.forEach((f, j) => {
      if (!paired.has(j)) unrecorded.push(f.note);
    });
    // Marks set by fill alone (the cell has the user's note): moved as the nearest paired mark moved.
    const offsetAt = (i: number): Located => {
      for (let k = i - 1; k >= 0; k--) if (pairing[k]! >= 0) return offsetOf(k);
      for (let k = i + 1; k < rec.length; k++) if (pairing[k]! >= 0) return offsetOf(k);
      return { row: 0, column: 0 };
    };
    const offsetOf = (k: number): Located => {
      const from = rec[k]!.at;
      const to = found[pairing[k]!]!.at;
      return { row: to.row - from.row, column: to.column - from.column };
    };
    pairing.forEach((j, i) => {
      if (j >= 0) return;
      const { mark, at } = rec[i]!;
      const d = offsetAt(i);
      const row = at.row + d.row;
      const column = at.column + d.column;
      if (row < 1 || column < 1) return;
      const cell = cellAddress(row, column);
      if (!others.has(markKey(mark.sheet, cell))) return;
      if (d.row !== 0 || d.column !== 0) moved.add(sheetKey);
      out.push({ sheet: mark.sheet, cell, ...(mark.fill !== undefined ? { fill: mark.fill } : {}) });
    });
  }
  const fillAt = new Map<string, string | undefined>();
  for (const m of recorded) {
    const at = m.cell.replace(/\$/g, "").toUpperCase();
    if (!fillAt.has(at)) fillAt.set(at, m.fill);
  }
  for (const n of unrecorded) {
    const fill = n.text !== undefined && fillByText.has(n.text) ? fillByText.get(n.text) : fillAt.get(n.cell.replace(/\$/g, "").toUpperCase());
    out.push({ sheet: n.sheet, cell: n.cell, ...(fill !== undefined ? { fill } : {}) });
  }
  return { clears: out, moved };
}

/**
 * A plan whose marks to clear are where they are now (locateMarks: `notes` are those of every
 * sheet, so that copies of marks are cleared too), with `_index` saying so: a
 * new mark on a cell that carries an earlier mark keeps that mark's recorded fill, and one on a
 * cell recorded last run, now another cell (marks moved on its sheet), records the fill the
 * cell has now (`fillNow`, as the host reads it; absent when the host does not read fills).
 */
export function relocateMarks(plan: WritePlan, notes: NotedCell[], fillNow?: (sheet: string, cell: string) => string | undefined): WritePlan {
  if (plan.clearMarks.length === 0 && !notes.some((n) => n.ours)) return plan;
  const { clears, moved } = locate(plan.clearMarks, notes);
  const now = new Map(clears.map((c) => [markKey(c.sheet, c.cell), c]));
  const before = new Set(plan.clearMarks.map((c) => markKey(c.sheet, c.cell)));
  const owned = plan.owned.map((o) =>
    o.name !== INDEX_SHEET
      ? o
      : mapRecordedMarks(o, (m) => {
          const key = markKey(m.sheet, m.cell);
          const there = now.get(key);
          if (there) return { sheet: m.sheet, cell: m.cell, ...(there.fill !== undefined ? { fill: there.fill } : {}) };
          // Not marked last run, or marked and nothing moved on its sheet (the user removed the note):
          // the fill recorded by the planner holds.
          if (!before.has(key) || !moved.has(m.sheet.toLowerCase())) return m;
          // The cell was marked last run and another cell moved there: the fill it has is its own.
          const fill = fillNow?.(m.sheet, m.cell);
          return { sheet: m.sheet, cell: m.cell, ...(fill !== undefined ? { fill } : {}) };
        }),
  );
  return { ...plan, owned, clearMarks: clears };
}

/**
 * A plan whose `_index` records, for each new mark without a recorded fill, the fill its cell has
 * now (`fillOf`, ARGB, as the host read it just before writing; undefined for no fill): for a
 * host whose snapshot carries no fills (Excel), so that clearing the mark gives the cell its
 * own fill back. A cell that carries a mark of the last run (its fill is the mark's), and a fill
 * that is one of the marks' own, are left as recorded.
 */
export function withFillsOfMarkedCells(plan: WritePlan, fillOf: (sheet: string, cell: string) => string | undefined): WritePlan {
  if (plan.marks.length === 0) return plan;
  const marked = new Set(plan.clearMarks.map((c) => markKey(c.sheet, c.cell)));
  const owned = plan.owned.map((o) =>
    mapRecordedMarks(o, (m) => {
      if (m.fill !== undefined || marked.has(markKey(m.sheet, m.cell))) return m;
      const fill = fillOf(m.sheet, m.cell)?.toUpperCase();
      return fill !== undefined && !isMarkFill(fill) ? { ...m, fill } : m;
    }),
  );
  return { ...plan, owned };
}

/**
 * The charts the project owns after this run: those it writes now, with the title it writes on
 * them, and those of an earlier run on the same sheet that this run leaves as they are (not
 * chosen this time), so they stay known.
 */
function ownedCharts(sheet: string, written: ChartPlan[], previous: IndexSheetState | undefined, renamed: Map<string, string>): IndexSheetState["owned"]["charts"] {
  const kept = (previous?.owned.charts ?? [])
    .map((c) => ({ ...c, sheet: renamed.get(c.sheet) ?? c.sheet }))
    .filter((c) => c.sheet === sheet && !written.some((w) => w.name === c.name));
  return [...written.map((c) => ({ sheet, name: c.name, title: c.title })), ...kept];
}

/**
 * The charts with, among the project's titles, the one the last run wrote on each (`_index`): a
 * chart that still shows it is retitled, one the user retitled keeps theirs.
 */
function withTitlesWritten(charts: ChartPlan[], previous: IndexSheetState | undefined): ChartPlan[] {
  return charts.map((c) => {
    const last = previous?.owned.charts.find((p) => p.name === c.name)?.title;
    return last === undefined || !c.ourTitles || c.ourTitles.includes(last) ? c : { ...c, ourTitles: [...c.ourTitles, last] };
  });
}

/**
 * What the last run wrote into a form sheet, for the sheet a unit's form is on now: what `_index`
 * records on that sheet, or, when nothing is (the user renamed the sheet), what it records on the
 * sheet it recorded for the same unit (by unit key), when that sheet is no longer in the workbook.
 */
function previousCellsOf(previous: IndexSheetState | undefined, snapshot: WorkbookSnapshot | undefined): (sheet: string, unit: string) => OwnedCells[] {
  const cells = previous?.owned.cells ?? [];
  const forms = previous?.owned.forms ?? [];
  const present = new Set(snapshot?.sheets.map((s) => s.name.toLowerCase()) ?? []);
  const bySheet = new Map<string, OwnedCells[]>();
  for (const c of cells) bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c]);
  const unitSheets = new Map<string, string[]>();
  for (const f of forms) unitSheets.set(f.unit, [...(unitSheets.get(f.unit) ?? []), f.sheet]);
  return (sheet, unit) => {
    const here = bySheet.get(sheet);
    if (here) return here;
    const there = unitSheets.get(unit);
    // A unit key recorded on more than one sheet does not say which one.
    if (!snapshot || there?.length !== 1 || present.has(there[0]!.toLowerCase())) return [];
    return (bySheet.get(there[0]!) ?? []).map((c) => ({ ...c, sheet }));
  };
}

/**
 * The assessment periods the scored forms state (their `Kỳ đánh giá`, as read from the sheets of
 * `snapshot`), in the order of the submissions, each once.
 */
export function statedPeriods(submissions: Submission[], snapshot: WorkbookSnapshot | undefined): string[] {
  return [...new Set([...formPeriods(snapshot, submissions).map((f) => f.period), ...tablePeriods(submissions)])];
}

/** The years tables of units name with their inputs' columns ("le_2022": SubmissionSource.period), in the order of the submissions. */
function tablePeriods(submissions: Submission[]): string[] {
  return submissions.flatMap((s) => (s.source?.layout === "B" && s.source.period !== undefined ? [s.source.period] : []));
}

/** The row of the instructions sheet's period line, under its title: "Kỳ đánh giá: Năm 2024" (A2, merged across the unit table). */
const INSTRUCTIONS_PERIOD_ROW = 2;

/** How the English instructions sheet's title (A1) starts; the Vietnamese one's is "Phiếu tự đánh giá — ". */
const ENGLISH_INSTRUCTIONS_TITLE = foldText("Self-assessment form — ");

/**
 * The template's instructions sheet (isInstructionsSheet) of the index in use: its title (A1)
 * names the index's id, "(dti-so-nganh-mau@mau-2024)", of any version.
 */
function isInstructionsOf(sheet: SheetSnapshot, model: IndexModel): boolean {
  return isInstructionsSheet(sheet) && foldText(cellText(sheet.values[0]?.[0] ?? null)).includes(foldText(`(${model.definition.id}@`));
}

/** The language the template wrote an instructions sheet in, by its title. */
function instructionsLanguage(sheet: SheetSnapshot): Lang {
  return foldText(cellText(sheet.values[0]?.[0] ?? null)).startsWith(ENGLISH_INSTRUCTIONS_TITLE) ? "en" : "vi";
}

/**
 * What the project wrote on a results sheet that `_index` does not record (adopted: no `_index`),
 * as the sheet shows it: its table, from the header row (RESULTS_HEADER_ROW) as far right as its
 * headers are the project's (`headers`, either language: a column the user added right of them is
 * theirs, and goes with its units), down to the last row with a unit's code or name; and below
 * it the lines the project writes there (what was not scored, that points are shown rounded).
 */
function adoptedResultsCells(sheet: SheetSnapshot, headers: readonly string[]): OwnedCells[] {
  const at = (row: number, column: number) => textOf(sheet.values[row - 1]?.[column - 1]);
  const own = new Set(headers.map((h) => h.trim()));
  let right = 0;
  while (own.has(at(RESULTS_HEADER_ROW, right + 1))) right++;
  if (right === 0) return [];
  let bottom = RESULTS_HEADER_ROW;
  while (at(bottom + 1, 2) !== "" || at(bottom + 1, 3) !== "") bottom++;
  const notes = linesByContent(sheet, bottom).map((r) => (r.top === r.bottom ? `A${r.top}` : rangeAddress(r.top, 1, r.bottom, 1)));
  return [
    { sheet: sheet.name, role: "table", ranges: [rangeAddress(RESULTS_HEADER_ROW, 1, bottom, right)] },
    ...(notes.length > 0 ? [{ sheet: sheet.name, role: "notes" as const, ranges: notes }] : []),
  ];
}

/**
 * What the last run recorded (`previous`), with the sheets this run adopts (OwnedSheetNames.adopted:
 * no `_index` records them) as the project's: the results sheet's cells as it shows them
 * (adoptedResultsCells; `headers`, the project's own headers of the results table), the charts
 * sheet's data measured by the planner of that sheet, as for an `_index` of an earlier version.
 * Without `_index`, the definition is taken to be the one in use now.
 */
function withAdoptedSheets(
  previous: IndexSheetState | undefined,
  names: OwnedSheetNames,
  snapshot: WorkbookSnapshot | undefined,
  model: IndexModel,
  headers: () => string[],
): IndexSheetState | undefined {
  if (names.adopted.length === 0) return previous;
  const base: IndexSheetState = previous ?? { definitionJson: JSON.stringify(model.definition), owned: { sheets: [], charts: [], cells: [] }, marks: [] };
  const cells = [...base.owned.cells];
  for (const name of names.adopted) {
    const sheet = snapshot?.sheets.find((x) => x.name === name);
    if (!sheet || name !== names.results || cells.some((c) => c.sheet === name)) continue;
    cells.push(...adoptedResultsCells(sheet, headers()));
  }
  return { ...base, owned: { ...base.owned, sheets: [...base.owned.sheets, ...names.adopted], cells } };
}

export function planResults(
  model: IndexModel,
  table: ScoreTable,
  issues: Issue[],
  submissions: Submission[],
  options: PlanOptions,
): WritePlan {
  // The results table and the lines under it taking other rows than last time, over or against
  // what the user typed below the table (a signature block, a remark): rows are inserted above
  // those cells first (rowsToInsert), as a person makes room in Excel, and the plan is made again
  // over the workbook as it is then. Twice at the most (a line of the project's under the table
  // that came back once rows were free); what a third plan would still write over is said as
  // written over.
  const inserted: RowsInserted[] = [];
  let snapshot = options.snapshot;
  let previous = options.previous;
  for (let pass = 0; ; pass++) {
    const { plan, grow } = planResultsOnce(model, table, issues, submissions, { ...options, ...(snapshot ? { snapshot } : {}), ...(previous ? { previous } : {}) });
    if (!grow || !snapshot || pass === 2) {
      if (inserted.length === 0) return plan;
      return { ...plan, insertRows: inserted.map(({ plannedSheet, before, count }) => ({ sheet: plannedSheet, before, count })), warnings: [...(plan.warnings ?? []), ...inserted.map((i) => rowsInsertedMessage(i))] };
    }
    inserted.push(grow);
    snapshot = withRowsInserted(snapshot, grow.sheet, grow.before, grow.count);
    if (previous) previous = withRecordedRowsInserted(previous, grow.recorded, grow.before, grow.count);
  }
}

/** Rows a plan inserts on the results sheet: `sheet` as read, `plannedSheet` its name in the plan, `cells` the user's cells that move down. */
interface RowsInserted {
  sheet: string;
  plannedSheet: string;
  /** The names `_index` may record the sheet under (its name before a rename by this run or the user). */
  recorded: string[];
  before: number;
  count: number;
  cells: TypedCell[];
}

/**
 * Where rows go in, and how many, so that what the user typed under the last run's table
 * (`tableBottom`; `last`: all the last run owned on the sheet) is never written over nor split by
 * this run's cells (`writes`, and `reserved`: the row of the line that says points are shown
 * rounded, written once the rows are free). Rows go in when a cell of theirs is written over, or
 * when the rows the project takes differ from the last run's (more units, fewer, more forms not
 * scored) and some cell of theirs under the table lies on those rows, or right under them: before
 * their first row under the table (their block, a signature or a remark, moves whole), as many as
 * put it one empty row under all this run writes. Nothing moves while the project's rows are as
 * they were (a run over the same units), nor when the user's cells lie further down. Undefined
 * when nothing is to move, or what is written over lies only beside the table's rows (a wider
 * table: said as written over).
 */
function rowsToInsert(
  sheet: SheetSnapshot,
  last: CellRange[],
  tableBottom: number,
  writes: CellRange[],
  reserved: number | undefined,
  overwritten: TypedCell[],
): { before: number; count: number; cells: TypedCell[] } | undefined {
  const ours = (row: number, column: number) => last.some((r) => row >= r.top && row <= r.bottom && column >= r.left && column <= r.right);
  // Under the table: in the columns the project writes (a column of the user's right of the
  // table, past its last row, is beside it, and is not split).
  const right = Math.max(...writes.map((r) => r.right));
  const theirs = typedCells(sheet, last).filter((t) => t.row > tableBottom && t.column <= right);
  const mergedTops = (sheet.merges ?? []).flatMap((m) => {
    try {
      const r = parseRange(m);
      return r.top > tableBottom && r.left <= right && !ours(r.top, r.left) ? [r.top] : [];
    } catch {
      return [];
    }
  });
  if (theirs.length === 0 && mergedTops.length === 0) return undefined;
  const first = Math.min(...theirs.map((t) => t.row), ...mergedTops);
  const bottom = Math.max(...writes.map((r) => r.bottom), reserved ?? 0);
  const rowsOf = (ranges: CellRange[]) => {
    const out = new Set<number>();
    for (const r of ranges) for (let row = r.top; row <= r.bottom; row++) out.add(row);
    return out;
  };
  const lastRows = rowsOf(last);
  // (The rounding line's row only as written: one the user typed over, and so left unwritten, is theirs.)
  const nowRows = rowsOf(writes);
  const moved = lastRows.size !== nowRows.size || [...nowRows].some((row) => !lastRows.has(row));
  const writtenOver = overwritten.some((c) => parseCell(c.cell).row > tableBottom);
  if (first > bottom + 1 || !(writtenOver || moved)) return undefined;
  const moving = typedCells(sheet, last).filter((t) => t.row >= first);
  return { before: first, count: bottom - first + 2, cells: moving.map(({ cell, text }) => ({ cell, text })) };
}

/** What the user is told when rows were inserted above what they typed under the results table. */
function rowsInsertedMessage(i: RowsInserted): SheetMessage {
  const { vi: listedVi, en: listedEn } = firstCellsListed(i.cells);
  const rows = i.count === 1 ? "row" : "rows";
  return {
    sheet: i.plannedSheet,
    vi: `Lần chấm này, bảng kết quả và các dòng DTI Scorer ghi dưới bảng trên trang '${i.plannedSheet}' chiếm các dòng khác lần trước, nên DTI Scorer đã chèn ${i.count} dòng trước dòng ${i.before} để những gì bạn nhập bên dưới bảng (${listedVi}) không bị ghi đè hay chen vào giữa: các ô đó, cùng mọi ô từ dòng ${i.before} trở xuống, được dời xuống ${i.count} dòng, giữ nguyên nội dung và định dạng.`,
    en: `This run's results table and the lines DTI Scorer writes under it on the sheet '${i.plannedSheet}' take other rows than last time, so DTI Scorer inserted ${i.count} ${rows} before row ${i.before} rather than write over or between what you typed below the table (${listedEn}): those cells, with every cell from row ${i.before} down, moved ${i.count} ${rows} down, as they were.`,
  };
}

/** What `_index` records of the sheet (under one of the names `recorded`) with `count` rows inserted before row `before`, as withRowsInserted. */
function withRecordedRowsInserted(previous: IndexSheetState, recorded: string[], before: number, count: number): IndexSheetState {
  const names = new Set(recorded.map((n) => n.toLowerCase()));
  return {
    ...previous,
    owned: {
      ...previous.owned,
      cells: previous.owned.cells.map((c) => (names.has(c.sheet.toLowerCase()) ? { ...c, ranges: c.ranges.map((r) => rangesWithRowsInserted(r, before, count)) } : c)),
    },
  };
}

/**
 * The workbook as read with `count` rows inserted before row `before` of sheet `name`, as a host
 * inserts them (WritePlan.insertRows): its cells, fills, merged areas and the cells read as
 * percentages or date parts from that row down move down; a merged area the rows go into grows.
 */
export function withRowsInserted(snapshot: WorkbookSnapshot, name: string, before: number, count: number): WorkbookSnapshot {
  const moveCell = (address: string) => {
    const { row, column } = parseCell(address);
    return row >= before ? cellAddress(row + count, column) : address;
  };
  return {
    ...snapshot,
    sheets: snapshot.sheets.map((s) => {
      if (s.name !== name) return s;
      // concat, not spread: a sheet's rows may be a sparse array, whose holes stay holes.
      const values = s.values.length >= before ? s.values.slice(0, before - 1).concat(Array.from({ length: count }, (): CellValue[] => []), s.values.slice(before - 1)) : s.values;
      return {
        ...s,
        values,
        ...(s.fills ? { fills: Object.fromEntries(Object.entries(s.fills).map(([k, v]) => [moveCell(k), v])) } : {}),
        ...(s.merges
          ? {
              merges: s.merges.map((m) => rangesWithRowsInserted(m, before, count)),
            }
          : {}),
        ...(s.percentCells ? { percentCells: s.percentCells.map(moveCell) } : {}),
        ...(s.datePartCells ? { datePartCells: Object.fromEntries(Object.entries(s.datePartCells).map(([k, v]) => [moveCell(k), v])) } : {}),
      };
    }),
  };
}

function planResultsOnce(
  model: IndexModel,
  table: ScoreTable,
  issues: Issue[],
  submissions: Submission[],
  options: PlanOptions,
): { plan: WritePlan; grow?: RowsInserted } {
  const { lang, previous, snapshot } = options;
  // A sheet of the user's under the results' or charts' name is never written: ours takes another name.
  const forms = submissions.flatMap((s) => (s.source ? [s.source.sheet] : []));
  const names = ownedSheetNames(lang, previous, snapshot, forms);
  // The last run's owned sheets under the names they have now: renamed by the user, or by this run.
  const movedSheets = new Map([...names.renamed, ...names.renames.map((r): [string, string] => [r.recorded, r.to])]);
  const ranked = unitsByRank(table);
  const counts = countIssuesByUnit(issues, submissions);
  const zero: IssueCounts = { errors: 0, warnings: 0 };
  const formats = figureFormats(model, table);
  const notScored = notScoredEntries(issues, submissions, snapshot);
  // Each form's period (its `Kỳ đánh giá`), read once: the titles name them all, each form's page header its own.
  const formPeriodList = formPeriods(snapshot, submissions);
  const periods = [...new Set([...formPeriodList.map((f) => f.period), ...tablePeriods(submissions)])];
  const periodOf = new Map(formPeriodList.map((f) => [f.sheet, f.period]));
  const resultsBase = {
    model,
    table,
    units: ranked,
    counts: (u: UnitResult) => counts.get(unitKey(u)) ?? zero,
    lang,
    projectVersion: options.projectVersion,
    now: options.now,
    sheetName: names.results,
    notScored,
    formats,
    periods,
  };
  // What the last run wrote on the owned sheets, as `_index` records it, with the sheets this run
  // takes for its own without a record (adopted: no `_index`), their cells as the sheet shows them.
  const known = withAdoptedSheets(previous, names, snapshot, model, () => LANGS.flatMap((l) => ownResultsHeaders(resultsBase, l)));
  // The results sheet as read: under its old name when this run renames it. Columns the user
  // added to its table go with their units, as the table's last columns.
  const resultsNow = names.renames.find((r) => r.to === names.results)?.from ?? names.results;
  const sheetNow = snapshot?.sheets.find((x) => x.name === resultsNow);
  const added = known && sheetNow ? addedColumns(sheetNow, known, movedSheets, names.results) : { columns: [] };
  // What the user typed in the table's note column goes with its unit too, under the project's note.
  const typedNotes = known && sheetNow ? noteRemarks(sheetNow, known, movedSheets, names.results) : { remarks: new Map<string, never>(), unclear: [] };
  // The line under the table that says points are shown rounded: an explanation, never written
  // over what the user typed on its row (where the last run wrote nothing).
  const roundingAt = roundingRow(ranked.length, notScored.length);
  const typedOnRoundingRow =
    known && sheetNow ? typedCells(sheetNow, lastRunArea(sheetNow, known, movedSheets, names.results) ?? []).some((t) => t.row === roundingAt) : false;
  const rounding = showsRounding(model, ranked, formats) && !typedOnRoundingRow;
  const resultsInput = {
    ...(added.columns.length > 0 ? { added: added.columns.map((c) => ({ header: c.header, values: new Map([...c.values].map(([k, v]) => [k, v.value])) })) } : {}),
    ...(typedNotes.remarks.size > 0 ? { remarks: new Map([...typedNotes.remarks].map(([k, v]) => [k, v.value])) } : {}),
    ...resultsBase,
    rounding,
  };
  const results = planResultsSheet(resultsInput);
  const { sheet: charts, warnings: chartWarnings } = planChartsSheet({
    model,
    units: ranked,
    lang,
    ...(options.charts?.profileUnits ? { profileUnits: options.charts.profileUnits } : {}),
    ...(options.charts?.kinds ? { kinds: options.charts.kinds } : {}),
    ...(options.charts?.chooseWith ? { chooseWith: options.charts.chooseWith } : {}),
    after: results.name,
    sheetName: names.charts,
    formats,
    table,
    periods,
  });
  const ownedSheets = [results.name, charts.name, INDEX_SHEET];
  const ownedSet = new Set(ownedSheets);

  // Layout-A sheets: the Điểm column and the summary.
  const edits: SheetEditPlan[] = [];
  const ownedCells: OwnedCells[] = [];
  const editWarnings: Message[] = [];
  // The lines below the results table (that points are shown rounded, what was not scored): the
  // project's, so a later run does not take them for the user's, and clears them before writing.
  const notes = notScoredRows(ranked.length, notScored.length);
  const noteRanges = [...(notes ? [rangeAddress(notes.first, 1, notes.last, 1)] : []), ...(rounding ? [`A${roundingAt}`] : [])];
  if (noteRanges.length > 0) ownedCells.push({ sheet: results.name, role: "notes", ranges: noteRanges });
  // The range the table takes: anything a later run finds beside or below it is the user's. The
  // columns the user added to it are left out, so that a later run finds them again right of it.
  const tableRange = resultsTableRange(results);
  if (tableRange) {
    const r = parseRange(tableRange);
    ownedCells.push({ sheet: results.name, role: "table", ranges: [rangeAddress(r.top, r.left, r.bottom, r.right - added.columns.length)] });
  }
  // A copy of each unit's figures in `_index`, and on the results sheet a subtitle that says, by
  // formulas, when they were changed since (and on each form, a line under its summary): the
  // project's cells, so a later run does not take them for the user's.
  const copies = inputCopies(submissions, snapshot);
  const copied = new Set(copies.map((c) => c.unit));
  if (copies.length > 0) ownedCells.push({ sheet: results.name, role: "status", ranges: [RESULTS_STATUS_CELL] });
  // On the charts sheet, the charts' data (its heading and the blocks under it): anything a later
  // run finds elsewhere on the sheet is the user's.
  ownedCells.push({ sheet: charts.name, role: "chartData", ranges: chartsDataRanges(charts) });
  // Above the charts, the line that says, by a formula, when figures were changed since scoring, as
  // the results sheet's subtitle does (withChartsStatus): the project's cell, written again in place
  // each run while it holds that line or nothing; a text the user typed there stays, and the sheet
  // then has no such line. The charts sheet as read: under its old name when this run renames it.
  const chartsNow = names.renames.find((r) => r.to === names.charts)?.from ?? names.charts;
  const chartsSheetNow = snapshot?.sheets.find((x) => x.name === chartsNow);
  const statusFree = (row: number, column: number) => {
    const v = chartsSheetNow?.values[row - 1]?.[column - 1];
    return v === undefined || v === null || v === "" || isInputsChangedLine(v);
  };
  const statusCell = parseCell(CHARTS_STATUS_CELL);
  const chartsStatus = copies.length > 0 && statusFree(statusCell.row, statusCell.column);
  if (chartsStatus) ownedCells.push({ sheet: charts.name, role: "status", ranges: [CHARTS_STATUS_CELL] });
  const chartsSheet = chartsStatus ? withChartsStatus(charts, inputsChangedCount(), options.now, lang, model.definition.unitLabel) : charts;
  const ownedForms: { unit: string; sheet: string }[] = [];
  const rankedCount = table.units.filter((u) => u.rank !== null).length;
  const previousCells = previousCellsOf(previous, snapshot);
  // Ranked within categories: how many units of each category are ranked (the 5 of "2/5").
  const byCategory = table.ranking.within === "category";
  const rankedInCategory = new Map<string, number>();
  if (byCategory) {
    for (const u of table.units) {
      if (u.category !== undefined && u.rankInCategory !== null) rankedInCategory.set(u.category, (rankedInCategory.get(u.category) ?? 0) + 1);
    }
  }
  // The language of what the project writes on each form (its own), and the names its page header may give the index.
  const langOf = formLanguages(lang, submissions, snapshot, previous);
  const indexNames = [...new Set(LANGS.map((l) => localize(model.definition.name, l)))];
  submissions.forEach((s, i) => {
    const unit = table.units[i];
    if (!unit || s.source?.layout !== "A" || ownedSet.has(s.source.sheet)) return;
    const sheetName = s.source.sheet;
    const earlier = previousCells(sheetName, unitKey(s));
    const planned = planSheetEdits({
      model,
      submission: s,
      unit,
      rankedCount,
      ...(byCategory && unit.category !== undefined ? { inCategory: { rank: unit.rankInCategory, ranked: rankedInCategory.get(unit.category) ?? 0 } } : {}),
      lang,
      ...(snapshot ? { sheet: snapshot.sheets.find((x) => x.name === sheetName) } : {}),
      previous: earlier,
      // Nothing recorded for the form (renamed since, or no `_index`): a summary of the project's
      // found on it by its labels is an earlier run's, written again in place, not a second beside it.
      searchSummary: earlier.length === 0,
      formats,
      ...(copied.has(unitKey(s)) ? { inputsChanged: { unit: unitKey(s), scoredAt: options.now } } : {}),
    });
    if (!planned) return;
    // Every printed page of the form names the index in use and the period the form states now,
    // as the results and charts sheets do: not the period the template was made with.
    const formLang = langOf(sheetName);
    edits.push({ ...planned.edit, pageHeader: { texts: formPageHeader(localize(model.definition.name, formLang), periodOf.get(sheetName), formLang), indexNames } });
    ownedCells.push(...planned.owned);
    editWarnings.push(...planned.warnings);
    ownedForms.push({ unit: unitKey(s), sheet: sheetName });
  });
  // Forms the last run wrote into and this run does not score (their unit code is now another
  // form's, they are of another index…): their total, rank and scores are emptied, so that no
  // form shows a total and a rank the results sheet does not list.
  const edited = new Set(edits.map((e) => e.sheet));
  const leftOut = new Map<string, OwnedCells[]>();
  for (const c of previous?.owned.cells ?? []) {
    if (c.role === "notes" || c.role === "status" || c.role === "chartData" || ownedSet.has(c.sheet) || edited.has(c.sheet) || (previous?.owned.sheets ?? []).includes(c.sheet)) continue;
    leftOut.set(c.sheet, [...(leftOut.get(c.sheet) ?? []), c]);
  }
  for (const [sheetName, cells] of leftOut) {
    const sheet = snapshot?.sheets.find((x) => x.name === sheetName && x.csvFile === undefined);
    const cleared = sheet ? planClearForm(sheet, cells) : undefined;
    if (cleared) edits.push(cleared);
  }
  // Forms this run does not score that the last run did not write into (a copy of a scored form,
  // one relabelled for another index, one scored in another workbook): a summary of the project's
  // found on them by its labels, the line under it and their Điểm column are emptied, as copied
  // marks are found by their notes, so that no form shows a total and a rank of another run.
  const read = new Set(submissions.flatMap((s) => (s.source ? [s.source.sheet.toLowerCase()] : [])));
  const passed = new Set(
    [...ownedSet, ...(previous?.owned.sheets ?? []), ...names.renames.map((r) => r.from), ...names.renamed.values(), ...edited, ...leftOut.keys()].map((n) => n.toLowerCase()),
  );
  for (const sheet of snapshot?.sheets ?? []) {
    const name = sheet.name.toLowerCase();
    if (sheet.csvFile !== undefined || read.has(name) || passed.has(name)) continue;
    const cleared = planClearUnscoredForm(sheet);
    if (cleared) edits.push(cleared);
  }

  // On each form left out, where its summary goes, why: the finding the results sheet lists for it.
  for (const entry of notScored) {
    const sheet = entry.kind === "form" && entry.sheet !== undefined ? snapshot?.sheets.find((x) => x.name === entry.sheet) : undefined;
    if (!sheet || ownedSet.has(sheet.name) || edited.has(sheet.name) || ownedCells.some((c) => c.role === "formNotScored" && c.sheet === sheet.name)) continue;
    const emptying = edits.find((e) => e.sheet === sheet.name);
    const formLang = langOf(sheet.name);
    const line = planFormNotScored(sheet, localize(entry.message, formLang), (previous?.owned.cells ?? []).filter((c) => c.sheet === sheet.name), emptying?.blocks ?? [], formLang);
    if (!line) continue;
    if (emptying) emptying.blocks.push(...line.blocks);
    else edits.push({ sheet: sheet.name, blocks: line.blocks });
    ownedCells.push(line.owned);
  }

  // The other pages the project made print the index and the period too, as the scored forms do.
  // A header of the user's stays (the hosts write over the project's header or none only).
  const withPageHeader = (sheet: string, texts: NonNullable<SheetEditPlan["pageHeader"]>["texts"]) => {
    const edit = edits.find((e) => e.sheet === sheet);
    if (edit) edit.pageHeader = { texts, indexNames };
    else edits.push({ sheet, blocks: [], pageHeader: { texts, indexNames } });
  };
  // A form left out of the scoring (its unit code is another form's, it names no unit…): the period
  // it states itself. Not one of another index, nor one whose table (and period) cannot be found.
  const otherIndex = new Set(issues.flatMap((i) => (i.code === "definition-mismatch" && i.severity === "error" && i.sheet !== undefined ? [i.sheet] : [])));
  for (const entry of notScored) {
    const sheet = entry.kind === "form" && entry.sheet !== undefined ? snapshot?.sheets.find((x) => x.name === entry.sheet) : undefined;
    if (!sheet || sheet.csvFile !== undefined || ownedSet.has(sheet.name) || otherIndex.has(sheet.name) || edits.some((e) => e.sheet === sheet.name && e.pageHeader)) continue;
    const period = statedPeriod(sheet)?.period;
    if (period === undefined) continue;
    const formLang = langOf(sheet.name);
    withPageHeader(sheet.name, formPageHeader(localize(model.definition.name, formLang), period, formLang));
  }
  // The template's instructions sheet ("Hướng dẫn"), in its own language: the periods the results
  // sheet's title and header name (all the forms' one, or each when they differ), on its printed
  // pages and on its period line under the title (A2, merged across the unit table as the
  // template wrote it), as the template wrote them for the period it was made for. The line is
  // written again only while it reads as the project's (instructionsPeriodLine: a line a person
  // wrote or emptied stays), the words a person added after the period kept. Nothing records it
  // in `_index`: the sheet and the line are known by what they say, as the printed header is.
  // Its table of units links each unit's name to its form: the links of the units scored point at
  // the sheets their forms are on now (a form a person renamed since: form-links.ts).
  const formLinks: FormLink[] = [];
  for (const sheet of snapshot?.sheets ?? []) {
    if (sheet.csvFile !== undefined || ownedSet.has(sheet.name) || !isInstructionsOf(sheet, model)) continue;
    formLinks.push(...instructionsFormLinks(sheet, ownedForms));
    const helpLang = instructionsLanguage(sheet);
    const { pageHeader } = printedPageTexts(localize(model.definition.name, helpLang), periods, helpLang);
    if (pageHeader) withPageHeader(sheet.name, pageHeader);
    const now = sheet.values[INSTRUCTIONS_PERIOD_ROW - 1]?.[0] ?? null;
    const line = typeof now === "string" ? instructionsPeriodLine(now, periods, helpLang) : undefined;
    if (line === undefined) continue;
    const block = { address: cellAddress(INSTRUCTIONS_PERIOD_ROW, 1), values: [[line]] };
    const edit = edits.find((e) => e.sheet === sheet.name);
    if (edit) edit.blocks.push(block);
    else edits.push({ sheet: sheet.name, blocks: [block] });
  }

  // Marks: set the new ones, clear every mark of the last run (on a form renamed since, under its new name).
  const marks = planMarks(issues, lang, ownedSet, langOf);
  const renamedForms = formsRenamed(previous, snapshot, submissions);
  const recorded = recordMarks(marks, previous, snapshot, renamedForms);

  const unitHashes = unitInputHashes(submissions);
  const state: IndexSheetState = {
    definitionJson: JSON.stringify(model.definition),
    owned: {
      sheets: ownedSheets,
      charts: ownedCharts(charts.name, charts.charts, previous, movedSheets),
      cells: ownedCells,
      forms: ownedForms,
    },
    marks: recorded,
    inputCopies: copies,
    // The notes the table writes, so that a later run tells them from what the user types under them.
    resultNotes: Object.fromEntries(ranked.flatMap((u) => {
      const note = resultsNote(model, table, u, lang, counts.get(unitKey(u)));
      return note === "" ? [] : [[unitKey(u), resultNoteHash(note)]];
    })),
    provenance: {
      scoredAt: options.now.toISOString(),
      projectVersion: options.projectVersion,
      definitionHash: definitionHash(model.definition),
      inputsHash: inputsHash(submissions, unitHashes),
      unitHashes,
      lang,
      unitHashScheme: UNIT_HASH_SCHEME,
    },
  };
  const index = planIndexSheet(state);
  const resultsSheet = copies.length > 0 ? withInputsChangedStatus(results, inputsChangedCount(), options.now, lang, model.definition.unitLabel) : results;
  // What the user typed on the results sheet stays, outside the cells the last run owned there and
  // those this run writes: the host clears only those. One inside this run's cells is named.
  const last = known && sheetNow ? lastRunArea(sheetNow, known, movedSheets, results.name) : undefined;
  const rewrite = last && sheetNow ? ownedSheetRewrite(sheetNow, [...last, ...(added.area ? [added.area] : [])], resultsSheet) : undefined;
  // What the user typed under the last run's table, where this run's longer table (or a line of
  // its under it) goes: rows are inserted above it rather than written over it (planResults), as
  // few as move every such cell out of this run's cells.
  const lastAll = last ? [...last, ...(added.area ? [added.area] : [])] : [];
  // The last run's table as recorded (or measured, for a workbook whose `_index` does not record it: lastRunArea).
  const recordedTable = last && known ? recordedRanges(known, movedSheets, results.name, "table") : [];
  const lastTable = recordedTable.length > 0 ? recordedTable : lastAll.filter((r) => r.top === RESULTS_HEADER_ROW);
  const tableBottom = Math.max(0, ...lastTable.map((r) => r.bottom));
  // The line that says points are shown rounded, where rows free of what the user typed let it be.
  const roundingWanted = showsRounding(model, ranked, formats) ? roundingAt : undefined;
  const grow = rewrite && sheetNow ? rowsToInsert(sheetNow, lastAll, tableBottom, writtenArea(resultsSheet), roundingWanted, rewrite.overwritten) : undefined;
  // The same on the charts sheet (as read: under its old name when this run renames it): only the
  // charts' data is cleared, the last run's and this run's, and the status line the last run wrote
  // while it holds that line or nothing; the charts are updated by name.
  const chartsData = known && chartsSheetNow ? lastChartsArea(chartsSheetNow, known, movedSheets, charts.name) : undefined;
  // The status cell is the project's too where this run writes it, or where it holds the line
  // (a sheet of the project's found without a record: no `_index`).
  const statusNow =
    chartsStatus || isInputsChangedLine(chartsSheetNow?.values[statusCell.row - 1]?.[statusCell.column - 1]) ? [parseRange(CHARTS_STATUS_CELL)] : [];
  // Rows inserted at the top of the sheet since the last run moved its status line down with the
  // charts' data, under the first chart once the charts go back to their place: the cells of the
  // column it moved down, as far as the data moved (movedChartsStatus), are cleared where they hold
  // the line or seem empty (a formula showing nothing; a text of the user's stays), its rule with it.
  const recordedStatus = known ? recordedRanges(known, movedSheets, charts.name, "status") : [];
  const statusMoved = chartsData && known ? movedChartsStatus(recordedStatus, recordedRanges(known, movedSheets, charts.name, "chartData"), chartsData) : [];
  const movedStatus = statusMoved.filter((r) => statusFree(r.top, r.left));
  const chartsLast = chartsData && known ? [...chartsData, ...recordedStatus.filter((r) => statusFree(r.top, r.left)), ...movedStatus, ...statusNow] : chartsData;
  // A text the user typed where the status line was (A1, or where rows inserted above moved it)
  // keeps its cell, and the sheet has no line there this run: the rule that turned the line red
  // goes from that cell, so that the text is never shown as a warning; a rule of the user's stays
  // (OwnedSheetPlan.removeFormats).
  const typedOver = [
    ...(chartsSheetNow && !chartsStatus && !statusFree(statusCell.row, statusCell.column) ? [CHARTS_STATUS_CELL] : []),
    ...statusMoved.filter((r) => !statusFree(r.top, r.left)).map((r) => cellAddress(r.top, r.left)),
  ];
  const removeFormats = typedOver.map((range) => ({ range, formula: chartsStatusRule(inputsChangedCount()) }));
  const chartsRewrite = chartsLast && chartsSheetNow ? ownedSheetRewrite(chartsSheetNow, chartsLast, chartsSheet) : undefined;
  const overwritten = [
    ...(rewrite && rewrite.overwritten.length > 0 ? [overwrittenMessage(results.name, rewrite.overwritten)] : []),
    ...(chartsRewrite && chartsRewrite.overwritten.length > 0 ? [overwrittenMessage(charts.name, chartsRewrite.overwritten, "charts")] : []),
  ];
  // What the user typed where the charts now lie (grown with more units) is kept, but hidden: named.
  const hidden = chartsLast && chartsSheetNow ? cellsUnderCharts(chartsSheetNow, [...chartsLast, ...writtenArea(chartsSheet)], chartsSheet) : [];
  if (hidden.length > 0) overwritten.push(underChartsMessage(charts.name, hidden));
  // The values of added columns whose unit this run does not list are named: they are not carried.
  const listed = new Set(ranked.map((u) => unitKey(u)));
  const droppedOf = (header: string, values: Iterable<[string, AddedValue]>) =>
    [...values].filter(([k]) => !listed.has(k)).map(([, v]) => ({ cell: v.cell, text: v.text, header, unit: v.unit }));
  const dropped = [...droppedOf(typedNotes.header ?? "", typedNotes.remarks), ...added.columns.flatMap((c) => droppedOf(c.header, c.values))];
  const unclear = typedNotes.unclear.length > 0 ? [unclearRemarksMessage(results.name, typedNotes.unclear)] : [];
  // Where the last run's table rows go in this one's; what the user typed beside the table but outside it does not go with them: named.
  const moved = rewrite && sheetNow ? tableMoves(sheetNow, known, movedSheets, resultsSheet, ownResultsHeaders(resultsInput, lang === "vi" ? "en" : "vi")) : {};
  const stranded = known && sheetNow ? strandedBeside(sheetNow, known, movedSheets, resultsSheet, moved.moves) : [];
  const besideTable = resultsSheet.tables[0] ? parseRange(resultsSheet.tables[0].range) : undefined;
  const strandedWarning = stranded.length > 0 && besideTable ? [strandedBesideMessage(results.name, stranded, columnLetter(besideTable.right + 1))] : [];
  const warnings = [...names.warnings, ...overwritten, ...(dropped.length > 0 ? [droppedValuesMessage(results.name, dropped)] : []), ...unclear, ...strandedWarning, ...editWarnings, ...chartWarnings];

  // Sheets of an earlier run under other names (the other language) go, so that nothing is
  // duplicated; those this run renames to its own names stay, and are written under those. A
  // recorded sheet the user has made their own since (names.disowned) is theirs: it stays.
  const renamedNow = new Set(names.renames.map((r) => r.recorded));
  const disowned = new Set(names.disowned.map((n) => n.toLowerCase()));
  const removeSheets = (previous?.owned.sheets ?? []).filter((n) => !ownedSet.has(n) && !renamedNow.has(n) && !disowned.has(n.toLowerCase()));
  const renameSheets = names.renames.map(({ from, to }) => ({ from, to }));
  const plan: WritePlan = {
    lang,
    owned: [
      rewrite ? { ...resultsSheet, clear: rewrite.clear, ...moved } : resultsSheet,
      {
        ...chartsSheet,
        charts: withTitlesWritten(charts.charts, previous),
        ...(charts.print ? { print: { ...charts.print, ...printedPageTexts(localize(model.definition.name, lang), periods, lang) } } : {}),
        ...(chartsRewrite ? { clear: chartsRewrite.clear } : {}),
        ...(removeFormats.length > 0 ? { removeFormats } : {}),
      },
      index,
    ],
    edits,
    marks,
    clearMarks: marksToClear(previous, renamedForms),
    ...(renameSheets.length > 0 ? { renameSheets } : {}),
    ...(removeSheets.length > 0 ? { removeSheets } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(formLinks.length > 0 ? { formLinks } : {}),
  };
  return grow && sheetNow
    ? {
        plan,
        grow: { ...grow, sheet: sheetNow.name, plannedSheet: results.name, recorded: [...new Set([sheetNow.name, results.name, ...[...movedSheets].filter(([, to]) => to === results.name).map(([from]) => from)])] },
      }
    : { plan };
}
