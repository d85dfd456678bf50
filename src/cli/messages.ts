/** What the command line says, in Vietnamese and English. */
import type { LocalizedText } from "../core/definition/schema";
import { type Lang, type Message, formatNumber } from "../core/i18n/text";
import { unitCount, unitInTitle } from "../core/plan/labels";
import { categoryIgnoredMessage, wideRowMessage } from "../core/units";

/** "2, 3 và 5" */
function listVi(items: readonly (string | number)[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} và ${items[items.length - 1]}`;
}

/** Text no longer than `max` characters (code points, in NFC), cut with an ellipsis. */
function shorten(text: string, max: number): string {
  const chars = [...text.normalize("NFC")];
  return chars.length <= max ? chars.join("") : chars.slice(0, max - 1).join("") + "…";
}

/** "2, 3 and 5" */
function listEn(items: readonly (string | number)[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export const HELP: Message = {
  vi: `dti-scorer — chấm điểm và xếp hạng đơn vị theo bộ chỉ số chuyển đổi số (DTI)

Cách dùng:
  dti-scorer score    <sổ.xlsx | bảng.csv> [--index <tệp.json | mã có sẵn>] [--out đã-chấm.xlsx [--radar MÃ1,MÃ2]] [--json kết-quả.json] [--lang vi|en]
  dti-scorer validate <sổ.xlsx | bảng.csv> [--index …] [--json lỗi.json] [--lang vi|en]
  dti-scorer validate --index <tệp.json | mã có sẵn> [--json …] [--lang vi|en]
  dti-scorer template --index <…> --units <đơn-vị.csv | đơn-vị.xlsx> --out <phiếu.xlsx> [--period "Năm 2024"] [--lang vi|en]
  dti-scorer collect  <a.xlsx> <b.xlsx> … --out <tổng-hợp.xlsx> [--index …] [--lang vi|en]
  dti-scorer indices  [--json - | --json tệp.json] [--lang vi|en]
  dti-scorer demo     [--out thư-mục] [--lang vi|en]

Lệnh:
  score     Kiểm tra số liệu, chấm điểm, xếp hạng. Không có --out thì chỉ in bảng xếp hạng;
            có --out thì ghi sổ đã chấm (trang Kết quả, Biểu đồ, cột Điểm).
  validate  Chỉ kiểm tra số liệu và liệt kê mọi lỗi, cảnh báo. Chỉ có --index, không kèm tệp: kiểm tra
            riêng định nghĩa bộ chỉ số.
  template  Tạo phiếu tự đánh giá: mỗi đơn vị một trang tính. Tệp danh sách đơn vị (CSV hoặc .xlsx)
            có các cột Mã đơn vị, Đơn vị, Nhóm (loại đơn vị).
  collect   Tổng hợp phiếu của các đơn vị từ nhiều tệp vào một sổ.
  indices   Liệt kê các bộ chỉ số có sẵn.
  demo      Tạo sổ mẫu cho khoảng 20 sở, ban, ngành, chấm điểm và ghi kết quả vào demo-output/.

Tùy chọn:
  --index    Tệp định nghĩa bộ chỉ số (JSON) hoặc mã bộ chỉ số có sẵn. Bỏ trống: dùng định
             nghĩa đã lưu trong sổ (trang _index).
  --out      Tệp .xlsx (hoặc thư mục, với demo) để ghi kết quả; không được là tệp đầu vào
             (trừ sổ .xlsx được chấm lại tại chỗ). Với score, tệp đã có chỉ được ghi đè khi
             đó là sổ đã được chấm điểm (có trang _index) mà ghi đè không làm mất gì: số liệu
             không bị sửa từ lần chấm, lần chấm này có mọi đơn vị của sổ, và sổ không có trang
             nào do người dùng thêm vào. Thư mục của tệp phải có sẵn.
  --radar    Với score --out: mã (hoặc tên) của tối đa 5 đơn vị mà biểu đồ mạng nhện so sánh với
             trung bình, cách nhau bằng dấu phẩy. Bỏ trống: 3 hạng đầu (và các đơn vị đồng hạng).
  --json     Ghi kết quả dạng JSON vào tệp; "-" là ghi ra màn hình. Tệp đã có chỉ được ghi đè
             khi đó là tệp JSON do dti-scorer ghi ra (score, validate, indices) hoặc tệp rỗng.
  --lang     Ngôn ngữ: vi hoặc en. Bỏ trống: vi; với score, validate là ngôn ngữ sổ được chấm
             lần trước (trang _index), nếu có. Biến môi trường LANG không đổi ngôn ngữ.
  --progress Hiện tiến độ cả khi đầu ra không phải màn hình (khi đó mỗi bước một dòng).
  --help     Hiện hướng dẫn này (dti-scorer <lệnh> --help: của riêng lệnh đó).
  --version  Hiện phiên bản.

Mã thoát: 0 xong; 1 xong nhưng số liệu có lỗi; 2 không chạy được (sai tham số, không đọc được tệp,
định nghĩa không hợp lệ: dòng đầu nêu lý do và lỗi đầu tiên, các dòng sau liệt kê các lỗi còn lại).
Với collect: 1 khi có tệp không đọc được, có phiếu đã điền khác của cùng đơn vị bị bỏ qua, hoặc đọc
được tệp nhưng không có phiếu nào để tổng hợp (khi đó không ghi tệp nào và in lý do bỏ qua từng
trang tính); 2 khi không đọc được tệp nào.
Một tùy chọn chỉ được ghi một lần. Khi nơi nhận đầu ra đóng lại (ví dụ "| head -1"), lệnh thôi in
nhưng vẫn ghi các tệp --out, --json; mã thoát vẫn là của lần chạy (0, 1 hoặc 2 như trên).
Tệp rất lớn được xử lý trong một tiến trình Node.js riêng, có nhiều bộ nhớ hơn (tới một nửa bộ nhớ
của máy; NODE_OPTIONS=--max-old-space-size=<MB> để tự chọn). Khi vẫn không đủ bộ nhớ, lệnh nêu
tệp nào quá lớn và cách xử lý (mã thoát 2).
`,
  en: `dti-scorer — score and rank units on a digital transformation index (DTI)

Usage:
  dti-scorer score    <workbook.xlsx | table.csv> [--index <file.json | built-in id>] [--out scored.xlsx [--radar CODE1,CODE2]] [--json results.json] [--lang vi|en]
  dti-scorer validate <workbook.xlsx | table.csv> [--index …] [--json issues.json] [--lang vi|en]
  dti-scorer validate --index <file.json | built-in id> [--json …] [--lang vi|en]
  dti-scorer template --index <…> --units <units.csv | units.xlsx> --out <forms.xlsx> [--period "2024"] [--lang vi|en]
  dti-scorer collect  <a.xlsx> <b.xlsx> … --out <all.xlsx> [--index …] [--lang vi|en]
  dti-scorer indices  [--json - | --json file.json] [--lang vi|en]
  dti-scorer demo     [--out dir] [--lang vi|en]

Commands:
  score     Check the inputs, score and rank. Without --out it only prints the ranking; with
            --out it writes the scored workbook (Results and Charts sheets, the Score column).
  validate  Only check the inputs and list every error and warning. With --index and no file: check
            the index definition alone.
  template  Make self-assessment forms, one sheet per unit. The units file (CSV or .xlsx) has
            the columns Unit code, Unit, Category.
  collect   Collect units' forms from several files into one workbook.
  indices   List the built-in index definitions.
  demo      Make a sample workbook for about 20 departments, score it, and write the results
            into demo-output/.

Options:
  --index    An index definition file (JSON) or a built-in id. Without it the definition stored
             in the workbook (the _index sheet) is used.
  --out      The .xlsx file (or folder, for demo) to write; never an input file (except an .xlsx
             workbook scored again in place). For score, a file already there is replaced only
             when it is a workbook scored before (it has the _index sheet) that would lose
             nothing: its inputs unchanged since its scoring, every unit of it in this run, and
             no sheet the user added. The file's folder must exist.
  --radar    With score --out: the codes (or names) of up to 5 units the radar chart compares with
             the average, separated by commas. Without it: the top 3 ranks (and units tied with them).
  --json     Write the results as JSON to a file; "-" writes to the screen. A file already there
             is replaced only when it is JSON dti-scorer wrote (score, validate, indices) or empty.
  --lang     Language: vi or en. Without it: vi; for score and validate, the language the
             workbook was last scored in (its _index sheet), if any. The LANG environment
             variable does not change it.
  --progress Show progress even when the output is not a terminal (then one line per step).
  --help     Show this help (dti-scorer <command> --help: that command's).
  --version  Show the version.

Exit status: 0 done; 1 done but the inputs have errors; 2 could not run (bad arguments,
unreadable file, invalid definition: the first line says why and names the first problem, the
next lines list the definition's other problems).
For collect: 1 when some file could not be read, a unit's other filled form was left out, or files
were read but held no form to collect (then nothing is written and the reason each sheet was left
out is printed); 2 when no file could be read.
An option may be given once. When the reader of the output goes away (e.g. "| head -1"), the
command stops printing but still writes its --out and --json files; the exit status is still the
run's own (0, 1 or 2 as above).
A very large file is run in a separate Node.js process with more memory (up to half the
computer's memory; NODE_OPTIONS=--max-old-space-size=<MB> to choose it). When that is still not enough,
the command says which file was too large and what to do (exit status 2).
`,
};

const EXIT_VI = "Mã thoát: 0 xong; 1 xong nhưng số liệu có lỗi; 2 không chạy được (dòng đầu nêu lý do).";
const EXIT_EN = "Exit status: 0 done; 1 done but the inputs have errors; 2 could not run (the first line says why).";

/** `dti-scorer <command> --help`: that command only. */
export const COMMAND_HELP: Record<"score" | "validate" | "template" | "collect" | "indices" | "demo", Message> = {
  score: {
    vi: `dti-scorer score <sổ.xlsx | bảng.csv> [--index <tệp.json | mã có sẵn>] [--out đã-chấm.xlsx [--radar MÃ1,MÃ2]] [--json kết-quả.json] [--lang vi|en] [--progress]

Kiểm tra số liệu, chấm điểm và xếp hạng các đơn vị. In bảng xếp hạng (các cột như trang Kết quả)
và 15 lỗi, cảnh báo đầu tiên (lệnh validate và --json có đủ).

  <sổ.xlsx>  Mỗi đơn vị một trang tính (phiếu do lệnh template tạo), hoặc một bảng mỗi đơn vị một dòng.
  <bảng.csv> Mỗi đơn vị một dòng: CSV UTF-8, CSV của Excel (Windows-1258, hoặc 1252 trên Windows tiếng Anh) hoặc "Unicode text" (UTF-16, tab).
  --index    Tệp định nghĩa bộ chỉ số (JSON) hoặc mã có sẵn (xem dti-scorer indices). Bỏ trống: dùng
             định nghĩa đã lưu trong sổ đã chấm (trang _index).
  --out      Ghi sổ đã chấm (.xlsx): trang Kết quả, Biểu đồ, cột Điểm, đánh dấu ô có lỗi. Có thể ghi
             đè chính sổ .xlsx đầu vào (chấm lại) hoặc một sổ đã chấm trước đó (có trang _index) khi
             ghi đè không làm mất gì; không ghi đè tệp CSV đầu vào, một sổ đã chấm có số liệu sửa
             sau lần chấm (hãy chấm chính sổ đó), có đơn vị không có trong tệp đầu vào hay có
             trang do người dùng thêm vào, cũng không ghi đè tệp nào khác đã có (một sổ phiếu chưa chấm, một tệp không phải .xlsx):
             khi đó lệnh dừng, hãy chọn tên khác hoặc xóa tệp trước.
  --radar    Các đơn vị mà biểu đồ mạng nhện trong sổ --out so sánh với trung bình: mã (hoặc tên) của
             tối đa 5 đơn vị, cách nhau bằng dấu phẩy ("--radar SYT,SGDDT"). Bỏ trống: 3 hạng đầu và
             các đơn vị đồng hạng với họ.
  --json     Ghi kết quả dạng JSON vào tệp; "-" là ghi ra màn hình. Được ghi sau sổ --out, và chỉ khi
             ghi được sổ đó.
Sổ đã chấm mà số liệu đã thay đổi từ lần chấm trước: lệnh báo "Kết quả đã cũ" trước khi chấm lại.
${EXIT_VI}
`,
    en: `dti-scorer score <workbook.xlsx | table.csv> [--index <file.json | built-in id>] [--out scored.xlsx [--radar CODE1,CODE2]] [--json results.json] [--lang vi|en] [--progress]

Check the inputs, score and rank the units. Prints the ranking (the columns of the Results sheet)
and the first 15 errors and warnings (the validate command and --json have them all).

  <workbook.xlsx> One sheet per unit (the forms the template command makes), or one table with a row per unit.
  <table.csv>     One row per unit: CSV UTF-8, Excel's CSV (Windows-1258, or 1252 on Western Windows) or "Unicode text" (UTF-16, tabs).
  --index    An index definition file (JSON) or a built-in id (see dti-scorer indices). Without it the
             definition kept in a scored workbook (the _index sheet) is used.
  --out      Write the scored workbook (.xlsx): Results and Charts sheets, the Score column, marks on
             cells with issues. It may be the input .xlsx itself (scoring again) or a workbook scored
             before (it has the _index sheet) that would lose nothing; never an input CSV, a scored
             workbook whose inputs were changed since its scoring (score that workbook itself) or
             that holds units the input does not have or sheets the user added, nor any other file
             already there (a workbook of forms never scored, a file that is not an .xlsx workbook):
             the command then stops; choose another name, or delete that file first.
  --radar    The units the radar chart in the --out workbook compares with the average: the codes
             (or names) of up to 5 units, separated by commas ("--radar SYT,SGDDT"). Without it: the
             top 3 ranks and the units tied with them.
  --json     Write the results as JSON to a file; "-" writes to the screen. Written after the --out
             workbook, and only once that was written.
A scored workbook whose figures changed since it was scored: the command says "out of date" first.
${EXIT_EN}
`,
  },
  validate: {
    vi: `dti-scorer validate <sổ.xlsx | bảng.csv> [--index <tệp.json | mã có sẵn>] [--json lỗi.json] [--lang vi|en]
dti-scorer validate --index <tệp.json | mã có sẵn> [--json …] [--lang vi|en]

Chỉ kiểm tra số liệu: liệt kê mọi lỗi và cảnh báo (lệnh score chỉ in các mục đầu), mỗi mục nêu trang
tính và ô. Không ghi sổ.
Với sổ đã chấm mà số liệu đã thay đổi từ lần chấm trước, báo "Kết quả đã cũ".
Chỉ có --index, không kèm tệp: chỉ kiểm tra định nghĩa bộ chỉ số. Định nghĩa không hợp lệ: liệt kê
mọi lỗi, mỗi lỗi một dòng (mã thoát 2); hợp lệ: in một dòng tóm tắt (tên, mã@phiên bản, số nhóm,
số chỉ tiêu, tổng điểm) (mã thoát 0).

  --index    Tệp định nghĩa bộ chỉ số (JSON) hoặc mã có sẵn; bỏ trống: định nghĩa lưu trong sổ.
  --json     Ghi kết quả dạng JSON như lệnh score (index, units, issues, stale, scoredAt,
             periods), không ghi sổ; "-" là ghi ra màn hình. Chỉ kiểm tra định nghĩa: units và issues là danh sách rỗng.
${EXIT_VI}
`,
    en: `dti-scorer validate <workbook.xlsx | table.csv> [--index <file.json | built-in id>] [--json issues.json] [--lang vi|en]
dti-scorer validate --index <file.json | built-in id> [--json …] [--lang vi|en]

Only check the inputs: list every error and warning (score prints only the first ones), each with its
sheet and cell. Writes no workbook.
For a scored workbook whose figures changed since it was scored, says the results are out of date.
With --index and no file: check the index definition alone. An invalid one: every problem, one per
line (exit status 2); a valid one: a one-line summary (name, id@version, groups, indicators, total
points) (exit status 0).

  --index    An index definition file (JSON) or a built-in id; without it, the one kept in the workbook.
  --json     Write the results as JSON as score does (index, units, issues, stale, scoredAt,
             periods), without writing a workbook; "-" writes to the screen. Checking a definition alone: units and issues are
             empty lists.
${EXIT_EN}
`,
  },
  template: {
    vi: `dti-scorer template --index <tệp.json | mã có sẵn> --units <đơn-vị.csv | đơn-vị.xlsx> --out <phiếu.xlsx> [--period "Năm 2024"] [--lang vi|en]

Tạo phiếu tự đánh giá: trang Hướng dẫn và mỗi đơn vị một trang tính, có danh sách thả xuống và ô
nhập số liệu tô màu.

  --units    Tệp CSV, hoặc sổ .xlsx (trang tính đầu tiên), có các cột Mã đơn vị, Đơn vị và (nếu bộ
             chỉ số chia loại đơn vị) Nhóm, ghi loại đơn vị; dòng đầu là tiêu đề. Trong CSV, tên có
             dấu phẩy phải đặt trong ngoặc kép. Tệp .xls, .ods: hãy lưu lại dạng .xlsx hoặc CSV.
  --out      Tệp .xlsx để ghi phiếu. Chỉ ghi đè một bộ phiếu trống do lệnh này tạo ra (hoặc tệp rỗng);
             không ghi đè phiếu đã nhập nội dung (số liệu, ghi chú, kỳ đánh giá) hay tệp, trang tính
             nào khác đã có: khi đó lệnh dừng, hãy chọn tên khác hoặc xóa tệp trước.
  --period   Kỳ đánh giá ghi trên mỗi phiếu.
Mã thoát: 0 xong; 2 không chạy được (dòng đầu nêu lý do, các dòng sau nêu từng dòng lỗi của tệp danh sách đơn vị).
`,
    en: `dti-scorer template --index <file.json | built-in id> --units <units.csv | units.xlsx> --out <forms.xlsx> [--period "2024"] [--lang vi|en]

Make self-assessment forms: an Instructions sheet and one sheet per unit, with drop-down lists and
coloured input cells.

  --units    A CSV file, or an .xlsx workbook (its first sheet), with the columns Unit code, Unit and
             (when the index has unit categories) Category; the first row is the header. In a CSV
             file a name with a comma must be put in double quotes. An .xls or .ods file: save it
             as .xlsx or CSV.
  --out      The .xlsx file to write the forms into. Replaces only blank forms this command made (or
             an empty file); never forms with anything typed in (a figure, a note, the period), nor
             any other file or sheet already there: the command then stops; choose another name, or
             delete the file first.
  --period   The assessment period written on every form.
Exit status: 0 done; 2 could not run (the first line says why, the next lines list each wrong line of the units file).
`,
  },
  collect: {
    vi: `dti-scorer collect <a.xlsx> <b.xlsx> … --out <tổng-hợp.xlsx> [--index <tệp.json | mã có sẵn>] [--lang vi|en]

Tổng hợp phiếu của các đơn vị từ nhiều tệp vào một sổ (giữ định dạng, danh sách thả xuống). Nếu
tổng-hợp.xlsx đã có, phiếu mới được thêm vào. Bỏ qua (và nêu lý do) trang không phải phiếu, phiếu
trùng mã đơn vị và, với --index, phiếu của bộ chỉ số khác; cảnh báo khi các tệp chứa phiếu của
những bộ chỉ số (hoặc phiên bản) khác nhau. Tệp không có, thư mục, tệp không đọc được được bỏ
qua và nêu tên, các tệp khác vẫn được tổng hợp. Tệp khóa của Excel (~$tên.xlsx) hay LibreOffice
(.~lock.tên.xlsx#) được bỏ qua kèm một dòng, không tính là lỗi. Tổng hợp thêm vào sổ đã chấm điểm:
lệnh báo kết quả trong sổ đã cũ và cần chấm điểm lại.

Mã thoát: 0 xong; 1 có tệp không đọc được, hoặc không có phiếu nào để tổng hợp (không ghi tệp);
2 không đọc được tệp nào.
`,
    en: `dti-scorer collect <a.xlsx> <b.xlsx> … --out <all.xlsx> [--index <file.json | built-in id>] [--lang vi|en]

Collect units' forms from several files into one workbook (formatting and drop-down lists kept). If
all.xlsx exists, the new forms are added to it. Leaves out (saying why) sheets that are not forms,
a second form with the same unit code and, with --index, forms of another index; warns when the
files hold forms of different indices (or versions). A file that is missing, a folder, or cannot be
read is left out and named, and the others are collected. The lock file of Excel (~$name.xlsx) or
LibreOffice (.~lock.name.xlsx#) is left out with a line, and is not an error. Collecting into a
scored workbook says that its results are now out of date and to score it again.

Exit status: 0 done; 1 some file could not be read, or there was no form to collect (nothing is
written); 2 no file could be read.
`,
  },
  indices: {
    vi: `dti-scorer indices [--json - | --json tệp.json] [--lang vi|en]

Liệt kê các bộ chỉ số có sẵn: mã, phiên bản, điểm tối đa, tên, và thư mục chứa tệp định nghĩa
(JSON) của chúng để sao chép khi tự viết bộ chỉ số. Dùng mã với --index.

  --json     Ghi danh sách dạng JSON vào tệp (và báo "Đã ghi …"); "-" là ghi ra màn hình.
`,
    en: `dti-scorer indices [--json - | --json file.json] [--lang vi|en]

List the built-in index definitions: id, version, maximum points, name, and the folder of their
definition files (JSON) to copy one from for a definition of your own. Use the id with --index.

  --json     Write the list as JSON to a file (and say "Wrote …"); "-" writes to the screen.
`,
  },
  demo: {
    vi: `dti-scorer demo [--out thư-mục] [--lang vi|en]

Tạo phiếu mẫu và sổ số liệu cho khoảng 20 sở, ban, ngành (có vài lỗi thường gặp), chấm điểm và ghi
phieu-mau.xlsx, so-lieu.xlsx, ket-qua.xlsx, ket-qua.json vào thư mục (mặc định demo-output/).
`,
    en: `dti-scorer demo [--out dir] [--lang vi|en]

Make sample forms and a filled workbook for about 20 departments (with a few typical mistakes),
score it and write blank-forms.xlsx, filled-forms.xlsx, results.xlsx, results.json into the folder
(demo-output/ by default; in Vietnamese, phieu-mau.xlsx, so-lieu.xlsx, ket-qua.xlsx, ket-qua.json).
`,
  },
};

/** The extensions read as a table of text (CSV: comma, semicolon or tab separated), and as an Excel workbook (inputKind). */
export const TABLE_EXTENSIONS: readonly string[] = [".csv", ".txt", ".tsv"];
export const WORKBOOK_EXTENSIONS: readonly string[] = [".xlsx", ".xlsm"];

/** Spreadsheet files that are not .xlsx, by extension: what they are and where to convert them. */
const OTHER_SPREADSHEETS: Record<string, { vi: string; en: string; app: string | Message }> = {
  // An .xls file may come from a LibreOffice user as often as from an Excel one: both save it as .xlsx.
  ".xls": { vi: "Excel 97–2003", en: "Excel 97–2003", app: { vi: "Excel hoặc LibreOffice Calc", en: "Excel or LibreOffice Calc" } },
  ".xlsb": { vi: "sổ làm việc nhị phân Excel", en: "Excel binary workbook", app: "Excel" },
  ".xltx": { vi: "mẫu Excel", en: "Excel template", app: "Excel" },
  ".ods": { vi: "OpenDocument", en: "OpenDocument", app: "LibreOffice Calc" },
  ".numbers": { vi: "Apple Numbers", en: "Apple Numbers", app: "Numbers" },
};

/** Whether an extension (".xls") is a spreadsheet format other than .xlsx that is not read: save it as .xlsx. */
export function isOtherSpreadsheet(ext: string): boolean {
  return OTHER_SPREADSHEETS[ext.toLowerCase()] !== undefined;
}

/** Words of the CLI's own output; the ranking's column labels are the results sheet's (core/plan/labels.ts). */
export const T = {
  id: { vi: "Mã", en: "Id" },
  version: { vi: "Phiên bản", en: "Version" },
  name: { vi: "Tên", en: "Name" },
  maxPoints: { vi: "Điểm tối đa", en: "Max points" },
  severity: {
    error: { vi: "lỗi", en: "errors" },
    warning: { vi: "cảnh báo", en: "warnings" },
    // "6 info findings": "info" alone reads as a word cut short; "notes" are Excel's notes on cells.
    info: { vi: "lưu ý", en: "info findings" },
  },
  severityOne: {
    error: { vi: "Lỗi", en: "Error" },
    warning: { vi: "Cảnh báo", en: "Warning" },
    info: { vi: "Lưu ý", en: "Info" },
  },
} satisfies Record<string, unknown>;

/** One finding of a severity as severityCounts counts it: "1 error", "1 warning", "1 info finding". */
const ONE_EN: Record<"error" | "warning" | "info", string> = { error: "error", warning: "warning", info: "info finding" };

/**
 * Counts by severity, those of 0 left out: "2 lỗi, 1 cảnh báo" / "1 error, 3 info findings" (the
 * findings line of score and validate). Empty when every count is 0.
 */
export function severityCounts(counts: Partial<Record<"error" | "warning" | "info", number>>, lang: "vi" | "en"): string {
  return (["error", "warning", "info"] as const)
    .filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => {
      const n = counts[s] as number;
      return `${n} ${lang === "en" && n === 1 ? ONE_EN[s] : T.severity[s][lang]}`;
    })
    .join(", ");
}

/**
 * What is in a file --out names that the command will not write over: no workbook at all, a
 * workbook never scored (for `score`), a scored one or any workbook but blank forms `template`
 * made (for `template`), forms with figures typed in (the first such sheet).
 */
/** What keeps a workbook of forms from being blank forms `template` made: a form with something typed into a cell, or a sheet `template` does not make. */
export type TemplateSheetContent = { filled: string; cell: string } | { extra: string };
export type OutContent = "not-workbook" | "not-scored" | "scored" | "not-template" | "not-json" | "not-our-json" | TemplateSheetContent;

/** A file name as it is typed in a command: quoted when it has spaces or characters the shell reads. */
export function shellArg(path: string): string {
  return /[\s"'$`\\]/.test(path) ? JSON.stringify(path) : path;
}

/** At most this many units are named in a sentence; the others are counted. */
const UNITS_NAMED = 5;

/** '"Sở A", "Sở B" và 3 đơn vị khác' / '"Sở A", "Sở B" and 3 more': each name quoted, as a name may hold a comma. */
function unitList(names: readonly string[], lang: "vi" | "en"): string {
  const shown = names.slice(0, UNITS_NAMED).map((n) => `"${n}"`);
  const more = names.length - shown.length;
  if (more === 0) return lang === "vi" ? listVi(shown) : listEn(shown);
  return lang === "vi" ? `${shown.join(", ")} và ${more} đơn vị khác` : `${shown.join(", ")} and ${more} more`;
}

export const M = {
  noCommand: {
    vi: "Thiếu lệnh. Dùng một trong: score, validate, template, collect, indices, demo (xem dti-scorer --help).",
    en: "No command given. Use one of: score, validate, template, collect, indices, demo (see dti-scorer --help).",
  },
  /**
   * score or validate given no file, or several (`given`: the words after the command, each named:
   * a second workbook, or a word typed after an option that takes no value, as `--progress extra`).
   */
  radarNeedsOut: {
    vi: "Tùy chọn --radar chọn đơn vị cho biểu đồ mạng nhện trong sổ đã chấm, nên cần ghi kèm --out <đã-chấm.xlsx>.",
    en: "Option --radar chooses the units of the radar chart in the scored workbook, so it needs --out <scored.xlsx> too.",
  } as Message,
  needOneFile: (cmd: string, given: readonly string[] = []): Message => {
    const names = given.map((g) => shellArg(g));
    const several = given.length > 1 ? { vi: `, nhưng được ghi ${given.length} tên tệp: ${listVi(names)}`, en: `, but was given ${given.length} files: ${listEn(names)}` } : { vi: "", en: "" };
    const oneOnly = given.length > 1 ? { vi: " Hãy chỉ ghi một tệp.", en: " Give one file only." } : { vi: "", en: "" };
    return cmd === "validate"
      ? {
          vi: `Lệnh validate cần đúng một tệp sổ làm việc (.xlsx) hoặc bảng (.csv)${several.vi}; để chỉ kiểm tra một định nghĩa bộ chỉ số, dùng validate --index <tệp.json | mã có sẵn>, không kèm tệp.`,
          en: `The validate command needs exactly one workbook (.xlsx) or table (.csv)${several.en}; to check an index definition alone, use validate --index <file.json | built-in id>, without a file.`,
        }
      : {
          vi: `Lệnh ${cmd} cần đúng một tệp sổ làm việc (.xlsx) hoặc bảng (.csv)${several.vi}.${oneOnly.vi}`,
          en: `The ${cmd} command needs exactly one workbook (.xlsx) or table (.csv)${several.en}.${oneOnly.en}`,
        };
  },
  /**
   * score or validate without --index, of a file that keeps no definition: a table of text
   * (`kind` "table", `ext` its extension), which never can, or a workbook never scored ("workbook"),
   * named with what to do.
   */
  noIndexFor: (cmd: "score" | "validate", path: string, kind: "table" | "workbook", ext: string): Message => {
    const arg = shellArg(path);
    const verb = cmd === "score" ? { vi: "chấm", en: "score" } : { vi: "kiểm tra", en: "check" };
    const command = { vi: `dti-scorer ${cmd} ${arg} --index <tệp.json | mã có sẵn>`, en: `dti-scorer ${cmd} ${arg} --index <file.json | built-in id>` };
    const builtins = { vi: "dti-scorer indices liệt kê các bộ chỉ số có sẵn", en: "dti-scorer indices lists the built-in ones" };
    if (kind === "table") {
      return {
        vi: `Chưa có bộ chỉ số để ${verb.vi} tệp ${path}: bảng văn bản (${ext}) không lưu được bộ chỉ số, nên hãy ghi --index: ${command.vi} (${builtins.vi}).`,
        en: `No index definition to ${verb.en} ${path} with: a table of text (${ext}) cannot keep one, so give --index: ${command.en} (${builtins.en}).`,
      };
    }
    return {
      vi: `Chưa có bộ chỉ số để ${verb.vi} sổ ${path}: sổ không lưu bộ chỉ số (không có trang _index của lần chấm trước) và không có --index. Hãy ghi --index: ${command.vi} (${builtins.vi}), hoặc ${verb.vi} một sổ đã chấm trước đó (sổ đó lưu bộ chỉ số đã dùng để chấm).`,
      en: `No index definition to ${verb.en} the workbook ${path} with: it keeps none (no _index sheet from an earlier scoring) and no --index was given. Give --index: ${command.en} (${builtins.en}), or ${verb.en} a workbook scored earlier (it keeps the index it was scored with).`,
    };
  },
  /** `validate --index` alone, on a valid definition: what it is, on one line. */
  definitionValid: (d: { name: string; id: string; version: string; groups: number; indicators: number; maxPoints: number | undefined }): Message => ({
    vi: `Bộ chỉ số hợp lệ: ${d.name} (${d.id}@${d.version}), ${d.groups} nhóm chỉ số, ${d.indicators} chỉ tiêu, ${d.maxPoints !== undefined ? `tổng điểm tối đa ${formatNumber(d.maxPoints, "vi")}` : "chấm theo giá trị (không có tổng điểm)"}.`,
    en: `Valid index definition: ${d.name} (${d.id}@${d.version}), ${d.groups} group${d.groups === 1 ? "" : "s"}, ${d.indicators} indicator${d.indicators === 1 ? "" : "s"}, ${d.maxPoints !== undefined ? `${formatNumber(d.maxPoints, "en")} point${d.maxPoints === 1 ? "" : "s"} in total` : "scored on values (no total points)"}.`,
  }),
  /** A command that takes no file name given some (`given`, each named). */
  noFilesAllowed: (cmd: string, given: readonly string[] = []): Message => {
    const names = given.map((g) => shellArg(g));
    const what = given.length === 0 ? { vi: "", en: "" } : { vi: ` (được ghi ${listVi(names)})`, en: ` (given ${listEn(names)})` };
    return {
      vi: `Lệnh ${cmd} không nhận tên tệp${what.vi}; dùng các tùy chọn (xem dti-scorer ${cmd} --help).`,
      en: `The ${cmd} command takes no file names${what.en}; use its options (see dti-scorer ${cmd} --help).`,
    };
  },
  /** `dti-scorer template units.csv …`: a list of units given without --units, said how to give it. */
  templateUnitsNotArgument: (given: string): Message => ({
    vi: `Lệnh template không nhận tên tệp ngay sau tên lệnh; để tạo phiếu cho các đơn vị trong danh sách ${given}, dùng --units ${shellArg(given)}.`,
    en: `The template command takes no file name right after it; to make forms for the units listed in ${given}, use --units ${shellArg(given)}.`,
  }),
  /** A file given to --units of a kind not read as a list of units (`ext`: its extension, or "" for none). */
  unitsKindNotRead: (path: string, ext: string): Message => {
    const json = ext.toLowerCase() === ".json";
    return {
      vi: `Tệp danh sách đơn vị ${path} (--units) không đọc được: --units nhận bảng văn bản (${TABLE_EXTENSIONS.join(", ")}) hoặc sổ làm việc Excel (${WORKBOOK_EXTENSIONS.join(", ")}, trang tính đầu tiên)${ext === "" ? ", mà tên tệp không có đuôi" : `, không nhận tệp ${ext}`}.${json ? " Tệp định nghĩa bộ chỉ số (.json) thì ghi sau --index." : " Hãy lưu lại danh sách ở một trong các dạng đó."}`,
      en: `The units file ${path} (--units) cannot be read: --units takes a table of text (${TABLE_EXTENSIONS.join(", ")}) or an Excel workbook (${WORKBOOK_EXTENSIONS.join(", ")}, its first sheet)${ext === "" ? ", and the file name has no extension" : `, not a ${ext} file`}.${json ? " An index definition file (.json) goes after --index." : " Save the list in one of those formats."}`,
    };
  },
  /** demo --out (or the default folder, `given` false) names a file that is there: --out names a folder. */
  demoOutIsFile: (dir: string, given: boolean): Message =>
    given
      ? {
          vi: `--out của lệnh demo là thư mục để ghi các tệp mẫu, mà ${dir} là một tệp đã có; hãy ghi tên một thư mục (đã có hoặc chưa có) cho --out.`,
          en: `The demo command's --out names the folder to write the sample files into, and ${dir} is a file; give --out the name of a folder (one that exists, or a new one).`,
        }
      : {
          vi: `Lệnh demo ghi các tệp mẫu vào thư mục ${dir}, mà ${dir} là một tệp đã có; hãy chọn thư mục khác bằng --out <thư-mục>.`,
          en: `The demo command writes the sample files into the folder ${dir}, and ${dir} is a file; choose another folder with --out <folder>.`,
        },
  /** `dti-scorer demo somewhere`: the folder is given with --out, said with the name the user typed. */
  demoFolderNotArgument: (given: string): Message => ({
    vi: `Lệnh demo không nhận tên tệp hay thư mục; để ghi các tệp mẫu vào thư mục ${given}, dùng --out ${given}.`,
    en: `The demo command takes no file or folder name; to write the sample files into the folder ${given}, use --out ${given}.`,
  }),
  fileMissing: (path: string): Message => ({ vi: `Không tìm thấy tệp ${path}.`, en: `The file ${path} does not exist.` }),
  /** No such file, but one of that name with an extension added ("tinh.json.txt", as Notepad saves it while Windows hides extensions). */
  fileMissingWithExtension: (path: string, added: string): Message => {
    const name = path.split(/[\\/]/).pop() ?? path;
    // A name given without an extension of its own ("solieu2"): the file is to be named in full, not renamed to it.
    if (!/\.[^.]+$/.test(name)) {
      return {
        vi: `Không tìm thấy tệp ${path}, nhưng có tệp ${path}${added}: hãy ghi cả phần đuôi, ${path}${added}, trong lệnh.`,
        en: `The file ${path} does not exist, but ${path}${added} does: give the name with its extension, ${path}${added}, in the command.`,
      };
    }
    return {
      vi: `Không tìm thấy tệp ${path}, nhưng có tệp ${path}${added} (Windows thường ẩn phần đuôi tệp ${added}): hãy đổi tên tệp đó thành ${name}, hoặc ghi ${path}${added} trong lệnh.`,
      en: `The file ${path} does not exist, but ${path}${added} does (Windows often hides the ${added} extension): rename that file to ${name}, or give ${path}${added} in the command.`,
    };
  },
  /** The folder an output file goes into is not there: it is not made (a mistyped name would hide the results). */
  outFolderMissing: (path: string, folder: string): Message => ({
    vi: `Không ghi được tệp ${path}: thư mục ${folder} không tồn tại; hãy tạo thư mục đó trước, hoặc chọn một thư mục đã có.`,
    en: `Cannot write the file ${path}: the folder ${folder} does not exist; make that folder first, or choose a folder that exists.`,
  }),
  /** An .xlsx file encrypted with a password to open (an OLE compound file holding "EncryptedPackage"). */
  passwordToOpen: (path: string): Message => ({
    vi: `Tệp ${path} được bảo vệ bằng mật khẩu mở tệp: hãy mở tệp trong Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ Sổ làm việc > Mã hóa bằng Mật khẩu, xóa mật khẩu), lưu lại rồi chạy lại.`,
    en: `The file ${path} is protected by a password to open: open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), save, and run again.`,
  }),
  /** An .xlsx workbook (a zip package with a workbook part) named otherwise: ".csv", ".xls", ".ods", or no extension (""). */
  xlsxMisnamed: (path: string, ext: string): Message =>
    ext === ""
      ? {
          vi: `Tệp ${path} là sổ làm việc Excel (.xlsx) nhưng tên tệp không có đuôi; hãy thêm đuôi .xlsx vào tên tệp rồi chạy lại.`,
          en: `The file ${path} is an Excel workbook (.xlsx) but its name has no extension; add .xlsx to its name and run again.`,
        }
      : {
          vi: `Tệp ${path} là sổ làm việc Excel (.xlsx) nhưng mang đuôi ${ext}; hãy đổi đuôi tên tệp thành .xlsx rồi chạy lại.`,
          en: `The file ${path} is an Excel workbook (.xlsx) whose name ends in ${ext}; rename it to end in .xlsx and run again.`,
        },
  /** A file of 0 bytes: a table, or a file named as a workbook. */
  emptyFile: (path: string): Message => ({
    vi: `Tệp ${path} rỗng (0 byte), không có gì để đọc; hãy kiểm tra lại tệp (có thể tệp chưa được lưu hết).`,
    en: `The file ${path} is empty (0 bytes): there is nothing to read; check the file (it may not have been saved completely).`,
  }),
  /** A workbook in which no form or table of units was found: the core's sentence, with the file named. */
  inFile: (path: string, sentence: Message): Message => ({ vi: `Tệp ${path}: ${sentence.vi}`, en: `File ${path}: ${sentence.en}` }),
  noFileName: { vi: "Tên tệp để trống: hãy ghi tên tệp cần đọc.", en: "No file name was given (the name is empty): give the name of the file to read." },
  fileUnreadable: (path: string, why: string): Message => ({ vi: `Không đọc được tệp ${path}: ${why}`, en: `Cannot read the file ${path}: ${why}` }),
  /** A file DTI Scorer cannot read as a workbook: damaged, cut short, or written by another program in a way not read. */
  notXlsx: (path: string): Message => ({
    vi: `Tệp ${path} không phải sổ làm việc Excel (.xlsx) đọc được. Có thể tệp bị hỏng, chưa tải xong, hoặc do một chương trình khác ghi theo cách DTI Scorer chưa đọc được: hãy mở tệp trong Excel hoặc LibreOffice Calc rồi lưu lại dạng .xlsx (Sổ làm việc Excel).`,
    en: `The file ${path} is not a readable Excel workbook (.xlsx). It may be damaged, not fully downloaded, or written by another program in a way DTI Scorer cannot read: open it in Excel or LibreOffice Calc and save it as .xlsx (Excel Workbook).`,
  }),
  /** The kinds of file below given a name of another kind (`ext`: ".xlsx", ".csv", ".xls"…, as the name ends). */
  xlsNamedXlsx: (path: string, ext = ".xlsx"): Message => ({
    vi: `Tệp ${path} là sổ làm việc Excel 97–2003 (.xls) mang tên ${ext} nên không đọc được; hãy mở trong Excel hoặc LibreOffice Calc và lưu lại dạng .xlsx.`,
    en: `The file ${path} is an Excel 97–2003 workbook (.xls) named ${ext}, so it cannot be read; open it in Excel or LibreOffice Calc and save it as .xlsx.`,
  }),
  /** An OpenDocument spreadsheet (a zip whose first entry, "mimetype", says so) given the name of an .xlsx file. */
  odsNamedXlsx: (path: string, ext = ".xlsx"): Message => ({
    vi: `Tệp ${path} là bảng tính OpenDocument (.ods) mang tên ${ext} nên không đọc được; hãy mở trong LibreOffice Calc và lưu lại dạng .xlsx.`,
    en: `The file ${path} is an OpenDocument spreadsheet (.ods) named ${ext}, so it cannot be read; open it in LibreOffice Calc and save it as .xlsx.`,
  }),
  markupNamedXlsx: (path: string, ext = ".xlsx"): Message => ({
    vi: `Tệp ${path} là trang web (HTML) hoặc tệp XML mang tên ${ext} (như tệp "xuất ra Excel" của nhiều phần mềm) nên không đọc được; hãy mở trong Excel và lưu lại dạng .xlsx (Sổ làm việc Excel).`,
    en: `The file ${path} is a web page (HTML) or an XML file named ${ext} (as many programs' "export to Excel" write), so it cannot be read; open it in Excel and save it as .xlsx (Excel Workbook).`,
  }),
  csvNamedXlsx: (path: string, ext = ".xlsx"): Message => ({
    vi: `Tệp ${path} là bảng văn bản (CSV) mang tên ${ext} nên không đọc được như sổ làm việc; hãy đổi đuôi tên tệp thành .csv, hoặc mở trong Excel và lưu lại dạng .xlsx.`,
    en: `The file ${path} is a table of text (CSV) named ${ext}, so it cannot be read as a workbook; rename it to .csv, or open it in Excel and save it as .xlsx.`,
  }),
  /** A file named as a table of text (.csv) that is not text: a binary file of a kind not told apart. */
  notText: (path: string, ext: string): Message => ({
    vi: `Tệp ${path} mang tên ${ext} nhưng không phải bảng văn bản (CSV) nên không đọc được; hãy mở tệp bằng chương trình đã tạo ra nó và lưu lại dạng .xlsx hoặc CSV UTF-8.`,
    en: `The file ${path} is named ${ext} but is not a table of text (CSV), so it cannot be read; open it in the program that made it and save it as .xlsx or CSV UTF-8.`,
  }),
  /** `formsOnly`: for collect, which reads workbooks of forms only. */
  unknownExtension: (path: string, ext: string, formsOnly = false): Message => {
    const kind = OTHER_SPREADSHEETS[ext.toLowerCase()];
    if (kind) {
      return {
        vi: `Tệp ${path} (${kind.vi}) không đọc được; hãy mở trong ${typeof kind.app === "string" ? kind.app : kind.app.vi} và lưu lại dạng .xlsx.`,
        en: `The file ${path} (${kind.en}) cannot be read; open it in ${typeof kind.app === "string" ? kind.app : kind.app.en} and save it as .xlsx.`,
      };
    }
    if (formsOnly) {
      return {
        vi: `Tệp ${path} không đọc được: lệnh collect chỉ đọc sổ làm việc Excel (${WORKBOOK_EXTENSIONS.join(", ")}); hãy lưu lại tệp ở dạng .xlsx.`,
        en: `The file ${path} cannot be read: the collect command reads only Excel workbooks (${WORKBOOK_EXTENSIONS.join(", ")}); save the file as .xlsx.`,
      };
    }
    return {
      vi: `Tệp ${path} không đọc được: chỉ đọc sổ làm việc Excel (${WORKBOOK_EXTENSIONS.join(", ")}) hoặc bảng văn bản (${TABLE_EXTENSIONS.join(", ")}); hãy lưu lại tệp ở một trong các dạng đó.`,
      en: `The file ${path} cannot be read: only Excel workbooks (${WORKBOOK_EXTENSIONS.join(", ")}) and tables of text (${TABLE_EXTENSIONS.join(", ")}) are read; save the file in one of those formats.`,
    };
  },
  outNotXlsx: (cmd: string, out: string): Message => ({
    vi: `Lệnh ${cmd} ghi sổ làm việc Excel nên --out phải là tên tệp .xlsx, không phải "${out}".`,
    en: `The ${cmd} command writes an Excel workbook, so --out must name an .xlsx file, not "${out}".`,
  }),
  outIsInput: (option: "--out" | "--json", path: string): Message => {
    const other = option === "--out" ? { vi: "một tên tệp .xlsx khác", en: "another .xlsx file name" } : { vi: "một tên tệp khác", en: "another file name" };
    return {
      vi: `${option} ${path} là tệp đầu vào, ghi vào đó sẽ làm mất số liệu; hãy chọn ${other.vi}.`,
      en: `${option} ${path} is an input file and writing it would destroy its data; choose ${other.en}.`,
    };
  },
  jsonIsOut: (path: string): Message => ({
    vi: `--json và --out cùng chỉ tệp ${path}; hãy chọn hai tên tệp khác nhau.`,
    en: `--json and --out name the same file ${path}; choose two different file names.`,
  }),
  /** --index names a .json file that is not there but is the name of a built-in's file (`hdi.json`). */
  indexFileMissingBuiltin: (path: string, id: string): Message => ({
    vi: `Không tìm thấy tệp ${path}. Bộ chỉ số có sẵn lưu trong tệp cùng tên dùng được bằng --index ${id}.`,
    en: `File ${path} not found. The built-in index kept in a file of that name is used with --index ${id}.`,
  }),
  /** `like`: the one built-in whose id or file name holds what was given, asked about first. */
  unknownIndex: (what: string, ids: string[], like?: string): Message => ({
    vi: `Không có tệp hay bộ chỉ số có sẵn nào tên "${what}".${like ? ` Có phải là --index ${like}?` : ""} Bộ có sẵn: ${ids.join(", ")}.`,
    en: `There is no file or built-in index called "${what}".${like ? ` Did you mean --index ${like}?` : ""} Built-in: ${ids.join(", ")}.`,
  }),
  /**
   * --index names a file that is no definition at all: an Excel workbook ("workbook": a zip
   * package of a workbook, or an .xls compound file) or another binary file ("binary"). `missing`:
   * the command run, when the input it takes (its workbook or table; template's --units) was not
   * given, so that a workbook given to --index instead is said to go there. When that input was
   * given, only what --index takes is said: swapping the two would score (or check) the file given
   * to --index, a blank template as often as not.
   */
  indexNotDefinition: (path: string, what: "workbook" | "binary", missing?: "score" | "validate" | "collect" | "template"): Message => {
    const arg = shellArg(path);
    const is =
      what === "workbook"
        ? { vi: `Tệp ${path} (--index) là sổ làm việc Excel, không phải tệp định nghĩa bộ chỉ số`, en: `The file ${path} (--index) is an Excel workbook, not an index definition file` }
        : { vi: `Tệp ${path} (--index) không phải tệp văn bản nên không phải tệp định nghĩa bộ chỉ số`, en: `The file ${path} (--index) is not a text file, so it is not an index definition file` };
    const takes = {
      vi: "--index nhận tệp định nghĩa bộ chỉ số (.json) hoặc mã bộ chỉ số có sẵn (xem dti-scorer indices)",
      en: "--index takes an index definition file (.json) or a built-in id (see dti-scorer indices)",
    };
    const instead: Message | undefined =
      what !== "workbook" || missing === undefined
        ? undefined
        : missing === "template"
          ? {
              vi: ` Danh sách đơn vị (.csv hoặc .xlsx) thì ghi sau --units: dti-scorer template --index <tệp.json | mã có sẵn> --units ${arg} --out <phiếu.xlsx>.`,
              en: ` A list of units (.csv or .xlsx) goes after --units: dti-scorer template --index <file.json | built-in id> --units ${arg} --out <forms.xlsx>.`,
            }
          : missing === "collect"
            ? {
                vi: ` Các sổ cần tổng hợp ghi ngay sau tên lệnh: dti-scorer collect ${arg} … --out <tổng-hợp.xlsx>.`,
                en: ` The workbooks to collect go right after the command: dti-scorer collect ${arg} … --out <all.xlsx>.`,
              }
            : missing === "validate"
              ? { vi: ` Để kiểm tra sổ làm việc, ghi sổ ngay sau tên lệnh: dti-scorer validate ${arg}.`, en: ` To check a workbook, give it right after the command: dti-scorer validate ${arg}.` }
              : {
                  vi: ` Sổ làm việc cần chấm ghi ngay sau tên lệnh: dti-scorer score ${arg} --index <tệp.json | mã có sẵn>.`,
                  en: ` The workbook to score goes right after the command: dti-scorer score ${arg} --index <file.json | built-in id>.`,
                };
    return { vi: `${is.vi}: ${takes.vi}.${instead?.vi ?? ""}`, en: `${is.en}: ${takes.en}.${instead?.en ?? ""}` };
  },
  /** A table of text (`ext`: .csv, .txt, .tsv) given to collect, which collects workbooks of forms. */
  tableNotForms: (path: string, ext: string): Message => {
    const arg = shellArg(path);
    return {
      vi: `Tệp ${path} là bảng văn bản (${ext}), không phải sổ phiếu: lệnh collect tổng hợp các sổ phiếu của đơn vị (.xlsx, mỗi đơn vị một trang tính như lệnh template tạo); một bảng mỗi đơn vị một dòng thì chấm trực tiếp, không cần tổng hợp: dti-scorer score ${arg} --index <tệp.json | mã có sẵn>.`,
      en: `The file ${path} is a table of text (${ext}), not a workbook of forms: the collect command collects units' workbooks of forms (.xlsx, one sheet per unit, as the template command makes them); a table with a row per unit is scored directly, with no collecting: dti-scorer score ${arg} --index <file.json | built-in id>.`,
    };
  },
  invalidDefinition: (path: string, detail: string): Message => ({
    vi: `Định nghĩa bộ chỉ số ${path} không hợp lệ: ${detail}`,
    en: `The index definition ${path} is not valid: ${detail}`,
  }),
  /**
   * score --out with --index a definition of the id and version of the one the workbook keeps in
   * `_index` (`kept`: "id@version"), but of other content: the written workbook keeps the one given.
   */
  definitionReplaced: (kept: string, spec: string): Message => ({
    vi: `Định nghĩa bộ chỉ số lưu trong sổ (${kept}) được thay bằng định nghĩa của --index ${spec}: cùng mã và phiên bản nhưng nội dung khác.`,
    en: `The index definition kept in the workbook (${kept}) is replaced by the one given to --index ${spec}: the same id and version, but other content.`,
  }),
  needIndex: (cmd: string): Message => ({ vi: `Lệnh ${cmd} cần --index <tệp.json | mã có sẵn>.`, en: `The ${cmd} command needs --index <file.json | built-in id>.` }),
  needUnits: { vi: "Lệnh template cần --units <đơn-vị.csv>.", en: "The template command needs --units <units.csv>." },
  needOut: (cmd: string): Message => ({ vi: `Lệnh ${cmd} cần --out <tệp.xlsx>.`, en: `The ${cmd} command needs --out <file.xlsx>.` }),
  needFiles: { vi: "Lệnh collect cần ít nhất một tệp .xlsx để tổng hợp.", en: "The collect command needs at least one .xlsx file to collect." },
  unitsEmpty: (path: string): Message => ({
    vi: `Tệp danh sách đơn vị ${path} không có đơn vị nào (cần cột Mã đơn vị và Đơn vị, mỗi dòng một đơn vị).`,
    en: `The units file ${path} lists no unit (it needs Unit code and Unit columns, one unit a line).`,
  }),
  /**
   * A units file whose first line (the header line, as read) names no unit column: most often a
   * list without a header line, its first unit taken for one. The line is quoted (`first`, its
   * fields; shortened when long), and the header line to add is shown as the file would hold it: a
   * CSV file's with its own separator (`delimiter`), a workbook's as the cells of the first row of
   * its first sheet (`sheet`); with as many columns as the units' lines have (`width`), up to three:
   * code, name, category.
   */
  unitsNoColumn: (path: string, first: readonly string[], where: { delimiter: string } | { sheet: string }, width: number = first.length): Message => {
    const fields = [...first];
    while (fields.length > 0 && fields[fields.length - 1]!.trim() === "") fields.pop();
    const n = Math.max(1, Math.min(3, width));
    const header = { vi: ["Mã đơn vị", "Đơn vị", "Nhóm"], en: ["Unit code", "Unit", "Category"] };
    const columns = (lang: "vi" | "en"): string[] => (n === 1 ? [header[lang][1]!] : header[lang].slice(0, n));
    const noColumn = { vi: `Tệp danh sách đơn vị ${path} không có cột "Đơn vị" (hoặc "Unit")`, en: `The units file ${path} has no "Unit" (or "Đơn vị") column` };
    if ("sheet" in where) {
      const shown = fields.slice(0, 5).map((f) => `"${shorten(f.trim(), 30)}"`);
      const cells = [...shown, ...(fields.length > 5 ? ["…"] : [])].join(", ");
      const row = (lang: "vi" | "en"): string => columns(lang).map((c) => `"${c}"`).join(", ");
      if (fields.length === 0) {
        return {
          vi: `${noColumn.vi}: dòng 1 của trang tính '${where.sheet}' để trống nhưng được đọc làm dòng tiêu đề. Hãy xóa dòng trống ở đầu trang tính; nếu trang tính chưa có dòng tiêu đề, hãy ghi vào dòng 1 tên các cột, mỗi tên một ô: ${row("vi")}.`,
          en: `${noColumn.en}: row 1 of sheet '${where.sheet}' is blank but is taken as the header row. Delete the blank row at the top of the sheet; if the sheet has no header row, write the columns' names in row 1, one a cell: ${row("en")}.`,
        };
      }
      return {
        vi: `${noColumn.vi}: dòng 1 của trang tính '${where.sheet}' (${cells}) được đọc làm dòng tiêu đề. Nếu trang tính đã có dòng tiêu đề, hãy đặt tên cột tên đơn vị là "Đơn vị"; nếu chưa có, hãy chèn lên trên một dòng ghi tên các cột, mỗi tên một ô: ${row("vi")}.`,
        en: `${noColumn.en}: row 1 of sheet '${where.sheet}' (${cells}) was taken as the header row. If the sheet has a header row, name the column of the units' names "Unit"; if it has none, insert one above with the columns' names, one a cell: ${row("en")}.`,
      };
    }
    const sep = where.delimiter;
    const line = shorten(fields.join(sep), 60);
    if (fields.length === 0) {
      return {
        vi: `${noColumn.vi}: dòng đầu của tệp để trống nhưng được đọc làm dòng tiêu đề. Hãy xóa dòng trống ở đầu tệp; nếu tệp chưa có dòng tiêu đề, hãy ghi vào đó dòng tiêu đề: ${columns("vi").join(sep)}`,
        en: `${noColumn.en}: its first line is blank but is taken as the header line. Delete the blank line at the top of the file; if the file has no header line, write this one there: ${columns("en").join(sep)}`,
      };
    }
    return {
      vi: `${noColumn.vi}: dòng đầu của tệp, "${line}", được đọc làm dòng tiêu đề. Nếu tệp đã có dòng tiêu đề, hãy đặt tên cột tên đơn vị là "Đơn vị"; nếu chưa có, hãy thêm lên đầu tệp dòng tiêu đề: ${columns("vi").join(sep)}`,
      en: `${noColumn.en}: its first line, "${line}", was taken as the header line. If the file has a header line, name the column of the units' names "Unit"; if it has none, add this header line at its top: ${columns("en").join(sep)}`,
    };
  },
  /** The pane says the same of its list of units (categoryIgnoredMessage), as a warning of its own. */
  categoryIgnored: (path: string): Message => {
    const said = categoryIgnoredMessage({ vi: path, en: path });
    const lower = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
    return { vi: `Cảnh báo: ${lower(said.vi)}`, en: `Warning: ${lower(said.en)}` };
  },
  /** `known`: the index's unit categories by name, in both languages. */
  unknownCategories: (path: string, n: number, known: Message[]): Message => {
    const list = (lang: "vi" | "en"): string => known.map((k) => `"${k[lang]}"`).join(", ");
    return {
      vi: `Tệp danh sách đơn vị ${path} có ${n} dòng ghi loại đơn vị không có trong bộ chỉ số; hãy ghi một trong: ${list("vi")}. Chưa tạo phiếu nào.`,
      en: `The units file ${path} has ${n} line${n === 1 ? "" : "s"} with a unit category the index does not have; write one of: ${list("en")}. Nothing was written.`,
    };
  },
  unknownUnitCategory: (path: string, line: number, category: string): Message => ({
    vi: `${path}, dòng ${line}: loại đơn vị "${category}" không có trong bộ chỉ số.`,
    en: `${path}, line ${line}: the unit category "${category}" is not in the index.`,
  }),
  /** A unit whose category is left blank in an index that has categories; `known`: the categories by name, in both languages. */
  unitWithoutCategory: (path: string, line: number, name: string, known: Message[]): Message => {
    const list = (lang: "vi" | "en"): string => known.map((k) => `"${k[lang]}"`).join(", ");
    return {
      vi: `${path}, dòng ${line}: đơn vị "${name}" chưa ghi loại đơn vị (ô loại đơn vị để trống). Trên phiếu của đơn vị này, các dòng chỉ áp dụng cho một số loại đơn vị sẽ để nền xám và không được tính; đơn vị này không được xếp hạng trong loại nào. Nếu cần, hãy ghi một trong: ${list("vi")} rồi tạo lại phiếu.`,
      en: `${path}, line ${line}: the unit "${name}" has no category (its category is blank). On this unit's form, rows that apply only to some categories are shaded grey and not counted; the unit is not ranked within any category. If it needs one, write one of: ${list("en")} and make the forms again.`,
    };
  },
  /** Lines of a units CSV with more fields than its header line: a name with the delimiter, not quoted. */
  unitsWideLines: (path: string, n: number): Message => ({
    vi: `Tệp danh sách đơn vị ${path} có ${n} dòng nhiều cột hơn dòng tiêu đề; chưa tạo phiếu nào.`,
    en: `The units file ${path} has ${n} line${n === 1 ? "" : "s"} with more fields than the header line; nothing was written.`,
  }),
  unitsWideLine: (path: string, line: number, fields: number, header: number, delimiter: string): Message => wideRowMessage(path, { line, fields, header }, delimiter),
  /**
   * `named`: every clash is of lines without a code, whose units are known by their names (the
   * reader's key): then it is a name given to more than one unit, as the pane says (unitsSameName).
   */
  sameUnitCodes: (path: string, n: number, named = false): Message =>
    named
      ? {
          vi: `Tệp danh sách đơn vị ${path} có ${n} tên đơn vị ghi cho nhiều đơn vị không có mã; đơn vị không có mã được nhận diện theo tên, nên phiếu trùng tên sẽ không được chấm và chưa tạo phiếu nào. Hãy đặt cho mỗi đơn vị một tên riêng, hoặc ghi mã đơn vị.`,
          en: `The units file ${path} has ${n} unit name${n === 1 ? "" : "s"} given to more than one unit without a code; a unit without a code is known by its name, so a form of a name already taken would not be scored, and nothing was written. Give each unit a name of its own, or a unit code.`,
        }
      : {
          vi: `Tệp danh sách đơn vị ${path} có ${n} mã đơn vị ghi cho nhiều đơn vị; phiếu trùng mã sẽ không được chấm, nên chưa tạo phiếu nào. Hãy cho mỗi đơn vị một mã riêng.`,
          en: `The units file ${path} has ${n} unit code${n === 1 ? "" : "s"} given to more than one unit; a form with a code already taken would not be scored, so nothing was written. Give each unit a code of its own.`,
        },
  /**
   * `uncoded`: the lines without a code, whose unit is known by its name (the reader's key): with
   * every line uncoded the clash is a name given twice.
   */
  sameUnitCode: (path: string, code: string, lines: number[], uncoded: number[]): Message => {
    if (uncoded.length === lines.length)
      return {
        vi: `${path}, dòng ${listVi(lines)}: cùng tên đơn vị "${code}" và không ghi mã (đơn vị không có mã được nhận diện theo tên).`,
        en: `${path}, lines ${listEn(lines)}: the same unit name "${code}" and no code (a unit without a code is known by its name).`,
      };
    return {
      vi:
        `${path}, dòng ${listVi(lines)}: cùng mã đơn vị "${code}".` +
        (uncoded.length > 0 ? ` Dòng ${listVi(uncoded)} không ghi mã nên đơn vị được nhận diện theo tên, trùng với mã đó.` : ""),
      en:
        `${path}, lines ${listEn(lines)}: the same unit code "${code}".` +
        (uncoded.length > 0
          ? ` Line${uncoded.length === 1 ? "" : "s"} ${listEn(uncoded)} give${uncoded.length === 1 ? "s" : ""} no code, so the unit is known by its name, which is that code.`
          : ""),
    };
  },
  cannotWrite: (path: string, why: string): Message => ({ vi: `Không ghi được tệp ${path}: ${why}`, en: `Cannot write the file ${path}: ${why}` }),
  /**
   * --out (or --json, `option`) names a file that is there and is not what the command may replace
   * (see checkOutReplaceable, checkJsonReplaceable): it is not replaced.
   */
  outWouldReplace: (out: string, what: OutContent, option: "--out" | "--json" = "--out"): Message => {
    const is =
      typeof what === "object"
        ? "filled" in what
          ? { vi: `có phiếu đã được nhập nội dung (trang '${what.filled}', ô ${what.cell})`, en: `holds a form something was typed into (sheet '${what.filled}', cell ${what.cell})` }
          : { vi: `có trang '${what.extra}' không do lệnh template tạo ra`, en: `holds a sheet '${what.extra}' that the template command did not make` }
        : {
            "not-workbook": { vi: "không phải sổ làm việc Excel", en: "is not an Excel workbook" },
            "not-scored": { vi: "là một sổ làm việc không do dti-scorer chấm điểm (không có trang _index)", en: "is a workbook dti-scorer did not score (it has no _index sheet)" },
            scored: { vi: "là một sổ đã chấm điểm (có trang _index)", en: "is a scored workbook (it has the _index sheet)" },
            "not-template": { vi: "không phải bộ phiếu trống do lệnh template tạo ra", en: "is not a blank set of forms made by the template command" },
            "not-json": { vi: "không phải tệp JSON", en: "is not a JSON file" },
            "not-our-json": {
              vi: "là tệp JSON không do dti-scorer ghi ra (không phải kết quả của score, validate hay indices --json; có thể là tệp định nghĩa bộ chỉ số)",
              en: "is a JSON file dti-scorer did not write (not the output of score, validate or indices --json; it may be an index definition)",
            },
          }[what];
    return {
      vi: `Tệp ${out} (${option}) đã có sẵn và ${is.vi}; ghi đè sẽ làm mất nội dung của nó. Hãy chọn tên tệp khác cho ${option}, hoặc xóa tệp đó trước.`,
      en: `${out} (${option}) already exists and ${is.en}; writing over it would lose what it holds. Choose another ${option} file name, or delete that file first.`,
    };
  },
  /**
   * `score --out` names a scored workbook (not the input) that holds what this run would lose:
   * figures changed in it since it was scored (`changed`: the units, as the stale report names
   * them; scoring that workbook itself keeps them), units this run's input does not have (`units`,
   * named or counted when many), or sheets the user added that the new workbook will not have
   * (`sheets`). Names are quoted: a unit's name may hold a comma ("Sở Văn hóa, Thể thao và Du lịch").
   */
  outWouldLose: (out: string, what: { changed: string[] } | { units: string[] } | { sheets: string[] }): Message => {
    const arg = shellArg(out);
    const elsewhere = {
      vi: `hãy xóa tệp đó trước, hoặc chọn tên tệp khác cho --out.`,
      en: `delete that file first, or choose another --out file name.`,
    };
    if ("changed" in what) {
      const n = what.changed.length;
      const held =
        n === 0
          ? { vi: "có số liệu đã thay đổi từ lần chấm điểm", en: "holds figures changed since it was scored" }
          : {
              vi: `có ${n} đơn vị đã thay đổi từ lần chấm điểm (${unitList(what.changed, "vi")})`,
              en: `holds ${n} unit${n === 1 ? "" : "s"} changed since it was scored (${unitList(what.changed, "en")})`,
            };
      return {
        vi: `Tệp ${out} (--out) là sổ đã chấm điểm và ${held.vi}: ghi đè sẽ làm mất những thay đổi đó; hãy chấm điểm chính sổ đó (dti-scorer score ${arg} --out ${arg}), hoặc chọn tên tệp khác cho --out.`,
        en: `${out} (--out) is a scored workbook that ${held.en}: writing over it would lose ${n === 1 ? "that change" : "those changes"}; score that workbook itself (dti-scorer score ${arg} --out ${arg}), or choose another --out file name.`,
      };
    }
    if ("units" in what) {
      const n = what.units.length;
      return {
        vi: `Tệp ${out} (--out) là sổ đã chấm điểm và có ${n} đơn vị không có trong tệp đầu vào của lần chấm này (${unitList(what.units, "vi")}): ghi đè sẽ làm mất ${n === 1 ? "đơn vị đó" : "các đơn vị đó"}. Nếu đúng là như vậy (đơn vị đã bỏ, đã gộp hoặc đã đổi mã), ${elsewhere.vi}`,
        en: `${out} (--out) is a scored workbook that holds ${n} unit${n === 1 ? "" : "s"} that this run's input does not have (${unitList(what.units, "en")}): writing over it would lose ${n === 1 ? "it" : "them"}. If that is meant (a unit removed, merged, or its code changed), ${elsewhere.en}`,
      };
    }
    const n = what.sheets.length;
    // Quoted as the findings quote a sheet ('Sở Y tế'); a unit's name, above, in double quotes.
    const sheets = (lang: "vi" | "en"): string => (lang === "vi" ? listVi : listEn)(what.sheets.map((x) => `'${x}'`));
    return {
      vi: `Tệp ${out} (--out) là sổ đã chấm điểm và có ${n === 1 ? "trang" : `${n} trang`} ${sheets("vi")} không do dti-scorer tạo, mà sổ ghi mới sẽ không có: ghi đè sẽ làm mất ${n === 1 ? "trang đó" : "các trang đó"}; ${elsewhere.vi}`,
      en: `${out} (--out) is a scored workbook that holds ${n === 1 ? "a sheet" : `${n} sheets`} dti-scorer did not make (${sheets("en")}) that the new workbook will not have: writing over it would lose ${n === 1 ? "it" : "them"}; ${elsewhere.en}`,
    };
  },
  /** `score --out` is the input itself, and it holds macros (a VBA project) an .xlsx file written cannot keep. */
  outInPlaceMacros: (out: string): Message => ({
    vi: `Tệp ${out} có macro (dự án VBA). DTI Scorer ghi tệp .xlsx, không chứa được macro, nên ghi đè chính tệp này sẽ làm mất các macro đó. Hãy chọn tên tệp khác cho --out: tệp gốc giữ nguyên macro, và tệp mới có kết quả chấm điểm.`,
    en: `${out} has macros (a VBA project). DTI Scorer writes an .xlsx file, which cannot hold macros, so writing over this very file would lose them. Choose another --out file name: the original keeps its macros, and the new file has the scores.`,
  }),
  /** --out has the lock file Excel or LibreOffice keeps beside a workbook they have open. */
  outLocked: (out: string, lock: string): Message => ({
    vi: `Cảnh báo: có tệp khóa ${lock} bên cạnh ${out}, có thể ${out} đang được mở trong Excel hoặc LibreOffice; việc ghi có thể thất bại, hoặc bị mất khi chương trình đó lưu tệp. Hãy đóng tệp rồi chạy lại nếu cần.`,
    en: `Warning: the lock file ${lock} is beside ${out}, so ${out} seems to be open in Excel or LibreOffice; writing it may fail, or be lost when that program saves the file. Close it and run again if so.`,
  }),
  /** A file given to collect that is the lock file Excel or LibreOffice keeps while a workbook is open. */
  lockFile: (workbook: string, app: "Excel" | "LibreOffice"): Message => ({
    vi: `tệp khóa mà ${app} tạo ra khi sổ ${workbook} đang mở, không phải phiếu; đã bỏ qua.`,
    en: `the lock file ${app} keeps while the workbook ${workbook} is open, not a form; left out.`,
  }),
  /** Forms naming a built-in's id@version but made (by `template`) from another definition: it must be given. */
  formsOfAdaptedBuiltin: (id: string): Message => ({
    vi: `Các phiếu ghi bộ chỉ số ${id} nhưng được tạo từ một định nghĩa khác với bộ chỉ số có sẵn cùng mã và phiên bản (đã sửa nội dung): chấm bằng bộ chỉ số có sẵn sẽ sai. Hãy chỉ rõ tệp định nghĩa đã dùng để tạo phiếu: --index <tệp.json>.`,
    en: `The forms name the index ${id} but were made from a definition other than the built-in index of that id and version (its content was changed): scoring them with the built-in index would be wrong. Give the definition file the forms were made from: --index <file.json>.`,
  }),
  /** The workbook holds no index, none was given, and its forms name several: which, with how many forms each. */
  formsOfSeveralIndices: (named: { index: string; forms: number }[]): Message => {
    // Two versions of one index among them: the forms of the other version are read, by their rows' codes.
    const ids = named.map((n) => n.index.split("@")[0]!.trim().toLowerCase());
    const versions = new Set(ids).size < ids.length;
    const anotherIndex = new Set(ids).size > 1;
    const tail = {
      vi: [
        ...(versions ? ["phiếu của phiên bản khác của bộ chỉ số được chọn được đọc theo mã dòng, mỗi phiếu kèm một cảnh báo"] : []),
        ...(anotherIndex ? ["phiếu của bộ chỉ số khác sẽ được nêu và bỏ qua"] : []),
      ].join("; "),
      en: [
        ...(versions ? ["forms of another version of the index chosen are read by their rows' codes, each with a warning"] : []),
        ...(anotherIndex ? ["forms of another index are named and left out"] : []),
      ].join("; "),
    };
    return {
      vi: `Sổ chưa lưu bộ chỉ số và không có --index, mà các phiếu ghi ${named.length} bộ chỉ số khác nhau: ${named.map((n) => `${n.index} (${n.forms} phiếu)`).join(", ")}. Hãy chọn bộ chỉ số để chấm bằng --index <mã hoặc tệp.json>; ${tail.vi}.`,
      en: `The workbook holds no index and no --index was given, and its forms name ${named.length} different indices: ${named.map((n) => `${n.index} (${n.forms} ${n.forms === 1 ? "form" : "forms"})`).join(", ")}. Choose the index to score with --index <id or file.json>; ${tail.en}.`,
    };
  },
  /**
   * The workbook holds no index, none was given, and its forms name one that is not built in
   * (`index`, id@version as the forms write it): its definition file is needed. `builtinId`: a
   * built-in of the same id, of another version.
   */
  formsOfIndexNotBuiltin: (index: string, builtinId?: string): Message => ({
    vi: `Sổ chưa lưu bộ chỉ số và không có --index, mà các phiếu ghi bộ chỉ số ${index} (ô Bộ chỉ số), không phải một bộ chỉ số có sẵn${builtinId !== undefined ? ` (bộ có sẵn ${builtinId} là phiên bản khác)` : ""}. Hãy chỉ rõ tệp định nghĩa của bộ chỉ số đó, tệp đã dùng để tạo phiếu: --index <tệp.json>.`,
    en: `The workbook holds no index and no --index was given, and its forms name the index ${index} (their Index cell), which is not a built-in index${builtinId !== undefined ? ` (the built-in ${builtinId} is another version)` : ""}. Give that index's definition file, the one the forms were made from: --index <file.json>.`,
  }),
  indexFromForms: (id: string): Message => ({
    vi: `Sổ chưa lưu bộ chỉ số và không có --index: dùng bộ chỉ số có sẵn ${id} ghi trên các phiếu.`,
    en: `The workbook holds no index and no --index was given: using the built-in index ${id} named on the forms.`,
  }),
  /**
   * After the core's sentence that every form was made for another index: make new forms, or use
   * the forms' index — kept in the workbook (leave out --index), built in, or from its file.
   */
  formsOfAnotherIndexAdvice: (use: { kind: "embedded" } | { kind: "builtin"; id: string } | { kind: "file"; several: boolean }): Message => {
    const vi =
      use.kind === "embedded"
        ? "bỏ --index để dùng bộ chỉ số lưu trong sổ"
        : use.kind === "builtin"
          ? `--index ${use.id}`
          : use.several
            ? "--index với tệp định nghĩa (.json) của bộ chỉ số mà các phiếu được lập theo"
            : "--index với tệp định nghĩa (.json) của bộ chỉ số đó";
    const en =
      use.kind === "embedded"
        ? "leave out --index to use the one kept in the workbook"
        : use.kind === "builtin"
          ? `--index ${use.id}`
          : use.several
            ? "--index with the definition file (.json) of the index the forms were made for"
            : "--index with that index's definition file (.json)";
    return {
      vi: `Hãy lập phiếu mới cho bộ chỉ số đang dùng bằng lệnh template, hoặc dùng bộ chỉ số của các phiếu: ${vi}.`,
      en: `Make new forms for the index in use with the template command, or use the forms' index: ${en}.`,
    };
  },
  wrote: (path: string): Message => ({ vi: `Đã ghi ${path}`, en: `Wrote ${path}` }),
  /**
   * score --out with a --lang other than the language the workbook was last scored in (`before`):
   * the project's sheets (`sheets`, as this run named them) are now in `now`; the units' forms keep
   * their own language (their labels, summary and marks follow it).
   */
  sheetsLanguageChanged: (sheets: string[], before: Lang, now: Lang): Message => {
    const language = { vi: { vi: "tiếng Việt", en: "tiếng Anh" }, en: { vi: "Vietnamese", en: "English" } } as const;
    const quoted = sheets.map((s) => `'${s}'`);
    const one = sheets.length === 1;
    return {
      vi: `${one ? "Trang" : "Các trang"} ${listVi(quoted)} nay bằng ${language.vi[now]} theo --lang (lần chấm trước ghi bằng ${language.vi[before]}); phiếu của các đơn vị giữ ngôn ngữ của phiếu.`,
      en: `The ${listEn(quoted)} ${one ? "sheet is" : "sheets are"} now in ${language.en[now]}, as --lang asks (the last scoring wrote ${one ? "it" : "them"} in ${language.en[before]}); the units' forms keep their own language.`,
    };
  },
  /**
   * Under the table of `indices`: the folder the built-in definitions' JSON files are in (as the
   * JSON's "file" gives them), and how a province makes its own from one (README, "Writing your
   * own definition"), on two lines. `example`: a file of that folder.
   */
  indicesFolder: (folder: string, example: string): Message => ({
    vi: `Tệp định nghĩa (JSON) của các bộ chỉ số trên nằm trong thư mục ${shellArg(folder)}.\nĐể có bộ chỉ số của tỉnh, hãy sao chép tệp của bộ gần nhất với quyết định của tỉnh (ví dụ ${example}) thành tệp mới, đổi id, version và name rồi sửa theo quyết định, và dùng với --index <tệp.json>.`,
    en: `The definition files (JSON) of these indices are in the folder ${shellArg(folder)}.\nTo make your province's own, copy the file of the one closest to the province's decision (e.g. ${example}) to a new file, change its id, version and name, edit it to follow the decision, and give it with --index <file.json>.`,
  }),
  /**
   * `left`: what was left out of the scoring, as forms (a sheet of one unit) and as rows of a
   * table of units (a CSV file, a sheet of one row per unit). The units counted as the index calls
   * them (`unitLabel`: "Đã chấm điểm 5 tỉnh", as the results sheet's subtitle counts them).
   */
  scoredSummary: (n: number, ranked: number, left: { forms?: number; rows?: number } = {}, unitLabel?: LocalizedText): Message => {
    const forms = left.forms ?? 0;
    const rows = left.rows ?? 0;
    const vi = [...(forms > 0 ? [`${forms} phiếu`] : []), ...(rows > 0 ? [`${rows} dòng`] : [])].join(" và ");
    // Every unit ranked, none, or some: "Đã chấm điểm và xếp hạng 5 tỉnh.", "…; không tỉnh nào được xếp hạng.", "…, trong đó 3 được xếp hạng."
    const done = (lang: Lang): string => {
      const counted = unitCount(n, lang, unitLabel);
      if (n > 0 && ranked === n) return lang === "vi" ? `Đã chấm điểm và xếp hạng ${counted}.` : `Scored and ranked ${counted}.`;
      if (n > 0 && ranked === 0) return lang === "vi" ? `Đã chấm điểm ${counted}; không ${unitInTitle(unitLabel, "vi")} nào được xếp hạng.` : `Scored ${counted}, none ranked.`;
      return lang === "vi" ? `Đã chấm điểm ${counted}, trong đó ${ranked} được xếp hạng.` : `Scored ${counted}, ranked ${ranked}.`;
    };
    const en = [...(forms > 0 ? [`${forms} form${forms === 1 ? "" : "s"}`] : []), ...(rows > 0 ? [`${rows} row${rows === 1 ? "" : "s"}`] : [])].join(" and ");
    return {
      vi: `${done("vi")}${vi !== "" ? ` ${vi} chưa được chấm: xem các lỗi bên dưới.` : ""}`,
      en: `${done("en")}${en !== "" ? ` ${en} ${forms + rows === 1 ? "was" : "were"} not scored: see the errors below.` : ""}`,
    };
  },
  noIssues: { vi: "Không có lỗi hoặc cảnh báo nào.", en: "No errors or warnings." },
  /** After the first findings score prints: validate lists them all, and --json holds them all. */
  moreIssues: (n: number): Message => ({
    vi: `… và ${n} mục khác (xem đầy đủ bằng lệnh validate hoặc trong tệp --json).`,
    en: `… and ${n} more (the validate command lists them all; so does --json).`,
  }),
  findings: { vi: "Kết quả kiểm tra", en: "Findings" },
  /** `notXlsx`: every file was there but none is an .xlsx workbook that can be read. */
  noFileReadable: (n: number, notXlsx = true): Message =>
    n === 1
      ? notXlsx
        ? { vi: "Không đọc được tệp cần tổng hợp (không phải sổ làm việc .xlsx).", en: "The file to collect could not be read (not an .xlsx workbook)." }
        : { vi: "Không đọc được tệp cần tổng hợp.", en: "The file to collect could not be read." }
      : notXlsx
        ? {
            vi: `Không đọc được tệp nào trong ${n} tệp cần tổng hợp (không phải sổ làm việc .xlsx).`,
            en: `None of the ${n} files to collect could be read (not .xlsx workbooks).`,
          }
        : {
            vi: `Không đọc được tệp nào trong ${n} tệp cần tổng hợp; lý do từng tệp ở các dòng sau.`,
            en: `None of the ${n} files to collect could be read; the reason for each follows.`,
          },
  nothingCollected: (out: string): Message => ({
    vi: `Không có phiếu nào để tổng hợp nên không ghi ${out}. Lý do:`,
    en: `There is no form to collect, so ${out} was not written. Reasons:`,
  }),
  collected: (n: number, out: string): Message => ({ vi: `Đã tổng hợp ${n} phiếu vào ${out}.`, en: `Collected ${n} form${n === 1 ? "" : "s"} into ${out}.` }),
  took: (file: string, sheet: string, as: string): Message => ({
    vi: `  + ${file} › ${sheet}${as !== sheet ? ` → ${as}` : ""}`,
    en: `  + ${file} › ${sheet}${as !== sheet ? ` → ${as}` : ""}`,
  }),
  skippedHead: (n: number): Message => ({ vi: `Đã bỏ qua ${n} mục (trang tính hoặc tệp):`, en: `Left out ${n} ${n === 1 ? "sheet or file" : "sheets or files"}:` }),
  /** Blank forms of units whose filled form came in (or is in --out), counted in one line: every file a unit sends back holds them. */
  blankFormsSkipped: (n: number): Message => ({
    vi: `Đã bỏ qua ${n} phiếu trống của các đơn vị đã nộp phiếu có số liệu (tệp mỗi đơn vị gửi về có kèm cả bộ phiếu mẫu).`,
    en: n === 1 ? "Left out 1 blank form of a unit whose filled form came in (each unit sent back the whole template)." : `Left out ${n} blank forms of units whose filled form came in (each unit sent back the whole template).`,
  }),
  /** Blank forms of units nobody filled in, beyond the one each keeps, counted in one line. */
  blankAgainSkipped: (n: number): Message => ({
    vi: `Đã bỏ qua ${n} phiếu trống lặp lại của các đơn vị chưa có phiếu đã điền (mỗi đơn vị giữ một phiếu trống).`,
    en: n === 1 ? "Left out 1 repeated blank form of a unit with no filled form yet (one blank form of the unit is kept)." : `Left out ${n} repeated blank forms of units with no filled form yet (one blank form of each unit is kept).`,
  }),
  /** Nothing taken, and nothing wrong: --out already holds every unit's form the files hold. */
  nothingNew: (out: string): Message => ({
    vi: `Không có phiếu mới nào để tổng hợp: ${out} đã có phiếu của mọi đơn vị trong các tệp này nên không ghi lại.`,
    en: `Nothing new to collect: ${out} already holds the form of every unit in these files, so it was not written again.`,
  }),
  templateDone: (n: number, out: string): Message => ({ vi: `Đã tạo ${n} phiếu tự đánh giá trong ${out}.`, en: `Made ${n} self-assessment form${n === 1 ? "" : "s"} in ${out}.` }),
  unexpected: (why: string): Message => ({ vi: `Đã xảy ra lỗi: ${why}`, en: `Unexpected error: ${why}` }),
  /**
   * The command ran out of memory (launch.ts: its child process, given `heapMb` of heap, ended by
   * V8): the file (or files) it was given, with their size, the memory it had, and what to do:
   * split the file, or give Node.js more memory (twice as much, when the computer has it).
   */
  outOfMemory: (info: { files: readonly { path: string; bytes: number }[]; heapMb: number; totalMemMb: number }): Message => {
    const { files, heapMb, totalMemMb } = info;
    const largest = files.reduce<{ path: string; bytes: number } | undefined>((a, f) => (a === undefined || f.bytes > a.bytes ? f : a), undefined);
    const total = files.reduce((sum, f) => sum + f.bytes, 0);
    const heap = (lang: Lang) => sizeText(heapMb * 2 ** 20, lang);
    const what = (lang: Lang): string => {
      if (largest === undefined) return lang === "vi" ? "lệnh này" : "this command";
      if (files.length === 1) return lang === "vi" ? `tệp ${largest.path} (${sizeText(largest.bytes, "vi")})` : `the file ${largest.path} (${sizeText(largest.bytes, "en")})`;
      return lang === "vi"
        ? `${files.length} tệp (tổng cộng ${sizeText(total, "vi")}; lớn nhất là ${largest.path}, ${sizeText(largest.bytes, "vi")})`
        : `${files.length} files (${sizeText(total, "en")} in all; the largest ${largest.path}, ${sizeText(largest.bytes, "en")})`;
    };
    // Twice the memory, in whole GB, while that leaves the computer a quarter of its own.
    const more = Math.ceil((heapMb * 2) / 1024) * 1024;
    if (more <= totalMemMb * 0.75) {
      return {
        vi: `Không đủ bộ nhớ để xử lý ${what("vi")}: Node.js đã dùng hết ${heap("vi")} bộ nhớ được cấp. Hãy tách thành các tệp nhỏ hơn (ví dụ tách theo nhóm đơn vị) rồi chạy lệnh với từng tệp, hoặc cấp thêm bộ nhớ cho Node.js: đặt biến môi trường NODE_OPTIONS=--max-old-space-size=${more} rồi chạy lại.`,
        en: `Not enough memory for ${what("en")}: Node.js used up the ${heap("en")} of memory it was given. Split it into smaller files (by group of units, say) and run the command on each, or give Node.js more memory: set the environment variable NODE_OPTIONS=--max-old-space-size=${more} and run again.`,
      };
    }
    return {
      vi: `Không đủ bộ nhớ để xử lý ${what("vi")}: Node.js đã dùng hết ${heap("vi")} bộ nhớ được cấp, trong ${sizeText(totalMemMb * 2 ** 20, "vi")} bộ nhớ của máy. Hãy tách thành các tệp nhỏ hơn (ví dụ tách theo nhóm đơn vị) rồi chạy lệnh với từng tệp, hoặc chạy trên máy có nhiều bộ nhớ hơn.`,
      en: `Not enough memory for ${what("en")}: Node.js used up the ${heap("en")} of memory it was given, of the computer's ${sizeText(totalMemMb * 2 ** 20, "en")}. Split it into smaller files (by group of units, say) and run the command on each, or run it on a computer with more memory.`,
    };
  },
};

/** "12,5 MB", "4 GB": a size as people read it, in the language's decimal sign. */
function sizeText(bytes: number, lang: Lang): string {
  const [n, unit] = bytes >= 2 ** 30 ? [bytes / 2 ** 30, "GB"] : [bytes / 2 ** 20, "MB"];
  return `${formatNumber(n, lang, n >= 100 ? 0 : 1).replace(/[,.]0$/, "")} ${unit}`;
}
