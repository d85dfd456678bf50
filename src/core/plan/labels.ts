/** Every text the planner writes into a workbook, in Vietnamese and English. */
import type { Lang, Message } from "../i18n/text";
import { formatDate, formatNumber } from "../i18n/text";
import type { NotRankedReason, Severity, UnavailableReason } from "../types";

/** Names that never change with the language: a second run in the other language finds them. */
export const INDEX_SHEET = "_index";
export const INDEX_FORMAT = "dti-scorer/_index/1";
export const RESULTS_TABLE = "DTI_Results";
export const CHART_NAMES = { total: "dti-total", groups: "dti-groups", profile: "dti-profile" } as const;
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
  category: { vi: "Nhóm", en: "Category" },
  totalPoints: { vi: "Tổng điểm", en: "Total points" },
  value: { vi: "Giá trị", en: "Value" },
  rankInCategory: { vi: "Hạng trong nhóm", en: "Rank in category" },
  coverage: { vi: "Độ phủ", en: "Coverage" },
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

export function resultsTitle(indexName: string, version: string, lang: Lang): string {
  return lang === "vi" ? `Kết quả đánh giá, xếp hạng: ${indexName} (${version})` : `Scores and ranks: ${indexName} (${version})`;
}

export function resultsSubtitle(now: Date, projectVersion: string, units: number, lang: Lang): string {
  const date = formatDate(now, lang);
  return lang === "vi"
    ? `Chấm điểm ngày ${date} bằng DTI Scorer ${projectVersion}; ${units} đơn vị. Bảng này do chương trình ghi lại ở mỗi lần tính, không sửa tay.`
    : `Scored on ${date} by DTI Scorer ${projectVersion}; ${units} units. The project rewrites this sheet on every run; do not edit it by hand.`;
}

export function notRankedText(
  reason: NotRankedReason | undefined,
  coverage: number,
  minCoverage: number,
  lang: Lang,
): string {
  const pct = (x: number) => `${formatNumber(x * 100, lang, 0)}%`;
  switch (reason) {
    case "excluded":
      return lang === "vi" ? "Không xếp hạng: đơn vị nằm trong danh sách loại trừ của bộ chỉ số" : "Not ranked: the unit is excluded by the index definition";
    case "low-coverage":
      return lang === "vi"
        ? `Không xếp hạng: độ phủ số liệu ${pct(coverage)} thấp hơn mức tối thiểu ${pct(minCoverage)}`
        : `Not ranked: data coverage ${pct(coverage)} is below the minimum of ${pct(minCoverage)}`;
    case "not-available":
      return lang === "vi" ? "Không xếp hạng: không tính được điểm tổng" : "Not ranked: no total score could be computed";
    default:
      return "";
  }
}

/** What the `Điểm` column shows for a node that is not scored. */
export function unavailableText(reason: UnavailableReason | undefined, lang: Lang): string {
  if (reason === "not-applicable" || reason === "answered-na") return lang === "vi" ? "KAD" : "N/A";
  return lang === "vi" ? "Không tính" : "Not scored";
}

export function summaryRankText(rank: number | null, ranked: number, lang: Lang): string {
  if (rank === null) return lang === "vi" ? "Không xếp hạng" : "Not ranked";
  return `${rank}/${ranked}`;
}

export const CHART_LABELS = {
  totalTitle: { vi: "Tổng điểm theo đơn vị", en: "Total points by unit" },
  totalValueTitle: { vi: "Giá trị chỉ số theo đơn vị", en: "Index value by unit" },
  groupsTitle: { vi: "Điểm theo nhóm chỉ số", en: "Points by pillar" },
  groupsValueTitle: { vi: "Giá trị theo nhóm chỉ số", en: "Values by pillar" },
  profileTitle: { vi: "Hồ sơ theo nhóm chỉ số (giá trị 0–1)", en: "Pillar profile (values 0–1)" },
  unitAxis: { vi: "Đơn vị", en: "Unit" },
  pointsAxis: { vi: "Điểm", en: "Points" },
  valueAxis: { vi: "Giá trị", en: "Value" },
  pillar: { vi: "Nhóm chỉ số", en: "Pillar" },
} satisfies Record<string, Message>;

const SEVERITY_WORDS: Record<Severity, Message> = {
  error: { vi: "Lỗi", en: "Error" },
  warning: { vi: "Cảnh báo", en: "Warning" },
  info: { vi: "Lưu ý", en: "Note" },
};

/** The note of an issue mark: the project's first line, then one line per finding. */
export function markNote(findings: { severity: Severity; text: string }[], lang: Lang): string {
  const lines = findings.map((f) => `${SEVERITY_WORDS[f.severity][lang]}: ${f.text}`);
  return [MARK_NOTE_PREFIX, ...lines].join("\n");
}

/** Solid fills of issue marks by severity (ARGB). */
export const MARK_FILLS: Record<Severity, string> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  info: "FFDDEBF7",
};
