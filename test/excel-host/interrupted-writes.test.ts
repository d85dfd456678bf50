/**
 * A write Excel refuses part-way: the user starts typing in a cell (InvalidOperationInCellEditMode)
 * or switches to another workbook (InactiveWorkbook) between two of the write's requests. Every
 * form that was protected must still be protected afterwards, and the next run must write it.
 */
import { runScoring } from "../../src/core/pipeline";
import type { WritePlan } from "../../src/core/types";
import { ExcelHost } from "../../src/hosts/excel";
import { createExcelDouble, type ExcelDouble, type RefusalCode } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const SHEETS = Array.from({ length: 16 }, (_, i) => `Đơn vị ${i + 1}`);
const OPTIONS = { allowFormatColumns: true, allowFormatRows: true, selectionMode: "Normal" } as const;
const ROWS = 4000;
/** About 100 characters of an item's name, as a form's rows carry. */
const ITEM = "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trực tuyến toàn trình trên Cổng dịch vụ công";

/** Sheets protected without a password (as the project's forms are), each to get a large block of text. */
async function protectedWorkbook(requirements?: Record<string, string>): Promise<ExcelDouble> {
  const d = createExcelDouble(requirements ? { requirements } : {}).install();
  for (const s of SHEETS) d.addSheet(s, [["Mã", "Số liệu", "Điểm"]]);
  await Excel.run(async (ctx) => {
    for (const s of SHEETS) ctx.workbook.worksheets.getItem(s).protection.protect(OPTIONS);
    await ctx.sync();
  });
  d.resetCounters();
  return d;
}

/** A write of about 10 MB: three requests or more, each sheet's block on locked cells. */
function bigPlan(tag: string): WritePlan {
  return {
    lang: "vi",
    owned: [],
    edits: SHEETS.map((sheet) => ({
      sheet,
      blocks: [{ address: "A2", values: Array.from({ length: ROWS }, (_, r) => [`${tag} dòng ${r + 1} của ${sheet}`, ITEM, r / 2]) }],
    })),
    marks: [],
    clearMarks: [],
  };
}

/** The number, counted from 1, of the `n`-th write request (calculation suspended) the plan takes on a fresh workbook. */
async function writeRequestNumber(plan: WritePlan, n: number): Promise<number> {
  const d = await protectedWorkbook();
  await new ExcelHost().apply(plan);
  const writes = d.requests.map((r, i) => (r.calculationSuspended ? i + 1 : 0)).filter(Boolean);
  expect(writes.length).toBeGreaterThanOrEqual(3);
  return writes[n - 1]!;
}

function protections(d: ExcelDouble): { protected: boolean; allowFormatColumns: boolean; password: unknown }[] {
  return SHEETS.map((s) => ({ protected: d.sheet(s).protection.protected, allowFormatColumns: d.sheet(s).protection.options.allowFormatColumns, password: d.sheet(s).protection.password }));
}

const allProtected = SHEETS.map(() => ({ protected: true, allowFormatColumns: true, password: null }));

async function errorCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe("a write that Excel refuses part-way", () => {
  test.each<[RefusalCode, Record<string, string> | undefined]>([
    ["InactiveWorkbook", undefined],
    ["InvalidOperationInCellEditMode", { ExcelApi: "1.10" }],
  ])("%s from the second write request on (the recovery refused too) leaves every sheet protected, and the next write completes", async (code, requirements) => {
    const at = await writeRequestNumber(bigPlan("a"), 2);
    const d = await protectedWorkbook(requirements);
    d.refuseRequests(code, { at, count: Infinity });
    expect(await errorCode(new ExcelHost().apply(bigPlan("a")))).toBe(code);
    expect(protections(d)).toEqual(allProtected);
    // The first write request went through whole: its sheets are written and protected again.
    expect(d.value(`'${SHEETS[0]}'!A2`)).toBe(`a dòng 1 của ${SHEETS[0]}`);
    expect(d.value(`'${SHEETS[SHEETS.length - 1]}'!A2`)).toBe("");

    d.stopRefusing();
    const host = new ExcelHost();
    await host.apply(bigPlan("b"));
    expect(protections(d)).toEqual(allProtected);
    for (const s of SHEETS) expect(d.value(`'${s}'!A${ROWS + 1}`)).toBe(`b dòng ${ROWS} của ${s}`);
    expect(host.lastApply?.warnings).toEqual([]);
  }, 120_000);

  test("refused at the first write request, nothing is written and every sheet stays protected", async () => {
    const at = await writeRequestNumber(bigPlan("a"), 1);
    const d = await protectedWorkbook();
    d.refuseRequests("InactiveWorkbook", { at });
    expect(await errorCode(new ExcelHost().apply(bigPlan("a")))).toBe("InactiveWorkbook");
    expect(protections(d)).toEqual(allProtected);
    expect(SHEETS.every((s) => d.value(`'${s}'!A2`) === "")).toBe(true);
  }, 120_000);

  test("on ExcelApi 1.11 or later a request made while the user types in a cell waits for the cell, and the write completes", async () => {
    const at = await writeRequestNumber(bigPlan("a"), 2);
    const d = await protectedWorkbook({ ExcelApi: "1.11" });
    d.refuseRequests("InvalidOperationInCellEditMode", { at, count: Infinity });
    await new ExcelHost().apply(bigPlan("a"));
    expect(d.requests.every((r) => r.ok)).toBe(true);
    expect(protections(d)).toEqual(allProtected);
    for (const s of SHEETS) expect(d.value(`'${s}'!A${ROWS + 1}`)).toBe(`a dòng ${ROWS} của ${s}`);
  }, 120_000);

  test("scoring forms while the user works in another workbook: the forms stay protected, and the next scoring writes their Điểm column", async () => {
    const now = new Date("2026-01-15T08:00:00Z");
    const { double, definition } = await layoutAWorkbook(4, { via: "insert" });
    double.install();
    const forms = double.workbook.sheets.filter((s) => s.protection.protected);
    expect(forms.length).toBe(4);
    const options = forms.map((s) => ({ ...s.protection.options }));
    // A dry run on the same workbook tells which request is the first write.
    const dry = await layoutAWorkbook(4, { via: "insert" });
    dry.double.install();
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    const firstWrite = dry.double.requests.findIndex((r) => r.calculationSuspended) + 1;
    expect(firstWrite).toBeGreaterThan(0);

    double.install();
    double.refuseRequests("InactiveWorkbook", { at: firstWrite, count: Infinity });
    await expect(runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now })).rejects.toMatchObject({ code: "InactiveWorkbook" });
    expect(forms.map((s) => s.protection.protected)).toEqual([true, true, true, true]);

    double.stopRefusing();
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    expect(forms.map((s) => s.protection.protected)).toEqual([true, true, true, true]);
    expect(forms.map((s) => s.protection.options)).toEqual(options);
    // Each form's Điểm column has its scores now.
    for (const s of forms) {
      const header = [...s.cells].find(([, c]) => c.v === "Điểm")!;
      const col = header[0] % 16384;
      const row = Math.floor(header[0] / 16384);
      expect([...s.cells].filter(([k, c]) => k % 16384 === col && Math.floor(k / 16384) > row && typeof c.v === "number").length).toBeGreaterThan(3);
    }
  }, 120_000);
});
