/**
 * A workbook snapshot → submissions and issues. Each sheet is read as layout A (one sheet per
 * unit) or layout B (one row per unit); sheets that are neither are ignored. Values are typed
 * per input and checked; an invalid value is left out of the submission (it counts as missing)
 * and reported, so scoring still runs.
 */
import type { IndexModel, IndicatorModel } from "../definition/model";
import { type IndexSheetState, readIndexSheet, unitKey } from "../plan/index-sheet";
import { INDEX_SHEET } from "../plan/labels";
import { foldText, legacyEncodingOf, legacyMeaning, localize, normalizeText, type Lang } from "../i18n/text";
import type { InputValue, Issue, Submission, WorkbookSnapshot } from "../types";
import { type LayoutAUnit, formWithoutTable, holdsIndicatorRows, legacyForm, readLayoutA } from "./layout-a";
import { inputCodesNamed, legacyUnitsHeader, readLayoutB, unitsHeaderWithoutInputs } from "./layout-b";
import { categoryMatters, categoryNameOf, categoryNames, categoryUses } from "./categories";
import { makeIssue, type MessageParams } from "./messages";
import { parseNumberText } from "./numbers";
import { type RuleOutcome, choiceScales, givenRuleInputs, inputsRead, localRuleValue } from "../score/rules";
import type { RawUnit } from "./raw";
import type { EvidenceGap } from "./evidence";
import { cellText, formulaWithoutResult, keyText } from "./sheet";
import { unitKeyOf, unitNameKeyOf } from "./unit-fields";
import { type ValueNote, choiceNames, choiceOptions, isCheckMark, isNotApplicableText, numberEvidence, readCell } from "./values";

export interface ReadOptions {
  /** The user's language. Issue messages always carry both languages; this is kept for callers. */
  lang?: Lang;
  /**
   * The workbook's `_index` when the caller has read it already (readIndexSheet; null: the
   * workbook has none), so that it is not parsed again. Absent: read from the snapshot.
   */
  indexSheet?: IndexSheetState | null;
  /**
   * The workbook counts its dates from 1 January 1904 (an old Mac workbook: its workbookPr
   * date1904), as the host that read it says: a date cell's text is then read in that system
   * when a finding says what number the cell shows as a date (MessageParams.date1904).
   */
  date1904?: boolean;
}

export interface ReadResult {
  submissions: Submission[];
  issues: Issue[];
  /**
   * Blank `Minh chứng` cells of indicators whose evidence is required (or cells that say there is
   * none, "Không có", or hold an error: layout-a's notEvidence): "evidence-missing" where
   * the indicator earns points, which scoring tells (withEvidenceFindings, in evidence.ts).
   */
  evidenceGaps: EvidenceGap[];
  layout: "A" | "B" | "A+B" | "none";
  /** Sheets that were read as submissions. */
  sheets: string[];
}

/**
 * The sheets a scoring run wrote, which are never read as submissions nor marked: `_index`, and
 * the sheets `_index` records as the project's (`Kết quả`, `Biểu đồ`, or the names taken in their
 * place). Known from `_index` only, never from a sheet's name: in a workbook never scored, a sheet
 * called `Kết quả` or `Results` is the user's own data. A sheet that is a CSV file (`csvFile`) is
 * never one, whatever the file is called ("Kết quả.csv", "_index.csv"; readIndexSheet does not
 * take one for `_index` either). The one rule for the pipeline, the reader, the marks, the stale
 * check and the Excel host. `state`: `_index` as already read (null: none); absent, it is read.
 */
export function sheetsWrittenByScoring(snapshot: WorkbookSnapshot, state?: IndexSheetState | null): Set<string> {
  const index = state === undefined ? readIndexSheet(snapshot) : (state ?? undefined);
  const csv = new Set(snapshot.sheets.filter((s) => s.csvFile !== undefined).map((s) => s.name));
  return new Set([INDEX_SHEET, ...(index?.owned.sheets ?? [])].filter((name) => !csv.has(name)));
}

/**
 * Read every unit's submission from a workbook snapshot.
 *
 * Decisions beyond the workbook conventions:
 * - A unit without a code (no `Mã đơn vị` cell or column) is known by its name, silently: the
 *   code is optional in both layouts. A layout-A sheet without a unit name takes the sheet's
 *   name, and a layout-B row without a name takes its code, with a "missing-unit-name" warning;
 *   a row with values but neither name nor code is not scored ("missing-unit-name" error).
 * - The second submission of a unit code is not scored: only "duplicate-unit" is reported for it.
 *   A submission on a visible sheet goes before one on a hidden sheet (an older copy kept out of
 *   sight), wherever the hidden one sits; the finding says which sheet is hidden.
 * - "missing-row" lists the definition's inputs that have no row (layout A) or column (layout B);
 *   group and indicator lines that carry no input are not required. A form's input without a
 *   row is not also reported as "missing-input": the missing-row finding says that the
 *   indicator scores as missing.
 * - The sheets a scoring run wrote are skipped (sheetsWrittenByScoring): those `_index` records, not
 *   sheets that happen to be called `Kết quả` or `Results`.
 * - A sheet that is a CSV file (`csvFile`) is spoken of as the file, its rows and columns.
 * - A blank boolean cell is "no" when the same unit ticked another boolean input with "x" (the
 *   x / blank checklist convention); otherwise it is a missing input. Read so, it is said
 *   ("blank-read-as-no", checklistIssues): the unit may have left it unanswered.
 * - Missing inputs are not reported for indicators that do not apply to the unit's category,
 *   nor, when the unit's category is unknown, for indicators restricted to some categories.
 * - Under missing "exclude", a missing input of an indicator whose rule has other inputs given
 *   says that the indicator scores 0 (a warning, as under "zero"); only one with none given is
 *   left out of the aggregation (information), as the scorer does (givenRuleInputs).
 * - An N/A answer (allowed) for one input of an indicator makes the whole indicator not
 *   applicable; beside figures for its other inputs it gets "not-applicable-with-figures".
 * - A unit that gave no figure at all (RawUnit.noFigures: a blank form Collect kept for a unit that
 *   has not sent its own) gets one "no-figures" warning, at its first blank input's cell, instead
 *   of a missing-input for each input; it is scored as any unit (its inputs are missing). An N/A
 *   answer is a figure given; self scores and evidence are not, and the warning says they are there.
 */
export function readSubmissions(model: IndexModel, snapshot: WorkbookSnapshot, options: ReadOptions = {}): ReadResult {
  const issues: Issue[] = [];
  const raws: RawUnit[] = [];
  const sheets: string[] = [];
  let layoutA = false;
  let layoutB = false;
  /** Sheets with a form's header block and no table (formWithoutTable, not holdsIndicatorRows): where their finding is in `issues`, and whose they are. */
  const coverSheets: { at: number; unit?: string; name?: string }[] = [];
  let mismatch = false;

  const written = sheetsWrittenByScoring(snapshot, options.indexSheet);
  for (const sheet of snapshot.sheets) {
    if (written.has(sheet.name)) continue;
    const a = readLayoutA(model, sheet);
    if (a?.kind === "mismatch") {
      issues.push(a.issue);
      mismatch = true;
      continue;
    }
    if (a?.kind === "unit") {
      raws.push(a.unit);
      layoutA = true;
      sheets.push(sheet.name);
      continue;
    }
    const b = readLayoutB(model, sheet);
    if (b) {
      // Loops, not push(...list): a table of 200,000 rows must not go on the stack.
      for (const i of b.issues) issues.push(i);
      for (const u of b.units) raws.push(u);
      layoutB = true;
      sheets.push(sheet.name);
      continue;
    }
    const broken = formWithoutTable(sheet);
    if (broken) {
      // A unit's cover or notes sheet ("Giải trình" under Đơn vị, Mã đơn vị) beside its form:
      // said of only when the unit has no form read (coverSheets, after every sheet is read).
      if (!holdsIndicatorRows(sheet, broken)) coverSheets.push({ at: issues.length, unit: broken.unit, name: broken.name });
      issues.push(
        makeIssue("error", "layout-not-found", {
          sheet: sheet.name,
          ...(sheet.csvFile !== undefined ? { file: sheet.csvFile } : {}),
          cell: broken.cell,
          ...(broken.unit !== undefined ? { unit: broken.unit } : {}),
          ...(broken.name !== undefined ? { unitName: broken.name } : {}),
          ...(broken.header
            ? {
                headerRow: broken.header.row,
                missingColumns: broken.header.missing,
                headerLang: broken.header.lang,
                ...(broken.header.unknown ? { raw: broken.header.unknown.text } : {}),
              }
            : {}),
          ...(broken.legacy !== undefined ? { legacy: broken.legacy } : {}),
        }),
      );
      mismatch = true;
      continue;
    }
    // A form or a table of units whose labels are typed in an old encoding ("§¬n vÞ" for "Đơn vị"):
    // not read, but not passed over without a word either.
    const legacy = legacyForm(sheet) ?? legacyUnitsHeader(model, sheet);
    if (legacy !== undefined) {
      issues.push(makeIssue("error", "layout-not-found", { sheet: sheet.name, ...(sheet.csvFile !== undefined ? { file: sheet.csvFile } : {}), legacy }));
      mismatch = true;
    }
  }

  // A cover or notes sheet of a unit whose form is read is that unit's papers, not an unread form.
  const withForm = new Set(raws.flatMap((r) => [...(r.code ? ["code:" + unitKeyOf(keyText(r.code.value))] : []), "name:" + unitNameKeyOf(keyText(r.name.value))]));
  // By its code when it has one (the unit's key), else by its name.
  const ofFormRead = (c: (typeof coverSheets)[number]): boolean =>
    c.unit === undefined ? false : c.unit !== c.name ? withForm.has("code:" + unitKeyOf(c.unit)) : withForm.has("name:" + unitNameKeyOf(c.unit));
  for (const c of [...coverSheets].reverse()) if (ofFormRead(c)) issues.splice(c.at, 1);

  if (!layoutA && !layoutB) {
    // A CSV file (one sheet) is named as such: it has no sheets nor forms to look for.
    const file = snapshot.sheets.length === 1 ? snapshot.sheets[0]?.csvFile : undefined;
    if (!mismatch) {
      // A row heading the units' column but no input's ("Đơn vị | Nhóm | 1.3", "country | le_2022"):
      // said at that row, with its columns and the input codes, rather than that no such column is.
      const inputCodes = inputCodesNamed(model);
      let said = false;
      for (const sheet of snapshot.sheets) {
        if (written.has(sheet.name)) continue;
        const near = unitsHeaderWithoutInputs(model, sheet);
        if (near === undefined) continue;
        issues.push(
          makeIssue("error", "layout-not-found", {
            sheet: sheet.name,
            ...(sheet.csvFile !== undefined ? { file: sheet.csvFile } : {}),
            row: near.row + 1,
            cell: near.cell,
            raw: near.raw,
            unitsHeader: { columns: near.columns, columnCount: near.columnCount, nodes: near.nodes, ...(near.years !== undefined ? { years: near.years } : {}) },
            inputCodes,
          }),
        );
        said = true;
      }
      if (!said) issues.push(makeIssue("error", "layout-not-found", { ...(file !== undefined ? { file } : {}), inputCodes }));
    }
    return { submissions: [], issues, layout: "none", sheets, evidenceGaps: [] };
  }

  // Units are told apart by unitKeyOf of their key (their code, or their name when they have none),
  // the key Collect and the units list compare codes by. Of the
  // submissions of one unit, the first on a visible sheet is scored, else the first: a hidden sheet
  // often keeps an older copy of a form ("Sở Nội vụ 2023" hidden before the current "Sở Nội vụ").
  const hidden = new Set(snapshot.sheets.filter((s) => s.visible === false).map((s) => s.name));
  const percentCells = new Map(snapshot.sheets.filter((s) => s.percentCells && s.percentCells.length > 0).map((s) => [s.name, new Set(s.percentCells)]));
  const dates = (options.date1904 ?? snapshot.date1904) === true ? { date1904: true } : {};
  const built = raws.map((raw) => ({ raw, ...buildSubmission(model, raw, percentCells.get(raw.sheet), dates) }));
  const keyOf = (b: (typeof built)[number]): string => unitKeyOf(unitKey(b.submission as Submission));
  const scored = new Map<string, (typeof built)[number]>();
  for (const b of built) {
    if (!b.submission) continue;
    const key = keyOf(b);
    const chosen = scored.get(key);
    if (chosen === undefined || (hidden.has(chosen.raw.sheet) && !hidden.has(b.raw.sheet))) scored.set(key, b);
  }
  bareFractionIssues(built.filter((b) => b.submission !== undefined && scored.get(keyOf(b)) === b));
  /** Where a unit's scored submission is, as a duplicate names it. */
  const placeOf = (b: (typeof built)[number]): { found: string; foundRow?: number } => {
    const at = b.raw.code && keyText(b.raw.code.value) !== "" ? b.raw.code.address : b.raw.name.address;
    // In a CSV file the other one is named by its row (the same file: a CSV is one sheet).
    const row = b.raw.file !== undefined ? b.raw.source.row : undefined;
    // As Excel writes a reference: an apostrophe in the sheet's name doubled ('Sở Y tế (bản ''cuối'')'!B2).
    return { found: `'${b.raw.sheet.replace(/'/g, "''")}'!${at}`, ...(row !== undefined ? { foundRow: row } : {}) };
  };

  const submissions: Submission[] = [];
  const evidenceGaps: EvidenceGap[] = [];
  for (const b of built) {
    const { raw, submission: s } = b;
    if (!s) {
      for (const i of b.issues) issues.push(i);
      continue;
    }
    const chosen = scored.get(keyOf(b)) as (typeof built)[number];
    if (chosen === b) {
      // A gap's place among the unit's findings becomes its place among all of them.
      for (const g of b.evidenceGaps ?? []) evidenceGaps.push({ ...g, submission: submissions.length, at: issues.length + g.at });
      submissions.push(s);
      for (const i of b.issues) issues.push(i);
      continue;
    }
    // Another unit typed with a code already taken is that unit's problem, not the scored one's:
    // the finding goes under its own name. The same unit sent twice stays under its code.
    const other = chosen.submission as Submission;
    const same = foldText(other.name) === foldText(s.name);
    // A unit without a code is known by its name: said as a name given twice, not as a code.
    const noCode = same && s.code === "";
    const at = raw.code && keyText(raw.code.value) !== "" ? raw.code.address : raw.name.address;
    issues.push(
      makeIssue("error", "duplicate-unit", {
        sheet: raw.sheet,
        ...(raw.file !== undefined ? { file: raw.file } : {}),
        cell: at,
        unit: same ? unitKey(s) : s.name,
        ...(noCode ? { noCode: true } : {}),
        ...placeOf(chosen),
        ...(hidden.has(raw.sheet) ? { hidden: true } : {}),
        ...(hidden.has(chosen.raw.sheet) ? { foundHidden: true, foundSheet: chosen.raw.sheet } : {}),
        ...(same ? {} : { raw: s.name, expected: other.name, list: [unitKey(s)] }),
      }),
    );
  }

  // Units scored apart whose names differ only in letter case ("Sở Y tế", "Sở Y Tế"): most often
  // one unit typed twice. They stay two units (case counts in a key), said at the later one's name,
  // naming the first unit whose name is spelt otherwise (the template's list says the same:
  // unitsWithSimilarNames). One name under two codes is not said: communes of two districts are
  // often named alike ("Xã Tân Lập"), and the codes tell them apart.
  const byName = new Map<string, Map<string, (typeof built)[number]>>();
  /** Units said above, whose code is not said again below. */
  const namesSaid = new Set<(typeof built)[number]>();
  for (const b of built) {
    if (b.submission === undefined || scored.get(keyOf(b)) !== b) continue;
    const s = b.submission;
    const spelling = unitKeyOf(s.name);
    const spellings = byName.get(unitNameKeyOf(s.name)) ?? new Map<string, (typeof built)[number]>();
    byName.set(unitNameKeyOf(s.name), spellings);
    const first = [...spellings].find(([other]) => other !== spelling)?.[1];
    if (!spellings.has(spelling)) spellings.set(spelling, b);
    if (first === undefined) continue;
    const other = first.submission as Submission;
    namesSaid.add(b);
    issues.push(
      makeIssue("warning", "duplicate-unit-name", {
        sheet: b.raw.sheet,
        ...(b.raw.file !== undefined ? { file: b.raw.file } : {}),
        cell: b.raw.name.address,
        unit: unitKey(s),
        unitName: s.name,
        expected: other.name,
        list: [s.code, other.code],
        ...placeOf(first),
      }),
    );
  }

  // Units scored apart whose codes differ only in letter case ("SNV", "snv"): two units to the
  // reader (case counts in a key), and most often one unit sent twice, its code retyped (two
  // files collected into one workbook). Said at the later one's code, naming the first, unless
  // its name was said just above.
  const byCode = new Map<string, (typeof built)[number]>();
  for (const b of built) {
    if (b.submission === undefined || scored.get(keyOf(b)) !== b || b.raw.code === undefined) continue;
    const s = b.submission;
    const code = unitKeyOf(s.code);
    if (code === "") continue;
    const folded = code.toLocaleLowerCase("vi");
    const first = byCode.get(folded);
    if (first === undefined) {
      byCode.set(folded, b);
      continue;
    }
    const other = first.submission as Submission;
    if (unitKeyOf(other.code) === code || namesSaid.has(b)) continue;
    issues.push(
      makeIssue("warning", "unit-code-case", {
        sheet: b.raw.sheet,
        ...(b.raw.file !== undefined ? { file: b.raw.file } : {}),
        cell: b.raw.code.address,
        unit: unitKey(s),
        unitName: s.name,
        codeCase: { code, name: s.name, otherCode: unitKeyOf(other.code), otherName: other.name },
        ...placeOf(first),
      }),
    );
  }

  return { submissions, issues, layout: layoutA && layoutB ? "A+B" : layoutA ? "A" : "B", sheets, evidenceGaps };
}

/** The category id named by a cell: an id, or a category's name in either language (folded). */
export function resolveCategory(model: IndexModel, text: string): string | undefined {
  const folded = foldText(text);
  for (const c of model.definition.categories ?? []) {
    if (c.id === text || foldText(c.id) === folded) return c.id;
    if (foldText(localize(c.name, "vi")) === folded || foldText(localize(c.name, "en")) === folded) return c.id;
  }
  return undefined;
}

function appliesToUnit(ind: IndicatorModel, category: string | undefined): boolean {
  if (ind.appliesTo === undefined) return true;
  return category !== undefined && ind.appliesTo.includes(category);
}

/** The choice inputs' scales, worked out once per definition rather than once per unit. */
const scalesByModel = new WeakMap<IndexModel, ReturnType<typeof choiceScales>>();
function scalesOf(model: IndexModel): ReturnType<typeof choiceScales> {
  let scales = scalesByModel.get(model);
  if (!scales) scalesByModel.set(model, (scales = choiceScales(model)));
  return scales;
}

/**
 * Inputs whose absence matters: those the rule reads from the unit's values (`inputsRead`: an
 * expression's IF branch not taken, or a ratio's numerator over a zero denominator, is not read),
 * or every non-text input when unknown.
 */
function scoredInputs(ind: IndicatorModel, values: Record<string, InputValue>, model: IndexModel): string[] {
  return ind.ruleInputs.length > 0 ? inputsRead(ind, values, scalesOf(model)) : ind.inputs.filter((i) => i.type !== "text").map((i) => i.code);
}

/**
 * Where a finding about an input the unit's sheet has no place for points: in a table of units
 * (layout B), the unit's row (with `cell` kept as the place an Excel host goes to and marks; a CSV
 * has none); in a form (layout A), `cell`.
 */
function unitRow(raw: RawUnit, cell: string): Pick<MessageParams, "cell" | "row"> {
  if (raw.fallbackRow === undefined) return { cell };
  return { row: raw.fallbackRow, ...(raw.file === undefined ? { cell } : {}) };
}

/** Where a missing input points: its cell when the sheet has one for it, else as unitRow says. */
function inputPlace(raw: RawUnit, inputCode: string): Pick<MessageParams, "cell" | "row"> {
  const cell = raw.inputCells[inputCode];
  return cell !== undefined ? { cell } : unitRow(raw, raw.fallbackCell);
}

/**
 * The "no-figures" warning of a unit that gave no figure at all: at the cell of its first blank
 * input (`firstInput`; a table's unit by its row), saying what the definition's missing-data rule
 * makes of it, and that the self scores or evidence the form holds are not figures.
 */
function noFiguresIssue(model: IndexModel, raw: RawUnit, base: MessageParams, unitName: string, firstInput: string): Issue {
  const place = raw.layout === "B" ? unitRow(raw, raw.inputCells[firstInput] ?? raw.fallbackCell) : inputPlace(raw, firstInput);
  const evidence = [...(raw.evidence?.values() ?? [])].some((text) => text.trim() !== "");
  const notFigures: ("self" | "evidence")[] = [...(raw.selfScores.size > 0 ? ["self" as const] : []), ...(evidence ? ["evidence" as const] : [])];
  return makeIssue("warning", "no-figures", {
    ...base,
    ...place,
    unitName,
    layout: raw.layout,
    ...(raw.noFigures?.appraised ? { appraisedColumn: true } : {}),
    missing: model.definition.missing,
    ...(model.root.max === undefined ? { noPoints: true } : {}),
    ...(notFigures.length > 0 ? { notFigures } : {}),
  });
}

/** A cell's content as a sentence quotes it: its text, and its number when it is a number cell. */
function quotedCell(c: { raw: string; rawNumber?: number }): { raw: string; rawNumber?: number } {
  return { raw: c.raw, ...(c.rawNumber !== undefined ? { rawNumber: c.rawNumber } : {}) };
}

/** The warnings about how a cell's text was read (read two ways, a bare number taken as a percentage). */
function noteIssues(at: MessageParams, reading: { raw: string; rawNumber?: number; notes?: ValueNote[] }): Issue[] {
  const quoted = { ...at, ...quotedCell(reading) };
  return (reading.notes ?? []).map((note) =>
    note.code === "ambiguous-number"
      ? makeIssue("warning", "ambiguous-number", {
          ...quoted,
          value: note.value,
          ...(note.other !== undefined ? { other: note.other } : {}),
          ...(note.readAs !== undefined ? { readAs: note.readAs } : {}),
          ...(note.indexWay !== undefined ? { indexWay: note.indexWay } : {}),
          ...(note.unitFigure !== undefined ? { unitFigure: note.unitFigure } : {}),
          ...(note.indexFigure !== undefined ? { indexFigure: note.indexFigure } : {}),
          ...(note.percent ? { percent: true } : {}),
          ...(note.notPercent ? { notPercent: true } : {}),
        })
      : makeIssue("warning", note.code, { ...quoted, value: note.value }),
  );
}

/** A figure of a `percent` input written without a % sign: above 1, read as a percentage (16,4 → 16,4%), or a fraction (0,5 → 50%). */
interface BareFigure {
  input: string;
  kind: "percentage" | "fraction";
  at: MessageParams;
  unitName: string;
  raw: string;
  rawNumber?: number;
  value: number;
}

interface Built {
  submission?: Submission;
  issues: Issue[];
  bareFigures?: BareFigure[];
  /** The unit's blank required evidence, `at` an index into `issues` (`submission` is set by readSubmissions). */
  evidenceGaps?: Omit<EvidenceGap, "submission">[];
}

/**
 * A percent input that other units write as bare percentages (16,4 for 16,4%), at least as many
 * as write bare fractions: a bare fraction written there (0,5, read as 50%, as the spec reads it)
 * may be a percentage too (0,5%): a warning at its cell, with one of the others. A fraction in a
 * cell that shows it as a percentage is not bare (values.ts). 0 is 0 either way; a bare 1 alone is 100% (a form's cell
 * formatted as a percentage holds 1 when 100% is typed) and is said only beside bare percentages.
 * `units`: the submissions scored (a duplicate left out is no unit of the run).
 */
function bareFractionIssues(units: Built[]): void {
  const percentages = new Map<string, BareFigure[]>();
  const fractions = new Map<string, number>();
  for (const u of units) {
    for (const f of u.bareFigures ?? []) {
      if (f.kind === "percentage") percentages.set(f.input, [...(percentages.get(f.input) ?? []), f]);
      else fractions.set(f.input, (fractions.get(f.input) ?? 0) + 1);
    }
  }
  for (const u of units) {
    for (const f of u.bareFigures ?? []) {
      const others = percentages.get(f.input);
      const first = others?.[0];
      // Where most units write fractions, the one writing a bare percentage is the odd one (its
      // own "percent-as-number" says so): the fractions are not in doubt.
      if (f.kind !== "fraction" || first === undefined || others!.length < (fractions.get(f.input) ?? 0)) continue;
      u.issues.push(
        makeIssue("warning", "percent-as-fraction", {
          ...f.at,
          ...quotedCell(f),
          value: f.value,
          percentUnits: { count: others!.length, unit: first.unitName, ...quotedCell(first), value: first.value },
        }),
      );
    }
  }
}

/** What the yes/no cells of a checklist are read as (buildSubmission), for checklistIssues. */
interface Checklist {
  /** The unit's values, the blank yes/no cells of `readAsNo` already false in them. */
  values: Record<string, InputValue>;
  /** The inputs whose blank yes/no cell is read as "no", in the definition's order. */
  readAsNo: string[];
  /** The cells answered "x" that make the form (or the row) a checklist. */
  checkMarks: string[];
  category: string | undefined;
  /** The indicators the unit answered N/A (allowed): not scored, so their blanks change nothing. */
  notApplicable: ReadonlySet<string>;
}

/**
 * What taking the blanks of `readAsNo` (of one indicator) as unanswered would change under the
 * definition's missing-data rule, from the indicator's own rule (localRuleValue): "left-out" when
 * the indicator would be left out of the aggregation (missing "exclude", no input of its given)
 * where the "no" scores it; "zero" when it would score 0 where the "no" scores more (an expression
 * reading the "no": 0,8); "other" for any other difference; undefined when nothing changes.
 */
function asUnanswered(model: IndexModel, ind: IndicatorModel, values: Record<string, InputValue>, readAsNo: string[]): "left-out" | "zero" | "other" | undefined {
  if (scoresNothing(model, ind.code)) return undefined;
  const without = { ...values };
  for (const code of readAsNo) delete without[code];
  const exclude = model.definition.missing === "exclude";
  /**
   * An outcome as the scorer takes it (score.ts): the value it scores, or left out. A missing input
   * scores 0 unless all are missing under "exclude"; an expression without a result scores 0 under "zero".
   */
  const taken = (o: RuleOutcome): number | string => {
    if (o.kind === "value") return o.value;
    if (o.kind === "unavailable") return o.reason === "invalid-result" && !exclude ? 0 : `unavailable:${o.reason}`;
    return exclude && !o.someGiven ? "left-out" : 0;
  };
  const read = taken(localRuleValue(ind, values, scalesOf(model)));
  const unanswered = taken(localRuleValue(ind, without, scalesOf(model)));
  if (typeof read === "number" && typeof unanswered === "number" ? Math.abs(read - unanswered) < 1e-12 : read === unanswered) return undefined;
  return unanswered === "left-out" ? "left-out" : unanswered === 0 ? "zero" : "other";
}

/**
 * The findings about blank yes/no cells read as "no" by the checklist convention
 * ("blank-read-as-no"), of indicators scored for the unit whose rule reads them:
 * - a yes/no indicator whose `Minh chứng` holds evidence: a warning at its cell each (the
 *   evidence says "yes" where the blank is read as "no");
 * - the others together, once a unit, at the first of them, listing them all (a checklist of
 *   thirty blank "no" rows is one finding, not thirty): a warning when taking one of them as
 *   unanswered would score its indicator otherwise under the missing-data rule (asUnanswered:
 *   left out under "exclude"; 0 where an expression makes more of the "no"), else information.
 */
function checklistIssues(model: IndexModel, raw: RawUnit, base: MessageParams, c: Checklist): Issue[] {
  const byIndicator = new Map<string, { ind: IndicatorModel; codes: string[] }>();
  for (const code of c.readAsNo) {
    const ind = model.nodes.get(model.inputs.get(code)?.indicator ?? "");
    if (ind?.kind !== "indicator" || !appliesToUnit(ind, c.category) || c.notApplicable.has(ind.code)) continue;
    if (!scoredInputs(ind, c.values, model).includes(code)) continue;
    const entry = byIndicator.get(ind.code) ?? { ind, codes: [] };
    entry.codes.push(code);
    byIndicator.set(ind.code, entry);
  }
  const issues: Issue[] = [];
  const said = { ...base, layout: raw.layout, checkMarks: c.checkMarks };
  const rest: { code: string; indicator: string }[] = [];
  const leftOut: string[] = [];
  const zero: string[] = [];
  let changes = false;
  for (const [indCode, { ind, codes }] of byIndicator) {
    const change = asUnanswered(model, ind, c.values, codes);
    const evidence = ind.rule.kind === "boolean" ? (raw.evidence?.get(indCode) ?? "").trim() : "";
    if (evidence !== "") {
      const code = codes[0]!;
      issues.push(
        makeIssue("warning", "blank-read-as-no", {
          ...said,
          ...inputPlace(raw, code),
          node: code,
          indicator: indCode,
          evidenceFound: { cell: raw.evidenceCells[indCode] ?? raw.fallbackCell, raw: evidence },
          ...(change === "left-out" ? { asMissing: { leftOut: [indCode] } } : {}),
          ...(ind.max === undefined ? { noPoints: true } : {}),
        }),
      );
      continue;
    }
    for (const code of codes) rest.push({ code, indicator: indCode });
    if (change === "left-out") leftOut.push(indCode);
    if (change === "zero") zero.push(indCode);
    if (change !== undefined) changes = true;
  }
  const first = rest[0];
  if (first !== undefined) {
    const blanks = rest.map((r) => raw.inputCells[r.code]).filter((cell): cell is string => cell !== undefined);
    issues.push(
      makeIssue(changes ? "warning" : "info", "blank-read-as-no", {
        ...said,
        ...inputPlace(raw, first.code),
        node: first.code,
        indicator: first.indicator,
        ...(blanks.length > 1 ? { blanks } : {}),
        ...(leftOut.length > 0 || zero.length > 0 ? { asMissing: { ...(leftOut.length > 0 ? { leftOut } : {}), ...(zero.length > 0 ? { zero } : {}) } } : {}),
        ...(zero.length > 0 && zero.every((code) => model.nodes.get(code)?.max === undefined) ? { noPoints: true } : {}),
      }),
    );
  }
  return issues;
}

/**
 * The "not-applicable-with-figures" warnings: an input answered N/A (allowed) while other inputs of
 * the same indicator hold figures (as the unit typed them: before blank checklist boxes are read
 * as "no"), one at each such N/A cell. The indicator is scored as not applicable, as the unit
 * answered; the warning names the unit, the indicator and the inputs with figures, and says to
 * delete the N/A if the indicator applies. Not said for an indicator the unit's category does not take.
 */
function naWithFigures(answers: { at: MessageParams; raw: string; input: string; indicator: IndicatorModel }[], values: Record<string, InputValue>, category: string | undefined, unitName: string): Issue[] {
  return answers.flatMap(({ at, raw, input, indicator }) => {
    if (!appliesToUnit(indicator, category)) return [];
    const given = indicator.inputs.filter((i) => i.code !== input && i.type !== "text" && values[i.code] !== undefined).map((i) => i.code);
    if (given.length === 0) return [];
    return [makeIssue("warning", "not-applicable-with-figures", { ...at, raw, node: input, indicator: indicator.code, unitName, given })];
  });
}

/**
 * The codes of the index a date in a code cell may have been typed as (`raw`, the date as the hosts
 * give it: "2024-04-01"): "1.4", typed where Excel reads day.month (or month.day) as a date, became
 * 1 April. Those of the index's codes (nodes, inputs) that are the day and month either way round.
 */
export function codesTurnedDate(model: IndexModel, raw: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00)?$/.exec(raw.trim());
  if (!m) return [];
  const [month, day] = [Number(m[2]), Number(m[3])];
  const ways = [...new Set([`${day}.${month}`, `${month}.${day}`])];
  return ways.filter((c) => model.nodes.has(c) || model.inputs.has(c));
}

/**
 * `percentCells`: the cells of the unit's sheet that show their number as a percentage. `dates`:
 * the workbook's date system, for every finding (ReadOptions.date1904).
 */
function buildSubmission(model: IndexModel, raw: RawUnit, percentCells: ReadonlySet<string> | undefined, dates: Pick<MessageParams, "date1904">): Built {
  const issues: Issue[] = [];
  // Codes and names are compared without the invisible characters text pasted from Word or a PDF brings.
  const codeText = raw.code ? keyText(raw.code.value) : "";
  const nameText = keyText(raw.name.value);
  const name = nameText || raw.fallbackName || codeText;
  // A name or code computed by a formula whose result the file does not store reads as none
  // (keyText), and is said as a formula the file must be saved to give, not as a blank cell.
  const nameFormula = formulaWithoutResult(raw.name.value);
  const codeFormula = raw.code ? formulaWithoutResult(raw.code.value) : undefined;
  if (name === "") {
    const where = { sheet: raw.sheet, ...(raw.file !== undefined ? { file: raw.file } : {}) };
    // Neither name nor code (a table's row): the one that is a formula is said, without a name to score the row under.
    const unread: MessageParams | undefined =
      nameFormula !== undefined
        ? { cell: raw.name.address, raw: nameFormula, cellHolds: "name" }
        : codeFormula !== undefined && raw.code
          ? { cell: raw.code.address, raw: codeFormula, cellHolds: "code" }
          : undefined;
    issues.push(unread ? makeIssue("error", "excel-error", { ...where, ...unread }) : makeIssue("error", "missing-unit-name", { ...where, cell: raw.name.address }));
    return { issues };
  }
  // A unit without a code keeps none (its code is ""): it is known by its name (unitKey).
  const code = codeText;
  const base: MessageParams = { sheet: raw.sheet, ...(raw.file !== undefined ? { file: raw.file } : {}), unit: code || name, ...dates };
  for (const f of raw.formFindings ?? []) issues.push(makeIssue(f.severity, f.code, { ...base, ...f.params }));
  if (nameText === "" && nameFormula !== undefined) {
    issues.push(makeIssue("warning", "excel-error", { ...base, cell: raw.name.address, raw: nameFormula, cellHolds: "name", unitName: name }));
  } else if (nameText === "") {
    issues.push(
      makeIssue("warning", "missing-unit-name", {
        ...base,
        cell: raw.name.address,
        unitName: name,
        ...(raw.noHeaderBlock ? { headerBlockTo: raw.noHeaderBlock.lastColumn } : {}),
        ...(raw.layout === "A" && (raw as LayoutAUnit).legacyLabels !== undefined ? { legacy: (raw as LayoutAUnit).legacyLabels } : {}),
      }),
    );
  }
  // A code that cannot be read: the unit is scored under its name, without its code (an error: the results name it otherwise).
  if (codeFormula !== undefined && raw.code) {
    issues.push(makeIssue("error", "excel-error", { ...base, cell: raw.code.address, raw: codeFormula, cellHolds: "code", unitName: name }));
  }
  // A name typed in an old encoding ("Së Y tÕ" for "Sở Y tế"): scored under it, and said, once a unit.
  const nameLegacy = typeof raw.name.value === "string" ? legacyEncodingOf(normalizeText(raw.name.value)) : undefined;
  if (nameLegacy !== undefined) {
    issues.push(makeIssue("warning", "legacy-encoding", { ...base, cell: raw.name.address, unitName: name, legacy: nameLegacy }));
  }

  let category: string | undefined;
  if (raw.category && keyText(raw.category.value) !== "" && model.categories.length === 0) {
    // An index without unit categories: what a form's Nhóm cell holds decides nothing, and is said
    // once, as information (a table's column of them is simply not read).
    if (raw.layout === "A") issues.push(makeIssue("info", "unknown-category", { ...base, cell: raw.category.address, raw: keyText(raw.category.value), categories: [] }));
  } else if (raw.category && keyText(raw.category.value) !== "") {
    const text = keyText(raw.category.value);
    category = resolveCategory(model, text);
    if (category === undefined) {
      // A category typed in an old encoding ("Së, ban, ngµnh…"): said with how to convert it.
      const value = raw.category.value;
      const legacy = typeof value === "string" ? legacyMeaning(normalizeText(value), (t) => resolveCategory(model, keyText(t)) !== undefined) : undefined;
      // An error where the index decides something by category (which indicators apply, the ranks
      // within categories): the unit is scored as if it had none, its points and rank not its own,
      // as a choice not in the list is. A warning where it decides nothing.
      issues.push(
        makeIssue(categoryMatters(categoryUses(model)) ? "error" : "warning", "unknown-category", {
          ...base,
          cell: raw.category.address,
          raw: text,
          categories: categoryNames(model),
          categoryUses: categoryUses(model),
          ...(legacy !== undefined ? { legacy } : {}),
        }),
      );
    }
  } else if (model.categories.length > 0 && !(raw.layout === "B" && raw.category === undefined)) {
    // Without a category the unit escapes appliesTo and ranks within categories: say so (as
    // information, for an index that decides nothing by category). At the blank category cell; on
    // a form without a category cell, at the unit's name (a table without the column is said once,
    // by readLayoutB). A category computed by a formula whose result the file does not store is
    // said as such.
    const uses = categoryUses(model);
    const categoryFormula = raw.category ? formulaWithoutResult(raw.category.value) : undefined;
    issues.push(
      categoryFormula !== undefined && raw.category
        ? makeIssue("warning", "excel-error", { ...base, cell: raw.category.address, raw: categoryFormula, cellHolds: "category", categoryUses: uses })
        : makeIssue(categoryMatters(uses) ? "warning" : "info", "missing-category", {
            ...base,
            cell: raw.category?.address ?? raw.name.address,
            categories: categoryNames(model),
            categoryUses: uses,
          }),
    );
  }

  const locale = model.definition.numberLocale;
  // How the unit writes its figures ("74,1" the other way than an en index, "73.5" its way): a text
  // both ways read ("12.500") is read the unit's way when it shows one (numberEvidence, readNumber).
  const unitWays = numberEvidence(raw.values, (code) => model.inputs.get(code), locale);
  const values: Record<string, InputValue> = {};
  const notApplicable = new Set<string>();
  const reported = new Set<string>();
  const bareFigures: BareFigure[] = [];
  const evidenceGaps: NonNullable<Built["evidenceGaps"]> = [];
  /** The N/A answers allowed, in cell order: the indicator then counts as not applicable, whatever its other inputs hold. */
  const naAnswers: { at: MessageParams; raw: string; input: string; indicator: IndicatorModel }[] = [];
  /** The yes/no cells answered "x": a checklist (x / blank), whose blank yes/no cells are "no". */
  const checkMarks: string[] = [];

  for (const [inputCode, cell] of raw.values) {
    const input = model.inputs.get(inputCode);
    const indicator = input ? model.nodes.get(input.indicator) : undefined;
    if (!input || indicator?.kind !== "indicator") continue;
    const at: MessageParams = { ...base, cell: cell.address, node: inputCode, indicator: indicator.code };
    const reading = readCell(cell.value, {
      input,
      indicator,
      numberLocale: locale,
      ...(percentCells?.has(cell.address) ? { shownAsPercent: true } : {}),
      ...(unitWays !== undefined ? { unitWays } : {}),
    });
    if (category !== undefined && !appliesToUnit(indicator, category) && reading.kind !== "empty" && reading.kind !== "na") {
      // A figure for an indicator the unit's category does not take is not counted: said once, at
      // its cell, whatever it holds (kept in the values, as the unit's own, when it is one).
      issues.push(makeIssue("info", "value-not-read", { ...at, ...quotedCell(reading), categoryName: categoryNameOf(model, category) }));
      if (reading.kind === "value") values[inputCode] = reading.value;
      else reported.add(inputCode);
      continue;
    }
    switch (reading.kind) {
      case "empty":
        break;
      case "na":
        // Not applicable is no error where the indicator does not apply to the unit's category anyway.
        if (reading.allowed) {
          notApplicable.add(indicator.code);
          naAnswers.push({ at, raw: reading.raw, input: inputCode, indicator });
        } else if (appliesToUnit(indicator, category)) {
          reported.add(inputCode);
          issues.push(
            makeIssue("error", "not-applicable-not-allowed", {
              ...at,
              raw: reading.raw,
              node: indicator.code,
              inputType: input.type,
              ...(input.type === "choice" ? { list: choiceOptions(indicator).map((o) => o.value), choices: choiceNames(indicator) } : {}),
            }),
          );
        }
        break;
      case "value": {
        values[inputCode] = reading.value;
        if (input.type === "boolean" && isCheckMark(cell.value)) checkMarks.push(cell.address);
        issues.push(...noteIssues(at, reading));
        const percentage = reading.notes.some((n) => n.code === "percent-as-number");
        if ((percentage || reading.bareFraction) && typeof reading.value === "number") {
          bareFigures.push({ input: inputCode, kind: percentage ? "percentage" : "fraction", at, unitName: name, ...quotedCell(reading), value: reading.value });
        }
        break;
      }
      case "invalid":
        reported.add(inputCode);
        issues.push(
          makeIssue("error", reading.code, {
            ...at,
            ...quotedCell(reading),
            ...(reading.min !== undefined ? { min: reading.min } : {}),
            ...(reading.max !== undefined ? { max: reading.max } : {}),
            ...(reading.list !== undefined ? { list: reading.list } : {}),
            ...(reading.choices !== undefined ? { choices: reading.choices } : {}),
            ...(reading.percent ? { percent: true } : {}),
            ...(reading.shownPercent ? { shownPercent: true } : {}),
            ...(reading.numberText !== undefined ? { numberText: reading.numberText } : {}),
            ...(reading.measure !== undefined ? { measure: reading.measure } : {}),
            ...(reading.notPercent !== undefined ? { notPercent: true, value: reading.notPercent.value, ...(reading.notPercent.shown ? { shownPercent: true } : {}) } : {}),
            ...(reading.legacy !== undefined ? { legacy: reading.legacy } : {}),
          }),
        );
        issues.push(...noteIssues(at, reading));
        break;
    }
  }

  issues.push(...naWithFigures(naAnswers, values, category, name));

  if (checkMarks.length > 0) {
    /** The blank yes/no cells read as "no", by input code: said, not read so silently (checklistIssues). */
    const readAsNo: string[] = [];
    for (const input of model.inputs.values()) {
      // A blank box inside a merge shows the merge's mark ("x"): not read as "no", said by missing-input.
      const ownCell = raw.inputCells[input.code] !== undefined && raw.mergedInputCells?.[input.code] === undefined;
      if (input.type === "boolean" && ownCell && values[input.code] === undefined && !reported.has(input.code)) {
        values[input.code] = false;
        readAsNo.push(input.code);
      }
    }
    for (const i of checklistIssues(model, raw, base, { values, readAsNo, checkMarks, category, notApplicable })) issues.push(i);
  }

  const missingRows = new Set(raw.missingRows);
  /** Inputs without a row whose absence leaves their indicator without data → the indicator. */
  const scoredWithoutRow = new Map<string, string>();
  /**
   * Under missing "exclude", the inputs given of an indicator that lacks others (givenRuleInputs):
   * it then scores 0 rather than being left out, which missing-input and missing-row say.
   */
  const givenOf = new Map<string, string[]>();
  const missing = model.definition.missing;
  // A unit that gave no figure at all: one "no-figures" at its first blank input, for all of them.
  let saidNoFigures = false;
  for (const indCode of model.indicators) {
    const ind = model.nodes.get(indCode);
    if (ind?.kind !== "indicator" || !appliesToUnit(ind, category) || notApplicable.has(indCode)) continue;
    for (const inputCode of scoredInputs(ind, values, model)) {
      if (values[inputCode] !== undefined || reported.has(inputCode)) continue;
      if (missing === "exclude" && !givenOf.has(indCode)) givenOf.set(indCode, givenRuleInputs(ind, values, scalesOf(model)));
      const given = givenOf.get(indCode) ?? [];
      if (missingRows.has(inputCode)) {
        // Said once, by missing-row below, with what it does to the indicator.
        scoredWithoutRow.set(inputCode, indCode);
        continue;
      }
      if (raw.noFigures) {
        if (!saidNoFigures) issues.push(noFiguresIssue(model, raw, base, name, inputCode));
        saidNoFigures = true;
        continue;
      }
      // An indicator that scores nothing (max 0, or under a group of max 0: "không tính điểm"): its blank changes no result.
      const nothing = scoresNothing(model, indCode);
      // A table of units without its column (a published table without the smart-city column):
      // said once for the table (layout B's missing-row note), not again on each unit's row.
      if (nothing && raw.layout === "B" && raw.inputCells[inputCode] === undefined) continue;
      // Scored 0 (under "zero", or under "exclude" beside inputs given): a warning, as it lowers the score.
      const scoredZero = missing === "zero" || given.length > 0;
      // A blank cell inside a merge that shows a value: the unit thinks it answered; a warning, naming the merge.
      const merged = raw.mergedInputCells?.[inputCode];
      issues.push(
        makeIssue((scoredZero || merged !== undefined) && !nothing ? "warning" : "info", "missing-input", {
          ...base,
          ...inputPlace(raw, inputCode),
          node: inputCode,
          indicator: indCode,
          missing,
          ...(merged ? { mergedRange: merged.range, mergedCell: merged.cell, ...quotedCell(merged) } : {}),
          ...(given.length > 0 ? { given } : {}),
          ...(ind.max === undefined ? { noPoints: true } : {}),
          ...(nothing ? { scoresNothing: true } : {}),
        }),
      );
    }
    const rule = ind.rule;
    if (rule.kind === "ratio" && values[rule.denominator] === 0) {
      // The rule's zeroDenominator decides (left out, 0 or full); a cap warning would be wrong here.
      issues.push(
        makeIssue("info", "zero-denominator", {
          ...base,
          cell: raw.values.get(rule.denominator)?.address ?? raw.fallbackCell,
          node: indCode,
          list: [rule.numerator, rule.denominator],
          zeroDenominator: rule.zeroDenominator,
        }),
      );
    } else if (rule.kind === "ratio" && rule.cap) {
      const n = values[rule.numerator];
      const d = values[rule.denominator];
      // The quotient is above 1: n > d over a positive d, n < d over a negative one (−200 ÷ −100).
      if (typeof n === "number" && typeof d === "number" && (d > 0 ? n > d : n < d)) {
        issues.push(
          makeIssue("warning", "numerator-exceeds-denominator", {
            ...base,
            cell: raw.values.get(rule.numerator)?.address ?? raw.fallbackCell,
            node: indCode,
            list: [rule.numerator, rule.denominator],
            value: n,
            other: d,
          }),
        );
      }
    }
    // Whether the indicator earns points, and so needs its evidence, is known once it is scored (checkEvidence).
    // Evidence in a formula whose result the file does not store is not missing: it cannot be read, which is said (layout-a).
    const unread = raw.layout === "A" ? (raw as LayoutAUnit).evidenceUnread?.[indCode] : undefined;
    if (raw.evidence && ind.def.evidence === "required" && (raw.evidence.get(indCode) ?? "") === "" && unread === undefined) {
      // A cell that says there is none ("Không có", "-") or holds an error: the finding is there, quoting it.
      const none = raw.layout === "A" ? (raw as LayoutAUnit).evidenceNone?.[indCode] : undefined;
      const written: MessageParams = none
        ? { cell: none.cell, raw: none.raw, evidenceWritten: none.error ? "error" : "none", ...(none.legacy !== undefined ? { legacy: none.legacy } : {}) }
        : { cell: raw.evidenceCells[indCode] ?? raw.fallbackCell };
      evidenceGaps.push({ node: indCode, params: { ...base, ...written, node: indCode }, at: issues.length });
    }
  }

  for (const code of raw.missingRows) {
    const indicator = scoredWithoutRow.get(code) ?? model.inputs.get(code)?.indicator;
    const given = indicator !== undefined ? (givenOf.get(indicator) ?? []) : [];
    const scored = scoredWithoutRow.has(code)
      ? {
          missing,
          ...(given.length > 0 ? { given } : {}),
          ...(indicator !== undefined && model.nodes.get(indicator)?.max === undefined ? { noPoints: true } : {}),
        }
      : {};
    issues.push(
      makeIssue("warning", "missing-row", {
        ...base,
        cell: raw.fallbackCell,
        node: code,
        ...(indicator !== undefined ? { indicator } : {}),
        place: "row",
        ...scored,
      }),
    );
  }
  for (const u of raw.unknownCodes) {
    const codes = codesTurnedDate(model, u.raw);
    issues.push(makeIssue("warning", "unknown-code", { ...base, cell: u.address, raw: u.raw, ...(codes.length > 0 ? { list: codes } : {}) }));
  }
  for (const f of raw.rowFindings ?? []) issues.push(makeIssue(f.severity, f.code, { ...base, ...f.params }));

  const selfScores: Record<string, number> = {};
  const selfScoreCells: Record<string, string> = {};
  const selfNotApplicable: string[] = [];
  for (const [node, cell] of raw.selfScores) {
    const v = cell.value;
    // "Không áp dụng" (N/A) as a self score: the unit says the indicator is not scored for it,
    // which checkSelfScores compares with whether it is.
    if (typeof v === "string" && isNotApplicableText(v)) {
      selfNotApplicable.push(node);
      selfScoreCells[node] = cell.address;
      continue;
    }
    // A self score computed by a formula whose result the file does not store cannot be read: said as such, not as no number.
    const formula = formulaWithoutResult(v);
    if (formula !== undefined) {
      issues.push(makeIssue("warning", "excel-error", { ...base, cell: cell.address, node, raw: formula, cellHolds: "self" }));
      continue;
    }
    const n = typeof v === "number" ? v : typeof v === "string" ? parseNumberText(v, locale)?.value : undefined;
    if (n === undefined || !Number.isFinite(n)) {
      issues.push(makeIssue("warning", "not-a-number", { ...base, cell: cell.address, node, raw: cellText(v) }));
      continue;
    }
    selfScores[node] = n;
    selfScoreCells[node] = cell.address;
  }

  // Indicators whose Minh chứng says there is none ("Không có", "x", "-") and holds nothing else.
  const noEvidence = raw.layout === "A" && raw.evidence ? Object.keys((raw as LayoutAUnit).evidenceNone ?? {}) : [];
  const submission: Submission = {
    code,
    name,
    ...(category !== undefined ? { category } : {}),
    values,
    notApplicable: [...notApplicable],
    ...(raw.evidence ? { evidence: Object.fromEntries(raw.evidence) } : {}),
    ...(noEvidence.length > 0 ? { noEvidence } : {}),
    ...(raw.layout === "A" ? { selfScores } : {}),
    ...(selfNotApplicable.length > 0 ? { selfNotApplicable } : {}),
    source: { ...raw.source, ...(raw.layout === "A" ? { selfScoreCells } : {}) },
  };
  return { submission, issues, bareFigures, evidenceGaps };
}

/** How many issues of each severity each unit has (issues without a unit are not counted). */
export function issueCounts(issues: Issue[]): Map<string, { error: number; warning: number; info: number }> {
  const counts = new Map<string, { error: number; warning: number; info: number }>();
  for (const issue of issues) {
    if (issue.unit === undefined) continue;
    const c = counts.get(issue.unit) ?? { error: 0, warning: 0, info: 0 };
    c[issue.severity] += 1;
    counts.set(issue.unit, c);
  }
  return counts;
}

/** Whether a node scores nothing whatever its figures: it, or a group above it, has a max of 0 ("không tính điểm"). */
function scoresNothing(model: IndexModel, code: string): boolean {
  for (let at: string | undefined = code; at !== undefined; ) {
    const node = model.nodes.get(at);
    if (!node) return false;
    if (node.max === 0) return true;
    at = node.parent;
  }
  return false;
}
