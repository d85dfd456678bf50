/**
 * Workbooks at the sizes that broke the Excel host: a write of hundreds of thousands of rows (the
 * `_index` copies of thousands of forms), thousands of cells that look like Excel errors. Each
 * with the smallest workbook that shows it; timings and round trips at scale are `npm run bench`.
 */
import { ExcelHost, PAYLOAD_LIMIT, REQUEST_BUDGET } from "../../src/hosts/excel";
import { RESPONSE_BUDGET } from "../../src/hosts/excel/payload";
import { createExcelDouble } from "../excel-double";

describe("large workbooks through the Excel host", () => {
  test("a write of 200,000 rows in one block is sent in requests under the budget and lands whole", async () => {
    // `_index` keeps one row per input row of every unit: 3,321 forms are about 200,000 rows.
    const d = createExcelDouble().install();
    d.addSheet("Dữ liệu", [["Mã", "Điểm"]]);
    const values = Array.from({ length: 200_000 }, (_, r) => [r]);
    await new ExcelHost().apply({ lang: "vi", owned: [], edits: [{ sheet: "Dữ liệu", blocks: [{ address: "B2", values }] }], marks: [], clearMarks: [] });
    expect(d.requests.every((r) => r.ok && r.bytes <= REQUEST_BUDGET)).toBe(true);
    expect(d.value("'Dữ liệu'!B2")).toBe(0);
    expect(d.value("'Dữ liệu'!B200001")).toBe(199_999);
  }, 60_000);

  test("17,000 error cells that are not one under another are looked up in requests under the budget, and read as errors", async () => {
    // One request for all of them would be about 5.3 MB (Excel refuses it over 5 MB).
    const d = createExcelDouble().install();
    const rows = Array.from({ length: 200 }, (_, r) => Array.from({ length: 170 }, (_, c) => ((r + c) % 2 === 0 ? { error: "#N/A" } : r)));
    d.addSheet("Tra cứu", rows);
    // A user typed "#N/A" as text: it stays text.
    d.setCells("Tra cứu", "B1", [["#N/A"]]);
    d.resetCounters();
    const snap = await new ExcelHost().read();
    expect(d.requests.every((r) => r.ok && r.bytes <= REQUEST_BUDGET)).toBe(true);
    const values = snap.sheets[0]!.values;
    expect(values[0]![0]).toEqual({ error: "#N/A" });
    expect(values[0]![1]).toBe("#N/A");
    expect(values[199]![169]).toEqual({ error: "#N/A" });
    expect(values[199]![168]).toBe(199);
    expect(values.flat().filter((v) => typeof v === "object" && v !== null).length).toBe(17_000);
  }, 60_000);

  test("a column of 20,000 error cells is looked up in as many requests as 3 error cells", async () => {
    const count = async (errors: number) => {
      const d = createExcelDouble().install();
      d.addSheet("Dữ liệu", [["Mã", "Tra cứu"], ...Array.from({ length: 20_000 }, (_, i) => [`X${i}`, i >= 20_000 - errors ? { error: "#N/A" } : i])]);
      d.resetCounters();
      const snap = await new ExcelHost().read();
      expect(snap.sheets[0]!.values[20_000]).toEqual(["X19999", { error: "#N/A" }]);
      expect(snap.sheets[0]!.values[1]).toEqual(["X0", errors === 20_000 ? { error: "#N/A" } : 0]);
      return d.syncCount;
    };
    expect(await count(20_000)).toBe(await count(3));
  }, 60_000);

  test("a column of long notes in Vietnamese is read in requests whose responses stay under the budget, none refused", async () => {
    // Two or three bytes a letter: about 7 MB of response in all, estimated from the top rows' notes.
    const note = "Quyết định số 123/QĐ-UBND về việc phê duyệt kế hoạch chuyển đổi số của tỉnh giai đoạn 2021–2025, tầm nhìn đến năm 2030; ".repeat(3);
    const rows = Array.from({ length: 14_000 }, (_, r) => [`M${r}`, note.slice(0, 200 + ((r * 37) % 100)), r]);
    const d = createExcelDouble().install();
    d.addSheet("Ghi chú", rows);
    d.resetCounters();
    const snap = await new ExcelHost().read();
    expect(d.requests.every((r) => r.ok && r.responseBytes <= RESPONSE_BUDGET)).toBe(true);
    expect(d.requests.reduce((n, r) => n + r.responseBytes, 0)).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(snap.sheets[0]!.values).toEqual(rows);
  }, 60_000);

  test("the top rows of 2,800 sheets are read in responses under the budget", async () => {
    // About 1.8 KB of top rows a sheet, as a form's: 5 MB in all.
    const d = createExcelDouble().install();
    const top = Array.from({ length: 12 }, (_, r) => Array.from({ length: 7 }, (_, c) => `Ô ${r}-${c} nội dung`));
    for (let i = 0; i < 2_800; i++) d.addSheet(`Trang ${i + 1}`, top);
    d.resetCounters();
    const snap = await new ExcelHost().read();
    expect(d.requests.every((r) => r.ok && r.responseBytes <= RESPONSE_BUDGET)).toBe(true);
    expect(snap.sheets[2_799]!.values[11]![6]).toBe("Ô 11-6 nội dung");
  }, 60_000);
});
