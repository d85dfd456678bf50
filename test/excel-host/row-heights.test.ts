/**
 * Excel takes no row taller than 409 points: `RangeFormat.rowHeight` above it fails with
 * InvalidArgument, which stopped scoring halfway through its writes. Names long enough to wrap
 * past it (a group named in 200 characters, a unit in 1,500) are scored all the same, in Excel as
 * in the file the command line writes, and the template made for such a unit keeps its rows in.
 * Scored again, the results table's rows take this run's heights, not those a last run left on
 * them for other units, whatever the user typed beside them.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../src/core/definition";
import { runScoring } from "../../src/core/pipeline";
import { INDEX_SHEET } from "../../src/core/plan";
import { MAX_ROW_HEIGHT } from "../../src/core/plan/layout";
import { ExcelHost } from "../../src/hosts/excel";
import { XlsxHost } from "../../src/hosts/xlsx";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { createExcelDouble } from "../excel-double";
import { departmentModel, score, scoredOnce } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");
const LONG_GROUP = "Nhóm chỉ số về hạ tầng số, nền tảng số và an toàn thông tin mạng của cơ quan, đơn vị ";
const LONG_UNIT = "Ủy ban nhân dân xã ";

/** The department sample with every group named in 200 characters or more, and the codes of its inputs. */
function longNamedIndex(): { definition: unknown; inputs: string[] } {
  const definition = structuredClone(departmentModel().definition) as { root: { children: { name: unknown; children?: unknown[] }[] } };
  const inputs: string[] = [];
  const walk = (node: { inputs?: { code: string }[]; children?: unknown[] }) => {
    for (const i of node.inputs ?? []) inputs.push(i.code);
    for (const c of node.children ?? []) walk(c as typeof node);
  };
  for (const group of definition.root.children) {
    group.name = LONG_GROUP.repeat(3).slice(0, 220);
    walk(group as never);
  }
  if (!parseDefinition(definition).ok) throw new Error("the long-named index does not parse");
  return { definition, inputs };
}

/** A layout-B table of three units, the first named in 1,500 characters. */
function table(inputs: string[]): (string | number)[][] {
  const header = ["Mã đơn vị", "Đơn vị", ...inputs];
  const name = (u: number) => (u === 0 ? LONG_UNIT.repeat(80).slice(0, 1500) : `Xã ${u}`);
  return [header, ...[0, 1, 2].map((u) => [`X${u}`, name(u), ...inputs.map(() => 5)])];
}

/** The heights (points) of the rows of every sheet of an .xlsx that sets them. */
async function rowHeights(bytes: Uint8Array): Promise<number[]> {
  const zip = await JSZip.loadAsync(bytes);
  const sheets = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  const heights: number[] = [];
  for (const f of sheets) {
    const xml = await zip.file(f)!.async("string");
    for (const m of xml.matchAll(/<row\b[^>]*?\sht="([\d.]+)"/g)) heights.push(Number(m[1]));
  }
  return heights;
}

describe("rows no taller than Excel takes", () => {
  test("a layout-B sheet with groups named in 200+ characters and a unit in 1,500 is scored whole in Excel, rows capped at 409 points", async () => {
    const { definition, inputs } = longNamedIndex();
    const double = createExcelDouble().install();
    double.addSheet("Dữ liệu", table(inputs));
    await runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
    // Every write went through: the results, the charts and the index the next run reads.
    expect(double.sheetNames()).toEqual(expect.arrayContaining(["Kết quả", "Biểu đồ", INDEX_SHEET]));
    const tallest = (sheet: string) => Math.max(...double.sheet(sheet).rowHeights.values());
    // The charts' data header (the groups' whole names) would take more: it takes all Excel gives. The
    // results' header row names each group by its code and first words (six lines); the long unit's
    // row takes nearly all Excel gives, none more.
    expect(tallest("Kết quả")).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
    expect(tallest("Kết quả")).toBeGreaterThan(MAX_ROW_HEIGHT - 15);
    expect(tallest("Biểu đồ")).toBe(MAX_ROW_HEIGHT);
    expect(MAX_ROW_HEIGHT).toBe(409);
  }, 60_000);

  test("the file the command line scores from the same table, and a template made for the long-named unit, have no row above 409 points", async () => {
    const { definition, inputs } = longNamedIndex();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Dữ liệu").addRows(table(inputs));
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "du-lieu.xlsx");
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", write: true, now });
    const scored = await rowHeights(await host.toBuffer());
    expect(Math.max(...scored)).toBe(MAX_ROW_HEIGHT);

    const parsed = parseDefinition(definition);
    if (!parsed.ok) throw new Error("the long-named index does not parse");
    const template = await makeTemplate(parsed.model, [{ code: "X0", name: LONG_UNIT.repeat(80).slice(0, 1500) }], { lang: "vi" });
    const heights = await rowHeights(template);
    expect(heights.length).toBeGreaterThan(0);
    expect(heights.every((h) => h <= MAX_ROW_HEIGHT)).toBe(true);
  }, 60_000);
});

describe("in Excel, the results table's rows scored again", () => {
  test("heights left on the table's rows (a tall row now another unit's, after a sort) go, with the user's cells right of them: the rows as a fresh run gives them", async () => {
    const { double, definition } = await scoredOnce();
    const fresh = [...double.sheet("Kết quả").rowHeights].sort(([a], [b]) => a - b);
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Kết quả");
      // The table's rows (4 to 9) as a last run that made two of them tall, the user's cells beside them.
      ws.getRange("5:5").format.rowHeight = 33;
      ws.getRange("7:7").format.rowHeight = 60;
      for (let r = 4; r <= 9; r++) ws.getRange(`AE${r}`).values = [[`đã xem ${r}`]];
      await ctx.sync();
    });
    await score(double, definition, new Date("2026-01-22T08:00:00Z"));
    expect([...double.sheet("Kết quả").rowHeights].sort(([a], [b]) => a - b)).toEqual(fresh);
    // The user's cells stay.
    expect(double.sheet("Kết quả").get(4, 30)?.v).toBe("đã xem 5");
  });
});
