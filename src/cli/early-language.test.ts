/**
 * Without --lang, score and validate speak the language the workbook was last scored in: from the
 * first thing they say, before the workbook is read — a definition file that is not valid, an
 * --out or --json that cannot be written, a mistake in the options — as well as after. Only the
 * workbook's hidden `_index` is looked at for that (peekWorkbookLanguage), and it tells what reading
 * the whole workbook tells. A workbook that cannot be read, one never scored, a CSV table: Vietnamese,
 * the default. --lang always wins. Real files: forms made by `template`, scored with --out, read back.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxHost } from "../hosts/xlsx";
import { runCli } from "./test-run";
import { workbookLanguage } from "./workbook-language";
import { peekWorkbookLanguage } from "./workbook-peek";

const dir = mkdtempSync(join(tmpdir(), "dti-cli-early-lang-"));
const run = (argv: string[]) => runCli(argv, dir);

const definition = {
  format: "index-definition/1",
  id: "ngon-ngu",
  version: "1",
  name: { vi: "Bộ chỉ số thử", en: "Test index" },
  root: {
    code: "R",
    name: { vi: "Tổng", en: "Total" },
    children: [{ code: "1", name: { vi: "Có kế hoạch chuyển đổi số", en: "Has a digital transformation plan" }, max: 10, rule: { kind: "boolean" } }],
  },
};

/** The first line said on stderr. */
const firstLine = (err: string): string => err.split("\n")[0]!;

beforeAll(async () => {
  writeFileSync(join(dir, "index.json"), JSON.stringify(definition));
  // Not JSON at all: the definition error every run below meets before reading its workbook.
  writeFileSync(join(dir, "hong.json"), '{ "format": "index-definition/1", "id": ');
  writeFileSync(join(dir, "units.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\nSTC,Sở Tài chính\n");
  writeFileSync(join(dir, "bang.csv"), "Mã đơn vị,Đơn vị,1\nSYT,Sở Y tế,có\n");
  writeFileSync(join(dir, "khong-phai.xlsx"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\n");
  for (const lang of ["en", "vi"]) {
    expect((await run(["template", "--index", "index.json", "--units", "units.csv", "--out", `forms-${lang}.xlsx`, "--lang", lang])).code).toBe(0);
    // Forms with nothing typed in: scored all the same, the workbook written.
    expect((await run(["score", `forms-${lang}.xlsx`, "--index", "index.json", "--out", `scored-${lang}.xlsx`, "--lang", lang])).code).toBe(0);
  }
  // A workbook scored by an earlier version: its `_index` without the run's stamp (no language
  // recorded), its results and charts sheets named in English.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "scored-en.xlsx"));
  const index = wb.getWorksheet("_index")!;
  index.eachRow((row) => {
    if (["scoredAt", "lang"].includes(String(row.getCell(1).value))) row.getCell(1).value = null;
  });
  await wb.xlsx.writeFile(join(dir, "scored-en-old.xlsx"));
}, 120_000);

describe("what score and validate say before the workbook is read, without --lang", () => {
  test("a definition file that is not valid: in English for a workbook scored in English, in Vietnamese for one scored in Vietnamese", async () => {
    const en = await run(["score", "scored-en.xlsx", "--index", "hong.json"]);
    expect(en.code).toBe(2);
    expect(firstLine(en.err)).toMatch(/^The index definition hong\.json is not valid: /);
    expect(en.err).toBe((await run(["score", "scored-en.xlsx", "--index", "hong.json", "--lang", "en"])).err);
    const vi = await run(["score", "scored-vi.xlsx", "--index", "hong.json"]);
    expect(vi.code).toBe(2);
    expect(firstLine(vi.err)).toMatch(/^Định nghĩa bộ chỉ số hong\.json không hợp lệ: /);
    // validate the same.
    expect(firstLine((await run(["validate", "scored-en.xlsx", "--index", "hong.json"])).err)).toMatch(/^The index definition hong\.json is not valid: /);
    expect(firstLine((await run(["validate", "scored-vi.xlsx", "--index", "hong.json"])).err)).toMatch(/^Định nghĩa bộ chỉ số hong\.json không hợp lệ: /);
    // A workbook scored by an earlier version, which recorded no language: its English sheets tell.
    expect(firstLine((await run(["score", "scored-en-old.xlsx", "--index", "hong.json"])).err)).toMatch(/^The index definition hong\.json is not valid: /);
  });

  test("--lang always wins", async () => {
    expect(firstLine((await run(["score", "scored-en.xlsx", "--index", "hong.json", "--lang", "vi"])).err)).toMatch(/^Định nghĩa bộ chỉ số hong\.json không hợp lệ: /);
    expect(firstLine((await run(["validate", "scored-vi.xlsx", "--index", "hong.json", "--lang=en"])).err)).toMatch(/^The index definition hong\.json is not valid: /);
    expect((await run(["score", "scored-en.xlsx", "--out", "--lang", "vi"])).err).toBe("Tùy chọn --out cần một giá trị.\n");
  });

  test("an --out or --json that cannot be written, a definition file missing: in the workbook's language", async () => {
    expect((await run(["score", "scored-en.xlsx", "--out", join("khong-co", "x.xlsx")])).err).toBe(
      `Cannot write the file ${join("khong-co", "x.xlsx")}: the folder khong-co does not exist; make that folder first, or choose a folder that exists.\n`,
    );
    expect((await run(["score", "scored-vi.xlsx", "--out", join("khong-co", "x.xlsx")])).err).toBe(
      `Không ghi được tệp ${join("khong-co", "x.xlsx")}: thư mục khong-co không tồn tại; hãy tạo thư mục đó trước, hoặc chọn một thư mục đã có.\n`,
    );
    const json = await run(["validate", "scored-en.xlsx", "--json", "units.csv"]);
    expect(json.code).toBe(2);
    expect(json.err).toMatch(/^[^\n]*units\.csv/);
    expect(json.err).toBe((await run(["validate", "scored-en.xlsx", "--json", "units.csv", "--lang", "en"])).err);
    expect(json.err).not.toBe((await run(["validate", "scored-en.xlsx", "--json", "units.csv", "--lang", "vi"])).err);
    expect((await run(["score", "scored-en.xlsx", "--index", "khong-co.json"])).err).toBe("The file khong-co.json does not exist.\n");
  });

  test("a mistake in the options of score or validate", async () => {
    expect((await run(["score", "scored-en.xlsx", "--out"])).err).toBe("Option --out needs a value.\n");
    expect((await run(["score", "--khong-co", "scored-en.xlsx"])).err).toBe("There is no option --khong-co. See dti-scorer --help.\n");
    expect((await run(["validate", "scored-en.xlsx", "--units", "units.csv"])).err).toBe("The validate command does not take the option --units.\n");
    expect((await run(["score", "scored-en.xlsx", "--index", "index.json", "--index", "index.json"])).err).toBe("Option --index given twice; give it once.\n");
    expect((await run(["score", "scored-vi.xlsx", "--out"])).err).toBe("Tùy chọn --out cần một giá trị.\n");
    // Not score or validate: template speaks Vietnamese without --lang, whatever workbook it names.
    expect((await run(["template", "--units", "scored-en.xlsx", "--khong-co"])).err).toBe("Không có tùy chọn --khong-co. Xem dti-scorer --help.\n");
  });

  test("Vietnamese, the default, when the workbook cannot tell: missing, no workbook, never scored, a CSV table", async () => {
    expect((await run(["score", "khong-co.xlsx", "--index", "hong.json"])).err).toMatch(/^Định nghĩa bộ chỉ số hong\.json không hợp lệ: /);
    expect((await run(["score", "khong-co.xlsx"])).err).toBe("Không tìm thấy tệp khong-co.xlsx.\n");
    expect(firstLine((await run(["score", "khong-phai.xlsx", "--index", "hong.json"])).err)).toMatch(/^Định nghĩa bộ chỉ số hong\.json không hợp lệ: /);
    // Forms made by `template --lang en` and never scored: Vietnamese, as the README says.
    expect(firstLine((await run(["score", "forms-en.xlsx", "--index", "hong.json"])).err)).toMatch(/^Định nghĩa bộ chỉ số hong\.json không hợp lệ: /);
    expect(firstLine((await run(["score", "bang.csv", "--index", "hong.json"])).err)).toMatch(/^Định nghĩa bộ chỉ số hong\.json không hợp lệ: /);
  });
});

describe("the workbook's `_index` alone", () => {
  test("tells the language reading the whole workbook tells", async () => {
    for (const [file, lang] of [
      ["scored-en.xlsx", "en"],
      ["scored-vi.xlsx", "vi"],
      ["scored-en-old.xlsx", "en"],
      ["forms-en.xlsx", undefined],
      ["forms-vi.xlsx", undefined],
    ] as const) {
      const path = join(dir, file);
      const read = workbookLanguage(await (await XlsxHost.fromBuffer(new Uint8Array(readFileSync(path)), file)).read());
      expect([file, read]).toEqual([file, lang]);
      expect([file, await peekWorkbookLanguage(path)]).toEqual([file, lang]);
    }
    for (const file of ["khong-co.xlsx", "khong-phai.xlsx", "bang.csv", "units.csv"]) expect(await peekWorkbookLanguage(join(dir, file))).toBeUndefined();
  });
});
