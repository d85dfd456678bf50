/**
 * A scoring run prints the index and the period the forms state now at the top of every page the
 * project made: the template's instructions sheet ("Hướng dẫn") too, as the results sheet names the
 * periods, and a form left out of the scoring, with its own period. The header the template gave
 * them (with the period it was made for) is written again; a header of the user's stays. As the
 * files are written and read back.
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

test("next period's forms scored: the instructions sheet and the form left out print the new period, as the results sheet does", async () => {
  const demo = await scoredDemo();
  const before = await open(demo);
  expect(headerOf(before, HELP)).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2024`);
  const footer = before.getWorksheet(HELP)!.headerFooter.oddFooter;

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
  // Only the header: its footer and its text are as the template wrote them.
  expect(scored.getWorksheet(HELP)!.headerFooter.oddFooter).toBe(footer);
  expect(scored.getWorksheet(HELP)!.getCell("A1").value).toBe(before.getWorksheet(HELP)!.getCell("A1").value);

  // The forms differ: the instructions sheet names every period, as the results sheet does; one
  // without a header gets it; a header of the user's stays.
  const differing = await edit(next, (wb) => {
    wb.getWorksheet("Thanh tra tỉnh")!.getCell("B5").value = "Năm 2024";
    wb.getWorksheet(HELP)!.headerFooter.oddHeader = undefined;
  });
  const mixed = await open((await scoreAgain(differing)).out);
  expect(headerOf(mixed, HELP)).toMatch(/Kỳ đánh giá \(các phiếu ghi khác nhau\): Năm 2025, Năm 2024$/);
  expect(headerOf(mixed, HELP)).toBe(headerOf(mixed, "Kết quả"));

  const theirs = await edit(next, (wb) => {
    wb.getWorksheet(HELP)!.headerFooter.oddHeader = "&CHướng dẫn của Sở Thông tin và Truyền thông";
    wb.getWorksheet(LEFT_OUT)!.headerFooter.oddHeader = "&CBản cũ, không dùng";
  });
  const kept = await open((await scoreAgain(theirs)).out);
  expect(headerOf(kept, HELP)).toBe("&CHướng dẫn của Sở Thông tin và Truyền thông");
  expect(headerOf(kept, LEFT_OUT)).toBe("&CBản cũ, không dùng");
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
  const typed = await edit(template, (wb) => {
    for (const u of units) wb.getWorksheet(u.name)!.getCell("B5").value = "2025";
  });
  const host = await XlsxHost.fromBuffer(typed, "phieu.xlsx");
  await runScoring(host, { definition: findBuiltin("dti-so-nganh-mau")!.definition, lang: "vi", projectVersion: "0.1.0", now: new Date("2025-06-08T00:00:00Z") });
  const scored = await open(await host.toBuffer());
  expect(headerOf(scored, "Instructions")).toBe(made!.replace(/2024$/, "2025"));
});

test("an instructions sheet the user protected with a password keeps its header, and the run says nothing of it (no score or mark of it is missing)", async () => {
  const demo = await scoredDemo();
  const locked = await edit(demo, async (wb) => {
    for (const ws of forms(wb)) ws.getCell("B5").value = "Năm 2025";
    await wb.getWorksheet(HELP)!.protect("mat-khau", {});
  });
  const { out, warnings } = await scoreAgain(locked);
  expect(headerOf(await open(out), HELP)).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2024`);
  expect(warnings.filter((w) => w.sheet === HELP)).toEqual([]);
  expect(headerOf(await open(out), "Kết quả")).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025`);
});
