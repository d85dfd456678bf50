/**
 * What a printed workbook tells on each page, as the files are written and read back: every sheet
 * the project makes (a template's forms, the results and charts sheets) names its sheet and the
 * page's number at its foot, so that forty pages of twenty units can be sorted back; the results
 * and charts say the assessment period the forms state; a form whose rows do not all apply to its
 * unit says what that does to its points; the results table calls the units as the index does.
 */
import JSZip from "jszip";
import { parseDefinition } from "../../core/definition";
import type { IndexModel } from "../../core/definition/model";
import type { Lang } from "../../core/i18n/text";
import { findBuiltin } from "../../indices";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";
import { makeTemplate } from "./template";

jest.setTimeout(120_000);

function builtinModel(id: string): IndexModel {
  const parsed = parseDefinition(findBuiltin(id)!.definition);
  if (!parsed.ok) throw new Error(`${id} invalid`);
  return parsed.model;
}

const UNITS = [
  { code: "SXD", name: "Sở Xây dựng", category: "co-dvc" },
  { code: "VP", name: "Văn phòng UBND tỉnh", category: "khong-dvc" },
];

async function template(lang: Lang, period?: string) {
  return open(await makeTemplate(builtinModel("dti-so-nganh-mau"), UNITS, { lang, ...(period !== undefined ? { period } : {}) }));
}

/** The results sheet's title as a reader shows it. */
function titleOf(wb: Awaited<ReturnType<typeof open>>): string {
  return String(wb.getWorksheet("Kết quả")!.getCell("A1").value);
}

describe("a template's forms", () => {
  test("print the sheet's name and the page's number at the foot of every page, and the index and period at the top, in the template's language", async () => {
    const vi = await template("vi", "Năm 2025");
    for (const sheet of ["Sở Xây dựng", "Văn phòng UBND tỉnh", "Hướng dẫn"]) {
      const ws = vi.getWorksheet(sheet)!;
      expect([sheet, ws.headerFooter.oddFooter]).toEqual([sheet, "&L&A&RTrang &P"]);
      // Each form numbers its pages from 1, whatever is printed before it.
      expect([sheet, ws.pageSetup.firstPageNumber]).toEqual([sheet, 1]);
      expect([sheet, ws.headerFooter.oddHeader]).toEqual([sheet, "&CMẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh) — Kỳ đánh giá: Năm 2025"]);
    }
    const en = await template("en");
    const ws = en.getWorksheet("Sở Xây dựng")!;
    expect(ws.headerFooter.oddFooter).toBe("&L&A&RPage &P");
    // Without a period given, the header names the index alone.
    expect(ws.headerFooter.oddHeader).not.toContain("Period");
  });

  test("a unit some of whose rows do not apply to its category is told, in the instructions, that the grey rows do not apply and its group's points are scaled to those that do", async () => {
    const vi = await template("vi");
    const line = "Các dòng nền xám không áp dụng với loại đơn vị này: không nhập vào các dòng đó; điểm của nhóm chứa chúng được quy đổi theo các dòng áp dụng (không bị trừ điểm).";
    const help = (sheet: string) => String(vi.getWorksheet(sheet)!.getCell("A6").value);
    expect(help("Văn phòng UBND tỉnh").split("\n")).toEqual([expect.stringMatching(/^Nhập số liệu vào các ô nền vàng/), line]);
    // Every row applies to a unit that provides public services: its instructions say nothing of grey rows.
    expect(help("Sở Xây dựng")).not.toContain("nền xám");
    // The row is tall enough for both lines.
    expect(vi.getWorksheet("Văn phòng UBND tỉnh")!.getRow(6).height).toBeGreaterThan(vi.getWorksheet("Sở Xây dựng")!.getRow(6).height);
    const en = await template("en");
    expect(String(en.getWorksheet("Văn phòng UBND tỉnh")!.getCell("A6").value)).toContain("Grey rows do not apply to this unit's category");
  });
});

describe("a scored workbook", () => {
  test("the results and charts sheets print their name and page number at the foot and the index and period at the top; the forms keep the footer they were made with", async () => {
    const wb = await open(await scoredDemo());
    const header = "&CMẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh) — Kỳ đánh giá: Năm 2024";
    for (const sheet of ["Kết quả", "Biểu đồ"]) {
      const ws = wb.getWorksheet(sheet)!;
      expect([sheet, ws.headerFooter.oddFooter, ws.headerFooter.oddHeader, ws.pageSetup.firstPageNumber]).toEqual([sheet, "&L&A&RTrang &P", header, 1]);
    }
    expect(wb.getWorksheet("Sở Xây dựng")!.headerFooter.oddFooter).toBe("&L&A&RTrang &P");
  });

  test("the results' title names the assessment period the forms state; several different periods are listed as differing; none, nothing", async () => {
    const demo = await scoredDemo();
    expect(titleOf(await open(demo))).toMatch(/\(mau-2023\) — Kỳ đánh giá: Năm 2024$/);
    const periodCells = (wb: Awaited<ReturnType<typeof open>>) => wb.worksheets.filter((ws) => ws.getCell("A5").value === "Kỳ đánh giá").map((ws) => ws.getCell("B5"));
    const two = await edit(demo, (wb) => {
      periodCells(wb)[0]!.value = "Năm 2025";
    });
    expect(titleOf(await open((await scoreAgain(two)).out))).toMatch(/\(mau-2023\) — Kỳ đánh giá \(các phiếu ghi khác nhau\): (Năm 2024, Năm 2025|Năm 2025, Năm 2024)$/);
    const none = await edit(demo, (wb) => {
      for (const cell of periodCells(wb)) cell.value = null;
    });
    const scored = await open((await scoreAgain(none)).out);
    expect(titleOf(scored)).toMatch(/\(mau-2023\)$/);
    expect(scored.getWorksheet("Biểu đồ")!.headerFooter.oddHeader).toBe("&CMẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh)");
  });

  test("each chart's title names the assessment period the forms state, so that a chart copied into a report still says which one it shows", async () => {
    const zip = await JSZip.loadAsync(await scoredDemo());
    const charts = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
    const titles = charts.map((xml) => [...(/<c:chart><c:title>([\s\S]*?)<\/c:title>/.exec(xml)?.[1] ?? "").matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(""));
    expect(titles.sort()).toEqual(["Điểm theo nhóm chỉ số — Năm 2024", "So sánh theo nhóm chỉ số (giá trị 0–1) — Năm 2024", "Tổng điểm theo sở, ban, ngành — Năm 2024"].sort());
  });

  test("the results table calls the units as the index does; a table written with the former Mã đơn vị / Đơn vị headers is rewritten in place, what the user put on it carried", async () => {
    const demo = await scoredDemo();
    const ws = (await open(demo)).getWorksheet("Kết quả")!;
    expect([ws.getCell("B3").value, ws.getCell("C3").value]).toEqual(["Mã sở, ban, ngành", "Sở, ban, ngành"]);
    // As an earlier version wrote the table, with a remark in the Ghi chú column and a note on a name.
    const earlier = await edit(demo, (wb) => {
      const results = wb.getWorksheet("Kết quả")!;
      results.getCell("B3").value = "Mã đơn vị";
      results.getCell("C3").value = "Đơn vị";
      results.getCell("C4").note = "Đã đối chiếu";
      results.getCell(4, 29).value = "Hồ sơ đầy đủ";
    });
    const code = (await open(earlier)).getWorksheet("Kết quả")!.getCell("B4").value;
    const again = await scoreAgain(earlier);
    expect(again.warnings).toEqual([]);
    const wb = await open(again.out);
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("Kết quả"))).toEqual(["Kết quả"]);
    const results = wb.getWorksheet("Kết quả")!;
    expect([results.getCell("B3").value, results.getCell("C3").value]).toEqual(["Mã sở, ban, ngành", "Sở, ban, ngành"]);
    let row = 4;
    while (results.getCell(row, 2).value !== code) row++;
    expect(results.getCell(row, 29).value).toBe("Hồ sơ đầy đủ");
    expect(results.getCell(row, 3).note).toBeDefined();
  });
});
