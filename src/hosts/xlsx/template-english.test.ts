/**
 * A form made in English says everything in English: its instructions, the drop-down lists, the
 * messages of its checks and the descriptions under its items (the reader still takes the
 * Vietnamese spellings typed on it); its checks say bounds as people do ("of 0 or more"); and an
 * item worth no points asks for no self score.
 */
import type ExcelJS from "exceljs";
import { parseDefinition } from "../../core/definition";
import type { IndexModel } from "../../core/definition/model";
import { BUILTIN_INDICES, findBuiltin } from "../../indices";
import { makeTemplate } from "./template";
import { open, rowOf } from "./test-workbooks";

/** Letters only Vietnamese has (an English text has none of them); not × and ÷, which a formula uses. */
const VIETNAMESE = /[À-ÖØ-öø-ỹ]/u;

function modelOf(definition: unknown): IndexModel {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

function text(value: ExcelJS.CellValue): string {
  if (value && typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  return value === null || value === undefined ? "" : String(value);
}

/** The options a list check offers: its inline list, or the cells of the form's range it names. */
function listOptions(ws: ExcelJS.Worksheet, formula: string): string[] {
  const inline = /^"(.*)"$/.exec(formula);
  if (inline) return inline[1]!.split(",");
  const range = /^\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(formula);
  if (!range) throw new Error(`no list in ${formula}`);
  const out: string[] = [];
  for (let r = Number(range[2]); r <= Number(range[3]); r++) out.push(text(ws.getCell(`${range[1]}${r}`).value));
  return out;
}

describe.each(BUILTIN_INDICES.map((b) => [b.id] as const))("the English form of the built-in %s", (id) => {
  test("has no Vietnamese in its instructions, lists, check messages or item texts", async () => {
    const model = modelOf(findBuiltin(id)!.definition);
    const category = model.definition.categories?.[0]?.id;
    const unit = { code: "DOH", name: "Department of Health", ...(category !== undefined ? { category } : {}) };
    const wb = await open(await makeTemplate(model, [unit], { lang: "en", period: "2024" }));
    const ws = wb.getWorksheet("Department of Health")!;
    const said: string[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      for (let c = 1; c <= 9; c++) {
        const cell = ws.getCell(r, c);
        said.push(text(cell.value));
        const v = cell.dataValidation;
        if (!v) continue;
        said.push(v.error ?? "", v.errorTitle ?? "", v.prompt ?? "", v.promptTitle ?? "");
        // A drop-down offers English words only.
        if (v.type === "list") said.push(...listOptions(ws, String(v.formulae?.[0])));
      }
    }
    // Every other cell too: the hidden list column a number check looks its "N/A" answers up in
    // (AN, from row 9) holds English words only, the one its drop-downs offer first.
    ws.eachRow((row) => row.eachCell((cell) => void said.push(text(cell.value))));
    expect(said.filter((t) => VIETNAMESE.test(t))).toEqual([]);
    // The not-applicable answer is spoken of, in English, where an indicator takes it; nowhere else.
    const takesNA = [...model.nodes.values()].some((n) => n.kind === "indicator" && n.def.allowNA);
    expect(said.some((t) => /\bN\/A\b/.test(t))).toBe(takesNA);
  });
});

describe("the drop-down lists of an English form", () => {
  const definition = {
    format: "index-definition/1",
    id: "lists",
    version: "1",
    name: "Lists",
    root: {
      code: "R",
      name: "R",
      children: [
        { code: "1", name: "Plan", max: 10, rule: { kind: "boolean" }, allowNA: true },
        { code: "2", name: "Report", max: 10, rule: { kind: "boolean" } },
        {
          code: "3",
          name: "Head",
          max: 10,
          rule: { kind: "choice", options: [{ value: "Giám đốc", name: { vi: "Giám đốc", en: "Director" }, fraction: 1 }, { value: "Chưa có", name: { vi: "Chưa có", en: "None" }, fraction: 0 }] },
          allowNA: true,
        },
      ],
    },
  };

  test("offer N/A alone where the item allows it (no “Không áp dụng”), and the Vietnamese form both", async () => {
    const model = modelOf(definition);
    const lists = async (lang: "vi" | "en") => {
      const ws = (await open(await makeTemplate(model, [{ code: "U", name: "Unit" }], { lang }))).getWorksheet("Unit")!;
      return ["1", "2", "3"].map((code) => listOptions(ws, String(ws.getCell(rowOf(ws, code), 4).dataValidation?.formulae?.[0])));
    };
    expect(await lists("en")).toEqual([["Yes", "No", "N/A"], ["Yes", "No"], ["Director", "None", "N/A"]]);
    expect(await lists("vi")).toEqual([["Có", "Không", "Không áp dụng", "N/A"], ["Có", "Không"], ["Giám đốc", "Chưa có", "Không áp dụng", "N/A"]]);
    const ws = (await open(await makeTemplate(model, [{ code: "U", name: "Unit" }], { lang: "en" }))).getWorksheet("Unit")!;
    expect(ws.getCell(rowOf(ws, "3"), 4).dataValidation?.error).toBe(
      "Pick a value from the list, or “N/A”. Written another way (without diacritics, in upper or lower case, another name of the choice) it is read all the same; the check reports any cell it cannot read.",
    );
  });
});

describe("the bounds a number check says", () => {
  const definition = {
    format: "index-definition/1",
    id: "bounds",
    version: "1",
    name: "Bounds",
    root: {
      code: "R",
      name: "R",
      children: [
        { code: "1", name: "Count", max: 10, inputs: [{ code: "1.a", name: "Documents", type: "integer", min: 0 }], rule: { kind: "count", pointsEach: 1 } },
        { code: "2", name: "Figure", max: 10, inputs: [{ code: "2.a", name: "Figure", type: "number", min: 0 }, { code: "2.b", name: "Other", type: "number", max: 50 }], rule: { kind: "ratio", numerator: "2.a", denominator: "2.b" } },
      ],
    },
  };

  test.each([
    ["1.a", "vi", "Nhập một số nguyên từ 0 trở lên."],
    ["1.a", "en", "Type a whole number of 0 or more."],
    ["2.a", "vi", "Nhập một số từ 0 trở lên."],
    ["2.a", "en", "Type a number of 0 or more."],
    ["2.b", "vi", "Nhập một số từ 50 trở xuống."],
    ["2.b", "en", "Type a number of 50 or less."],
  ] as const)("%s in %s: %s", async (code, lang, message) => {
    const wb = await open(await makeTemplate(modelOf(definition), [{ code: "U", name: "Unit" }], { lang }));
    const ws = wb.getWorksheet("Unit")!;
    expect(ws.getCell(rowOf(ws, code), 4).dataValidation?.error).toBe(message);
  });
});

describe("an item worth no points (max 0: tracked, not scored)", () => {
  test("asks for no self score: its Self score cell is locked, unshaded and unchecked; the others keep theirs", async () => {
    const model = modelOf(findBuiltin("dti-tinh-922-2022")!.definition);
    const zero = [...model.nodes.values()].filter((n) => n.kind === "indicator" && n.max === 0).map((n) => n.code);
    expect(zero).toEqual(["6"]);
    for (const lang of ["vi", "en"] as const) {
      const wb = await open(await makeTemplate(model, [{ code: "HN", name: "Hà Nội" }], { lang }));
      const ws = wb.getWorksheet("Hà Nội")!;
      const self = ws.getCell(rowOf(ws, "6"), 6);
      expect(text(ws.getCell(8, 6).value)).toBe(lang === "vi" ? "Tự chấm" : "Self score");
      expect(self.protection?.locked).not.toBe(false);
      expect(self.dataValidation).toBeUndefined();
      // Its figure is still asked for (N/A allowed), in a shaded cell the self score does not share.
      const figure = ws.getCell(rowOf(ws, "6"), 4);
      expect(figure.protection?.locked).toBe(false);
      expect(figure.fill).toMatchObject({ type: "pattern", pattern: "solid" });
      expect(self.fill).not.toEqual(figure.fill);
      // An indicator with points keeps its self score, checked from 0 to its max.
      const scored = [...model.nodes.values()].find((n) => n.kind === "indicator" && (n.max ?? 0) > 0)!;
      const other = ws.getCell(rowOf(ws, scored.code), 6);
      expect(other.protection?.locked).toBe(false);
      expect(other.dataValidation?.error).toBe(lang === "vi" ? `Nhập số điểm từ 0 đến ${scored.max}.` : `Type points from 0 to ${scored.max}.`);
    }
  });
});
