/**
 * The kinds of finding, as the Check step's "Loại vấn đề" list names them, in Vietnamese and
 * English: one short name for each code the reader and the scoring give a finding. Kept apart from
 * i18n.ts because only the Check step (a part of the pane fetched when first needed) shows them,
 * so that the pane's first scripts stay small.
 */
import type { Lang, Message } from "../core/i18n/text";
import type { IssueCode } from "../core/types";

/** Every code has its name: a code added to the core without one fails the type check here. */
export const FINDING_KINDS: Record<IssueCode, Message> = {
  "missing-input": { vi: "Thiếu số liệu", en: "Figure missing" },
  "blank-read-as-no": { vi: "Ô trống được hiểu là “Không”", en: "Blank cell read as No" },
  "no-figures": { vi: "Phiếu chưa có số liệu nào", en: "Form without any figure" },
  "not-a-number": { vi: "Không phải là số", en: "Not a number" },
  "number-too-large": { vi: "Số quá lớn", en: "Number too large" },
  "number-too-small": { vi: "Số quá nhỏ", en: "Number too small" },
  "not-an-integer": { vi: "Không phải số nguyên", en: "Not a whole number" },
  "out-of-range": { vi: "Ngoài khoảng cho phép", en: "Outside the allowed range" },
  "unknown-choice": { vi: "Lựa chọn không có trong danh sách", en: "Choice not in the list" },
  "not-a-boolean": { vi: "Không phải Có/Không", en: "Not Yes or No" },
  "excel-error": { vi: "Ô có lỗi của Excel", en: "Excel error in a cell" },
  "numerator-exceeds-denominator": { vi: "Tử số lớn hơn mẫu số", en: "Numerator above the denominator" },
  "zero-denominator": { vi: "Mẫu số bằng 0", en: "Denominator of zero" },
  "invalid-result": { vi: "Không tính được chỉ tiêu", en: "Indicator not computable" },
  "ambiguous-number": { vi: "Số dễ hiểu nhầm", en: "Ambiguous number" },
  "percent-as-number": { vi: "Tỷ lệ ghi thiếu dấu %", en: "Percentage written as a number" },
  "percent-as-fraction": { vi: "Tỷ lệ ghi dạng số thập phân", en: "Percentage written as a fraction" },
  "points-above-max": { vi: "Điểm vượt mức tối đa", en: "Points above the maximum" },
  "not-applicable-not-allowed": { vi: "Ghi “Không áp dụng” ở chỉ tiêu không cho phép", en: "Not applicable where it is not allowed" },
  "not-applicable-with-figures": { vi: "Không áp dụng nhưng vẫn có số liệu", en: "Not applicable, yet with figures" },
  "evidence-missing": { vi: "Thiếu minh chứng", en: "Evidence missing" },
  "self-score-differs": { vi: "Điểm tự chấm khác điểm tính được", en: "Self-score differs from the score" },
  "duplicate-unit": { vi: "Trùng mã đơn vị", en: "Unit code repeated" },
  "duplicate-unit-name": { vi: "Trùng tên đơn vị", en: "Unit name repeated" },
  "legacy-encoding": { vi: "Chữ theo bảng mã cũ (TCVN3, VNI)", en: "Text in an old encoding (TCVN3, VNI)" },
  "unknown-code": { vi: "Mã không có trong bộ chỉ số", en: "Code not in the index" },
  "unknown-category": { vi: "Loại đơn vị không có trong bộ chỉ số", en: "Unit category not in the index" },
  "missing-category": { vi: "Thiếu loại đơn vị", en: "Unit category missing" },
  "missing-row": { vi: "Thiếu dòng chỉ tiêu", en: "Indicator row missing" },
  "duplicate-row": { vi: "Trùng dòng chỉ tiêu", en: "Indicator row repeated" },
  "value-not-read": { vi: "Số liệu không được dùng", en: "Figure not used" },
  "missing-unit-name": { vi: "Thiếu tên đơn vị", en: "Unit name missing" },
  "layout-not-found": { vi: "Không nhận ra bảng số liệu", en: "Table not recognised" },
  "definition-mismatch": { vi: "Phiếu của bộ chỉ số khác", en: "Form of another index" },
  "exclude-unmatched": { vi: "Đơn vị loại trừ không khớp đơn vị nào", en: "Excluded unit matching none" },
  "summary-row": { vi: "Dòng tổng cộng", en: "Totals row" },
  "header-row-repeated": { vi: "Dòng tiêu đề lặp lại", en: "Header row repeated" },
  "unit-code-case": { vi: "Mã đơn vị chỉ khác chữ hoa, chữ thường", en: "Unit codes differing only in case" },
  "row-too-wide": { vi: "Dòng có quá nhiều cột", en: "Row with too many columns" },
  "header-too-wide": { vi: "Dòng tiêu đề có quá nhiều cột", en: "Header row with too many columns" },
  "unknown-column": { vi: "Tên cột không nhận ra hoặc bị trùng", en: "Column not recognised or repeated" },
  "relative-below-zero": { vi: "Giá trị dưới 0 ở quy tắc so sánh", en: "Value below zero in a relative rule" },
  "below-scale-minimum": { vi: "Số liệu dưới mức tối thiểu của thang đo", en: "Figure below the scale's minimum" },
  "minmax-bounds-reversed": { vi: "Mức tối đa không lớn hơn mức tối thiểu", en: "Maximum not above the minimum" },
  "relative-zero-best": { vi: "Giá trị tốt nhất bằng 0 ở quy tắc so sánh", en: "Best value of zero in a relative rule" },
  "period-differs": { vi: "Kỳ đánh giá khác các phiếu khác", en: "Assessment period differs" },
  "period-number-as-date": { vi: "Số trong ô kỳ đánh giá hiển thị thành ngày"
, en: "Number in the period cell shown as a date" },
  "appraised-over-new-figure": { vi: "Số liệu thẩm định được dùng thay số liệu mới", en: "Appraised figure used over a new one" },
  "appraised-from-last-period": { vi: "Số liệu thẩm định của kỳ trước", en: "Appraised figure from the last period" },
};

/** A kind of finding's name in `lang` (its code, for one the pane has no name for). */
export function findingKindName(code: string, lang: Lang): string {
  return (FINDING_KINDS as Record<string, Message | undefined>)[code]?.[lang] ?? code;
}
