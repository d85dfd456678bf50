/**
 * A form's printed header names the period the form states, written again at each scoring: words
 * a person added after the period in that header ("Kỳ đánh giá: Năm 2024 (số liệu đến 30/9)") stay
 * after the new period, only the period itself replaced, in Vietnamese and in English, the
 * instructions sheet's header too; scored again, they are not doubled. As the files are written
 * and read back.
 */
import { parseDefinition } from "../../core/definition";
import { runScoring } from "../../core/pipeline";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";
import { edit, open, scoreAgain, scoredDemo } from "./test-workbooks";

jest.setTimeout(120_000);

const INDEX = "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh)";
const INDEX_EN = "Sample — DTI for provincial departments (adapt to your province's decision)";
type Book = Awaited<ReturnType<typeof open>>;

/** The demo's forms: the sheets with a `Kỳ đánh giá` label in A5. */
function forms(wb: Book) {
  return wb.worksheets.filter((ws) => ws.getCell("A5").value === "Kỳ đánh giá");
}

function headers(wb: Book): Record<string, string | undefined> {
  return Object.fromEntries(wb.worksheets.map((ws) => [ws.name, ws.headerFooter?.oddHeader]));
}

test("words after the period in a form's header, and in the instructions', stay after the new period when the forms state another; scored again, not doubled", async () => {
  const demo = await scoredDemo();
  const next = await edit(demo, (wb) => {
    for (const ws of forms(wb)) ws.getCell("B5").value = "Năm 2025";
    wb.getWorksheet("Sở Xây dựng")!.headerFooter.oddHeader = `&C${INDEX} — Kỳ đánh giá: Năm 2024 (số liệu đến 30/9)`;
    wb.getWorksheet("Sở Tài chính")!.headerFooter.oddHeader = `&C${INDEX} — Kỳ đánh giá: Năm 2024, số liệu sơ bộ`;
    // A period of another shape, with a dash inside it: all of it is the period.
    wb.getWorksheet("Sở Tư pháp")!.headerFooter.oddHeader = `&C${INDEX} — Kỳ đánh giá: 2023 - 2024 (bản đã duyệt)`;
  });
  const first = await scoreAgain(next);
  const scored = headers(await open(first.out));
  expect(scored["Sở Xây dựng"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)`);
  expect(scored["Sở Tài chính"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025, số liệu sơ bộ`);
  expect(scored["Sở Tư pháp"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025 (bản đã duyệt)`);
  expect(scored["Sở Nội vụ"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025`);

  // The instructions' header with words after the period; scored again, the forms' words once.
  const again = await scoreAgain(
    await edit(first.out, (wb) => {
      wb.getWorksheet("Hướng dẫn")!.headerFooter.oddHeader = `&C${INDEX} — Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)`;
    }),
  );
  const twice = headers(await open(again.out));
  expect(twice["Sở Xây dựng"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)`);
  expect(twice["Sở Tài chính"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025, số liệu sơ bộ`);
  expect(twice["Hướng dẫn"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)`);

  // The year after: each period replaced, the words kept.
  const later = await scoreAgain(
    await edit(again.out, (wb) => {
      for (const ws of forms(wb)) ws.getCell("B5").value = "Năm 2026";
    }),
  );
  const third = headers(await open(later.out));
  expect(third["Sở Xây dựng"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2026 (số liệu đến 30/9)`);
  expect(third["Hướng dẫn"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2026 (số liệu đến 30/9)`);
  expect(third["Sở Nội vụ"]).toBe(`&C${INDEX} — Kỳ đánh giá: Năm 2026`);
});

test("an English form's header keeps the words after its period; a header whose period is emptied loses them with it", async () => {
  const parsed = parseDefinition(findBuiltin("dti-so-nganh-mau")!.definition);
  if (!parsed.ok) throw new Error("invalid");
  const units = [
    { code: "SXD", name: "Sở Xây dựng", category: "co-dvc" },
    { code: "VP", name: "Văn phòng UBND tỉnh", category: "khong-dvc" },
  ];
  const template = await makeTemplate(parsed.model, units, { lang: "en", period: "2024" });
  expect((await open(template)).getWorksheet("Sở Xây dựng")!.headerFooter.oddHeader).toBe(`&C${INDEX_EN} — Period: 2024`);
  const typed = await edit(template, (wb) => {
    for (const u of units) {
      const ws = wb.getWorksheet(u.name)!;
      expect(ws.getCell("A5").value).toBe("Period");
      ws.headerFooter.oddHeader = `&C${INDEX_EN} — Period: 2024 (data to 30 September)`;
      ws.getCell("B5").value = u.code === "SXD" ? "2025" : null;
    }
  });
  const host = await XlsxHost.fromBuffer(typed, "forms.xlsx");
  await runScoring(host, { definition: findBuiltin("dti-so-nganh-mau")!.definition, lang: "en", projectVersion: "0.1.0", now: new Date("2025-06-08T00:00:00Z") });
  const scored = headers(await open(await host.toBuffer()));
  expect(scored["Sở Xây dựng"]).toBe(`&C${INDEX_EN} — Period: 2025 (data to 30 September)`);
  // No period stated any more: the header names the index alone, the words went with the period.
  expect(scored["Văn phòng UBND tỉnh"]).toBe(`&C${INDEX_EN}`);
});
