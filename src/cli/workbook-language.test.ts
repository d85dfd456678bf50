/**
 * Without --lang, score and validate speak the language the workbook was last scored in (its
 * `_index` records it): an English workbook scored again stays English — its Results and Charts
 * sheets, their headers, what the command prints and the JSON's messages — instead of turning its
 * results Vietnamese beside its English forms. A --lang other than the workbook's is said in one
 * line when the workbook is written (the results and charts sheets change language, the forms keep
 * theirs), once. A workbook never scored, and `template`, stay Vietnamese without --lang.
 * Real files: forms made by `template`, filled with ExcelJS, scored, written and read back.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-cli-workbook-lang-"));
const run = (argv: string[]) => runCli(argv, dir);

const definition = {
  format: "index-definition/1",
  id: "ngon-ngu",
  version: "1",
  name: { vi: "Bộ chỉ số thử", en: "Test index" },
  root: {
    code: "R",
    name: { vi: "Tổng", en: "Total" },
    children: [
      { code: "1", name: { vi: "Có kế hoạch chuyển đổi số", en: "Has a digital transformation plan" }, max: 10, rule: { kind: "boolean" } },
      { code: "2", name: { vi: "Tỷ lệ hồ sơ trực tuyến", en: "Share of online files" }, max: 10, inputs: [{ code: "2", type: "percent" }], rule: { kind: "fraction" } },
    ],
  },
};

interface Json {
  issues: { code: string; cell: string | null; message: string }[];
}

/** The row of `code` in a form's Code column (A). */
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (String(ws.getCell(r, 1).value ?? "") === code) return r;
  throw new Error(`no row ${code} on ${ws.name}`);
}

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb;
}

/** Every text of a sheet's first rows, row by row. */
function texts(ws: ExcelJS.Worksheet, rows = 6): string[] {
  const out: string[] = [];
  for (let r = 1; r <= rows; r++) ws.getRow(r).eachCell((c) => void out.push(String(c.value)));
  return out;
}

/** The sheets a workbook shows, in order. */
async function shownSheets(file: string): Promise<string[]> {
  return (await workbook(file)).worksheets.filter((ws) => ws.state === "visible").map((ws) => ws.name);
}

beforeAll(async () => {
  writeFileSync(join(dir, "index.json"), JSON.stringify(definition));
  writeFileSync(join(dir, "units.csv"), "Unit code,Unit\nDOH,Department of Health\nDOF,Department of Finance\n");
  expect((await run(["template", "--index", "index.json", "--units", "units.csv", "--out", "forms.xlsx", "--lang", "en"])).code).toBe(0);
  const wb = await workbook("forms.xlsx");
  const doh = wb.getWorksheet("Department of Health")!;
  doh.getCell(rowOf(doh, "1"), 4).value = "Yes";
  doh.getCell(rowOf(doh, "2"), 4).value = 0.8;
  const dof = wb.getWorksheet("Department of Finance")!;
  // Not a yes/no answer: an error, said in the run's language.
  dof.getCell(rowOf(dof, "1"), 4).value = "maybe";
  dof.getCell(rowOf(dof, "2"), 4).value = 0.5;
  await wb.xlsx.writeFile(join(dir, "filled.xlsx"));
  const first = await run(["score", "filled.xlsx", "--index", "index.json", "--out", "scored-en.xlsx", "--lang", "en"]);
  expect(first.code).toBe(1);
  expect(await shownSheets("scored-en.xlsx")).toEqual(["Results", "Charts", "Instructions", "Department of Health", "Department of Finance"]);
}, 90_000);

describe("score and validate without --lang", () => {
  test("an English workbook scored again stays English: its sheets and headers, the ranking printed, the JSON's messages", async () => {
    const again = await run(["score", "scored-en.xlsx", "--out", "scored-en.xlsx", "--json", "-"]);
    expect(again.code).toBe(1);
    // The human output (on stderr beside the JSON) is English, and says nothing of a language change.
    expect(again.err).toMatch(/^Rank +Unit code +Unit +Total points +Value +Data coverage +Errors +Warnings$/m);
    expect(again.err).toContain("Wrote scored-en.xlsx");
    expect(again.err).not.toMatch(/Kết quả|tiếng|language/);
    const json = JSON.parse(again.out) as Json;
    const notYesNo = json.issues.find((i) => i.code === "not-a-boolean")!;
    expect(notYesNo.message).toBe(
      `Sheet 'Department of Finance', cell ${notYesNo.cell}: "maybe" is not a yes/no answer (indicator 1): write "Yes" or "No" (also read: "x", 1, "Có", "Đạt", "Đã có" for yes; 0, "Không", "Không đạt", "Chưa đạt", "Chưa có" for no).`,
    );
    // The workbook keeps its English sheets: no Kết quả or Biểu đồ beside them.
    expect(await shownSheets("scored-en.xlsx")).toEqual(["Results", "Charts", "Instructions", "Department of Health", "Department of Finance"]);
    const results = (await workbook("scored-en.xlsx")).getWorksheet("Results")!;
    expect(texts(results)).toEqual(expect.arrayContaining(["Rank", "Unit code", "Unit", "Total points", "Data coverage"]));
    expect(texts(results).join(" ")).not.toMatch(/Hạng|Đơn vị|Tổng điểm/);
    // validate, to the screen: English too.
    const checked = await run(["validate", "scored-en.xlsx"]);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain('Error: Sheet \'Department of Finance\', cell D');
    expect(checked.out).toContain('write "Yes" or "No"');
    expect(checked.out).not.toMatch(/Lỗi|Trang tính/);
  }, 60_000);

  test("a workbook never scored (English forms) and template are Vietnamese, as before", async () => {
    const checked = await run(["validate", "filled.xlsx", "--index", "index.json"]);
    expect(checked.out).toContain("Lỗi: Trang tính 'Department of Finance'");
    const made = await run(["template", "--index", "index.json", "--units", "units.csv", "--out", "forms-vi.xlsx"]);
    expect(made.out).toBe("Đã tạo 2 phiếu tự đánh giá trong forms-vi.xlsx.\n");
  }, 60_000);

  test("a failure once the workbook is read is said in its language", async () => {
    // The English workbook without its forms: nothing to score.
    const wb = await workbook("scored-en.xlsx");
    for (const name of ["Department of Health", "Department of Finance"]) wb.removeWorksheet(wb.getWorksheet(name)!.id);
    await wb.xlsx.writeFile(join(dir, "no-forms.xlsx"));
    const r = await run(["score", "no-forms.xlsx"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^File no-forms\.xlsx: No sheet holds a unit's self-assessment form/);
  }, 60_000);
});

describe("--lang other than the workbook's", () => {
  test("is said in one line when the workbook is written: results and charts change language, the forms keep theirs; not said again", async () => {
    const vi = await run(["score", "scored-en.xlsx", "--out", "scored-vi.xlsx", "--lang", "vi"]);
    expect(vi.code).toBe(1);
    const said = vi.out.split("\n").filter((l) => l.includes("--lang"));
    expect(said).toEqual(["Các trang 'Kết quả' và 'Biểu đồ' nay bằng tiếng Việt theo --lang (lần chấm trước ghi bằng tiếng Anh); phiếu của các đơn vị giữ ngôn ngữ của phiếu."]);
    expect(await shownSheets("scored-vi.xlsx")).toEqual(["Kết quả", "Biểu đồ", "Instructions", "Department of Health", "Department of Finance"]);
    // The form keeps its English header.
    const form = (await workbook("scored-vi.xlsx")).getWorksheet("Department of Health")!;
    expect(texts(form, 10)).toEqual(expect.arrayContaining(["Code", "Value", "Score"]));
    // The workbook now scored in Vietnamese: scored again in Vietnamese, nothing more to say; without --lang, Vietnamese.
    expect((await run(["score", "scored-vi.xlsx", "--out", "scored-vi.xlsx", "--lang", "vi"])).out).not.toContain("--lang");
    const plain = await run(["score", "scored-vi.xlsx", "--out", "scored-vi.xlsx"]);
    expect(plain.out).toMatch(/^Hạng +Mã đơn vị +Đơn vị/m);
    expect(plain.out).not.toContain("--lang");
    // Back to English, said in English.
    const en = await run(["score", "scored-vi.xlsx", "--out", "scored-en-again.xlsx", "--lang", "en"]);
    expect(en.out.split("\n").filter((l) => l.includes("--lang"))).toEqual([
      "The 'Results' and 'Charts' sheets are now in English, as --lang asks (the last scoring wrote them in Vietnamese); the units' forms keep their own language.",
    ]);
    // Only when a workbook is written: validate writes none.
    expect((await run(["validate", "scored-vi.xlsx", "--lang", "en"])).out).not.toContain("--lang");
  }, 90_000);
});
