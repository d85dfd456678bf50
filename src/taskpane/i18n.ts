/**
 * Every string the task pane shows, in Vietnamese and English. Components never hold text of
 * their own: they call `t(lang, key, params)`. `{name}` placeholders are filled from params,
 * numbers formatted for the language.
 */
import { type Lang, type Message, formatNumber } from "../core/i18n/text";

export const STRINGS = {
  appTitle: { vi: "Chấm điểm DTI", en: "DTI Scorer" },
  modeExcel: { vi: "Trong Excel", en: "In Excel" },
  modeFile: { vi: "Tệp .xlsx", en: ".xlsx file" },
  language: { vi: "Ngôn ngữ giao diện", en: "Pane language" },
  languageVi: { vi: "Tiếng Việt", en: "Tiếng Việt" },
  languageEn: { vi: "English", en: "English" },
  steps: { vi: "Các bước", en: "Steps" },

  // Steps
  stepIndex: { vi: "Bộ chỉ số", en: "Index" },
  stepCollect: { vi: "Thu thập", en: "Collect" },
  stepCheck: { vi: "Kiểm tra", en: "Check" },
  stepScore: { vi: "Chấm điểm", en: "Score" },
  stepCharts: { vi: "Biểu đồ", en: "Charts" },
  // Short labels the step tabs show at the pane's width; the full ones above are their names.
  stepIndexShort: { vi: "Chỉ số", en: "Index" },
  stepCollectShort: { vi: "Thu thập", en: "Collect" },
  stepCheckShort: { vi: "Kiểm tra", en: "Check" },
  stepScoreShort: { vi: "Chấm điểm", en: "Score" },
  stepChartsShort: { vi: "Biểu đồ", en: "Charts" },
  stepOf: { vi: "Bước {n}: {name}", en: "Step {n}: {name}" },

  // Workbook outside Excel
  fileIntro: {
    vi: "Đang chạy ngoài Excel: hãy chọn một sổ làm việc (.xlsx) để kiểm tra và chấm điểm ngay trên trình duyệt.",
    en: "Not running in Excel: choose an .xlsx workbook to check and score it in the browser.",
  },
  chooseWorkbook: { vi: "Chọn sổ làm việc (.xlsx)", en: "Choose a workbook (.xlsx)" },
  // The name of the region that holds the button above: not the button's own name, read twice otherwise.
  workbookRegion: { vi: "Sổ làm việc", en: "Workbook" },
  noWorkbook: { vi: "Chưa chọn sổ làm việc.", en: "No workbook chosen yet." },
  workbookOpened: { vi: "Sổ làm việc đang mở: {name}", en: "Working on: {name}" },
  workbookSheets: { vi: "{count} trang tính", en: "{count} sheets" },
  // The download is named by what the last write did to the workbook.
  downloadScored: { vi: "Tải xuống sổ đã chấm", en: "Download the scored workbook" },
  // Said after scoring or marking outside Excel ({link}: the download link's name, downloadScored or downloadMarked).
  downloadToKeep: {
    vi: "Sổ chỉ được lưu khi tải xuống: hãy bấm \"{link}\" để giữ kết quả.",
    en: "The work is saved only when the workbook is downloaded: use \"{link}\" to keep it.",
  },
  downloadMarked: { vi: "Tải xuống sổ đã đánh dấu", en: "Download the marked workbook" },
  downloadCleared: { vi: "Tải xuống sổ đã xóa đánh dấu", en: "Download the workbook without marks" },
  downloadCollected: { vi: "Tải xuống sổ đã tổng hợp phiếu", en: "Download the workbook with the collected forms" },
  // Asked before another workbook replaces one whose changes were not downloaded.
  unsavedReplace: {
    vi: "Những thay đổi trên sổ {name} chưa được tải xuống và sẽ mất nếu mở sổ khác. Vẫn mở sổ {other}?",
    en: "The changes to {name} have not been downloaded and are lost if another workbook is opened. Open {other} anyway?",
  },
  needWorkbook: { vi: "Hãy chọn sổ làm việc trước.", en: "Choose a workbook first." },
  // Why "Tạo phiếu" cannot run: no unit listed yet.
  templatesNeedUnits: { vi: "Hãy nhập hoặc mở danh sách đơn vị để tạo phiếu.", en: "Type or open a list of units to make forms." },

  // Index step
  indexTitle: { vi: "Bộ chỉ số dùng để chấm điểm", en: "The index to score with" },
  indexSource: { vi: "Lấy bộ chỉ số từ", en: "Take the index from" },
  sourceBuiltin: { vi: "Bộ chỉ số có sẵn", en: "A built-in index" },
  sourceFile: { vi: "Tệp JSON", en: "A JSON file" },
  sourceEmbedded: { vi: "Bộ chỉ số lưu trong sổ", en: "The workbook's own index" },
  builtinLabel: { vi: "Chọn bộ chỉ số", en: "Choose an index" },
  openJson: { vi: "Mở tệp định nghĩa (.json)", en: "Open a definition file (.json)" },
  // Beside the greyed option "Bộ chỉ số lưu trong sổ", while it cannot be chosen: why.
  embeddedNone: {
    vi: "Không chọn được \"Bộ chỉ số lưu trong sổ\": sổ làm việc này chưa được chấm điểm nên chưa lưu bộ chỉ số nào.",
    en: "\"The workbook's own index\" cannot be chosen yet: this workbook holds no index (a workbook keeps the index it is scored with).",
  },
  embeddedNoWorkbook: {
    vi: "Chưa chọn được \"Bộ chỉ số lưu trong sổ\": chưa mở sổ làm việc nào.",
    en: "\"The workbook's own index\" cannot be chosen yet: no workbook is open.",
  },
  embeddedFound: { vi: "Sổ làm việc lưu bộ chỉ số \"{name}\".", en: "The workbook holds the index \"{name}\"." },
  definitionInvalid: { vi: "Định nghĩa bộ chỉ số chưa hợp lệ:", en: "The index definition is not valid:" },
  // Said to a screen reader when a definition cannot be used: how many problems, and the first ({first}, a sentence).
  definitionInvalidSaid: {
    vi: "Định nghĩa bộ chỉ số chưa hợp lệ, có {count} lỗi. Lỗi đầu tiên: {first}",
    en: "The index definition is not valid: {count} problems. The first: {first}",
  },
  definitionLoaded: { vi: "Đang dùng: {name}", en: "In use: {name}" },
  // {id} is shown in a monospace font: it is a code, not words.
  definitionVersion: { vi: "Mã định danh: {id} · phiên bản {version}", en: "Identifier: {id} · version {version}" },
  // The summary of an index: its parts joined by commas; "at most … points" only when the index has a maximum.
  summaryGroups: { vi: "{count} nhóm chỉ số", en: "{count} indicator groups" },
  summaryIndicators: { vi: "{count} chỉ tiêu", en: "{count} indicators" },
  summaryMax: { vi: "tổng điểm tối đa {max}", en: "at most {max} points" },
  definitionTree: { vi: "Cấu trúc bộ chỉ số", en: "Structure of the index" },
  maxPoints: { vi: "{max} điểm", en: "{max} pts" },
  noDefinition: { vi: "Chưa chọn bộ chỉ số.", en: "No index chosen yet." },
  // Each step after the first, when the definition chosen (a JSON file) cannot be used: one sentence, and a button to step 1.
  definitionNotUsable: {
    vi: "Tệp định nghĩa {file} đã chọn chưa hợp lệ nên chưa dùng được: xem các lỗi ở bước 1 ({step}).",
    en: "The definition file chosen, {file}, is not valid, so it cannot be used: see its problems in step 1 ({step}).",
  },
  definitionNotUsableNoFile: {
    vi: "Định nghĩa bộ chỉ số đã chọn chưa hợp lệ nên chưa dùng được: xem các lỗi ở bước 1 ({step}).",
    en: "The index definition chosen is not valid, so it cannot be used: see its problems in step 1 ({step}).",
  },
  // A button that goes to a step: "Đến bước 1 (Chỉ số)".
  goToStep: { vi: "Đến bước {n} ({name})", en: "Go to step {n} ({name})" },
  indexFromForms: {
    vi: "Các phiếu trong sổ được lập theo bộ chỉ số \"{name}\" nên bộ chỉ số này được chọn.",
    en: "The forms in this workbook were made for the index \"{name}\", so that index is chosen.",
  },
  formsOfEditedBuiltin: {
    vi: "Các phiếu trong sổ được tạo từ một bản sửa của bộ chỉ số \"{name}\" (cùng mã và phiên bản nhưng chỉ tiêu hoặc điểm tối đa khác), không phải từ bộ chỉ số đang chọn. Hãy chọn \"Tệp JSON\" rồi mở chính tệp định nghĩa (.json) đã dùng để tạo phiếu, để kiểm tra và chấm điểm đúng theo phiếu.",
    en: "The forms in this workbook were made from an edited copy of the index \"{name}\" (same id and version, other indicators or maxima), not from the index chosen. Choose \"A JSON file\" and open the very definition file (.json) the forms were made from, so that checking and scoring follow the forms.",
  },
  indexFromWorkbook: {
    vi: "Sổ này đã được chấm theo bộ chỉ số \"{name}\" nên bộ chỉ số lưu trong sổ sẽ được sử dụng.",
    en: "This workbook was scored with the index \"{name}\", so the index it holds is used from now on.",
  },
  indexFromFormsNoEmbedded: {
    vi: "Sổ này chưa lưu bộ chỉ số nào nên không dùng được bộ chỉ số lưu trong sổ. Các phiếu trong sổ được lập theo bộ chỉ số \"{name}\" nên bộ chỉ số này được chọn.",
    en: "This workbook holds no index of its own yet. The forms in this workbook were made for the index \"{name}\", so that index is chosen.",
  },
  embeddedNoneChosen: {
    vi: "Sổ này chưa lưu bộ chỉ số nào nên không dùng được bộ chỉ số lưu trong sổ: đã chuyển sang bộ chỉ số có sẵn. Hãy kiểm tra bộ chỉ số được chọn.",
    en: "This workbook holds no index of its own yet, so its own index cannot be used: the pane went back to a built-in index. Check the index chosen.",
  },
  // The notice's button: it switches to the built-in index of the forms, which the notice names. Short:
  // a narrow pane shows it on one line, and the sentence above it says which index and in place of what.
  useBuiltinIndex: { vi: "Dùng bộ chỉ số của các phiếu", en: "Use the forms' index" },
  // {action}: the label of the button whose run offered the index (checkRun, scoreRun, importFiles…).
  indexSwitched: { vi: "Đã chọn bộ chỉ số \"{name}\". Hãy bấm lại \"{action}\".", en: "The index \"{name}\" is chosen. Press \"{action}\" again." },
  indexSwitchedNoAction: { vi: "Đã chọn bộ chỉ số \"{name}\". Hãy thực hiện lại thao tác vừa rồi với bộ chỉ số này.", en: "The index \"{name}\" is chosen. Do again what you just did, with this index." },
  // The Index step's button under "the forms were made for another index": that index is chosen.
  indexOfFormsChosen: { vi: "Đã chọn bộ chỉ số \"{name}\" của các phiếu trong sổ.", en: "The index of the workbook's forms, \"{name}\", is chosen." },

  // Collect step
  templatesTitle: { vi: "Tạo phiếu tự đánh giá", en: "Make self-assessment forms" },
  templatesHelp: {
    vi: "Mỗi dòng một đơn vị: mã; tên; loại đơn vị (mã và loại đơn vị có thể bỏ trống). Hoặc mở tệp CSV có cột Mã đơn vị, Đơn vị và cột Nhóm ghi loại đơn vị.",
    en: "One unit per line: code; name; unit category (code and category may be left out). Or open a CSV file with columns Unit code, Unit, Category.",
  },
  // An index without unit categories: nothing said of them.
  templatesHelpNoCategories: {
    vi: "Mỗi dòng một đơn vị: mã; tên (mã có thể bỏ trống). Hoặc mở tệp CSV có cột Mã đơn vị và Đơn vị.",
    en: "One unit per line: code; name (the code may be left out). Or open a CSV file with columns Unit code and Unit.",
  },
  // The closed line that opens to unitsFormats (or unitsFormatsNoCategories).
  unitsFormatsTitle: { vi: "Cách tách các phần trong mỗi dòng", en: "How each line is split into parts" },
  // How a line is split: the rule of state/units.ts parseUnitList, said to the user.
  unitsFormats: {
    vi: "Ngăn cách bằng dấu chấm phẩy, dấu tab (dán từ Excel) hoặc dấu phẩy. Tên có dấu phẩy thì đặt trong ngoặc kép hoặc dùng dấu chấm phẩy; ở dòng chỉ có dấu phẩy, phần đầu là mã khi là một từ viết hoa, có chữ số hoặc viết thường không dấu, phần cuối là loại đơn vị khi là một loại của bộ chỉ số, phần còn lại là tên. Dòng tiêu đề (Mã đơn vị, Đơn vị, Nhóm) cho biết thứ tự các cột của các dòng dưới nó.",
    en: "Separate with semicolons, tabs (pasted from Excel) or commas. Put a name with a comma in double quotes, or use semicolons; on a line of commas only, the first part is the code when it is one word in capitals, with a digit, or in small letters without diacritics, the last part the unit category when it is one of the index's, and the rest is the name. A header line (Unit code, Unit, Category) gives the order of the columns of the lines under it.",
  },
  // unitsFormats for an index without unit categories.
  unitsFormatsNoCategories: {
    vi: "Ngăn cách bằng dấu chấm phẩy, dấu tab (dán từ Excel) hoặc dấu phẩy. Tên có dấu phẩy thì đặt trong ngoặc kép hoặc dùng dấu chấm phẩy; ở dòng chỉ có dấu phẩy, phần đầu là mã khi là một từ viết hoa, có chữ số hoặc viết thường không dấu, phần còn lại là tên. Dòng tiêu đề (Mã đơn vị, Đơn vị) cho biết thứ tự các cột của các dòng dưới nó.",
    en: "Separate with semicolons, tabs (pasted from Excel) or commas. Put a name with a comma in double quotes, or use semicolons; on a line of commas only, the first part is the code when it is one word in capitals, with a digit, or in small letters without diacritics, and the rest is the name. A header line (Unit code, Unit) gives the order of the columns of the lines under it.",
  },
  unitsPreview: { vi: "Đọc được (mã · tên · loại đơn vị):", en: "Read as (code · name · unit category):" },
  unitsPreviewNoCategories: { vi: "Đọc được (mã · tên):", en: "Read as (code · name):" },
  // The list of units as the sentence "… the unit category column of {list} is ignored" (core's categoryIgnoredMessage) names it.
  unitsListIgnored: { vi: "danh sách đơn vị", en: "the list of units" },
  unitsCategories: { vi: "Các loại đơn vị của bộ chỉ số này: {list}.", en: "This index's unit categories: {list}." },
  unitsLabel: { vi: "Danh sách đơn vị", en: "List of units" },
  // The list's placeholder: a unit's code and name, of the kind of unit the index ranks (its unitLabel),
  // then (when the index has some) its first unit category.
  unitsExample: { vi: "01; Sở Nội vụ", en: "01; Department of Home Affairs" },
  unitsExampleDistrict: { vi: "H01; Huyện Mộc Châu", en: "D01; Moc Chau District" },
  unitsExampleProvince: { vi: "01; Hà Nội", en: "01; Ha Noi" },
  unitsExampleCountry: { vi: "VNM; Việt Nam", en: "VNM; Viet Nam" },
  unitsExampleOther: { vi: "01; Đơn vị A", en: "01; Unit A" },
  unitsCsv: { vi: "Mở danh sách từ tệp CSV", en: "Open the list from CSV" },
  unitsCount: { vi: "{count} đơn vị", en: "{count} units" },
  unitsNone: { vi: "Hãy nhập ít nhất một đơn vị.", en: "Enter at least one unit." },
  unitsUnknownCategory: {
    vi: "{count} đơn vị ghi loại đơn vị không có trong bộ chỉ số; hãy ghi một trong: {known}. Chưa tạo phiếu nào.",
    en: "{count} units name a unit category the index does not have; write one of: {known}. No form was made.",
  },
  unitWithoutCategory: {
    vi: "{unit}: chưa ghi loại đơn vị (ô loại đơn vị để trống). Trên phiếu của đơn vị này, các dòng chỉ áp dụng cho một số loại đơn vị sẽ để nền xám và không được tính; đơn vị này không được xếp hạng trong loại nào. Nếu cần, hãy ghi một trong: {known} rồi tạo lại phiếu.",
    en: "{unit}: no unit category (its category is blank). On this unit's form, rows that apply only to some categories are shaded grey and not counted; the unit is not ranked within any category. If it needs one, write one of: {known} and make the forms again.",
  },
  unitUnknownCategory: {
    vi: "{unit}: loại đơn vị \"{category}\" không có trong bộ chỉ số.",
    en: "{unit}: unit category \"{category}\" is not in the index.",
  },
  unitsSameCode: {
    vi: "{count} mã đơn vị được ghi cho nhiều đơn vị; phiếu trùng mã sẽ không được chấm. Chưa tạo phiếu nào.",
    en: "{count} unit codes are given to more than one unit; a form with a code already taken is not scored. No form was made.",
  },
  // Units without a code are known by their names: two of one name clash as two of one code do.
  unitsSameName: {
    vi: "{count} tên đơn vị được ghi cho nhiều đơn vị không có mã; phiếu trùng sẽ không được chấm. Chưa tạo phiếu nào.",
    en: "{count} unit names are given to more than one unit without a code; a form with a name already taken is not scored. No form was made.",
  },
  // The list's problems of more than one kind, said at once.
  unitsProblems: {
    vi: "Danh sách đơn vị có {count} chỗ cần sửa; loại đơn vị phải là một trong: {known}. Chưa tạo phiếu nào.",
    en: "The list of units has {count} things to put right; a unit category must be one of: {known}. No form was made.",
  },
  // "Dòng 2 (Sở A)" / "line 2 (Sở A)": a line of the list and its unit, as every problem of the list names it.
  unitAtLine: { vi: "dòng {line} ({name})", en: "line {line} ({name})" },
  unitSameCode: {
    vi: "{lines}: cùng mã đơn vị \"{code}\".",
    en: "{lines}: the same unit code \"{code}\".",
  },
  unitSameName: {
    vi: "{lines}: cùng tên đơn vị \"{code}\" và không ghi mã (đơn vị không có mã được nhận diện theo tên).",
    en: "{lines}: the same unit name \"{code}\" and no code (a unit without a code is known by its name).",
  },
  unitSameCodeUncoded: {
    vi: "{lines}: cùng mã đơn vị \"{code}\"; {uncoded} không ghi mã nên đơn vị được nhận diện theo tên, trùng với mã đó.",
    en: "{lines}: the same unit code \"{code}\"; {uncoded} gives no code, so the unit is known by its name, which is that code.",
  },
  unitsCsvNoName: {
    vi: "Tệp CSV {name} không có cột Đơn vị (hoặc Unit) nên chưa lấy đơn vị nào từ tệp; danh sách trong ô vẫn như trước.",
    en: "The CSV file {name} has no Unit (or Đơn vị) column, so no unit was taken from it; the list in the box is as it was.",
  },
  unitsCsvMoreWide: {
    vi: "Còn {count} dòng khác như vậy; chưa lấy đơn vị nào từ tệp.",
    en: "{count} more lines are like it; no unit was taken from the file.",
  },
  makeTemplates: { vi: "Tạo phiếu", en: "Make forms" },
  templatesMadeExcel: { vi: "Đã thêm {count} trang phiếu vào sổ.", en: "Added {count} form sheets to the workbook." },
  // In Excel: forms of units already in the workbook are not added again.
  templatesAlreadyThere: {
    vi: "Phiếu của {count} đơn vị đã có sẵn trong sổ nên không thêm lại.",
    en: "{count} units already have their forms in the workbook, so those were not added again.",
  },
  templatesNoneAlreadyThere: {
    vi: "Chưa thêm trang phiếu nào: sổ đã có sẵn phiếu của cả {count} đơn vị.",
    en: "No form sheet was added: the workbook already has the forms of these {count} units.",
  },
  templatesNoneAdded: {
    vi: "Chưa thêm được trang phiếu nào vào sổ, lý do ở dưới.",
    en: "No form sheet could be added to the workbook, for the reasons below.",
  },
  // An Excel that cannot insert sheets from another file: the forms come as a file to download, as outside Excel.
  templatesAsFile: {
    vi: "Phiên bản Excel này không thêm được trang phiếu vào sổ (cần {requirement}: Excel 2021 trở lên, Microsoft 365 hoặc Excel trên web), nên đã tạo tệp phiếu cho {count} đơn vị để tải xuống.",
    en: "This version of Excel cannot add form sheets to the workbook (it needs {requirement}: Excel 2021 or later, Microsoft 365 or Excel on the web), so a form file was made for {count} units to download instead.",
  },
  // Excel on iPad, which cannot insert sheets from another file whatever its version.
  templatesAsFileOnIpad: {
    vi: "Excel trên iPad không thêm được trang phiếu vào sổ (cần Excel trên Windows, Mac hoặc Excel trên web), nên đã tạo tệp phiếu cho {count} đơn vị để tải xuống.",
    en: "Excel on iPad cannot add form sheets to the workbook (it needs Excel on Windows, Mac or the web), so a form file was made for {count} units to download instead.",
  },
  templatesMadeFile: { vi: "Đã tạo tệp phiếu cho {count} đơn vị.", en: "Made a form file for {count} units." },
  // In Excel, a workbook whose forms are of another index than the one chosen: no form is added to it.
  templatesOtherIndexNone: {
    vi: "Chưa thêm phiếu nào vào sổ: một sổ chỉ chấm theo một bộ chỉ số.",
    en: "No form was added to the workbook: a workbook is scored on one index.",
  },
  templatesAsFileOr: {
    vi: "Hoặc tạo phiếu theo bộ chỉ số đang chọn thành một tệp riêng để tải xuống.",
    en: "Or make the forms of the index chosen as a file of their own, to download.",
  },
  // The button of that notice: the forms of the index chosen, as a file to download.
  templatesAsFileButton: { vi: "Tạo tệp phiếu để tải xuống", en: "Make a form file to download" },
  downloadTemplates: { vi: "Tải xuống tệp phiếu", en: "Download the forms" },
  // The step is "Thu thập" (Collect); what it does with the units' forms is "tổng hợp phiếu" (collect), as the command line says.
  importTitle: { vi: "Tổng hợp phiếu của các đơn vị", en: "Collect the units' forms" },
  importHelp: {
    vi: "Chọn các tệp .xlsx do các đơn vị gửi về; các trang phiếu sẽ được tổng hợp vào sổ đang mở.",
    en: "Choose the .xlsx files the units sent back: their form sheets are collected into the open workbook.",
  },
  importFiles: { vi: "Chọn tệp phiếu (.xlsx)", en: "Choose form files (.xlsx)" },
  // Beside the button above, disabled: this Excel cannot insert sheets from another file.
  importNeedsRequirement: {
    vi: "Phiên bản Excel này không tổng hợp được phiếu từ tệp khác (cần {requirement}: Excel 2021 trở lên, Microsoft 365 hoặc Excel trên web). Hãy mở sổ trong Excel trên web, hoặc tổng hợp phiếu bằng lệnh dti-scorer collect.",
    en: "This version of Excel cannot collect forms from other files (it needs {requirement}: Excel 2021 or later, Microsoft 365 or Excel on the web). Open the workbook in Excel on the web, or collect the forms with the dti-scorer collect command.",
  },
  importNeedsDesktop: {
    vi: "Excel trên iPad không tổng hợp được phiếu từ tệp khác. Hãy mở sổ trong Excel trên Windows, Mac hoặc Excel trên web, hoặc tổng hợp phiếu bằng lệnh dti-scorer collect.",
    en: "Excel on iPad cannot collect forms from other files. Open the workbook in Excel on Windows, Mac or the web, or collect the forms with the dti-scorer collect command.",
  },
  imported: { vi: "Đã tổng hợp {count} trang vào sổ: {names}", en: "Collected {count} sheets into the workbook: {names}" },
  // What came in names the first sheets; what needs a look is listed under it; blank forms left out are counted.
  moreSheets: { vi: "{names} và {count} trang khác", en: "{names} and {count} more" },
  importedToLookAt: { vi: "{count} mục cần xem lại:", en: "{count} items to look at:" },
  importedBlankSkipped: {
    vi: "{count} phiếu trống được bỏ qua vì đơn vị đã có phiếu",
    en: "{count} blank forms left out: their units already have a form",
  },
  importedAllSheets: { vi: "Xem cả {count} trang đã tổng hợp", en: "See all {count} sheets collected" },
  importedDuplicatesList: { vi: "Xem {count} trang bị bỏ qua", en: "See the {count} sheets left out" },
  importedNone: { vi: "Không tìm thấy trang phiếu nào trong các tệp đã chọn.", en: "No form sheet was found in the chosen files." },
  // When nothing came in, the headline says why, from the reasons each sheet or file was left out.
  importedNoneDuplicates: {
    vi: "Chưa tổng hợp trang nào: các phiếu trong các tệp đã chọn là của những đơn vị đã có trong sổ.",
    en: "No sheet was collected: the forms in the chosen files are of units already in the workbook.",
  },
  // Every form coming in is one the workbook already holds, the very same: nothing to do, nothing wrong.
  importedNoneSame: {
    vi: "Không có gì mới để tổng hợp: các phiếu trong các tệp đã chọn giống hệt các phiếu đã có trong sổ.",
    en: "Nothing new to collect: the forms in the chosen files are the very same as those already in the workbook.",
  },
  importedNoneUnreadable: {
    vi: "Chưa tổng hợp trang nào: không đọc được tệp nào trong các tệp đã chọn.",
    en: "No sheet was collected: none of the chosen files could be read.",
  },
  importedNoneMixed: {
    vi: "Chưa tổng hợp trang nào: mọi phiếu trong các tệp đã chọn đều bị bỏ qua, lý do ở dưới.",
    en: "No sheet was collected: every form in the chosen files was left out, for the reasons below.",
  },

  // Check step
  checkTitle: { vi: "Kiểm tra các phiếu", en: "Check the forms" },
  checkRun: { vi: "Kiểm tra số liệu", en: "Check the data" },
  // Beside the progress bar while a check is under way: stops it. Its name says what it stops.
  checkStop: { vi: "Dừng", en: "Stop" },
  checkStopName: { vi: "Dừng kiểm tra", en: "Stop checking" },
  // Once a check was stopped: the pane is as it was before it (checkStoppedKept: the findings of the check before are still shown).
  checkStopped: { vi: "Đã dừng kiểm tra số liệu.", en: "Checking the data was stopped." },
  checkStoppedKept: {
    vi: "Đã dừng kiểm tra số liệu; kết quả của lần kiểm tra trước vẫn được giữ.",
    en: "Checking the data was stopped; the findings of the last check are kept.",
  },
  checkIntro: {
    vi: "Đọc các phiếu trong sổ và liệt kê những chỗ cần xem lại.",
    en: "Reads the forms in the workbook and lists what needs attention.",
  },
  // {units}: the units counted as the index calls them (unitsCountText: "8 sở, ban, ngành"); {errors}, {warnings}, {infos}: countErrors, countWarnings, countInfos.
  checkSummary: { vi: "Đã kiểm tra {units}: {errors}, {warnings} và {infos}", en: "{units} checked: {errors}, {warnings} and {infos}" },
  // With forms (or rows) the reader left out, which are not among the units: {notScored}, checkNotScored.
  checkSummaryNotScored: {
    vi: "Đã kiểm tra {units} và {notScored}: {errors}, {warnings} và {infos}",
    en: "{units} checked and {notScored}: {errors}, {warnings} and {infos}",
  },
  // {counts}: formsCount and rowsCount joined by "và"/"and", as the command line counts them.
  checkNotScored: { vi: "{counts} chưa được chấm", en: "{counts} not scored" },
  formsCount: { vi: "{count} phiếu", en: "{count} forms" },
  rowsCount: { vi: "{count} dòng", en: "{count} rows" },
  checkClean: { vi: "Không có lỗi hoặc cảnh báo nào. Có thể chấm điểm.", en: "No findings. Ready to score." },
  severityError: { vi: "Lỗi", en: "Error" },
  severityWarning: { vi: "Cảnh báo", en: "Warning" },
  severityInfo: { vi: "Lưu ý", en: "Info" },
  countErrors: { vi: "{count} lỗi", en: "{count} errors" },
  countWarnings: { vi: "{count} cảnh báo", en: "{count} warnings" },
  // "1 info finding": "info" alone reads as a word cut short; "notes" are Excel's notes on cells.
  countInfos: { vi: "{count} lưu ý", en: "{count} info findings" },
  generalFindings: { vi: "Chung", en: "General" },
  // After a finding's sentence and its place, what its button does.
  goToThisCell: { vi: "Đi tới ô này.", en: "Go to this cell." },
  // Said once Excel has selected a finding's cell ({place}: 'Sở Y tế'!D39).
  cellSelected: { vi: "Đã chọn ô {place}.", en: "Selected cell {place}." },
  goToThisSheet: { vi: "Đi tới trang tính này.", en: "Go to this sheet." },
  clearMarks: { vi: "Xóa đánh dấu", en: "Clear marks" },
  cleared: { vi: "Đã xóa đánh dấu ở {count} ô.", en: "Cleared the marks on {count} cells." },
  clearedNone: { vi: "Không có ô nào được đánh dấu.", en: "There are no marks to clear." },
  markCells: { vi: "Đánh dấu ô cần xem lại", en: "Mark cells with issues" },
  marked: {
    vi: "Đã đánh dấu {count} ô cần xem lại; chưa ghi điểm vào sổ.",
    en: "Marked {count} cells with issues; no scores were written.",
  },
  markedNone: { vi: "Không có ô nào cần đánh dấu.", en: "No cell needs a mark." },
  filterLabel: { vi: "Hiển thị", en: "Show" },
  filterAll: { vi: "Tất cả", en: "All" },
  filterErrors: { vi: "Chỉ lỗi", en: "Errors only" },
  // "Errors only" with no error: what there is instead.
  filterNoErrorsWarnings: { vi: "Không có lỗi; chỉ có cảnh báo.", en: "No errors; only warnings." },
  filterNoErrorsInfos: { vi: "Không có lỗi; chỉ có lưu ý.", en: "No errors; only info findings." },
  filterNoErrorsBoth: { vi: "Không có lỗi; chỉ có cảnh báo và lưu ý.", en: "No errors; only warnings and info findings." },
  // Finding a unit among hundreds: by its name or code, whatever the case, the diacritics or how they were typed.
  // {units}: the units as the index calls them, with no count (unitWordText, plural): "tỉnh", "sở, ban, ngành" / "provinces".
  findUnit: { vi: "Tìm {units} (tên hoặc mã)", en: "Find {units} (name or code)" },
  findingKind: { vi: "Loại vấn đề", en: "Kind of finding" },
  // The first option of "Loại vấn đề": every kind, and how many findings in all.
  findingKindAll: { vi: "Mọi loại ({count})", en: "All kinds ({count})" },
  // {units}: how many units the search or the kind chosen leaves, as the index calls them (unitsCountText).
  findingsFound: { vi: "Tìm thấy {units}.", en: "Found {units}." },
  // Said after the severity or the kind of findings shown is changed: how many units the list holds.
  findingsListed: { vi: "Danh sách có {units}.", en: "The list holds {units}." },
  // A long list is drawn a part at a time: {shown} of {total} units.
  findingsShown: { vi: "Đang hiển thị {shown}/{total}.", en: "Showing {shown} of {total}." },
  findingsShowMore: { vi: "Hiển thị thêm {units}", en: "Show the next {units}" },
  // {unit}: a unit as the index calls it (unitWordText): "Không có tỉnh nào khớp với…" / "No province matches…".
  findingsNoMatch: { vi: "Không có {unit} nào khớp với \"{query}\".", en: "No {unit} matches \"{query}\"." },
  findingsNoneOfKind: { vi: "Không có mục nào khớp với lựa chọn ở trên.", en: "No finding matches the choices above." },
  // A step whose part of the pane is still being fetched (it is fetched in idle time once the pane opens).
  stepLoading: { vi: "Đang tải…", en: "Loading…" },
  // Forms (or rows of a table of units) the reader leaves out: they are not scored.
  checkLeftOutForms: { vi: "{count} phiếu sẽ không được chấm: xem các lỗi bên dưới.", en: "{count} forms will not be scored: see the errors below." },
  checkLeftOutRows: { vi: "{count} dòng sẽ không được chấm: xem các lỗi bên dưới.", en: "{count} rows will not be scored: see the errors below." },

  // Score step
  rankingTitle: { vi: "Cách xếp hạng", en: "Ranking" },
  rankingFromDefinition: { vi: "Mặc định theo bộ chỉ số; có thể đổi cho lần chấm này.", en: "From the index; can be changed for this run." },
  method: { vi: "Xử lý đồng hạng", en: "Ties" },
  // Read after their label ("Xử lý đồng hạng: bỏ qua hạng kế tiếp"), each short enough for the pane's
  // narrowest select (320 px) to show its example whole.
  methodCompetition: { vi: "Bỏ qua hạng kế tiếp (1, 1, 3)", en: "Same rank, next skipped (1, 1, 3)" },
  methodDense: { vi: "Không bỏ hạng (1, 1, 2)", en: "Same rank, none skipped (1, 1, 2)" },
  methodOrdinal: { vi: "Không xét đồng hạng (1, 2, 3)", en: "No shared ranks (1, 2, 3)" },
  // Under the select while "no shared ranks" is chosen: what decides the order of tied units (as the results sheet orders them).
  // {units}: the units as the index calls them, plural, no count (unitWordText): "sở, ban, ngành" / "departments".
  methodOrdinalHint: { vi: "Các {units} có kết quả bằng nhau được xếp theo tên (thứ tự chữ cái).", en: "Tied {units} are ordered by name (alphabetically)." },
  decimals: { vi: "Làm tròn khi xếp hạng (số chữ số thập phân)", en: "Round before ranking (decimal places)" },
  decimalsNone: { vi: "Không làm tròn", en: "No rounding" },
  within: { vi: "Xếp hạng trong", en: "Rank within" },
  withinAll: { vi: "Tất cả {units}", en: "All {units}" },
  withinCategory: { vi: "Từng loại đơn vị", en: "Each unit category" },
  scoreRun: { vi: "Chấm điểm và ghi kết quả", en: "Score and write results" },
  // The pane's language changed since the run: the sheets it wrote are in the other one.
  sheetsInVietnamese: {
    vi: "Trang kết quả và trang biểu đồ trong sổ đang bằng tiếng Việt.",
    en: "The results and charts sheets in the workbook are in Vietnamese; press \"Score and write results\" to write them in English.",
  },
  sheetsInEnglish: {
    vi: "Trang kết quả và trang biểu đồ trong sổ đang bằng tiếng Anh; bấm \"Chấm điểm và ghi kết quả\" để ghi lại bằng tiếng Việt.",
    en: "The results and charts sheets in the workbook are in English.",
  },
  scoring: { vi: "Đang chấm điểm…", en: "Scoring…" },
  progressRead: { vi: "Đang đọc sổ làm việc…", en: "Reading the workbook…" },
  progressCheck: { vi: "Đang kiểm tra số liệu…", en: "Checking the data…" },
  progressScore: { vi: "Đang tính điểm…", en: "Computing scores…" },
  progressPlan: { vi: "Đang chuẩn bị kết quả…", en: "Preparing the results…" },
  progressTemplates: { vi: "Đang tạo phiếu…", en: "Making the forms…" },
  progressWrite: { vi: "Đang ghi vào sổ…", en: "Writing to the workbook…" },
  // After a write, while the pane reads the workbook as the write left it (outside Excel: the copy written).
  progressReadBack: { vi: "Đang đọc lại sổ sau khi ghi…", en: "Reading the workbook back after writing…" },
  // Outside Excel: the workbook written made into the file to download.
  progressDownload: { vi: "Đang chuẩn bị tệp tải xuống…", en: "Preparing the download…" },
  // A scored workbook just read: its figures compared with those last scored (the stale banner).
  progressStale: { vi: "Đang so số liệu với lần chấm trước…", en: "Comparing the figures with the last scoring…" },
  // Said only once all the work of the action is over.
  progressDone: { vi: "Đã hoàn tất.", en: "Done." },
  // {units}: the units counted as the index calls them (unitsCountText): "8 sở, ban, ngành" / "8 departments".
  scoreDone: {
    vi: "Đã chấm điểm {units}, trong đó {ranked} được xếp hạng.",
    en: "Scored {units} ({ranked} ranked).",
  },
  // scoreDone when every unit scored is ranked, and when none is.
  scoreDoneAllRanked: { vi: "Đã chấm điểm và xếp hạng {units}.", en: "Scored and ranked {units}." },
  // {none}: "không quốc gia nào" as the index calls its units / "none" (scoreDoneNotice).
  scoreDoneNoneRanked: { vi: "Đã chấm điểm {units}; {none} được xếp hạng.", en: "Scored {units}, {none} ranked." },
  scoreLeftOutForms: { vi: "{count} phiếu chưa được chấm: xem bước Kiểm tra.", en: "{count} forms were not scored: see the Check step." },
  scoreLeftOutRows: { vi: "{count} dòng chưa được chấm: xem bước Kiểm tra.", en: "{count} rows were not scored: see the Check step." },
  // Units whose forms hold no figure at all ({names}: up to five, then moreUnits, "… và 3 huyện khác"): how the run
  // took them.
  scoreNoData: {
    vi: "{names} chưa điền số liệu nào nên được tính 0 điểm.",
    en: "{names} have not filled in any figure, so they are counted as 0 points.",
  },
  scoreNoDataValue: {
    vi: "{names} chưa điền số liệu nào nên được tính giá trị 0.",
    en: "{names} have not filled in any figure, so they are counted as a value of 0.",
  },
  scoreNoDataUnranked: {
    vi: "{names} chưa điền số liệu nào nên không được xếp hạng.",
    en: "{names} have not filled in any figure, so they are not ranked.",
  },
  // {units}: how many other units, counted as the index calls them in Vietnamese (unitsCountText: "và 3 sở, ban,
  // ngành khác"), the number alone in English ("and 3 more"), as the command line says them.
  moreUnits: { vi: "{names} và {units} khác", en: "{names} and {units} more" },
  // After scoreDoneNoneRanked, when the units' forms hold figures (else scoreNoDataUnranked says why).
  // {unit}: a unit as the index calls it (unitWordText, singular): "quốc gia" / "country".
  scoreNoneRanked: { vi: "Lý do ghi dưới tên từng {unit}.", en: "The reason is under each {unit}'s name." },

  // Under a unit's name in the table: its form holds no figure (its points are shown as "—").
  noDataUnit: { vi: "Chưa điền số liệu nào", en: "No figure filled in" },
  // Under the first ten, when more units share the last one's rank: the table does not end a tie unsaid.
  // {more}: how many, as the index calls its units (moreTiedText): "4 sở, ban, ngành" / "4 more departments".
  moreTied: { vi: "… và {more} khác cùng hạng {rank} (xem trang kết quả).", en: "… and {more} also ranked {rank} (see the results sheet)." },
  // {units} as in methodOrdinalHint; the Vietnamese capitalised where it starts the heading (topUnitsTitle).
  topUnits: { vi: "{units} dẫn đầu", en: "Top {units}" },
  // Above the table while the ranking options differ from the last run's ({action}: scoreRun).
  rankingChanged: { vi: "Đã đổi cách xếp hạng: bấm \"{action}\" để áp dụng.", en: "The ranking options were changed: press \"{action}\" to apply them." },
  // The ranking table's other headers are the results sheet's (core/plan/labels.ts COLUMN_LABELS).
  colPoints: { vi: "Điểm", en: "Points" },
  notRanked: { vi: "Không xếp hạng", en: "Not ranked" },
  rankedWithinCategories: {
    vi: "Xếp hạng trong từng loại đơn vị: mỗi loại có thứ hạng riêng.",
    en: "Ranked within each unit category: each category has its own ranks.",
  },
  noCategory: { vi: "Chưa ghi loại đơn vị", en: "No unit category" },
  // {errors}, {warnings}: countErrors, countWarnings; a count of 0 is left out, with its "và"/"and" (COUNT_LISTS).
  findingsAfterScore: {
    vi: "Có {errors} và {warnings} trong số liệu: {see}.",
    en: "Found {errors} and {warnings} in the data: {see}.",
  },
  // The end of findingsAfterScore: a link to the Check step.
  findingsSeeCheck: { vi: "xem bước Kiểm tra", en: "see the Check step" },
  // The ranking table: a unit whose data has errors ({count}), by a badge next to its name.
  unitHasErrors: { vi: "có {count} lỗi", en: "has {count} errors" },
  // The stale banner: its title, then one line for each kind of change (core/stale.ts staleGroups, as the command line says them).
  staleBanner: { vi: "Kết quả đã cũ", en: "The results are out of date" },
  // The same, when the workbook's scoring time is known ({time}, {date}: as scoredAt says them, formatWhen).
  staleBannerSince: { vi: "Kết quả đã cũ (chấm lúc {time} ngày {date})", en: "The results are out of date (scored on {date} at {time})" },
  // {units}: the units counted as the index calls them (unitsCountText: "2 sở, ban, ngành" / "2 departments"),
  // {unitsOf}: the same as the owners of what follows ("2 departments'", "1 country's"; in Vietnamese the count itself),
  // as core/stale.ts says them.
  staleChanged: { vi: "{unitsOf} đã thay đổi số liệu: {names}.", en: "{unitsOf} figures changed: {names}." },
  staleRenamed: { vi: "{units} đã đổi tên (số liệu không đổi): {names}.", en: "{units} were renamed (their figures are unchanged): {names}." },
  staleOtherIndex: { vi: "{unitsOf} có phiếu đã đổi sang bộ chỉ số khác: {names}.", en: "{unitsOf} forms were changed to another index: {names}." },
  // {names}: each unit with its sheet (core/stale.ts staleGroupNames); the fix is the Check step's for that form.
  staleUnreadable: {
    vi: "{unitsOf} có phiếu không còn đọc được vì dòng tiêu đề bảng đã bị sửa: {names}. Hãy sửa lại tên cột như phiếu mẫu.",
    en: "{unitsOf} forms can no longer be read as their tables' header rows were changed: {names}. Restore the column names of the template.",
  },
  staleAdded: { vi: "{units} mới được thêm vào sổ: {names}.", en: "{units} are new in the workbook: {names}." },
  staleRemoved: { vi: "{units} không còn trong sổ: {names}.", en: "{units} are no longer in the workbook: {names}." },
  staleIndexBanner: { vi: "Kết quả được chấm theo bộ chỉ số khác", en: "The results were scored with another index" },
  // The results were computed with a definition of the chosen index's id and version but other content (core/stale.ts otherContentMessage).
  staleContentBanner: { vi: "Kết quả được chấm theo nội dung khác của bộ chỉ số", en: "The results were scored with other content of the index" },
  staleScoreAgain: { vi: "Hãy chấm điểm lại.", en: "Score again." },
  staleRecheck: { vi: "So kết quả với số liệu hiện tại", en: "Check whether the results still match" },
  staleRescore: { vi: "Chấm điểm lại", en: "Score again" },
  staleNone: { vi: "Kết quả vẫn khớp với số liệu hiện tại.", en: "The results still match the data." },
  // "Check whether the results still match" with another index chosen than the one scored with: the figures are not compared with it.
  staleRecheckOtherIndex: {
    vi: "Số liệu chưa được so với kết quả (xem bên dưới để chọn bộ chỉ số của các phiếu).",
    en: "The figures were not compared with the results (see below to choose the forms' index).",
  },
  scoredAt: { vi: "Sổ đã được chấm lúc {time} ngày {date}.", en: "The workbook was scored on {date} at {time}." },

  // Charts step
  chartsTitle: { vi: "Tạo biểu đồ", en: "Make charts" },
  chartsIntro: {
    vi: "Chọn các biểu đồ cần tạo trên trang Biểu đồ; ở các lần sau, chính các biểu đồ này sẽ được cập nhật.",
    en: "Choose the charts to make on the Charts sheet; a later run updates the same charts.",
  },
  // {unit}: the units as the index calls them, as the charts' titles do (unitInTitle): "Tổng điểm theo tỉnh" / "Total points by province".
  chartTotal: { vi: "Tổng điểm theo {unit}", en: "Total points by {unit}" },
  chartGroups: { vi: "Điểm theo nhóm chỉ số của từng {unit}", en: "Indicator group points by {unit}" },
  chartTotalValue: { vi: "Giá trị chỉ số theo {unit}", en: "Index value by {unit}" },
  chartGroupsValue: { vi: "Giá trị theo nhóm chỉ số của từng {unit}"
, en: "Indicator group values by {unit}" },
  chartProfile: { vi: "Biểu đồ mạng nhện so sánh theo nhóm chỉ số", en: "Radar chart comparing indicator groups" },
  // {units}: the units as the index calls them, with no count (unitWordText, plural): "sở, ban, ngành" / "departments";
  // profileUnits starts with it, capitalised.
  profileUnits: { vi: "{units} đưa vào biểu đồ mạng nhện", en: "{units} in the radar chart" },
  profileHint: {
    vi: "Chọn tối đa 5 {units}; nếu không chọn, biểu đồ lấy 3 {units} đứng đầu và những đơn vị đồng hạng thứ 3 (tối đa 5).",
    en: "Choose up to 5 {units}; with none chosen, the chart shows the top 3 {units} and any tied with the third (5 at most).",
  },
  chartsNeedScore: { vi: "Hãy chấm điểm trước để có danh sách đơn vị.", en: "Score first to get the list of units." },
  // The results were dropped when another index (or a changed copy of it) was chosen.
  chartsIndexChanged: {
    vi: "Bộ chỉ số đã được đổi sau lần chấm điểm trước: hãy chấm điểm lại để có danh sách đơn vị.",
    en: "The index was changed after the last scoring: score again to get the list of units.",
  },
  chartsRun: { vi: "Tạo hoặc cập nhật biểu đồ", en: "Create or update the charts" },
  // {sheet}: the charts' sheet as the run named it (in the language of the run).
  chartsDone: { vi: "Đã tạo hoặc cập nhật {count} biểu đồ trên trang '{sheet}'.", en: "{count} charts created or updated on the sheet '{sheet}'." },
  chartsNone: { vi: "Không có biểu đồ nào được tạo: chưa có đơn vị nào được xếp hạng.", en: "No chart was made: no unit is ranked yet." },
  chartsChoose: { vi: "Biểu đồ cần tạo", en: "Charts to make" },
  chartsChooseNone: { vi: "Hãy chọn ít nhất một biểu đồ.", en: "Choose at least one chart." },
  profileNeedsChart: { vi: "Chỉ dùng cho biểu đồ mạng nhện so sánh theo nhóm chỉ số.", en: "Used only by the radar chart comparing indicator groups." },

  // What the workbook's host left unwritten (e.g. a form protected with a password)
  // Over every warning of a write: a sheet left unwritten, cells written over, a note (the host's sentences say which).
  writeWarningsTitle: { vi: "Lưu ý khi ghi vào sổ", en: "Notes on writing to the workbook" },

  // In Excel: features this Excel lacks (the rest of the pane works); each is said in the Excel host's own sentence.
  missingFeaturesTitle: { vi: "Tính năng Excel còn thiếu", en: "Missing Excel features" },
  missingFeaturesLead: {
    vi: "Phiên bản Excel này chưa làm được những việc sau; các phần khác vẫn hoạt động:",
    en: "This version of Excel cannot do the following; everything else works:",
  },
  // What the user needs for them: the Excel versions that have every missing feature.
  missingFeaturesNeedRecent: {
    vi: "Cần Excel cho Microsoft 365, Excel 2021 trở lên hoặc Excel trên web.",
    en: "They need Excel for Microsoft 365, Excel 2021 or later, or Excel on the web.",
  },
  missingFeaturesNeedNewest: {
    vi: "Cần Excel cho Microsoft 365, Excel 2024 hoặc Excel trên web.",
    en: "They need Excel for Microsoft 365, Excel 2024, or Excel on the web.",
  },
  missingFeaturesNeedDesktop: {
    vi: "Cần Excel trên Windows, Mac hoặc Excel trên web.",
    en: "They need Excel on Windows, Mac or the web.",
  },
  missingFeaturesNeedSubscription: {
    vi: "Cần Excel cho Microsoft 365 hoặc Excel trên web.",
    en: "They need Excel for Microsoft 365 or Excel on the web.",
  },
  // The requirement sets, for whoever supports the add-in: a collapsed list.
  missingFeaturesMore: {
    vi: "Và {count} việc khác, liệt kê trong phần chi tiết bên dưới.",
    en: "And {count} more, listed in the details below.",
  },
  missingFeaturesDetails: { vi: "Chi tiết kỹ thuật (tập API cần có)", en: "Technical details (API sets needed)" },
  // One line for each feature this Excel lacks: what does not work, in plain words.
  missingCharts: { vi: "Vẽ biểu đồ.", en: "Charts." },
  missingConditionalFormats: { vi: "Tô màu theo điểm trên trang kết quả.", en: "Colour scales and data bars on the results sheet." },
  missingFreezePanes: { vi: "Cố định dòng tiêu đề.", en: "Frozen header rows." },
  missingPrintLayout: { vi: "Thiết lập sẵn trang in cho trang kết quả và biểu đồ.", en: "Print setup of the results and charts sheets." },
  missingNotes: { vi: "Ghi chú trên ô có vấn đề (dùng chú thích thay).", en: "Notes on cells with issues (comments are used instead)." },
  missingComments: { vi: "Ghi chú trên ô có vấn đề (ô chỉ được tô màu).", en: "Text on cells with issues (the cells are only coloured)." },
  missingInsertWorkbooks: { vi: "Tổng hợp phiếu từ tệp khác, thêm phiếu trống vào sổ (phiếu được tải xuống thành tệp).", en: "Collecting forms from other files, adding blank forms to the workbook (they download as a file)." },
  missingWatchInputs: { vi: "Báo ngay khi số liệu đổi sau khi chấm.", en: "Telling at once that results are out of date when figures change." },
  missingSuspendCalculation: { vi: "Tạm dừng tính toán khi ghi (ghi có thể chậm hơn).", en: "Pausing calculation while writing (writing may be slower)." },

  // A workbook with no forms: where to get them.
  noFormsGoCollect: { vi: "Tạo phiếu hoặc tổng hợp phiếu của các đơn vị", en: "Make forms or collect the units' forms" },

  // Errors
  errorUnexpected: { vi: "Đã xảy ra lỗi: {reason}"
, en: "Something went wrong: {reason}" },
  // A part of the pane's code fetched when first needed could not be loaded (webpack's ChunkLoadError).
  chunkLoadFailed: {
    vi: "Không tải được một phần của Chấm điểm DTI, có thể do mất kết nối mạng. Hãy kiểm tra kết nối mạng, hoặc đóng rồi mở lại ngăn tác vụ, rồi thử lại.",
    en: "A part of DTI Scorer could not be loaded, perhaps because the network connection dropped. Check the network connection, or close and reopen the pane, then try again.",
  },
  // The button in a step that could not be loaded: the step is fetched again.
  stepLoadRetry: { vi: "Thử lại", en: "Try again" },
  definitionProblems: {
    vi: "Không chạy được vì bộ chỉ số có {count} lỗi:",
    en: "Could not run: the index definition has {count} problems:",
  },
  dismiss: { vi: "Đóng", en: "Dismiss" },
  // The close button's name: what it closes ({what}: the message's first words).
  dismissNamed: { vi: "Đóng thông báo: {what}", en: "Dismiss the message: {what}" },
} as const satisfies Record<string, Message>;

export type StringKey = keyof typeof STRINGS;

/** English sentences for a count of one ("1 unit", not "1 units"); Vietnamese has no plural. */
const EN_ONE: Partial<Record<StringKey, string>> = {
  workbookSheets: "{count} sheet",
  unitsCount: "{count} unit",
  templatesMadeExcel: "Added {count} form sheet to the workbook.",
  templatesMadeFile: "Made a form file for {count} unit.",
  templatesAsFileOnIpad: "Excel on iPad cannot add form sheets to the workbook (it needs Excel on Windows, Mac or the web), so a form file was made for {count} unit to download instead.",
  templatesAlreadyThere: "1 unit already has its form in the workbook, so it was not added again.",
  templatesNoneAlreadyThere: "No form sheet was added: the workbook already has this unit's form.",
  templatesAsFile: "This version of Excel cannot add form sheets to the workbook (it needs {requirement}: Excel 2021 or later, Microsoft 365 or Excel on the web), so a form file was made for {count} unit to download instead.",
  formsCount: "{count} form",
  rowsCount: "{count} row",
  checkLeftOutForms: "1 form will not be scored: see the errors below.",
  checkLeftOutRows: "1 row will not be scored: see the errors below.",
  scoreLeftOutForms: "1 form was not scored: see the Check step.",
  scoreLeftOutRows: "1 row was not scored: see the Check step.",
  unitsSameName: "1 unit name is given to more than one unit without a code; a form with a name already taken is not scored. No form was made.",
  unitHasErrors: "has 1 error",
  unitsProblems: "The list of units has 1 thing to put right; a unit category must be one of: {known}. No form was made.",
  unitsSameCode: "1 unit code is given to more than one unit; a form with a code already taken is not scored. No form was made.",
  unitsUnknownCategory: "1 unit names a unit category the index does not have; write one of: {known}. No form was made.",
  summaryGroups: "{count} indicator group",
  summaryIndicators: "{count} indicator",
  imported: "Collected {count} sheet into the workbook: {names}",
  importedToLookAt: "1 item to look at:",
  importedBlankSkipped: "1 blank form left out: its unit already has a form",
  importedDuplicatesList: "See the sheet left out",
  scoreNoData: "{names} has not filled in any figure, so it is counted as 0 points.",
  scoreNoDataValue: "{names} has not filled in any figure, so it is counted as a value of 0.",
  scoreNoDataUnranked: "{names} has not filled in any figure, so it is not ranked.",
  countErrors: "{count} error",
  countWarnings: "{count} warning",
  countInfos: "{count} info finding",
  cleared: "Cleared the marks on {count} cell.",
  chartsDone: "1 chart created or updated on the sheet '{sheet}'.",
  unitsCsvMoreWide: "1 more line is like it; no unit was taken from the file.",
  marked: "Marked {count} cell with an issue; no scores were written.",
  staleRenamed: "{units} was renamed (its figures are unchanged): {names}.",
  staleOtherIndex: "{unitsOf} form was changed to another index: {names}.",
  staleUnreadable: "{unitsOf} form can no longer be read as its table's header row was changed: {names}. Restore the column names of the template.",
  staleAdded: "{units} is new in the workbook: {names}.",
  staleRemoved: "{units} is no longer in the workbook: {names}.",
  definitionProblems: "Could not run: the index definition has {count} problem:",
  definitionInvalidSaid: "The index definition is not valid: {first}",
};
/** Vietnamese sentences for a count of one, where "cả 1" would read oddly. */
const VI_ONE: Partial<Record<StringKey, string>> = {
  templatesNoneAlreadyThere: "Chưa thêm trang phiếu nào: sổ đã có sẵn phiếu của đơn vị này.",
  definitionInvalidSaid: "Định nghĩa bộ chỉ số chưa hợp lệ: {first}",
};
export type Params = Record<string, string | number>;

/**
 * Sentences whose placeholders are counts joined by "và"/"and" ("Có 2 lỗi và 1 cảnh báo"): a
 * count of 0 ("0 lỗi", as countErrors etc. say it) is left out with its conjunction, so that the
 * sentence reads "Có 1 cảnh báo", not "Có 0 lỗi và 1 cảnh báo".
 */
const COUNT_LISTS: Partial<Record<StringKey, readonly string[]>> = {
  findingsAfterScore: ["errors", "warnings"],
  checkSummary: ["errors", "warnings", "infos"],
  checkSummaryNotScored: ["errors", "warnings", "infos"],
};
const COUNT_KEYS = ["countErrors", "countWarnings", "countInfos"] as const satisfies readonly StringKey[];

function withoutZeroCounts(lang: Lang, text: string, names: readonly string[], params: Params): string {
  const zero = new Set(COUNT_KEYS.map((k) => t(lang, k, { count: 0 })));
  const kept = names.filter((n) => !(typeof params[n] === "string" && zero.has(params[n] as string)) && params[n] !== 0);
  if (kept.length === names.length || kept.length === 0) return text;
  // The placeholders and the conjunctions between them, as one run: "{errors} và {warnings}".
  const run = new RegExp(names.map((n) => `\\{${n}\\}`).join("(?:,? (?:và|and) |, )"));
  const and = lang === "vi" ? " và " : " and ";
  const list = kept.length < 2 ? kept.map((n) => `{${n}}`).join("") : `${kept.slice(0, -1).map((n) => `{${n}}`).join(", ")}${and}{${kept[kept.length - 1]}}`;
  return text.replace(run, list);
}

/** The pane's string `key` in `lang`, with `{name}` placeholders filled (numbers formatted). */
export function t(lang: Lang, key: StringKey, params?: Params): string {
  let text: string = (params?.count === 1 ? (lang === "en" ? EN_ONE : VI_ONE)[key] : undefined) ?? STRINGS[key][lang];
  if (!params) return text;
  const counts = COUNT_LISTS[key];
  if (counts) text = withoutZeroCounts(lang, text, counts, params);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === "number" ? formatNumber(v, lang) : v;
  });
}

/**
 * The pane's string `key` with its placeholders left in, those of counts of 0 taken out with their
 * conjunction as `t` takes them out (`params` the values `t` would be given): for a sentence laid
 * out piece by piece.
 */
export function tPattern(lang: Lang, key: StringKey, params: Params): string {
  const text: string = STRINGS[key][lang];
  const counts = COUNT_LISTS[key];
  return counts ? withoutZeroCounts(lang, text, counts, params) : text;
}

/**
 * The pane's string `key` in both languages, so that a message kept in the state follows a change
 * of language; `params` may depend on the language (e.g. names localized from the index).
 */
export function tBoth(key: StringKey, params?: Params | ((lang: Lang) => Params)): Message {
  const of = (lang: Lang): Params | undefined => (typeof params === "function" ? params(lang) : params);
  return { vi: t("vi", key, of("vi")), en: t("en", key, of("en")) };
}

/** The pane's language from Office's display language ("vi-VN" → vi; anything else → en). */
export function langFromDisplayLanguage(displayLanguage: string | undefined): Lang {
  return displayLanguage !== undefined && displayLanguage.toLowerCase().startsWith("vi") ? "vi" : "en";
}
