/**
 * The packer's estimates against what Office.js would send (the Excel double serialises each
 * request as Office.js does): every request estimated at or above its real size, so that a
 * request packed to the 4 MB budget stays under Excel's 5 MB, and not so far above that requests
 * are wasted.
 */
import { createExcelDouble, type ExcelDouble } from "../../../test/excel-double";
import { queueBlock } from "./apply";
import { queueChart } from "./charts";
import { cellKey, queueClear, queueMark, type MarkLookup } from "./marks";
import { opBytes, RequestPacker, type Guarding } from "./payload";
import { sheetOf } from "./proxies";

const SHEETS = Array.from({ length: 30 }, (_, i) => `Đơn vị số ${i + 1}`);
const NOTE = "[DTI Scorer]\nLỗi: giá trị vượt quá mẫu số của chỉ tiêu; kiểm tra lại số liệu đã nhập.";

function doubleWithSheets(): ExcelDouble {
  const d = createExcelDouble().install();
  for (const s of SHEETS) d.addSheet(s, [["Mã", "Số liệu"]]);
  return d;
}

/** Flushes under a 1 MB budget and compares each request's estimate with its measured size. */
async function measure(d: ExcelDouble, queue: (packer: RequestPacker) => void, guarding?: Guarding): Promise<{ estimate: number; measured: number }[]> {
  const packer = new RequestPacker();
  queue(packer);
  d.resetCounters();
  await Excel.run(async (ctx) => {
    await packer.flush(ctx, (c) => c.workbook.application.suspendApiCalculationUntilNextSync(), 1024 * 1024, undefined, guarding);
  });
  expect(d.requests.every((r) => r.ok)).toBe(true);
  expect(packer.estimates.length).toBe(d.requests.length);
  return packer.estimates.map((estimate, i) => ({ estimate, measured: d.requests[i]!.bytes }));
}

/** At or above the measured size, and (for requests of some size) at most `slack` times it. */
function expectEstimates(rows: { estimate: number; measured: number }[], slack = 1.7): void {
  expect(rows.length).toBeGreaterThan(1);
  for (const { estimate, measured } of rows) {
    expect(estimate).toBeGreaterThanOrEqual(measured);
    // The last request of a run may be small; the others are packed close to what they carry.
    if (measured > 100_000) expect(estimate).toBeLessThan(measured * slack);
  }
}

const lookup = (): MarkLookup => ({ texts: new Map(), commented: new Set(), fillOnly: [] });
const marks = (n: number) => Array.from({ length: n }, (_, i) => ({ sheet: SHEETS[i % SHEETS.length]!, cell: `D${12 + Math.floor(i / SHEETS.length)}`, severity: "error" as const, note: NOTE }));

describe("the request packer's estimates", () => {
  test("marks with notes are estimated at or above what Office.js sends", async () => {
    const d = doubleWithSheets();
    expectEstimates(await measure(d, (p) => { const l = lookup(); for (const m of marks(3000)) queueMark(p, "notes", m, l, new Set()); }));
    expect(d.workbook.notes).toHaveLength(3000);
  });

  test("clearing marks (fill back, note deleted) and updating notes in place are estimated at or above what Office.js sends", async () => {
    const d = doubleWithSheets();
    const all = marks(3000);
    for (const m of all) d.workbook.notes.push({ sheet: d.sheet(m.sheet), row: Number(m.cell.slice(1)) - 1, col: 3, content: NOTE });
    const l = lookup();
    for (const m of all) l.texts.set(cellKey(m.sheet, m.cell), { ours: true });
    expectEstimates(await measure(d, (p) => { for (const m of all.slice(0, 1500)) queueClear(p, "notes", { ...m, fill: "FFE2EFDA" }, l, new Set()); }));
    expectEstimates(await measure(d, (p) => { for (const m of all.slice(1500)) queueMark(p, "notes", { ...m, note: `${NOTE} (mới)` }, l, new Set()); }));
    expect(d.workbook.notes).toHaveLength(1500);
  });

  test("blocks of cells, small and large, are estimated at or above what Office.js sends", async () => {
    const d = doubleWithSheets();
    expectEstimates(await measure(d, (p) => {
      for (let i = 0; i < 4000; i++) queueBlock(p, SHEETS[i % SHEETS.length]!, { address: `I${12 + Math.floor(i / SHEETS.length)}`, values: [[i / 7]], numberFormat: "0.00", bold: true });
      const values = Array.from({ length: 20_000 }, (_, r) => [`Đơn vị ${r}`, "=HUYỆN", r / 3]);
      queueBlock(p, SHEETS[0]!, { address: "A2", values });
    }));
  });

  test("charts are estimated at or above what Office.js sends (generously: a workbook has a handful)", async () => {
    const d = doubleWithSheets();
    d.addSheet("Kết quả", Array.from({ length: 40 }, (_, r) => [`Đơn vị ${r}`, r, r * 2, r * 3]));
    d.addSheet("Biểu đồ");
    expectEstimates(await measure(d, (p) => {
      for (let i = 0; i < 400; i++) {
        queueChart(p, "Biểu đồ", {
          name: `Biểu đồ ${i}`, kind: "stackedBar", title: "Điểm theo trụ cột", dataSheet: "Kết quả", categories: "A1:A40",
          series: [{ name: "Trụ cột 1", values: "B1:B40" }, { name: "Trụ cột 2", values: "C1:C40" }, { name: "Trụ cột 3", values: "D1:D40" }],
          from: `A${i * 20 + 1}`, to: `J${i * 20 + 18}`, xAxisTitle: "Đơn vị", yAxisTitle: "Điểm",
        } as never, undefined, { chartAxisPosition: true });
      }
    }), 3);
  });

  test("protected sheets unprotected and protected again in every request that writes on them are estimated at or above what Office.js sends", async () => {
    const d = doubleWithSheets();
    const options = { allowFormatColumns: true, allowFormatRows: true, allowInsertRows: false, selectionMode: "Normal" } as Excel.WorksheetProtectionOptions;
    for (const s of SHEETS) d.sheet(s).protection = { protected: true, options: { ...d.sheet(s).protection.options, ...options } as never, password: null };
    const guards = new Map(SHEETS.map((name) => [name.toLowerCase(), {
      name,
      open: (c: Excel.RequestContext) => sheetOf(c, name).protection.unprotect(),
      close: (c: Excel.RequestContext) => sheetOf(c, name).protection.protect(options),
      bytes: opBytes(1, 1) + opBytes(1, 1, options),
    }]));
    // Each sheet's cells are locked: a request that wrote without its unprotect would be refused.
    expectEstimates(await measure(d, (p) => {
      for (let i = 0; i < 6000; i++) queueBlock(p, SHEETS[Math.floor(i / 200)]!, { address: `I${12 + (i % 200)}`, values: [[i / 7]], numberFormat: "0.00", bold: true });
    }, { guards, first: [...guards.keys()] }));
    expect(SHEETS.every((s) => d.sheet(s).protection.protected)).toBe(true);
    expect(d.value(`'${SHEETS[29]}'!I211`)).toBe(5999 / 7);
  });
});
