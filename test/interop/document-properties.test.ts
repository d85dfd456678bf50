/**
 * A workbook LibreOffice saved with custom document properties (File › Properties › Custom
 * Properties), scored in place twice: LibreOffice opens the result and shows the same custom
 * properties; who saved it last, which LibreOffice leaves empty without a user name, is not
 * "Unknown".
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { XLSX, convert } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-props-"));
const sink = { write: (_: string) => true };
const run = async (argv: string[]) => expect(await main(argv, { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBeLessThan(2);

/** The custom properties LibreOffice shows of `file` (its .ods's meta.xml), by name. */
async function shown(file: string, out: string): Promise<Record<string, string>> {
  const written = convert(join(dir, file), "ods", join(dir, out));
  const ods = await JSZip.loadAsync(readFileSync(join(dir, out, written[0]!)));
  const meta = await ods.file("meta.xml")!.async("string");
  const props: Record<string, string> = {};
  for (const m of meta.matchAll(/<meta:user-defined meta:name="([^"]*)"[^>]*>([^<]*)</g)) if (m[1] !== "AppVersion") props[m[1]!] = m[2]!;
  return props;
}

test("custom properties LibreOffice saved stay, as LibreOffice shows them, after two scorings in place", async () => {
  writeFileSync(join(dir, "don-vi.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\nSTC,Sở Tài chính\n");
  await run(["template", "--index", "dti-so-nganh-mau", "--units", "don-vi.csv", "--out", "mau.xlsx"]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "mau.xlsx"));
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  zip.file(
    "docProps/custom.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Người phụ trách"><vt:lpwstr>Nguyễn Văn An</vt:lpwstr></property></Properties>',
  );
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file("[Content_Types].xml", types.replace("</Types>", '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'));
  const rels = await zip.file("_rels/.rels")!.async("string");
  zip.file("_rels/.rels", rels.replace("</Relationships>", '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'));
  writeFileSync(join(dir, "co-thuoc-tinh.xlsx"), await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
  // Saved by LibreOffice: its own custom.xml, and who saved it last left empty.
  convert(join(dir, "co-thuoc-tinh.xlsx"), XLSX, join(dir, "lo"));
  writeFileSync(join(dir, "so-lieu.xlsx"), readFileSync(join(dir, "lo", "co-thuoc-tinh.xlsx")));
  expect(await shown("so-lieu.xlsx", "truoc")).toEqual({ "Người phụ trách": "Nguyễn Văn An" });

  await run(["score", "so-lieu.xlsx", "--out", "so-lieu.xlsx"]);
  await run(["score", "so-lieu.xlsx", "--out", "so-lieu.xlsx"]);
  expect(await shown("so-lieu.xlsx", "sau")).toEqual({ "Người phụ trách": "Nguyễn Văn An" });
  const core = await (await JSZip.loadAsync(readFileSync(join(dir, "so-lieu.xlsx")))).file("docProps/core.xml")!.async("string");
  expect(core).not.toContain("Unknown");
}, 600_000);
