/**
 * What a unit's form carries besides its cells, once collected: its printed page header and
 * footer, its columns' own styles, its conditional formats, its pictures where they were, the
 * defined names pointing into it, the drop-down lists Excel keeps in the sheet's extension; and
 * what cannot come along (shapes, tables, slicers, links to other files) said, naming file and sheet.
 * Each file is written, read back with ExcelJS and, where ExcelJS does not show it, read as XML.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import { findBuiltin } from "../../indices";
import { addSlicer, packageProblems, sheetPath, text } from "./carry-parts-workbooks";
import { collectFiles } from "./collect";
import { makeTemplate } from "./template";
import { edit, open, rowOf } from "./test-workbooks";

const builtin = findBuiltin("dti-so-nganh-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the department sample does not parse");
const model = parsed.model;

/** A 2×1 PNG, as a stamped signature would be (any picture's bytes do). */
const PNG = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGOQt5p8gIEBAAZvAa0w3ZyhAAAAAElFTkSuQmCC", "base64"),
);

/** A blank template of the units given, as `template` writes it. */
function template(...units: { code: string; name: string }[]): Promise<Uint8Array> {
  return makeTemplate(
    model,
    units.map((u) => ({ ...u, category: "co-dvc" })),
    { lang: "vi", period: "Năm 2024" },
  );
}

/** A unit's file: its form filled in (3.2 at 80%), after `change` when one is given. */
async function form(code: string, name: string, change?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  return edit(await template({ code, name }), (wb) => {
    const ws = wb.getWorksheet(name)!;
    ws.getCell(rowOf(ws, "3.2"), 4).value = 0.8;
    change?.(ws, wb);
  });
}

/** The XML of sheet `name` of a written file. */
async function sheetXml(file: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  return text(zip, await sheetPath(zip, name));
}

/** The file with `edit` applied to a part's XML. */
async function editPart(file: Uint8Array, path: (zip: JSZip) => Promise<string> | string, change: (xml: string) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const at = await path(zip);
  const xml = await text(zip, at);
  const changed = change(xml);
  expect(changed).not.toBe(xml);
  zip.file(at, changed);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The <definedName> elements of a written workbook part: name, localSheetId, text. */
async function definedNames(file: Uint8Array): Promise<{ name: string; local?: string; text: string }[]> {
  const xml = await text(await JSZip.loadAsync(file), "xl/workbook.xml");
  return [...xml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)].map((m) => {
    const local = /localSheetId="(\d+)"/.exec(m[1]!)?.[1];
    return { name: /name="([^"]*)"/.exec(m[1]!)![1]!, ...(local !== undefined ? { local } : {}), text: m[2]!.replace(/&apos;/g, "'") };
  });
}

describe("a collected form prints as the unit's did", () => {
  it("keeps the index and period at the top and the sheet name and page number at the foot of every page", async () => {
    const syt = await form("SYT", "Sở Y tế");
    const sent = (await open(syt)).getWorksheet("Sở Y tế")!.headerFooter;
    expect(sent.oddHeader).toContain("Kỳ đánh giá: Năm 2024");
    expect(sent.oddFooter).toBe("&L&A&RTrang &P");
    const { data } = await collectFiles([
      { name: "syt.xlsx", data: syt },
      { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ") },
    ]);
    const wb = await open(data);
    for (const name of ["Sở Y tế", "Sở Nội vụ"]) {
      expect([name, wb.getWorksheet(name)!.headerFooter]).toEqual([name, expect.objectContaining({ oddHeader: sent.oddHeader, oddFooter: "&L&A&RTrang &P" })]);
      const xml = await sheetXml(data, name);
      expect(xml).toContain(`<oddHeader>${sent.oddHeader!.replace(/&/g, "&amp;")}</oddHeader>`);
      expect(xml).toContain("<oddFooter>&amp;L&amp;A&amp;RTrang &amp;P</oddFooter>");
    }
  });

  it("keeps the columns' own styles: the Điểm column's number format for what is typed into it", async () => {
    const syt = await form("SYT", "Sở Y tế", (ws) => {
      // A column style of the unit's own, besides the template's.
      ws.getColumn(8).style = { numFmt: "0.0%" };
    });
    const sent = (await open(syt)).getWorksheet("Sở Y tế")!;
    const points = sent.getColumn(9).style;
    expect(points.numFmt).toBe("#,##0.00");
    const { data } = await collectFiles([{ name: "syt.xlsx", data: syt }]);
    const ws = (await open(data)).getWorksheet("Sở Y tế")!;
    expect(ws.getColumn(9).style).toEqual(points);
    expect(ws.getColumn(8).style.numFmt).toBe("0.0%");
    // Written on the <col> itself, not only on the cells there are.
    expect(await sheetXml(data, "Sở Y tế")).toMatch(/<col min="9" max="9"[^>]*\bstyle="[1-9]\d*"/);
  });

  it("keeps the unit's header and footer, column styles, formats and pictures when it takes the place of the unit's blank form", async () => {
    const base = await template({ code: "SYT", name: "Sở Y tế" }, { code: "SNV", name: "Sở Nội vụ" });
    const blank = (await open(base)).getWorksheet("Sở Nội vụ")!.headerFooter;
    const syt = await form("SYT", "Sở Y tế", (ws, wb) => {
      ws.headerFooter.oddHeader = "&CSở Y tế — bản đã ký duyệt";
      ws.getColumn(8).style = { numFmt: "0.0%" };
      ws.addConditionalFormatting({ ref: "D10:D60", rules: [{ type: "expression", priority: 1, formulae: ["$D10>1"], style: { font: { color: { argb: "FFC00000" } } } }] });
      ws.addImage(wb.addImage({ buffer: Buffer.from(PNG), extension: "png" } as unknown as ExcelJS.Image), "G70:H72");
    });
    const { data, report } = await collectFiles([{ name: "syt.xlsx", data: syt }], base);
    expect(report.take).toEqual([expect.objectContaining({ as: "Sở Y tế", replaces: "Sở Y tế" })]);
    const wb = await open(data);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Hướng dẫn", "Sở Y tế", "Sở Nội vụ"]);
    const ws = wb.getWorksheet("Sở Y tế")!;
    expect(ws.headerFooter.oddHeader).toBe("&CSở Y tế — bản đã ký duyệt");
    expect(ws.headerFooter.oddFooter).toBe("&L&A&RTrang &P");
    expect(ws.getColumn(8).style.numFmt).toBe("0.0%");
    expect(ws.getColumn(9).style.numFmt).toBe("#,##0.00");
    expect((ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings.map((cf) => cf.ref)).toEqual(["D10:D60"]);
    expect(ws.getImages()).toHaveLength(1);
    // The unit left blank keeps the template's.
    expect(wb.getWorksheet("Sở Nội vụ")!.headerFooter).toMatchObject({ oddHeader: blank.oddHeader, oddFooter: blank.oddFooter });
    expect(await packageProblems(await JSZip.loadAsync(data))).toEqual([]);
  });
});

describe("a collected form keeps its conditional formats and its formulas on its own cells", () => {
  it("under another name ((2)), its rules and formulas naming its own sheet name the copy", async () => {
    const other = await form("SYT-2", "Sở Y tế", (ws) => {
      ws.addConditionalFormatting({
        ref: "D10:D60",
        rules: [
          { type: "expression", priority: 1, formulae: ["'Sở Y tế'!$D10>1"], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } },
          { type: "cellIs", priority: 2, operator: "lessThan", formulae: ["0"], style: { font: { color: { argb: "FFC00000" } } } },
        ],
      });
      ws.getCell("K5").value = { formula: "'Sở Y tế'!D10*2", result: 0 };
    });
    const { data, report } = await collectFiles([
      { name: "a.xlsx", data: await form("SYT", "Sở Y tế") },
      { name: "b.xlsx", data: other },
    ]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Y tế (2)"]);
    const wb = await open(data);
    type Format = { ref: string; rules: { type: string; operator?: string; formulae?: string[]; style?: Partial<ExcelJS.Style> }[] };
    const formats = (ws: ExcelJS.Worksheet) => (ws as unknown as { conditionalFormattings: Format[] }).conditionalFormattings;
    expect(formats(wb.getWorksheet("Sở Y tế")!)).toEqual([]);
    const copy = wb.getWorksheet("Sở Y tế (2)")!;
    expect(formats(copy)).toHaveLength(1);
    expect(formats(copy)[0]!.ref).toBe("D10:D60");
    expect(formats(copy)[0]!.rules).toEqual([
      expect.objectContaining({ type: "expression", formulae: ["'Sở Y tế (2)'!$D10>1"], style: expect.objectContaining({ fill: expect.objectContaining({ bgColor: { argb: "FFFFC7CE" } }) }) }),
      expect.objectContaining({ type: "cellIs", operator: "lessThan", formulae: ["0"], style: expect.objectContaining({ font: expect.objectContaining({ color: { argb: "FFC00000" } }) }) }),
    ]);
    expect(copy.getCell("K5").formula).toBe("'Sở Y tế (2)'!D10*2");
    expect(await sheetXml(data, "Sở Y tế (2)")).toContain('<conditionalFormatting sqref="D10:D60">');
  });
});

describe("a collected form keeps its pictures", () => {
  it("a stamped signature comes in with its bytes where it was anchored, and a picture two forms of a file share goes in once", async () => {
    const file = await edit(await template({ code: "SYT", name: "Sở Y tế" }, { code: "SNV", name: "Sở Nội vụ" }), (wb) => {
      const id = wb.addImage({ buffer: Buffer.from(PNG), extension: "png" } as unknown as ExcelJS.Image);
      for (const name of ["Sở Y tế", "Sở Nội vụ"]) {
        const ws = wb.getWorksheet(name)!;
        ws.getCell(rowOf(ws, "3.2"), 4).value = 0.5;
        ws.addImage(id, {
          tl: { nativeCol: 6, nativeColOff: 95250, nativeRow: 69, nativeRowOff: 19050 },
          br: { nativeCol: 8, nativeColOff: 0, nativeRow: 73, nativeRowOff: 0 },
          editAs: "oneCell",
        } as unknown as ExcelJS.ImageRange);
      }
    });
    const { data, report } = await collectFiles([{ name: "phieu.xlsx", data: file }]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Nội vụ"]);
    expect(report.warnings).toEqual([]);
    const wb = await open(data);
    for (const name of ["Sở Y tế", "Sở Nội vụ"]) {
      const images = wb.getWorksheet(name)!.getImages();
      expect([name, images.length]).toEqual([name, 1]);
      const { range, imageId } = images[0]!;
      const tl = range.tl as unknown as Record<string, number>;
      const br = range.br as unknown as Record<string, number>;
      expect([tl.nativeCol, tl.nativeColOff, tl.nativeRow, tl.nativeRowOff]).toEqual([6, 95250, 69, 19050]);
      expect([br.nativeCol, br.nativeColOff, br.nativeRow, br.nativeRowOff]).toEqual([8, 0, 73, 0]);
      expect((range as unknown as { editAs?: string }).editAs).toBe("oneCell");
      expect(new Uint8Array(wb.getImage(Number(imageId)).buffer as unknown as ArrayBuffer)).toEqual(PNG);
    }
    const zip = await JSZip.loadAsync(data);
    const media = Object.keys(zip.files).filter((f) => f.startsWith("xl/media/") && !zip.files[f]!.dir);
    expect(media).toHaveLength(1);
    expect(await zip.file(media[0]!)!.async("uint8array")).toEqual(PNG);
    expect(await packageProblems(zip)).toEqual([]);
  });
});

describe("the defined names pointing into a collected form", () => {
  /** A unit's file with names of its own, as Excel writes them (the workbook's and one local to its form, index 1). */
  async function withNames(file: Uint8Array, names: string): Promise<Uint8Array> {
    return editPart(
      file,
      () => "xl/workbook.xml",
      (xml) => xml.replace("</definedNames>", `${names}</definedNames>`),
    );
  }

  it("come along naming the form by its new name, a name local to the form local to its copy; one the workbook has, or one reading another sheet, is left out and said", async () => {
    // The workbook gathered into: a unit's form and a name of its own.
    const first = await collectFiles([{ name: "a.xlsx", data: await form("SYT", "Sở Y tế") }]);
    const base = await withNames(first.data, `<definedName name="DiemThuong">'Sở Y tế'!$E$10</definedName>`);
    const unit = await withNames(
      await form("SYT-2", "Sở Y tế"),
      [
        `<definedName name="TongSoLieu">'Sở Y tế'!$D$10:$D$40</definedName>`,
        `<definedName name="ChuKy" localSheetId="1" hidden="1" comment="Chữ ký">'Sở Y tế'!$B$70</definedName>`,
        `<definedName name="DiemThuong">'Sở Y tế'!$E$12</definedName>`,
        `<definedName name="SoSanh">'Sở Y tế'!$D$10+'Hướng dẫn'!$A$1</definedName>`,
        `<definedName name="HuongDan">'Hướng dẫn'!$A$1:$A$5</definedName>`,
      ].join(""),
    );
    const { data, report } = await collectFiles([{ name: "b.xlsx", data: unit }], base);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế (2)"]);
    expect(report.warnings.map((w) => w.vi)).toEqual([
      `Tên "SoSanh" trong tệp b.xlsx trỏ vào trang tính 'Sở Y tế (2)' và cả vào trang 'Hướng dẫn' của tệp đó (không phải phiếu được tổng hợp), nên không chép được sang sổ tổng hợp; nếu cần, hãy đặt lại tên này trong sổ tổng hợp (Công thức > Trình Quản lý Tên).`,
      `Tên "DiemThuong" trong tệp b.xlsx (trỏ vào trang tính 'Sở Y tế (2)') không được chép vào sổ tổng hợp vì sổ đã có một tên "DiemThuong"; nếu cần, hãy đặt lại nó bằng một tên khác (Công thức > Trình Quản lý Tên).`,
    ]);
    expect(report.warnings.map((w) => w.en)).toEqual([
      `The name "SoSanh" of file b.xlsx points into sheet 'Sở Y tế (2)' and also into sheet 'Hướng dẫn' of that file (not forms collected), so it could not be copied into the consolidated workbook; define it again there if you need it (Formulas > Name Manager).`,
      `The name "DiemThuong" of file b.xlsx (pointing into sheet 'Sở Y tế (2)') was not copied into the consolidated workbook, which already has a name "DiemThuong"; define it again under another name if you need it (Formulas > Name Manager).`,
    ]);
    const wb = await open(data);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Sở Y tế", "Sở Y tế (2)"]);
    const names = (await definedNames(data)).filter((n) => !n.name.startsWith("_xlnm."));
    expect(names).toEqual([
      { name: "DiemThuong", text: "'Sở Y tế'!$E$10" },
      { name: "TongSoLieu", text: "'Sở Y tế (2)'!$D$10:$D$40" },
      { name: "ChuKy", local: "1", text: "'Sở Y tế (2)'!$B$70" },
    ]);
    expect(await text(await JSZip.loadAsync(data), "xl/workbook.xml")).toMatch(/<definedName name="ChuKy" localSheetId="1" hidden="1" comment="Chữ ký">/);
    // Read back as any reader does.
    expect(wb.definedNames.getRanges("TongSoLieu").ranges).toEqual(["'Sở Y tế (2)'!$D$10:$D$40"]);
    // The form's print titles stay its own.
    expect(wb.getWorksheet("Sở Y tế (2)")!.pageSetup.printTitlesRow).toBe(wb.getWorksheet("Sở Y tế")!.pageSetup.printTitlesRow);
  });

  it("a name two units' files both define comes from the first; the second is said", async () => {
    const named = (code: string, name: string, cell: string) =>
      form(code, name).then((f) => withNames(f, `<definedName name="ChuKyLanhDao">'${name}'!${cell}</definedName>`));
    const { data, report } = await collectFiles([
      { name: "syt.xlsx", data: await named("SYT", "Sở Y tế", "$B$70") },
      { name: "snv.xlsx", data: await named("SNV", "Sở Nội vụ", "$B$71") },
    ]);
    expect((await definedNames(data)).filter((n) => n.name === "ChuKyLanhDao")).toEqual([{ name: "ChuKyLanhDao", text: "'Sở Y tế'!$B$70" }]);
    expect(report.warnings.map((w) => w.en)).toEqual([
      `The name "ChuKyLanhDao" of file snv.xlsx (pointing into sheet 'Sở Nội vụ') was not copied into the consolidated workbook, which already has a name "ChuKyLanhDao"; define it again under another name if you need it (Formulas > Name Manager).`,
    ]);
  });
});

describe("what a collected form cannot carry is said", () => {
  it("a shape, a table and a slicer on the form: left out, named with the file and sheet in both languages; its picture still comes", async () => {
    let file = await form("SYT", "Sở Y tế", (ws, wb) => {
      ws.addImage(wb.addImage({ buffer: Buffer.from(PNG), extension: "png" } as unknown as ExcelJS.Image), "G70:H72");
      ws.addTable({ name: "BangPhu", ref: "AP70", headerRow: true, columns: [{ name: "Năm" }, { name: "Số" }], rows: [[2023, 1], [2024, 2]] });
    });
    // A text box beside the picture, in the drawing ExcelJS wrote, as Excel writes one.
    file = await editPart(
      file,
      async (zip) => Object.keys(zip.files).find((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f))!,
      (xml) =>
        xml.replace(
          /<\/xdr:wsDr>/,
          '<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>74</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>77</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
            '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="3" name="TextBox 2"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1" cy="1"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>' +
            '<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>Đã ký</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>',
        ),
    );
    const zip = await JSZip.loadAsync(file);
    await addSlicer(zip, "Sở Y tế");
    file = await zip.generateAsync({ type: "uint8array" });

    const { data, report } = await collectFiles([
      { name: "syt.xlsx", data: file },
      { name: "snv.xlsx", data: await form("SNV", "Sở Nội vụ") },
    ]);
    expect(report.take.map((t) => t.as)).toEqual(["Sở Y tế", "Sở Nội vụ"]);
    expect(report.warnings).toEqual([
      {
        vi: "Trang tính 'Sở Y tế' (tệp syt.xlsx) có những thứ không chép được sang sổ tổng hợp nên đã bị bỏ lại: hình vẽ, hộp văn bản; bảng (Table); slicer và timeline. Số liệu, định dạng và ghi chú của phiếu vẫn được chép đủ. Nếu cần, hãy chép lại chúng từ tệp syt.xlsx, hoặc tổng hợp tệp này bằng ngăn DTI Scorer mở trong Excel trên máy tính (Windows hoặc Mac), vì Excel chèn nguyên cả trang tính.",
        en: "Sheet 'Sở Y tế' (file syt.xlsx) has what could not be copied into the consolidated workbook, so it was left out: shapes and text boxes; tables; slicers and timelines. The form's figures, formatting and notes were all copied. If you need what was left out, copy it again from syt.xlsx, or collect this file with the DTI Scorer pane inside Excel for desktop (Windows or Mac), where Excel inserts the whole sheet.",
      },
    ]);
    const wb = await open(data);
    expect(wb.getWorksheet("Sở Y tế")!.getImages()).toHaveLength(1);
    // The table's cells come, as values.
    expect(wb.getWorksheet("Sở Y tế")!.getCell("AP72").value).toBe(2024);
  });

  it("a formula reading another file keeps the value it last computed, and the cells are named", async () => {
    const file = await form("SYT", "Sở Y tế", (ws) => {
      const r = rowOf(ws, "3.2");
      // As Excel stores a link to another workbook: its number in brackets before the sheet.
      ws.getCell(r, 4).value = { formula: "'[1]Số liệu 2024'!$B$3", result: 0.75 };
      ws.getCell(r + 1, 4).value = { formula: "[1]SoLieu!$B$4/100", result: 0.5 };
      // A formula reading the form's own cells stays one.
      ws.getCell("K5").value = { formula: "SUM(D10:D12)", result: 0 };
    });
    const sent = (await open(file)).getWorksheet("Sở Y tế")!;
    const r = rowOf(sent, "3.2");
    const { data, report } = await collectFiles([{ name: "syt.xlsx", data: file }]);
    const ws = (await open(data)).getWorksheet("Sở Y tế")!;
    expect(ws.getCell(r, 4).value).toBe(0.75);
    expect(ws.getCell(r + 1, 4).value).toBe(0.5);
    expect(ws.getCell("K5").formula).toBe("SUM(D10:D12)");
    expect(await sheetXml(data, "Sở Y tế")).not.toContain("[1]");
    expect(report.warnings).toEqual([
      {
        vi: `Trang tính 'Sở Y tế' (tệp syt.xlsx): công thức ở ô D${r}:D${r + 1} lấy số liệu từ một tệp khác (liên kết ngoài); liên kết này không chép được sang sổ tổng hợp, nên các ô đó giữ giá trị đã tính lần cuối trong tệp của đơn vị thay cho công thức.`,
        en: `Sheet 'Sở Y tế' (file syt.xlsx): the formulas in cells D${r}:D${r + 1} read another file (an external link), which could not be copied into the consolidated workbook, so those cells keep the values last calculated in the unit's file instead of the formulas.`,
      },
    ]);
  });
});

describe("drop-down lists Excel keeps in the sheet's extension", () => {
  it("an older form's list on its _lists sheet, as Excel saves it (x14), comes in working, its options moved onto the form; a rule reading that sheet otherwise is left out and said", async () => {
    let row = 0;
    let file = await form("STC", "Sở Tài chính", (ws, wb) => {
      row = rowOf(ws, "2.1");
      const lists = wb.addWorksheet("_lists", { state: "veryHidden" });
      lists.getCell("A1").value = "Có";
      lists.getCell("A2").value = "Không";
      // Excel keeps a list on another sheet in the extension only: ExcelJS's own goes.
      for (const col of [4, 5]) delete (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model[ws.getCell(row, col).address];
    });
    file = await editPart(
      file,
      (zip) => sheetPath(zip, "Sở Tài chính"),
      (xml) =>
        xml.replace(
          "</worksheet>",
          '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
            '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
            '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="Giá trị không hợp lệ" error="Chọn Có hoặc Không">' +
            `<x14:formula1><xm:f>_lists!$A$1:$A$2</xm:f></x14:formula1><xm:sqref>D${row}:E${row}</xm:sqref></x14:dataValidation>` +
            // A rule that reads the other sheet otherwise: that sheet does not come along.
            '<x14:dataValidation type="custom" allowBlank="1" showErrorMessage="1"><x14:formula1><xm:f>COUNTIF(_lists!$A$1:$A$2,K30)&gt;0</xm:f></x14:formula1><xm:sqref>K30</xm:sqref></x14:dataValidation>' +
            "</x14:dataValidations></ext></extLst></worksheet>",
        ),
    );
    expect((await open(file)).getWorksheet("Sở Tài chính")!.getCell(row, 4).dataValidation).toBeUndefined();
    const { data, report } = await collectFiles([{ name: "stc.xlsx", data: file }]);
    expect(report.warnings.map((w) => w.en)).toEqual([
      "Sheet 'Sở Tài chính' (file stc.xlsx) has what could not be copied into the consolidated workbook, so it was left out: data validation rules reading other sheets. The form's figures, formatting and notes were all copied. If you need what was left out, copy it again from stc.xlsx, or collect this file with the DTI Scorer pane inside Excel for desktop (Windows or Mac), where Excel inserts the whole sheet.",
    ]);
    expect(report.warnings[0]?.vi).toContain("quy tắc kiểm tra dữ liệu (Data Validation) đọc trang tính khác");
    const ws = (await open(data)).getWorksheet("Sở Tài chính")!;
    expect(ws.getCell("K30").dataValidation).toBeUndefined();
    expect(await sheetXml(data, "Sở Tài chính")).not.toContain("_lists");
    for (const col of [4, 5]) {
      const rule = ws.getCell(row, col).dataValidation;
      expect(rule).toMatchObject({ type: "list", allowBlank: true, showErrorMessage: true, errorTitle: "Giá trị không hợp lệ", error: "Chọn Có hoặc Không" });
      const formula = String(rule?.formulae?.[0]);
      expect(formula).toMatch(/^\$[A-Z]+\$\d+:\$[A-Z]+\$\d+$/);
      const [a, b] = formula.replace(/\$/g, "").split(":") as [string, string];
      const values: unknown[] = [];
      for (let r = Number(ws.getCell(a).row); r <= Number(ws.getCell(b).row); r++) values.push(ws.getCell(r, Number(ws.getCell(a).col)).value);
      expect(values).toEqual(["Có", "Không"]);
    }
  });
});
