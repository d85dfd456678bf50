/**
 * A scoring run prints the index and the period the forms state now at the top of every page the
 * project made: the template's instructions sheet ("Hướng dẫn") too, as the results sheet names the
 * periods, and a form left out of the scoring, with its own period. The header the template gave
 * them (with the period it was made for) is written again; a header of the user's stays. The
 * instructions sheet's period line under its title (A2, merged across the unit table: "Kỳ đánh
 * giá: Năm 2024") says the new period too, the words a person added after the period kept; a
 * line a person wrote there stays. As the files are written and read back.
 */
import { parseDefinition } from "../../core/definition";
import { findBuiltin } from "../../indices";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";
import { makeTemplate } from "./template";

jest.setTimeout(120_000);

const INDEX = "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh)";
const HELP = "Hướng dẫn";
/** The demo's form left out of the scoring: its unit code is another form's. */
const LEFT_OUT = "Đài Phát thanh và Truyền hình…";
type Book = Awaited<ReturnType<typeof open>>;

/** The demo's forms: the sheets with a `Kỳ đánh giá` label in A5. */
function forms(wb: Book) {
  return wb.worksheets.filter((ws) => ws.getCell("A5").value === "Kỳ đánh giá");
}

const headerOf = (wb: Book, sheet: string) => wb.getWorksheet(sheet)!.headerFooter.oddHeader;
/** The instructions sheet's period line (A2) as the file holds it. */
const lineOf = (wb: Book, sheet = HELP) => wb.getWorksheet(sheet)!.getCell("A2").value;
/** The merged ranges of a sheet, as the file holds them. */
const mergesOf = (wb: Book, sheet: string) => [...((wb.getWorksheet(sheet)!.model as unknown as { merges?: string[] }).merges ?? [])].sort();

test("next period's forms scored: the instructions sheet and the form left out print the new period, as the results sheet does; the instructions' period line says it", async () => {
  const demo = await scoredDemo();
  const before = await open(demo);
  expect(headerOf(before, HELP)).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2024`);
  expect(lineOf(before)).toBe("Kỳ đánh giá: Năm 2024");
  const footer = before.getWorksheet(HELP)!.headerFooter.oddFooter;
  const font = before.getWorksheet(HELP)!.getCell("A2").font;

  const next = await edit(demo, (wb) => {
    for (const ws of forms(wb)) ws.getCell("B5").value = "Năm 2025";
  });
  const scored = await open((await scoreAgain(next)).out);
  expect(headerOf(scored, HELP)).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025`);
  expect(headerOf(scored, HELP)).toBe(headerOf(scored, "Kết quả"));
  expect(headerOf(scored, LEFT_OUT)).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025`);
  // Every page of the workbook that prints a header says the same now.
  const headers = new Set(scored.worksheets.filter((ws) => ws.state === "visible").map((ws) => ws.headerFooter.oddHeader));
  expect([...headers]).toEqual([`&C${INDEX} — Kỳ đánh giá: Năm 2025`]);
  // The period line under the title, in the merged cell the template made, with its look.
  expect(lineOf(scored)).toBe("Kỳ đánh giá: Năm 2025");
  expect(mergesOf(scored, HELP)).toEqual(mergesOf(before, HELP));
  expect(scored.getWorksheet(HELP)!.getCell("A2").font).toEqual(font);
  // Only the header and that line: its footer and the rest of its text are as the template wrote them.
  expect(scored.getWorksheet(HELP)!.headerFooter.oddFooter).toBe(footer);
  const texts = (wb: Book) => wb.getWorksheet(HELP)!.getSheetValues().flatMap((row, r) => (r === 2 ? [] : [JSON.stringify(row)]));
  expect(texts(scored)).toEqual(texts(before));

  // The forms differ: the instructions sheet names every period, as the results sheet does; one
  // without a header gets it; a header of the user's stays.
  const differing = await edit(next, (wb) => {
    wb.getWorksheet("Thanh tra tỉnh")!.getCell("B5").value = "Năm 2024";
    wb.getWorksheet(HELP)!.headerFooter.oddHeader = undefined;
  });
  const mixed = await open((await scoreAgain(differing)).out);
  expect(headerOf(mixed, HELP)).toMatch(/Kỳ đánh giá \(các phiếu ghi khác nhau\): Năm 2025, Năm 2024$/);
  expect(headerOf(mixed, HELP)).toBe(headerOf(mixed, "Kết quả"));
  expect(lineOf(mixed)).toBe("Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2025, Năm 2024");

  const theirs = await edit(next, (wb) => {
    wb.getWorksheet(HELP)!.headerFooter.oddHeader = "&CHướng dẫn của Sở Thông tin và Truyền thông";
    wb.getWorksheet(LEFT_OUT)!.headerFooter.oddHeader = "&CBản cũ, không dùng";
  });
  const kept = await open((await scoreAgain(theirs)).out);
  expect(headerOf(kept, HELP)).toBe("&CHướng dẫn của Sở Thông tin và Truyền thông");
  expect(headerOf(kept, LEFT_OUT)).toBe("&CBản cũ, không dùng");
  // The line is the project's all the same: each is judged by what it says.
  expect(lineOf(kept)).toBe("Kỳ đánh giá: Năm 2025");
});

test("the words a person added after the period on the instructions' line stay after the new period; a line of their own stays, and nothing is said of it", async () => {
  const demo = await scoredDemo();
  const next = await edit(demo, (wb) => {
    for (const ws of forms(wb)) ws.getCell("B5").value = "Năm 2025";
    wb.getWorksheet(HELP)!.getCell("A2").value = "Kỳ đánh giá: Năm 2024 (số liệu đến 30/9)";
  });
  const { out, warnings } = await scoreAgain(next);
  const scored = await open(out);
  expect(lineOf(scored)).toBe("Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)");
  expect(warnings.filter((w) => w.sheet === HELP)).toEqual([]);
  // Scored once more, the same line.
  expect(lineOf(await open((await scoreAgain(out)).out))).toBe("Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)");

  for (const own of ["Hạn nộp phiếu: 15/10/2025", ""]) {
    const theirs = await edit(next, (wb) => {
      wb.getWorksheet(HELP)!.getCell("A2").value = own;
    });
    const result = await scoreAgain(theirs);
    expect([own, lineOf(await open(result.out)) ?? ""]).toEqual([own, own]);
    expect(result.warnings.filter((w) => w.sheet === HELP)).toEqual([]);
  }
  // A formula of theirs that gives the line stays a formula (and is not said to be a score).
  const formula = { formula: '"Kỳ đánh giá: "&"Năm 2024"', result: "Kỳ đánh giá: Năm 2024" };
  const computed = await edit(next, (wb) => {
    wb.getWorksheet(HELP)!.getCell("A2").value = formula;
  });
  const result = await scoreAgain(computed);
  expect(lineOf(await open(result.out))).toEqual(formula);
  expect(result.warnings.filter((w) => w.sheet === HELP)).toEqual([]);
});

test("an English template's Instructions sheet prints its header in English, in a Vietnamese run", async () => {
  const parsed = parseDefinition(findBuiltin("dti-so-nganh-mau")!.definition);
  if (!parsed.ok) throw new Error("invalid");
  const units = [
    { code: "SXD", name: "Sở Xây dựng", category: "co-dvc" },
    { code: "VP", name: "Văn phòng UBND tỉnh", category: "khong-dvc" },
  ];
  const template = await makeTemplate(parsed.model, units, { lang: "en", period: "2024" });
  const made = headerOf(await open(template), "Instructions");
  expect(made).toMatch(/ — Period: 2024$/);
  expect(lineOf(await open(template), "Instructions")).toBe("Period: 2024");
  const typed = await edit(template, (wb) => {
    for (const u of units) wb.getWorksheet(u.name)!.getCell("B5").value = "2025";
  });
  const host = await XlsxHost.fromBuffer(typed, "phieu.xlsx");
  await runScoring(host, { definition: findBuiltin("dti-so-nganh-mau")!.definition, lang: "vi", projectVersion: "0.1.0", now: new Date("2025-06-08T00:00:00Z") });
  const scored = await open(await host.toBuffer());
  expect(headerOf(scored, "Instructions")).toBe(made!.replace(/2024$/, "2025"));
  expect(lineOf(scored, "Instructions")).toBe("Period: 2025");
});

test("an instructions sheet the user protected with a password keeps its header and its period line, and the run says that the line was not written (not that scores were missing); nothing is said when the line says the period already", async () => {
  const demo = await scoredDemo();
  const locked = await edit(demo, (wb) => {
    for (const ws of forms(wb)) ws.getCell("B5").value = "Năm 2025";
    void wb.getWorksheet(HELP)!.protect("mat-khau", {});
  });
  const { out, warnings } = await scoreAgain(locked);
  const scored = await open(out);
  expect(headerOf(scored, HELP)).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2024`);
  expect(lineOf(scored)).toBe("Kỳ đánh giá: Năm 2024");
  expect(warnings.filter((w) => w.sheet === HELP)).toEqual([
    {
      sheet: HELP,
      vi: "Trang 'Hướng dẫn' được bảo vệ bằng mật khẩu nên dòng kỳ đánh giá (ô A2) và đầu trang khi in của trang này chưa được ghi lại theo kỳ của các phiếu. Hãy bỏ bảo vệ trang (trong Excel: Xem lại > Bỏ bảo vệ trang tính; trong LibreOffice: bỏ chọn Công cụ > Bảo vệ trang tính) rồi chấm điểm lại.",
      en: "The sheet 'Hướng dẫn' is protected with a password, so its period line (cell A2) and printed header were not written again with the forms' period. Unprotect the sheet (in Excel: Review > Unprotect Sheet; in LibreOffice: untick Tools > Protect Sheet) and score again.",
    },
  ]);
  // A warning, not a failure: the results are written.
  expect(headerOf(scored, "Kết quả")).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025`);

  // Its line says the forms' period already: only the printed header is left, and that is not said.
  const saying = await edit(demo, (wb) => {
    for (const ws of forms(wb)) ws.getCell("B5").value = "Năm 2025";
    wb.getWorksheet(HELP)!.getCell("A2").value = "Kỳ đánh giá: Năm 2025";
    void wb.getWorksheet(HELP)!.protect("mat-khau", {});
  });
  const quiet = await scoreAgain(saying);
  expect(headerOf(await open(quiet.out), HELP)).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2024`);
  expect(quiet.warnings.filter((w) => w.sheet === HELP)).toEqual([]);
});
