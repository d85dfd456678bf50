/**
 * The scored workbook is emailed to people who open it without the add-in: its results sheet and
 * charts must be readable and printable as written. Checked on the demo's real workbook.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { DEMO_UNITS, fillDemoWorkbook } from "../../cli/demo";
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";
import { wrappedLines } from "../../core/plan/layout";

const builtin = findBuiltin("dti-so-nganh-mau")!;

async function scoredWorkbook(): Promise<Uint8Array> {
  const parsed = parseDefinition(builtin.definition);
  if (!parsed.ok) throw new Error("the department sample does not parse");
  const template = await makeTemplate(parsed.model, DEMO_UNITS, { lang: "vi" });
  const host = await XlsxHost.fromBuffer(await fillDemoWorkbook(parsed.model, template), "so-lieu.xlsx");
  await runScoring(host, { definition: builtin.definition, lang: "vi", projectVersion: "test", write: true, now: new Date("2024-12-01T00:00:00Z") });
  return host.toBuffer();
}

/** The cell box (0-based columns and rows, `to` exclusive) of every chart anchor in a drawing. */
function anchorBoxes(drawing: string): { name: string; left: number; top: number; right: number; bottom: number }[] {
  return [...drawing.matchAll(/<xdr:twoCellAnchor\b[\s\S]*?<\/xdr:twoCellAnchor>/g)].map((m) => {
    const num = (re: RegExp) => Number(re.exec(m[0])?.[1]);
    return {
      name: /<xdr:cNvPr\b[^>]*?\bname="([^"]*)"/.exec(m[0])?.[1] ?? "",
      left: num(/<xdr:from><xdr:col>(\d+)/),
      top: num(/<xdr:from>[\s\S]*?<xdr:row>(\d+)/),
      right: num(/<xdr:to><xdr:col>(\d+)/),
      bottom: num(/<xdr:to>[\s\S]*?<xdr:row>(\d+)/),
    };
  });
}

describe("the scored workbook as a reader without the add-in sees it", () => {
  let data: Uint8Array;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    data = await scoredWorkbook();
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  }, 60_000);

  test("the results sheet shows every unit's full name and prints on landscape A4, several pages wide for the sample's six groups with each unit's rank, code, name and category (it ranks within categories) on each and every group whole on one page, its header row on every page", async () => {
    const ws = wb.getWorksheet("Kết quả")!;
    const longest = Math.max(...DEMO_UNITS.map((u) => u.name.length));
    expect(longest).toBeGreaterThan(32);
    // Column C holds the unit names, D their categories: each whole, on one line or wrapped (on two
    // at most) in a row tall enough for its lines (15 points each).
    for (let row = 4; row < 4 + DEMO_UNITS.length; row++) {
      for (const column of [3, 4]) {
        const cell = ws.getCell(row, column);
        const lines = wrappedLines(String(cell.value), ws.getColumn(column).width ?? 0);
        expect([cell.address, lines <= 2, lines === 1 || (cell.alignment?.wrapText === true && (ws.getRow(row).height ?? 0) >= lines * 15)]).toEqual([cell.address, true, true]);
      }
    }
    expect(DEMO_UNITS.map((u) => u.name)).toContain(ws.getCell("C4").value);
    // The header row is tall enough for its wrapped headers (two lines at least).
    expect(ws.getRow(3).height ?? 0).toBeGreaterThanOrEqual(30);
    expect(ws.getCell("E3").alignment?.wrapText).toBe(true);
    // Not fitted to pages wide (Excel and LibreOffice would ignore the breaks) but at a scale of 70% or more.
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToPage: false });
    expect(ws.pageSetup.scale).toBeGreaterThanOrEqual(70);
    expect(ws.pageSetup.scale).toBeLessThanOrEqual(100);
    expect(ws.pageSetup.printTitlesRow).toBe("3:3");
    expect(ws.pageSetup.printTitlesColumn).toBe("A:D");
    expect(ws.getCell("D3").value).toBe("Loại đơn vị");
    // A page starts before a group's value, the totals or the coverage, never between a group's value, points and rank.
    const zip = await JSZip.loadAsync(data);
    const xml = await zip.file(await sheetPart(zip, "Kết quả"))!.async("string");
    const breaks = [...(/<colBreaks count="(\d+)" manualBreakCount="\1">([\s\S]*?)<\/colBreaks>/.exec(xml)?.[2] ?? "").matchAll(/<brk id="(\d+)" max="1048575" man="1"\/>/g)].map((m) => Number(m[1]));
    // Four pages across (three groups a page, then the totals with the rank in the category, then the
    // coverage, counts and note), not five: the name column narrowed so that its longest names wrap.
    expect(breaks).toHaveLength(3);
    const header = (column: number) => String(ws.getRow(3).getCell(column).value);
    // A break's id is the last column of the page before it: the page after it starts a column later.
    for (const id of breaks) expect([id, /\(giá trị\)$|^Tổng điểm$|^Tỷ lệ chỉ tiêu có số liệu$/.test(header(id + 1))]).toEqual([id, true]);
    // Each page's columns, the repeated A–D with them, fit a landscape page at the scale in the widest
    // face a reader shows Calibri in (7 points a character width; Excel's Calibri takes 5.25).
    const width = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ws.getColumn(from + i).width ?? 9).reduce((a, b) => a + b, 0);
    const last = ws.getRow(3).cellCount;
    const starts = [5, ...breaks.map((id) => id + 1)];
    starts.forEach((start, p) => {
      const page = width(1, 4) + width(start, (starts[p + 1] ?? last + 1) - 1);
      expect([p + 1, (page * 7 * ws.pageSetup.scale!) / 100 <= 784]).toEqual([p + 1, true]);
    });
    // And one page down: the rows, down to the line under the table, within the 523 points a landscape
    // A4 page prints between its margins (0.5 inch each) at the scale. The names wrapped in every row
    // would take a second page.
    const bottom = ws.actualRowCount;
    expect(bottom).toBeGreaterThan(3 + DEMO_UNITS.length);
    const height = Array.from({ length: bottom }, (_, r) => ws.getRow(r + 1).height ?? 15).reduce((a, b) => a + b, 0);
    expect((height * ws.pageSetup.scale!) / 100).toBeLessThanOrEqual(523);
  });

  test("the results sheet's number columns have their headers right-aligned over the numbers, and ranks sit centred clear of the codes", () => {
    const ws = wb.getWorksheet("Kết quả")!;
    const header = ws.getRow(3);
    const column = (title: string) => {
      let found = 0;
      header.eachCell((c, i) => {
        if (c.value === title) found = i;
      });
      if (found === 0) throw new Error(`no column ${title}`);
      return found;
    };
    for (const title of ["Tổng điểm", "Giá trị", "Tỷ lệ chỉ tiêu có số liệu"]) {
      expect([title, header.getCell(column(title)).alignment?.horizontal]).toEqual([title, "right"]);
      // The numbers under it are right-aligned too (Excel's and LibreOffice's default for numbers).
      expect(ws.getCell(4, column(title)).alignment?.horizontal ?? "right").toBe("right");
    }
    expect(header.getCell(column("Hạng")).alignment?.horizontal).toBe("center");
    // The counts of issues are centred, header and numbers, clear of the note's text right of them ("3Không xếp hạng…").
    for (const title of ["Số lỗi", "Số cảnh báo"]) {
      expect([title, header.getCell(column(title)).alignment?.horizontal, ws.getCell(4, column(title)).alignment?.horizontal]).toEqual([title, "center", "center"]);
    }
    expect(ws.getCell(4, column("Hạng")).alignment?.horizontal).toBe("center");
    expect(ws.getCell(4, column("Hạng")).value).toBe(1);
    for (const title of ["Mã sở, ban, ngành", "Sở, ban, ngành"]) expect(header.getCell(column(title)).alignment?.horizontal).toBeUndefined();
    // Centred, so that it does not run into the right-aligned "Số cảnh báo" beside it in print.
    expect(header.getCell(column("Ghi chú")).alignment?.horizontal).toBe("center");
    // The header keeps its wrapping and its look.
    expect(header.getCell(column("Số cảnh báo")).alignment?.wrapText).toBe(true);
    expect(header.getCell(column("Số cảnh báo")).font?.bold).toBe(true);
  });

  test("the three charts are stacked one under the other, each about a landscape page wide and printed on a page of its own, their data below them", async () => {
    const zip = await JSZip.loadAsync(data);
    const drawings = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string")),
    );
    const boxes = drawings.flatMap(anchorBoxes).filter((b) => b.name.startsWith("dti-"));
    expect(boxes.map((b) => b.name)).toEqual(["dti-total", "dti-groups", "dti-profile"]);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top).toBeGreaterThan(boxes[i - 1]!.bottom);
    const ws = wb.getWorksheet("Biểu đồ")!;
    for (const b of boxes) {
      expect(b.left).toBe(0);
      // Column widths are in Excel's unit (5.25 points); the landscape page is 784 points wide.
      let width = 0;
      for (let c = b.left + 1; c <= b.right; c++) width += ws.getColumn(c).width ?? 9;
      expect(width * 5.25).toBeGreaterThan(700);
    }
    // 20 unit names on the bar charts: a row (15 points) and more for each.
    for (const b of boxes.slice(0, 2)) expect(b.bottom - b.top).toBeGreaterThanOrEqual(DEMO_UNITS.length + 5);
    // Above the first chart, the status line alone (A1); the data the charts read sits below the last chart.
    expect(Math.min(...boxes.map((b) => b.top))).toBe(1);
    expect(ws.getCell("A1").formula).toMatch(/^IF\(COUNTIFS\('_index'!/);
    let dataTop = Infinity;
    ws.eachRow((row, r) => row.eachCell((cell) => (dataTop = cell.address === "A1" ? dataTop : Math.min(dataTop, r))));
    expect(dataTop - 1).toBeGreaterThanOrEqual(Math.max(...boxes.map((b) => b.bottom)));
    // Fit to one page wide, as many pages tall as needed, and a page break after each chart
    // (rowBreaks ids are the last row of a page, 1-based).
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const sheetPath = await sheetPart(zip, "Biểu đồ");
    const xml = await zip.file(sheetPath)!.async("string");
    const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*max="16383"[^>]*man="1"/g)].map((m) => Number(m[1]));
    // anchorBoxes: tops 0-based, bottoms exclusive, so chart i spans rows top+1 … bottom; the break leaves a blank row on each side.
    expect(breaks).toEqual([boxes[0]!.bottom + 1, boxes[1]!.bottom + 1, boxes[2]!.bottom + 1]);
    expect(boxes[1]!.top - boxes[0]!.bottom).toBe(2);
  });

  test("the total's value axis ends at the index's maximum points, not at a round number above them", async () => {
    const zip = await JSZip.loadAsync(data);
    const charts = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string")),
    );
    const total = charts.find((c) => c.includes("Tổng điểm theo sở, ban, ngành"))!;
    const parsed = parseDefinition(builtin.definition);
    if (!parsed.ok) throw new Error("the department sample does not parse");
    expect(parsed.model.root.max).toBe(200);
    expect(/<c:valAx>[\s\S]*?<c:scaling><c:orientation val="minMax"\/><c:max val="200"\/><c:min val="0"\/><\/c:scaling>/.test(total)).toBe(true);
  });

  test("every font in the scored workbook names its face and size", async () => {
    const zip = await JSZip.loadAsync(data);
    const styles = await zip.file("xl/styles.xml")!.async("string");
    const fonts = [...styles.matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThanOrEqual(6);
    for (const f of fonts) expect([f, /<name val="Calibri"\/>/.test(f) && /<sz val="\d+(\.\d+)?"\/>/.test(f)]).toEqual([f, true]);
  });
});

/** The part of the sheet named `name`, from the workbook and its relationships. */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const escaped = name.replace(/&/g, "&amp;");
  const rid = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  return `xl/${target!.replace(/^\/?xl\//, "")}`;
}
