import { runScoring } from "../../src/core/pipeline";
import { CHART_NAMES, INDEX_SHEET, RESULTS_TABLE } from "../../src/core/plan";
import { ExcelHost } from "../../src/hosts/excel";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

describe("a workbook open in Excel with the user's own `Kết quả` sheet", () => {
  test("scored twice: the user's sheet keeps every cell, the results go to `Kết quả (2)`, the second run adds no sheet, and the first run says so", async () => {
    const { double, definition } = await layoutAWorkbook(4);
    double.addSheet("Kết quả", [["Tổng hợp của phòng"], ["Đơn vị", "Điểm"], ["Văn phòng", 87.5], ["Tổng", { formula: "=B3*2" }]]);
    const mine = () => [...double.sheet("Kết quả").cells.entries()].map(([k, c]) => [k, c.v, c.f ?? null, c.nf ?? null, c.fill ?? null]);
    const before = mine();
    double.install();

    const host = new ExcelHost();
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    expect(host.lastApply!.warnings.map((w) => w.vi)).toEqual([
      "Sổ đã có trang 'Kết quả' không do DTI Scorer tạo: trang này được giữ nguyên, kết quả chấm điểm được ghi vào trang 'Kết quả (2)'.",
    ]);
    const sheetsAfterFirst = double.sheetNames();
    expect(sheetsAfterFirst).toEqual(expect.arrayContaining(["Kết quả", "Kết quả (2)", "Biểu đồ", INDEX_SHEET]));
    expect(double.workbook.tables.filter((t) => t.name === RESULTS_TABLE).map((t) => t.sheet.name)).toEqual(["Kết quả (2)"]);

    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now });
    expect(host.lastApply!.warnings).toEqual([]);
    expect(double.sheetNames()).toEqual(sheetsAfterFirst);
    expect(mine()).toEqual(before);
    expect(double.sheet("Kết quả").conditionalFormats).toHaveLength(0);
    expect(double.sheet("Kết quả").charts).toHaveLength(0);
    expect(double.sheet("Biểu đồ").charts.map((c) => c.name).sort()).toEqual(Object.values(CHART_NAMES).sort());
    expect(double.requests.every((r) => r.ok)).toBe(true);
  });
});
