/**
 * Why an Excel cannot collect (below ExcelApi 1.13, or on iPad): said by the host before it loads
 * the collect code (./collect), which is a chunk of its own, loaded when forms are brought in.
 */
import type { Message } from "../../core/i18n/text";

export const COLLECT_NEEDS_1_13: Message = {
  vi: "Phiên bản Excel này không chèn được trang tính từ tệp khác (cần ExcelApi 1.13: Excel 2021 trở lên, Microsoft 365 hoặc Excel trên web). Không có trang nào được chèn; hãy dùng dòng lệnh dti-scorer hoặc sao chép trang thủ công.",
  en: "This version of Excel cannot insert sheets from another file (it needs ExcelApi 1.13: Excel 2021 or later, Microsoft 365 or Excel on the web). Nothing was inserted; use the dti-scorer command line or copy the sheets by hand.",
};

/**
 * Excel on iPad: `insertWorksheetsFromBase64` "is only supported for Office on Windows, Mac, and the
 * web" (office-js reference), whatever ExcelApi the iPad has.
 */
export const COLLECT_NEEDS_DESKTOP: Message = {
  vi: "Excel trên iPad không chèn được trang tính từ tệp khác (cần Excel trên Windows, Mac hoặc Excel trên web). Không có trang nào được chèn; hãy mở sổ làm việc trong Excel trên Windows, Mac hoặc trên web, hoặc dùng dòng lệnh dti-scorer.",
  en: "Excel on iPad cannot insert sheets from other files (it needs Excel on Windows, Mac or the web). Nothing was inserted; open the workbook in Excel on Windows, Mac or the web, or use the dti-scorer command line.",
};
