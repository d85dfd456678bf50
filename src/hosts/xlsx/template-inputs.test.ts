/**
 * What a blank form tells the unit about each answer before it types one, and lets it do: an input
 * message on every checked cell saying what to type, bounds written as the form's language writes
 * numbers (7,5 on a Vietnamese form), no negative figure where points or a count are typed, enough
 * decimals on the percentage cells, links allowed in the open cells of the protected sheet, no page
 * of notes printed after each form, a long unit name that stays in its column, and no sheet named
 * as the results the scoring adds.
 */
import type ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import type { IndexModel } from "../../core/definition/model";
import { runScoring } from "../../core/pipeline";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { parseRels, sheetParts } from "./ooxml";
import { makeTemplate } from "./template";
import { open, rowOf } from "./test-workbooks";

const definition = {
  format: "index-definition/1",
  id: "nhap-lieu",
  version: "1",
  name: { vi: "Bộ chỉ số nhập liệu", en: "Input index" },
  ranking: { decimals: 1 },
  root: {
    code: "R",
    name: "Tổng",
    children: [
      { code: "1", name: { vi: "Điểm tự chấm", en: "Self-given points" }, max: 7.5, rule: { kind: "points" } },
      { code: "2", name: { vi: "Số cuộc họp", en: "Meetings" }, max: 10, inputs: [{ code: "2", type: "integer" }], rule: { kind: "count", pointsEach: 2 } },
      { code: "3", name: { vi: "Tỷ lệ hồ sơ trực tuyến", en: "Files online" }, max: 10, inputs: [{ code: "3", type: "percent", min: 0.125 }], rule: { kind: "fraction" } },
      {
        code: "4",
        name: { vi: "Tỷ lệ văn bản ký số", en: "Documents signed" },
        max: 10,
        inputs: [{ code: "4", type: "percent", unit: "%" }],
        rule: { kind: "steps", steps: [{ atLeast: 0.9995, fraction: 1 }, { atLeast: 0.5, fraction: 0.5 }] },
      },
      { code: "5", name: { vi: "Có cổng thông tin", en: "Has a portal" }, max: 5, rule: { kind: "boolean" }, evidence: "required" },
      { code: "6", name: { vi: "Số ngày xử lý", en: "Days to handle" }, max: 10, inputs: [{ code: "6", type: "number", min: 0.5, max: 30 }], rule: { kind: "target", target: 5, direction: "lower" } },
    ],
  },
};

function modelOf(def: unknown): IndexModel {
  const parsed = parseDefinition(def);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

const UNIT = { code: "A", name: "Sở A" };
const VALUE = 4;
const APPRAISED = 5;
const SELF = 6;

async function form(lang: "vi" | "en", def: unknown = definition, unit: { code: string; name: string; category?: string } = UNIT): Promise<ExcelJS.Worksheet> {
  const wb = await open(await makeTemplate(modelOf(def), [unit], { lang }));
  return wb.getWorksheet(unit.name)!;
}

/** The XML of a sheet of a workbook, by its name. */
async function sheetXml(data: Uint8Array, sheet: string): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  const parts = sheetParts(await zip.file("xl/workbook.xml")!.async("string"), parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")), "xl/workbook.xml");
  return zip.file(parts.get(sheet)!)!.async("string");
}

describe("a form's checks", () => {
  test.each([
    ["vi", ["Nhập một số từ 0 đến 7,5.", "Nhập số điểm từ 0 đến 7,5.", "Nhập tỷ lệ phần trăm từ 12,5% đến 100%.", "Nhập một số từ 0,5 đến 30."]],
    ["en", ["Type a number from 0 to 7.5.", "Type points from 0 to 7.5.", "Type a percentage from 12.5% to 100%.", "Type a number from 0.5 to 30."]],
  ] as const)("say their bounds as a %s form writes numbers", async (lang, [points, self, percent, days]) => {
    const ws = await form(lang);
    expect(ws.getCell(rowOf(ws, "1"), VALUE).dataValidation?.error).toBe(points);
    expect(ws.getCell(rowOf(ws, "1"), SELF).dataValidation?.error).toBe(self);
    expect(ws.getCell(rowOf(ws, "3"), VALUE).dataValidation?.error).toBe(percent);
    expect(ws.getCell(rowOf(ws, "6"), VALUE).dataValidation?.error).toBe(days);
    expect(ws.getCell(rowOf(ws, "6"), VALUE).dataValidation?.formulae).toEqual([0.5, 30]);
  });

  test("refuse a negative figure where points or a number of items are typed, though the input sets no bound", async () => {
    const ws = await form("vi");
    for (const col of [VALUE, APPRAISED]) {
      expect(ws.getCell(rowOf(ws, "1"), col).dataValidation).toMatchObject({ type: "decimal", operator: "between", formulae: [0, 7.5] });
      expect(ws.getCell(rowOf(ws, "2"), col).dataValidation).toMatchObject({ type: "whole", operator: "greaterThanOrEqual", formulae: [0], error: "Nhập một số nguyên từ 0 trở lên." });
    }
  });
});

describe("a form's input messages", () => {
  test.each([
    [
      "vi",
      {
        percent: "Nhập tỷ lệ phần trăm từ 12,5% đến 100% (ví dụ 85%).",
        whole: "Nhập một số nguyên từ 0 trở lên.",
        yesNo: "Chọn Có hoặc Không.",
        self: "Nhập số điểm đơn vị tự chấm, từ 0 đến 7,5.",
        titles: ["Số liệu", "Số liệu thẩm định", "Tự chấm"],
      },
    ],
    [
      "en",
      {
        percent: "Type a percentage from 12.5% to 100% (e.g. 85%).",
        whole: "Type a whole number of 0 or more.",
        yesNo: "Pick Yes or No.",
        self: "Type the points the unit gives itself, from 0 to 7.5.",
        titles: ["Value", "Appraised value", "Self score"],
      },
    ],
  ] as const)("say in %s what to type in each cell once it is selected, under the column's name", async (lang, said) => {
    const ws = await form(lang);
    const prompt = (code: string, col: number) => {
      const v = ws.getCell(rowOf(ws, code), col).dataValidation;
      return v && [v.showInputMessage, v.promptTitle, v.prompt];
    };
    const [value, appraised, self] = said.titles;
    expect(prompt("3", VALUE)).toEqual([true, value, said.percent]);
    expect(prompt("3", APPRAISED)).toEqual([true, appraised, said.percent]);
    expect(prompt("2", VALUE)).toEqual([true, value, said.whole]);
    expect(prompt("5", VALUE)).toEqual([true, value, said.yesNo]);
    expect(prompt("1", SELF)).toEqual([true, self, said.self]);
  });

  test("are on every checked cell of the built-in indices' forms, within Excel's lengths (a title of 32 characters, a message of 255)", async () => {
    for (const id of ["dti-so-nganh-mau", "dti-huyen-mau", "dti-tinh-922-2022", "undp-hdi"]) {
      const model = modelOf(findBuiltin(id)!.definition);
      const category = model.definition.categories?.[0]?.id;
      for (const lang of ["vi", "en"] as const) {
        const wb = await open(await makeTemplate(model, [{ code: "A", name: "Sở A", ...(category ? { category } : {}) }], { lang }));
        const ws = wb.getWorksheet("Sở A")!;
        let checked = 0;
        ws.eachRow((row, r) => {
          if (r <= 8) return;
          row.eachCell({ includeEmpty: true }, (cell) => {
            const v = cell.dataValidation;
            if (!v) return;
            checked++;
            expect([cell.address, v.showInputMessage]).toEqual([cell.address, true]);
            expect((v.promptTitle ?? "").length).toBeGreaterThan(0);
            expect((v.promptTitle ?? "").length).toBeLessThanOrEqual(32);
            expect((v.prompt ?? "").length).toBeGreaterThan(0);
            expect((v.prompt ?? "").length).toBeLessThanOrEqual(255);
          });
        });
        expect(checked).toBeGreaterThan(0);
      }
    }
  }, 60_000);
});

describe("a form's percentage rows", () => {
  test("name their unit (%) when the index gives none, and not twice when it does", async () => {
    const ws = await form("vi");
    expect(ws.getCell(rowOf(ws, "3"), 2).value).toBe("Tỷ lệ hồ sơ trực tuyến (%)");
    expect(ws.getCell(rowOf(ws, "4"), 2).value).toBe("Tỷ lệ văn bản ký số (%)");
    expect(ws.getCell(rowOf(ws, "6"), 2).value).toBe("Số ngày xử lý");
  });

  test("show the decimals the index's ranking needs, and more where a step's threshold has them", async () => {
    // Ranked on 1 decimal: 0.0%, but a step at 99.95% shows two.
    const ws = await form("vi");
    expect(ws.getCell(rowOf(ws, "3"), VALUE).numFmt).toBe("0.0%");
    expect(ws.getCell(rowOf(ws, "4"), VALUE).numFmt).toBe("0.00%");
    expect(ws.getCell(rowOf(ws, "4"), APPRAISED).numFmt).toBe("0.00%");
    // Ranked on 2 decimals (the department sample): two, 87,25% is not 87,3%.
    const sample = modelOf(findBuiltin("dti-so-nganh-mau")!.definition);
    expect(sample.definition.ranking?.decimals).toBe(2);
    const wb = await open(await makeTemplate(sample, [{ code: "A", name: "Sở A", category: "co-dvc" }], { lang: "vi" }));
    const so = wb.getWorksheet("Sở A")!;
    expect(so.getCell(rowOf(so, "3.2"), VALUE).numFmt).toBe("0.00%");
    // Ranked on the unrounded figure (no decimals given): two as well.
    const unrounded = await form("vi", { ...definition, ranking: undefined });
    expect(unrounded.getCell(rowOf(unrounded, "3"), VALUE).numFmt).toBe("0.00%");
  });
});

describe("a form's sheet", () => {
  test("is protected with links allowed (Ctrl+K in the Minh chứng cells), which Excel reads from insertHyperlinks=\"0\"", async () => {
    const data = await makeTemplate(modelOf(definition), [UNIT], { lang: "vi" });
    const tag = /<sheetProtection\b[^>]*>/.exec(await sheetXml(data, "Sở A"))?.[0] ?? "";
    expect(tag).toMatch(/\ssheet="1"/);
    expect(tag).toMatch(/\sinsertHyperlinks="0"/);
    // Cells' formats, rows and columns stay as they were: only the flags asked for are lifted.
    expect(tag).not.toMatch(/\sformatCells="0"|\sinsertRows="0"|\sdeleteRows="0"/);
  });

  test("prints no page of notes after the form, though a cell that needs evidence carries one", async () => {
    const data = await makeTemplate(modelOf(definition), [UNIT], { lang: "vi" });
    const ws = (await open(data)).getWorksheet("Sở A")!;
    expect(ws.getCell(rowOf(ws, "5"), 7).note).toBeTruthy();
    const setup = /<pageSetup\b[^>]*>/.exec(await sheetXml(data, "Sở A"))?.[0] ?? "";
    expect(setup).not.toMatch(/cellComments="atEnd"/);
  });

  test("of a unit named as a sheet the scoring adds, in either language, takes another name, and the scoring writes its own", async () => {
    const units = ["Kết quả", "Biểu đồ", "Results", "Charts"].map((name, i) => ({ code: `U${i}`, name }));
    const data = await makeTemplate(modelOf(definition), units, { lang: "vi" });
    const wb = await open(data);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Hướng dẫn", "Kết quả (2)", "Biểu đồ (2)", "Results (2)", "Charts (2)"]);
    const host = await XlsxHost.fromBuffer(data, "phieu.xlsx");
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", write: true });
    const scored = (await open(await host.toBuffer())).worksheets.map((w) => w.name);
    expect(scored).toEqual(expect.arrayContaining(["Kết quả", "Biểu đồ", "Kết quả (2)", "Biểu đồ (2)"]));
  }, 60_000);

  test("wraps a long unit name within its column, its row as tall as it takes, clear of the summary the scoring writes at D1", async () => {
    const name = "Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh Bà Rịa – Vũng Tàu (cơ quan)";
    expect(name.length).toBeGreaterThanOrEqual(100);
    const data = await makeTemplate(modelOf(definition), [{ code: "VP", name }], { lang: "vi" });
    const sheet = (await open(data)).worksheets[1]!.name;
    const host = await XlsxHost.fromBuffer(data, "phieu.xlsx");
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", write: true });
    const ws = (await open(await host.toBuffer())).getWorksheet(sheet)!;
    expect(ws.getCell("B1").value).toBe(name);
    expect(ws.getCell("B1").alignment).toMatchObject({ wrapText: true });
    // Two lines of 13-point bold at least (one line is 20 points).
    expect(ws.getRow(1).height).toBeGreaterThanOrEqual(36);
    // Nothing beside the name to run under; the summary where it always was.
    expect(ws.getCell("C1").value ?? null).toBeNull();
    expect(ws.getCell("D1").value).toBe("Tổng điểm");
    // A short name keeps the one line of 20 points.
    const short = (await open(await makeTemplate(modelOf(definition), [UNIT], { lang: "vi" }))).getWorksheet("Sở A")!;
    expect(short.getRow(1).height).toBe(20);
  }, 60_000);
});

describe("a form's instructions", () => {
  test("speak of the not-applicable answer only where an indicator of the unit's takes it", async () => {
    const without = await form("vi");
    expect(String(without.getCell("A6").value)).not.toMatch(/Không áp dụng|N\/A/);
    const withNA = JSON.parse(JSON.stringify(definition)) as typeof definition;
    (withNA.root.children[1] as Record<string, unknown>).allowNA = true;
    expect(String((await form("vi", withNA)).getCell("A6").value)).toContain("Chỉ tiêu không áp dụng với đơn vị (nếu bộ chỉ số cho phép): ghi “Không áp dụng” (hay “N/A”).");
    expect(String((await form("en", withNA)).getCell("A6").value)).toContain("An indicator that does not apply to the unit (where the index allows it): type “N/A”.");
  });
});
