/**
 * Packages other programs write that ExcelJS alone would misread: a worksheet stored under a part
 * name other than `xl/worksheets/sheetN.xml` (ExcelJS leaves it out, and the sheet is gone from
 * what is read and written, unsaid), and a package that unpacks to gigabytes (a decompression
 * bomb), refused before anything is unpacked with a sentence saying so.
 */
import JSZip from "jszip";
import { DEMO_DEFINITION, DEMO_UNITS } from "../../core/plan/test-fixtures";
import { runScoring } from "../../core/pipeline";
import { notXlsxReason } from "../../cli/commands/common";
import { XlsxHost } from "./host";
import { loadXlsx, declaredUnpackedSize, prepareXlsx, unpacksTooLarge, TooLargeToUnpackError, MAX_PART_BYTES } from "./read";
import { demoForms, noteOf, open, zipDeclaring } from "./test-workbooks";

/** `file` with the worksheet `sheet` moved to part `to` (its relationships, the workbook's and the content types following), as another program may store it. */
async function moveSheetPart(file: Uint8Array, sheet: string, to: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook)![1]!;
  let rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const from = `xl/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1]!}`;
  const name = from.slice(from.lastIndexOf("/") + 1);
  rels = rels.replace(new RegExp(`(Id="${rid}"[^>]*Target=")[^"]+"`), `$1/${to}"`);
  zip.file("xl/_rels/workbook.xml.rels", rels);
  zip.file(to, await zip.file(from)!.async("uint8array"));
  zip.remove(from);
  const sheetRels = await zip.file(`xl/worksheets/_rels/${name}.rels`)?.async("string");
  if (sheetRels !== undefined) {
    // Targets from the new folder: as many levels up more as it is deeper than xl/worksheets.
    const deeper = to.split("/").length - from.split("/").length;
    zip.file(`${to.slice(0, to.lastIndexOf("/"))}/_rels/${to.slice(to.lastIndexOf("/") + 1)}.rels`, sheetRels.replace(/Target="\.\.\//g, `Target="${"../".repeat(deeper + 1)}`));
    zip.remove(`xl/worksheets/_rels/${name}.rels`);
  }
  const types = await zip.file("[Content_Types].xml")!.async("string");
  zip.file("[Content_Types].xml", types.replace(`PartName="/${from}"`, `PartName="/${to}"`));
  return zip.generateAsync({ type: "uint8array" });
}

describe("a worksheet stored under another part name", () => {
  it("is read, scored and written again with its cells and its note", async () => {
    const unit = DEMO_UNITS[1]!;
    const forms = await demoForms((wb) => {
      wb.getWorksheet(unit.code)!.getCell("A1").note = "Ghi chú của người dùng";
    });
    const odd = await moveSheetPart(forms, unit.code, "xl/sheets/data/Form.xml");
    const zip = await JSZip.loadAsync(odd);
    expect(zip.file("xl/sheets/data/Form.xml")).not.toBeNull();
    expect(Object.keys(zip.files).some((p) => /xl\/worksheets\/sheet\d+\.xml$/.test(p) && p.endsWith(`sheet2.xml`))).toBe(false);

    // Read: the sheet is there, with its note.
    const read = await loadXlsx(odd);
    expect(read.worksheets.map((w) => w.name)).toEqual(DEMO_UNITS.map((u) => u.code));
    expect(noteOf(read.getWorksheet(unit.code)!.getCell("A1"))).toBe("Ghi chú của người dùng");

    // Scored: the unit is among the results, and the written file keeps the sheet.
    const host = await XlsxHost.fromBuffer(odd, "so-lieu.xlsx");
    const result = await runScoring(host, { definition: DEMO_DEFINITION, lang: "vi", projectVersion: "0.1.0", now: new Date("2024-06-01T00:00:00Z") });
    expect(result.submissions.map((s) => s.code)).toContain(unit.code);
    const written = await open(await host.toBuffer());
    const ws = written.getWorksheet(unit.code)!;
    expect(ws).toBeDefined();
    expect(noteOf(ws.getCell("A1"))).toBe("Ghi chú của người dùng");
  });

  it("is moved to a free sheetN.xml name, its relationships, content type and the workbook's target following", async () => {
    const odd = await moveSheetPart(await demoForms((wb) => (wb.getWorksheet(DEMO_UNITS[0]!.code)!.getCell("A1").note = "x")), DEMO_UNITS[0]!.code, "xl/worksheets/data.xml");
    const zip = await JSZip.loadAsync((await prepareXlsx(odd)).bytes);
    expect(zip.file("xl/worksheets/data.xml")).toBeNull();
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    const target = /Target="(worksheets\/sheet(\d+)\.xml)"/g;
    const targets = [...rels.matchAll(target)].map((m) => m[1]!);
    expect(new Set(targets).size).toBe(DEMO_UNITS.length);
    for (const t of targets) expect(zip.file(`xl/${t}`)).not.toBeNull();
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).not.toContain("/xl/worksheets/data.xml");
    // The moved sheet's note is reached from where its part is now.
    const moved = targets.find((t) => !/sheet[23]\.xml$/.test(t))!;
    expect(types).toContain(`PartName="/xl/${moved}"`);
    const sheetRels = await zip.file(`xl/worksheets/_rels/${moved.slice("worksheets/".length)}.rels`)!.async("string");
    for (const m of sheetRels.matchAll(/Target="([^"]+)"/g)) expect(zip.file(`xl/worksheets/${m[1]}`.replace(/[^/]+\/\.\.\//g, ""))).not.toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// A package that unpacks to too much

describe("a package that unpacks to too much", () => {
  it("reads the sizes its directory declares, Zip64 ones too, and nothing from a file that is no zip", async () => {
    const forms = await demoForms();
    const zip = await JSZip.loadAsync(forms);
    let total = 0;
    for (const f of Object.values(zip.files)) if (!f.dir) total += (await f.async("uint8array")).length;
    expect(declaredUnpackedSize(forms)?.total).toBe(total);
    const bomb = zipDeclaring([
      { name: "[Content_Types].xml", data: new TextEncoder().encode("<Types/>") },
      { name: "xl/sharedStrings.xml", data: new Uint8Array(10), declared: 5 * 2 ** 30 },
    ]);
    expect(declaredUnpackedSize(bomb)).toEqual({ total: 5 * 2 ** 30 + 8, largest: { name: "xl/sharedStrings.xml", size: 5 * 2 ** 30 }, parts: ["[Content_Types].xml", "xl/sharedStrings.xml"] });
    expect(declaredUnpackedSize(new TextEncoder().encode("Mã,Tên\nA,B\n"))).toBeUndefined();
    expect(unpacksTooLarge(forms)).toBeUndefined();
  });

  it("is refused before it is unpacked, with a sentence in both languages naming the file and the part", async () => {
    const bomb = zipDeclaring([
      { name: "[Content_Types].xml", data: new TextEncoder().encode("<Types/>") },
      { name: "xl/sharedStrings.xml", data: new Uint8Array(10), declared: 5 * 2 ** 30 },
    ]);
    await expect(XlsxHost.fromBuffer(bomb, "bom.xlsx")).rejects.toBeInstanceOf(TooLargeToUnpackError);
    const reason = notXlsxReason(bomb, "bom.xlsx");
    expect(reason.vi).toBe(
      "Không đọc tệp bom.xlsx: khi giải nén, tệp này chiếm tới 5 GB (riêng phần xl/sharedStrings.xml đã là 5 GB), quá lớn so với một sổ làm việc chứa biểu mẫu (tối đa 2 GB cho cả tệp và 512 MB cho mỗi phần). Tệp có thể bị hỏng hoặc bị cố ý làm phình to; hãy kiểm tra lại nguồn của tệp, hoặc mở tệp trong Excel, xóa phần thừa rồi lưu lại.",
    );
    expect(reason.en).toBe(
      "File bom.xlsx was not read: it unpacks to 5 GB (its part xl/sharedStrings.xml alone to 5 GB), far too much for a workbook of forms (at most 2 GB for the file, 512 MB for one part). The file may be damaged or swollen on purpose; check where it came from, or open it in Excel, delete what is not needed and save it again.",
    );
  });

  it("is refused for one part over the limit, and many parts over the total", async () => {
    const onePart = zipDeclaring([{ name: "xl/worksheets/sheet1.xml", data: new Uint8Array(4), declared: MAX_PART_BYTES + 1 }]);
    expect(unpacksTooLarge(onePart)?.largest.name).toBe("xl/worksheets/sheet1.xml");
    const many = zipDeclaring(Array.from({ length: 5 }, (_, i) => ({ name: `xl/media/image${i + 1}.png`, data: new Uint8Array(4), declared: 500 * 2 ** 20 })));
    expect(unpacksTooLarge(many)?.total).toBe(2500 * 2 ** 20);
    expect(notXlsxReason(many, "anh.xlsx").en).toMatch(/^File anh\.xlsx was not read: it unpacks to 2\.4 GB, far too much/);
    expect(notXlsxReason(many, "anh.xlsx").vi).toMatch(/^Không đọc tệp anh\.xlsx: khi giải nén, tệp này chiếm tới 2,4 GB, quá lớn/);
  });
});
