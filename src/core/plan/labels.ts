/** Every text the planner writes into a workbook, in Vietnamese and English. */
import type { Lang, Message, SheetMessage } from "../i18n/text";
import type { LocalizedText } from "../definition/schema";
import { formatDate, formatNumber, localize } from "../i18n/text";
import { roundHalfUp } from "../score/round";
import type { IndexModel } from "../definition/model";
import type { CellBlock, ChartKind, NotRankedReason, PrintPlan, Severity, UnavailableReason, UnitResult } from "../types";

/** Names that never change with the language: a second run in the other language finds them. */
export const INDEX_SHEET = "_index";
export const INDEX_FORMAT = "dti-scorer/_index/1";
export const RESULTS_TABLE = "DTI_Results";
export const CHART_NAMES = { total: "dti-total", groups: "dti-groups", profile: "dti-profile" } as const;
/** The three charts in the order they sit on the sheet, top to bottom. */
export const CHART_KINDS: ChartKind[] = ["barSorted", "stackedBar", "radar"];
/** Every note the project adds to a cell starts with this line, so that a later run removes only its own notes. */
export const MARK_NOTE_PREFIX = "[DTI Scorer]";

export const SHEET_NAMES = {
  results: { vi: "Kết quả", en: "Results" },
  charts: { vi: "Biểu đồ", en: "Charts" },
} satisfies Record<string, Message>;

export const COLUMN_LABELS = {
  rank: { vi: "Hạng", en: "Rank" },
  unitCode: { vi: "Mã đơn vị", en: "Unit code" },
  unit: { vi: "Đơn vị", en: "Unit" },
  category: { vi: "Loại đơn vị", en: "Unit category" },
  totalPoints: { vi: "Tổng điểm", en: "Total points" },
  value: { vi: "Giá trị", en: "Value" },
  rankInCategory: { vi: "Hạng trong loại", en: "Rank in category" },
  /** The command line's short header. */
  /** The results sheet's header: what the share is of. */
  coverageColumn: { vi: "Tỷ lệ chỉ tiêu có số liệu", en: "Data coverage" },
  errors: { vi: "Số lỗi", en: "Errors" },
  warnings: { vi: "Số cảnh báo", en: "Warnings" },
  note: { vi: "Ghi chú", en: "Note" },
  score: { vi: "Điểm", en: "Score" },
  average: { vi: "Trung bình", en: "Average" },
} satisfies Record<string, Message>;

export function label(key: keyof typeof COLUMN_LABELS, lang: Lang): string {
  return COLUMN_LABELS[key][lang];
}

export function groupValueHeader(name: string, lang: Lang): string {
  return lang === "vi" ? `${name} (giá trị)` : `${name} (value)`;
}

export function groupPointsHeader(name: string, lang: Lang): string {
  return lang === "vi" ? `${name} (điểm)` : `${name} (points)`;
}

/** The header of a group's rank among the units ("ranking.nodes"): "Hạ tầng số (hạng)" / "Digital infrastructure (rank)". */
export function groupRankHeader(name: string, lang: Lang): string {
  return lang === "vi" ? `${name} (hạng)` : `${name} (rank)`;
}

export function resultsTitle(indexName: string, version: string, lang: Lang): string {
  return lang === "vi" ? `Kết quả đánh giá, xếp hạng: ${indexName} (${version})` : `Scores and ranks: ${indexName} (${version})`;
}

/** How many forms (layout A sheets) and rows (of a table of units) were left out of the scoring. */
export interface NotScoredCount {
  forms: number;
  rows: number;
}

/** "1 phiếu", "2 dòng", "1 phiếu và 2 dòng" / "1 form", "2 rows", "1 form and 2 rows". */
function notScoredWhat(n: NotScoredCount, lang: Lang): string {
  const parts =
    lang === "vi"
      ? [n.forms > 0 ? `${n.forms} phiếu` : "", n.rows > 0 ? `${n.rows} dòng` : ""]
      : [n.forms > 0 ? `${n.forms} ${n.forms === 1 ? "form" : "forms"}` : "", n.rows > 0 ? `${n.rows} ${n.rows === 1 ? "row" : "rows"}` : ""];
  return parts.filter((p) => p !== "").join(lang === "vi" ? " và " : " and ");
}

/**
 * What the index calls a unit (its `unitLabel`: "Quốc gia"/"Country", "Tỉnh"/"Province"), in the
 * run's language, as a header or an axis title shows it; `Đơn vị`/`Unit` when it says nothing.
 */
export function unitLabelText(unitLabel: LocalizedText | undefined, lang: Lang): string {
  const text = localize(unitLabel, lang).trim();
  return text !== "" ? text : CHART_LABELS.unitAxis[lang];
}

/** A label inside a sentence: its first letter lowered, unless it starts an acronym ("UBND"). */
function inSentence(text: string): string {
  const [first = "", second = ""] = [...text];
  return second !== "" && second === second.toLocaleUpperCase("vi") && second !== second.toLocaleLowerCase("vi") ? text : first.toLocaleLowerCase("vi") + text.slice(first.length);
}

/**
 * An English noun's plural, for a label of plain English words ("country" → "countries"), each of
 * the alternatives of one written with a slash ("province/city" → "provinces/cities"); other labels as they are.
 */
function englishPlural(text: string): string {
  const alternatives = text.split(/(\s*\/\s*)/);
  if (alternatives.length > 1) {
    const words = alternatives.filter((_, i) => i % 2 === 0);
    if (words.every((w) => /(^|\s)[a-z]+$/i.test(w))) return alternatives.map((part, i) => (i % 2 === 0 ? englishPlural(part) : part)).join("");
    return text;
  }
  if (!/(^|\s)[a-z]+$/i.test(text)) return text;
  if (/[^aeiou]y$/i.test(text)) return `${text.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(text)) return `${text}es`;
  return `${text}s`;
}

/** "3 đơn vị", "206 quốc gia" / "1 unit", "206 countries": a count of units, called as the index calls them. */
export function unitCount(n: number, lang: Lang, unitLabel?: LocalizedText): string {
  const own = localize(unitLabel, lang).trim();
  if (lang === "vi") return `${n} ${own !== "" ? inSentence(own) : "đơn vị"}`;
  if (own === "") return `${n} ${n === 1 ? "unit" : "units"}`;
  return `${n} ${n === 1 ? inSentence(own) : englishPlural(inSentence(own))}`;
}

/**
 * The results sheet's subtitle: when and by what the units were scored, how many (and how many of
 * them are ranked, when not all are: "206 quốc gia, 193 được xếp hạng" / "206 countries, 193
 * ranked", the HDI's regional aggregates being left out of its ranking), what was not scored.
 */
export function resultsSubtitle(
  now: Date,
  projectVersion: string,
  units: number,
  lang: Lang,
  notScored: NotScoredCount = { forms: 0, rows: 0 },
  unitLabel?: LocalizedText,
  ranked: number = units,
): string {
  const date = formatDate(now, lang);
  const left = notScored.forms + notScored.rows > 0;
  const what = notScoredWhat(notScored, lang);
  const count = unitCount(units, lang, unitLabel) + (ranked < units ? (lang === "vi" ? `, ${ranked} được xếp hạng` : `, ${ranked} ranked`) : "");
  return lang === "vi"
    ? `Chấm điểm ngày ${date} bằng DTI Scorer ${projectVersion}; ${count}${left ? `; ${what} chưa được chấm (xem dưới bảng)` : ""}. Chương trình ghi lại bảng này (cả số liệu lẫn định dạng) ở mỗi lần tính: đừng sửa số liệu hay định dạng trong bảng; cột và ghi chú bạn thêm được giữ lại.`
    : `Scored on ${date} by DTI Scorer ${projectVersion}; ${count}${left ? `; ${what} not scored (see below the table)` : ""}. DTI Scorer rewrites this table (its figures and formatting) each time it scores: do not edit its figures or formatting; columns and notes you add are kept.`;
}

/**
 * The line that says why points shown do not always add up to the total shown (the results sheet,
 * under its table; a form, under its summary), written where they do not.
 */
export const ROUNDING_NOTE: Message = {
  vi: "Điểm được làm tròn khi hiển thị; tổng được tính từ số chưa làm tròn nên có thể lệch ở chữ số thập phân cuối so với tổng các điểm hiển thị.",
  en: "Points are shown rounded; totals are computed from unrounded figures, so they may differ in the last decimal place from the sum of the points shown.",
};

/** Whether a cell holds the rounding line (ROUNDING_NOTE), in either language. */
export function isRoundingNote(v: unknown): boolean {
  return typeof v === "string" && (["vi", "en"] as const).some((l) => v.trim() === ROUNDING_NOTE[l]);
}

/**
 * The results table's note on a unit whose form (or row of a table of units) holds no figure at
 * all (the finding "no-figures"): "Phiếu chưa có số liệu nào" / "The form has no figures".
 */
export function noFiguresNote(kind: "form" | "row" | "unit", lang: Lang): string {
  return NO_FIGURES_NOTES[kind][lang];
}

export const NO_FIGURES_NOTES = {
  form: { vi: "Phiếu chưa có số liệu nào", en: "The form has no figures" },
  row: { vi: "Dòng chưa có số liệu nào", en: "The row has no figures" },
  unit: { vi: "Chưa có số liệu nào", en: "No figures given" },
} satisfies Record<string, Message>;

/** How the line on a form left out of the scoring starts, before its reason. */
const FORM_NOT_SCORED = { vi: "Chưa được chấm: ", en: "Not scored: " } as const;

/**
 * The line a form left out of the scoring shows where its summary goes, visible and printed (a
 * mark's note is neither): "Chưa được chấm: " and the finding the results sheet lists for it.
 */
export function formNotScoredLine(reason: string, lang: Lang): string {
  return `${FORM_NOT_SCORED[lang]}${reason}`;
}

/**
 * Whether a cell holds that line (formNotScoredLine), in either language: its words, then the
 * finding's place, which always starts with the form's sheet ("Trang tính '…'" / "Sheet '…'"), so
 * that a remark of the user's that begins with the same words ("Chưa được chấm: chờ bổ sung") is not taken for it.
 */
export function isFormNotScoredLine(v: unknown): boolean {
  return typeof v === "string" && (v.startsWith(`${FORM_NOT_SCORED.vi}Trang tính '`) || v.startsWith(`${FORM_NOT_SCORED.en}Sheet '`));
}

/** The line above the list of forms and rows left out: "1 phiếu chưa được chấm:" / "1 form was not scored:". */
export function notScoredHeading(n: NotScoredCount, lang: Lang): string {
  const what = notScoredWhat(n, lang);
  if (lang === "vi") return `${what} chưa được chấm:`;
  return `${what} ${n.forms + n.rows === 1 ? "was" : "were"} not scored:`;
}

/**
 * What a unit's not-ranked note names besides its reason (notRankedText's `parts`): for a unit
 * excluded through its category (`excludedCategory`), that category's name ("Sở không có dịch vụ
 * công"); otherwise the root's children its total could not be computed without ("3 Hạ tầng
 * số"): those not available to it for another reason than not applying to it.
 */
export function uncomputedParts(model: IndexModel, unit: Pick<UnitResult, "nodes" | "notRankedReason" | "excludedCategory">, lang: Lang): string[] {
  if (unit.notRankedReason === "excluded") {
    const id = unit.excludedCategory;
    if (id === undefined) return [];
    const category = model.definition.categories?.find((c) => c.id === id);
    return [category ? localize(category.name, lang) : id];
  }
  return model.topCodes.flatMap((code) => {
    const result = unit.nodes[code];
    if (!result || result.available || result.reason === "not-applicable" || result.reason === "answered-na") return [];
    const node = model.nodes.get(code);
    const name = node !== undefined ? localize(node.name, lang) : "";
    // A group named by its code ("G1") is said once, not "G1 G1".
    return [name === "" || name.trim() === code ? code : `${code} ${name}`];
  });
}

/** The most decimals a percentage of coverage is shown with (89,9999%): more would not read. */
const MAX_COVERAGE_DECIMALS = 4;

/** The decimals of the minimum coverage as a percentage, up to 2: 90% → 0, 87,5% → 1. */
function minimumDecimals(minCoverage: number): number {
  const shown = roundHalfUp(minCoverage * 100, 2);
  let decimals = 0;
  while (decimals < 2 && roundHalfUp(shown, decimals) !== shown) decimals++;
  return decimals;
}

/** The fewest decimals that tell a coverage as a percentage from the minimum (up to 4): 0 for 50% against 90%, 1 for 89,7%. */
function decimalsApart(coverage: number, minCoverage: number): number {
  let decimals = 0;
  while (decimals < MAX_COVERAGE_DECIMALS && roundHalfUp(coverage * 100, decimals) === roundHalfUp(minCoverage * 100, decimals)) decimals++;
  return decimals;
}

/**
 * The fewest decimals with which a coverage between 0 and 1 reads neither 100% nor 0% (199 of 200
 * indicators is 99,5%, not 100%; 1 of 300 is 0,3%, not 0%); 0 for 0, 1 and null. Up to 10: a
 * coverage is a share of indicators, never that close to either end.
 */
export function decimalsWithin(coverage: number | null): number {
  if (coverage === null || !(coverage > 0 && coverage < 1)) return 0;
  let decimals = 0;
  while (decimals < 10) {
    const shown = roundHalfUp(coverage * 100, decimals);
    if (shown > 0 && shown < 100) break;
    decimals++;
  }
  return decimals;
}

/**
 * A coverage below the minimum and the minimum, as percentages that visibly differ: the minimum
 * as it is (up to 2 decimals: 90%, 87,5%), the coverage with the fewest decimals that tell it from
 * the minimum (26 of 29 indicators against 90% is 89,7%, not 90%), more than 2 only when 2 do not.
 */
export function coveragePercents(coverage: number, minCoverage: number, lang: Lang): { coverage: string; minimum: string } {
  const minimum = `${formatNumber(roundHalfUp(minCoverage * 100, 2), lang)}%`;
  const decimals = Math.max(decimalsApart(coverage, minCoverage), decimalsWithin(coverage));
  // Shown without trailing zeros, as the minimum is: 89,7%, not 89,70%.
  return { coverage: `${formatNumber(roundHalfUp(coverage * 100, decimals), lang)}%`, minimum };
}

/**
 * The decimals of the coverage column (the results sheet's `Tỷ lệ chỉ tiêu có số liệu`, the
 * command line's table), one for every unit of `coverages`, so that the column reads on the side
 * of the minimum each unit is: as many as the minimum is shown with (87,4%: one; a coverage at or
 * above it then never reads below it), and as many as a coverage below it needs to read apart
 * from it, as the not-ranked note shows it (2 of 3 indicators against 67% is 66,7%, not 67%);
 * and as many as keep a coverage short of all from reading 100%, and one above none from reading
 * 0% (decimalsWithin: 199 of 200 indicators is 99,5%). 0 (100%, 67%) when the index sets no
 * minimum with decimals and no coverage is that close to it, nor to 100% or 0%.
 * A coverage of null (a unit to which nothing applies, shown blank) counts for nothing.
 */
export function coverageDecimals(coverages: Iterable<number | null>, minCoverage: number): number {
  let decimals = minimumDecimals(minCoverage);
  for (const c of coverages) {
    if (c !== null && c < minCoverage) decimals = Math.max(decimals, decimalsApart(c, minCoverage));
    decimals = Math.max(decimals, decimalsWithin(c));
  }
  return decimals;
}

/**
 * Why a unit is not ranked, as the results sheet's note says it, naming `parts` (uncomputedParts)
 * when there are any: the category for a unit excluded through it, the parts of the index it
 * lacked for a total that could not be computed. `coverage` is the unit's (null, nothing
 * applicable, is never below the minimum).
 */
export function notRankedText(
  reason: NotRankedReason | undefined,
  coverage: number | null,
  minCoverage: number,
  lang: Lang,
  parts: readonly string[] = [],
): string {
  switch (reason) {
    case "excluded":
      if (parts.length > 0) {
        const name = parts.join(", ");
        return lang === "vi"
          ? `Không xếp hạng: loại đơn vị "${name}" nằm trong danh sách loại trừ của bộ chỉ số`
          : `Not ranked: the unit category "${name}" is excluded by the index definition`;
      }
      return lang === "vi" ? "Không xếp hạng: đơn vị nằm trong danh sách loại trừ của bộ chỉ số" : "Not ranked: the unit is excluded by the index definition";
    case "low-coverage": {
      const pct = coveragePercents(coverage ?? 0, minCoverage, lang);
      return lang === "vi"
        ? `Không xếp hạng: tỷ lệ chỉ tiêu có số liệu ${pct.coverage} thấp hơn mức tối thiểu ${pct.minimum}`
        : `Not ranked: data coverage ${pct.coverage} is below the minimum of ${pct.minimum}`;
    }
    case "not-available":
      if (parts.length > 0) {
        return lang === "vi"
          ? `Không xếp hạng: không tính được điểm tổng vì không tính được ${parts.join("; ")}`
          : `Not ranked: no total score could be computed, as ${parts.join("; ")} could not be computed`;
      }
      return lang === "vi" ? "Không xếp hạng: không tính được điểm tổng" : "Not ranked: no total score could be computed";
    default:
      return "";
  }
}

/**
 * The not-applicable answer as the project names it: what a form's instructions tell the unit to
 * type (the reader takes either spelling, in either language) and what the `Điểm` column shows.
 */
export const NOT_APPLICABLE_TEXT: Message = { vi: "Không áp dụng", en: "N/A" };

/** What the `Điểm` column shows for a node that is not scored. */
export function unavailableText(reason: UnavailableReason | undefined, lang: Lang): string {
  if (reason === "not-applicable" || reason === "answered-na") return NOT_APPLICABLE_TEXT[lang];
  return lang === "vi" ? "Không tính" : "Not scored";
}

export function summaryRankText(rank: number | null, ranked: number, lang: Lang): string {
  if (rank === null) return lang === "vi" ? "Không xếp hạng" : "Not ranked";
  return `${rank}/${ranked}`;
}

/**
 * The labels of the summary written into a form, bold, in a column as narrow as a template's
 * `Số liệu` (14 wide in forms made before it was widened): short enough to show whole there, next
 * to the rank in the cell to the right. "Rank in category" did not fit; the results sheet keeps it.
 */
export const FORM_SUMMARY_LABELS = {
  totalPoints: COLUMN_LABELS.totalPoints,
  value: COLUMN_LABELS.value,
  rank: COLUMN_LABELS.rank,
  rankInCategory: { vi: "Hạng trong loại", en: "Category rank" },
} satisfies Record<string, Message>;

/** Labels of the form's summary earlier versions wrote: a later run still finds and rewrites it. */
export const FORMER_FORM_SUMMARY_LABELS: { rankInCategory: string[] } = { rankInCategory: ["Rank in category"] };

/** The first label of a form's summary (either language, points or value), and the second. */
export const FORM_SUMMARY_TOTAL_LABELS = new Set((["vi", "en"] as const).flatMap((l) => [FORM_SUMMARY_LABELS.totalPoints[l], FORM_SUMMARY_LABELS.value[l]]));
export const FORM_SUMMARY_RANK_LABELS = new Set((["vi", "en"] as const).map((l) => FORM_SUMMARY_LABELS.rank[l]));

/**
 * Whether rows (the top of a sheet, as read) carry the project's summary of a form: its total's
 * label with the rank's right under it. A form scored, or a copy of one, does; a form never scored does not.
 */
export function rowsCarrySummary(rows: readonly (readonly unknown[])[]): boolean {
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  return rows.some((line, r) => line.some((v, c) => FORM_SUMMARY_TOTAL_LABELS.has(text(v)) && FORM_SUMMARY_RANK_LABELS.has(text(rows[r + 1]?.[c]))));
}

/** What earlier versions wrote in a form's `Điểm` column for a node not applicable ("KAD"): still the project's. */
export const FORMER_UNAVAILABLE_TEXTS: string[] = ["KAD"];

/**
 * The charts sheet's texts. A title with `{unit}` names the units as the index calls them
 * (unitInTitle: "Tổng điểm theo tỉnh" / "Total points by province"), as the charts' axis and data
 * header do (unitLabelText): chartTitleText fills it.
 */
export const CHART_LABELS = {
  totalTitle: { vi: "Tổng điểm theo {unit}", en: "Total points by {unit}" },
  totalValueTitle: { vi: "Giá trị chỉ số theo {unit}", en: "Index value by {unit}" },
  groupsTitle: { vi: "Điểm theo nhóm chỉ số", en: "Points by indicator group" },
  groupsValueTitle: { vi: "Giá trị theo nhóm chỉ số", en: "Values by indicator group" },
  groupsClusteredTitle: { vi: "Giá trị từng nhóm chỉ số theo {unit} (0–1)", en: "Indicator group values by {unit} (0–1)" },
  profileTitle: { vi: "So sánh theo nhóm chỉ số (giá trị 0–1)", en: "Comparison by indicator group (values 0–1)" },
  /**
   * The radar's title and its axes' header when its axes are the level below the groups: the
   * provincial DTI's nine "chỉ số chính" of Decision 922 (its "chỉ số thành phần" are the items
   * under them, so these are not called so: FORMER_CHART_LABELS).
   */
  profileBelowTitle: { vi: "So sánh theo chỉ số (giá trị 0–1)", en: "Comparison by indicator (values 0–1)" },
  component: { vi: "Chỉ số", en: "Indicator" },
  unitAxis: { vi: "Đơn vị", en: "Unit" },
  pointsAxis: { vi: "Điểm", en: "Points" },
  valueAxis: { vi: "Giá trị", en: "Value" },
  /** The header of the profile's axes at the top level (named "pillar" before: Decision 922's pillars are another thing). */
  pillar: { vi: "Nhóm chỉ số", en: "Indicator group" },
} satisfies Record<string, Message>;

/**
 * Texts of the charts sheet earlier versions wrote, in either language: a later run still takes
 * them for its own (the radar's axes' header in the charts' data, a chart's title to write again).
 */
export const FORMER_CHART_LABELS = {
  component: ["Chỉ số thành phần", "Component index"],
  profileBelowTitle: ["So sánh theo chỉ số thành phần (giá trị 0–1)", "Comparison by component index (values 0–1)"],
} satisfies Record<string, string[]>;

/** What a chart's title calls the units: the index's `unitLabel` inside a sentence ("tỉnh", "quốc gia" / "province"); "đơn vị" / "unit" when it says nothing. */
export function unitInTitle(unitLabel: LocalizedText | undefined, lang: Lang): string {
  const own = localize(unitLabel, lang).trim();
  return own !== "" ? inSentence(own) : lang === "vi" ? "đơn vị" : "unit";
}

/** A chart's title of CHART_LABELS, its `{unit}` the units as the index calls them (unitInTitle): "Tổng điểm theo tỉnh". */
export function chartTitleText(key: keyof typeof CHART_LABELS, lang: Lang, unitLabel?: LocalizedText): string {
  // A function: a label's "$&" is text, not a pattern of replace's.
  return CHART_LABELS[key][lang].replace("{unit}", () => unitInTitle(unitLabel, lang));
}

const SEVERITY_WORDS: Record<Severity, Message> = {
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  info: { vi: "Lưu ý", en: "Info" },
};

/**
 * The note of an issue mark: the project's first line, then one line per finding (a finding's own
 * line breaks become spaces), then a line break, so that a remark typed at the end of the note
 * (Excel's Edit Note puts the cursor there) starts a line of its own, which later runs keep
 * (markNoteParts).
 */
export function markNote(findings: { severity: Severity; text: string }[], lang: Lang): string {
  const lines = findings.map((f) => `${SEVERITY_WORDS[f.severity][lang]}: ${f.text.replace(/\s*\r?\n\s*/g, " ")}`);
  return `${[MARK_NOTE_PREFIX, ...lines].join("\n")}\n`;
}

/** A finding line of a mark's note, in either language ("Note" is how earlier versions said "Info"). */
const FINDING_LINE = new RegExp(`^(?:${[...Object.values(SEVERITY_WORDS).flatMap((w) => [w.vi, w.en]), "Note"].join("|")}): `);

/**
 * The user's text around the project's part of a note; undefined when the note has none (it is
 * the user's). The project's part starts at MARK_NOTE_PREFIX: that line, the finding lines after
 * it and the empty line markNote ends with (a note of the project's in another shape, with no
 * finding line, runs to its first empty line). `before` is what the user wrote above it, `after`
 * what they wrote below it (a council member's remark typed at the end of the note).
 */
export function markNoteParts(text: string): { before: string; after: string } | undefined {
  const at = text.indexOf(MARK_NOTE_PREFIX);
  if (at < 0) return undefined;
  const lines = text.slice(at).split(/\r?\n/);
  let i = 1;
  while (i < lines.length && FINDING_LINE.test(lines[i]!)) i++;
  if (i === 1) while (i < lines.length && lines[i]!.trim() !== "") i++;
  if (i < lines.length && lines[i]!.trim() === "") i++;
  const after = lines.slice(i).join("\n").replace(/^(?:[ \t]*\n)+/, "").trimEnd();
  return { before: text.slice(0, at).trimEnd(), after };
}

/** The note without the project's part: the user's text ("" when nothing is left), or the note as it is when it is the user's. */
export function noteWithoutMark(text: string): string {
  const parts = markNoteParts(text);
  if (!parts) return text;
  return [parts.before, parts.after].filter((t) => t !== "").join("\n");
}

/**
 * The note with the project's part replaced by `note`: the user's text before and after it stays
 * where it is. A note of the user's alone stays above the project's.
 */
export function noteWithMark(text: string | undefined, note: string): string {
  if (text === undefined || text.trim() === "") return note;
  const { before, after } = markNoteParts(text) ?? { before: text.trimEnd(), after: "" };
  const tail = after === "" ? "" : `${note.endsWith("\n") ? "" : "\n"}${after}`;
  return `${before === "" ? "" : `${before}\n\n`}${note}${tail}`;
}

/**
 * Under a form's table, for a `sum` group whose points are rescaled: some of its children were
 * left out (not applicable to the unit, or without data where the index leaves those out) and the
 * points of the others, out of their own maximum, are brought to the group's scale, so that the
 * group's Điểm is not the sum of the figures above it. The group is named by its code (`group`),
 * as column `Mã` shows it: "Nhóm 1 — Quy đổi: …". Numbers as the form's language writes them.
 * Earlier versions wrote the sentence alone, beside the group's row right of the table.
 */
export function rescaledGroupText(
  figures: { points: number; max: number; groupMax: number; decimals: number },
  lang: Lang,
  kind: { indicators: boolean; applicable: boolean },
  group?: string,
): string {
  const points = formatNumber(figures.points, lang, figures.decimals);
  const max = formatNumber(figures.max, lang);
  const scale = formatNumber(figures.groupMax, lang);
  const named = group === undefined ? "" : `${lang === "vi" ? "Nhóm" : "Group"} ${group} — `;
  if (lang === "vi") {
    return `${named}Quy đổi: ${points} điểm trên ${max} điểm tối đa của các ${kind.indicators ? "chỉ tiêu" : "mục"} ${kind.applicable ? "áp dụng" : "được tính"}, tính theo thang ${scale}.`;
  }
  return `${named}Rescaled: ${points} points out of ${max}, the maximum of the ${kind.applicable ? "applicable" : "scored"} ${kind.indicators ? "indicators" : "items"}, on a scale of ${scale}.`;
}

/**
 * Whether a cell holds what rescaledGroupText writes, in either language, with the group named or
 * without (as earlier versions wrote it): a later run empties or rewrites it.
 */
export function isRescaledGroupText(v: unknown): boolean {
  return typeof v === "string" && /^(?:(?:Nhóm|Group) \S.* — )?(?:Quy đổi: .* tính theo thang [\d.,]+\.|Rescaled: .* on a scale of [\d.,]+\.)$/.test(v.trim());
}

/**
 * Solid fills of issue marks by severity (ARGB), each unlike every fill a form has (the template's
 * input yellow FFF2CC, appraisal blue DDEBF7, group grey E7E6E6, not-applicable grey F2F2F2) and
 * unlike the others: a marked input cell must not pass for an unmarked one, nor a warning for a
 * note. Error pink, warning amber, info lilac.
 */
export const MARK_FILLS: Record<Severity, string> = {
  error: "FFFFC7CE",
  warning: "FFFFC000",
  info: "FFCCC0DA",
};

/**
 * Whether a solid fill (ARGB, any case; undefined for none) is an issue mark's, of this version or
 * an earlier one (whose warning amber was FFEB9C): a fill no form has, which tells a mark by itself.
 */
export function isMarkFill(argb: string | undefined): boolean {
  return argb !== undefined && MARK_FILLS_EVER.has(argb.toUpperCase());
}
const MARK_FILLS_EVER: ReadonlySet<string> = new Set([...Object.values(MARK_FILLS), "FFFFEB9C"]);

/**
 * Whether a cell's fill may still be the mark's: isMarkFill, or the earlier versions' information
 * fill (the appraisal column's blue DDEBF7, a form's fill too, so it tells no mark by itself).
 * Clearing a mark gives the cell its fill from before only where it still shows such a fill: a
 * fill the user gave the cell since is theirs, and stays.
 */
export function showsMarkFill(argb: string | undefined): boolean {
  return isMarkFill(argb) || argb?.toUpperCase() === "FFDDEBF7";
}

/** How many groups and indicators a level of the index has (profileLeftOutMessage). */
export interface PartCounts {
  groups: number;
  indicators: number;
}

/**
 * What an index has for the profile chart's axes (profileLeftOutMessage): at its top level, the
 * groups and indicators worth points (`top`) and those worth none (`unscored`, which the charts
 * leave out); in its top-level groups, their parts worth points (`inGroups`); `below`, the axes of
 * the level below the top, where a top-level indicator (`standAlone`, with a group without parts
 * worth points) is its own axis.
 */
export interface ProfileShape {
  top: PartCounts;
  unscored: PartCounts;
  inGroups: PartCounts;
  standAlone: PartCounts;
  below: number;
}

/** Groups and indicators counted: "2 nhóm và 1 chỉ tiêu" / "2 groups and 1 indicator". */
function partsText(p: PartCounts, lang: Lang): string {
  const groups = lang === "vi" ? `${p.groups} nhóm` : `${p.groups} ${p.groups === 1 ? "group" : "groups"}`;
  const indicators = lang === "vi" ? `${p.indicators} chỉ tiêu` : `${p.indicators} ${p.indicators === 1 ? "indicator" : "indicators"}`;
  if (p.groups > 0 && p.indicators > 0) return lang === "vi" ? `${groups} và ${indicators}` : `${groups} and ${indicators}`;
  if (p.groups > 0) return groups;
  if (p.indicators > 0) return indicators;
  return lang === "vi" ? "không có nhóm hay chỉ tiêu nào tính điểm" : "no group or indicator worth points";
}

/**
 * The radar chart as the user is told of it, in full and short: one name in each language, the
 * pane's and the warnings' ("biểu đồ mạng nhện so sánh theo nhóm chỉ số" / "radar chart comparing
 * indicator groups"; "biểu đồ mạng nhện" / "radar chart").
 */
export const RADAR_CHART_NAME = {
  full: { vi: "biểu đồ mạng nhện so sánh theo nhóm chỉ số", en: "radar chart comparing indicator groups" },
  short: { vi: "biểu đồ mạng nhện", en: "radar chart" },
} satisfies Record<string, Message>;

/** A sentence's first letter raised ("biểu đồ" → "Biểu đồ"). */
function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The write's warning that the radar chart was left out: the index has too few groups or
 * indicators worth points at its top level, and at the level below, for a radar's 3 axes. Says what
 * it has: indicators at the top level are not called groups (`shape`: ProfileShape).
 */
export function profileLeftOutMessage(shape: ProfileShape): Message {
  const total = (p: PartCounts) => p.groups + p.indicators;
  const text = (lang: Lang): string => {
    const vi = lang === "vi";
    const head = vi ? `Không tạo ${RADAR_CHART_NAME.full.vi}: bộ chỉ số` : `The ${RADAR_CHART_NAME.full.en} was not made: the index`;
    const needs = vi ? `${RADAR_CHART_NAME.short.vi} cần ít nhất 3` : `a ${RADAR_CHART_NAME.short.en} needs at least 3`;
    const unscored = total(shape.unscored) === 0 ? "" : vi ? ` (ngoài ${partsText(shape.unscored, lang)} không tính điểm)` : ` (besides ${partsText(shape.unscored, lang)} worth no points)`;
    if (total(shape.top) === 0) {
      return vi
        ? `${head} không có nhóm hay chỉ tiêu nào tính điểm ở cấp cao nhất${unscored}, ${needs}.`
        : `${head} has no group or indicator worth points at its top level${unscored}, and ${needs}.`;
    }
    if (shape.top.groups === 0) {
      const n = shape.top.indicators;
      const worth = shape.unscored.groups > 0 ? (vi ? " tính điểm" : " worth points") : "";
      return vi
        ? `${head} không có nhóm nào${worth}, chỉ có ${n} chỉ tiêu ở cấp cao nhất${unscored}, ${needs}.`
        : `${head} has no groups${worth}, only ${n} ${n === 1 ? "indicator" : "indicators"} at its top level${unscored}, and ${needs}.`;
    }
    const those = shape.top.groups === 1 ? (vi ? "nhóm đó" : "that group") : vi ? "các nhóm đó" : "those groups";
    const inGroups = vi
      ? total(shape.inGroups) > 0
        ? `trong ${those} có ${partsText(shape.inGroups, lang)}`
        : `trong ${those} không có nhóm hay chỉ tiêu nào tính điểm`
      : `${partsText(shape.inGroups, lang)} in ${those}`;
    const standAlone =
      total(shape.standAlone) === 0
        ? ""
        : vi
          ? ` (${shape.below} ở cấp dưới, tính cả ${partsText(shape.standAlone, lang)} ở cấp cao nhất)`
          : ` (${shape.below} one level down, with ${partsText(shape.standAlone, lang)} of the top level)`;
    return vi
      ? `${head} có ${partsText(shape.top, lang)} ở cấp cao nhất${unscored}, ${inGroups}${standAlone}; ${needs} ở một cấp.`
      : `${head} has ${partsText(shape.top, lang)} at its top level${unscored}, and ${inGroups}${standAlone}; ${needs} at one of these levels.`;
  };
  return { vi: text("vi"), en: text("en") };
}

/** A unit as the results show it: its name, and its code after it when it has one ("Sở Y tế (SYT)"). */
export function unitWithCode(u: { code: string; name: string }): string {
  const code = u.code.trim();
  return code === "" || code === u.name ? u.name : `${u.name} (${code})`;
}

/**
 * Where the person who ran the scoring chooses the radar chart's units: the pane's Charts step, or
 * the command line's --radar. The radar's warnings end by saying how to choose others there; with
 * neither known, they say nothing of it.
 */
export type RadarChooser = "pane" | "cli";

/** The radar's warnings' last sentence, with its leading space: how to choose other units (RadarChooser). */
function chooseOthers(chooseWith: RadarChooser | undefined, lang: Lang): string {
  if (chooseWith === "pane") return lang === "vi" ? " Muốn so sánh đơn vị khác, hãy chọn đơn vị ở bước Biểu đồ." : " To compare other units, choose them in the Charts step.";
  if (chooseWith === "cli") return lang === "vi" ? " Muốn so sánh đơn vị khác, hãy ghi mã của chúng sau tùy chọn --radar, cách nhau bằng dấu phẩy." : " To compare other units, give their codes to the --radar option, separated by commas.";
  return "";
}

/**
 * The write's warning that keys chosen for the radar chart (--radar, or a choice kept from an
 * earlier run) name no unit of this run: nothing is drawn for them.
 */
export function profileKeysUnknownMessage(keys: readonly string[], chooseWith?: RadarChooser): Message {
  const listed = keys.map((k) => `"${k}"`).join(", ");
  const one = keys.length === 1;
  return {
    vi: `${upperFirst(RADAR_CHART_NAME.short.vi)} không vẽ ${listed}: ${one ? "mã này" : "các mã này"} không phải mã (hay tên) của đơn vị nào được chấm.${chooseOthers(chooseWith, "vi")}`,
    en: `The ${RADAR_CHART_NAME.short.en} does not draw ${listed}: ${one ? "it is" : "they are"} not the code (or name) of any unit scored.${chooseOthers(chooseWith, "en")}`,
  };
}

/** How many units a warning of the profile's ties names. */
const NAMED_TIED = 5;

/**
 * The write's warning that more units are ranked in the top three (ties) than the radar chart
 * compares: it shows the first `shown` in ranking order, and `left` (named, with their ranks) are not in it.
 */
export function profileTiesLeftOutMessage(shown: number, left: readonly { code: string; name: string; rank: number | null }[], chooseWith?: RadarChooser): Message {
  const named = (lang: Lang) =>
    left
      .slice(0, NAMED_TIED)
      .map((u) => unitWithCode(u) + (u.rank === null ? "" : lang === "vi" ? `, hạng ${u.rank}` : `, rank ${u.rank}`))
      .join("; ") + (left.length > NAMED_TIED ? (lang === "vi" ? `; và ${left.length - NAMED_TIED} đơn vị khác` : `; and ${left.length - NAMED_TIED} more`) : "");
  const total = shown + left.length;
  const one = left.length === 1;
  // The ranks the units taken by default hold, as they are (the left out come last, in ranking
  // order): all tied first ("đồng hạng 1"), or 1 to the last one's (2 when the third is tied second).
  const last = Math.max(1, ...left.map((u) => u.rank ?? 1));
  const ranked = last === 1 ? { vi: "đồng hạng 1", en: "tied at rank 1" } : { vi: `xếp hạng từ 1 đến ${last} (có đồng hạng)`, en: `ranked 1 to ${last} (with ties)` };
  return {
    vi: `${upperFirst(RADAR_CHART_NAME.short.vi)} vẽ tối đa ${shown} đơn vị, nên chỉ ${shown} trong ${total} đơn vị ${ranked.vi} được đưa vào, theo thứ tự xếp hạng; ${one ? "đơn vị" : `${left.length} đơn vị`} không có trên biểu đồ: ${named("vi")}.${chooseOthers(chooseWith, "vi")}`,
    en: `The ${RADAR_CHART_NAME.short.en} shows at most ${shown} units, so only ${shown} of the ${total} units ${ranked.en} are in it, in ranking order; ${one ? "the unit" : `${left.length} units`} left out: ${named("en")}.${chooseOthers(chooseWith, "en")}`,
  };
}

/** Text after a colon: its first letter lowered ("Hãy chấm điểm lại." → "hãy chấm điểm lại."). */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * Why a unit is not drawn on the radar chart: it has no points (no value, in an index of
 * values) the charts draw, and `note` (the results sheet's: "Không xếp hạng: tỷ lệ chỉ tiêu có số liệu 75%
 * …", "" for none) says why. "Không có giá trị để vẽ (không xếp hạng: …)".
 */
export function noFigureToDrawText(usePoints: boolean, note: string, lang: Lang): string {
  const why = note.trim() === "" ? "" : ` (${lowerFirst(note.trim())})`;
  if (lang === "vi") return `Không có ${usePoints ? "điểm" : "giá trị"} để vẽ${why}`;
  return `No ${usePoints ? "points" : "value"} to draw${why}`;
}

/**
 * The write's warning that units the user chose for the radar chart are not in it, each
 * named with why (noFigureToDrawText; `note`: its results note in each language).
 */
export function profileUnitsLeftOutMessage(left: readonly { code: string; name: string; note: Message }[], usePoints: boolean, chooseWith?: RadarChooser): Message {
  const named = (lang: Lang) => left.map((u) => `${unitWithCode(u)} — ${lowerFirst(noFigureToDrawText(usePoints, u.note[lang], lang))}`).join("; ");
  const one = left.length === 1;
  return {
    vi: `${upperFirst(RADAR_CHART_NAME.short.vi)} bỏ qua ${one ? "đơn vị" : `${left.length} đơn vị`} đã chọn: ${named("vi")}.${chooseOthers(chooseWith, "vi")}`,
    en: `The ${RADAR_CHART_NAME.short.en} leaves out ${one ? "a chosen unit" : `${left.length} chosen units`}: ${named("en")}.${chooseOthers(chooseWith, "en")}`,
  };
}

/** How many cell addresses a merged-cells warning names. */
const NAMED_MERGED = 5;

/** The write's warning that cells of a form's `Điểm` column sit in merged cells and were not written. */
export function mergedScoreCellsMessage(sheet: string, cells: string[]): SheetMessage {
  const shown = cells.slice(0, NAMED_MERGED).join(", ") + (cells.length > NAMED_MERGED ? ", …" : "");
  const one = cells.length === 1;
  return {
    sheet,
    vi: `Trang '${sheet}': ${one ? "ô" : `${cells.length} ô`} ${shown} của cột Điểm nằm trong vùng gộp ô nên không được ghi điểm; hãy bỏ gộp ô rồi chấm lại.`,
    en: `Sheet '${sheet}': ${one ? "cell" : `${cells.length} cells`} ${shown} of the Score column ${one ? "is" : "are"} inside merged cells, so ${one ? "its score is" : "their scores are"} not written; unmerge the cells and score again.`,
  };
}

/**
 * The results sheet's line saying the figures changed since scoring, as a formula expression
 * (text literals joined with `count`, an expression giving how many units changed), the units
 * called as the index calls them (`unitLabel`: "Số liệu của 2 sở, ban, ngành đã được sửa…"): the
 * workbook says so on its own, in any spreadsheet program, without DTI Scorer. Each literal stays
 * under the 255 characters Excel allows in a formula's text.
 */
export function inputsChangedStatus(count: string, scoredAt: Date, lang: Lang, unitLabel?: LocalizedText): string {
  const w = inputsChangedWords(formatDate(scoredAt, lang), lang, unitLabel);
  const q = formulaText;
  return w.one === w.more
    ? `${q(w.before)}&${count}&${q(`${w.one}${w.after}`)}`
    : `${q(w.before)}&${count}&IF(${count}=1,${q(w.one)},${q(w.more)})&${q(w.after)}`;
}

/**
 * What the line of inputsChangedStatus shows with `count` units changed: the cached result a host
 * gives the results sheet's subtitle formula when it knows figures changed without calculating
 * (forms gathered into a scored workbook), so that a reader that does not calculate says it too.
 * `formula`: the formula the line is the result of, whose date (the scoring's, as the machine that
 * scored wrote it in its own time zone) and words for the units (the index's, or an earlier
 * version's "đơn vị") the text repeats; without it, `scoredAt` in this machine's and "đơn vị" / "unit".
 */
export function inputsChangedStatusText(count: number, scoredAt: Date, lang: Lang, formula?: string): string {
  const w = inputsChangedWords((formula !== undefined ? inputsChangedDate(formula, lang) : undefined) ?? formatDate(scoredAt, lang), lang);
  const units = formula !== undefined ? inputsChangedUnitWords(formula, lang) : undefined;
  return `${w.before}${count}${count === 1 ? (units?.one ?? w.one) : (units?.more ?? w.more)}${w.after}`;
}

/** The lead of the words after the units in the line of inputsChangedStatus, up to its date. */
function inputsChangedLead(lang: Lang): string {
  const marker = "\u0000";
  return inputsChangedWords(marker, lang).after.split(marker)[0]!;
}

/** The date a formula of inputsChangedStatus names, as it is written there; undefined when it names none in `lang`. */
function inputsChangedDate(formula: string, lang: Lang): string | undefined {
  const lead = inputsChangedLead(lang);
  const at = formula.indexOf(lead);
  if (at < 0) return undefined;
  const from = at + lead.length;
  const end = formula.indexOf(":", from);
  const date = end < 0 ? "" : formula.slice(from, end);
  return date !== "" && !date.includes('"') ? date : undefined;
}

/**
 * The words for the units (one, more: " sở, ban, ngành", " country" / " countries") a formula of
 * inputsChangedStatus writes, read from its text literals: the one whose text goes on with the
 * lead of the rest holds them before it, or the two literals of the `IF` just before it (when the
 * words for one and more differ). Undefined when the formula holds no such line in `lang`.
 */
function inputsChangedUnitWords(formula: string, lang: Lang): { one: string; more: string } | undefined {
  const lead = inputsChangedLead(lang);
  const literals = [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replaceAll('""', '"'));
  const at = literals.findIndex((l) => l.includes(lead));
  if (at < 0) return undefined;
  const before = literals[at]!.slice(0, literals[at]!.indexOf(lead));
  if (before !== "") return { one: before, more: before };
  const one = literals[at - 2];
  const more = literals[at - 1];
  return one !== undefined && more !== undefined && one.startsWith(" ") && more.startsWith(" ") ? { one, more } : undefined;
}

/**
 * The most characters of the index's word for a unit the workbook's lines saying figures changed
 * take in their formulas (the results sheet's and each form's, 600 forms of it in one write
 * request): a longer word is said "đơn vị" / "unit" there.
 */
const UNIT_WORD_IN_FORMULA_MAX = 60;

/** The index's word for a unit in a formula's line, or none (the project's "đơn vị" / "unit") when it says none or is too long for one. */
function unitWordForFormula(unitLabel: LocalizedText | undefined, lang: Lang): LocalizedText | undefined {
  const own = localize(unitLabel, lang).trim();
  return own !== "" && [...own].length <= UNIT_WORD_IN_FORMULA_MAX ? own : undefined;
}

/**
 * The words of the results sheet's line saying figures changed, around how many units: before the
 * count, the units (one, more: unitCount's words, the index's `unitLabel`), the rest.
 */
function inputsChangedWords(date: string, lang: Lang, unitLabel?: LocalizedText): { before: string; one: string; more: string; after: string } {
  const own = unitWordForFormula(unitLabel, lang);
  const one = unitCount(1, lang, own).slice(1);
  const more = unitCount(2, lang, own).slice(1);
  return lang === "vi"
    ? { before: "Số liệu của ", one, more, after: ` đã được sửa sau lần chấm ngày ${date}: điểm, hạng và biểu đồ trong sổ này đã cũ. Hãy chấm điểm lại bằng DTI Scorer.` }
    : { before: "The figures of ", one, more, after: ` were changed after scoring on ${date}: the scores, ranks and charts in this workbook are out of date. Score again with DTI Scorer.` };
}

/**
 * The units other than some, as the index calls them, inside a sentence: "sở, ban, ngành khác" /
 * "other departments"; "đơn vị khác" / "other units" when it says nothing.
 */
export function otherUnitsText(lang: Lang, unitLabel?: LocalizedText): string {
  const units = unitCount(2, lang, unitLabel).slice(2);
  return lang === "vi" ? `${units} khác` : `other ${units}`;
}

/** The most characters Excel takes in one text literal of a formula ("…"). */
const FORMULA_LITERAL_MAX = 255;

/**
 * Text as a formula expression: a literal in double quotes (a quote in it doubled), or literals
 * joined with `&` when it is longer than one literal may be (255 characters in Excel), so that a
 * long subtitle or unit name is written whole. `""` for empty text.
 */
export function formulaText(text: string): string {
  const chars = [...text];
  if (chars.length === 0) return '""';
  const pieces: string[] = [];
  let piece = "";
  let length = 0;
  for (const ch of chars) {
    // A quote is written twice; a character outside the BMP takes two of Excel's characters.
    const size = (ch === '"' ? 2 : 1) * ch.length;
    if (length + size > FORMULA_LITERAL_MAX) {
      pieces.push(piece);
      piece = "";
      length = 0;
    }
    piece += ch === '"' ? '""' : ch;
    length += size;
  }
  pieces.push(piece);
  return pieces.map((p) => `"${p}"`).join("&");
}

/**
 * The line under a form's summary while the unit's figures differ from those scored: its points
 * and rank are out of date ("Số liệu đã sửa sau lần chấm ngày 01/06/2024: …"), in the form's language.
 */
export function formInputsChangedText(scoredAt: Date, lang: Lang): string {
  const date = formatDate(scoredAt, lang);
  return lang === "vi"
    ? `Số liệu đã sửa sau lần chấm ngày ${date}: điểm và hạng này đã cũ. Hãy chấm điểm lại.`
    : `Figures changed after scoring on ${date}: this score and rank are out of date. Score again.`;
}

/**
 * The line under a form's summary while the unit's own figures are those scored but other units'
 * were changed since: its rank may be out of date, and its points too when the index has rules
 * that compare units (`scores`: indexComparesUnits). Plain text (how many units changed is on the
 * results sheet): the form's formula stays short, 600 forms of it in one write request. The other
 * units as the index calls them (`unitLabel`, when short enough for the formula: unitWordForFormula):
 * "Số liệu của sở, ban, ngành khác đã sửa sau lần chấm ngày 01/06/2024: hạng này có thể đã cũ. …"
 */
export function formOthersChangedText(scoredAt: Date, lang: Lang, scores: boolean, unitLabel?: LocalizedText): string {
  const date = formatDate(scoredAt, lang);
  const others = otherUnitsText(lang, unitWordForFormula(unitLabel, lang));
  return lang === "vi"
    ? `Số liệu của ${others} đã sửa sau lần chấm ngày ${date}: ${scores ? "điểm và hạng" : "hạng"} này có thể đã cũ. Hãy chấm điểm lại.`
    : `Figures of ${others} were changed after scoring on ${date}: ${scores ? "this score and rank" : "this rank"} may be out of date. Score again.`;
}

/**
 * What a line of the project's saying figures changed since scoring shows, in either language (the
 * results sheet's or a form's), the units called by any word (the index's `unitLabel`, or "đơn vị"
 * / "units" as earlier versions wrote them): a later run rewrites the line whatever index wrote it.
 */
const INPUTS_CHANGED_TEXTS = [
  /^Số liệu của \d+ \S.* đã được sửa sau lần chấm ngày .*Hãy chấm điểm lại bằng DTI Scorer\.$/,
  /^The figures of \d+ \S.* were changed after scoring on .*Score again with DTI Scorer\.$/,
  /^Số liệu đã sửa sau lần chấm ngày .*: điểm và hạng này đã cũ\. Hãy chấm điểm lại\.$/,
  /^Figures changed after scoring on .*: (these points|this score) and rank are out of date\. Score again\.$/,
  /^Số liệu của \S.* khác đã sửa sau lần chấm ngày .*: (điểm và )?hạng này có thể đã cũ\. Hãy chấm điểm lại\.$/,
  /^Figures of other \S.* were changed after scoring on .*: (these points and rank|this score and rank|this rank) may be out of date\. Score again\.$/,
];

/**
 * The stale sentence's addition when the index has rules that compare units (relative, minmax
 * with "data": indexComparesUnits) and units' figures changed, came or went: the other units'
 * points (not only their ranks) may change too.
 */
export const OTHERS_MAY_CHANGE: Message = othersMayChange();

/** OTHERS_MAY_CHANGE with the units called as the index calls them (`unitLabel`): "… của các sở, ban, ngành khác cũng có thể thay đổi." */
export function othersMayChange(unitLabel?: LocalizedText): Message {
  const units = (lang: Lang): string => unitCount(2, lang, unitLabel).slice(2);
  return {
    vi: `Bộ chỉ số có chỉ tiêu so sánh giữa các ${units("vi")}, nên điểm và hạng của các ${otherUnitsText("vi", unitLabel)} cũng có thể thay đổi.`,
    en: `The index has indicators that compare ${units("en")}, so the scores and ranks of ${otherUnitsText("en", unitLabel)} may change too.`,
  };
}

/**
 * The column of `_index`'s row kinds as the line's formula reads it, however it was saved since:
 * `'_index'!$A:$A` as written; without the quotes (Excel, LibreOffice); as `[1]_index!$A$1:$A$1048576`
 * when the form was copied into a workbook of its own, which reads the `_index` of the workbook it
 * came from by an external link; `#REF!` once `_index` was deleted (LibreOffice saves it hidden,
 * not very hidden, so a person can).
 */
const INDEX_KINDS_COLUMN = String.raw`(?:(?:'(?:\[\d+\])?_index'|(?:\[\d+\])?_index)!\$?A(?:\$?1)?:\$?A(?:\$?1048576)?|#REF!)`;
/** The results sheet's line counts the flags (COUNTIFS), and so did earlier versions' form lines. */
const COUNTS_FLAGS = new RegExp(String.raw`COUNTIFS\(\s*${INDEX_KINDS_COLUMN}\s*,\s*"inputs"\s*,`, "i");
/** A form's line finds its unit's rows (MATCH). */
const FINDS_UNIT = new RegExp(String.raw`MATCH\(\s*"inputs"\s*,\s*${INDEX_KINDS_COLUMN}\s*,`, "i");

/**
 * Whether a cell as read holds one of the project's lines saying figures changed since scoring:
 * the text it shows once computed, or its formula when the file keeps no result (it reads the
 * flags of `_index`, by any of the references INDEX_KINDS_COLUMN takes). An empty one reads as
 * empty. A later run takes such a cell for its own.
 */
export function isInputsChangedLine(v: unknown): boolean {
  if (typeof v === "string") return INPUTS_CHANGED_TEXTS.some((re) => re.test(v.trim()));
  if (typeof v === "object" && v !== null && typeof (v as { formula?: unknown }).formula === "string") {
    const f = (v as { formula: string }).formula;
    return COUNTS_FLAGS.test(f) || FINDS_UNIT.test(f);
  }
  return false;
}

/**
 * Whether a cell as read shows what the line under a form's summary shows once the `_index` its
 * formula reads is gone: #REF! (the sheet deleted) or #NAME? (a form copied into a workbook that has
 * no `_index`). A host that reads the result alone (a file that keeps one, Excel) cannot tell the
 * formula; such a cell is the project's only where the line goes, right under a summary of the
 * project's first column (sheet-edits.ts).
 */
export function isOrphanedInputsChangedLine(v: unknown): boolean {
  return typeof v === "object" && v !== null && ((v as { error?: unknown }).error === "#REF!" || (v as { error?: unknown }).error === "#NAME?");
}

/** The label of a form's assessment period (`Kỳ đánh giá`), as the template writes it and the results name it. */
export const PERIOD_LABEL: Message = { vi: "Kỳ đánh giá", en: "Period" };

/** How many different periods a title names before "…". */
const NAMED_PERIODS = 3;

/**
 * The assessment periods the forms state, as a title says them: "Kỳ đánh giá: Năm 2025" /
 * "Period: 2025"; several different ones are listed, said to differ ("Kỳ đánh giá (các phiếu ghi
 * khác nhau): Năm 2024, Năm 2025"); "" when no form states one.
 */
export function periodText(periods: readonly string[], lang: Lang): string {
  const distinct = [...new Set(periods.map((p) => p.trim()).filter((p) => p !== ""))];
  if (distinct.length === 0) return "";
  const listed = distinct.slice(0, NAMED_PERIODS).join(", ") + (distinct.length > NAMED_PERIODS ? ", …" : "");
  if (distinct.length === 1) return `${PERIOD_LABEL[lang]}: ${listed}`;
  return lang === "vi" ? `${PERIOD_LABEL.vi} (các phiếu ghi khác nhau): ${listed}` : `Periods (the forms differ): ${listed}`;
}

/** A title with the periods the forms state after it ("… — Kỳ đánh giá: Năm 2025"); the title alone when they state none. */
export function withPeriod(title: string, periods: readonly string[], lang: Lang): string {
  const period = periodText(periods, lang);
  return period === "" ? title : `${title} — ${period}`;
}

/** The most characters of the periods a chart's title names. */
const CHART_PERIOD_MAX = 40;

/**
 * A chart's title with the periods the forms state after it ("Tổng điểm theo đơn vị — Năm 2025";
 * a title may end in brackets of its own), so that a chart copied into a report still says which period it shows; the title
 * alone when they state none. Several different periods are listed (the results sheet's title
 * says that the forms differ).
 */
export function chartTitle(title: string, periods: readonly string[]): string {
  const distinct = [...new Set(periods.map((p) => p.replace(/\s+/g, " ").trim()).filter((p) => p !== ""))];
  if (distinct.length === 0) return title;
  const listed = distinct.slice(0, NAMED_PERIODS).join(", ") + (distinct.length > NAMED_PERIODS ? ", …" : "");
  return `${title} — ${shortened(listed, CHART_PERIOD_MAX)}`;
}

/**
 * Texts of a printed page's header or footer, left, centre and right, in the codes Excel and
 * LibreOffice share: `&A` the sheet's name, `&P` the page's number, `&N` the number of pages.
 */
export type PageTexts = NonNullable<PrintPlan["pageFooter"]>;

/**
 * "Trang &P" / "Page &P": the page's number, as a footer prints it. Not how many (`&N`): LibreOffice
 * counts there the pages of the whole workbook when all of it is printed, not the sheet's; each
 * sheet the project makes numbers its pages from 1 instead (PrintPlan's first page number).
 */
export function pageNumberCode(lang: Lang): string {
  return lang === "vi" ? "Trang &P" : "Page &P";
}

/** The most characters of text a header or footer takes from a title: Excel allows 255 in one, codes included. */
const PAGE_TEXT_MAX = 100;

/** `text` on one line, cut to `max` characters with an ellipsis when longer. */
export function shortened(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

/** Text as a header or footer prints it as written: each `&` doubled (a code otherwise), cut to PAGE_TEXT_MAX. */
export function pageLiteral(text: string): string {
  return shortened(text, PAGE_TEXT_MAX).replace(/&/g, "&&");
}

/** The fewest characters of a title a page header keeps before its periods. */
const PAGE_TITLE_MIN = 20;

/**
 * A printed page's header: `title` with the periods the forms state after it (withPeriod), as a
 * literal (pageLiteral). When that is too long, the title is shortened (with an ellipsis) so that
 * the periods print whole: a long index name does not push the period off the page.
 */
export function pageTitle(title: string, periods: readonly string[], lang: Lang): string {
  const period = shortened(periodText(periods, lang), PAGE_TEXT_MAX);
  const room = PAGE_TEXT_MAX - [...period].length - [..." — "].length;
  if (period === "" || room < PAGE_TITLE_MIN) return pageLiteral(withPeriod(title, periods, lang));
  return pageLiteral(`${shortened(title, room)} — ${period}`);
}

/**
 * The printed page header of a unit's form: the index's name and the period the form states
 * (none: the name alone), in the form's language. A template writes it with the period it is made
 * for; a scoring run writes it again from the form's own `Kỳ đánh giá`, as the results and charts
 * sheets name the periods of the forms.
 */
export function formPageHeader(indexName: string, period: string | undefined, lang: Lang): PageTexts {
  const stated = period?.trim() ?? "";
  return { center: pageTitle(indexName, stated === "" ? [] : [stated], lang) };
}

/** How periodText begins the periods after a title, in either language, one period and several ("Kỳ đánh giá: "). */
const PERIOD_OPENINGS: readonly string[] = (["vi", "en"] as const).flatMap((lang) =>
  [["\u0000"], ["\u0000", "\u0001"]].map((periods) => periodText(periods, lang).split("\u0000")[0]!),
);

/** A header's text as compared: NFC, whitespace folded, without case. */
function headerKey(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * Whether a form's printed page header (its left, centre and right texts, in Excel's codes) is
 * one the project writes there (formPageHeader), so that a scoring run may write it again: none at
 * all, or in the centre alone the name of the index (`indexNames`, in either language; cut with
 * "…" as pageTitle cuts a long one), with or without the periods after it, in either language,
 * whatever the period. Anything else (a text of the user's, the name beside other words, a font or
 * date code of theirs) is a person's header and stays.
 */
export function isProjectFormHeader(header: PageTexts, indexNames: readonly string[]): boolean {
  if ((header.left ?? "") !== "" || (header.right ?? "") !== "") return false;
  const code = header.center ?? "";
  if (code.trim() === "") return true;
  // A code but "&&" (a literal "&", as pageLiteral writes one): the project writes none.
  if (code.replace(/&&/g, "").includes("&")) return false;
  const text = headerKey(code.replace(/&&/g, "&"));
  const names = indexNames.map(headerKey).filter((n) => n !== "");
  // The name as written, or cut with an ellipsis as pageTitle cuts it, after PAGE_TITLE_MIN
  // characters or more (alone, or with the periods cut off after it).
  const named = (title: string, cutAfter: boolean) =>
    names.some((n) => {
      if (title === n) return true;
      const kept = title.slice(0, -1);
      if (!title.endsWith("…") || [...kept].length < PAGE_TITLE_MIN - 1) return false;
      return n.startsWith(kept) || (cutAfter && PERIOD_OPENINGS.some((o) => `${n} — ${headerKey(o)}`.startsWith(kept)));
    });
  if (named(text, true)) return true;
  return PERIOD_OPENINGS.some((opening) => {
    const marker = ` — ${headerKey(opening)}`;
    for (let at = text.indexOf(marker); at > 0; at = text.indexOf(marker, at + 1)) {
      if (text.length > at + marker.length && named(text.slice(0, at), false)) return true;
    }
    return false;
  });
}

/**
 * Words that only say what kind of period a text is, or where it runs from and to ("Năm", "Quý",
 * "6 tháng đầu năm", "year", "Q3", "III"), lower case: a text after a period that starts with one
 * goes on stating the period, it is no words of a person's about it.
 */
const PERIOD_WORDS = new Set([
  "năm", "quý", "quí", "tháng", "kỳ", "kì", "đợt", "học", "đầu", "cuối", "giữa", "giai", "đoạn", "từ", "đến", "và", "sáu", "chín",
  "year", "years", "yr", "quarter", "quarters", "half", "month", "months", "first", "second", "third", "fourth", "fy", "to", "from", "and", "through", "until",
  "i", "ii", "iii", "iv",
]);

/**
 * Whether `rest`, the text after a period, starts the words a person wrote after it: a bracket
 * ("(số liệu đến 30/9)"), or a word that does not go on stating the period (PERIOD_WORDS), alone
 * or after a dash, a comma, a semicolon or a colon ("— bản chính thức", ", số liệu sơ bộ"). A
 * figure or a word of a period after it ("- 2025", " năm 2025") is the period still.
 */
function startsWords(rest: string): boolean {
  if (/^\s*[([{]/u.test(rest)) return true;
  const word = /^(?:\s+|\s*[-–—;,:]\s*)(\p{L}[\p{L}\p{M}]*\d*)/u.exec(rest)?.[1];
  if (word === undefined) return false;
  const key = word.normalize("NFC").toLowerCase();
  return !PERIOD_WORDS.has(key) && !/^[qh]\d$/.test(key);
}

/**
 * The words a person wrote after the period in `stated` (a header's or a line's period, as the
 * project wrote it then: "2024 (số liệu đến 30/9)"), as written, with the spaces or punctuation
 * that part them from it (" (số liệu đến 30/9)"); "" when there are none. `next` is the period
 * that replaces it, which tells where an unchanged period ends and, by its shape (its figures
 * aside: "Năm 2025" for "Năm 2024"), where a changed one does; failing that, the period ends
 * where words of a person's start (startsWords), after some text of its own.
 */
export function wordsAfterPeriod(stated: string, next: string): string {
  const text = stated.normalize("NFC");
  const period = next.normalize("NFC").trim();
  const fold = (s: string) => s.replace(/\s+/g, " ").toLowerCase();
  // The same period: what follows it, at a word's end.
  if (period !== "") {
    const m = new RegExp(`^\\s*${period.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+")}`, "iu").exec(text);
    if (m && fold(m[0].trim()) === fold(period)) {
      const rest = text.slice(m[0].length);
      if (rest === "") return "";
      if (!/^[\p{L}\p{N}]/u.test(rest) && startsWords(rest)) return rest;
    }
    // A period of the same shape, its figures others ("Năm 2024" for "Năm 2025").
    const shape = period
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\d+/g, "\\d+"))
      .join("\\s+");
    const like = new RegExp(`^\\s*${shape}`, "iu").exec(text);
    if (like) {
      const rest = text.slice(like[0].length);
      if (!/^[\p{L}\p{N}]/u.test(rest) && startsWords(rest)) return rest;
    }
  }
  // Where words of a person's start, after some of the period's own text.
  for (let at = 1; at < text.length; at++) {
    if (/[\p{L}\p{N}\p{M}]/u.test(text[at]!)) continue;
    if (text.slice(0, at).trim() !== "" && startsWords(text.slice(at))) return text.slice(at);
  }
  return "";
}

/** Where the periods begin in a title with them (withPeriod: "… — Kỳ đánh giá: "), in either language; undefined when it names none. */
function periodsStart(title: string): number | undefined {
  let found: number | undefined;
  for (const opening of PERIOD_OPENINGS) {
    const pattern = new RegExp(`\\s+—\\s+${opening.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+")}\\s*`, "giu");
    for (const m of title.normalize("NFC").matchAll(pattern)) if (found === undefined || m.index + m[0].length > found) found = m.index + m[0].length;
  }
  return found;
}

/** The most characters Excel takes in a page header, its codes included (&L, &C, &R before each part). */
const PAGE_HEADER_MAX = 255;

/** The characters a header's left and right texts take as stored, each after its two-character code. */
function sidesLength(texts: PageTexts): number {
  return [texts.left, texts.right].reduce((n, text) => n + (text ? 2 + text.length : 0), 0);
}

/**
 * A form's page header as a run writes it again (`planned`: formPageHeader's, the index and the
 * period the form states now) over the header the project wrote there before (`now`, one
 * isProjectFormHeader takes for the project's): the planned header, and after its period the words
 * a person added after the period then (wordsAfterPeriod): "… — Kỳ đánh giá: 2024 (số liệu đến
 * 30/9)" becomes "… — Kỳ đánh giá: 2025 (số liệu đến 30/9)". Without a period planned (the form's
 * is blank), the planned header: the words went with their period. Cut to the most Excel takes.
 */
export function rewrittenFormHeader(now: PageTexts, planned: PageTexts): PageTexts {
  const before = now.center?.normalize("NFC") ?? "";
  const after = planned.center ?? "";
  const was = periodsStart(before);
  const is = periodsStart(after);
  if (was === undefined || is === undefined) return planned;
  const words = wordsAfterPeriod(before.slice(was), after.normalize("NFC").slice(is));
  if (words === "") return planned;
  // The centre's room: the whole header's, less its "&C" and the other texts with their codes.
  const room = PAGE_HEADER_MAX - 2 - sidesLength(planned);
  const text = `${after.normalize("NFC")}${words}`;
  if (text.length <= room) return { ...planned, center: text };
  // Cut with an ellipsis (counted as Excel counts: UTF-16 units), never inside a doubled "&" (a
  // literal "&" in Excel's codes) nor a character outside the BMP.
  const chars = [...text];
  let kept = "";
  for (const c of chars) {
    if (kept.length + c.length > room - 1) break;
    kept += c;
  }
  if ((/&+$/.exec(kept)?.[0].length ?? 0) % 2 === 1) kept = kept.slice(0, -1);
  return { ...planned, center: `${kept}…` };
}

/**
 * What the template's instructions sheet says of the period on its second line (A2), once the
 * forms state `periods` (in the instructions' language `lang`, as the results sheet's title names
 * them: periodText), when the line is the project's (`line`: "Kỳ đánh giá: Năm 2024", "Period:
 * 2024", or the periods of several forms, in either language), the words a person added after
 * the period kept (wordsAfterPeriod). Undefined when it is to stay as it is: a line a person wrote
 * (or left blank), forms that state no period, or the line already says so.
 */
export function instructionsPeriodLine(line: string, periods: readonly string[], lang: Lang): string | undefined {
  const text = line.normalize("NFC");
  const next = periodText(periods, lang);
  if (next === "") return undefined;
  const at = periodLineStart(text);
  if (at === undefined) return undefined;
  const written = `${next}${wordsAfterPeriod(text.slice(at), next.slice(periodsOpening(next).length))}`;
  return written === line ? undefined : written;
}

/**
 * Where the period starts in the instructions' period line (`text`, NFC): past its opening
 * (PERIOD_OPENINGS, either language), as written (its spaces, its case); undefined when the line
 * has no such opening or no period after it.
 */
function periodLineStart(text: string): number | undefined {
  const opening = PERIOD_OPENINGS.find((o) => headerKey(text).startsWith(headerKey(o)));
  if (opening === undefined) return undefined;
  const at = new RegExp(`^\\s*${opening.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+")}\\s*`, "iu").exec(text)?.[0].length;
  if (at === undefined || text.slice(at).trim() === "") return undefined;
  return at;
}

/**
 * Whether `line` reads as the instructions' period line the project writes ("Kỳ đánh giá: Năm
 * 2024", "Period: 2024 (figures to September)", the periods of several forms), in either
 * language: one a scoring run may write again (instructionsPeriodLine).
 */
export function isInstructionsPeriodLine(line: string): boolean {
  return periodLineStart(line.normalize("NFC")) !== undefined;
}

/**
 * Whether a block of a plan's edit is the instructions' period line a scoring run writes again
 * (instructionsPeriodLine): one cell, of text that reads as the line (isInstructionsPeriodLine).
 */
export function isInstructionsPeriodBlock(block: CellBlock): boolean {
  const [row, ...more] = block.values;
  const value = row?.[0];
  return more.length === 0 && row?.length === 1 && typeof value === "string" && block.formulas?.[0]?.[0] == null && isInstructionsPeriodLine(value);
}

/**
 * Where a person unprotects a sheet, in Excel and in LibreOffice, as their menus name it in the
 * language said: Excel's Review > Unprotect Sheet; LibreOffice Calc's Tools > Protect Sheet, a
 * toggle whose tick is taken off ("Công cụ > Bảo vệ trang tính" in its Vietnamese menus, 7.4).
 * Said in brackets after "unprotect the sheet", within the sentence.
 */
export const UNPROTECT_SHEET_STEPS: Message = {
  vi: "trong Excel: Xem lại > Bỏ bảo vệ trang tính; trong LibreOffice: bỏ chọn Công cụ > Bảo vệ trang tính",
  en: "in Excel: Review > Unprotect Sheet; in LibreOffice: untick Tools > Protect Sheet",
};

/**
 * What the user is told when a password protects the template's instructions sheet and its
 * period line (A2) was to be written again: nothing of the scoring is missing, but the sheet still
 * states the period it stated.
 */
export function instructionsPeriodUnwrittenMessage(sheet: string): SheetMessage {
  return {
    sheet,
    vi: `Trang '${sheet}' được bảo vệ bằng mật khẩu nên dòng kỳ đánh giá (ô A2) và đầu trang khi in của trang này chưa được ghi lại theo kỳ của các phiếu. Hãy bỏ bảo vệ trang (${UNPROTECT_SHEET_STEPS.vi}) rồi chấm điểm lại.`,
    en: `The sheet '${sheet}' is protected with a password, so its period line (cell A2) and printed header were not written again with the forms' period. Unprotect the sheet (${UNPROTECT_SHEET_STEPS.en}) and score again.`,
  };
}

/** The opening of a periodText ("Kỳ đánh giá: "), or "" when it has none of PERIOD_OPENINGS. */
function periodsOpening(text: string): string {
  return PERIOD_OPENINGS.find((o) => text.startsWith(o)) ?? "";
}

/**
 * The footer of every sheet the project makes (a form of a template, the results and charts
 * sheets), so that printed pages can be sorted back to their unit: at the left, the sheet's name
 * (`&A`). Not a form's unit name written in: that would stay when the sheet is renamed, or copied
 * for another unit (the usual quick fix for a unit missing from the list), and print another
 * unit's name on every page; a long name's sheet is cut at 31 characters ("Sở Lao động - Thương
 * binh và…"), still the unit's. At the right the page's number, counted from 1 on each sheet.
 */
export function sheetFooter(lang: Lang): PageTexts {
  return { left: "&A", right: pageNumberCode(lang) };
}

/** How many cells a results note of a unit's errors names. */
const NAMED_ERROR_CELLS = 2;

/**
 * The results table's note on a unit with errors, so that a printed table says why its coverage
 * is short: how many, the first cells (by sheet), and where the finding is written ("1 lỗi: ô D17
 * trang 'Sở Xây dựng' — xem ghi chú của ô"). One line. "" without errors.
 */
export function unitErrorsNote(count: number, cells: readonly { sheet: string; cell: string }[], lang: Lang): string {
  if (count <= 0) return "";
  const what = lang === "vi" ? `${count} lỗi` : `${count} ${count === 1 ? "error" : "errors"}`;
  const named = cells.slice(0, NAMED_ERROR_CELLS);
  if (named.length === 0) return `${what}${ERRORS_NOTE_ENDINGS.none[lang]}`;
  const bySheet: { sheet: string; cells: string[] }[] = [];
  for (const c of named) {
    const entry = bySheet.find((b) => b.sheet === c.sheet);
    if (entry) entry.cells.push(c.cell);
    else bySheet.push({ sheet: c.sheet, cells: [c.cell] });
  }
  const more = cells.length > named.length ? ", …" : "";
  const one = cells.length === 1;
  if (lang === "vi") {
    const where = bySheet.map((b) => `${b.cells.join(", ")} trang '${b.sheet}'`).join("; ");
    return `${what}: ô ${where}${more}${ERRORS_NOTE_ENDINGS.one.vi}`;
  }
  const where = bySheet.map((b) => `${b.cells.join(", ")} on sheet '${b.sheet}'`).join("; ");
  return `${what}: ${one ? "cell" : "cells"} ${where}${more}${(one ? ERRORS_NOTE_ENDINGS.one : ERRORS_NOTE_ENDINGS.several).en}`;
}

/** How unitErrorsNote ends: without cells named, with one cell, with several (the same in Vietnamese). */
const ERRORS_NOTE_ENDINGS = {
  none: { vi: " (xem kết quả kiểm tra)", en: " (see the check's findings)" },
  one: { vi: " — xem ghi chú của ô", en: " — see the cell's note" },
  several: { vi: " — xem ghi chú của ô", en: " — see the cells' notes" },
} satisfies Record<string, Message>;

/**
 * Where the project's note on a unit's errors (unitErrorsNote) ends in `line`, which begins with
 * it (isUnitErrorsNote): the index past the last of its endings, whatever their case and spaces;
 * undefined when the line holds none of them.
 */
export function unitErrorsNoteEnd(line: string): number | undefined {
  const endings = Object.values(ERRORS_NOTE_ENDINGS).flatMap((m) => [m.vi, m.en]);
  let end: number | undefined;
  for (const ending of endings) {
    const pattern = new RegExp(ending.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"), "giu");
    for (const m of line.matchAll(pattern)) end = Math.max(end ?? 0, m.index + m[0].length);
  }
  return end;
}

/** Whether a line of the results table's note column reads as unitErrorsNote, in either language (whatever its whitespace and case). */
export function isUnitErrorsNote(line: string): boolean {
  return /^\s*\d+\s*(lỗi|errors?)\b/iu.test(line.normalize("NFC"));
}

/**
 * The results table's header of the units' codes, called as the index calls a unit (its
 * `unitLabel`): "Mã quốc gia" / "Country code"; "Mã đơn vị" / "Unit code" when it says nothing.
 */
export function unitCodeHeader(unitLabel: LocalizedText | undefined, lang: Lang): string {
  const own = localize(unitLabel, lang).trim();
  if (own === "") return COLUMN_LABELS.unitCode[lang];
  return lang === "vi" ? `Mã ${inSentence(own)}` : `${own} code`;
}

/**
 * Whether two headers are the results table's code and unit columns (`Mã đơn vị`, `Đơn vị`), in
 * either language, or as an index's `unitLabel` names them (`Mã quốc gia`, `Quốc gia`; `Country
 * code`, `Country`): a reader finds a results table by them, written before or after unitLabel was used.
 */
export function isUnitHeaders(code: unknown, name: unknown): boolean {
  if (typeof code !== "string" || typeof name !== "string") return false;
  const c = code.trim();
  const n = name.trim();
  if (n === "") return false;
  if ((["vi", "en"] as const).some((l) => c === COLUMN_LABELS.unitCode[l] && n === COLUMN_LABELS.unit[l])) return true;
  return c.toLocaleLowerCase("vi") === `mã ${n.toLocaleLowerCase("vi")}` || c.toLowerCase() === `${n.toLowerCase()} code`;
}

/**
 * The line a form's instructions add for a unit some of whose rows do not apply to its category
 * (shaded grey): they are left out, and their group is scored on the rows that apply. A unit
 * `withoutCategory` (its category left blank in an index that has categories) is told so: the
 * rows of some categories only do not apply to it.
 */
export function notApplicableRowsInstruction(lang: Lang, points: boolean, withoutCategory = false): string {
  if (lang === "vi") {
    const which = withoutCategory
      ? "Đơn vị này chưa ghi loại đơn vị (ô Nhóm để trống) nên các dòng nền xám, chỉ áp dụng với một số loại đơn vị, không áp dụng với đơn vị này"
      : "Các dòng nền xám không áp dụng với loại đơn vị này";
    return points
      ? `${which}: không nhập vào các dòng đó; điểm của nhóm chứa chúng được quy đổi theo các dòng áp dụng (không bị trừ điểm).`
      : `${which}: không nhập vào các dòng đó; giá trị của nhóm chứa chúng chỉ tính trên các dòng áp dụng.`;
  }
  const which = withoutCategory
    ? "This unit has no category (its Category cell is blank), so the grey rows, which apply to some categories only, do not apply to it"
    : "Grey rows do not apply to this unit's category";
  return points
    ? `${which}: leave them empty; the points of their group are scaled to the rows that apply (no points are lost).`
    : `${which}: leave them empty; the value of their group is computed from the rows that apply.`;
}
