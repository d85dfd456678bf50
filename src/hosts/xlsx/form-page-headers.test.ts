/**
 * A scored form prints the index and the period it states now at the top of its pages, as the
 * results and charts sheets do: the header its template gave it (with the period the template was
 * made for, or none) is written again from the form's own `Kỳ đánh giá`, in the form's language.
 * A header a person wrote stays. As the files are written and read back.
 */
import { parseDefinition } from "../../core/definition";
import { findBuiltin } from "../../indices";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";
import { makeTemplate } from "./template";

jest.setTimeout(120_000);

const INDEX = "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh)";
type Book = Awaited<ReturnType<typeof open>>;

/** The demo's forms: the sheets with a `Kỳ đánh giá` label in A5. */
function forms(wb: Book) {
  return wb.worksheets.filter((ws) => ws.getCell("A5").value === "Kỳ đánh giá");
}

test("a form's printed header names the period the form states when scored, not the one its template was made with; a header of the user's stays", async () => {
  const demo = await scoredDemo();
  // Made with "Năm 2024": every form's header says so.
  for (const ws of forms(await open(demo))) expect([ws.name, ws.headerFooter.oddHeader]).toEqual([ws.name, `&C${INDEX} — Kỳ đánh giá: Năm 2024`]);
  // Next year's copy: each form states 2025, one keeps 2024; one form's header is the user's, one has none.
  const next = await edit(demo, (wb) => {
    for (const ws of forms(wb)) ws.getCell("B5").value = ws.name === "Thanh tra tỉnh" ? "Năm 2024" : "Năm 2025";
    wb.getWorksheet("Sở Y tế")!.headerFooter.oddHeader = "&CSở Y tế — bản đã ký duyệt";
    wb.getWorksheet("Sở Nội vụ")!.headerFooter.oddHeader = undefined;
  });
  const scored = await open((await scoreAgain(next)).out);
  const headers = Object.fromEntries(forms(scored).map((ws) => [ws.name, ws.headerFooter.oddHeader]));
  expect(headers["Sở Xây dựng"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025`);
  expect(headers["Sở Nội vụ"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025`);
  expect(headers["Thanh tra tỉnh"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2024`);
  expect(headers["Sở Y tế"]).toBe("&CSở Y tế — bản đã ký duyệt");
  // Every other scored form (not the one left out for a unit code another form has, which is not scored).
  const stale = Object.entries(headers).filter(([name, h]) => !["Thanh tra tỉnh", "Sở Y tế", "Đài Phát thanh và Truyền hình…"].includes(name) && h !== `&C${INDEX} — Kỳ đánh giá: Năm 2025`);
  expect([Object.keys(headers).length, stale]).toEqual([21, []]);
  // The footer each form was made with stays.
  expect(scored.getWorksheet("Sở Xây dựng")!.headerFooter.oddFooter).toBe("&L&A&RTrang &P");
});

test("a form of a template made without a period, whose unit typed one, prints it when scored; an English form in English, in a Vietnamese run", async () => {
  const parsed = parseDefinition(findBuiltin("dti-so-nganh-mau")!.definition);
  if (!parsed.ok) throw new Error("invalid");
  const units = [
    { code: "SXD", name: "Sở Xây dựng", category: "co-dvc" },
    { code: "VP", name: "Văn phòng UBND tỉnh", category: "khong-dvc" },
  ];
  const template = await makeTemplate(parsed.model, units, { lang: "en" });
  const blank = (await open(template)).getWorksheet("Sở Xây dựng")!;
  expect(blank.headerFooter.oddHeader).not.toContain("Period");
  const typed = await edit(template, (wb) => {
    for (const u of units) {
      const ws = wb.getWorksheet(u.name)!;
      expect(ws.getCell("A5").value).toBe("Period");
      ws.getCell("B5").value = "2025";
    }
  });
  const host = await XlsxHost.fromBuffer(typed, "phieu.xlsx");
  await runScoring(host, { definition: findBuiltin("dti-so-nganh-mau")!.definition, lang: "vi", projectVersion: "0.1.0", now: new Date("2025-06-08T00:00:00Z") });
  const scored = await open(await host.toBuffer());
  for (const u of units) {
    const header = scored.getWorksheet(u.name)!.headerFooter.oddHeader;
    expect([u.name, header]).toEqual([u.name, expect.stringMatching(/^&C.+ — Period: 2025$/)]);
    expect(header).toBe(`${blank.headerFooter.oddHeader} — Period: 2025`);
  }
});
