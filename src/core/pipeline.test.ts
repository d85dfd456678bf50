import ExcelJS from "exceljs";
import { XlsxHost } from "../hosts/xlsx/host";
import { DEMO_DEFINITION, DEMO_UNITS, layoutAGrid } from "./plan/test-fixtures";
import { readIndexSheet } from "./plan/index-sheet";
import { PipelineError, resultsJson, runScoring } from "./pipeline";

async function layoutAFile(change?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const u of DEMO_UNITS) {
    const ws = wb.addWorksheet(u.code);
    layoutAGrid(u).forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
  }
  change?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function errorOf(p: Promise<unknown>): Promise<PipelineError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PipelineError) return e;
    throw e;
  }
  throw new Error("the run did not fail");
}

const base = { lang: "vi" as const, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") };

describe("runScoring", () => {
  test("scoring a workbook of unit sheets writes the results, the Điểm column and the stamp in one pass", async () => {
    const host = await XlsxHost.fromBuffer(await layoutAFile());
    const steps: string[] = [];
    const result = await runScoring(host, { ...base, definition: DEMO_DEFINITION, onProgress: (s) => steps.push(s) });
    expect(result.definitionSource).toBe("given");
    expect(result.layout).toBe("A");
    expect(result.table.units.map((u) => [u.code, u.points, u.rank])).toEqual([
      ["SO-01", 56.5, 1],
      ["SO-02", 33, 3],
      ["SO-03", 38, 2],
    ]);
    expect(steps[0]).toBe("read");
    expect(steps.at(-1)).toBe("done");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Kết quả")!.getCell("B4").value).toBe("SO-01");
    const so03 = wb.getWorksheet("SO-03")!;
    const scoreHeader = [...Array(12).keys()].map((c) => so03.getCell(6, c + 1).value).indexOf("Điểm") + 1;
    expect(scoreHeader).toBeGreaterThan(6);
    expect(so03.getCell(13, scoreHeader).value).toBe(24); // 2.1: 0.8 × 30
    expect(wb.getWorksheet("_index")!.state).toBe("veryHidden");
  });

  test("a scored workbook is scored again with the definition it keeps, and its Điểm column is reused", async () => {
    const first = await XlsxHost.fromBuffer(await layoutAFile());
    await runScoring(first, { ...base, definition: DEMO_DEFINITION });
    const second = await XlsxHost.fromBuffer(await first.toBuffer());
    const result = await runScoring(second, { ...base, lang: "en" });
    expect(result.definitionSource).toBe("embedded");
    expect(result.submissions.map((s) => s.code)).toEqual(["SO-01", "SO-02", "SO-03"]);
    const sheets = second.workbook.worksheets.map((w) => w.name);
    expect(sheets.filter((n) => n === "Results" || n === "Kết quả")).toEqual(["Results"]);
    const so03 = second.workbook.getWorksheet("SO-03")!;
    const headers = [...Array(12).keys()].map((c) => so03.getCell(6, c + 1).value);
    expect(headers.filter((h) => h === "Điểm" || h === "Score")).toHaveLength(1);
  });

  test("a unit's sheet called Kết quả is scored, on the first run and the next; only the sheets _index records are skipped", async () => {
    const file = await layoutAFile((wb) => {
      wb.getWorksheet("SO-01")!.name = "Kết quả";
    });
    const first = await XlsxHost.fromBuffer(file);
    const once = await runScoring(first, { ...base, definition: DEMO_DEFINITION });
    expect(once.submissions.map((s) => s.code)).toEqual(["SO-01", "SO-02", "SO-03"]);
    const owned = readIndexSheet(await first.read())!.owned.sheets;
    expect(owned).toContain("Kết quả (2)");
    expect(owned).not.toContain("Kết quả");
    const second = await XlsxHost.fromBuffer(await first.toBuffer());
    const again = await runScoring(second, { ...base });
    expect(again.definitionSource).toBe("embedded");
    // The results sheet written beside the unit's sheet is not read as a unit's data.
    expect(again.submissions.map((s) => s.code)).toEqual(["SO-01", "SO-02", "SO-03"]);
    expect(again.issues.map((i) => i.code)).not.toContain("duplicate-unit");
    expect(again.table.units.map((u) => u.points)).toEqual(once.table.units.map((u) => u.points));
  });

  test("without a definition and without one kept in the workbook the run stops with a reason", async () => {
    const e = await errorOf(runScoring(await XlsxHost.fromBuffer(await layoutAFile()), base));
    expect(e.code).toBe("definition-missing");
    expect(e.userMessage.vi).toContain("_index");
  });

  test("an invalid definition stops the run with the JSON path of the problem", async () => {
    const broken = { ...DEMO_DEFINITION, ranking: { decimals: "hai" } };
    const e = await errorOf(runScoring(await XlsxHost.fromBuffer(await layoutAFile()), { ...base, definition: broken }));
    expect(e.code).toBe("definition-invalid");
    expect(e.userMessage.en).toContain("ranking.decimals");
  });

  test("an invalid definition with several problems gives a one-line reason and carries every problem", async () => {
    const broken = {
      ...DEMO_DEFINITION,
      ranking: { decimals: "hai", exclude: ["SO"] },
      root: { ...DEMO_DEFINITION.root, children: [...DEMO_DEFINITION.root.children, { code: "1", name: "Trùng", max: 0, rule: { kind: "fraction" } }] },
    };
    const e = await errorOf(runScoring(await XlsxHost.fromBuffer(await layoutAFile()), { ...base, definition: broken }));
    expect(e.code).toBe("definition-invalid");
    expect(e.problems?.map((p) => [p.path, p.code])).toEqual([
      ["ranking.decimals", "invalid-type"],
      ["root.children[2].code", "duplicate-code"],
      ["ranking.exclude[0]", "ranking-exclude-case"],
    ]);
    expect(e.userMessage.vi).toMatch(/^Bộ chỉ số không hợp lệ: 3 lỗi; lỗi đầu tiên: ranking\.decimals: [^\n]*[^.]\.$/);
    expect(e.userMessage.en).not.toMatch(/\.\.|\.;|\)\./);
    expect(e.userMessage.en).not.toContain("more)");
  });

  test("the JSON results say why a unit is not ranked, in the chosen language, and say nothing for a ranked unit", async () => {
    const definition = { ...DEMO_DEFINITION, ranking: { exclude: ["SO-02"] } };
    const result = await runScoring(await XlsxHost.fromBuffer(await layoutAFile()), { ...base, definition, write: false });
    const units = (resultsJson(result, "vi") as { units: Record<string, unknown>[] }).units;
    const excluded = units.find((u) => u.code === "SO-02")!;
    expect(excluded).toMatchObject({
      ranked: false,
      rank: null,
      notRankedReason: "excluded",
      notRankedNote: "Không xếp hạng: đơn vị nằm trong danh sách loại trừ của bộ chỉ số",
    });
    const ranked = units.find((u) => u.code === "SO-01")!;
    expect(ranked.ranked).toBe(true);
    expect("notRankedReason" in ranked).toBe(false);
    expect("notRankedNote" in ranked).toBe(false);
  });

  test("a workbook with no submission in it stops the run as layout-not-found", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Trống").getCell("A1").value = "Không có gì ở đây";
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const e = await errorOf(runScoring(host, { ...base, definition: DEMO_DEFINITION }));
    expect(e.code).toBe("layout-not-found");
  });

  test("a table of units with its header row and no unit's row stops the run with an error naming the sheet and the header row", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Tổng hợp");
    ws.getCell("A1").value = "Số liệu năm 2024";
    ["Mã đơn vị", "Đơn vị", "1.1", "1.2.a", "1.2.b", "2.1"].forEach((h, c) => (ws.getCell(3, c + 1).value = h));
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()));
    const e = await errorOf(runScoring(host, { ...base, definition: DEMO_DEFINITION }));
    expect(e.code).toBe("layout-not-found");
    // The sentence the pane and the command line show, and the finding validate lists.
    expect(e.userMessage.vi).toBe(
      "Trang tính 'Tổng hợp', dòng 3: đây là dòng tiêu đề của bảng tổng hợp (cột Đơn vị và các cột mang mã số liệu) nhưng bên dưới không có dòng nào của đơn vị, nên chưa chấm được đơn vị nào; hãy nhập số liệu của mỗi đơn vị trên một dòng dưới dòng tiêu đề.",
    );
    expect(e.userMessage.en).toMatch(/^Sheet 'Tổng hợp', row 3: this is the header row of a table of units/);
    expect(e.found?.issues[0]).toEqual({ severity: "error", code: "layout-not-found", sheet: "Tổng hợp", cell: "A3", message: e.userMessage });
  });

  test("a definition kept in _index that is JSON but no definition is said to be no valid definition, with its first problem", async () => {
    const first = await XlsxHost.fromBuffer(await layoutAFile());
    await runScoring(first, { ...base, definition: DEMO_DEFINITION });
    const index = first.workbook.getWorksheet("_index")!;
    index.eachRow((row) => {
      if (row.getCell(1).value !== "definition") return;
      row.getCell(2).value = JSON.stringify({ ...DEMO_DEFINITION, ranking: { decimals: "hai" } });
      for (let c = 3; c <= row.cellCount; c++) row.getCell(c).value = null;
    });
    const e = await errorOf(runScoring(await XlsxHost.fromBuffer(await first.toBuffer()), base));
    expect(e.code).toBe("definition-invalid");
    expect(e.userMessage.vi).toMatch(/^Bộ chỉ số lưu trong trang _index không phải là định nghĩa bộ chỉ số hợp lệ: ranking\.decimals: .*\. Hãy chọn lại tệp định nghĩa bộ chỉ số \(--index\)\.$/);
    expect(e.userMessage.en).toMatch(/^The definition kept in the _index sheet is not a valid index definition: ranking\.decimals: .*\. Choose the definition file again \(--index\)\.$/);
    expect(e.userMessage.en).not.toContain("not readable JSON");
    expect(e.problems?.map((p) => p.path)).toEqual(["ranking.decimals"]);
  });

  test("a sheet of the user's named _Index stops scoring before anything is written, and checking still runs", async () => {
    const file = await layoutAFile((wb) => {
      const ws = wb.addWorksheet("_Index");
      ws.getCell("A1").value = "Mục lục của tôi";
      ws.getCell("B2").value = 42;
    });
    const host = await XlsxHost.fromBuffer(file);
    const e = await errorOf(runScoring(host, { ...base, definition: DEMO_DEFINITION }));
    expect(e.code).toBe("index-sheet-taken");
    expect(e.userMessage.vi).toContain("'_Index'");
    expect(e.userMessage.vi).toContain("đổi tên trang đó");
    expect(e.userMessage.en).toContain("rename that sheet");
    // Nothing written: the user's sheet as it was, no results sheet.
    expect(host.workbook.worksheets.map((w) => w.name)).toEqual(["SO-01", "SO-02", "SO-03", "_Index"]);
    expect(host.workbook.getWorksheet("_Index")!.getCell("A1").value).toBe("Mục lục của tôi");
    expect(host.workbook.getWorksheet("_Index")!.getCell("B2").value).toBe(42);
    // Checking writes nothing, so it runs.
    const checked = await runScoring(await XlsxHost.fromBuffer(file), { ...base, definition: DEMO_DEFINITION, write: false });
    expect(checked.table.units).toHaveLength(3);
    // An empty sheet of that name (in any case, as Excel compares sheet names) holds nothing to lose: the run takes it.
    const empty = await XlsxHost.fromBuffer(await layoutAFile((wb) => void wb.addWorksheet("_INDEX")));
    await runScoring(empty, { ...base, definition: DEMO_DEFINITION });
    expect(empty.workbook.worksheets.map((w) => w.name).filter((n) => n.toLowerCase() === "_index")).toEqual(["_index"]);
    expect(readIndexSheet(await empty.read())?.provenance).toBeDefined();
  });

  test("a run with write: false scores without touching the workbook", async () => {
    const host = await XlsxHost.fromBuffer(await layoutAFile());
    const result = await runScoring(host, { ...base, definition: DEMO_DEFINITION, write: false });
    expect(result.plan).toBeUndefined();
    expect(host.workbook.worksheets.map((w) => w.name)).toEqual(["SO-01", "SO-02", "SO-03"]);
    expect(readIndexSheet(await host.read())).toBeUndefined();
  });

  test("the JSON results follow the command line's contract, with issue messages in the chosen language", async () => {
    const file = await layoutAFile((wb) => {
      wb.getWorksheet("SO-02")!.getCell("D13").value = "#N/A";
    });
    const result = await runScoring(await XlsxHost.fromBuffer(file), { ...base, definition: DEMO_DEFINITION, write: false });
    const json = resultsJson(result, "en") as {
      index: { id: string; version: string };
      units: Record<string, unknown>[];
      issues: Record<string, unknown>[];
    };
    expect(json.index).toEqual({ id: "demo-dti", version: "2024" });
    expect(Object.keys(json.units[0]!).sort()).toEqual(
      ["code", "name", "category", "value", "points", "rank", "rankInCategory", "ranked", "coverage", "nodes"].sort(),
    );
    expect(json.units[0]).toMatchObject({ code: "SO-01", points: 56.5, rank: 1, ranked: true, coverage: 1, category: "so" });
    expect((json.units[0]!.nodes as Record<string, unknown>)["2.1"]).toEqual({ value: 0.95, points: 28.5, rank: null });
    const issue = json.issues.find((i) => i.unit === "SO-02" && i.cell === "D13");
    expect(issue).toBeDefined();
    expect(Object.keys(issue!).sort()).toEqual(["cell", "code", "message", "node", "severity", "sheet", "unit"]);
    expect(typeof issue!.message).toBe("string");
    expect(issue!.message).toBe(result.issues.find((i) => i.cell === "D13" && i.sheet === "SO-02")!.message.en);
  });
});

describe("figures the engine cannot use", () => {
  /** A layout-B workbook: one sheet "Số liệu" with a header row and one row per unit. */
  async function tableFile(rows: (string | number | null)[][]): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Số liệu");
    rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = v)));
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  const exprDefinition = (missing: "zero" | "exclude") => ({
    format: "index-definition/1",
    id: "thu",
    version: "1",
    name: "Thử",
    missing,
    root: {
      code: "R",
      name: "R",
      children: [
        { code: "1", name: "Tỷ lệ", max: 50, rule: { kind: "fraction" } },
        { code: "2.1", name: "Hiệu quả", max: 50, inputs: [{ code: "n" }, { code: "d" }], rule: { kind: "expr", expr: "MIN(1, [n] / [d])" } },
      ],
    },
  });
  const rows = [
    ["Mã đơn vị", "Đơn vị", "1", "n", "d"],
    ["H", "Trung thực", 0.9, 0, 10],
    ["Z", "Mẫu số 0", 0.9, 0, 0],
  ];

  test('an expression with no finite result is an error naming unit, indicator and cell, and scores 0 under missing "zero"', async () => {
    const host = await XlsxHost.fromBuffer(await tableFile(rows));
    const result = await runScoring(host, { ...base, definition: exprDefinition("zero"), write: false });
    expect(result.table.units.map((u) => [u.code, u.points, u.rank])).toEqual([
      ["H", 45, 1],
      ["Z", 45, 1],
    ]);
    const issue = result.issues.find((i) => i.code === "invalid-result")!;
    expect(issue).toMatchObject({ severity: "error", unit: "Z", node: "2.1", sheet: "Số liệu", cell: "E3" });
    expect(issue.message.vi).toBe(
      "Trang tính 'Số liệu', ô E3: không tính được chỉ tiêu 2.1 từ số liệu của đơn vị (phép chia cho 0: [d] bằng 0); chỉ tiêu được tính 0 điểm.",
    );
    expect(issue.message.en).toBe(
      "Sheet 'Số liệu', cell E3: indicator 2.1 cannot be computed from the unit's values (division by zero: [d] is 0); it scores 0.",
    );
    expect(result.issues.filter((i) => i.code === "invalid-result")).toHaveLength(1);
  });

  test('under missing "exclude" the indicator is left out, and the error says it is not scored', async () => {
    const host = await XlsxHost.fromBuffer(await tableFile(rows));
    const result = await runScoring(host, { ...base, definition: exprDefinition("exclude"), write: false });
    expect(result.table.units[1]!.nodes["2.1"]).toMatchObject({ available: false, reason: "invalid-result" });
    const issue = result.issues.find((i) => i.code === "invalid-result")!;
    expect(issue.message.vi).toContain("chỉ tiêu không được tính điểm.");
    expect(issue.message.en).toContain("it is not scored.");
  });

  test("points below 0 and percentages above 100% are out-of-range errors at their cells, not clipped silently", async () => {
    const definition = {
      format: "index-definition/1",
      id: "thu",
      version: "1",
      name: "Thử",
      root: {
        code: "R",
        name: "R",
        children: [
          { code: "f", name: "f", max: 10, rule: { kind: "fraction" } },
          { code: "p", name: "p", max: 10, rule: { kind: "points" } },
        ],
      },
    };
    const host = await XlsxHost.fromBuffer(await tableFile([["Mã đơn vị", "Đơn vị", "f", "p"], ["A", "Đơn vị A", "120%", -2]]));
    const result = await runScoring(host, { ...base, definition, write: false });
    const errors = result.issues.filter((i) => i.code === "out-of-range");
    expect(errors.map((i) => [i.cell, i.severity])).toEqual([
      ["C2", "error"],
      ["D2", "error"],
    ]);
    expect(errors[0]!.message.en).toBe(`Sheet 'Số liệu', cell C2: "120%" is out of range: the value must be between 0% and 100% (indicator f); check it and type it again.`);
    expect(errors[1]!.message.vi).toBe(`Trang tính 'Số liệu', ô D2: -2 nằm ngoài khoảng cho phép: số liệu phải từ 0 đến 10 (chỉ tiêu p); hãy kiểm tra và nhập lại.`);
  });
});
