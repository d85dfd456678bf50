/**
 * A table of units whose inputs' columns name a year ("le_2021", as UNDP publishes its time
 * series) says that year where a form's `Kỳ đánh giá` would be said: after the results sheet's
 * title, at the top of every printed page, in the charts' titles, so that workbooks scored from
 * two years' tables are told apart. A table headed with the codes alone names no period.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-table-year-"));
const ROWS = ["VNM,Việt Nam,73.6,13.0,8.4,10814", "THA,Thái Lan,78.7,15.5,8.7,17030", "LAO,Lào,68.1,10.5,5.6,7700"];

async function scored(header: string, lang: "vi" | "en"): Promise<{ title: unknown; pageHeader: string | undefined; charts: string }> {
  const name = `t-${lang}-${header.length}`;
  writeFileSync(join(dir, `${name}.csv`), [header, ...ROWS].join("\n"));
  const run = await runCli(["score", `${name}.csv`, "--index", "undp-hdi", "--out", `${name}.xlsx`, "--lang", lang], dir);
  expect(run.err).toBe("");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, `${name}.xlsx`));
  const results = wb.getWorksheet(lang === "vi" ? "Kết quả" : "Results")!;
  const zip = await JSZip.loadAsync(readFileSync(join(dir, `${name}.xlsx`)));
  const charts = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
  return { title: results.getCell("A1").value, pageHeader: results.headerFooter.oddHeader, charts: charts.join("\n") };
}

test("columns named with the year 2021: the title, the printed pages and the charts say 'Kỳ đánh giá: 2021' / 'Period: 2021'", async () => {
  const vi = await scored("iso3,country,le_2021,eys_2021,mys_2021,gnipc_2021", "vi");
  expect(vi.title).toBe("Kết quả đánh giá, xếp hạng: Chỉ số phát triển con người (HDI) của UNDP (HDR 2023/2024) — Kỳ đánh giá: 2021");
  expect(vi.pageHeader).toBe("&CChỉ số phát triển con người (HDI) của UNDP — Kỳ đánh giá: 2021");
  expect(vi.charts).toContain("2021");
  const en = await scored("iso3,country,le_2021,eys_2021,mys_2021,gnipc_2021", "en");
  expect(en.title).toBe("Scores and ranks: UNDP Human Development Index (HDI) (HDR 2023/2024) — Period: 2021");
});

test("columns named with the codes alone: no period is said", async () => {
  const plain = await scored("iso3,country,le,eys,mys,gnipc", "vi");
  expect(plain.title).toBe("Kết quả đánh giá, xếp hạng: Chỉ số phát triển con người (HDI) của UNDP (HDR 2023/2024)");
  expect(plain.charts).not.toContain("Kỳ đánh giá");
  expect(plain.charts).not.toContain("2021");
});
