/** Which Excel features the running Excel offers (requirement sets checked at run time). */
import type { Message } from "../../core/i18n/text";
import type { UserRefusalCode } from "./payload";

/**
 * The ExcelApi the add-in needs at the least (manifest.xml's <Requirements> says the same, so an
 * older Excel does not offer the add-in at all): reading uses Worksheet.getRangeByIndexes and the
 * workbook's structure protection is checked before writing (both ExcelApi 1.7); charts are updated
 * with ChartSeriesCollection.add and setValues (1.7).
 */
export const BASE_REQUIREMENT = { set: "ExcelApi", version: "1.7" } as const;

/**
 * A failure the user can act on, with its sentence in both languages (the pane shows `localized`).
 * A request Excel refused whole for a reason the user can put right keeps Excel's code
 * (InvalidOperationInCellEditMode, InactiveWorkbook) and is a "warning": what to do, not an error.
 */
export class ExcelHostError extends Error {
  constructor(
    readonly code: "excel-too-old" | "workbook-structure-protected" | "owned-sheet-protected" | "sheet-hidden" | UserRefusalCode,
    readonly localized: Message,
    readonly intent: "error" | "warning" = "error",
    options?: { cause?: unknown },
  ) {
    super(localized.en, options);
    this.name = "ExcelHostError";
  }
}

/** What the user is told on an Excel older than BASE_REQUIREMENT. */
export const EXCEL_TOO_OLD: Message = {
  vi: `Phiên bản Excel này quá cũ để dùng DTI Scorer (cần ${BASE_REQUIREMENT.set} ${BASE_REQUIREMENT.version}: Excel 2019, Excel 2021, Microsoft 365 hoặc Excel trên web). Chưa có gì được đọc hay ghi; hãy mở sổ làm việc trong Excel bản mới hơn, hoặc dùng dòng lệnh dti-scorer với tệp .xlsx.`,
  en: `This version of Excel is too old for DTI Scorer (it needs ${BASE_REQUIREMENT.set} ${BASE_REQUIREMENT.version}: Excel 2019, Excel 2021, Microsoft 365 or Excel on the web). Nothing was read or written; open the workbook in a newer Excel, or use the dti-scorer command line on the .xlsx file.`,
};

export type Feature = "charts" | "conditionalFormats" | "freezePanes" | "printLayout" | "notes" | "comments" | "insertWorkbooks" | "watchInputs" | "suspendCalculation" | "keepTables";

const NEEDS: Record<Feature, { set: string; version: string; vi: string; en: string }> = {
  charts: { set: "ExcelApi", version: "1.7", vi: "vẽ biểu đồ", en: "charts" },
  conditionalFormats: {
    set: "ExcelApi",
    version: "1.6",
    vi: "thang màu, thanh dữ liệu và chữ đỏ của dòng báo số liệu đã sửa trên trang kết quả",
    en: "colour scales, data bars and the red of the line saying figures changed on the results sheet",
  },
  freezePanes: { set: "ExcelApi", version: "1.7", vi: "cố định dòng tiêu đề", en: "frozen header rows" },
  printLayout: {
    set: "ExcelApi",
    version: "1.9",
    vi: "thiết lập trang in cho trang kết quả và trang biểu đồ (khổ A4; trang kết quả in ngang, rộng đủ số trang để dễ đọc, dòng tiêu đề và các cột đơn vị lặp lại trên mỗi trang; trang biểu đồ vừa một trang theo chiều ngang, in ngang, hoặc in dọc khi có nhiều đơn vị, mỗi biểu đồ một trang)",
    en: "print setup of the results and charts sheets (A4; the results sheet landscape, as many pages wide as keep it legible, its header row and unit columns repeated on every page; the charts sheet one page wide, landscape, or portrait when there are many units, each chart on a page of its own)",
  },
  notes: { set: "ExcelApi", version: "1.18", vi: "ghi chú trên ô có vấn đề", en: "notes on cells with issues" },
  comments: { set: "ExcelApi", version: "1.10", vi: "chú thích dạng hội thoại trên ô có vấn đề", en: "comments on cells with issues" },
  insertWorkbooks: { set: "ExcelApi", version: "1.13", vi: "gộp phiếu từ các tệp Excel khác", en: "collecting sheets from other Excel files" },
  watchInputs: { set: "ExcelApi", version: "1.7", vi: "báo kết quả đã cũ khi số liệu thay đổi", en: "telling that results are stale when inputs change" },
  suspendCalculation: { set: "ExcelApi", version: "1.6", vi: "tạm dừng tính toán khi ghi", en: "suspending calculation while writing" },
  keepTables: {
    set: "ExcelApi",
    version: "1.13",
    vi: "giữ nguyên bảng kết quả khi chấm điểm lại (ở đây bảng được tạo lại, nên công thức của bạn trỏ tới bảng theo tên sẽ báo #REF!)",
    en: "keeping the results table when scoring again (here the table is made anew, so your formulas that refer to it by name will show #REF!)",
  },
};

export interface MissingFeature {
  feature: Feature;
  requirement: string;
  message: Message;
}

export interface Capabilities {
  /** Why the add-in cannot work in this Excel at all (older than BASE_REQUIREMENT); absent when it can. */
  tooOld?: Message;
  charts: boolean;
  conditionalFormats: boolean;
  freezePanes: boolean;
  /** Page layout for printing: paper size, orientation, fit to the page width, print title rows (ExcelApi 1.9). */
  printLayout: boolean;
  /** How issue marks carry their text: notes (ExcelApi 1.18), else comments (1.10), else fill only. */
  marks: "notes" | "comments" | "fill";
  insertWorkbooks: boolean;
  watchInputs: boolean;
  /** Changes of every sheet heard through one `worksheets.onChanged` handler (ExcelApi 1.9), else one handler per sheet. */
  watchWorkbook: boolean;
  /** A sheet renamed is heard (`worksheets.onNameChanged`, ExcelApi 1.17); added or deleted, from ExcelApi 1.7 on, with watchInputs. */
  watchSheetNames: boolean;
  /** Change events say whether the add-in made the change (`triggerSource`, ExcelApi 1.14). */
  changeSource: boolean;
  suspendCalculation: boolean;
  /** A chart axis says where the other one crosses it (`ChartAxis.position`, ExcelApi 1.8). */
  chartAxisPosition: boolean;
  /** `Excel.run({ delayForCellEdit: true }, …)`: a request waits while the user edits a cell instead of failing (ExcelApi 1.11). */
  delayForCellEdit: boolean;
  /** Reading the merged areas of a sheet (`Range.getMergedAreasOrNullObject`, ExcelApi 1.13). */
  mergedAreas: boolean;
  /** The results table is resized in place on a second run (`Table.resize`, ExcelApi 1.13), not deleted and added again. */
  keepTables: boolean;
  missing: MissingFeature[];
}

function supported(set: string, version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported(set, version) === true;
  } catch {
    return false;
  }
}

function missingMessage(f: Feature): MissingFeature {
  const n = NEEDS[f];
  return {
    feature: f,
    requirement: `${n.set} ${n.version}`,
    message: {
      vi: `Phiên bản Excel này không hỗ trợ ${n.vi} (cần ${n.set} ${n.version}, có trong Microsoft 365 hoặc Excel trên web bản mới); các phần còn lại vẫn hoạt động.`,
      en: `This version of Excel does not support ${n.en} (it needs ${n.set} ${n.version}, available in Microsoft 365 or a recent Excel on the web); everything else still works.`,
    },
  };
}

export function detectCapabilities(): Capabilities {
  const has = (f: Feature) => supported(NEEDS[f].set, NEEDS[f].version);
  const caps: Capabilities = {
    charts: has("charts"),
    conditionalFormats: has("conditionalFormats"),
    freezePanes: has("freezePanes"),
    printLayout: has("printLayout"),
    marks: has("notes") ? "notes" : has("comments") ? "comments" : "fill",
    insertWorkbooks: has("insertWorkbooks"),
    watchInputs: has("watchInputs"),
    watchWorkbook: supported("ExcelApi", "1.9"),
    watchSheetNames: supported("ExcelApi", "1.17"),
    changeSource: supported("ExcelApi", "1.14"),
    suspendCalculation: has("suspendCalculation"),
    chartAxisPosition: supported("ExcelApi", "1.8"),
    delayForCellEdit: supported("ExcelApi", "1.11"),
    mergedAreas: supported("ExcelApi", "1.13"),
    keepTables: has("keepTables"),
    missing: [],
  };
  for (const f of ["charts", "conditionalFormats", "freezePanes", "printLayout", "insertWorkbooks", "watchInputs", "suspendCalculation", "keepTables"] as const) {
    if (!caps[f]) caps.missing.push(missingMessage(f));
  }
  if (caps.marks === "comments") caps.missing.push(missingMessage("notes"));
  if (caps.marks === "fill") caps.missing.push(missingMessage("comments"));
  if (!supported(BASE_REQUIREMENT.set, BASE_REQUIREMENT.version)) caps.tooOld = EXCEL_TOO_OLD;
  return caps;
}

/** Throws the sentence for an Excel too old for the add-in, before anything reaches Excel. */
export function assertSupported(caps: Capabilities): void {
  if (caps.tooOld) throw new ExcelHostError("excel-too-old", caps.tooOld);
}
