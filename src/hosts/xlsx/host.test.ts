import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseCell, rangeCells } from "../../core/plan/a1";
import { type IndexSheetState, readIndexSheet, staleUnits } from "../../core/plan/index-sheet";
import { CHART_NAMES, INDEX_SHEET, MARK_FILLS, MARK_NOTE_PREFIX, RESULTS_TABLE } from "../../core/plan/labels";
import { DEMO_DEFINITION, demoModel } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { findingWithoutLocation } from "../../core/finding-text";
import { readSubmissions } from "../../core/read";
import type { ChartKind, WorkbookSnapshot } from "../../core/types";
import { XlsxHost } from "./host";
import { parseRels, sheetParts } from "./ooxml";
import { snapshotWorkbook } from "./read";
import { addDemoForms, edit, open } from "./test-workbooks";

async function inputWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet("Hướng dẫn");
  notes.getCell("A1").value = "Phiếu tự đánh giá";
  notes.getCell("A2").value = { formula: "1+1", result: 2 };
  notes.getCell("B2").value = new Date(Date.UTC(2024, 0, 31));
  notes.getCell("C2").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
  notes.getCell("D2").value = { richText: [{ text: "Hạn " }, { text: "nộp", font: { bold: true } }] };
  notes.getCell("E2").value = { text: "Cổng", hyperlink: "https://example.vn" };
  addDemoForms(wb, (ws) => {
    ws.getCell("B1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    ws.getCell("E7").value = "Quyết định 12/QĐ-UBND";
  });
  // A user note on an input cell the project will mark: it must survive the mark and its removal.
  wb.getWorksheet("SO-03")!.getCell("D10").note = "Số liệu của văn thư";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** One scoring run over a file through the whole pipeline: the real reader, scoring, planning, this host. */
async function score(file: Uint8Array, lang: "vi" | "en" = "vi", kinds?: ChartKind[]) {
  const host = await XlsxHost.fromBuffer(file, "phieu.xlsx");
  const result = await runScoring(host, {
    definition: DEMO_DEFINITION,
    lang,
    projectVersion: "0.1.0",
    now: new Date("2024-06-01T00:00:00Z"),
    ...(kinds ? { charts: { kinds } } : {}),
  });
  return { out: await host.toBuffer(), plan: result.plan!, submissions: result.submissions, issues: result.issues };
}


function stateOf(wb: ExcelJS.Workbook): IndexSheetState {
  const state = readIndexSheet(snapshotWorkbook(wb));
  if (!state) throw new Error("no _index");
  return state;
}

/** Every cell value of a sheet by address, in a comparable form. */
function cellMap(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => out.set(cell.address, JSON.stringify(cell.value))),
  );
  return out;
}

function ownedCells(state: IndexSheetState, sheet: string): Set<string> {
  return new Set(state.owned.cells.filter((c) => c.sheet === sheet).flatMap((c) => c.ranges.flatMap(rangeCells)));
}

/**
 * A number typed into a cell the way Excel saves it: only that cell of the sheet's XML changes,
 * and the charts and drawings of the file stay (ExcelJS, used by `edit`, would drop them).
 */
async function typeNumberKeepingCharts(file: Uint8Array, sheet: string, cell: string, value: number): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const path = sheetParts(workbookXml, rels, "xl/workbook.xml").get(sheet)!;
  const xml = await zip.file(path)!.async("string");
  const re = new RegExp(`<c r="${cell}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
  const found = re.exec(xml);
  if (!found) throw new Error(`no cell ${sheet}!${cell}`);
  const style = /\bs="\d+"/.exec(found[1] ?? "")?.[0];
  zip.file(path, xml.replace(re, `<c r="${cell}"${style ? ` ${style}` : ""}><v>${value}</v></c>`));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** What a unit's official types into a cell of their sheet. */
function typeInto(sheet: string, cell: string, value: ExcelJS.CellValue): (wb: ExcelJS.Workbook) => void {
  return (wb) => {
    wb.getWorksheet(sheet)!.getCell(cell).value = value;
  };
}

/** Every chart of the file by the name of its anchor: the chart parts' XML (one entry per anchor). */
async function chartsByName(file: Uint8Array): Promise<Map<string, string[]>> {
  const zip = await JSZip.loadAsync(file);
  const out = new Map<string, string[]>();
  for (const path of Object.keys(zip.files).filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f))) {
    const drawing = await zip.file(path)!.async("string");
    const rels = (await zip.file(path.replace(/drawings\//, "drawings/_rels/") + ".rels")?.async("string")) ?? "";
    for (const anchor of drawing.match(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g) ?? []) {
      const name = /<xdr:cNvPr\b[^>]*?\bname="([^"]*)"/.exec(anchor)?.[1];
      const rid = /<c:chart\b[^>]*?\br:id="([^"]*)"/.exec(anchor)?.[1];
      if (name === undefined || rid === undefined) continue;
      const target = new RegExp(`<Relationship\\b[^>]*?\\bId="${rid}"[^>]*?\\bTarget="([^"]*)"`).exec(rels)?.[1]
        ?? new RegExp(`<Relationship\\b[^>]*?\\bTarget="([^"]*)"[^>]*?\\bId="${rid}"`).exec(rels)?.[1];
      const part = target === undefined ? undefined : zip.file(`xl/charts/${target.split("/").pop()}`);
      out.set(name, [...(out.get(name) ?? []), part ? await part.async("string") : "(missing part)"]);
    }
  }
  return out;
}

/** The numbers a chart part caches for its series. */
function cachedNumbers(chartXml: string): number[] {
  return [...chartXml.matchAll(/<c:numCache>([\s\S]*?)<\/c:numCache>/g)].flatMap((m) =>
    [...(m[1] ?? "").matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((v) => Number(v[1])),
  );
}

describe("XlsxHost", () => {
  test("reading a file gives values: formula results, text of rich text and links, ISO dates and error values", async () => {
    const host = await XlsxHost.fromBuffer(await inputWorkbook(), "phieu.xlsx");
    const snap: WorkbookSnapshot = await host.read();
    expect(snap.source).toBe("phieu.xlsx");
    const notes = snap.sheets.find((s) => s.name === "Hướng dẫn")!;
    expect(notes.values[1]).toEqual([2, "2024-01-31", { error: "#DIV/0!" }, "Hạn nộp", "Cổng"]);
    expect(snap.sheets.find((s) => s.name === "SO-01")!.values[7]!.slice(0, 4)).toEqual(["1.1", "Có kế hoạch chuyển đổi số", 10, true]);
    expect(snap.sheets.find((s) => s.name === "SO-01")!.fills).toEqual({ B1: "#FFFF00" });
  });

  test("a formula whose cached result is 0 or FALSE reads as 0 or FALSE, not as a blank cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = { formula: "D1-3", result: 7 };
    ws.getCell("B1").value = { formula: "1=2", result: true };
    ws.getCell("C1").value = { formula: "1+1", result: 2 };
    // Excel saves the cached 0 and FALSE as <v>0</v>; ExcelJS's cell.value leaves them out.
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const path = "xl/worksheets/sheet1.xml";
    const xml = (await zip.file(path)!.async("string")).replace("<v>7</v>", "<v>0</v>").replace(/(<c r="B1"[^>]*>.*?)<v>1<\/v>/, "$1<v>0</v>");
    zip.file(path, xml);
    const host = await XlsxHost.fromBuffer(await zip.generateAsync({ type: "uint8array" }));
    expect((await host.read()).sheets[0]!.values[0]).toEqual([0, false, 2]);
  });

  test("a figure a unit typed as a formula is read again by the next run from the scored file, with the same scores", async () => {
    const file = await edit(await inputWorkbook(), (wb) => {
      // 1.2.a of SO-02 (D10, 40 typed) as a formula with its cached result, as Excel saves it.
      wb.getWorksheet("SO-02")!.getCell("D10").value = { formula: "20*2", result: 40 };
    });
    const first = await score(file);
    const second = await score(first.out);
    const points = (r: typeof first) => r.submissions.map((s) => [s.code, s.values["1.2.a"]]);
    expect(points(second)).toEqual(points(first));
    expect(second.submissions.find((s) => s.code === "SO-02")!.values["1.2.a"]).toBe(40);
    expect(second.issues.filter((i) => i.code === "missing-input")).toEqual([]);
  });

  test("a figure written as a formula by a program that stores no result is named as such, not taken for a blank cell", async () => {
    const file = await edit(await inputWorkbook(), (wb) => {
      const ws = wb.getWorksheet("SO-02")!;
      // 1.2.a and 1.2.b: a shared formula, as programs write one for a column.
      ws.getCell("D10").value = { formula: "H10*0+40", shareType: "shared", ref: "D10:D11" } as unknown as ExcelJS.CellFormulaValue;
      ws.getCell("D11").value = { sharedFormula: "D10" } as ExcelJS.CellSharedFormulaValue;
    });
    const { issues } = await score(file);
    const at = (cell: string) => issues.find((i) => i.sheet === "SO-02" && i.cell === cell && i.code === "excel-error");
    expect(issues.filter((i) => i.sheet === "SO-02" && i.code === "missing-input")).toEqual([]);
    expect(at("D10")?.severity).toBe("error");
    expect(at("D10")?.message.vi).toContain("ô chứa công thức =H10*0+40 nhưng tệp không lưu kết quả của nó");
    expect(at("D10")?.message.en).toContain("open the file in Excel or LibreOffice, save it and score again");
    expect(at("D11")?.message.en).toContain("the formula =H11*0+40 ");
  });

  test("a scored file has a results table sorted by rank with number formats, and the Điểm column on every unit sheet", async () => {
    const { out } = await score(await inputWorkbook());
    const wb = await open(out);
    const results = wb.getWorksheet("Kết quả")!;
    expect(wb.worksheets[0]!.name).toBe("Kết quả");
    expect(results.getCell("A1").value).toContain("Bộ chỉ số thử nghiệm");
    expect([1, 2, 3, 4, 5, 6].map((c) => results.getCell(3, c).value)).toEqual([
      "Hạng",
      "Mã đơn vị",
      "Đơn vị",
      "Loại đơn vị",
      "Nhận thức số (giá trị)",
      "Nhận thức số (điểm)",
    ]);
    expect(results.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect([4, 5, 6].map((r) => results.getCell(r, 2).value)).toEqual(["SO-01", "SO-03", "SO-02"]);
    expect([4, 5, 6].map((r) => results.getCell(r, 1).value)).toEqual([1, 2, 3]);
    expect(results.getCell("E4").numFmt).toBe("0.0000");
    expect(results.getCell("F4").numFmt).toBe("0.00");
    const so03 = wb.getWorksheet("SO-03")!;
    expect(so03.getCell("G6").value).toBe("Điểm");
    expect([7, 8, 9, 13].map((r) => so03.getCell(r, 7).value)).toEqual([14, 0, 14, 24]);
    expect([so03.getCell("D1").value, so03.getCell("E1").value, so03.getCell("D2").value, so03.getCell("E2").value]).toEqual(["Tổng điểm", 38, "Hạng", "2/3"]);
    const zip = await JSZip.loadAsync(out);
    const tableParts = Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f));
    expect(tableParts).toHaveLength(1);
    const xml = await zip.file(tableParts[0]!)!.async("string");
    expect(xml).toContain(`name="${RESULTS_TABLE}"`);
    expect(xml).toContain('ref="A3:');
    const sheetXml = (
      await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")))
    ).join("");
    expect(sheetXml).toContain("colorScale");
    expect(sheetXml).toContain("dataBar");
  });

  test("the _index sheet is very hidden and holds the definition and the provenance stamp", async () => {
    const { out, submissions } = await score(await inputWorkbook());
    const wb = await open(out);
    expect(wb.getWorksheet(INDEX_SHEET)!.state).toBe("veryHidden");
    const state = stateOf(wb);
    expect(JSON.parse(state.definitionJson!).id).toBe("demo-dti");
    expect(state.provenance!.projectVersion).toBe("0.1.0");
    expect(staleUnits(state, submissions)).toEqual({ changed: [], added: [], removed: [] });
  });

  test("a unit named like a formula stays text in the written file", async () => {
    const { out } = await score(await inputWorkbook());
    const wb = await open(out);
    const results = wb.getWorksheet("Kết quả")!;
    const cell = results.getCell("C6");
    expect(cell.value).toBe('=HYPERLINK("http://x","y")');
    expect(cell.formula).toBeUndefined();
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    const charts = wb.getWorksheet("Biểu đồ")!;
    const chartCells: ExcelJS.Cell[] = [];
    charts.eachRow((row) => row.eachCell((c) => chartCells.push(c)));
    expect(chartCells.some((c) => c.value === '=HYPERLINK("http://x","y")')).toBe(true);
    // No formula but the status line's above the charts (A1), the project's own.
    expect(chartCells.filter((c) => c.formula !== undefined).map((c) => c.address)).toEqual(["A1"]);
  });

  test("a second run after one input changed rewrites only owned cells and duplicates no sheet, table or chart", async () => {
    const first = await score(await inputWorkbook());
    const changed = await typeNumberKeepingCharts(first.out, "SO-02", "D10", 60);
    const before = await open(changed);
    expect(staleUnits(stateOf(before), readSubmissions(demoModel(), snapshotWorkbook(before)).submissions).changed).toEqual(["SO-02"]);
    const second = await score(changed);
    const after = await open(second.out);
    const state = stateOf(after);

    expect(after.worksheets.map((w) => w.name)).toEqual(["Kết quả", "Biểu đồ", "Hướng dẫn", "SO-01", "SO-02", "SO-03", INDEX_SHEET]);
    for (const w of after.worksheets) if (!state.owned.sheets.includes(w.name)) {
      const owned = ownedCells(state, w.name);
      const a = cellMap(before.getWorksheet(w.name)!);
      const b = cellMap(w);
      const keys = new Set([...a.keys(), ...b.keys()].filter((k) => !owned.has(k)));
      for (const k of keys) expect([w.name, k, b.get(k)]).toEqual([w.name, k, a.get(k)]);
    }
    // The changed input moved SO-02's score: 60/100 × 20 = 12.
    expect(after.getWorksheet("SO-02")!.getCell("G9").value).toBe(12);
    expect(after.getWorksheet("SO-02")!.getCell("E1").value).toBe(37);

    const zip = await JSZip.loadAsync(second.out);
    expect(Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f))).toHaveLength(1);
    const chartParts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(chartParts).toHaveLength(3);
    const names = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string")),
    );
    const all = names.join("");
    for (const n of Object.values(CHART_NAMES)) expect(all.split(`name="${n}"`).length - 1).toBe(1);
  });

  test("issue marks set a fill and a note, keep the user's note, and a later run without the issue removes them", async () => {
    // SO-02 typed text into a number cell; SO-03's cell shows an Excel error.
    const faulty = await edit(await inputWorkbook(), (wb) => {
      typeInto("SO-02", "D10", "abc")(wb);
      typeInto("SO-03", "D10", { error: "#DIV/0!" } as ExcelJS.CellErrorValue)(wb);
    });
    const first = await score(faulty);
    expect(first.issues.map((i) => [i.code, i.severity, i.sheet, i.cell])).toEqual([
      ["not-a-number", "error", "SO-02", "D10"],
      ["excel-error", "error", "SO-03", "D10"],
    ]);
    const marked = await open(first.out);
    const cell = marked.getWorksheet("SO-02")!.getCell("D10");
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(MARK_FILLS.error);
    expect(String(cell.note)).toContain(MARK_NOTE_PREFIX);
    // The sentence without its place ("Trang tính 'SO-02', ô D10: "): the note is on that cell.
    expect(String(cell.note)).toContain(findingWithoutLocation({ message: first.issues[0]!.message, sheet: "SO-02", cell: "D10" }, "vi"));
    expect(String(cell.note)).not.toContain("ô D10:");
    expect(String(cell.note)).toContain('"abc"');
    const withUserNote = marked.getWorksheet("SO-03")!.getCell("D10");
    expect(String(withUserNote.note)).toContain("Số liệu của văn thư");
    expect(String(withUserNote.note)).toContain(MARK_NOTE_PREFIX);
    expect(String(withUserNote.note)).toContain("#DIV/0!");

    // Both corrected: the next run finds nothing and takes its marks away.
    const corrected = await edit(first.out, (wb) => {
      typeInto("SO-02", "D10", 40)(wb);
      typeInto("SO-03", "D10", 70)(wb);
    });
    const second = await score(corrected);
    expect(second.issues).toEqual([]);
    const clean = await open(second.out);
    const after = clean.getWorksheet("SO-02")!.getCell("D10");
    expect(after.note).toBeUndefined();
    expect((after.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    expect(clean.getWorksheet("SO-03")!.getCell("D10").note).toBe("Số liệu của văn thư");
    expect(stateOf(clean).marks).toEqual([]);
  });

  test("a mark on a cell with its own fill gives that fill back when removed", async () => {
    const file = await edit(await inputWorkbook(), (wb) => {
      wb.getWorksheet("SO-01")!.getCell("D8").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } };
      typeInto("SO-01", "D8", "chưa rõ")(wb); // 1.1 is yes or no
    });
    const first = await score(file);
    expect(first.issues.map((i) => [i.code, i.cell])).toEqual([["not-a-boolean", "D8"]]);
    // Marked twice in a row: the recorded fill is still the user's, not the mark's.
    const again = await score(first.out);
    expect(again.issues.map((i) => [i.code, i.cell])).toEqual([["not-a-boolean", "D8"]]);
    expect(((await open(again.out)).getWorksheet("SO-01")!.getCell("D8").fill as ExcelJS.FillPattern).fgColor?.argb).toBe(MARK_FILLS.error);
    const cleared = await score(await edit(again.out, typeInto("SO-01", "D8", "Có")));
    expect(cleared.issues).toEqual([]);
    const fill = (await open(cleared.out)).getWorksheet("SO-01")!.getCell("D8").fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe("FF00B050");
  });

  test("scoring in English after Vietnamese replaces the Vietnamese sheets instead of adding a second set", async () => {
    const first = await score(await inputWorkbook(), "vi");
    const second = await score(first.out, "en");
    const wb = await open(second.out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain("Results");
    expect(names).not.toContain("Kết quả");
    expect(names).not.toContain("Biểu đồ");
    expect(names.filter((n) => n === INDEX_SHEET)).toHaveLength(1);
  });

  test("a chart not chosen this run stays as the last run left it, and the chosen one is updated in place", async () => {
    const first = await score(await inputWorkbook());
    const before = await chartsByName(first.out);
    expect([...before.keys()].sort()).toEqual(Object.values(CHART_NAMES).sort());
    expect(cachedNumbers(before.get(CHART_NAMES.total)![0]!)).toEqual([56.5, 38, 33]);

    // SO-02 corrects 1.2.a (40 → 60: 12 points instead of 8), and only the bar chart is chosen.
    const changed = await typeNumberKeepingCharts(first.out, "SO-02", "D10", 60);
    expect([...(await chartsByName(changed)).keys()].sort()).toEqual(Object.values(CHART_NAMES).sort());
    const second = await score(changed, "vi", ["barSorted"]);
    expect(second.plan.owned.flatMap((o) => o.charts).map((c) => c.name)).toEqual([CHART_NAMES.total]);
    const after = await chartsByName(second.out);
    for (const name of Object.values(CHART_NAMES)) expect([name, after.get(name)?.length]).toEqual([name, 1]);
    expect(cachedNumbers(after.get(CHART_NAMES.total)![0]!)).toEqual([56.5, 38, 37]);
    expect(after.get(CHART_NAMES.groups)).toEqual(before.get(CHART_NAMES.groups));
    expect(after.get(CHART_NAMES.profile)).toEqual(before.get(CHART_NAMES.profile));
    const zip = await JSZip.loadAsync(second.out);
    expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(3);

    // A third run with every chart updates the three charts, still one of each.
    const third = await chartsByName((await score(second.out)).out);
    for (const name of Object.values(CHART_NAMES)) expect([name, third.get(name)?.length]).toEqual([name, 1]);
    expect(third.get(CHART_NAMES.groups)).not.toEqual(before.get(CHART_NAMES.groups));
  });

  test("the plan's font sizes, row heights and print setup are in the written file, on the first run and on a rescore", async () => {
    const first = await score(await inputWorkbook());
    const second = await score(first.out);
    for (const run of [first, second]) {
      const wb = await open(run.out);
      const owned = run.plan.owned;
      // The plan asks for each of them, so the checks below cannot pass on an empty plan.
      expect(owned.some((o) => o.blocks.some((b) => b.fontSize !== undefined))).toBe(true);
      expect(owned.filter((o) => (o.rowHeights ?? []).length > 0).map((o) => o.name)).toEqual(["Kết quả", "Biểu đồ"]);
      expect(owned.filter((o) => o.print?.repeatRows).map((o) => o.name)).toEqual(["Kết quả"]);
      for (const o of owned) {
        const ws = wb.getWorksheet(o.name)!;
        for (const b of o.blocks.filter((x) => x.fontSize !== undefined)) {
          const { row, column } = parseCell(b.address);
          b.values.forEach((line, r) => line.forEach((_, c) => expect([o.name, r, c, ws.getCell(row + r, column + c).font?.size]).toEqual([o.name, r, c, b.fontSize])));
        }
        for (const h of o.rowHeights ?? []) expect([o.name, h.row, ws.getRow(h.row).height]).toEqual([o.name, h.row, h.height]);
        if (!o.print) continue;
        expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: o.print.orientation });
        if (o.print.fitToWidth) expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
        const { repeatRows } = o.print;
        expect(ws.pageSetup.printTitlesRow).toBe(repeatRows ? `${repeatRows.first}:${repeatRows.last}` : undefined);
      }
      // One print-titles name, scoped to the results sheet (the first sheet), however often it was rewritten.
      const workbookXml = await (await JSZip.loadAsync(run.out)).file("xl/workbook.xml")!.async("string");
      const titles = [...workbookXml.matchAll(/<definedName name="_xlnm.Print_Titles" localSheetId="(\d+)">([^<]*)</g)].map((m) => [m[1], m[2]]);
      expect(titles).toEqual([["0", "&apos;Kết quả&apos;!$3:$3"]]);
    }
  });

  test("fonts written without a face or a size (as an earlier version wrote its forms) get Calibri 11, the rest of each font kept", async () => {
    const file = await edit(await inputWorkbook(), (wb) => {
      const ws = wb.getWorksheet("SO-02")!;
      ws.getCell("A1").font = { bold: true };
      // An empty input cell and an empty Điểm cell: filled later, they show their font then.
      ws.getCell("D4").font = { italic: true, color: { argb: "FF595959" } };
      ws.getCell("I4").font = { bold: true, size: 13 };
    });
    const { out } = await score(file);
    const styles = await (await JSZip.loadAsync(out)).file("xl/styles.xml")!.async("string");
    const fonts = [...styles.matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]!);
    for (const f of fonts) expect([f, /<name val="[^"]+"\/>/.test(f) && /<sz val="[\d.]+"\/>/.test(f)]).toEqual([f, true]);
    const ws = (await open(out)).getWorksheet("SO-02")!;
    expect(ws.getCell("A1").font).toMatchObject({ bold: true, name: "Calibri", size: 11 });
    expect(ws.getCell("D4").font).toMatchObject({ italic: true, name: "Calibri", size: 11, color: { argb: "FF595959" } });
    expect(ws.getCell("I4").font).toMatchObject({ bold: true, name: "Calibri", size: 13 });
  });

  test("a form a password protects keeps its cells and marks, `_index` still records them, and the next run after unprotecting clears them", async () => {
    const first = await score(await edit(await inputWorkbook(), typeInto("SO-02", "D10", "abc")));
    expect(first.issues.map((i) => [i.sheet, i.cell])).toEqual([["SO-02", "D10"]]);
    // The unit corrects the figure, then protects its form with a password.
    const wb = await open(await edit(first.out, typeInto("SO-02", "D10", 40)));
    await wb.getWorksheet("SO-02")!.protect("bí mật", {});
    const locked = new Uint8Array(await wb.xlsx.writeBuffer());
    const before = await open(locked);

    const host = await XlsxHost.fromBuffer(locked, "phieu.xlsx");
    const second = await runScoring(host, { definition: DEMO_DEFINITION, lang: "en", projectVersion: "0.1.0", now: new Date("2024-06-02T00:00:00Z") });
    expect(second.issues).toEqual([]);
    expect(host.lastApply?.skippedSheets).toEqual(["SO-02"]);
    expect(host.lastApply?.warnings.map((w) => w.en)).toEqual([
      "The sheet 'SO-02' is protected with a password, so its scores and marks were not written. Unprotect the sheet (in Excel: Review > Unprotect Sheet; in LibreOffice: untick Tools > Protect Sheet) and score again; the other sheets were written in full.",
    ]);
    const written = await open(await host.toBuffer());
    const form = written.getWorksheet("SO-02")!;
    // Its values (the Điểm of the first run), its mark's fill and note, as they were.
    expect(cellMap(form)).toEqual(cellMap(before.getWorksheet("SO-02")!));
    expect(String(form.getCell("D10").note)).toContain(MARK_NOTE_PREFIX);
    expect((form.getCell("D10").fill as ExcelJS.FillPattern).fgColor?.argb).toBe(MARK_FILLS.error);
    expect((form as unknown as { sheetProtection?: { hashValue?: string } }).sheetProtection?.hashValue).toBeDefined();
    // `_index` still names the mark that is there, so that it can be taken away later; the other
    // forms and the results are written (in English this time).
    expect(stateOf(written).marks).toEqual([expect.objectContaining({ sheet: "SO-02", cell: "D10" })]);
    expect(written.getWorksheet("Results")).toBeDefined();

    written.getWorksheet("SO-02")!.unprotect();
    const third = await score(new Uint8Array(await written.xlsx.writeBuffer()), "en");
    const cleared = (await open(third.out)).getWorksheet("SO-02")!.getCell("D10");
    expect(cleared.note).toBeUndefined();
    expect((cleared.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBeUndefined();
    expect(stateOf(await open(third.out)).marks).toEqual([]);
  });
});
