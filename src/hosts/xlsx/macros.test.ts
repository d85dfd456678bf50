/**
 * A macro-enabled workbook (.xlsm: a VBA project, `xl/vbaProject.bin`, related from the workbook).
 * ExcelJS neither reads nor writes the project, and the file written is an .xlsx, which cannot
 * hold one: scoring it, or collecting a unit's form from it, says that its macros are not in the
 * file written, never drops them in silence.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { runCli } from "../../cli/test-run";
import { DEMO_DEFINITION } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { findBuiltin } from "../../indices";
import { parseDefinition } from "../../core/definition";
import { MACROS_MESSAGE } from "./carry-parts";
import { collectFiles } from "./collect";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";
import { demoForms } from "./test-workbooks";

/** `file` with a VBA project, as Excel saves an .xlsm workbook. */
async function withMacros(file: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  zip.file("xl/vbaProject.bin", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file(
    "[Content_Types].xml",
    types
      .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
      .replace("<Default ", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default '),
  );
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  zip.file("xl/_rels/workbook.xml.rels", rels.replace("</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
  return zip.generateAsync({ type: "uint8array" });
}

async function score(file: Uint8Array) {
  const host = await XlsxHost.fromBuffer(file, "so-lieu.xlsm");
  await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
  return { warnings: host.lastApply?.warnings ?? [], out: await JSZip.loadAsync(await host.toBuffer()) };
}

describe("a workbook with macros (VBA)", () => {
  it("scored, is said to lose its macros in the .xlsx written, in both languages", async () => {
    const { warnings, out } = await score(await withMacros(await demoForms()));
    expect(out.file("xl/vbaProject.bin")).toBeNull();
    expect(warnings.filter((w) => w.vi.includes("macro"))).toEqual([MACROS_MESSAGE]);
    expect(MACROS_MESSAGE.vi).toContain("Sổ làm việc có macro (dự án VBA)");
    expect(MACROS_MESSAGE.en).toContain("The workbook has macros (a VBA project)");
  });

  it("scored in place by the command line, is not written over (it would lose its macros); scored into another file, it is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dti-macros-"));
    const forms = await withMacros(await demoForms());
    writeFileSync(join(dir, "so-lieu.xlsx"), forms);
    writeFileSync(join(dir, "demo.json"), JSON.stringify(DEMO_DEFINITION));
    const inPlace = await runCli(["score", "so-lieu.xlsx", "--index", "demo.json", "--out", "so-lieu.xlsx"], dir);
    expect(inPlace.code).toBe(2);
    expect(inPlace.out).toBe("");
    expect(inPlace.err).toBe(
      "Tệp so-lieu.xlsx có macro (dự án VBA). DTI Scorer ghi tệp .xlsx, không chứa được macro, nên ghi đè chính tệp này sẽ làm mất các macro đó. Hãy chọn tên tệp khác cho --out: tệp gốc giữ nguyên macro, và tệp mới có kết quả chấm điểm.\n",
    );
    expect(Buffer.from(readFileSync(join(dir, "so-lieu.xlsx"))).equals(Buffer.from(forms))).toBe(true);
    const other = await runCli(["score", "so-lieu.xlsx", "--index", "demo.json", "--out", "da-cham.xlsx"], dir);
    expect([other.code, other.err]).toEqual([0, ""]);
    expect(other.out).toContain("Sổ làm việc có macro (dự án VBA)");
  }, 60_000);

  it("is not said of a workbook without macros", async () => {
    const { warnings } = await score(await demoForms());
    expect(warnings.filter((w) => w.vi.includes("macro"))).toEqual([]);
  });

  it("collected from, is said not to bring its macros into the consolidated workbook, naming the file", async () => {
    const parsed = parseDefinition(findBuiltin("dti-so-nganh-mau")!.definition);
    if (!parsed.ok) throw new Error("the department sample does not parse");
    const unit = await makeTemplate(parsed.model, [{ code: "SYT", name: "Sở Y tế", category: "co-dvc" }], { lang: "vi", period: "Năm 2024" });
    const { data, report } = await collectFiles([
      { name: "syt.xlsm", data: await withMacros(unit) },
      { name: "stc.xlsx", data: await makeTemplate(parsed.model, [{ code: "STC", name: "Sở Tài chính", category: "co-dvc" }], { lang: "vi", period: "Năm 2024" }) },
    ]);
    expect((await JSZip.loadAsync(data)).file("xl/vbaProject.bin")).toBeNull();
    expect(report.warnings.filter((w) => w.vi.includes("macro"))).toEqual([
      {
        vi: "Tệp syt.xlsm có macro (dự án VBA); các macro đó không được chép sang sổ tổng hợp (chỉ các phiếu được chép), và sổ tổng hợp được ghi dạng .xlsx, không chứa được macro. Nếu cần, hãy chép chúng từ tệp syt.xlsm sang (Alt+F11 trong Excel) rồi lưu sổ tổng hợp dạng .xlsm (Sổ làm việc Excel Có hỗ trợ Macro).",
        en: "File syt.xlsm has macros (a VBA project); they were not copied into the consolidated workbook (only the forms are), which is written as an .xlsx file and cannot hold macros. If you need them, copy them over from syt.xlsm (Alt+F11 in Excel) and save the consolidated workbook as .xlsm (Excel Macro-Enabled Workbook).",
      },
    ]);
  });

  it("collected into, is said to lose its macros in the file written", async () => {
    const parsed = parseDefinition(findBuiltin("dti-so-nganh-mau")!.definition);
    if (!parsed.ok) throw new Error("the department sample does not parse");
    const base = await withMacros(await makeTemplate(parsed.model, [{ code: "SYT", name: "Sở Y tế", category: "co-dvc" }], { lang: "vi", period: "Năm 2024" }));
    const unit = await makeTemplate(parsed.model, [{ code: "STC", name: "Sở Tài chính", category: "co-dvc" }], { lang: "vi", period: "Năm 2024" });
    const { report } = await collectFiles([{ name: "stc.xlsx", data: unit }], base, parsed.model, { baseName: "tong-hop.xlsx" });
    expect(report.warnings.filter((w) => w.vi.includes("macro"))).toEqual([MACROS_MESSAGE]);
  });
});
