/** `score` and `validate`: read a workbook or CSV table, check it, and (score) rank and write. */
import type { IndexModel } from "../../core/definition/model";
import { type Lang, formatNumber, localize } from "../../core/i18n/text";
import { unitsByRank } from "../../core/score";
import type { Issue, ScoreTable, Severity } from "../../core/types";
import { PipelineError, resultsJson, runScoring } from "../../core/pipeline";
import { type CliIO, fail, writeOutputFile } from "../io";
import { M, T, notRankedShort } from "../messages";
import { clip, formatTable, loadIndex, openInput, problemDetails } from "./common";
import { PROJECT_VERSION } from "../version";
import type { ParsedArgs } from "../args";
import { Progress } from "../progress";

/** How many findings the human summary lists before "… and N more". */
const FINDINGS_SHOWN = 15;

export async function runScoreCommand(io: CliIO, args: ParsedArgs, lang: Lang, mode: "score" | "validate"): Promise<number> {
  if (args.files.length !== 1) fail(M.needOneFile(mode));
  const file = args.files[0]!;
  const loaded = args.index !== undefined ? loadIndex(io, args.index, lang) : undefined;
  const host = await openInput(io, file);
  const write = mode === "score" && args.out !== undefined;
  const progress = new Progress(io, lang, args.progress);
  let result: Awaited<ReturnType<typeof runScoring>>;
  try {
    result = await runScoring(host, {
      ...(loaded ? { definition: loaded.definition } : {}),
      lang,
      projectVersion: PROJECT_VERSION,
      write,
      onProgress: (stage) => progress.update(stage),
    });
  } catch (e) {
    progress.done();
    if (e instanceof PipelineError) fail(e.userMessage, e.problems ? problemDetails(e.problems) : undefined);
    throw e;
  }
  progress.done();

  const json = resultsJson(result, lang) as { index: unknown; issues: unknown[] };
  const table: ScoreTable = result.table;
  const issues: Issue[] = result.issues;
  const toStdout = args.json === "-";
  if (args.json !== undefined) {
    const payload = mode === "score" ? json : { index: json.index, issues: json.issues };
    const text = JSON.stringify(payload, null, 2) + "\n";
    if (toStdout) io.stdout.write(text);
    else writeOutputFile(io, args.json, text);
  }
  if (write) {
    const data = await host.toBuffer();
    writeOutputFile(io, args.out!, data);
  }
  // With the JSON on stdout, human output goes to stderr so the JSON stays parseable.
  const human = toStdout ? io.stderr : io.stdout;
  if (mode === "score") human.write(rankingTable(table, result.model, issues, lang));
  human.write(findingsSummary(issues, lang));
  if (write) human.write(M.wrote(args.out!)[lang] + "\n");
  if (args.json !== undefined && !toStdout) human.write(M.wrote(args.json)[lang] + "\n");
  return issues.some((i) => i.severity === "error") ? 1 : 0;
}

function fmt(x: number | null, lang: Lang, decimals: number): string {
  return x === null ? "—" : formatNumber(x, lang, decimals);
}

/** The ranking as an aligned table, best first; units not ranked at the end with the reason. */
export function rankingTable(table: ScoreTable, model: IndexModel, issues: Issue[], lang: Lang): string {
  const decimals = table.ranking.decimals ?? 2;
  const byCategory = table.ranking.within === "category";
  const categoryName = (id: string | undefined): string => {
    if (id === undefined) return "";
    const c = (model.definition.categories ?? []).find((k) => k.id === id);
    return c ? localize(c.name, lang) : id;
  };
  const issueCount = new Map<string, number>();
  for (const i of issues) if (i.unit !== undefined && i.severity !== "info") issueCount.set(i.unit, (issueCount.get(i.unit) ?? 0) + 1);
  const categoryOrder = (id: string | undefined): number => {
    const i = model.categories.indexOf(id ?? "");
    return i < 0 ? model.categories.length : i;
  };
  // Ranked within categories: each category's units together, by their rank in it.
  const units = byCategory
    ? unitsByRank(table)
        .map((u, i) => ({ u, i }))
        .sort((a, b) => categoryOrder(a.u.category) - categoryOrder(b.u.category) || a.i - b.i)
        .map(({ u }) => u)
    : unitsByRank(table);
  const header = [
    T.rank[lang],
    ...(byCategory ? [T.rankOverall[lang], T.category[lang]] : []),
    T.code[lang],
    T.unit[lang],
    T.points[lang],
    T.value[lang],
    T.coverage[lang],
    T.issues[lang],
  ];
  // Units not ranked get an empty rank and the reason in a last column.
  const someNotRanked = units.some((u) => !u.ranked);
  if (someNotRanked) header.push(T.note[lang]);
  const rows = units.map((u) => {
    const rank = u.ranked ? String((byCategory ? u.rankInCategory : u.rank) ?? "") : "—";
    const note = u.ranked ? "" : notRankedShort(u.notRankedReason, u.coverage, table.ranking.minCoverage)[lang];
    return [
      rank,
      ...(byCategory ? [u.ranked ? String(u.rank ?? "") : "", clip(categoryName(u.category), 40)] : []),
      u.code,
      clip(u.name, 40),
      fmt(u.points, lang, decimals),
      fmt(u.value, lang, 4),
      `${Math.round(u.coverage * 100)}%`,
      String(issueCount.get(u.code) ?? issueCount.get(u.name) ?? 0),
      ...(someNotRanked ? [note] : []),
    ];
  });
  const align: ("left" | "right")[] = [
    "right",
    ...(byCategory ? (["right", "left"] as const) : []),
    "left",
    "left",
    "right",
    "right",
    "right",
    "right",
    ...(someNotRanked ? (["left"] as const) : []),
  ];
  const ranked = table.units.filter((u) => u.ranked).length;
  return formatTable(header, rows, align) + M.scoredSummary(table.units.length, ranked)[lang] + "\n";
}

/** Counts by severity, then the first findings, errors first. */
export function findingsSummary(issues: Issue[], lang: Lang): string {
  const order: Severity[] = ["error", "warning", "info"];
  const counts = order.map((s) => [s, issues.filter((i) => i.severity === s).length] as const);
  const shown = issues.filter((i) => i.severity !== "info");
  if (shown.length === 0 && issues.length === 0) return M.noIssues[lang] + "\n";
  let out = `\n${M.findings[lang]}: ` + counts.map(([s, n]) => `${n} ${T.severity[s][lang]}`).join(", ") + "\n";
  const sorted = [...issues].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  for (const issue of sorted.slice(0, FINDINGS_SHOWN)) {
    // The message already names the sheet and cell.
    out += `  ${T.severityOne[issue.severity][lang]}: ${issue.message[lang]}\n`;
  }
  if (sorted.length > FINDINGS_SHOWN) out += "  " + M.moreIssues(sorted.length - FINDINGS_SHOWN)[lang] + "\n";
  return out;
}
