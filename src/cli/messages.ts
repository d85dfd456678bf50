/** What the command line says, in Vietnamese and English. */
import type { Message } from "../core/i18n/text";
import type { NotRankedReason } from "../core/types";

export const HELP: Message = {
  vi: `dti-scorer — chấm điểm và xếp hạng đơn vị theo bộ chỉ số chuyển đổi số (DTI)

Cách dùng:
  dti-scorer score    <sổ.xlsx | bảng.csv> [--index <tệp.json | mã có sẵn>] [--out đã-chấm.xlsx] [--json kết-quả.json] [--lang vi|en]
  dti-scorer validate <sổ.xlsx | bảng.csv> [--index …] [--json lỗi.json] [--lang vi|en]
  dti-scorer template --index <…> --units <đơn-vị.csv> --out <phiếu.xlsx> [--period "Năm 2024"] [--lang vi|en]
  dti-scorer collect  <a.xlsx> <b.xlsx> … --out <tổng-hợp.xlsx> [--index …]
  dti-scorer indices  [--json -]
  dti-scorer demo     [--out thư-mục]

Lệnh:
  score     Kiểm tra số liệu, chấm điểm, xếp hạng. Không có --out thì chỉ in bảng xếp hạng;
            có --out thì ghi sổ đã chấm (trang Kết quả, Biểu đồ, cột Điểm).
  validate  Chỉ kiểm tra số liệu và liệt kê lỗi, cảnh báo.
  template  Tạo phiếu tự đánh giá: mỗi đơn vị một trang tính. Tệp đơn vị (CSV) có các cột
            Mã đơn vị, Đơn vị, Nhóm.
  collect   Gom các phiếu của đơn vị từ nhiều tệp vào một sổ.
  indices   Liệt kê các bộ chỉ số có sẵn.
  demo      Tạo sổ mẫu cho khoảng 20 sở, ngành, chấm điểm và ghi kết quả vào demo-output/.

Tùy chọn:
  --index    Tệp định nghĩa bộ chỉ số (JSON) hoặc mã bộ chỉ số có sẵn. Bỏ trống: dùng định
             nghĩa đã lưu trong sổ (trang _index).
  --out      Tệp (hoặc thư mục, với demo) để ghi kết quả.
  --json     Ghi kết quả dạng JSON vào tệp; "-" là ghi ra màn hình.
  --lang     Ngôn ngữ: vi (mặc định) hoặc en.
  --progress Hiện tiến độ cả khi đầu ra không phải màn hình.
  --help     Hiện hướng dẫn này.  --version  Hiện phiên bản.

Mã thoát: 0 xong; 1 xong nhưng số liệu có lỗi; 2 không chạy được (sai tham số, không đọc được tệp,
định nghĩa không hợp lệ: dòng đầu nêu lý do, các dòng sau liệt kê từng lỗi của định nghĩa).
Với collect: 1 khi có tệp không đọc được, hoặc đọc được tệp nhưng không có phiếu nào để gom
(khi đó không ghi tệp nào và in lý do bỏ qua từng trang tính); 2 khi không đọc được tệp nào.
Khi nơi nhận đầu ra đóng lại (ví dụ "| head -1"), lệnh dừng lặng lẽ với mã 0.
`,
  en: `dti-scorer — score and rank units on a digital transformation index (DTI)

Usage:
  dti-scorer score    <workbook.xlsx | table.csv> [--index <file.json | built-in id>] [--out scored.xlsx] [--json results.json] [--lang vi|en]
  dti-scorer validate <workbook.xlsx | table.csv> [--index …] [--json issues.json] [--lang vi|en]
  dti-scorer template --index <…> --units <units.csv> --out <forms.xlsx> [--period "2024"] [--lang vi|en]
  dti-scorer collect  <a.xlsx> <b.xlsx> … --out <all.xlsx> [--index …]
  dti-scorer indices  [--json -]
  dti-scorer demo     [--out dir]

Commands:
  score     Check the inputs, score and rank. Without --out it only prints the ranking; with
            --out it writes the scored workbook (Results and Charts sheets, the Score column).
  validate  Only check the inputs and list errors and warnings.
  template  Make self-assessment forms, one sheet per unit. The units file (CSV) has the
            columns Unit code, Unit, Category.
  collect   Gather units' forms from several files into one workbook.
  indices   List the built-in index definitions.
  demo      Make a sample workbook for about 20 departments, score it, and write the results
            into demo-output/.

Options:
  --index    An index definition file (JSON) or a built-in id. Without it the definition stored
             in the workbook (the _index sheet) is used.
  --out      The file (or folder, for demo) to write.
  --json     Write the results as JSON to a file; "-" writes to the screen.
  --lang     Language: vi (default) or en.
  --progress Show progress even when the output is not a terminal.
  --help     Show this help.  --version  Show the version.

Exit status: 0 done; 1 done but the inputs have errors; 2 could not run (bad arguments,
unreadable file, invalid definition: the first line says why, the next lines list every problem
of the definition).
For collect: 1 when some file could not be read, or files were read but held no form to gather
(then nothing is written and the reason each sheet was left out is printed); 2 when no file could
be read.
When the reader of the output goes away (e.g. "| head -1"), the command stops quietly with 0.
`,
};

export const T = {
  rank: { vi: "Hạng", en: "Rank" },
  rankOverall: { vi: "Hạng chung", en: "Overall" },
  code: { vi: "Mã", en: "Code" },
  unit: { vi: "Đơn vị", en: "Unit" },
  category: { vi: "Nhóm", en: "Category" },
  points: { vi: "Điểm", en: "Points" },
  value: { vi: "Giá trị", en: "Value" },
  coverage: { vi: "Độ phủ", en: "Coverage" },
  issues: { vi: "Lỗi/Cảnh báo", en: "Issues" },
  note: { vi: "Ghi chú", en: "Note" },
  id: { vi: "Mã", en: "Id" },
  version: { vi: "Phiên bản", en: "Version" },
  name: { vi: "Tên", en: "Name" },
  maxPoints: { vi: "Điểm tối đa", en: "Max points" },
  severity: {
    error: { vi: "lỗi", en: "errors" },
    warning: { vi: "cảnh báo", en: "warnings" },
    info: { vi: "thông tin", en: "notes" },
  },
  severityOne: {
    error: { vi: "Lỗi", en: "Error" },
    warning: { vi: "Cảnh báo", en: "Warning" },
    info: { vi: "Thông tin", en: "Note" },
  },
} satisfies Record<string, unknown>;

/** The short reason a unit is not ranked, for the ranking table ("không xếp hạng: độ phủ 53% < 90%"). */
export function notRankedShort(reason: NotRankedReason | undefined, coverage: number, minCoverage: number): Message {
  const pct = (x: number): string => `${Math.round(x * 100)}%`;
  switch (reason) {
    case "excluded":
      return { vi: "không xếp hạng: thuộc danh sách loại trừ", en: "not ranked: excluded" };
    case "low-coverage":
      return {
        vi: `không xếp hạng: độ phủ ${pct(coverage)} < ${pct(minCoverage)}`,
        en: `not ranked: coverage ${pct(coverage)} < ${pct(minCoverage)}`,
      };
    case "not-available":
      return { vi: "không xếp hạng: không tính được tổng điểm", en: "not ranked: no total score" };
    default:
      return { vi: "không xếp hạng", en: "not ranked" };
  }
}

export const M = {
  noCommand: {
    vi: "Thiếu lệnh. Dùng một trong: score, validate, template, collect, indices, demo (xem dti-scorer --help).",
    en: "No command given. Use one of: score, validate, template, collect, indices, demo (see dti-scorer --help).",
  },
  needOneFile: (cmd: string): Message => ({
    vi: `Lệnh ${cmd} cần đúng một tệp sổ tính (.xlsx) hoặc bảng (.csv).`,
    en: `Command ${cmd} needs exactly one workbook (.xlsx) or table (.csv).`,
  }),
  noFilesAllowed: (cmd: string): Message => ({
    vi: `Lệnh ${cmd} không nhận tên tệp; dùng các tùy chọn.`,
    en: `Command ${cmd} takes no file names; use its options.`,
  }),
  fileMissing: (path: string): Message => ({ vi: `Không tìm thấy tệp ${path}.`, en: `File ${path} does not exist.` }),
  fileUnreadable: (path: string, why: string): Message => ({ vi: `Không đọc được tệp ${path}: ${why}`, en: `Cannot read file ${path}: ${why}` }),
  notXlsx: (path: string): Message => ({
    vi: `Tệp ${path} không phải sổ tính Excel (.xlsx) đọc được. Hãy lưu lại dưới dạng .xlsx (Excel Workbook).`,
    en: `File ${path} is not a readable Excel workbook (.xlsx). Save it as .xlsx (Excel Workbook).`,
  }),
  unknownExtension: (path: string): Message => ({
    vi: `Không biết đọc tệp ${path}: chỉ nhận .xlsx hoặc .csv.`,
    en: `Cannot tell how to read ${path}: only .xlsx or .csv files are read.`,
  }),
  unknownIndex: (what: string, ids: string[]): Message => ({
    vi: `Không có tệp hay bộ chỉ số có sẵn nào tên "${what}". Bộ có sẵn: ${ids.join(", ")}.`,
    en: `There is no file or built-in index called "${what}". Built-in: ${ids.join(", ")}.`,
  }),
  invalidDefinition: (path: string, detail: string): Message => ({
    vi: `Định nghĩa bộ chỉ số ${path} không hợp lệ: ${detail}`,
    en: `The index definition ${path} is not valid: ${detail}`,
  }),
  needIndex: (cmd: string): Message => ({ vi: `Lệnh ${cmd} cần --index <tệp.json | mã có sẵn>.`, en: `Command ${cmd} needs --index <file.json | built-in id>.` }),
  needUnits: { vi: "Lệnh template cần --units <đơn-vị.csv>.", en: "Command template needs --units <units.csv>." },
  needOut: (cmd: string): Message => ({ vi: `Lệnh ${cmd} cần --out <tệp.xlsx>.`, en: `Command ${cmd} needs --out <file.xlsx>.` }),
  needFiles: { vi: "Lệnh collect cần ít nhất một tệp .xlsx để gom.", en: "Command collect needs at least one .xlsx file to gather." },
  unitsEmpty: (path: string): Message => ({
    vi: `Tệp đơn vị ${path} không có đơn vị nào (cần cột Mã đơn vị và Đơn vị, mỗi dòng một đơn vị).`,
    en: `The units file ${path} lists no unit (it needs Unit code and Unit columns, one unit a line).`,
  }),
  unitsNoColumn: (path: string): Message => ({
    vi: `Tệp đơn vị ${path} thiếu cột "Đơn vị" (hoặc "Unit") ở dòng tiêu đề.`,
    en: `The units file ${path} has no "Unit" (or "Đơn vị") column in its header line.`,
  }),
  categoryIgnored: (path: string): Message => ({
    vi: `Cảnh báo: bộ chỉ số không chia nhóm đơn vị nên cột Nhóm của ${path} được bỏ qua.`,
    en: `Warning: the index has no categories, so the Category column of ${path} is ignored.`,
  }),
  unknownCategories: (path: string, n: number, known: string[]): Message => ({
    vi: `Tệp đơn vị ${path} có ${n} dòng ghi nhóm không có trong bộ chỉ số (các nhóm: ${known.join(", ")}); chưa ghi phiếu nào.`,
    en: `The units file ${path} has ${n} line${n === 1 ? "" : "s"} with a category the index does not have (categories: ${known.join(", ")}); nothing was written.`,
  }),
  unknownUnitCategory: (path: string, line: number, category: string): Message => ({
    vi: `${path}, dòng ${line}: nhóm "${category}" không có trong bộ chỉ số.`,
    en: `${path}, line ${line}: the category "${category}" is not in the index.`,
  }),
  cannotWrite: (path: string, why: string): Message => ({ vi: `Không ghi được tệp ${path}: ${why}`, en: `Cannot write file ${path}: ${why}` }),
  wrote: (path: string): Message => ({ vi: `Đã ghi ${path}`, en: `Wrote ${path}` }),
  scoredSummary: (n: number, ranked: number): Message => ({
    vi: `Đã chấm ${n} đơn vị, xếp hạng ${ranked}.`,
    en: `Scored ${n} units, ranked ${ranked}.`,
  }),
  noIssues: { vi: "Không có lỗi hay cảnh báo.", en: "No errors or warnings." },
  moreIssues: (n: number): Message => ({ vi: `… và ${n} mục khác (dùng --json để xem đủ).`, en: `… and ${n} more (use --json to see them all).` }),
  findings: { vi: "Kết quả kiểm tra", en: "Findings" },
  noFileReadable: (n: number): Message => ({
    vi: `Không đọc được tệp nào trong ${n} tệp cần gom (không phải sổ tính .xlsx).`,
    en: `None of the ${n} files to gather could be read (not .xlsx workbooks).`,
  }),
  nothingCollected: (out: string): Message => ({
    vi: `Không có phiếu nào để gom nên không ghi ${out}. Lý do:`,
    en: `There is no form to gather, so ${out} was not written. Reasons:`,
  }),
  collected: (n: number, out: string): Message => ({ vi: `Đã gom ${n} phiếu vào ${out}.`, en: `Gathered ${n} forms into ${out}.` }),
  took: (file: string, sheet: string, as: string): Message => ({
    vi: `  + ${file} › ${sheet}${as !== sheet ? ` → ${as}` : ""}`,
    en: `  + ${file} › ${sheet}${as !== sheet ? ` → ${as}` : ""}`,
  }),
  skippedHead: (n: number): Message => ({ vi: `Bỏ qua ${n} mục (trang tính hoặc tệp):`, en: `Left out ${n} (sheets or files):` }),
  templateDone: (n: number, out: string): Message => ({ vi: `Đã tạo ${n} phiếu tự đánh giá trong ${out}.`, en: `Made ${n} self-assessment forms in ${out}.` }),
  progress: (done: number, total: number, stage: string): Message => ({
    vi: `\r${stage}: ${done}/${total}`,
    en: `\r${stage}: ${done}/${total}`,
  }),
  unexpected: (why: string): Message => ({ vi: `Lỗi không mong đợi: ${why}`, en: `Unexpected error: ${why}` }),
};
