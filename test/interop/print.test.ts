/**
 * A scored workbook as LibreOffice prints it: with the 63 provinces of the provincial DTI, each
 * chart of the charts sheet prints whole on a page of its own (title, every province's name and
 * the value axis on the same page), and on the results sheet a province's name too long for its
 * column wraps onto a second line inside the column instead of being cut.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { convert } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-print-"));
const sink = { write: (_: string) => true };
const COUNT = 63;
const LONG = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn và các khu công nghiệp tỉnh";
/** Province i's name; the first has the long name and the best fractions (rank 1), the last the worst. */
const name = (i: number) => (i === 0 ? LONG : `Tỉnh số ${i + 1} (tên thử)`);

beforeAll(async () => {
  const header = ["Mã đơn vị", "Đơn vị", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
  const rows = Array.from({ length: COUNT }, (_, i) => [`T${i + 1}`, `"${name(i)}"`, ...Array.from({ length: 9 }, (_, j) => (0.95 - (i * 0.9) / COUNT - j * 0.001).toFixed(4))]);
  writeFileSync(join(dir, "tinh.csv"), [header, ...rows].map((r) => r.join(",")).join("\n") + "\n");
  const code = await main(["score", join(dir, "tinh.csv"), "--index", "dti-tinh-922-2022", "--out", join(dir, "tinh.xlsx")], { stdout: sink, stderr: sink, cwd: dir, env: {} });
  expect(code).toBe(0);
});

/** The workbook with every sheet but `sheet` hidden (LibreOffice prints no hidden sheet), written as `out`. */
async function only(file: string, sheet: string, out: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  let workbook = await zip.file("xl/workbook.xml")!.async("string");
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*\/>/g)].map((m) => m[0]);
  const at = sheets.findIndex((s) => s.includes(`name="${sheet}"`));
  expect(at).toBeGreaterThanOrEqual(0);
  for (const s of sheets) {
    const state = s.includes(`name="${sheet}"`) ? "visible" : s.includes('state="veryHidden"') ? "veryHidden" : "hidden";
    workbook = workbook.replace(s, s.replace(/\sstate="[^"]*"/, "").replace("<sheet ", `<sheet state="${state}" `));
  }
  workbook = workbook.replace(/activeTab="\d+"/, `activeTab="${at}"`).replace(/firstSheet="\d+"/, `firstSheet="${at}"`);
  zip.file("xl/workbook.xml", workbook);
  writeFileSync(join(dir, out), await zip.generateAsync({ type: "nodebuffer" }));
  return join(dir, out);
}

/** The PDF LibreOffice prints of `file`. */
function pdf(file: string): string {
  const written = convert(file, "pdf", dir);
  expect(written).toHaveLength(1);
  return join(dir, written[0]!);
}

function pageCount(file: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file]).toString("utf8"))![1]);
}

/** The text of each page, its lines joined by spaces. */
function pages(file: string): string[] {
  return Array.from({ length: pageCount(file) }, (_, p) =>
    execFileSync("pdftotext", ["-f", String(p + 1), "-l", String(p + 1), file, "-"]).toString("utf8").normalize("NFC").replace(/\s+/g, " "),
  );
}

test("63 provinces: each chart prints whole on a page of its own, its title, every province's name and its value axis together, the data after them", async () => {
  const printed = pages(pdf(await only(join(dir, "tinh.xlsx"), "Biểu đồ", "charts.xlsx")));
  const titles = ["Tổng điểm theo đơn vị", "Điểm theo nhóm chỉ số", "So sánh theo chỉ số thành phần (giá trị 0–1)"];
  // Each title on one page only: the first three, in order.
  for (const [i, title] of titles.entries()) expect(printed.flatMap((text, p) => (text.includes(title) ? [p] : []))).toEqual([i]);
  for (const p of [0, 1]) {
    const text = printed[p]!;
    // Every province named on the same page as the title, the first and the last ranked included.
    for (let i = 1; i < COUNT; i++) expect(text).toContain(name(i));
    expect(text).toContain("Ban Quản lý Khu kinh tế");
    // The value axis: its title and its end, the index's 1000 points.
    expect(` ${text} `).toContain(" Điểm ");
    expect(` ${text} `).toContain(" 1000 ");
  }
  // The radar's page holds its nine axes and its legend.
  expect(printed[2]).toContain("Nhận thức số");
  expect(printed[2]).toContain("Trung bình");
  // The data the charts read starts on the next page.
  expect(printed[3]).toMatch(/^ ?Đơn vị /);
  expect(printed[3]).toContain("Tổng điểm");
  expect(printed[3]).toContain(name(1));
});

test("the results sheet wraps a province's name too long for its column onto a second line within the column", async () => {
  const file = pdf(await only(join(dir, "tinh.xlsx"), "Kết quả", "results.xlsx"));
  const xml = execFileSync("pdftotext", ["-f", "1", "-l", "1", "-bbox", file, "-"]).toString("utf8").normalize("NFC");
  const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    text: m[5]!,
  }));
  const first = words.find((w) => w.text === "Ban")!;
  const last = words.find((w) => w.text === "tỉnh" && w.y0 > first.y0 && w.y0 < first.y0 + 30)!;
  expect(first).toBeDefined();
  expect(last).toBeDefined();
  // The name's last word on the line under its first, starting in the name's column.
  expect(last.y0 - first.y0).toBeGreaterThan(5);
  expect(Math.abs(last.x0 - first.x0)).toBeLessThan(150);
  // Every word of the name printed, none past the column: left of the province's first figure on that row.
  const figure = words.filter((w) => /^0\.\d{4}$/.test(w.text)).sort((a, b) => a.y0 - b.y0)[0]!;
  const nameWords = words.filter((w) => w.y0 >= first.y0 - 2 && w.y0 <= last.y0 + 2 && w.x0 >= first.x0 - 1 && w.x1 < figure.x0);
  expect(nameWords.map((w) => w.text).join(" ")).toBe(LONG);
});
