/**
 * The pipeline, the same for every host:
 *   snapshot = host.read() → definition → read → score → plan → host.apply(plan)
 * One read, pure steps, one write.
 */
import { type DefinitionProblem, parseDefinition, problemsSummary } from "./definition";
import type { IndexModel } from "./definition/model";
import type { LocalizedText } from "./definition/schema";
import type { Lang, Message } from "./i18n/text";
import { localize, normalizeText } from "./i18n/text";
import { indicesNamedOnForms, namedIndex, namesIndex } from "./forms-index";
import { isIndexTitle, typeIndexIdAdvice } from "./index-text";
import { type IndexRef, indexWords } from "./index-words";
import { type IndexSheetState, foreignIndexSheet, foreignIndexSheetMessage, readIndexSheet, withAppraisedRecords } from "./plan/index-sheet";
import type { PlanOptions } from "./plan/plan";
import { valueLeftOut } from "./plan/figures";
import { notRankedText, uncomputedParts } from "./plan/labels";
import { type ReadResult, checkSelfScores, issueLocation, readSubmissions } from "./read";
import { readLayoutB } from "./read/layout-b";
import { isBlank } from "./read/sheet";
import { a1 } from "./a1";
import { withEvidenceFindings } from "./read/evidence";
import { periodIssues } from "./read/periods";
import { resultIssues, scoreUnits, unitsByRank } from "./score";
import { appraisedOverNewFigures } from "./stale";
import type { Issue, IssueCode, RankingOverride, ScoreTable, SheetSnapshot, Submission, WorkbookSnapshot, WritePlan } from "./types";
import type { WorkbookHost } from "./host";

export type PipelineErrorCode = "definition-invalid" | "definition-missing" | "layout-not-found" | "index-sheet-taken" | "owned-sheet-protected";

/**
 * Why a run could not happen, as one sentence in each language (the CLI prints it on one line).
 * An invalid definition also carries every one of its problems, to be listed one per line.
 */
export class PipelineError extends Error {
  constructor(
    readonly code: PipelineErrorCode,
    readonly userMessage: Message,
    readonly problems?: DefinitionProblem[],
    /** What the check found when no submission could be read ("layout-not-found"), and of which index. */
    readonly found?: { index: { id: string; version: string }; issues: Issue[] },
  ) {
    super(userMessage.en);
    this.name = "PipelineError";
  }
}

export interface RunOptions {
  /** The definition as JSON data; when absent, the definition embedded in the workbook's `_index`. */
  definition?: unknown;
  lang: Lang;
  /** The run's ranking over the definition's (`decimals: null`: no rounding, whatever the definition gives). */
  ranking?: RankingOverride;
  projectVersion: string;
  now?: Date;
  /** false: read and score only (validate, dry runs). */
  write?: boolean;
  charts?: PlanOptions["charts"];
  /** Awaited when it returns a promise: a caller on a page's thread gives the page its turn between the stages. */
  onProgress?: (step: string, fraction: number) => unknown;
}


export interface RunResult {
  model: IndexModel;
  table: ScoreTable;
  issues: Issue[];
  submissions: Submission[];
  plan?: WritePlan;
  layout: ReadResult["layout"];
  definitionSource: "given" | "embedded";
  /** What the workbook's `_index` said before this run (undefined for a workbook never scored). */
  previous?: IndexSheetState;
}

/** One line: the only problem, or how many and the first (the full list goes with the error). */
function describeProblems(problems: DefinitionProblem[]): Message {
  return {
    vi: `Bộ chỉ số không hợp lệ: ${problemsSummary(problems, "vi")}`,
    en: `The index definition is not valid: ${problemsSummary(problems, "en")}`,
  };
}

/**
 * The definition kept in `_index` reads as JSON but is no valid definition (edited by hand, or
 * written by a later version): the first problem, and what to do, on one line.
 */
function describeEmbeddedProblems(problems: DefinitionProblem[]): Message {
  const stop = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);
  return {
    vi: `Bộ chỉ số lưu trong trang _index không phải là định nghĩa bộ chỉ số hợp lệ: ${stop(problemsSummary(problems, "vi"))} Hãy chọn lại tệp định nghĩa bộ chỉ số (--index).`,
    en: `The definition kept in the _index sheet is not a valid index definition: ${stop(problemsSummary(problems, "en"))} Choose the definition file again (--index).`,
  };
}

/**
 * Before anything is written: a sheet of the user's named `_index` stops the run, since writing
 * the project's bookkeeping there would wipe it (nothing is lost: the user renames it and runs again).
 */
export function assertIndexSheetFree(snapshot: WorkbookSnapshot): void {
  const taken = foreignIndexSheet(snapshot);
  if (taken !== undefined) throw new PipelineError("index-sheet-taken", foreignIndexSheetMessage(taken));
}

export async function runScoring(host: WorkbookHost, options: RunOptions): Promise<RunResult> {
  const progress = options.onProgress ?? (() => undefined);
  // The planner is loaded when a run writes: in the task pane it is a chunk of its own ("scoring"),
  // fetched in idle time once the pane opens, so that the pane's first scripts stay small; reading
  // and checking never need it. Its loading starts now, beside the read, and is awaited when the
  // plan is made (a failure then is the run's, never unhandled). Node and the tests load it at once.
  const planner = options.write !== false ? import(/* webpackChunkName: "scoring", webpackPrefetch: true */ "./plan/plan") : undefined;
  planner?.catch(() => undefined);
  await progress("read", 0);
  const snapshot = await host.read();
  // Read once, for the definition, the reader and the plan (a CSV file is never `_index`: readIndexSheet).
  const previous = readIndexSheet(snapshot);
  if (options.write !== false) assertIndexSheetFree(snapshot);

  await progress("definition", 0.2);
  let input: unknown = options.definition;
  let definitionSource: RunResult["definitionSource"] = "given";
  if (input === undefined) {
    if (previous?.definitionJson === undefined) {
      throw new PipelineError("definition-missing", {
        vi: "Không có bộ chỉ số: hãy chọn tệp định nghĩa bộ chỉ số (--index), hoặc mở sổ làm việc đã chấm có lưu bộ chỉ số trong trang ẩn _index.",
        en: "No index definition: choose a definition file (--index), or open a scored workbook that keeps its definition in the hidden _index sheet.",
      });
    }
    definitionSource = "embedded";
    try {
      input = JSON.parse(previous.definitionJson);
    } catch {
      throw new PipelineError("definition-invalid", {
        vi: "Bộ chỉ số lưu trong trang _index bị hỏng (không đọc được JSON); hãy chọn lại tệp định nghĩa bộ chỉ số (--index).",
        en: "The definition kept in the _index sheet is damaged (not readable JSON); choose the definition file again (--index).",
      });
    }
  }
  const parsed = parseDefinition(input);
  if (!parsed.ok) {
    // The one kept in the workbook is JSON, but no definition: said as such, not as a file the user gave.
    const message = definitionSource === "embedded" ? describeEmbeddedProblems(parsed.problems) : describeProblems(parsed.problems);
    throw new PipelineError("definition-invalid", message, parsed.problems);
  }
  const model = parsed.model;

  await progress("read", 0.3);
  // The reader skips the sheets `_index` records as the project's (sheetsWrittenByScoring), and only those.
  const reading = readSubmissions(model, snapshot, { lang: options.lang, indexSheet: previous ?? null });
  const { submissions } = reading;
  if (submissions.length === 0) {
    // A workbook made for another index says so, naming it ("definition-mismatch"); a table of
    // units with no unit's row under its header says so, naming its sheet (or file) and header
    // row, and a CSV header line split by a separator in a column's name says that (its values
    // would be out of line); otherwise nothing looked like a submission.
    const otherIndex = reading.issues.some((i) => i.code === "definition-mismatch")
      ? formsOfAnotherIndexMessage(indicesNamedOnForms(snapshot), model.definition, "workbook")
      : undefined;
    const notFound = reading.issues.find((i) => i.code === "definition-mismatch") ?? reading.issues.find((i) => i.code === "layout-not-found");
    const empty = emptyTables(model, snapshot, reading);
    throw new PipelineError(
      "layout-not-found",
      otherIndex ?? notFound?.message ?? reading.issues.find((i) => i.code === "header-too-wide")?.message ?? empty[0]?.message ?? {
        vi: "Không tìm thấy phiếu của đơn vị nào: cần các trang có bảng Mã | Nội dung | Số liệu, hoặc một bảng có cột Đơn vị và mỗi mã số liệu một cột.",
        en: "No unit submissions found: sheets need a table with Code | Item | Value, or one table with a Unit column and one column per input code.",
      },
      undefined,
      { index: { id: model.definition.id, version: model.definition.version }, issues: [...empty, ...reading.issues] },
    );
  }

  await progress("score", 0.5);
  const table = scoreUnits(model, submissions, options.ranking ? { ranking: options.ranking } : {});
  // First the new figures that a council's appraised figure kept from the last scoring overrides
  // (the copies `_index` keeps of the figures scored, and its records of what earlier scorings
  // said of them, said again while they hold): a figure typed that the scoring silently
  // does not use, said before the findings a command line shows only the first of. Then the
  // reader's findings, with those that need the scores: a blank required evidence where the
  // indicator earns points (put among the unit's reading findings, where the reader found it); the
  // forms whose assessment period differs from the others' (the titles list every period, naming
  // no form); then the results' and the self scores'.
  const appraised = appraisedOverNewFigures(model, snapshot, submissions, previous);
  const issues = [
    ...appraised.issues,
    ...withEvidenceFindings(model, reading, table),
    ...periodIssues(snapshot, submissions),
    ...resultIssues(model, submissions, table),
    ...checkSelfScores(model, submissions, table),
  ];

  const result: RunResult = {
    model,
    table,
    issues,
    submissions,
    layout: reading.layout,
    definitionSource,
    ...(previous ? { previous } : {}),
  };
  if (planner) {
    await progress("plan", 0.7);
    const { planResults } = await planner;
    const planned = planResults(model, table, issues, submissions, {
      lang: options.lang,
      projectVersion: options.projectVersion,
      now: options.now ?? new Date(),
      snapshot,
      ...(previous ? { previous } : {}),
      ...(options.charts ? { charts: options.charts } : {}),
    });
    // `_index` records the appraised figures this run warned about: later runs say them again
    // while they hold, although the copies it keeps then hold the new figures and periods.
    const plan = { ...planned, owned: planned.owned.map((o) => withAppraisedRecords(o, appraised.records)) };
    await progress("write", 0.8);
    await host.apply(plan);
    result.plan = plan;
  }
  await progress("done", 1);
  return result;
}

/**
 * The tables of units (layout B) that were read but gave no unit to score, each as an error
 * ("layout-not-found") at its header row: "Tệp h.csv, dòng 1: đây là dòng tiêu đề của bảng tổng
 * hợp … nhưng bên dưới không có dòng nào của đơn vị …". A table whose rows were all left out (a
 * totals row, a row without a unit's name, a CSV line with too many fields) says so, pointing at
 * the findings about its rows. Only called when no submission was read: every sheet read is then
 * such a table (a form is always a unit).
 */
function emptyTables(model: IndexModel, snapshot: WorkbookSnapshot, reading: ReadResult): Issue[] {
  const rowFindings = new Set<IssueCode>(["summary-row", "header-row-repeated", "missing-unit-name", "row-too-wide", "duplicate-unit"]);
  const found: Issue[] = [];
  for (const name of reading.sheets) {
    const sheet = snapshot.sheets.find((s) => s.name === name);
    const row = sheet ? unitsHeaderRow(model, sheet) : undefined;
    if (sheet === undefined || row === undefined) continue;
    // A header line split in two by a separator says already that no row of the table was read.
    if (reading.issues.some((i) => i.sheet === name && i.code === "header-too-wide")) continue;
    const file = sheet.csvFile;
    const at = issueLocation({ sheet: name, row, ...(file !== undefined ? { file } : {}) });
    const skipped = reading.issues.some((i) => i.sheet === name && rowFindings.has(i.code));
    const what: Message = skipped
      ? {
          vi: "đây là dòng tiêu đề của bảng tổng hợp (cột Đơn vị và các cột mang mã số liệu) nhưng không dòng nào bên dưới chấm được (xem các mục về từng dòng), nên chưa chấm được đơn vị nào",
          en: "this is the header row of a table of units (a Unit column and columns named by input codes), but none of the rows below it could be scored (see the findings about each row), so no unit was scored",
        }
      : {
          vi: "đây là dòng tiêu đề của bảng tổng hợp (cột Đơn vị và các cột mang mã số liệu) nhưng bên dưới không có dòng nào của đơn vị, nên chưa chấm được đơn vị nào; hãy nhập số liệu của mỗi đơn vị trên một dòng dưới dòng tiêu đề",
          en: "this is the header row of a table of units (a Unit column and columns named by input codes), but no unit's row follows it, so no unit was scored; enter each unit's figures on a row below the header row",
        };
    // The place a host goes to: the header row's first filled cell (a CSV's too, for the JSON's
    // readers: nothing was scored, so no mark is written there).
    const first = (sheet.values[row - 1] ?? []).findIndex((v) => !isBlank(v));
    found.push({
      severity: "error",
      code: "layout-not-found",
      message: { vi: `${at.vi}${what.vi}.`, en: `${at.en}${what.en}.` },
      sheet: name,
      ...(first >= 0 ? { cell: a1(row - 1, first) } : {}),
    });
  }
  return found;
}

/**
 * The 1-based row of a sheet's table of units header, as the reader finds it: the reader looks
 * for it from the top, so the first rows of the sheet hold a table as soon as they hold its header.
 */
function unitsHeaderRow(model: IndexModel, sheet: SheetSnapshot): number | undefined {
  for (let rows = 1; rows <= sheet.values.length; rows++) if (readLayoutB(model, { ...sheet, values: sheet.values.slice(0, rows) })) return rows;
  return undefined;
}

/**
 * Of the `Bộ chỉ số` texts of forms (id@version), the distinct ones that name another index or
 * version than `inUse` (a definition), as the reader tells them apart: the same id with no version
 * is the index in use.
 */
export function indicesOtherThan(named: string[], inUse: unknown): string[] {
  const def = inUse as { id: string; version?: unknown; name?: LocalizedText };
  return [...new Set(named.map(normalizeText))].filter((text) => {
    const named = namesIndex(text, def);
    return text !== "" && !(named !== undefined && (named.version === undefined || named.version === normalizeText(String(def.version ?? ""))));
  });
}

/**
 * "Các phiếu trong sổ được lập theo bộ chỉ số "X" phiên bản mau-2023, không phải bộ chỉ số đang dùng
 * (phiên bản mau-2024), nên chưa đọc được phiếu nào." — forms whose `Bộ chỉ số` cell (`named`,
 * id@version) names another index or version than `inUse` (a definition), in the open workbook
 * ("workbook": no form could be read) or in files being brought in ("files": no sheet was collected).
 * `known`: other definitions whose names may name the forms' index (the built-in ones). One
 * sentence for every host; each adds what to do there. Undefined when no form names another index.
 */
export function formsOfAnotherIndexMessage(named: string[], inUse: unknown, where: "workbook" | "files", known: readonly unknown[] = []): Message | undefined {
  const def = inUse as { id: string; version: string; name?: LocalizedText };
  const current: IndexRef = { id: def.id, version: def.version, ...(def.name !== undefined ? { name: def.name } : {}) };
  const others = indicesOtherThan(named, inUse).map((text) => namedIndex(text, [inUse, ...known]));
  if (others.length === 0) return undefined;
  const first = others[0]!;
  const list = (lang: Lang) => others.map((o) => indexWords(o, current, lang)).join(", ");
  // Another version of the same index: "(phiên bản mau-2024)"; otherwise by its name.
  const inUseWords = (lang: Lang) => {
    const words = indexWords(current, first, lang, others.length === 1);
    return words.startsWith('"') ? words : `(${words})`;
  };
  const files = where === "files";
  // Titles typed in the forms' Bộ chỉ số cells, not ids: what to type there if they are the index in use's.
  const titles = indicesOtherThan(named, inUse).every(isIndexTitle) ? typeIndexIdAdvice(def) : undefined;
  return {
    vi: `Các phiếu trong ${files ? "các tệp đã chọn" : "sổ"} được lập theo bộ chỉ số ${list("vi")}, không phải bộ chỉ số đang dùng ${inUseWords("vi")}, nên ${files ? "chưa tổng hợp trang nào vào sổ" : "chưa đọc được phiếu nào"}.${titles ? ` ${titles.vi}` : ""}`,
    en: `The forms in ${files ? "the chosen files" : "this workbook"} were made for the index ${list("en")}, not the index in use ${inUseWords("en")}, so ${files ? "no sheet was collected into the workbook" : "no form could be read"}.${titles ? ` ${titles.en}` : ""}`,
  };
}

/**
 * The `--json` output (architecture.md, "Command line"): full-precision figures, messages in `lang`.
 * A unit without a code has `code: null` (as `category`). A unit that is not ranked also has
 * `notRankedReason` ("excluded" | "low-coverage" |
 * "not-available") and `notRankedNote`, the sentence the results sheet shows.
 */
export function resultsJson(result: RunResult, lang: Lang): object {
  const { table } = result;
  return {
    index: { id: table.index.id, version: table.index.version },
    units: unitsByRank(table).map((u) => ({
      code: u.code.trim() !== "" ? u.code : null,
      name: u.name,
      category: u.category ?? null,
      // A value computed with missing inputs as 0 for a unit not ranked for want of them, in an index of
      // values (the HDI: valueLeftOut), is none, as on the results sheet and in the command's table.
      value: valueLeftOut(result.model, u, u.coverage) ? null : u.value,
      points: u.points,
      rank: u.rank,
      rankInCategory: u.rankInCategory,
      ranked: u.ranked,
      // Additions to the architecture's contract: why a unit is not ranked (absent when it is).
      ...(u.ranked || u.notRankedReason === undefined
        ? {}
        : {
            notRankedReason: u.notRankedReason,
            notRankedNote: notRankedText(u.notRankedReason, u.coverage, table.ranking.minCoverage, lang, uncomputedParts(result.model, u, lang)),
          }),
      coverage: u.coverage,
      nodes: Object.fromEntries(
        Object.entries(u.nodes).map(([code, n]) => [code, { value: valueLeftOut(result.model, u, n.coverage, code) ? null : n.value, points: n.points, rank: n.rank }]),
      ),
    })),
    issues: issuesJson(result.issues, lang),
  };
}

/** Issues as the `--json` contract writes them: every field present, null when it does not apply. */
export function issuesJson(issues: Issue[], lang: Lang): object[] {
  return issues.map((i) => ({
    severity: i.severity,
    code: i.code,
    sheet: i.sheet ?? null,
    cell: i.cell ?? null,
    unit: i.unit ?? null,
    node: i.node ?? null,
    message: localize(i.message, lang),
  }));
}
