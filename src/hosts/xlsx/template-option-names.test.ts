/**
 * Forms in English of an index whose choice options have English names and whose units are given
 * in both languages (the department sample): the drop-down lists and the units are English, an
 * answer written in either language scores the same, and a Vietnamese form is as it always was.
 */
import type ExcelJS from "exceljs";
import { parseDefinition } from "../../core/definition";
import type { IndexModel } from "../../core/definition/model";
import { runScoring } from "../../core/pipeline";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";
import { rowOf, open as load } from "./test-workbooks";

const SAMPLE = findBuiltin("dti-so-nganh-mau")!.definition as Record<string, unknown>;

function modelOf(definition: unknown): IndexModel {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

const UNITS = [
  { code: "STTTT", name: "Sở Thông tin và Truyền thông", category: "co-dvc" },
  { code: "STP", name: "Sở Tư pháp", category: "co-dvc" },
  { code: "SNV", name: "Sở Nội vụ", category: "co-dvc" },
];

/** The choices a cell's drop-down list offers (inline, or in the form's hidden list column). */
function listOf(ws: ExcelJS.Worksheet, code: string, col = 4): string[] {
  const formula = String(ws.getCell(rowOf(ws, code), col).dataValidation?.formulae?.[0]);
  if (formula.startsWith('"')) return formula.slice(1, -1).split(",");
  const [a, b] = formula.replace(/\$/g, "").split(":") as [string, string];
  const column = Number(ws.getCell(a).col);
  const out: string[] = [];
  for (let r = Number(ws.getCell(a).row); r <= Number(ws.getCell(b).row); r++) out.push(String(ws.getCell(r, column).value));
  return out;
}

/** The text of column B (Nội dung / Item) on an input's row. */
const itemOf = (ws: ExcelJS.Worksheet, code: string): string => {
  const v = ws.getCell(rowOf(ws, code), 2).value;
  return typeof v === "object" && v !== null && "richText" in v ? v.richText.map((t) => t.text).join("") : String(v);
};

/** The sample as it was before its options had names and its units two languages: the same id, version and content otherwise. */
function withoutEnglish(definition: unknown): unknown {
  return JSON.parse(JSON.stringify(definition), (key, value: unknown) => {
    if (key === "unit" && value !== null && typeof value === "object") return (value as { vi: string }).vi;
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "value" in value && "fraction" in value) {
      const { name: _name, aliases, ...option } = value as { value: string; name?: unknown; aliases?: string[] };
      // Its English aliases came with its names; "None" and "Other" were the only ones before.
      const vi = (aliases ?? []).filter((a) => /[^\x20-\x7e]/.test(a));
      return { ...option, aliases: option.value === "Chưa có" ? [...vi, "None", "Other"] : vi };
    }
    return value;
  });
}

describe("the department sample's forms in English", () => {
  it("name each input's unit in English and offer the choices by their English names", async () => {
    const wb = await load(await makeTemplate(modelOf(SAMPLE), UNITS.slice(0, 1), { lang: "en" }));
    const ws = wb.getWorksheet("Sở Thông tin và Truyền thông")!;
    expect(itemOf(ws, "1.3.a")).toBe("Directives signed by the head of the department (documents)");
    expect(itemOf(ws, "3.1.a")).toBe("Civil servants with a computer (people)");
    expect(itemOf(ws, "5.1.a")).toBe("Systems with an approved level (systems)");
    expect(itemOf(ws, "6.3.a")).toBe("Full-process online public services (services)");
    // An input typed on its indicator's own row: the row names its unit too.
    expect(itemOf(ws, "1.4").split("\n")[0]).toMatch(/ \(meetings\)$/);
    for (const col of [4, 5]) expect(listOf(ws, "1.1", col)).toEqual(["Director / head of the unit", "Deputy director / deputy head", "None"]);
    // No Vietnamese word is left on an input's row of the English form.
    const inputs = ["1.3.a", "1.3.b", "3.1.a", "3.1.b", "4.2.a", "4.2.b", "5.1.a", "5.1.b", "6.3.a", "6.3.b", "6.4.a", "6.4.b"];
    for (const code of inputs) expect({ code, item: itemOf(ws, code) }).toEqual({ code, item: expect.not.stringMatching(/[^\x20-\x7e]/) as unknown });
  });

  it("keep the Vietnamese forms as they were, units and drop-down lists included", async () => {
    const wb = await load(await makeTemplate(modelOf(SAMPLE), UNITS.slice(0, 1), { lang: "vi" }));
    const ws = wb.getWorksheet("Sở Thông tin và Truyền thông")!;
    expect(itemOf(ws, "1.3.a")).toBe("Số văn bản chỉ đạo chuyên đề do Giám đốc/Thủ trưởng đơn vị ký (văn bản)");
    expect(itemOf(ws, "3.1.a")).toBe("Số cán bộ, công chức được trang bị máy tính (người)");
    expect(listOf(ws, "1.1")).toEqual(["Giám đốc/Thủ trưởng đơn vị", "Phó Giám đốc/Phó Thủ trưởng", "Chưa có"]);

    // Cell for cell, check for check, row for row, the same as the sample without the additions
    // makes (both under another id, so that neither is taken for a changed copy of the built-in).
    const renamed = (d: unknown) => ({ ...(d as object), id: "so-nganh-thu" });
    const snapshot = async (definition: unknown) => {
      const book = await load(await makeTemplate(modelOf(renamed(definition)), UNITS, { lang: "vi", period: "Năm 2024" }));
      return book.worksheets.map((sheet) => {
        const cells: unknown[] = [];
        sheet.eachRow({ includeEmpty: true }, (row, r) => {
          cells.push({ r, height: row.height });
          row.eachCell({ includeEmpty: true }, (cell) => cells.push([cell.address, cell.value, cell.dataValidation ?? null, cell.note ?? null]));
        });
        return { name: sheet.name, cells, widths: sheet.columns.map((c) => c.width) };
      });
    };
    const before = withoutEnglish(SAMPLE);
    expect(JSON.stringify(before)).not.toContain("documents");
    expect(await snapshot(SAMPLE)).toEqual(await snapshot(before));
  }, 60_000);

  it("score an English form answered by its drop-down or as a person writes it as the Vietnamese answer scores", async () => {
    const fill = async (lang: "vi" | "en", answers: Record<string, string>): Promise<Uint8Array> => {
      const wb = await load(await makeTemplate(modelOf(SAMPLE), UNITS, { lang }));
      for (const [unit, answer] of Object.entries(answers)) {
        const ws = wb.getWorksheet(UNITS.find((u) => u.code === unit)!.name)!;
        ws.getCell(rowOf(ws, "1.1"), 4).value = answer;
      }
      return new Uint8Array(await wb.xlsx.writeBuffer());
    };
    const score = async (file: Uint8Array, lang: "vi" | "en") => {
      const host = await XlsxHost.fromBuffer(file, "phieu.xlsx");
      const result = await runScoring(host, { definition: SAMPLE, lang, projectVersion: "test", write: false });
      return {
        points: Object.fromEntries(result.table.units.map((u) => [u.code, u.nodes["1.1"]!.points])),
        findings: result.issues.filter((i) => i.node === "1.1" && i.code !== "evidence-missing").map((i) => i.message.en),
      };
    };
    const vi = await score(await fill("vi", { STTTT: "Giám đốc/Thủ trưởng đơn vị", STP: "Phó Giám đốc/Phó Thủ trưởng", SNV: "Chưa có" }), "vi");
    expect(vi).toEqual({ points: { STTTT: 10, STP: 5, SNV: 0 }, findings: [] });
    // The drop-down's English answers.
    const picked = await score(await fill("en", { STTTT: "Director / head of the unit", STP: "Deputy director / deputy head", SNV: "None" }), "en");
    expect(picked).toEqual(vi);
    // As a person types them, and a Vietnamese answer on an English form.
    const typed = await score(await fill("en", { STTTT: "Director", STP: "deputy head", SNV: "Chưa có" }), "en");
    expect(typed).toEqual(vi);
  }, 60_000);

  it("list the choices in the sentence's language when an answer is none of them", async () => {
    const wb = await load(await makeTemplate(modelOf(SAMPLE), UNITS.slice(0, 2), { lang: "en" }));
    const answer = (unit: number, text: string): void => {
      const ws = wb.getWorksheet(UNITS[unit]!.name)!;
      ws.getCell(rowOf(ws, "1.1"), 4).value = text;
    };
    answer(0, "Manager");
    // 1.1 takes no "not applicable" answer: the sentence says what to enter instead.
    answer(1, "N/A");
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "phieu.xlsx");
    const result = await runScoring(host, { definition: SAMPLE, lang: "en", projectVersion: "test", write: false });
    const unknown = result.issues.find((i) => i.code === "unknown-choice")!;
    expect(unknown.message.en).toContain('"Manager" is not one of the options "Director / head of the unit", "Deputy director / deputy head", "None"');
    expect(unknown.message.vi).toContain('"Manager" không thuộc các lựa chọn "Giám đốc/Thủ trưởng đơn vị", "Phó Giám đốc/Phó Thủ trưởng", "Chưa có"');
    const na = result.issues.find((i) => i.code === "not-applicable-not-allowed")!;
    expect(na.message.en).toContain('enter one of the options "Director / head of the unit", "Deputy director / deputy head", "None"');
    expect(na.message.vi).toContain('hãy nhập một trong các lựa chọn "Giám đốc/Thủ trưởng đơn vị", "Phó Giám đốc/Phó Thủ trưởng", "Chưa có"');
  }, 60_000);
});
