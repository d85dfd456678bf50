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

  test("the results sheet shows every unit's full name and prints one page wide on landscape A4 with its header row on every page", () => {
    const ws = wb.getWorksheet("Kết quả")!;
    const longest = Math.max(...DEMO_UNITS.map((u) => u.name.length));
    expect(longest).toBeGreaterThan(32);
    // Column C holds the unit names: at least one character of width for each letter of the longest.
    expect(ws.getColumn(3).width ?? 0).toBeGreaterThanOrEqual(longest * 0.85);
    // The header row is tall enough for its wrapped headers (two lines at least).
    expect(ws.getRow(3).height ?? 0).toBeGreaterThanOrEqual(30);
    expect(ws.getCell("E3").alignment?.wrapText).toBe(true);
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe("3:3");
  });

  test("the three charts sit apart from each other and from the data they read, each tall enough for one label per unit", async () => {
    const zip = await JSZip.loadAsync(data);
    const drawings = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async("string")),
    );
    const boxes = drawings.flatMap(anchorBoxes).filter((b) => b.name.startsWith("dti-"));
    expect(boxes.map((b) => b.name).sort()).toEqual(["dti-groups", "dti-profile", "dti-total"]);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        // At least one empty column between two charts.
        expect(a.right < b.left || b.right < a.left).toBe(true);
      }
    const ws = wb.getWorksheet("Biểu đồ")!;
    let dataRight = 0;
    ws.eachRow((row) => row.eachCell((c) => (dataRight = Math.max(dataRight, Number(c.col)))));
    for (const b of boxes) expect(b.left).toBeGreaterThan(dataRight);
    // 20 unit names on the bar charts: a row (20 px) and more for each.
    for (const b of boxes) expect(b.bottom - b.top).toBeGreaterThanOrEqual(DEMO_UNITS.length + 5);
  });
});
