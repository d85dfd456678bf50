/**
 * The `Điểm` column of a form renamed by the user between two runs, in Excel: the add-in reads
 * only the first rows of a column it does not need, yet it still says that the old column keeps
 * the last run's scores, naming the sheet, the cell and the new header, and writes a new `Điểm`.
 */
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { layoutAWorkbook } from "./fixtures";

test("a form's Điểm header renamed: the scores go to a new Điểm column and the run says the old one holds the last run's", async () => {
  const { double, definition } = await layoutAWorkbook(3);
  double.install();
  const run = async (day: number) => {
    const host = new ExcelHost();
    await runScoring(host, { definition, lang: "vi", projectVersion: "test", now: new Date(Date.UTC(2026, 0, day)) });
    return host.lastApply?.warnings ?? [];
  };
  await run(10);
  const sheet = "Đơn vị số 2";
  let header: { row: number; col: number } | undefined;
  for (const [k, c] of double.sheet(sheet).cells) if (c.v === "Điểm") header = { row: Math.floor(k / 16384), col: k % 16384 };
  const old = `${String.fromCharCode(65 + header!.col)}${header!.row + 1}`;
  const next = `${String.fromCharCode(66 + header!.col)}${header!.row + 1}`;
  double.setCells(sheet, old, [["Điểm HĐ chấm"]]);

  const warnings = await run(11);
  expect(double.sheet(sheet).get(header!.row, header!.col + 1)?.v).toBe("Điểm");
  const said = warnings.filter((w) => w.vi.includes("tiêu đề cột Điểm"));
  expect(said.map((w) => w.vi)).toEqual([
    `Trang '${sheet}': tiêu đề cột Điểm ở ô ${old} đã được đổi thành "Điểm HĐ chấm", nên điểm của lần chấm này được ghi vào cột ${next.replace(/\d+$/, "")} (tiêu đề ở ô ${next}); cột ${old.replace(/\d+$/, "")} vẫn giữ điểm của lần chấm trước, không phải điểm hiện hành. Hãy xóa cột ${old.replace(/\d+$/, "")}, hoặc đặt lại tiêu đề "Điểm" cho ô ${old} và xóa cột ${next.replace(/\d+$/, "")}, rồi chấm lại.`,
  ]);
  // Said once: the next run writes in the new column and has nothing more to say.
  expect((await run(12)).filter((w) => w.vi.includes("tiêu đề cột Điểm"))).toEqual([]);
}, 120_000);
