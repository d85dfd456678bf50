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
import { BLOCK_BUDGET, opBytes, REQUEST_BUDGET, RESPONSE_BUDGET, RequestPacker, type Guarding } from "./payload";
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

  test("marks with threaded comments, each between the traces that say where a refused request stopped, are estimated at or above what Office.js sends", async () => {
    const d = doubleWithSheets();
    expectEstimates(await measure(d, (p) => { const l = lookup(); for (const m of marks(3000)) queueMark(p, "comments", m, l, new Set()); }));
    expect(d.workbook.comments).toHaveLength(3000);
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

describe("the request packer's budgets", () => {
  test("lookups whose answers add up past the response budget are sent in several requests, each answer under it, and every value comes back", async () => {
    const d = createExcelDouble().install();
    // Five ranges of about 1.2 MB of text each: 6 MB in all, over Excel's 5 MB response limit.
    const text = (r: number) => `${r}:`.padEnd(1200, "x");
    d.addSheet("Dữ liệu", Array.from({ length: 5000 }, (_, r) => [text(r)]));
    const packer = new RequestPacker();
    const loaded: Excel.Range[] = [];
    const inRequest: number[] = [];
    for (let i = 0; i < 5; i++) {
      packer.add(opBytes(2, 1), (ctx) => {
        inRequest.push(packer.requests);
        loaded.push(sheetOf(ctx, "Dữ liệu").getRange(`A${i * 1000 + 1}:A${i * 1000 + 1000}`).load("values"));
      }, { sheet: "Dữ liệu", response: 1.3 * 1024 * 1024 });
    }
    d.resetCounters();
    await Excel.run(async (ctx) => packer.flush(ctx));
    expect(d.requests.every((r) => r.ok)).toBe(true);
    // Three lookups' estimates (3.9 MB) fit the 4 MB budget, four do not.
    expect(inRequest).toEqual([0, 0, 0, 1, 1]);
    for (const r of d.requests) expect(r.responseBytes).toBeLessThanOrEqual(RESPONSE_BUDGET);
    expect(loaded.map((r) => r.values[999]![0])).toEqual([999, 1999, 2999, 3999, 4999].map(text));
  });

  test("a block of cells larger than a request can carry is written in pieces of at most BLOCK_BUDGET, all of it", async () => {
    const d = createExcelDouble().install();
    d.addSheet("Kết quả");
    // About 6 MB of values: more than Excel takes in one request (5 MB).
    const values = Array.from({ length: 5000 }, (_, r) => [`Đơn vị ${r}`.padEnd(600, "."), `Ghi chú ${r}`.padEnd(600, "-"), r / 3]);
    const packer = new RequestPacker();
    queueBlock(packer, "Kết quả", { address: "A2", values });
    d.resetCounters();
    // Sent one piece a request: each request is about one piece.
    await Excel.run(async (ctx) => packer.flush(ctx, undefined, 1));
    expect(d.requests.every((r) => r.ok)).toBe(true);
    expect(d.requests.length).toBeGreaterThanOrEqual(6);
    for (const r of d.requests) expect(r.bytes).toBeLessThanOrEqual(BLOCK_BUDGET + 4096);
    expect(d.value("'Kết quả'!A5001")).toBe(values[4999]![0]);
    expect(d.value("'Kết quả'!C5001")).toBe(4999 / 3);
    // Packed under the request budget as the host sends them: every request under it, all written.
    const d2 = createExcelDouble().install();
    d2.addSheet("Kết quả");
    const packed = new RequestPacker();
    queueBlock(packed, "Kết quả", { address: "A2", values });
    await Excel.run(async (ctx) => packed.flush(ctx));
    expect(d2.requests.every((r) => r.ok && r.bytes <= REQUEST_BUDGET)).toBe(true);
    expect(d2.value("'Kết quả'!B5001")).toBe(values[4999]![1]);
  });
});

describe("operations Excel may refuse (a comment on a cell that has a note) in a request that sends no traces back", () => {
  /** An Excel build that does not send back the traces it ran. */
  async function withoutTraces(body: () => Promise<void>): Promise<void> {
    const { RequestContext } = await import("../../../test/excel-double/api");
    const trace = RequestContext.prototype.trace;
    RequestContext.prototype.trace = function () {
      // Not sent back.
    };
    try {
      await body();
    } finally {
      RequestContext.prototype.trace = trace;
    }
  }

  function noted(): ExcelDouble {
    const d = createExcelDouble({ requirements: { ExcelApi: "1.17" } }).install();
    d.addSheet("Đơn vị 1", [["Mã", "Số liệu"]]);
    d.workbook.notes.push({ sheet: d.sheet("Đơn vị 1"), row: 4, col: 3, content: "Ghi chú của đơn vị" });
    return d;
  }

  const queueMarks = (packer: RequestPacker, l: MarkLookup) => {
    for (const cell of ["D4", "D5", "D6"]) queueMark(packer, "comments", { sheet: "Đơn vị 1", cell, severity: "error", note: NOTE }, l, new Set());
  };

  test("sent again whole, once, with every comment left out, when each of its other operations does the same sent twice", async () => {
    await withoutTraces(async () => {
      const d = noted();
      const packer = new RequestPacker();
      queueBlock(packer, "Đơn vị 1", { address: "E4", values: [[7]] });
      const l: MarkLookup = { ...lookup(), refused: { cells: [], untried: [] } };
      queueMarks(packer, l);
      await Excel.run(async (ctx) => packer.flush(ctx));
      expect(d.requests.map((r) => r.ok)).toEqual([false, true]);
      expect(d.value("'Đơn vị 1'!E4")).toBe(7);
      expect(["D4", "D5", "D6"].map((c) => d.cell(`'Đơn vị 1'!${c}`)?.fill)).toEqual(["#FFC7CE", "#FFC7CE", "#FFC7CE"]);
      // D4's comment went in before the refusal; none was sent twice.
      expect(d.workbook.comments.map((c) => c.row)).toEqual([3]);
      expect(l.refused?.unsaid).toEqual(["'Đơn vị 1'!D4", "'Đơn vị 1'!D5", "'Đơn vị 1'!D6"]);
    });
  });

  test("not sent again when one of its operations cannot be sent twice (a sheet added): the failure stands, and that operation ran once", async () => {
    await withoutTraces(async () => {
      const d = noted();
      const packer = new RequestPacker();
      packer.add(opBytes(1, 1, "Mới"), (ctx) => ctx.workbook.worksheets.add("Mới"));
      queueMarks(packer, lookup());
      const failed = await Excel.run(async (ctx) => packer.flush(ctx)).then(() => undefined, (e: { code?: string }) => e.code);
      expect(failed).toBe("InvalidOperation");
      expect(d.requests.map((r) => r.ok)).toEqual([false]);
      expect(d.workbook.sheets.filter((s) => s.name === "Mới")).toHaveLength(1);
    });
  });
});
