import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import type { IndexModel } from "../../core/definition/model";
import { runScoring } from "../../core/pipeline";
import { FORM_SUMMARY_LABELS, unavailableText } from "../../core/plan/labels";
import { fitWidth } from "../../core/plan/layout";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { parseRels, relsPathOf, sheetParts } from "./ooxml";
import { loadXlsx } from "./read";
import { uniqueSheetName } from "../../core/collect";
import { inputLabel, makeTemplate } from "./template";
import { rowOf, open as load } from "./test-workbooks";

const definition = {
  format: "index-definition/1",
  id: "so-thu",
  version: "2024",
  name: { vi: "Bộ chỉ số thử cấp sở", en: "Test department index" },
  categories: [
    { id: "co-dvc", name: { vi: "Có dịch vụ công", en: "With public services" } },
    { id: "khong-dvc", name: { vi: "Không có dịch vụ công", en: "Without public services" } },
  ],
  root: {
    code: "SO",
    name: "Chỉ số CĐS cấp sở",
    children: [
      {
        code: "1",
        name: "Nhận thức số",
        children: [
          {
            code: "1.1",
            name: "Trưởng Ban Chỉ đạo CĐS",
            max: 10,
            rule: {
              kind: "choice",
              options: [
                { value: "Giám đốc", fraction: 1 },
                { value: "Phó Giám đốc", fraction: 0.5 },
                { value: "Chưa có", fraction: 0 },
              ],
            },
          },
          { code: "1.2", name: "Có kế hoạch CĐS năm", max: 10, rule: { kind: "boolean" }, evidence: "required" },
        ],
      },
      {
        code: "2",
        name: "Hoạt động chính quyền số",
        children: [
          {
            code: "2.1",
            name: "Tỷ lệ văn bản ký số",
            max: 10,
            inputs: [
              { code: "2.1.a", name: "Số văn bản ký số", type: "integer", min: 0 },
              { code: "2.1.b", name: "Tổng số văn bản đi", type: "integer", min: 0 },
            ],
            rule: { kind: "ratio", numerator: "2.1.a", denominator: "2.1.b" },
          },
          { code: "2.2", name: "Tỷ lệ hồ sơ trực tuyến toàn trình", max: 20, rule: { kind: "fraction" }, appliesTo: ["co-dvc"], allowNA: true },
        ],
      },
    ],
  },
};

function model(): IndexModel {
  const parsed = parseDefinition(definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

const units = [
  { code: "SYT", name: "Sở Y tế", category: "co-dvc" },
  { code: "TTT", name: "Thanh tra tỉnh", category: "khong-dvc" },
  { code: "SLD", name: "Sở Lao động - Thương binh và Xã hội: [Văn phòng]", category: "co-dvc" },
];

/** The not-applicable answers a number check's formula looks up: the cells of the form's range it names. */
function naListOf(ws: ExcelJS.Worksheet, formula: string): string[] {
  const range = /MATCH\(TRIM\([A-Z]+\d+\),\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+),0\)/.exec(formula);
  if (!range) throw new Error(`no list in ${formula}`);
  const out: string[] = [];
  for (let r = Number(range[2]); r <= Number(range[3]); r++) out.push(String(ws.getCell(`${range[1]}${r}`).value));
  return out;
}

describe("self-assessment templates", () => {
  it("make one sheet per unit with the header block, a valid sheet name for every unit, and an instructions sheet", async () => {
    const wb = await load(await makeTemplate(model(), units, { lang: "vi", period: "Năm 2024" }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Hướng dẫn", "Sở Y tế", "Thanh tra tỉnh", "Sở Lao động - Thương binh và…"]);
    const ws = wb.getWorksheet("Sở Y tế")!;
    expect([1, 2, 3, 4, 5].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 2).value])).toEqual([
      ["Đơn vị", "Sở Y tế"],
      ["Mã đơn vị", "SYT"],
      ["Nhóm", "Có dịch vụ công"],
      ["Bộ chỉ số", "so-thu@2024"],
      ["Kỳ đánh giá", "Năm 2024"],
    ]);
    const header = ws.getRow(8).values as unknown[];
    expect(header.slice(1)).toEqual(["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Số liệu thẩm định", "Tự chấm", "Minh chứng", "Ghi chú", "Điểm"]);
    // The table's rows, by their codes (under it, the place, date and signatures have none).
    const codes: unknown[] = [];
    ws.eachRow((row, r) => {
      if (r > 8 && row.getCell(1).value !== null) codes.push(row.getCell(1).value);
    });
    expect(codes).toEqual(["SO", "1", "1.1", "1.2", "2", "2.1", "2.1.a", "2.1.b", "2.2"]);
    expect(ws.getCell(rowOf(ws, "1"), 2).font?.bold).toBe(true);
    expect(ws.getCell(rowOf(ws, "2.1.a"), 2).alignment?.indent).toBeGreaterThan(ws.getCell(rowOf(ws, "2.1"), 2).alignment?.indent ?? 0);
  });

  it("show each maximum as the number it is: a whole one with no decimal separator after it (Excel shows “#,##0.##” as “500.”), a fraction with its decimals", async () => {
    const fractional = structuredClone(definition);
    fractional.root.children[0]!.children[0]!.max = 7.5;
    fractional.root.children[0]!.children[1]!.max = 12.5;
    const parsed = parseDefinition(fractional);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const ws = (await load(await makeTemplate(parsed.model, units, { lang: "vi" }))).getWorksheet("Sở Y tế")!;
    const max = (code: string) => ws.getCell(rowOf(ws, code), 3);
    expect([max("SO").value, max("SO").numFmt]).toEqual([50, "#,##0"]);
    expect([max("1").value, max("1").numFmt]).toEqual([20, "#,##0"]);
    expect([max("1.1").value, max("1.1").numFmt]).toEqual([7.5, "#,##0.0"]);
    expect([max("2.2").value, max("2.2").numFmt]).toEqual([20, "#,##0"]);
    expect(ws.getCell(8, 3).value).toBe("Điểm tối đa");
  });

  it("offer drop-down lists for choices and yes/no, number checks from min/max, and N/A where allowed", async () => {
    const wb = await load(await makeTemplate(model(), units, { lang: "vi" }));
    const ws = wb.getWorksheet("Sở Y tế")!;
    expect(ws.getCell(rowOf(ws, "1.1"), 4).dataValidation).toMatchObject({ type: "list", formulae: ['"Giám đốc,Phó Giám đốc,Chưa có"'] });
    expect(ws.getCell(rowOf(ws, "1.2"), 4).dataValidation).toMatchObject({ type: "list", formulae: ['"Có,Không"'] });
    expect(ws.getCell(rowOf(ws, "2.1.a"), 4).dataValidation).toMatchObject({ type: "whole", operator: "greaterThanOrEqual", formulae: [0] });
    const pct = ws.getCell(rowOf(ws, "2.2"), 4);
    expect(pct.numFmt).toContain("%");
    expect(pct.dataValidation?.type).toBe("custom");
    expect(naListOf(ws, String(pct.dataValidation?.formulae?.[0]))).toContain("N/A");
    expect(String(pct.dataValidation?.formulae?.[0])).toContain("<=1");
  });

  it("tell one story of the not-applicable answer: the instructions, the checks and the reader all take “Không áp dụng” and “N/A”", async () => {
    const withBoolean = JSON.parse(JSON.stringify(definition)) as typeof definition;
    (withBoolean.root.children[0]!.children[1] as Record<string, unknown>).allowNA = true;
    const parsed = parseDefinition(withBoolean);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const vi = (await load(await makeTemplate(parsed.model, units, { lang: "vi" }))).getWorksheet("Sở Y tế")!;
    expect(String(vi.getCell("A6").value)).toContain("ghi “Không áp dụng” (hay “N/A”)");
    // The line is long: its row has room for two lines (LibreOffice wraps it).
    expect(vi.getRow(6).height).toBeGreaterThanOrEqual(30);
    const pct = vi.getCell(rowOf(vi, "2.2"), 4).dataValidation!;
    const formula = String(pct.formulae?.[0]);
    // A number within the bounds, or a not-applicable answer looked up (MATCH ignores case) in a list on the form.
    const d = `D${rowOf(vi, "2.2")}`;
    expect(formula).toMatch(new RegExp(`^IF\\(ISNUMBER\\(${d}\\),AND\\(${d}>=0,${d}<=1\\),ISNUMBER\\(MATCH\\(TRIM\\(${d}\\),\\$AN\\$\\d+:\\$AN\\$\\d+,0\\)\\)\\)$`));
    expect(naListOf(vi, formula)).toEqual(["Không áp dụng", "N/A", "NA", "KAD", "KHONG AP DUNG", "NOT APPLICABLE"]);
    expect(pct.error).toBe("Nhập tỷ lệ phần trăm từ 0% đến 100%, hoặc ghi “Không áp dụng” (hay “N/A”).");
    const yesNo = vi.getCell(rowOf(vi, "1.2"), 4).dataValidation!;
    expect(yesNo.formulae).toEqual(['"Có,Không,Không áp dụng,N/A"']);
    expect(yesNo.error).toBe(
      "Chọn Có hoặc Không, hoặc ghi “Không áp dụng” (hay “N/A”). Viết cách khác (co / khong, đạt / không đạt, x, 1 / 0, yes / no) vẫn được đọc; bước Kiểm tra báo ô nào không đọc được.",
    );
    // An English form speaks English only: "N/A" in its instructions, its messages and its lists,
    // the hidden list its number check looks the answer up in included (the reader takes each).
    const en = (await load(await makeTemplate(parsed.model, units, { lang: "en" }))).getWorksheet("Sở Y tế")!;
    expect(String(en.getCell("A6").value)).toContain("(where the index allows it): type “N/A”.");
    expect(String(en.getCell("A6").value)).not.toMatch(/Không|áp dụng/);
    const enPct = en.getCell(rowOf(en, "2.2"), 4).dataValidation!;
    expect(enPct.error).toBe("Type a percentage from 0% to 100%, or “N/A”.");
    expect(naListOf(en, String(enPct.formulae?.[0]))).toEqual(["N/A", "NA", "NOT APPLICABLE"]);
    const enYesNo = en.getCell(rowOf(en, "1.2"), 4).dataValidation!;
    expect(enYesNo.formulae).toEqual(['"Yes,No,N/A"']);
    expect(enYesNo.error).toBe(
      "Pick Yes or No, or “N/A”. Written another way (yes / no in upper or lower case, x, 1 / 0) it is read all the same; the check reports any cell it cannot read.",
    );
    // What the Điểm column then shows fits in it; the summary's labels above the table fit in column D.
    expect(vi.getColumn(9).width).toBeGreaterThanOrEqual(fitWidth([unavailableText("answered-na", "vi")], 0, 99));
    expect(vi.getColumn(4).width).toBeGreaterThanOrEqual(fitWidth(Object.values(FORM_SUMMARY_LABELS).flatMap((m) => [m.vi, m.en]), 0, 99, true));
    // Typed either way, in any case, on a form in either language, the answer is read as not applicable.
    for (const lang of ["vi", "en"] as const) {
      const wb = await load(await makeTemplate(parsed.model, units, { lang }));
      const sld = wb.getWorksheet("Sở Lao động - Thương binh và…")!;
      sld.getCell(rowOf(sld, "2.2"), 4).value = "không áp dụng";
      sld.getCell(rowOf(sld, "1.2"), 4).value = lang === "vi" ? "N/A" : "Không áp dụng";
      const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "phieu.xlsx");
      const result = await runScoring(host, { definition: withBoolean, lang, projectVersion: "test", write: false });
      expect(result.submissions.find((u) => u.code === "SLD")!.notApplicable.sort()).toEqual(["1.2", "2.2"]);
      expect(result.issues.filter((i) => i.code === "not-applicable-not-allowed")).toEqual([]);
    }
  });

  it("let through every not-applicable answer the reader takes (“KAD” too), and the reader takes every one the check lets through", async () => {
    const parsed = parseDefinition(definition);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const data = await makeTemplate(parsed.model, units, { lang: "vi" });
    const ws = (await load(data)).getWorksheet("Sở Y tế")!;
    const listed = naListOf(ws, String(ws.getCell(rowOf(ws, "2.2"), 4).dataValidation?.formulae?.[0]));
    // The check compares with MATCH, which ignores case but not diacritics.
    const passes = (typed: string): boolean => listed.some((w) => w.toLocaleUpperCase("vi") === typed.trim().toLocaleUpperCase("vi"));
    for (const typed of ["KAD", "kad", "N/A", "n/a", "NA", "Không áp dụng", "KHÔNG ÁP DỤNG", "khong ap dung", "Not applicable"]) expect(passes(typed)).toBe(true);
    // Every word listed, typed on a form (one form per answer), is read as not applicable with no finding.
    const many = listed.map((w, i) => ({ code: `U${i}`, name: `Đơn vị ${i}`, category: "co-dvc" }));
    const wb = await load(await makeTemplate(parsed.model, many, { lang: "vi" }));
    listed.forEach((word, i) => {
      const form = wb.getWorksheet(`Đơn vị ${i}`)!;
      form.getCell(rowOf(form, "2.2"), 4).value = word;
    });
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "phieu.xlsx");
    const result = await runScoring(host, { definition, lang: "vi", projectVersion: "test", write: false });
    for (const unit of many) expect(result.submissions.find((u) => u.code === unit.code)!.notApplicable).toEqual(["2.2"]);
    expect(result.issues.filter((i) => i.node === "2.2")).toEqual([]);
  });

  it("question, not refuse, a choice or yes/no typed outside the drop-down list, which the reader may take (an alias, no diacritics)", async () => {
    const withAliases = JSON.parse(JSON.stringify(definition)) as typeof definition;
    const rule = withAliases.root.children[0]!.children[0]!.rule as { options: { value: string; aliases?: string[] }[] };
    rule.options[1]!.aliases = ["Phó GĐ"];
    const parsed = parseDefinition(withAliases);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    for (const lang of ["vi", "en"] as const) {
      const ws = (await load(await makeTemplate(parsed.model, units, { lang }))).getWorksheet("Sở Y tế")!;
      for (const code of ["1.1", "1.2"]) {
        for (const col of [4, 5]) {
          const v = ws.getCell(rowOf(ws, code), col).dataValidation!;
          // The drop-down stays; a value typed outside it is kept once the user says so.
          expect(v).toMatchObject({ type: "list", showErrorMessage: true, errorStyle: "warning" });
          expect(v.errorTitle!.length).toBeLessThanOrEqual(32);
          // Excel refuses a message over 255 characters.
          expect(v.error!.length).toBeLessThanOrEqual(255);
          expect(v.error).toContain(lang === "vi" ? "bước Kiểm tra báo ô nào không đọc được" : "the check reports any cell it cannot read");
        }
      }
      expect(ws.getCell(rowOf(ws, "1.1"), 4).dataValidation!.error).toBe(
        lang === "vi"
          ? "Chọn một giá trị trong danh sách. Viết cách khác (không dấu, chữ hoa hay thường, tên gọi khác của lựa chọn) vẫn được đọc; bước Kiểm tra báo ô nào không đọc được."
          : "Pick a value from the list. Written another way (without diacritics, in upper or lower case, another name of the choice) it is read all the same; the check reports any cell it cannot read.",
      );
    }
    // What such typing gives is read: the alias, the option without diacritics, "co" for Có.
    const wb = await load(await makeTemplate(parsed.model, units, { lang: "vi" }));
    const fill = (sheet: string, choice: string, yes: string): void => {
      const ws = wb.getWorksheet(sheet)!;
      ws.getCell(rowOf(ws, "1.1"), 4).value = choice;
      ws.getCell(rowOf(ws, "1.2"), 4).value = yes;
    };
    fill("Sở Y tế", "Phó GĐ", "co");
    fill("Thanh tra tỉnh", "pho giam doc", "x");
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "phieu.xlsx");
    const result = await runScoring(host, { definition: withAliases, lang: "vi", projectVersion: "test", write: false });
    for (const code of ["SYT", "TTT"]) {
      expect(result.table.units.find((u) => u.code === code)!.nodes["1.1"]!.points).toBe(5);
      expect(result.table.units.find((u) => u.code === code)!.nodes["1.2"]!.points).toBe(10);
    }
    expect(result.issues.filter((i) => i.code === "unknown-choice" || i.code === "not-a-boolean")).toEqual([]);
  });

  it("leave the input cells unlocked and shaded and protect the rest without a password", async () => {
    const wb = await load(await makeTemplate(model(), units, { lang: "vi" }));
    const ws = wb.getWorksheet("Sở Y tế")!;
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection.sheet).toBe(true);
    expect(protection.hashValue).toBeUndefined();
    const r = rowOf(ws, "1.2");
    for (const c of [4, 5, 6, 7, 8]) {
      expect(ws.getCell(r, c).protection?.locked).toBe(false);
      expect(ws.getCell(r, c).fill).toMatchObject({ type: "pattern", pattern: "solid" });
    }
    for (const c of [1, 2, 3, 9]) expect(ws.getCell(r, c).protection?.locked).not.toBe(false);
    // The group row takes no input.
    expect(ws.getCell(rowOf(ws, "1"), 4).protection?.locked).not.toBe(false);
  });

  it("leave the Kỳ đánh giá cell for the unit to fill, unlocked and shaded, when no period is given, and locked with the period when one is", async () => {
    const blank = (await load(await makeTemplate(model(), units, { lang: "vi" }))).getWorksheet("Sở Y tế")!;
    expect([blank.getCell("A5").value, blank.getCell("B5").value ?? ""]).toEqual(["Kỳ đánh giá", ""]);
    expect(blank.getCell("B5").protection?.locked).toBe(false);
    expect(blank.getCell("B5").fill).toEqual(blank.getCell(rowOf(blank, "1.2"), 4).fill);
    // The other header cells stay locked.
    for (const a of ["B1", "B2", "B3", "B4"]) expect(blank.getCell(a).protection?.locked).not.toBe(false);
    const given = (await load(await makeTemplate(model(), units, { lang: "vi", period: "Năm 2024" }))).getWorksheet("Sở Y tế")!;
    expect(given.getCell("B5").value).toBe("Năm 2024");
    expect(given.getCell("B5").protection?.locked).not.toBe(false);
    // Without categories the period is on row 4: the same rule.
    const plain = JSON.parse(JSON.stringify(definition));
    delete plain.categories;
    delete plain.root.children[1].children[1].appliesTo;
    const parsed = parseDefinition(plain);
    if (!parsed.ok) throw new Error("invalid");
    const ws = (await load(await makeTemplate(parsed.model, [{ code: "A", name: "Phòng A" }], { lang: "en" }))).getWorksheet("Phòng A")!;
    expect(ws.getCell("A4").value).toBe("Period");
    expect(ws.getCell("B4").protection?.locked).toBe(false);
  });

  it("show each node's description (how it is scored) under its name in the Nội dung cell, smaller and grey, in the form's language", async () => {
    const builtin = findBuiltin("dti-so-nganh-mau");
    const parsed = parseDefinition(builtin!.definition);
    if (!parsed.ok) throw new Error("sample invalid");
    const unit = [{ code: "SNV", name: "Sở Nội vụ", category: "co-dvc" }];
    const ws = (await load(await makeTemplate(parsed.model, unit, { lang: "vi" }))).getWorksheet("Sở Nội vụ")!;
    const item = ws.getCell(rowOf(ws, "1.4"), 2);
    const runs = (item.value as ExcelJS.CellRichTextValue).richText;
    expect(runs.map((t) => t.text).join("")).toBe("Ban Chỉ đạo chuyển đổi số họp định kỳ trong năm (cuộc họp)\nHọp 4 lần/năm: 20 điểm; 3 lần: 15; 2 lần: 10; 1 lần: 5; còn lại: 0.");
    expect(runs[1]!.font).toMatchObject({ italic: true, size: 9, color: { argb: "FF595959" }, name: "Calibri" });
    expect(runs[0]!.font?.size).toBe(11);
    expect(item.alignment?.wrapText).toBe(true);
    // A node without a description keeps its plain name.
    expect(ws.getCell(rowOf(ws, "3.2"), 2).value).toBe("Tỷ lệ máy tính kết nối mạng LAN và Internet (%)");
    const en = (await load(await makeTemplate(parsed.model, unit, { lang: "en" }))).getWorksheet("Sở Nội vụ")!;
    expect(JSON.stringify(en.getCell(rowOf(en, "1.2"), 2).value)).toContain("Each item met: half of the points.");
    // The forms, filled in, are still read row by row by their codes.
    const host = await XlsxHost.fromBuffer(await makeTemplate(parsed.model, unit, { lang: "vi" }), "phieu.xlsx");
    const result = await runScoring(host, { definition: builtin!.definition, lang: "vi", projectVersion: "test", write: false });
    expect(result.submissions).toHaveLength(1);
    expect(result.issues.filter((i) => i.code === "layout-not-found" || i.code === "unknown-code")).toEqual([]);
  });

  it("grey out, and lock, indicators that do not apply to the unit's category", async () => {
    const wb = await load(await makeTemplate(model(), units, { lang: "vi" }));
    const ws = wb.getWorksheet("Thanh tra tỉnh")!;
    const r = rowOf(ws, "2.2");
    expect(ws.getCell(r, 4).protection?.locked).not.toBe(false);
    expect(ws.getCell(r, 8).value).toBe("Không áp dụng với nhóm đơn vị này");
  });

  it("once filled in by the units, score to the expected points", async () => {
    const m = model();
    const wb = await load(await makeTemplate(m, units, { lang: "vi" }));
    const fill = (sheet: string, values: Record<string, ExcelJS.CellValue>, evidence: Record<string, string> = {}): void => {
      const ws = wb.getWorksheet(sheet)!;
      for (const [code, v] of Object.entries(values)) ws.getCell(rowOf(ws, code), 4).value = v;
      for (const [code, v] of Object.entries(evidence)) ws.getCell(rowOf(ws, code), 7).value = v;
    };
    fill("Sở Y tế", { "1.1": "Phó Giám đốc", "1.2": "Có", "2.1.a": 30, "2.1.b": 40, "2.2": 0.9 }, { "1.2": "Kế hoạch số 12/KH-SYT" });
    fill("Thanh tra tỉnh", { "1.1": "Giám đốc", "1.2": "Không", "2.1.a": 10, "2.1.b": 10 });
    fill("Sở Lao động - Thương binh và…", { "1.1": "Chưa có", "1.2": "Có", "2.1.a": 0, "2.1.b": 25, "2.2": "N/A" }, { "1.2": "Quyết định 5/QĐ" });
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "phieu.xlsx");
    const result = await runScoring(host, { definition, lang: "vi", projectVersion: "test", write: false });
    const points = Object.fromEntries(result.table.units.map((u) => [u.code, u.points]));
    // SYT: 5 + 10 + 7.5 + 18 = 40.5 of 50.
    expect(points.SYT).toBeCloseTo(40.5, 10);
    // Thanh tra: 2.2 does not apply, so group 2 is rescaled from 2.1 alone (10/10 → 30 of 30): 10 + 0 + 30.
    expect(points.TTT).toBeCloseTo(40, 10);
    // SLD answered N/A for 2.2, and signed nothing: 0 + 10 + 0.
    expect(points.SLD).toBeCloseTo(10, 10);
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("write the department sample's forms in English too", async () => {
    const builtin = findBuiltin("dti-so-nganh-mau");
    const parsed = parseDefinition(builtin!.definition);
    if (!parsed.ok) throw new Error("sample invalid");
    const wb = await load(await makeTemplate(parsed.model, [{ code: "DOH", name: "Department of Health", category: "co-dvc" }], { lang: "en" }));
    const ws = wb.getWorksheet("Department of Health")!;
    expect(ws.getCell(2, 1).value).toBe("Unit code");
    expect((ws.getRow(8).values as unknown[]).slice(1, 5)).toEqual(["Code", "Item", "Max points", "Value"]);
    expect(ws.getCell(rowOf(ws, "2.1"), 4).dataValidation).toMatchObject({ type: "list", formulae: ['"Yes,No"'] });
    expect(wb.getWorksheet("Instructions")).toBeDefined();
  });

  it("name a unit's sheet after the unit, cut after a whole word and ended with “…” when the name is longer than 31 characters, every name different", () => {
    const taken = new Set<string>(["Hướng dẫn"]);
    const names = [
      "Sở Nông nghiệp và Phát triển nông thôn",
      "Đài Phát thanh và Truyền hình tỉnh",
      "Sở Nông nghiệp và Phát triển nông thôn",
      "Sở Y tế",
      "sở y tế",
      "Ban Quản lý: [dự án]/khu * công nghiệp?",
      "'Trích dẫn'",
      "Ủy ban nhân dân huyện Mường Nhé (rất dài tên để kiểm tra)",
    ].map((n) => uniqueSheetName(n, taken));
    expect(names).toEqual([
      "Sở Nông nghiệp và Phát triển…",
      "Đài Phát thanh và Truyền hình…",
      "Sở Nông nghiệp và Phát… (2)",
      "Sở Y tế",
      "sở y tế (2)",
      "Ban Quản lý dự án khu công…",
      "Trích dẫn",
      "Ủy ban nhân dân huyện Mường…",
    ]);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]|^'|'$/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it("write every font with its face and size, so LibreOffice draws no heading, header row, link or italic row in a serif", async () => {
    const zip = await JSZip.loadAsync(await makeTemplate(model(), units, { lang: "vi", period: "Năm 2024" }));
    const styles = await zip.file("xl/styles.xml")!.async("string");
    const fonts = [...styles.matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]!);
    // Bold, italic, coloured, larger and underlined fonts at least.
    expect(fonts.length).toBeGreaterThanOrEqual(6);
    for (const f of fonts) {
      expect(f).toMatch(/<name val="Calibri"\/>/);
      expect(f).toMatch(/<sz val="\d+"\/>/);
    }
  });

  it("print the instructions on A4 portrait, one page wide, the text wrapped across the unit table's width in rows tall enough for it", async () => {
    const builtin = findBuiltin("dti-so-nganh-mau");
    const parsed = parseDefinition(builtin!.definition);
    if (!parsed.ok) throw new Error("sample invalid");
    const data = await makeTemplate(parsed.model, units, { lang: "vi", period: "Năm 2024" });
    const wb = await load(data);
    const ws = wb.getWorksheet("Hướng dẫn")!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const widths = [1, 2, 3].map((c) => ws.getColumn(c).width ?? 0);
    const span = widths.reduce((a, b) => a + b, 0);
    // About a portrait page (Excel's column unit is 5.25 points, the page 538 between margins).
    expect(span).toBeGreaterThanOrEqual(85);
    expect(span * 5.25).toBeLessThan(560);
    for (let r = 1; r <= 13; r++) {
      const cell = ws.getCell(r, 1);
      expect(cell.alignment?.wrapText).toBe(true);
      expect(cell.isMerged).toBe(true);
      // A line clearly longer than the page's width has a row of two lines at least.
      if (String(cell.value ?? "").length > span * 1.3) expect(ws.getRow(r).height ?? 0).toBeGreaterThanOrEqual(30);
    }
    // The title, in 14 points, is longer than the width: two lines of 14 points.
    const title = String(ws.getCell(1, 1).value);
    expect(title.length).toBeGreaterThan(span * 1.1);
    expect(ws.getRow(1).height ?? 0).toBeGreaterThanOrEqual((2 * 15 * 14) / 11);
    // The unit table: code, name (a link to the unit's sheet) and category by name.
    const first = 16;
    expect([ws.getCell(first, 1).value, ws.getCell(first, 3).value]).toEqual(["SYT", "Sở, ban, ngành có dịch vụ công"]);
    expect((await loadXlsx(data)).getWorksheet("Hướng dẫn")!.getCell(first, 2).value).toMatchObject({ text: "Sở Y tế", hyperlink: "#'Sở Y tế'!A1" });
  });

  it("show a long unit name whole in the instructions: its column as wide as the name (LibreOffice draws a link on one line), the wider table printed landscape with its title on rows tall enough", async () => {
    const builtin = findBuiltin("dti-so-nganh-mau");
    const parsed = parseDefinition(builtin!.definition);
    if (!parsed.ok) throw new Error("sample invalid");
    const long = "Ủy ban nhân dân huyện Bình Xuyên và các đơn vị sự nghiệp trực thuộc thuộc tỉnh Vĩnh Phúc theo quyết định số 123";
    const wb = await load(await makeTemplate(parsed.model, [{ code: "A1", name: "Sở A", category: "co-dvc" }, { code: "UB", name: long, category: "co-dvc" }], { lang: "vi" }));
    const ws = wb.getWorksheet("Hướng dẫn")!;
    const r = 17;
    // The link's text (ExcelJS reads a link inside the workbook back as its text alone).
    const shown = (v: ExcelJS.CellValue): unknown => (typeof v === "object" && v !== null && "text" in v ? v.text : v);
    expect(shown(ws.getCell(r, 2).value)).toBe(long);
    const width = ws.getColumn(2).width ?? 0;
    // The name fits the column on one line, as a heading in bold would: nothing is cut at its edge.
    expect(width).toBeGreaterThanOrEqual(fitWidth([long], 0, 255, true));
    expect(ws.getCell(r, 2).alignment?.wrapText).toBe(true);
    expect(ws.getCell(r, 3).value).toBe("Sở, ban, ngành có dịch vụ công");
    const span = [1, 2, 3].reduce((a, c) => a + (ws.getColumn(c).width ?? 0), 0);
    // Wider than a portrait page (538 points between margins, a column unit 5.25 points): landscape.
    expect(span * 5.25).toBeGreaterThan(560);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    // The title, in 14-point bold, nearly as long as the wider table: LibreOffice draws it on two lines, and the row holds both.
    expect(ws.getRow(1).height ?? 0).toBeGreaterThanOrEqual((2 * 15 * 14) / 11);

    // A name longer than the widest column wraps (in Excel), in a row tall enough for it.
    const longer = `${long}, ${long}`;
    const wb2 = await load(await makeTemplate(parsed.model, [{ code: "UB", name: longer, category: "co-dvc" }], { lang: "vi" }));
    const ws2 = wb2.getWorksheet("Hướng dẫn")!;
    expect(shown(ws2.getCell(16, 2).value)).toBe(longer);
    expect(ws2.getCell(16, 2).alignment?.wrapText).toBe(true);
    expect(ws2.getColumn(2).width ?? 0).toBeLessThan(fitWidth([longer], 0, 255, true));
    expect(ws2.getRow(16).height ?? 0).toBeGreaterThanOrEqual(2 * 15);
  });

  it("link each unit on the instructions sheet to its form with a link inside the workbook (a location, no relationship to a file), a unit named with quotes or “=” too", async () => {
    const odd = [...units, { code: "Q", name: `Sở "Mới" = 1+1 'A'!B2`, category: "co-dvc" }];
    const data = await makeTemplate(model(), odd, { lang: "vi" });
    const zip = await JSZip.loadAsync(data);
    const help = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const links = [...help.matchAll(/<hyperlink\b[^>]*\/>/g)].map((m) => m[0]);
    const sheets = (await load(data)).worksheets.slice(1).map((w) => w.name);
    expect(sheets[3]).toBe(`Sở "Mới" = 1+1 'A'!B2`);
    expect(links).toEqual(
      sheets.map((name, i) => `<hyperlink ref="B${16 + i}" location="${`'${name.replace(/'/g, "''")}'!A1`.replace(/"/g, "&quot;")}"/>`),
    );
    // No relationship is left for them (the sheet has none other).
    expect(zip.file("xl/worksheets/_rels/sheet1.xml.rels")).toBeNull();
    // The name shows as text, never as a formula.
    expect(help).not.toContain("<f>");
    const read = (await loadXlsx(data)).getWorksheet("Hướng dẫn")!;
    expect(read.getCell(19, 2).value).toEqual({ text: `Sở "Mới" = 1+1 'A'!B2`, hyperlink: `#'Sở "Mới" = 1+1 ''A''!B2'!A1` });
  });

  it("keep the instructions' links inside the workbook through two scoring runs", async () => {
    let data = await makeTemplate(model(), units, { lang: "vi" });
    for (let run = 0; run < 2; run++) {
      const host = await XlsxHost.fromBuffer(data, "phieu.xlsx");
      await runScoring(host, { definition, lang: "vi", projectVersion: "test", write: true });
      data = await host.toBuffer();
    }
    const zip = await JSZip.loadAsync(data);
    const parts = sheetParts(await zip.file("xl/workbook.xml")!.async("string"), parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")), "xl/workbook.xml");
    const part = parts.get("Hướng dẫn")!;
    const help = await zip.file(part)!.async("string");
    expect([...help.matchAll(/<hyperlink\b[^>]*\/>/g)].map((m) => m[0])).toEqual([
      `<hyperlink ref="B16" location="'Sở Y tế'!A1"/>`,
      `<hyperlink ref="B17" location="'Thanh tra tỉnh'!A1"/>`,
      `<hyperlink ref="B18" location="'Sở Lao động - Thương binh và…'!A1"/>`,
    ]);
    const rels = (await zip.file(relsPathOf(part))?.async("string")) ?? "";
    expect(rels).not.toContain("hyperlink");
  }, 60_000);

  it("for an index without categories, show no Nhóm line on the forms and no category column in the instructions", async () => {
    const plain = { ...definition, categories: undefined, root: { ...definition.root, children: definition.root.children.map((g) => ({ ...g, children: g.children.map((c) => ({ ...c, appliesTo: undefined })) })) } };
    const parsed = parseDefinition(JSON.parse(JSON.stringify(plain)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const wb = await load(await makeTemplate(parsed.model, [{ code: "H01", name: "Huyện Điện Biên Đông", category: "huyen" }], { lang: "vi", period: "Năm 2024" }));
    const ws = wb.getWorksheet("Huyện Điện Biên Đông")!;
    expect([1, 2, 3, 4, 5].map((r) => [ws.getCell(r, 1).value ?? null, ws.getCell(r, 2).value ?? null])).toEqual([
      ["Đơn vị", "Huyện Điện Biên Đông"],
      ["Mã đơn vị", "H01"],
      ["Bộ chỉ số", "so-thu@2024"],
      ["Kỳ đánh giá", "Năm 2024"],
      [null, null],
    ]);
    const help = wb.getWorksheet("Hướng dẫn")!;
    const texts: string[] = [];
    help.eachRow((row) => row.eachCell((c) => texts.push(typeof c.value === "object" && c.value && "text" in c.value ? String(c.value.text) : String(c.value))));
    expect(texts).not.toContain("Nhóm");
    expect(texts).not.toContain("huyen");
    expect(texts).toEqual(expect.arrayContaining(["Mã đơn vị", "Đơn vị", "H01", "Huyện Điện Biên Đông"]));
    // The reader takes the form without a category line.
    const filled = new ExcelJS.Workbook();
    await filled.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const f = filled.getWorksheet("Huyện Điện Biên Đông")!;
    f.getCell(rowOf(f, "1.1"), 4).value = "Giám đốc";
    const host = await XlsxHost.fromBuffer(new Uint8Array(await filled.xlsx.writeBuffer()), "phieu.xlsx");
    const result = await runScoring(host, { definition: JSON.parse(JSON.stringify(plain)), lang: "vi", projectVersion: "test", write: false });
    expect(result.table.units.map((u) => [u.code, u.name])).toEqual([["H01", "Huyện Điện Biên Đông"]]);
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("align the whole table at the top of its rows, wrap the input cells and make each row tall enough for its text and its longest choice", async () => {
    const builtin = findBuiltin("dti-so-nganh-mau");
    const parsed = parseDefinition(builtin!.definition);
    if (!parsed.ok) throw new Error("sample invalid");
    const wb = await load(await makeTemplate(parsed.model, [{ code: "SNV", name: "Sở Nội vụ", category: "co-dvc" }], { lang: "vi" }));
    const ws = wb.getWorksheet("Sở Nội vụ")!;
    let rows = 0;
    ws.eachRow((row, r) => {
      // The table's rows (under it, the place, date and signatures are centred).
      if (r <= 8 || row.getCell(1).value === null) return;
      rows++;
      for (let c = 1; c <= 9; c++) expect([r, c, row.getCell(c).alignment?.vertical]).toEqual([r, c, "top"]);
    });
    expect(rows).toBeGreaterThan(40);
    // 1.1 is a choice whose longest option, "Phó Giám đốc/Phó Thủ trưởng", takes three lines of the Số liệu column.
    const choice = rowOf(ws, "1.1");
    for (const c of [4, 5]) expect(ws.getCell(choice, c).alignment?.wrapText).toBe(true);
    expect(ws.getRow(choice).height ?? 0).toBeGreaterThanOrEqual(45);
    // Item texts indent by level, which shows only with left alignment.
    expect(ws.getCell(rowOf(ws, "1.3.a"), 2).alignment).toMatchObject({ horizontal: "left", wrapText: true });
    // A text that fits one line leaves its row at the default height; one that needs two gets two.
    expect(ws.getRow(rowOf(ws, "3.2")).height).toBeUndefined();
    expect(ws.getRow(rowOf(ws, "6.1")).height).toBeUndefined();
    // A one-line name with a one-line description under it in 9 points: one line and a smaller one.
    expect(ws.getRow(rowOf(ws, "1.2")).height ?? 0).toBeGreaterThanOrEqual(15 + 12);
    expect(ws.getRow(rowOf(ws, "1.2")).height ?? 0).toBeLessThan(30 + 3);
    // A name of two lines and a one-line description.
    expect(ws.getRow(rowOf(ws, "1.3")).height ?? 0).toBeGreaterThanOrEqual(30 + 12);
    expect(ws.getRow(rowOf(ws, "1.3")).height ?? 0).toBeLessThan(45 + 12);
  });

  it("keep a list whose options have a comma, or that is too long to write inline, on the form itself, in a hidden locked column the reader ignores", async () => {
    const long = Array.from({ length: 12 }, (_, i) => ({ value: `Phương án số ${i + 1} của đơn vị sự nghiệp công lập trực thuộc`, fraction: i / 11 }));
    const withLists = JSON.parse(JSON.stringify(definition)) as typeof definition & { root: { children: { children: Record<string, unknown>[] }[] } };
    const first = withLists.root.children[0]!.children;
    first[0]!.rule = {
      kind: "choice",
      options: [
        { value: "Giám đốc, Thủ trưởng", fraction: 1 },
        { value: "Phó Giám đốc", fraction: 0.5 },
        { value: "Chưa có", fraction: 0 },
      ],
    };
    first.push({ code: "1.3", name: "Mức độ triển khai", max: 10, rule: { kind: "choice", options: long } });
    const parsed = parseDefinition(withLists);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const data = await makeTemplate(parsed.model, units.slice(0, 2), { lang: "vi" });
    const wb = await load(data);
    // No sheet of lists: each form carries its own.
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Hướng dẫn", "Sở Y tế", "Thanh tra tỉnh"]);
    for (const name of ["Sở Y tế", "Thanh tra tỉnh"]) {
      const ws = wb.getWorksheet(name)!;
      const listOf = (code: string, col: number): string[] => {
        const formula = String(ws.getCell(rowOf(ws, code), col).dataValidation?.formulae?.[0]);
        // A range of the form itself: no sheet name, so it holds when the form is copied alone.
        expect(formula).toMatch(/^\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/);
        const [a, b] = formula.replace(/\$/g, "").split(":") as [string, string];
        const col0 = Number(ws.getCell(a).col);
        expect(ws.getColumn(col0).hidden).toBe(true);
        expect(col0).toBeGreaterThan(9 + 20);
        const out: string[] = [];
        for (let r = Number(ws.getCell(a).row); r <= Number(ws.getCell(b).row); r++) out.push(String(ws.getCell(r, col0).value));
        return out;
      };
      for (const col of [4, 5]) {
        expect(listOf("1.1", col)).toEqual(["Giám đốc, Thủ trưởng", "Phó Giám đốc", "Chưa có"]);
        expect(listOf("1.3", col)).toEqual(long.map((o) => o.value));
      }
    }
    // The sheet stays protected (the list cells are locked), and the reader takes only the table:
    // a filled form scores with no finding about the list column.
    const filled = await load(data);
    const ws = filled.getWorksheet("Sở Y tế")!;
    ws.getCell(rowOf(ws, "1.1"), 4).value = "Giám đốc, Thủ trưởng";
    ws.getCell(rowOf(ws, "1.3"), 4).value = long[11]!.value;
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    const host = await XlsxHost.fromBuffer(new Uint8Array(await filled.xlsx.writeBuffer()), "phieu.xlsx");
    const result = await runScoring(host, { definition: withLists, lang: "vi", projectVersion: "test", write: false });
    const syt = result.table.units.find((u) => u.code === "SYT")!;
    expect(syt.nodes["1.1"]!.points).toBe(10);
    expect(syt.nodes["1.3"]!.points).toBe(10);
    expect(result.issues.filter((i) => i.sheet === "Sở Y tế" && (i.code === "unknown-code" || i.code === "layout-not-found"))).toEqual([]);
  }, 60_000);
});

describe("an indicator with several inputs, one of which takes the indicator's own code", () => {
  const ownCode = {
    format: "index-definition/1",
    id: "xa-thu",
    version: "2024",
    name: "Bộ chỉ số thử cấp xã",
    root: {
      code: "XA",
      name: "Chỉ số CĐS cấp xã",
      children: [
        {
          code: "1",
          name: "Nhận thức số",
          children: [
            {
              code: "1.1",
              name: "Tự chấm kế hoạch",
              max: 10,
              inputs: [
                { code: "1.1", type: "number", min: 0, max: 10, name: "Điểm tự chấm" },
                { code: "1.1.gc", type: "text", name: "Giải trình" },
              ],
              rule: { kind: "points", input: "1.1" },
            },
            { code: "1.2", name: "Có kế hoạch CĐS", max: 10, rule: { kind: "boolean" } },
          ],
        },
      ],
    },
  };

  it("gets one row for that input, the indicator's own (shaded and checked), a row for each other input, and scores once filled in", async () => {
    const parsed = parseDefinition(ownCode);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const wb = await load(await makeTemplate(parsed.model, [{ code: "X1", name: "Xã Một" }], { lang: "vi" }));
    const ws = wb.getWorksheet("Xã Một")!;
    const codes: string[] = [];
    ws.eachRow((row, r) => {
      if (r > 8 && row.getCell(1).value !== null) codes.push(String(row.getCell(1).value));
    });
    expect(codes).toEqual(["XA", "1", "1.1", "1.1.gc", "1.2"]);
    const r = rowOf(ws, "1.1");
    // The indicator's row is the input's: Số liệu unlocked, yellow, and checked as the input's bounds say.
    expect(ws.getCell(r, 4).protection?.locked).toBe(false);
    expect(ws.getCell(r, 4).fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
    expect(ws.getCell(r, 4).dataValidation).toMatchObject({ type: "decimal", operator: "between", formulae: [0, 10] });
    // The other input's row takes text, without a number check.
    const g = rowOf(ws, "1.1.gc");
    expect(ws.getCell(g, 4).protection?.locked).toBe(false);
    expect(ws.getCell(g, 4).dataValidation?.type).toBeUndefined();

    ws.getCell(r, 4).value = 7.5;
    ws.getCell(g, 4).value = "Kế hoạch ban hành tháng 3";
    ws.getCell(rowOf(ws, "1.2"), 4).value = "Có";
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "phieu.xlsx");
    const result = await runScoring(host, { definition: ownCode, lang: "vi", projectVersion: "test", write: false });
    const x1 = result.table.units.find((u) => u.code === "X1")!;
    expect(x1.nodes["1.1"]!.points).toBe(7.5);
    expect(x1.points).toBe(17.5);
    expect(result.issues).toEqual([]);
  });
});

describe("a definition saved in NFD (letters and combining marks)", () => {
  it("gives forms whose every text is in NFC: names, options, notes, the instructions' title", async () => {
    const nfd = JSON.parse(JSON.stringify({ ...definition, description: "Mô tả bộ chỉ số" }).normalize("NFD")) as unknown;
    const parsed = parseDefinition(nfd);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(JSON.stringify(parsed.model.definition)).not.toBe(JSON.stringify(parsed.model.definition).normalize("NFC"));
    const wb = await load(await makeTemplate(parsed.model, units.slice(0, 1), { lang: "vi" }));
    const texts: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          const v = cell.value as unknown;
          if (typeof v === "string") texts.push(v);
          else if (v && typeof v === "object" && "richText" in v) texts.push(...(v as ExcelJS.CellRichTextValue).richText.map((t) => t.text));
          const f = cell.dataValidation?.formulae?.[0];
          if (typeof f === "string") texts.push(f);
        }),
      );
    }
    expect(texts.filter((t) => t !== t.normalize("NFC"))).toEqual([]);
    expect(texts).toContain("Trưởng Ban Chỉ đạo CĐS");
    expect(texts.some((t) => t.includes("Giám đốc,Phó Giám đốc"))).toBe(true);
    expect(wb.getWorksheet("Hướng dẫn")!.getCell("A1").value).toBe("Phiếu tự đánh giá — Bộ chỉ số thử cấp sở (so-thu@2024)");
  });
});

describe("the form of an index without points (the HDI)", () => {
  const hdi = (): IndexModel => {
    const parsed = parseDefinition(findBuiltin("undp-hdi")!.definition);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.model;
  };
  const texts = (ws: ExcelJS.Worksheet): string[] => {
    const out: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => out.push(typeof c.value === "object" && c.value && "text" in c.value ? String(c.value.text) : String(c.value))));
    return out;
  };

  it("asks for no self score and shows no max points, in either language, and its instructions speak of no points, nor of a not-applicable answer none of its indicators takes", async () => {
    for (const lang of ["vi", "en"] as const) {
      const wb = await load(await makeTemplate(hdi(), [{ code: "VNM", name: "Việt Nam" }], { lang }));
      const ws = wb.getWorksheet("Việt Nam")!;
      expect((ws.getRow(8).values as unknown[]).slice(1)).toEqual(
        lang === "vi" ? ["Mã", "Nội dung", "Số liệu", "Số liệu thẩm định", "Minh chứng", "Ghi chú", "Điểm"] : ["Code", "Item", "Value", "Appraised value", "Evidence", "Note", "Score"],
      );
      expect(String(ws.getCell(6, 1).value)).toBe(
        lang === "vi"
          ? "Nhập số liệu vào các ô nền vàng (Số liệu, Minh chứng, Ghi chú); cột Số liệu thẩm định (nền xanh) dành cho Hội đồng thẩm định. Không sửa cột Mã."
          : "Type into the yellow cells (Value, Evidence, Note); the blue Appraised value column is for the appraisal council. Do not change the Code column.",
      );
      // The instructions sheet neither asks for a self score nor calls the Điểm column points.
      const help = texts(wb.getWorksheet(lang === "vi" ? "Hướng dẫn" : "Instructions")!);
      expect(help.some((t) => /Tự chấm|Self score|điểm tự|points the unit/i.test(t))).toBe(false);
      expect(help).toContain(
        lang === "vi"
          ? "Cột Điểm do công cụ tự điền giá trị tính được của từng dòng (bộ chỉ số này không tính điểm); không nhập vào cột này."
          : "The Score column is filled in by the tool with each row's computed value (this index gives no points); do not type into it.",
      );
      // No unlocked cell is left in a column the form does not have.
      const unlocked = new Set<number>();
      ws.eachRow((row, r) => row.eachCell({ includeEmpty: true }, (c, col) => r > 8 && c.protection?.locked === false && unlocked.add(col)));
      expect([...unlocked].sort()).toEqual([3, 4, 5, 6]);
    }
  });

  it("says an input's unit once, also when the name already ends with it", async () => {
    const wb = await load(await makeTemplate(hdi(), [{ code: "VNM", name: "Việt Nam" }], { lang: "vi" }));
    const ws = wb.getWorksheet("Việt Nam")!;
    expect(ws.getCell(rowOf(ws, "gnipc"), 2).value).toBe("GNI bình quân đầu người (USD PPP 2017)");
    expect(ws.getCell(rowOf(ws, "le"), 2).value).toBe("Tuổi thọ trung bình (năm)");
    const en = await load(await makeTemplate(hdi(), [{ code: "VNM", name: "Viet Nam" }], { lang: "en" }));
    const e = en.getWorksheet("Viet Nam")!;
    expect(e.getCell(rowOf(e, "gnipc"), 2).value).toBe("GNI per capita (USD PPP 2017)");
    // A unit given in both languages is said in the form's.
    expect(e.getCell(rowOf(e, "le"), 2).value).toBe("Life expectancy at birth (years)");
    // A definition whose input name carries its unit in brackets gets it once; a name that merely ends with the unit's word still gets it.
    const input = { code: "x", type: "number" as const, indicator: "x" };
    expect(inputLabel({ ...input, name: { vi: "Thu nhập (USD PPP 2017)", en: "Income" }, unit: "USD PPP 2017" }, "vi")).toBe("Thu nhập (USD PPP 2017)");
    expect(inputLabel({ ...input, name: { vi: "Số văn bản", en: "Documents" }, unit: "văn bản" }, "vi")).toBe("Số văn bản (văn bản)");
    expect(inputLabel({ ...input, name: { vi: "Số văn bản", en: "Directives" }, unit: { vi: "văn bản", en: "documents" } }, "en")).toBe("Directives (documents)");
    expect(inputLabel({ ...input, name: { vi: "Thu nhập (USD)", en: "Income (USD)" }, unit: { vi: "USD", en: "USD" } }, "en")).toBe("Income (USD)");
  });

  it("once filled in, scores to the HDI's values", async () => {
    const wb = await load(await makeTemplate(hdi(), [{ code: "VNM", name: "Việt Nam" }], { lang: "vi" }));
    const ws = wb.getWorksheet("Việt Nam")!;
    // Values column C: the form has no Điểm tối đa column.
    for (const [code, v] of Object.entries({ le: 74.5, eys: 13.2, mys: 9.1, gnipc: 11400 })) ws.getCell(rowOf(ws, code), 3).value = v;
    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "hdi.xlsx");
    const result = await runScoring(host, { definition: findBuiltin("undp-hdi")!.definition, lang: "vi", projectVersion: "test", write: false });
    const unit = result.table.units[0]!;
    expect(unit.nodes.health!.value).toBeCloseTo((74.5 - 20) / 65, 12);
    expect(unit.value).toBeCloseTo(0.737975055741013, 12);
    // Nothing: not even of the HDI's aggregates (its exclusions), which are not among the units scored.
    expect(result.issues).toEqual([]);
  });
});
