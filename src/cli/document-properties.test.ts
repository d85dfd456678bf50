/**
 * A workbook's document properties through `score --out` in place and `collect` into it: its
 * custom properties (docProps/custom.xml: File › Properties › Custom in LibreOffice or Excel, the
 * sensitivity labels MSIP_Label_* Office adds) stay, with their content type and the package's
 * relationship; the time it was saved is the run's; who saved it last is as the file had it, left
 * out when it had none (not ExcelJS's "Unknown"). Real .xlsx files, the properties added with
 * JSZip to a workbook the command line wrote, scored twice and checked part by part.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { packageProblems } from "../hosts/xlsx/carry-parts-workbooks";
import { rowOf } from "../hosts/xlsx/test-workbooks";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-doc-props-"));
const run = (argv: string[]) => runCli(argv, dir, "vi");

const CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml";
const REL_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties";
const CUSTOM_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_6f1e1c2a_Enabled"><vt:lpwstr>true</vt:lpwstr></property>' +
  '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Người phụ trách"><vt:lpwstr>Nguyễn Văn An</vt:lpwstr></property></Properties>';

/**
 * The forms of two units, filled, as `file`, with custom properties and core properties saying
 * it was saved on 1 March 2024 by `lastModifiedBy` (an empty element, as LibreOffice writes it
 * without a user name, when undefined).
 */
async function withProperties(file: string, lastModifiedBy: string | undefined): Promise<void> {
  expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "don-vi.csv", "--out", "mau.xlsx"])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "mau.xlsx"));
  for (const [k, name] of ["Sở Y tế", "Sở Tài chính"].entries()) {
    const ws = wb.getWorksheet(name)!;
    ws.getCell(rowOf(ws, "3.2"), 4).value = 0.5 + k / 10;
  }
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  zip.file("docProps/custom.xml", CUSTOM_XML);
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file("[Content_Types].xml", types.replace("</Types>", `<Override PartName="/docProps/custom.xml" ContentType="${CT_CUSTOM}"/></Types>`));
  const rels = await zip.file("_rels/.rels")!.async("string");
  zip.file("_rels/.rels", rels.replace("</Relationships>", `<Relationship Id="rId9" Type="${REL_CUSTOM}" Target="docProps/custom.xml"/></Relationships>`));
  const core = await zip.file("docProps/core.xml")!.async("string");
  zip.file(
    "docProps/core.xml",
    core
      .replace(/<cp:lastModifiedBy>[^<]*<\/cp:lastModifiedBy>/, `<cp:lastModifiedBy>${lastModifiedBy ?? ""}</cp:lastModifiedBy>`)
      .replace(/(<dcterms:modified\b[^>]*>)[^<]*/, "$12024-03-01T08:00:00Z"),
  );
  writeFileSync(join(dir, file), await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

beforeAll(() => writeFileSync(join(dir, "don-vi.csv"), "Mã đơn vị,Đơn vị\nSYT,Sở Y tế\nSTC,Sở Tài chính\n"));

/** What a package says of its document properties, part by part. */
async function properties(file: string) {
  const zip = await JSZip.loadAsync(readFileSync(join(dir, file)));
  const text = async (path: string) => zip.file(path)?.async("string");
  const rels = [...((await text("_rels/.rels")) ?? "").matchAll(/<Relationship\b[^>]*Type="([^"]*)"[^>]*Target="([^"]*)"/g)].map((m) => [m[1], m[2]]);
  const core = (await text("docProps/core.xml")) ?? "";
  return {
    custom: await text("docProps/custom.xml"),
    customType: /<Override PartName="\/docProps\/custom\.xml" ContentType="([^"]*)"\/>/.exec((await text("[Content_Types].xml")) ?? "")?.[1],
    customRels: rels.filter(([type]) => type === REL_CUSTOM).map(([, target]) => target),
    lastModifiedBy: /<cp:lastModifiedBy>([^<]*)<\/cp:lastModifiedBy>/.exec(core)?.[1],
    modified: /<dcterms:modified\b[^>]*>([^<]*)</.exec(core)?.[1],
    hasUnknown: core.includes(">Unknown<"),
    problems: await packageProblems(zip),
  };
}

describe("document properties of a workbook scored in place and gathered into", () => {
  it("keeps the custom properties, who saved it last, and says when it was saved, scored twice in place", async () => {
    await withProperties("so-lieu.xlsx", "Trần Thị Bình");
    const start = Math.floor(Date.now() / 1000) * 1000;
    for (let k = 0; k < 2; k++) {
      const r = await run(["score", "so-lieu.xlsx", "--out", "so-lieu.xlsx"]);
      expect(r.code).toBeLessThan(2);
      const p = await properties("so-lieu.xlsx");
      expect(p.custom).toBe(CUSTOM_XML);
      expect(p.customType).toBe(CT_CUSTOM);
      expect(p.customRels).toEqual(["docProps/custom.xml"]);
      expect(p.lastModifiedBy).toBe("Trần Thị Bình");
      expect(p.hasUnknown).toBe(false);
      expect(Date.parse(p.modified!)).toBeGreaterThanOrEqual(start);
      expect(p.problems).toEqual([]);
    }
    // Scored to another file, the properties go with it too.
    expect((await run(["score", "so-lieu.xlsx", "--out", "ket-qua.xlsx"])).code).toBeLessThan(2);
    expect((await properties("ket-qua.xlsx")).custom).toBe(CUSTOM_XML);
  }, 90_000);

  it("leaves out who saved it last when the file says no one (LibreOffice without a user name), rather than writing Unknown", async () => {
    await withProperties("lo.xlsx", undefined);
    for (let k = 0; k < 2; k++) {
      expect((await run(["score", "lo.xlsx", "--out", "lo.xlsx"])).code).toBeLessThan(2);
      const p = await properties("lo.xlsx");
      expect(p.lastModifiedBy).toBeUndefined();
      expect(p.hasUnknown).toBe(false);
      expect(p.customRels).toEqual(["docProps/custom.xml"]);
      expect(p.problems).toEqual([]);
    }
  }, 90_000);

  it("keeps the custom properties of the workbook forms are gathered into", async () => {
    await withProperties("hoi-dong.xlsx", "Trần Thị Bình");
    writeFileSync(join(dir, "moi.csv"), "Mã đơn vị,Đơn vị\nSNV,Sở Nội vụ\n");
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "moi.csv", "--out", "snv.xlsx"])).code).toBe(0);
    const start = Math.floor(Date.now() / 1000) * 1000;
    const r = await run(["collect", "snv.xlsx", "--out", "hoi-dong.xlsx"]);
    expect(r.code).toBe(0);
    const p = await properties("hoi-dong.xlsx");
    expect(p.custom).toBe(CUSTOM_XML);
    expect(p.customType).toBe(CT_CUSTOM);
    expect(p.customRels).toEqual(["docProps/custom.xml"]);
    expect(p.lastModifiedBy).toBe("Trần Thị Bình");
    expect(Date.parse(p.modified!)).toBeGreaterThanOrEqual(start);
    expect(p.problems).toEqual([]);
  }, 90_000);

  it("a workbook the command line makes (forms, forms gathered into a new file, a table scored) names DTI Scorer as who saved it, not Unknown", async () => {
    writeFileSync(join(dir, "bang.csv"), "Mã đơn vị,Đơn vị,1.1\nSYT,Sở Y tế,có\n");
    expect((await run(["template", "--index", "dti-so-nganh-mau", "--units", "don-vi.csv", "--out", "mau-2.xlsx"])).code).toBe(0);
    expect((await run(["collect", "mau-2.xlsx", "--out", "gom-moi.xlsx"])).code).toBe(0);
    expect((await run(["score", "bang.csv", "--index", "dti-so-nganh-mau", "--out", "bang.xlsx"])).code).toBeLessThan(2);
    for (const file of ["mau-2.xlsx", "gom-moi.xlsx", "bang.xlsx"]) {
      const p = await properties(file);
      expect([file, p.lastModifiedBy, p.hasUnknown]).toEqual([file, "DTI Scorer", false]);
    }
  }, 90_000);
});
