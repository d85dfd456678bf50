/**
 * A form on paper: printed, signed by whoever prepared it and by the head of the unit (who sets the
 * unit's seal), scanned and sent; the scored workbook printed from LibreOffice or an old Excel. The
 * template's forms end with the place, date and signatures under the table, within its columns,
 * which the reader, the scoring and Collect pass by; the lines a scoring writes on rescaled groups go
 * under them, within the table's columns too (so that every form prints at the same scale), once;
 * each page's foot names the unit in full, not the sheet's name cut at 31 characters.
 */
import ExcelJS from "exceljs";
import { FORM_SIGNATURE, formContent, isBlankForm, filledFormCell } from "../../core/collect";
import { parseDefinition } from "../../core/definition";
import type { IndexModel } from "../../core/definition/model";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { snapshotSheet } from "./read";
import { makeTemplate } from "./template";
import { open, rowOf } from "./test-workbooks";

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
          { code: "1.1", name: "Có kế hoạch CĐS năm", max: 10, rule: { kind: "boolean" }, evidence: "required" },
          { code: "1.2", name: "Có Ban Chỉ đạo CĐS", max: 10, rule: { kind: "boolean" } },
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
          { code: "2.2", name: "Tỷ lệ hồ sơ trực tuyến toàn trình", max: 20, rule: { kind: "fraction" }, appliesTo: ["co-dvc"] },
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

const LONG = "Sở Lao động - Thương binh và Xã hội & Du lịch";
const UNITS = [
  { code: "SYT", name: "Sở Y tế", category: "co-dvc" },
  // 2.2 does not apply: group 2 is rescaled from 2.1 alone.
  { code: "TTT", name: "Thanh tra tỉnh", category: "khong-dvc" },
  { code: "SLD", name: LONG, category: "co-dvc" },
];

/** The row, 1-based, of the cell of `ws` whose text is `text` in column `column`; 0 when none is. */
function rowWith(ws: ExcelJS.Worksheet, column: number, text: string): number {
  let found = 0;
  ws.eachRow((row, r) => {
    if (row.getCell(column).value === text) found = r;
  });
  return found;
}

/** The last row of a form's table: its last row with a code. */
function tableEnd(ws: ExcelJS.Worksheet): number {
  let last = 0;
  ws.eachRow((row, r) => {
    if (r > 8 && row.getCell(1).value !== null) last = r;
  });
  return last;
}

/** The forms filled in: every unit its figures and evidence. */
async function filled(lang: "vi" | "en" = "vi", change?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = await open(await makeTemplate(model(), UNITS, { lang, period: "Năm 2024" }));
  const values: Record<string, ExcelJS.CellValue> = { "1.1": lang === "vi" ? "Có" : "Yes", "1.2": lang === "vi" ? "Không" : "No", "2.1.a": 35, "2.1.b": 50, "2.2": 0.8 };
  for (const ws of wb.worksheets.slice(1)) {
    for (const [code, v] of Object.entries(values)) ws.getCell(rowOf(ws, code), 4).value = v;
    ws.getCell(rowOf(ws, "1.1"), 7).value = "Kế hoạch số 12/KH";
  }
  change?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The workbook scored by the xlsx host, written and read back. */
async function score(file: Uint8Array) {
  const host = await XlsxHost.fromBuffer(file, "phieu.xlsx");
  const result = await runScoring(host, { definition, lang: "vi", projectVersion: "test", now: new Date("2024-06-08T00:00:00Z") });
  return { out: await host.toBuffer(), result };
}

describe("a template's form", () => {
  test("ends, one row under its table and within its columns, with the place and date, who prepared it and the head of the unit, each with room to sign and a line for the name, locked", async () => {
    const wb = await open(await makeTemplate(model(), UNITS, { lang: "vi", period: "Năm 2024" }));
    const ws = wb.getWorksheet("Sở Y tế")!;
    const end = tableEnd(ws);
    // Under `Nội dung` (B) the preparer's block; across `Minh chứng` to `Điểm` (G:I), merged, the head's under the place and date.
    expect([end + 2, end + 3, end + 4].map((r) => [ws.getCell(r, 2).value, ws.getCell(r, 7).value])).toEqual([
      [null, "……, ngày … tháng … năm 20…"],
      ["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"],
      ["(Ký, ghi rõ họ tên)", "(Ký, ghi rõ họ tên, đóng dấu)"],
    ]);
    expect(ws.getCell(end + 1, 2).value).toBeNull();
    // The room to sign and stamp, then the line for the full names.
    expect(ws.getRow(end + 5).height).toBeGreaterThanOrEqual(60);
    expect([ws.getCell(end + 6, 2).value, ws.getCell(end + 6, 7).value]).toEqual([FORM_SIGNATURE.nameLine.vi, FORM_SIGNATURE.nameLine.vi]);
    for (const r of [end + 2, end + 3, end + 4, end + 6]) expect([r, ws.getCell(r, 9).isMerged, ws.getCell(r, 9).master.address]).toEqual([r, true, `G${r}`]);
    // Nothing past the table's last column (Điểm, I) but the hidden lists, no code in column A, every cell locked.
    ws.eachRow((row, r) => {
      if (r <= end) return;
      row.eachCell((cell, c) => {
        expect([cell.address, c <= 9, cell.protection?.locked]).toEqual([cell.address, true, undefined]);
      });
      expect(row.getCell(1).value).toBeNull();
    });
    expect(ws.getCell("B1").value).toBe("Sở Y tế");
    // In English.
    const en = (await open(await makeTemplate(model(), UNITS, { lang: "en" }))).getWorksheet("Sở Y tế")!;
    const e = tableEnd(en);
    expect([e + 2, e + 3, e + 4].map((r) => [en.getCell(r, 2).value, en.getCell(r, 7).value])).toEqual([
      [null, "Place, date: ……………………"],
      ["Prepared by", "Head of unit"],
      ["(signature, full name)", "(signature, full name, seal)"],
    ]);
    // The instructions say what it is for.
    const help = wb.getWorksheet("Hướng dẫn")!;
    const lines: string[] = [];
    help.eachRow((row) => lines.push(String(row.getCell(1).value ?? "")));
    expect(lines.some((l) => l.startsWith("Cuối mỗi phiếu, dưới bảng, có dòng địa điểm, ngày tháng và chỗ ký"))).toBe(true);
  });

  test("blank, is still blank to Collect, and compares as the same form as one made without the signatures", async () => {
    const wb = await open(await makeTemplate(model(), UNITS, { lang: "vi" }));
    for (const ws of wb.worksheets.slice(1)) {
      const sheet = snapshotSheet(ws);
      expect([ws.name, isBlankForm(sheet), filledFormCell(sheet)]).toEqual([ws.name, true, undefined]);
      // The same form with nothing under its table.
      const bare = { ...sheet, values: sheet.values.slice(0, tableEnd(ws)) };
      expect(formContent(sheet)).toBe(formContent(bare));
    }
    // A figure typed in makes it filled in, as before.
    const ws = wb.getWorksheet("Sở Y tế")!;
    ws.getCell(rowOf(ws, "2.1.a"), 4).value = 3;
    expect(isBlankForm(snapshotSheet(ws))).toBe(false);
  });

  test("filled in, scores exactly as the same form without the signatures, with no finding of them", async () => {
    const withFoot = await score(await filled());
    const bare = await score(
      await filled("vi", (wb) => {
        for (const ws of wb.worksheets.slice(1)) {
          const end = tableEnd(ws);
          for (let r = ws.rowCount; r > end; r--) ws.spliceRows(r, 1);
        }
      }),
    );
    expect(withFoot.result.table.units.map((u) => [u.code, u.points, u.rank])).toEqual(bare.result.table.units.map((u) => [u.code, u.points, u.rank]));
    expect(withFoot.result.issues).toEqual(bare.result.issues);
    // Not the blank forms' either: TTT's group 2 scores 2.1 alone, rescaled.
    expect(withFoot.result.table.units.find((u) => u.code === "TTT")!.nodes["2"]!.points).toBeCloseTo(21, 10);
  });

  test("prints the sheet's name at the foot of its pages (Excel's &A, which follows a rename or a copy made for another unit), the unit's full name at the top of the first", async () => {
    const wb = await open(await makeTemplate(model(), UNITS, { lang: "vi" }));
    const ws = wb.worksheets.find((w) => w.getCell("B1").value === LONG)!;
    expect(ws.name.length).toBeLessThanOrEqual(31);
    expect(ws.headerFooter.oddFooter).toBe("&L&A&RTrang &P");
    expect(wb.getWorksheet("Hướng dẫn")!.headerFooter.oddFooter).toBe("&L&A&RTrang &P");
  });
});

describe("a scored form with a rescaled group", () => {
  test("says why under its table, above the place, date and signatures the template left room for, within the table's columns, nothing right of them; a second run leaves the one line", async () => {
    const first = await score(await filled());
    const wb = await open(first.out);
    const ws = wb.getWorksheet("Thanh tra tỉnh")!;
    const line = "Nhóm 2 — Quy đổi: 7,00 điểm trên 10 điểm tối đa của các chỉ tiêu áp dụng, tính theo thang 30.";
    const at = rowWith(ws, 2, line);
    const end = tableEnd(ws);
    // One empty row between the table and the line, one between the line and the place and date.
    expect(at).toBe(end + 2);
    expect([end + 1, end + 3].map((r) => [r, ws.getCell(r, 2).value, ws.getCell(r, 7).value])).toEqual([
      [end + 1, null, null],
      [end + 3, null, null],
    ]);
    expect(rowWith(ws, 7, FORM_SIGNATURE.placeDate.vi)).toBe(end + 4);
    expect(rowWith(ws, 2, FORM_SIGNATURE.nameLine.vi)).toBe(end + 8);
    // Nothing the scoring wrote lies right of the table's last column (Điểm, I), above the hidden lists.
    ws.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        if (c > 9 && c < 40 && r > 8) throw new Error(`${cell.address}: ${String(cell.value)}`);
      });
    });
    // The complete forms say nothing.
    expect(rowWith(wb.getWorksheet("Sở Y tế")!, 2, line)).toBe(0);
    const again = await open((await score(first.out)).out);
    const lines: string[] = [];
    again.getWorksheet("Thanh tra tỉnh")!.eachRow((row) =>
      row.eachCell((cell) => {
        if (String(cell.value).includes("Quy đổi")) lines.push(cell.address);
      }),
    );
    expect(lines).toEqual([`B${at}`]);
  });

  test("of a unit moved since the template to a category some rows do not apply to, says why under the signatures (the template left no room), within the table's columns", async () => {
    const first = await score(
      await filled("vi", (wb) => {
        // Sở Y tế's form, made for a department with public services, now says it has none.
        wb.getWorksheet("Sở Y tế")!.getCell("B3").value = "khong-dvc";
      }),
    );
    const ws = (await open(first.out)).getWorksheet("Sở Y tế")!;
    const at = rowWith(ws, 2, "Nhóm 2 — Quy đổi: 7,00 điểm trên 10 điểm tối đa của các chỉ tiêu áp dụng, tính theo thang 30.");
    // One empty row under the line for the names (the signatures' last).
    expect(at).toBe(rowWith(ws, 2, FORM_SIGNATURE.nameLine.vi) + 2);
    expect(rowWith(ws, 7, FORM_SIGNATURE.placeDate.vi)).toBe(tableEnd(ws) + 2);
  });

  test("has room left by the template for a line on each group rescaled for its category, in the order of the groups, and a complete unit's form ends one row under its table", async () => {
    // 1.2 applies to departments with public services too: a department without has two groups rescaled.
    const both = structuredClone(definition);
    (both.root.children[0]!.children[1] as { appliesTo?: string[] }).appliesTo = ["co-dvc"];
    const parsed = parseDefinition(both);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const wb = await open(await makeTemplate(parsed.model, UNITS, { lang: "vi", period: "Năm 2024" }));
    for (const ws of wb.worksheets.slice(1)) {
      ws.getCell(rowOf(ws, "1.1"), 4).value = "Có";
      ws.getCell(rowOf(ws, "1.1"), 7).value = "Kế hoạch số 12/KH";
      ws.getCell(rowOf(ws, "2.1.a"), 4).value = 35;
      ws.getCell(rowOf(ws, "2.1.b"), 4).value = 50;
    }
    const blank = wb.getWorksheet("Thanh tra tỉnh")!;
    const end = tableEnd(blank);
    // Two lines, an empty row above and under them: the place and date five rows under the table.
    expect(rowWith(blank, 7, FORM_SIGNATURE.placeDate.vi)).toBe(end + 5);
    for (const r of [end + 1, end + 2, end + 3, end + 4]) expect([r, blank.getRow(r).values]).toEqual([r, []]);
    expect(rowWith(wb.getWorksheet("Sở Y tế")!, 7, FORM_SIGNATURE.placeDate.vi)).toBe(tableEnd(wb.getWorksheet("Sở Y tế")!) + 2);

    const host = await XlsxHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), "phieu.xlsx");
    await runScoring(host, { definition: both, lang: "vi", projectVersion: "test", now: new Date("2024-06-08T00:00:00Z") });
    const ws = (await open(await host.toBuffer())).getWorksheet("Thanh tra tỉnh")!;
    expect([end + 2, end + 3].map((r) => String(ws.getCell(r, 2).value))).toEqual([
      expect.stringMatching(/^Nhóm 1 — Quy đổi: 10,00 điểm trên 10 điểm tối đa .* tính theo thang 20\.$/),
      expect.stringMatching(/^Nhóm 2 — Quy đổi: 7,00 điểm trên 10 điểm tối đa .* tính theo thang 30\.$/),
    ]);
    expect(ws.getCell(end + 4, 2).value).toBeNull();
    expect(rowWith(ws, 7, FORM_SIGNATURE.placeDate.vi)).toBe(end + 5);
  });
});
