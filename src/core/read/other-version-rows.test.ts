/**
 * A form of another version of the index in use is read by the codes of its rows. Where a row the
 * two versions share shows, on the form, another max, another wording, or a percentage for an
 * input the version in use takes none for, its figure may mean something else now: each such row
 * is said at its figure cell, and the form's warning counts them. The figures are read as before.
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../types";
import { sampleModel } from "./fixtures";
import { readSubmissions } from "./read";

const model = sampleModel(); // dti-so-mau@2024

const HEADER = ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng", "Ghi chú", "Điểm"];
/** The rows of the table (from row 7), as the 2023 form shows them: rows 7 to 16. */
const LINES: CellValue[][] = [
  ["1", "Digital awareness", 40, null, null, null, null, null, null], // the group's English name: no change
  ["1.1", "Ban chỉ đạo", 8, "có", null, null, null, null, null], // max 8 in 2023, 10 now
  ["1.2", "Văn bản chỉ đạo", 10, null, null, null, null, null, null],
  ["1.2.a", "Số văn bản do Giám đốc ký", null, 3, null, null, null, null, null], // another wording
  ["1.2.b", "Tổng số văn bản", null, 4, null, null, null, null, null],
  ["1.3", "  TRƯỞNG   ban chỉ đạo ", "10", "bí thư", null, null, null, null, null], // case, spaces, a max as text: no change
  ["1.10", "Số cuộc họp\nChấm theo mục tiêu 4 cuộc", 10, 4, null, null, null, null, null], // the description template writes below the name
  ["2.1", "Tỷ lệ hồ sơ trực tuyến (%)", 10, 0.85, null, null, null, null, null], // percent in both: the unit template adds
  ["2.2", "Điểm tự chấm", 5, 0.9, null, null, null, null, null], // points now, shown as 90% on the form
  ["2.3", "Dịch vụ công mức 4", 5, 12, null, null, null, null, null],
];

/** LINES with 1.1 and 1.2.a as the version in use shows them. */
const SAME: CellValue[][] = LINES.map((l) =>
  l[0] === "1.1" ? [l[0]!, l[1]!, 10, ...l.slice(3)] : l[0] === "1.2.a" ? [l[0]!, "Số văn bản do Chủ tịch ký", ...l.slice(2)] : l,
);

function book(version: string, lines: CellValue[][] = LINES, percentCells = ["D14", "D15"]): WorkbookSnapshot {
  const sheet: SheetSnapshot = {
    name: "Sở Y tế",
    values: [["Đơn vị", "Sở Y tế"], ["Mã đơn vị", "SYT"], ["Nhóm", "co-dvc"], ["Bộ chỉ số", `dti-so-mau@${version}`], [], HEADER, ...lines],
    percentCells,
  };
  return { sheets: [sheet] };
}

describe("rows of a form of another version defined otherwise than the version in use", () => {
  test("each is said at its figure cell, naming what differs; the form's warning counts them; the figures are read as the version in use defines them", () => {
    const result = readSubmissions(model, book("2023"));
    expect(result.issues.filter((i) => i.code === "definition-mismatch").map((i) => [i.severity, i.cell, i.node ?? null, i.unit])).toEqual([
      ["warning", "B4", null, "SYT"],
      ["warning", "D8", "1.1", "SYT"],
      ["warning", "D10", "1.2.a", "SYT"],
      ["warning", "D15", "2.2", "SYT"],
    ]);
    const [form, max, wording, percent] = result.issues.filter((i) => i.code === "definition-mismatch");
    expect(form!.message.vi).toBe(
      "Trang tính 'Sở Y tế', ô B4: phiếu được lập theo bộ chỉ số \"dti-so-mau@2023\" (phiên bản 2023), không phải phiên bản đang dùng (2024); phiếu được đọc theo mã ở từng dòng với phiên bản 2024 — hãy kiểm tra các dòng mà hai phiên bản khác nhau (3 dòng được định nghĩa khác ở hai phiên bản, các dòng còn thiếu và các mã không có trong phiên bản 2024 được báo riêng).",
    );
    expect(form!.message.en).toBe(
      "Sheet 'Sở Y tế', cell B4: the form was made for the index \"dti-so-mau@2023\" (version 2023), not the version in use (2024); it is read by the codes of its rows with version 2024 — check the rows on which the two versions differ (3 rows defined differently in the two versions, missing rows and codes version 2024 does not have are reported separately).",
    );
    expect(max!.message).toEqual({
      vi: "Trang tính 'Sở Y tế', ô D8: dòng 1.1 được định nghĩa khác nhau ở phiên bản 2023 (của phiếu) và phiên bản 2024 (đang dùng): điểm tối đa 8 → 10; số liệu ở đây được đọc theo phiên bản 2024 — hãy kiểm tra lại số liệu, hoặc lập lại phiếu theo phiên bản 2024 (Tạo phiếu ở bước Thu thập, hoặc lệnh dti-scorer template).",
      en: "Sheet 'Sở Y tế', cell D8: row 1.1 is defined differently in version 2023 (the form's) and version 2024 (in use): max points 8 → 10; the figure here is read as version 2024 defines it — check the figure, or make the form again for version 2024 (Make forms in the Collect step, or the dti-scorer template command).",
    });
    expect(wording!.message.vi).toContain("ô D10: dòng 1.2.a được định nghĩa khác nhau ở phiên bản 2023 (của phiếu) và phiên bản 2024 (đang dùng): nội dung của chỉ tiêu khác;");
    expect(wording!.message.en).toContain("cell D10: row 1.2.a is defined differently in version 2023 (the form's) and version 2024 (in use): the item's wording differs;");
    expect(percent!.message.vi).toContain("dòng 2.2 được định nghĩa khác nhau ở phiên bản 2023 (của phiếu) và phiên bản 2024 (đang dùng): ô số liệu hiển thị dạng phần trăm, nhưng ở phiên bản 2024 dòng này không nhận tỷ lệ phần trăm;");
    expect(percent!.message.en).toContain("the figure is shown as a percentage, but in version 2024 this row takes no percentage;");

    // Scored as before: each figure read as the version in use defines its row (2.2's 90% as 0.9 points).
    const [unit] = result.submissions;
    expect(unit!.values).toMatchObject({ "1.1": true, "1.2.a": 3, "2.1": 0.85, "2.2": 0.9, "2.3": 12 });
  });

  test("a row differing in several ways is said once, with each difference", () => {
    const lines = SAME.map((l) => (l[0] === "2.2" ? ["2.2", "Tỷ lệ cán bộ được đào tạo", 10, 0.9, null, null, null, null, null] : l));
    const result = readSubmissions(model, book("2023", lines, ["D15"]));
    const row = result.issues.filter((i) => i.code === "definition-mismatch" && i.node === "2.2");
    expect(row).toHaveLength(1);
    expect(row[0]!.message.en).toContain(
      "row 2.2 is defined differently in version 2023 (the form's) and version 2024 (in use): max points 10 → 5; the item's wording differs; the figure is shown as a percentage, but in version 2024 this row takes no percentage;",
    );
    expect(result.issues[0]!.message.en).toContain("(1 row defined differently in the two versions, missing rows");
  });

  test("a form of another version that shows its shared rows as the version in use does gets the one warning, without a count; blank Nội dung and Điểm tối đa cells say nothing", () => {
    const result = readSubmissions(model, book("2023", SAME, ["D14"]));
    expect(result.issues.filter((i) => i.code === "definition-mismatch").map((i) => i.cell)).toEqual(["B4"]);
    expect(result.issues[0]!.message.vi).toContain("khác nhau (các dòng còn thiếu");
    const blank = LINES.map((l): CellValue[] => [l[0]!, null, null, ...l.slice(3)]);
    expect(readSubmissions(model, book("2023", blank, [])).issues.filter((i) => i.code === "definition-mismatch").map((i) => i.cell)).toEqual(["B4"]);
  });

  test("a form of the version in use is not compared row by row: the wording and max it shows are its own", () => {
    const result = readSubmissions(model, book("2024"));
    expect(result.issues.filter((i) => i.code === "definition-mismatch")).toEqual([]);
  });
});
