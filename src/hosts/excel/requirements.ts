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
    readonly code: "excel-too-old" | "workbook-structure-protected" | "owned-sheet-protected" | "sheet-hidden" | "sheet-missing" | UserRefusalCode,
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

export type Feature =
  | "charts"
  | "conditionalFormats"
  | "freezePanes"
  | "printLayout"
  | "notes"
  | "comments"
  | "insertWorkbooks"
  | "watchInputs"
  | "suspendCalculation"
  | "keepTables"
  | "mergedAreas"
  | "delayForCellEdit"
  | "watchSheetNames";

/**
 * Each feature: the requirement set it needs, what it is (in the sentence "This version of Excel
 * does not support …") and, for some, the pane's one plain line when it is missing (`line`).
 */
const NEEDS: Record<Feature, { set: string; version: string; vi: string; en: string; line?: Message }> = {
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
    vi: "thiết lập trang in cho trang kết quả và trang biểu đồ (khổ A4; trang kết quả in ngang, rộng đủ số trang để dễ đọc, mỗi trang trọn các nhóm chỉ số, dòng tiêu đề và các cột đơn vị lặp lại trên mỗi trang; trang biểu đồ vừa một trang theo chiều ngang, in ngang, hoặc in dọc khi có nhiều đơn vị, mỗi biểu đồ một trang; đầu trang ghi tên bộ chỉ số và kỳ đánh giá, chân trang ghi tên trang tính và số trang)",
    en: "print setup of the results and charts sheets (A4; the results sheet landscape, as many pages wide as keep it legible, each page with whole groups of indicators, its header row and unit columns repeated on every page; the charts sheet one page wide, landscape, or portrait when there are many units, each chart on a page of its own; the index and period at the top of each page, the sheet name and page number at the bottom)",
  },
  notes: { set: "ExcelApi", version: "1.18", vi: "ghi chú trên ô có vấn đề", en: "notes on cells with issues" },
  comments: { set: "ExcelApi", version: "1.10", vi: "chú thích dạng hội thoại trên ô có vấn đề", en: "comments on cells with issues" },
  insertWorkbooks: { set: "ExcelApi", version: "1.13", vi: "tổng hợp phiếu từ các tệp Excel khác", en: "collecting forms from other Excel files" },
  watchInputs: { set: "ExcelApi", version: "1.7", vi: "báo kết quả đã cũ khi số liệu thay đổi", en: "telling that results are stale when inputs change" },
  suspendCalculation: { set: "ExcelApi", version: "1.6", vi: "tạm dừng tính toán khi ghi", en: "suspending calculation while writing" },
  keepTables: {
    set: "ExcelApi",
    version: "1.13",
    vi: "đổi kích thước bảng kết quả tại chỗ khi chấm điểm lại (ở đây bảng được giữ khi chấm lại đúng các đơn vị đó, nhưng khi số đơn vị hay các cột của bảng thay đổi thì bảng được tạo lại, lần chấm đó báo rằng công thức trỏ tới bảng theo tên có thể báo #REF!)",
    en: "resizing the results table in place when scoring again (here the table is kept when the same units are scored again, but when the number of units or its columns change it is made anew, and that run says formulas that refer to it by name may show #REF!)",
    line: {
      vi: "Giữ bảng kết quả khi số đơn vị đổi (công thức trỏ tới bảng có thể báo #REF!).",
      en: "Keeping the results table when the number of units changes (formulas naming it may show #REF!).",
    },
  },
  mergedAreas: {
    set: "ExcelApi",
    version: "1.13",
    vi: "nhận biết ô đã gộp trên trang phiếu (ở đây ô tổng hợp hoặc ô Điểm có thể bị ghi vào vùng ô đã gộp)",
    en: "seeing merged cells on the forms (here a summary or Score cell may be written into a merged area)",
    line: {
      vi: "Nhận biết ô đã gộp (ô tổng hợp, ô Điểm có thể bị ghi vào ô gộp).",
      en: "Seeing merged cells (a summary or Score cell may be written into a merge).",
    },
  },
  delayForCellEdit: {
    set: "ExcelApi",
    version: "1.11",
    vi: "chờ bạn nhập xong ô đang sửa rồi mới ghi (ở đây việc ghi bị từ chối khi một ô đang được sửa; hãy nhấn Enter rồi làm lại)",
    en: "waiting while you finish typing in a cell before writing (here the write is refused while a cell is being edited; press Enter and try again)",
    line: {
      vi: "Chờ bạn nhập xong ô đang sửa rồi mới ghi.",
      en: "Waiting while you finish typing in a cell before writing.",
    },
  },
  watchSheetNames: {
    set: "ExcelApi",
    version: "1.17",
    vi: "biết khi một trang được đổi tên sau khi chấm (kết quả không được báo là đã cũ)",
    en: "noticing a sheet renamed after scoring (results are not said to be out of date)",
    line: {
      vi: "Báo kết quả đã cũ khi một trang được đổi tên.",
      en: "Telling that results are out of date when a sheet is renamed.",
    },
  },
};

export interface MissingFeature {
  feature: Feature;
  requirement: string;
  message: Message;
  /** The pane's one plain line for it, when the host gives one (no requirement set in it). */
  line?: Message;
  /** Missing on Excel on iPad whatever its version: another Excel (Windows, Mac, the web) has it, not a newer one. */
  onIpad?: true;
}

export interface Capabilities {
  /** Why the add-in cannot work in this Excel at all (older than BASE_REQUIREMENT); absent when it can. */
  tooOld?: Message;
  charts: boolean;
  conditionalFormats: boolean;
  freezePanes: boolean;
  /** Page layout for printing: paper size, orientation, fit to the page width or a scale, print title rows, manual page breaks (ExcelApi 1.9). */
  printLayout: boolean;
  /** How issue marks carry their text: notes (ExcelApi 1.18), else comments (1.10), else fill only. */
  marks: "notes" | "comments" | "fill";
  /** Sheets inserted from other files (`insertWorksheetsFromBase64`, ExcelApi 1.13, on Windows, Mac and the web: not on iPad). */
  insertWorkbooks: boolean;
  /**
   * Excel on iPad (Office.context.platform is Office.PlatformType.iOS), which has no
   * `insertWorksheetsFromBase64` whatever its ExcelApi: the office-js reference says it "is only
   * supported for Office on Windows, Mac, and the web".
   */
  iPad: boolean;
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
  /**
   * A cell's hyperlink read and set (`Range.hyperlink`, ExcelApi 1.7): the instructions sheet's
   * links to the forms follow a form renamed. Without it they are left as they are, without a word
   * (the add-in needs ExcelApi 1.7 anyway: BASE_REQUIREMENT).
   */
  formLinks: boolean;
  /**
   * The results table is resized in place on a second run (`Table.resize`, ExcelApi 1.13). Before,
   * it is kept when it already has the run's size (the same units scored again), and made anew,
   * with a warning, when its number of rows or its columns change.
   */
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

/**
 * Which Excel has an ExcelApi version, as Microsoft's table of requirement sets says ("Excel
 * JavaScript API requirement sets": Office 2019 has up to 1.8, Office 2021 up to 1.14, Office 2024
 * up to 1.17; 1.18 and later only Microsoft 365, on Windows and Mac, and Excel on the web).
 */
export function excelsWith(version: string): Message {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const v = major * 1000 + minor;
  if (v <= 1008) return { vi: "có trong Excel 2019 trở lên, Microsoft 365 và Excel trên web", en: "available in Excel 2019 or later, Microsoft 365 and Excel on the web" };
  if (v <= 1014) return { vi: "có trong Excel 2021 trở lên, Microsoft 365 và Excel trên web", en: "available in Excel 2021 or later, Microsoft 365 and Excel on the web" };
  if (v <= 1017) return { vi: "có trong Excel 2024, Microsoft 365 và Excel trên web", en: "available in Excel 2024, Microsoft 365 and Excel on the web" };
  return { vi: "chỉ có trong Microsoft 365 và Excel trên web", en: "only in Microsoft 365 and Excel on the web" };
}

/** Where Excel runs: "iOS" on iPad (Office.PlatformType.iOS), undefined where Office.js says nothing. */
function platform(): string | undefined {
  try {
    return typeof Office !== "undefined" && Office.context?.platform !== undefined ? String(Office.context.platform) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the user is told when Excel on iPad cannot bring sheets in from other files: not a version
 * to update to, but Excel on Windows, Mac or the web to open the workbook in.
 */
export const INSERT_WORKBOOKS_ON_IPAD: MissingFeature = {
  feature: "insertWorkbooks",
  onIpad: true,
  requirement: `${NEEDS.insertWorkbooks.set} ${NEEDS.insertWorkbooks.version} (Windows, Mac, web)`,
  line: {
    vi: "Tổng hợp phiếu từ tệp khác, thêm phiếu trống vào sổ: cần Excel trên Windows, Mac hoặc Excel trên web (phiếu trống được tải xuống thành tệp).",
    en: "Collecting forms from other files, adding blank forms to the workbook: they need Excel on Windows, Mac or the web (blank forms download as a file).",
  },
  message: {
    vi: "Excel trên iPad không chèn được trang tính từ tệp khác (cần Excel trên Windows, Mac hoặc Excel trên web); các phần còn lại vẫn hoạt động.",
    en: "Excel on iPad cannot insert sheets from other files (it needs Excel on Windows, Mac or the web); everything else still works.",
  },
};

function missingMessage(f: Feature): MissingFeature {
  const n = NEEDS[f];
  const where = excelsWith(n.version);
  return {
    feature: f,
    requirement: `${n.set} ${n.version}`,
    ...(n.line ? { line: n.line } : {}),
    message: {
      vi: `Phiên bản Excel này không hỗ trợ ${n.vi} (cần ${n.set} ${n.version}, ${where.vi}); các phần còn lại vẫn hoạt động.`,
      en: `This version of Excel does not support ${n.en} (it needs ${n.set} ${n.version}, ${where.en}); everything else still works.`,
    },
  };
}

export function detectCapabilities(): Capabilities {
  const has = (f: Feature) => supported(NEEDS[f].set, NEEDS[f].version);
  const watchInputs = has("watchInputs");
  const iPad = platform() === "iOS";
  const caps: Capabilities = {
    charts: has("charts"),
    conditionalFormats: has("conditionalFormats"),
    freezePanes: has("freezePanes"),
    printLayout: has("printLayout"),
    marks: has("notes") ? "notes" : has("comments") ? "comments" : "fill",
    insertWorkbooks: has("insertWorkbooks") && !iPad,
    iPad,
    watchInputs,
    watchWorkbook: supported("ExcelApi", "1.9"),
    watchSheetNames: has("watchSheetNames"),
    changeSource: supported("ExcelApi", "1.14"),
    suspendCalculation: has("suspendCalculation"),
    chartAxisPosition: supported("ExcelApi", "1.8"),
    formLinks: supported("ExcelApi", "1.7"),
    delayForCellEdit: has("delayForCellEdit"),
    mergedAreas: has("mergedAreas"),
    keepTables: has("keepTables"),
    missing: [],
  };
  for (const f of ["charts", "conditionalFormats", "freezePanes", "printLayout", "insertWorkbooks", "watchInputs", "suspendCalculation", "keepTables", "mergedAreas", "delayForCellEdit"] as const) {
    // On iPad no version of Excel inserts sheets from other files: the user is told where it can.
    if (!caps[f]) caps.missing.push(f === "insertWorkbooks" && iPad ? INSERT_WORKBOOKS_ON_IPAD : missingMessage(f));
  }
  // Renames are heard only where inputs are watched at all (watchInputs says when they are not).
  if (watchInputs && !caps.watchSheetNames) caps.missing.push(missingMessage("watchSheetNames"));
  if (caps.marks === "comments") caps.missing.push(missingMessage("notes"));
  if (caps.marks === "fill") caps.missing.push(missingMessage("comments"));
  if (!supported(BASE_REQUIREMENT.set, BASE_REQUIREMENT.version)) caps.tooOld = EXCEL_TOO_OLD;
  return caps;
}

/** Throws the sentence for an Excel too old for the add-in, before anything reaches Excel. */
export function assertSupported(caps: Capabilities): void {
  if (caps.tooOld) throw new ExcelHostError("excel-too-old", caps.tooOld);
}
