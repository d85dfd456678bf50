/**
 * The results table the analyst renamed in Excel (Table Design > Table Name: `DTI_Results` →
 * `BangKetQua`, their formulas reading `=SUM(BangKetQua[Tổng điểm])`), scored again from the file:
 * the table takes its name back, the formulas naming it follow, one sentence says so; never two
 * tables, never the table dropped without a word. A table of theirs elsewhere on the results sheet,
 * which does not survive the sheet written again, is named.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { RESULTS_TABLE } from "../../core/plan/labels";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { renameTableInFormula } from "../../core/structured-refs";
import { tableDroppedMessage, tableRenamedBackMessage } from "./apply";
import { XlsxHost } from "./host";
import { demoForms, edit, open } from "./test-workbooks";

async function score(file: Uint8Array, lang: "vi" | "en" = "vi") {
  const host = await XlsxHost.fromBuffer(file, "bao-cao.xlsx");
  await runScoring(host, { definition: DEMO_DEFINITION, lang, projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return { out: await host.toBuffer(), warnings: host.lastApply!.warnings };
}

/** The file's tables, from its table parts: each one's name (as structured references use it) and range. */
async function tableParts(file: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(file);
  const out: string[] = [];
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async("string");
    out.push(`${/displayName="([^"]*)"/.exec(xml)?.[1]} ${/\sref="([^"]*)"/.exec(xml)?.[1]}`);
  }
  return out.sort();
}

/** The file as Excel saves it once the analyst renamed the table `from` to `to` (its part's name and displayName). */
async function renamedInFile(file: Uint8Array, from: string, to: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  let renamed = 0;
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async("string");
    const next = xml.replace(`name="${from}"`, `name="${to}"`).replace(`displayName="${from}"`, `displayName="${to}"`);
    if (next !== xml) renamed++;
    zip.file(path, next);
  }
  if (renamed !== 1) throw new Error(`table ${from} not found`);
  return zip.generateAsync({ type: "uint8array" });
}

/** The file with a defined name of the analyst's added to its workbook part (ExcelJS cannot write one holding a structured reference). */
async function withDefinedName(file: Uint8Array, name: string, formula: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  const element = `<definedName name="${name}">${formula}</definedName>`;
  const next = xml.includes("</definedNames>") ? xml.replace("</definedNames>", `${element}</definedNames>`) : xml.replace("</sheets>", `</sheets><definedNames>${element}</definedNames>`);
  zip.file("xl/workbook.xml", next);
  return zip.generateAsync({ type: "uint8array" });
}

/** The text of the defined name `name` in the file's workbook part. */
async function definedName(file: Uint8Array, name: string): Promise<string | undefined> {
  const xml = await (await JSZip.loadAsync(file)).file("xl/workbook.xml")!.async("string");
  return new RegExp(`<definedName name="${name}"[^>]*>([^<]*)</definedName>`).exec(xml)?.[1];
}

const MINE = [
  "SUM(BangKetQua[Tổng điểm])",
  `INDEX(BangKetQua[Đơn vị],MATCH(1,BangKetQua[Hạng],0))`,
  "ROWS(BangKetQua)",
  `"BangKetQua[Tổng điểm]"&COUNTA(bangketqua[[#Headers],[Hạng]])`,
];

/** The analyst's sheet of formulas naming the renamed table, with a validation and a conditional format naming it too. */
function addMine(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Của tôi");
  MINE.forEach((formula, i) => (ws.getCell(`A${i + 1}`).value = { formula, result: 99 }));
  ws.getCell("B1").dataValidation = { type: "list", allowBlank: true, formulae: ["INDIRECT(\"BangKetQua[Đơn vị]\")"] };
  ws.addConditionalFormatting({ ref: "C1:C3", rules: [{ type: "expression", priority: 1, formulae: ["C1>MAX(BangKetQua[Tổng điểm])"], style: { font: { bold: true } } }] });
}

function formulas(wb: ExcelJS.Workbook): (string | undefined)[] {
  const ws = wb.getWorksheet("Của tôi")!;
  return MINE.map((_, i) => (ws.getCell(`A${i + 1}`).value as { formula?: string } | null)?.formula);
}

describe("the results table renamed by the analyst, scored again from the file", () => {
  test("takes its name back, once, in the same place; the formulas naming it follow it, their old results dropped; one sentence says so, naming both names", async () => {
    const first = await score(await demoForms());
    const [table] = await tableParts(first.out);
    expect(table).toMatch(new RegExp(`^${RESULTS_TABLE} `));
    const renamed = await renamedInFile(await edit(first.out, addMine), RESULTS_TABLE, "BangKetQua");

    const second = await score(renamed);
    expect(await tableParts(second.out)).toEqual([table]);
    const wb = await open(second.out);
    expect(formulas(wb)).toEqual([
      "SUM(DTI_Results[Tổng điểm])",
      "INDEX(DTI_Results[Đơn vị],MATCH(1,DTI_Results[Hạng],0))",
      "ROWS(DTI_Results)",
      `"BangKetQua[Tổng điểm]"&COUNTA(DTI_Results[[#Headers],[Hạng]])`,
    ]);
    // What they computed from the last run's table is not shown as this run's.
    expect(wb.getWorksheet("Của tôi")!.getCell("A1").result).toBeUndefined();
    const mine = wb.getWorksheet("Của tôi")!;
    expect(mine.getCell("B1").dataValidation?.formulae).toEqual(['INDIRECT("BangKetQua[Đơn vị]")']);
    const rules = (mine as unknown as { conditionalFormattings: { rules: { formulae?: string[] }[] }[] }).conditionalFormattings;
    expect(rules.flatMap((cf) => cf.rules.flatMap((r) => r.formulae ?? []))).toEqual(["C1>MAX(DTI_Results[Tổng điểm])"]);

    const said = second.warnings.filter((w) => w.vi.includes("BangKetQua"));
    expect(said).toHaveLength(1);
    expect(said[0]!.sheet).toBe("Kết quả");
    for (const text of [said[0]!.vi, said[0]!.en]) {
      expect(text).toContain("'Kết quả'");
      expect(text).toContain(`=SUM(BangKetQua[…]) ${text === said[0]!.vi ? "nay là" : "now reads"} =SUM(${RESULTS_TABLE}[…])`);
    }
    expect(second.warnings.map((w) => w.en).join(" ")).not.toContain("#REF!");

    // The run after that has nothing to say about it, and keeps one table.
    const third = await score(second.out);
    expect(third.warnings.filter((w) => w.vi.includes("BangKetQua"))).toEqual([]);
    expect(await tableParts(third.out)).toEqual([table]);
  });

  test("scored again in English: the table takes its name back and the formulas and defined names follow its columns' new headers too", async () => {
    const first = await score(await demoForms());
    const renamed = await withDefinedName(await renamedInFile(await edit(first.out, addMine), RESULTS_TABLE, "BangKetQua"), "TongDiem", "BangKetQua[Tổng điểm]");
    expect(await definedName(renamed, "TongDiem")).toBe("BangKetQua[Tổng điểm]");
    const second = await score(renamed, "en");
    expect(await definedName(second.out, "TongDiem")).toBe("DTI_Results[Total points]");
    expect((await tableParts(second.out)).map((t) => t.split(" ")[0])).toEqual([RESULTS_TABLE]);
    const [sum, , rows] = formulas(await open(second.out));
    expect([sum, rows]).toEqual(["SUM(DTI_Results[Total points])", "ROWS(DTI_Results)"]);
    expect(second.warnings.filter((w) => w.en.includes("BangKetQua"))).toHaveLength(1);
  });

  test("a table of the analyst's elsewhere on the results sheet is named in a warning: its cells stay, it is no longer a table", async () => {
    const first = await score(await demoForms());
    const typed = await edit(first.out, (wb) => {
      const ws = wb.getWorksheet("Kết quả")!;
      ws.addTable({ name: "HoSo", ref: "B30", headerRow: true, columns: [{ name: "Tháng" }, { name: "Số hồ sơ" }], rows: [["1", 12], ["2", 9]] });
      wb.addWorksheet("Của tôi").getCell("A1").value = { formula: "SUM(HoSo[Số hồ sơ])", result: 21 };
    });
    const second = await score(typed);
    expect((await tableParts(second.out)).map((t) => t.split(" ")[0])).toEqual([RESULTS_TABLE]);
    const ws = (await open(second.out)).getWorksheet("Kết quả")!;
    expect([ws.getCell("B30").value, ws.getCell("C31").value, ws.getCell("C32").value]).toEqual(["Tháng", 12, 9]);
    const said = second.warnings.filter((w) => w.vi.includes("HoSo"));
    expect(said).toHaveLength(1);
    expect(said[0]!.sheet).toBe("Kết quả");
    expect(said[0]!.vi).toContain("'Kết quả'");
    expect(said[0]!.vi).toContain("#REF!");
    expect(said[0]!.en).toContain("may now show #REF!");
  });
});

describe("renameTableInFormula", () => {
  test("renames the table's references and its name alone, compared without case; text, columns, longer names, sheets and other workbooks stay", () => {
    expect(renameTableInFormula(`SUM(bangketqua[Tổng điểm])+ROWS(BangKetQua)&"BangKetQua[x]"`, "BangKetQua", "DTI_Results")).toBe(`SUM(DTI_Results[Tổng điểm])+ROWS(DTI_Results)&"BangKetQua[x]"`);
    expect(renameTableInFormula("BangKetQua[[#This Row],[BangKetQua]]+BangKetQua2[a]+BangKetQua!A1+'BangKetQua'!A2+[1]!BangKetQua[a]", "BangKetQua", "T")).toBe(
      "T[[#This Row],[BangKetQua]]+BangKetQua2[a]+BangKetQua!A1+'BangKetQua'!A2+[1]!BangKetQua[a]",
    );
    // A column's `'`, `[` and `]` are escaped with `'`.
    expect(renameTableInFormula("BangKetQua[Tổng ''điểm'']+BangKetQua[a'[b]+BangKetQua[[x']BangKetQua]]", "BangKetQua", "T")).toBe("T[Tổng ''điểm'']+T[a'[b]+T[[x']BangKetQua]]");
  });
});

describe("the sheet named in these warnings", () => {
  test("is shown as the user sees it on its tab, in single quotes as a finding names a sheet: not as a formula writes it", () => {
    // A formula writes 'Sở Y tế''s' and a bare Results; the sentence says 'Sở Y tế's' and 'Results'.
    const renamed = tableRenamedBackMessage("Sở Y tế's", "BangKetQua", RESULTS_TABLE);
    expect(renamed.vi).toContain("Bảng BangKetQua trên trang 'Sở Y tế's' là bảng kết quả của DTI Scorer");
    expect(renamed.en).toContain("The table BangKetQua on the sheet 'Sở Y tế's' is DTI Scorer's results table");
    const dropped = tableDroppedMessage("Results", "BangCuaToi");
    expect(dropped.vi).toContain("Bảng BangCuaToi trên trang 'Results' không còn là bảng");
    expect(dropped.en).toContain("The table BangCuaToi on the sheet 'Results' is no longer a table");
  });
});
