/**
 * What an official scoring communes on an index of the province's own is told, on real files made
 * by `template`, filled in and scored: a commune typing 0 days where the fewer days the better
 * (every other commune of its category then scores 0 on it), a form whose `Kỳ đánh giá` differs
 * from the others', and ranking exclusions that match no commune (a code whose leading zero Excel
 * dropped, a code of no commune of the run).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-xa-"));
const run = (argv: string[], lang: "vi" | "en" = "vi") => runCli(argv, dir, lang);

const definition = {
  format: "index-definition/1",
  id: "dti-xa-tinh-x",
  version: "2025",
  name: { vi: "Bộ chỉ số chuyển đổi số cấp xã tỉnh X", en: "Commune DTI of X province" },
  categories: [
    { id: "xa", name: { vi: "Xã", en: "Rural commune" } },
    { id: "phuong", name: { vi: "Phường, thị trấn", en: "Ward or township" } },
  ],
  ranking: { within: "category", exclude: ["XA-99", "4340"] },
  root: {
    code: "DTI",
    name: "Chỉ số CĐS cấp xã",
    children: [
      { code: "1.1", name: "Kế hoạch CĐS năm của xã được ban hành", max: 5, rule: { kind: "boolean" } },
      { code: "3.4", name: "Thời gian giải quyết hồ sơ trung bình (ngày)", max: 5, rule: { kind: "relative", direction: "lower", across: "category" } },
    ],
  },
};

const UNITS: [string, string, string][] = [
  ["04330", "Xã Tân Lập", "Xã"],
  ["04340", "Xã Tân Lập 2", "Xã"],
  ["04354", "Xã Đông Sơn 2", "Xã"],
  ["04361", "Xã Phú Thịnh 2", "Xã"],
  ["05001", "Phường Quang Trung", "Phường, thị trấn"],
  ["05002", "Phường Lê Lợi", "Phường, thị trấn"],
];
/** Days to settle a case (3.4) by unit code; Xã Đông Sơn 2 types 0. */
const DAYS: Record<string, number> = { "04330": 3.5, "04340": 2.9, "04354": 0, "04361": 4, "05001": 2, "05002": 4 };

interface Json {
  units: { code: string | null; name: string; rank: number | null; ranked: boolean; nodes: Record<string, { points: number | null }> }[];
  issues: { severity: string; code: string; sheet: string | null; cell: string | null; unit: string | null; node: string | null; message: string }[];
}

/** The cell right of a label in column A (the form's header block), or of a code's row in column D (Số liệu). */
function cellBeside(ws: ExcelJS.Worksheet, label: string, column: "B" | "D"): ExcelJS.Cell {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getCell(`A${r}`).value ?? "").trim() === label) return ws.getCell(`${column}${r}`);
  throw new Error(`no row ${label} on ${ws.name}`);
}

let periodCell = "";
let daysCell = "";

beforeAll(async () => {
  writeFileSync(join(dir, "xa.json"), JSON.stringify(definition));
  writeFileSync(join(dir, "don-vi.csv"), ["Mã đơn vị,Đơn vị,Nhóm", ...UNITS.map(([code, name, category]) => `${code},${name},"${category}"`)].join("\n") + "\n");
  expect((await run(["template", "--index", "xa.json", "--units", "don-vi.csv", "--period", "Năm 2025", "--out", "phieu.xlsx"])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, "phieu.xlsx")) as unknown as ArrayBuffer);
  for (const [code, name] of UNITS) {
    const ws = wb.getWorksheet(name)!;
    cellBeside(ws, "1.1", "D").value = "Có";
    cellBeside(ws, "3.4", "D").value = DAYS[code]!;
  }
  // One commune wrote the period its own way.
  const other = cellBeside(wb.getWorksheet("Xã Phú Thịnh 2")!, "Kỳ đánh giá", "B");
  other.value = "2025";
  periodCell = other.address;
  daysCell = cellBeside(wb.getWorksheet("Xã Đông Sơn 2")!, "3.4", "D").address;
  await wb.xlsx.writeFile(join(dir, "da-dien.xlsx"));
}, 60_000);

describe("a commune's scoring on the province's own index", () => {
  let json: Json;
  beforeAll(async () => {
    const s = await run(["score", "da-dien.xlsx", "--index", "xa.json", "--out", "da-cham.xlsx", "--json", "ket-qua.json"]);
    // Warnings and notes only: the scoring is written.
    expect(s.code).toBe(0);
    json = JSON.parse(readFileSync(join(dir, "ket-qua.json"), "utf8")) as Json;
  }, 60_000);

  it("a commune typing 0 days: the maths stays (every other commune 0 on 3.4, the wards not), and its cell says why", () => {
    const points = Object.fromEntries(json.units.map((u) => [u.code, u.nodes["3.4"]!.points]));
    expect(points).toEqual({ "04330": 0, "04340": 0, "04354": 5, "04361": 0, "05001": 5, "05002": 2.5 });
    const told = json.issues.filter((i) => i.code === "relative-zero-best");
    expect(told).toEqual([
      {
        severity: "warning",
        code: "relative-zero-best",
        sheet: "Xã Đông Sơn 2",
        cell: daysCell,
        unit: "04354",
        node: "3.4",
        message: `Trang tính 'Xã Đông Sơn 2', ô ${daysCell}: số liệu 0 của chỉ tiêu 3.4 là mức tốt nhất có thể của quy tắc "relative" (tỷ lệ chuẩn hóa, số liệu càng thấp càng tốt): chỉ tiêu được điểm tối đa, còn mọi đơn vị khác thuộc loại "Xã" có số liệu lớn hơn 0 (3 đơn vị) được 0 điểm ở chỉ tiêu này. Nếu 0 là đúng thì giữ nguyên; nếu không, hãy sửa lại số liệu (để trống nếu đơn vị không có số liệu).`,
      },
    ]);
  });

  it("the form whose period differs is named at its period cell, with the period the others give", () => {
    expect(json.issues.filter((i) => i.code === "period-differs")).toEqual([
      {
        severity: "warning",
        code: "period-differs",
        sheet: "Xã Phú Thịnh 2",
        cell: periodCell,
        unit: "04361",
        node: null,
        message: `Trang tính 'Xã Phú Thịnh 2', ô ${periodCell}: kỳ đánh giá của phiếu là "2025", khác với "Năm 2025" mà 5 phiếu khác ghi; tiêu đề trang kết quả, đầu trang khi in và tên các biểu đồ sẽ ghi mọi kỳ khác nhau mà các phiếu ghi. Nếu các phiếu cùng một kỳ đánh giá, hãy ghi kỳ đó giống nhau trên mọi phiếu.`,
      },
    ]);
  });

  it("a code that lost its leading zero leaves the commune ranked, and is said; a code of no commune is noted", async () => {
    expect(json.units.find((u) => u.code === "04340")).toMatchObject({ ranked: true });
    expect(json.issues.filter((i) => i.code === "exclude-unmatched").map((i) => [i.severity, i.sheet, i.cell, i.unit, i.message])).toEqual([
      [
        "warning",
        null,
        null,
        null,
        'Mục "4340" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[1]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; mục này có vẻ đã mất số 0 ở đầu (Excel bỏ số 0 ở đầu một mã được lưu như số): để loại trừ Xã Tân Lập 2, hãy ghi mã "04340".',
      ],
      [
        "info",
        null,
        null,
        null,
        'Mục "XA-99" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[0]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; nếu mục này dành cho một đơn vị có trong lần chấm này hay một loại đơn vị, hãy sửa cho đúng mã của đơn vị đó hoặc mã loại đơn vị ("xa", "phuong").',
      ],
    ]);
  });

  it("validate lists the same findings, in English too", async () => {
    const v = await run(["validate", "da-dien.xlsx", "--index", "xa.json", "--lang", "en"], "en");
    expect(v.out + v.err).toContain(
      `Warning: Sheet 'Xã Đông Sơn 2', cell ${daysCell}: the figure 0 of indicator 3.4 is the best possible under its "relative" rule (the lower, the better): the indicator scores full points, and every other unit of the category "Rural commune" with a figure above 0 (3 units) scores 0 points on it. If 0 is right, leave it; otherwise correct the figure (leave the cell blank if the unit has no figure).`,
    );
    expect(v.out + v.err).toContain(`Warning: Sheet 'Xã Phú Thịnh 2', cell ${periodCell}: the form's period is "2025", unlike "Năm 2025", which 5 other forms give;`);
    expect(v.out + v.err).toContain(
      `Warning: The ranking exclusion "4340" (ranking.exclude[1]) is neither a scored unit's code nor a unit category id, so it excludes no unit; it looks like a code that lost its leading zeros (Excel drops them from a code kept as a number): to exclude Xã Tân Lập 2, write its code "04340".`,
    );
    expect(v.out + v.err).toMatch(/Info: The ranking exclusion "XA-99" \(ranking\.exclude\[0\]\)/);
  });

  it("the scored workbook marks the two cells, as it marks every finding at a cell", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, "da-cham.xlsx")) as unknown as ArrayBuffer);
    const note = (sheet: string, address: string): string => JSON.stringify(wb.getWorksheet(sheet)!.getCell(address).note ?? "");
    expect(note("Xã Đông Sơn 2", daysCell)).toContain("mức tốt nhất có thể");
    expect(note("Xã Phú Thịnh 2", periodCell)).toContain("Kỳ đánh giá của phiếu là");
  });
});
