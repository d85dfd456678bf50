/** `score` and `validate`: read a workbook or CSV table, check it, and (score) rank and write. */
import { extname } from "node:path";
import type { IndexModel } from "../../core/definition/model";
import { type Lang, type Message, formatNumber, localize } from "../../core/i18n/text";
import { countIssuesByUnit, notScoredEntries, readIndexSheet, unitKey } from "../../core/plan";
import { builtinNamed, builtinNamedOnForms, formsOfAdaptedBuiltin, formsPerIndexNamed, indicesNamedOnForms, parseIndexText } from "../../core/forms-index";
import { BUILTIN_INDICES } from "../../indices";
import { coverageDecimals, label, notRankedText, uncomputedParts, unitCodeHeader, unitLabelText } from "../../core/plan/labels";
import { figureFormats, formatDecimals, valueLeftOut } from "../../core/plan/results-sheet";
import { unitsByRank } from "../../core/score";
import type { Issue, ScoreTable, Severity, Submission, WorkbookSnapshot } from "../../core/types";
import type { WorkbookHost } from "../../hosts/host";
import { PipelineError, formsOfAnotherIndexMessage, indicesOtherThan, issuesJson, resultsJson, runScoring } from "../../core/pipeline";
import { type CliIO, CliFailure, fail, resolvePath, writeOutputFile } from "../io";
import { M, T, severityCounts } from "../messages";
import { checkOutReplaceable, checkOutputs, clip, failIfOutLoses, formatTable, inputKind, loadIndex, openInput, problemDetails, unitsOfRun, warnIfOutOpen } from "./common";
import { PROJECT_VERSION } from "../version";
import type { ParsedArgs } from "../args";
import { type Progress, withProgress } from "../progress";
import { sayDefinitionReplaced, staleJson, staleMessage, staleResults } from "../stale";
import { scoringJson } from "../results-json";
import { workbookLanguage } from "../workbook-language";
import { peekWorkbookLanguage } from "../workbook-peek";

/** How many findings score's summary lists before "… and N more" (validate lists them all); score --help and the README say 15. */
const FINDINGS_SHOWN = 15;

/**
 * A finding to show: the reader's issues, and what the command line itself found about the
 * files (a CSV file that was not UTF-8: code "not-utf8", no sheet or cell).
 */
export type Finding = Omit<Issue, "code"> & { code: Issue["code"] | "not-utf8" | "write-warning" };

/** The workbook as the run reads it, read once: the same snapshot serves scoring and the stale check. */
export function readOnce(host: WorkbookHost, snapshot: WorkbookSnapshot): WorkbookHost {
  return new Proxy(host, {
    get(target, prop) {
      if (prop === "read") return async () => snapshot;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * The language the run speaks: --lang, else the one the workbook was last scored in (its `_index`
 * peeked at before anything else, peekWorkbookLanguage; then, once the workbook is read,
 * workbookLanguage), else Vietnamese. Set again by scoreFile when the workbook tells.
 */
interface Spoken {
  lang: Lang;
}

export async function runScoreCommand(io: CliIO, args: ParsedArgs, lang: Lang, mode: "score" | "validate"): Promise<number> {
  if (args.files.length !== 1) fail(M.needOneFile(mode, args.files));
  // The radar chart is drawn in the workbook --out writes: without it there is nothing to draw.
  if (args.radar !== undefined && args.out === undefined) fail(M.radarNeedsOut);
  const spoken: Spoken = { lang };
  // Without --lang, a workbook scored before is spoken to in its language from the start: what is
  // said before it is read (a definition file that is not valid, an --out that cannot be written)
  // too. Only its `_index` is looked at now (peekWorkbookLanguage); read in full, it tells again.
  if (args.lang === undefined) spoken.lang = (await peekWorkbookLanguage(resolvePath(io, args.files[0]!))) ?? lang;
  try {
    // Progress from the start: reading --out, the definition and the input may be most of the run.
    return await withProgress(io, spoken.lang, args.progress, (progress) => scoreFile(io, args, spoken, mode, progress));
  } catch (e) {
    // A failure once the workbook's language is known is said in it, as the rest of the run is.
    if (e instanceof CliFailure && spoken.lang !== lang) throw inLanguage(e, spoken.lang);
    throw e;
  }
}

/** A failure said in `lang` whatever language the command line says it in. */
function inLanguage(e: CliFailure, lang: Lang): CliFailure {
  const reason = e.reason[lang];
  return new CliFailure({ vi: reason, en: reason }, e.details ? { vi: e.details[lang], en: e.details[lang] } : undefined);
}

async function scoreFile(io: CliIO, args: ParsedArgs, spoken: Spoken, mode: "score" | "validate", progress: Progress): Promise<number> {
  let lang = spoken.lang;
  const file = args.files[0]!;
  const write = mode === "score" && args.out !== undefined;
  checkOutputs(io, mode, { files: [file, ...(args.index !== undefined ? [args.index] : [])], out: write ? args.out : undefined, json: args.json });
  progress.read([file]);
  // The units of a scored workbook --out replaces (not the input): this run must keep them all.
  const held = write ? await checkOutReplaceable(io, args.out!, { scored: true, input: file }) : undefined;
  if (write) warnIfOutOpen(io, args.out!, lang);
  const loaded = args.index !== undefined ? loadIndex(io, args.index, lang, mode, args.json) : undefined;
  const { host, notices } = await openInput(io, file);
  let result: Awaited<ReturnType<typeof runScoring>>;
  let snapshot: WorkbookSnapshot;
  // The snapshot as the failure below may explain it (assigned once read).
  let seen: WorkbookSnapshot | undefined;
  let definition = loaded?.definition;
  // The scoring time `_index` records in the workbook written (score --out), and --json says: as the run scores.
  let now: Date;
  try {
    progress.update("read");
    snapshot = await host.read();
    seen = snapshot;
    // Without --lang, a workbook scored before is scored again in its language: its results and
    // charts sheets, and what the run says, stay in the language of the forms beside them.
    if (args.lang === undefined) {
      lang = workbookLanguage(snapshot) ?? lang;
      spoken.lang = lang;
      progress.speak(lang);
    }
    if (definition === undefined && readIndexSheet(snapshot)?.definitionJson === undefined) {
      // Forms made by `template` and never scored: the built-in index they name, when it is one.
      const named = builtinNamedOnForms(snapshot, BUILTIN_INDICES);
      if (named) {
        definition = named.definition;
        (args.json === "-" ? io.stderr : io.stdout).write(M.indexFromForms(named.id)[lang] + "\n");
      } else {
        // Forms that name a built-in but were made from an adapted copy of it: never the built-in.
        const adapted = formsOfAdaptedBuiltin(snapshot, BUILTIN_INDICES);
        if (adapted !== undefined) fail(M.formsOfAdaptedBuiltin(adapted));
        // Forms of several indices: which one to score with is the user's choice, said as such.
        const several = formsPerIndexNamed(snapshot);
        if (several.length > 1) fail(M.formsOfSeveralIndices(several));
        // Forms of one index that is not built in: its definition file is needed, and the sentence names the index.
        if (several.length === 1) fail(M.formsOfIndexNotBuiltin(several[0]!.index, BUILTIN_INDICES.find((b) => b.id.toLowerCase() === parseIndexText(several[0]!.index).id.toLowerCase())?.id));
      }
    }
    now = new Date();
    result = await runScoring(readOnce(host, snapshot), {
      ...(definition !== undefined ? { definition } : {}),
      lang,
      projectVersion: PROJECT_VERSION,
      now,
      write,
      // The radar's units as --radar names them; its warnings say to choose others there.
      charts: { chooseWith: "cli", ...(args.radar ? { profileUnits: args.radar } : {}) },
      onProgress: (stage) => progress.update(stage),
    });
  } catch (e) {
    progress.done();
    // No definition given nor kept: said of this file, with what can be done for its kind (a table of text never keeps one).
    if (e instanceof PipelineError && e.code === "definition-missing") {
      fail(M.noIndexFor(mode, file, inputKind(file) === "csv" ? "table" : "workbook", extname(file).toLowerCase()));
    }
    // validate reports a workbook with no readable form like any other finding: in the list, the
    // JSON and the exit status 1 ("done, but the inputs have errors"); score has nothing to score.
    // Every form made for another index: one sentence naming both indices and what to do.
    const another = e instanceof PipelineError && seen ? formsOfAnotherIndex(e, seen, definition, args.index !== undefined) : undefined;
    // No form anywhere in the workbook: the sentence names the file.
    const named = (i: Issue): boolean => noFormIn(i) && inputKind(file) === "xlsx";
    const found = e instanceof PipelineError && e.found ? { ...e.found, issues: e.found.issues.map((i) => (named(i) ? { ...i, message: M.inFile(file, i.message) } : i)) } : undefined;
    if (found && mode === "validate") return reportNothingRead(io, args, lang, found, notices, another, seen);
    if (another) fail(another);
    if (e instanceof PipelineError) {
      const nowhere = e.found?.issues.find((i) => named(i) && i.message === e.userMessage);
      // A sheet of the workbook whose form or table gave no unit: its sentence names the sheet, and the file before it.
      const inSheet = inputKind(file) === "xlsx" && e.found?.issues.some((i) => i.code === "layout-not-found" && i.sheet !== undefined && i.message === e.userMessage);
      fail(nowhere || inSheet ? M.inFile(file, e.userMessage) : e.userMessage, e.problems ? problemDetails(e.problems) : undefined);
    }
    throw e;
  }
  // A scored workbook --out would lose the units this run's input does not name, or a sheet of the user's.
  if (held) failIfOutLoses(args.out!, held, unitsOfRun(result.submissions, result.issues), host.workbook.worksheets.map((ws) => ws.name));

  // Results kept in the workbook that are older than its inputs: said before anything else.
  const stale = staleResults(snapshot, { model: result.model, submissions: result.submissions, issues: result.issues }, lang);
  const names = new Map(result.submissions.map((s) => [unitKey(s), s.name]));
  const staleNote = stale
    ? staleMessage(stale, (k) => names.get(k) ?? stale.names[k] ?? k, mode === "validate" ? "score-again" : write ? "rescored" : "score-with-out")
    : undefined;

  // What the write had to do differently (a sheet of the user's had the results' name) is said
  // with the findings, in the JSON too, naming the sheet it is about.
  const writeNotices = (host.lastApply?.warnings ?? []).map(({ sheet, vi, en }): Finding => ({
    severity: "warning",
    code: "write-warning",
    ...(sheet !== undefined ? { sheet } : {}),
    message: { vi, en },
  }));
  const notes: Finding[] = [...notices.map(noticeFinding), ...writeNotices];
  const findings: Finding[] = [...notes, ...result.issues];
  const json = resultsJson(result, lang) as { index: unknown; units: unknown[]; issues: unknown[] };
  json.issues = [...notes.map((n) => jsonFinding(n, lang)), ...json.issues];
  const table: ScoreTable = result.table;
  const toStdout = args.json === "-";
  // The workbook first: a --out that cannot be written stops the command (status 2) before any
  // JSON is written that would stand for results no workbook holds, and a reader of stdout that
  // goes away (`--json - | head -c 5`) can no longer cost the workbook.
  if (write) {
    progress.update("write");
    const data = await host.toBuffer();
    writeOutputFile(io, args.out!, data);
  }
  if (args.json !== undefined) {
    // By kind, as the sentence says them (README, "The command line"); `scoredWith` and
    // `otherContent` (additions, docs/index-definition-notes.md) only when the results were scored
    // with another index or version, or with another content of the index in use.
    // validate writes what score writes (the same reading and scoring), only no workbook.
    // `scoredAt` and `periods` (additions, README) whenever known: the results' time, each unit's period.
    const text = JSON.stringify({ ...json, stale: staleJson(stale, staleNote, lang), ...scoringJson(snapshot, result.submissions, write ? now : undefined) }, null, 2) + "\n";
    if (toStdout) io.stdout.write(text);
    else writeOutputFile(io, args.json, text);
  }
  progress.done();
  // The workbook written keeps the definition given to --index: when the one it kept had the same
  // id and version but other content, that is said, not done silently.
  if (write && args.index !== undefined) sayDefinitionReplaced(io, readIndexSheet(snapshot), result.model, args.index, lang);
  // With the JSON on stdout, human output goes to stderr so the JSON stays parseable.
  const human = toStdout ? io.stderr : io.stdout;
  if (staleNote) human.write(staleNote[lang] + (mode === "score" ? "\n\n" : "\n"));
  if (mode === "score") human.write(rankingTable(table, result.model, result.issues, lang, { submissions: result.submissions, snapshot }));
  // validate is run to see the findings: every one of them; score's list stops after the first ones.
  // Set apart by a blank line from what comes before it (the ranking, the stale note); validate's output starts with it.
  human.write(findingsSummary(findings, lang, mode === "validate", mode === "score" || staleNote !== undefined));
  // --lang that differs from the language the workbook was scored in: its results and charts
  // sheets were written anew in this one, while the units' forms keep theirs. Said once, here.
  const before = args.lang !== undefined ? workbookLanguage(snapshot) : undefined;
  if (write && before !== undefined && before !== lang) {
    const sheets = (result.plan?.owned ?? []).filter((o) => o.visibility === "visible").map((o) => o.name);
    if (sheets.length > 0) human.write(M.sheetsLanguageChanged(sheets, before, lang)[lang] + "\n");
  }
  if (write) human.write(M.wrote(args.out!)[lang] + "\n");
  if (args.json !== undefined && !toStdout) human.write(M.wrote(args.json)[lang] + "\n");
  return result.issues.some((i) => i.severity === "error") ? 1 : 0;
}

function reportNothingRead(
  io: CliIO,
  args: ParsedArgs,
  lang: Lang,
  found: { index: { id: string; version: string }; issues: Issue[] },
  notices: Message[],
  headline?: Message,
  snapshot?: WorkbookSnapshot,
): number {
  const findings: Finding[] = [...notices.map(noticeFinding), ...found.issues];
  const toStdout = args.json === "-";
  if (args.json !== undefined) {
    const issues = [...notices.map((n) => jsonFinding(noticeFinding(n), lang)), ...issuesJson(found.issues, lang)];
    // No unit read, so no period; the time of the results the workbook holds, when it was scored.
    const text = JSON.stringify({ index: found.index, units: [], issues, stale: null, ...scoringJson(snapshot, []) }, null, 2) + "\n";
    if (toStdout) io.stdout.write(text);
    else writeOutputFile(io, args.json, text);
  }
  const human = toStdout ? io.stderr : io.stdout;
  if (headline) human.write(headline[lang] + "\n");
  human.write(findingsSummary(findings, lang, true, headline !== undefined));
  if (args.json !== undefined && !toStdout) human.write(M.wrote(args.json)[lang] + "\n");
  return 1;
}

/**
 * When no form could be read because every form names another index or version than the one in
 * use (`given`, else the definition kept in the workbook): the core's sentence naming both, then
 * what to do here — make new forms with `template`, or use the forms' index (leave out --index
 * when the workbook keeps it, its built-in id, or its definition file). Undefined otherwise.
 */
function formsOfAnotherIndex(e: PipelineError, snapshot: WorkbookSnapshot, given: unknown, indexGiven: boolean): Message | undefined {
  if (e.code !== "layout-not-found" || !e.found?.issues.some((i) => i.code === "definition-mismatch")) return undefined;
  const embedded = embeddedDefinition(snapshot);
  const inUse = given ?? embedded;
  if (inUse === undefined) return undefined;
  const named = indicesNamedOnForms(snapshot);
  const headline = formsOfAnotherIndexMessage(named, inUse, "workbook", BUILTIN_INDICES.map((b) => b.definition));
  if (!headline) return undefined;
  const others = indicesOtherThan(named, inUse);
  const one = others.length === 1 ? others[0]! : undefined;
  const builtin = one !== undefined ? builtinNamed(one, BUILTIN_INDICES) : undefined;
  const use =
    one !== undefined && indexGiven && embedded !== undefined && indicesOtherThan([one], embedded).length === 0
      ? ({ kind: "embedded" } as const)
      : builtin
        ? ({ kind: "builtin", id: builtin.id } as const)
        : ({ kind: "file", several: others.length > 1 } as const);
  const advice = M.formsOfAnotherIndexAdvice(use);
  return { vi: `${headline.vi} ${advice.vi}`, en: `${headline.en} ${advice.en}` };
}

/** The definition kept in the workbook's `_index` (as JSON data), when it has one that parses as JSON. */
function embeddedDefinition(snapshot: WorkbookSnapshot): unknown {
  const json = readIndexSheet(snapshot)?.definitionJson;
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** The finding that no sheet anywhere holds a form or a table of units (of a CSV file, the sentence names the file). */
function noFormIn(issue: Issue): boolean {
  return issue.code === "layout-not-found" && issue.sheet === undefined;
}

/** What openInput noticed about the file (a CSV that was not UTF-8), as a warning without a cell. */
function noticeFinding(message: Message): Finding {
  return { severity: "warning", code: "not-utf8", message };
}

/** A finding in the --json issue shape. */
function jsonFinding(f: Finding, lang: Lang): object {
  return { severity: f.severity, code: f.code, sheet: f.sheet ?? null, cell: f.cell ?? null, unit: f.unit ?? null, node: f.node ?? null, message: localize(f.message, lang) };
}

function fmt(x: number | null, lang: Lang, decimals: number): string {
  return x === null ? "—" : formatNumber(x, lang, decimals);
}

/**
 * The ranking as an aligned table, with the columns and labels of the results sheet (`Kết
 * quả`) in its order, less the group columns: Hạng (the overall rank), Mã đơn vị, Đơn vị, Loại đơn vị
 * (when the index has categories), Tổng điểm (when it has points), Giá trị, Hạng trong loại
 * (when ranked within categories), Tỷ lệ chỉ tiêu có số liệu, Số lỗi, Số cảnh báo, and Ghi chú
 * (the sheet's sentence) when some unit is not ranked. Points and values with the sheet's decimals
 * (figureFormats: the figure ranked on with the ranking's decimals, so that tied units show the
 * same figure; without them, with enough decimals that units ranked apart show different
 * figures). Rows in rank order as on the sheet; units not ranked at the end with the reason.
 * `read`: what was read (the submissions and the workbook), so that the line below the table
 * counts what was left out as the results sheet does, as forms and as rows of a table.
 */
export function rankingTable(table: ScoreTable, model: IndexModel, issues: Issue[], lang: Lang, read: { submissions: Submission[]; snapshot?: WorkbookSnapshot } = { submissions: [] }): string {
  const formats = figureFormats(model, table);
  const pointsDecimals = formatDecimals(formats.points);
  const valueDecimals = formatDecimals(formats.value);
  const withCategory = model.categories.length > 0 || table.units.some((u) => u.category !== undefined);
  const withPoints = model.root.max !== undefined;
  const inCategory = table.ranking.within === "category";
  const categoryName = (id: string | undefined): string => {
    if (id === undefined) return "";
    const c = (model.definition.categories ?? []).find((k) => k.id === id);
    return c ? localize(c.name, lang) : id;
  };
  const counts = countIssuesByUnit(issues);
  const units = unitsByRank(table);
  const someNotRanked = units.some((u) => !u.ranked);
  // As the results sheet shows it: a coverage below the minimum never reads as the minimum (66,7%,
  // not 67%), one short of all never as 100% (99,5%), one above none never as 0% (coverageDecimals).
  const coverageDecimalsShown = coverageDecimals(units.map((u) => u.coverage), table.ranking.minCoverage);
  const columns: { header: string; align: "left" | "right"; cell: (u: ScoreTable["units"][number]) => string }[] = [
    { header: label("rank", lang), align: "right", cell: (u) => (u.ranked ? String(u.rank ?? "") : "—") },
    // Called as the results sheet calls them: as the index calls a unit.
    { header: unitCodeHeader(model.definition.unitLabel, lang), align: "left", cell: (u) => u.code },
    { header: unitLabelText(model.definition.unitLabel, lang), align: "left", cell: (u) => clip(u.name, 40) },
    ...(withCategory ? [{ header: label("category", lang), align: "left" as const, cell: (u: ScoreTable["units"][number]) => clip(categoryName(u.category), 40) }] : []),
    ...(withPoints ? [{ header: label("totalPoints", lang), align: "right" as const, cell: (u: ScoreTable["units"][number]) => fmt(u.points, lang, pointsDecimals) }] : []),
    { header: label("value", lang), align: "right", cell: (u) => fmt(valueLeftOut(model, u, u.coverage) ? null : u.value, lang, valueDecimals) },
    ...(inCategory
      ? [{ header: label("rankInCategory", lang), align: "right" as const, cell: (u: ScoreTable["units"][number]) => (u.ranked && u.rankInCategory !== null ? String(u.rankInCategory) : "") }]
      : []),
    // A unit to which nothing applies has no coverage (not 100%): "—", as the sheet leaves it blank.
    { header: label("coverageColumn", lang), align: "right", cell: (u) => (u.coverage === null ? "—" : `${formatNumber(u.coverage * 100, lang, coverageDecimalsShown)}%`) },
    { header: label("errors", lang), align: "right", cell: (u) => String(counts.get(unitKey(u))?.errors ?? 0) },
    { header: label("warnings", lang), align: "right", cell: (u) => String(counts.get(unitKey(u))?.warnings ?? 0) },
    ...(someNotRanked
      ? [
          {
            header: label("note", lang),
            align: "left" as const,
            cell: (u: ScoreTable["units"][number]) => (u.ranked ? "" : notRankedText(u.notRankedReason, u.coverage, table.ranking.minCoverage, lang, uncomputedParts(model, u, lang))),
          },
        ]
      : []),
  ];
  const rows = units.map((u) => columns.map((c) => c.cell(u)));
  const ranked = table.units.filter((u) => u.ranked).length;
  return (
    formatTable(
      columns.map((c) => c.header),
      rows,
      columns.map((c) => c.align),
    ) +
    M.scoredSummary(table.units.length, ranked, notScored(issues, read.submissions, read.snapshot), model.definition.unitLabel)[lang] +
    "\n"
  );
}

/** Forms and rows of a table (a CSV file, a sheet of one row per unit) left out of the scoring, as the results sheet lists them below its table. */
function notScored(issues: Issue[], submissions: Submission[], snapshot: WorkbookSnapshot | undefined): { forms: number; rows: number } {
  const entries = notScoredEntries(issues, submissions, snapshot);
  const rows = entries.filter((e) => e.kind === "row").length;
  return { forms: entries.length - rows, rows };
}

/**
 * Counts by severity, then the findings, errors first: all of them, or (`all` false) the first ones
 * and how many more. `afterOther`: something is printed before it (the ranking), from which a blank
 * line sets it apart; the first thing printed starts with no blank line.
 */
export function findingsSummary(issues: Finding[], lang: Lang, all = false, afterOther = true): string {
  const order: Severity[] = ["error", "warning", "info"];
  if (issues.length === 0) return M.noIssues[lang] + "\n";
  const counts = Object.fromEntries(order.map((s) => [s, issues.filter((i) => i.severity === s).length]));
  let out = `${afterOther ? "\n" : ""}${M.findings[lang]}: ${severityCounts(counts, lang)}\n`;
  const sorted = [...issues].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  const shown = all ? sorted : sorted.slice(0, FINDINGS_SHOWN);
  for (const issue of shown) {
    // The message already names the sheet and cell.
    out += `  ${T.severityOne[issue.severity][lang]}: ${issue.message[lang]}\n`;
  }
  if (sorted.length > shown.length) out += "  " + M.moreIssues(sorted.length - shown.length)[lang] + "\n";
  return out;
}
