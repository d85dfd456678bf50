/**
 * A scored workbook as LibreOffice prints it: with the 63 provinces of the provincial DTI, each
 * chart of the charts sheet prints whole on a page of its own (title, every province's name and
 * the value axis on the same page), and on the results sheet a province's name too long for its
 * column wraps onto a second line inside the column instead of being cut. The demo's results,
 * several pages wide, show their title, stamp and the line on the form not scored whole on every
 * page, each page the unit's category with its rank, code and name (the demo ranks within
 * categories), and whole groups: a group's value, points and rank are never printed apart.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
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
  // LibreOffice prints a hidden sheet that has a print area (the charts sheet's): only this sheet's stays.
  workbook = workbook.replace(/<definedName\b[^>]*name="_xlnm\.Print_Area"[^>]*localSheetId="(\d+)"[^>]*>[^<]*<\/definedName>/g, (m, id: string) => (Number(id) === at ? m : ""));
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

test("63 provinces: each chart prints whole on a page of its own, its title, every province's name and its value axis together, and nothing else", async () => {
  const printed = pages(pdf(await only(join(dir, "tinh.xlsx"), "Biểu đồ", "charts.xlsx")));
  const titles = ["Tổng điểm theo tỉnh", "Điểm theo nhóm chỉ số", "So sánh theo chỉ số (giá trị 0–1)"];
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
  // The sheet's print area is its charts: the data under them, with its heading, is not printed.
  expect(printed).toHaveLength(3);
  expect(printed.join(" ")).not.toContain("Số liệu của các biểu đồ");
});

/** The words LibreOffice printed on page `page` (1-based) of `file`, where they are. */
function wordsOn(file: string, page: number): { x0: number; y0: number; x1: number; y1: number; text: string }[] {
  const xml = execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-bbox", file, "-"]).toString("utf8").normalize("NFC");
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]),
    y0: Number(m[2]),
    x1: Number(m[3]),
    y1: Number(m[4]),
    text: m[5]!.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;|&#39;/g, "'"),
  }));
}

test("the results sheet wraps a province's name too long for its column onto a second line within the column", async () => {
  const file = pdf(await only(join(dir, "tinh.xlsx"), "Kết quả", "results.xlsx"));
  const words = wordsOn(file, 1);
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

/** The manual page breaks before columns of sheet `name` of `file` (the `id`s of its <colBreaks>: the last column of each page before one, 1-based). */
async function columnBreaks(file: string, name: string): Promise<number[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
  const xml = await zip.file(`xl/${target.replace(/^\/?xl\//, "")}`)!.async("string");
  return [...(/<colBreaks\b[^>]*>([\s\S]*?)<\/colBreaks>/.exec(xml)?.[1] ?? "").matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
}

/**
 * The words the first unit's row (its code `code`) prints on each page of `pdfFile` after the
 * columns every page repeats (the last word of the last of them: `nameEnd`, its name's or its
 * category's; `first`, the first column after them), and what the cells of the columns between
 * two of the sheet's column breaks show (as their number formats show them): equal when each page
 * prints the columns from one break to the next, and only those, whole.
 */
async function rowByPage(xlsxFile: string, sheet: string, pdfFile: string, code: string, nameEnd: string, first = 4) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxFile);
  const ws = wb.getWorksheet(sheet)!;
  const shown = (c: ExcelJS.Cell): string => {
    const v = c.value;
    if (v === null || v === undefined) return "";
    if (typeof v !== "number") return String(v).normalize("NFC");
    const format = c.numFmt ?? "0";
    const decimals = /\.(0+)/.exec(format)?.[1]?.length ?? 0;
    return format.endsWith("%") ? `${(v * 100).toFixed(decimals)}%` : v.toFixed(decimals);
  };
  let row = 0;
  ws.eachRow((r, i) => {
    if (r.getCell(2).value === code) row = i;
  });
  const starts = [first, ...(await columnBreaks(xlsxFile, sheet)).map((id) => id + 1)];
  const last = ws.getRow(3).cellCount;
  return Array.from({ length: pageCount(pdfFile) }, (_, p) => {
    const words = wordsOn(pdfFile, p + 1);
    const first = words.find((w) => w.text === code)!;
    const line = words.filter((w) => Math.abs(w.y0 - first.y0) < 2).sort((a, b) => a.x0 - b.x0).map((w) => w.text);
    const cells: string[] = [];
    for (let c = starts[p] ?? last + 1; c < (starts[p + 1] ?? last + 1); c++) cells.push(...shown(ws.getRow(row).getCell(c)).split(/\s+/).filter((w) => w !== ""));
    return { page: p + 1, printed: line.slice(line.indexOf(nameEnd) + 1), cells };
  });
}

test("the demo's results, several pages wide: every page shows the title, the stamp and the line on the form not scored whole, within the rank, code, name and category, and whole groups", async () => {
  const out = join(dir, "demo");
  expect(await main(["demo", "--out", out], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(out, "ket-qua.xlsx"));
  const ws = wb.getWorksheet("Kết quả")!;
  // The stamp is a formula (it says when figures change after scoring): its result.
  const text = (a: string) => String(ws.getCell(a).result ?? ws.getCell(a).value).normalize("NFC");
  const title = text("A1");
  expect(title).toBe("Kết quả đánh giá, xếp hạng: Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh) (mau-2023) — Kỳ đánh giá: Năm 2024");
  // 20 units on rows 4–23, an empty row, then the heading and the form's line; an empty row, and
  // the line that says points are shown rounded (some units' group points do not add up as shown).
  expect(text("A25")).toBe("1 phiếu chưa được chấm:");
  expect(text("A28")).toMatch(/^Điểm được làm tròn khi hiển thị; /);
  const file = pdf(await only(join(out, "ket-qua.xlsx"), "Kết quả", "demo-results.xlsx"));
  // Four pages, each with the unit's category (it ranks within categories, "Hạng trong loại"): three
  // groups a page, then the totals, then the coverage, the counts of issues and the note (breaks
  // before N, W and Z: the pages end at M, V and Y). The unit's name column is narrowed for it, its
  // longest names wrapped over two lines; the rows still print on one page down.
  expect(await columnBreaks(join(out, "ket-qua.xlsx"), "Kết quả")).toEqual([13, 22, 25]);
  expect(pageCount(file)).toBe(4);
  // Each page prints its columns whole and no others: no reader's own break inside a group. The
  // first unit's category ("Sở, ban, ngành có dịch vụ công") ends the columns every page repeats.
  for (const { page, printed, cells } of await rowByPage(join(out, "ket-qua.xlsx"), "Kết quả", file, "SLDTBXH", "công", 5)) expect([page, printed]).toEqual([page, cells]);
  for (const page of [1, 2, 3, 4]) {
    const all = wordsOn(file, page);
    // Where the rank, code, name and category end on this page: the first unit's row goes on after its category.
    const first = all.find((w) => w.text === "SLDTBXH")!;
    const row = all.filter((w) => Math.abs(w.y0 - first.y0) < 2).sort((a, b) => a.x0 - b.x0);
    expect([page, row.some((w) => w.text === "ngành")]).toEqual([page, true]);
    const edge = row[row.findIndex((w) => w.text === "công") + 1]!.x0;
    // Above the header row: down to the stamp's last line (the header row's words start below it).
    const stampEnd = all.find((w) => w.text === "lại.")!;
    const last = all.find((w) => w.text === "STNMT")!;
    // The page's header (the index and period) above the title, its footer (the sheet, the page) under the lines.
    const titleTop = all.find((w) => w.text === "Kết")!.y0;
    // The footer: the page's last line (the line not scored, above it, begins "Trang tính").
    const footerTop = Math.max(...all.filter((w) => w.y0 > last.y1 + 2 && w.text === "Trang").map((w) => w.y0));
    // The sheet's own page number (LibreOffice's count of pages would be the whole printout's).
    expect([page, all.filter((w) => Math.abs(w.y0 - footerTop) < 2).map((w) => w.text).join(" ")]).toEqual([page, `Kết quả Trang ${page}`]);
    expect([page, all.filter((w) => w.y0 < titleTop - 2).map((w) => w.text).join(" ")]).toEqual([
      page,
      "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh) — Kỳ đánh giá: Năm 2024",
    ]);
    const above = all.filter((w) => w.y0 <= stampEnd.y0 + 1 && w.y0 >= titleTop - 2);
    const below = all.filter((w) => w.y0 > last.y1 + 2 && w.y0 < footerTop - 2);
    // Every word of them printed, in order, each left of the columns that follow the name.
    expect([page, above.map((w) => w.text).join(" ")]).toEqual([page, `${title} ${text("A2")}`.replace(/\s+/g, " ")]);
    // The lines under the table: what was not scored, then (A28) that points are shown rounded.
    expect([page, below.map((w) => w.text).join(" ")]).toEqual([page, `${text("A25")} ${text("A26")} ${text("A28")}`.replace(/\s+/g, " ")]);
    for (const w of [...above, ...below]) expect([page, w.text, w.x1 < edge]).toEqual([page, w.text, true]);
    // The title over three lines.
    expect(new Set(above.filter((w) => title.split(" ").includes(w.text)).map((w) => Math.round(w.y0))).size).toBeGreaterThanOrEqual(3);
  }
}, 120_000);

test("the demo's form not scored prints as wide as the others: its line in pieces within the table's width, the signatures together on one page", async () => {
  const out = join(dir, "demo-unscored");
  expect(await main(["demo", "--out", out], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(out, "ket-qua.xlsx"));
  const form = wb.worksheets.find((ws) => String(ws.getCell("D1").value).startsWith("Chưa được chấm:"))!;
  expect(form).toBeDefined();
  const file = pdf(await only(join(out, "ket-qua.xlsx"), form.name, "demo-unscored.xlsx"));
  const first = wordsOn(file, 1);
  // The table's right edge: the end of its last header ("Điểm", right of "Điểm tối đa").
  const header = first.filter((w) => w.text === "Điểm").sort((a, b) => b.x1 - a.x1)[0]!;
  const lineTop = first.find((w) => w.text === "Chưa")!;
  const lineEnd = first.find((w) => w.text === "vị." && w.y0 >= lineTop.y0 - 1)!;
  const line = first.filter((w) => w.y0 >= lineTop.y0 - 1 && w.y0 <= lineEnd.y0 + 1 && w.x0 >= lineTop.x0 - 1);
  // In pieces, one under the other.
  expect(lineEnd.y0 - lineTop.y0).toBeGreaterThan(5);
  expect(line.map((w) => w.text).join(" ")).toMatch(/^Chưa được chấm: .*hãy sửa mã đơn vị\.$/);
  for (const w of line) expect([w.text, w.x1 <= header.x1 + 1]).toEqual([w.text, true]);
  // Printed at the scale of the other forms: its table as wide as a scored form's.
  const scored = wb.worksheets.find((ws) => ws.getCell("D1").value === "Tổng điểm")!;
  const other = wordsOn(pdf(await only(join(out, "ket-qua.xlsx"), scored.name, "demo-scored.xlsx")), 1);
  const otherHeader = other.filter((w) => w.text === "Điểm").sort((a, b) => b.x1 - a.x1)[0]!;
  expect(Math.abs(header.x1 - otherHeader.x1)).toBeLessThan(5);
  // The signature block whole on one page.
  const signed = pages(file).filter((text) => text.includes("NGƯỜI LẬP BIỂU"));
  expect(signed).toHaveLength(1);
  expect(signed[0]).toContain("THỦ TRƯỞNG ĐƠN VỊ");
  expect(signed[0]).toContain("(Ký, ghi rõ họ tên)");
}, 120_000);

test("the demo's results in English, several pages wide: each page whole groups and the unit's category, the coverage, counts and note together on the last", async () => {
  const out = join(dir, "demo-en");
  expect(await main(["demo", "--out", out, "--lang", "en"], { stdout: sink, stderr: sink, cwd: dir, env: {} })).toBe(0);
  const file = pdf(await only(join(out, "results.xlsx"), "Results", "demo-results-en.xlsx"));
  const breaks = await columnBreaks(join(out, "results.xlsx"), "Results");
  expect(breaks.length).toBeGreaterThanOrEqual(2);
  expect(pageCount(file)).toBe(breaks.length + 1);
  // The first unit's category ("Departments with public services") ends the columns every page repeats.
  const pages = await rowByPage(join(out, "results.xlsx"), "Results", file, "SLDTBXH", "services", 5);
  for (const { page, printed, cells } of pages) expect([page, printed]).toEqual([page, cells]);
  // The last page starts with the coverage, with the counts of issues and the note; the total points on a page before it.
  expect(pages[pages.length - 1]!.cells[0]).toBe("100%");
  expect(pages.slice(0, -1).some((p) => p.cells.includes("192.94"))).toBe(true);
}, 120_000);

test("the forms of a template printed together: each page names its form's sheet (its unit) and its page number within that form, from 1, at its foot", async () => {
  const units = join(dir, "don-vi.csv");
  writeFileSync(units, "Mã đơn vị,Đơn vị,Nhóm\nSXD,Sở Xây dựng,co-dvc\nSTP,Sở Tư pháp,co-dvc\n");
  const out = join(dir, "phieu.xlsx");
  expect(await main(["template", "--index", "dti-so-nganh-mau", "--units", units, "--period", "Năm 2025", "--out", out], { stdout: sink, stderr: sink, cwd: dir, env: {} })).toBe(0);
  // The instructions sheet on page 1, each form on the two pages after it: LibreOffice prints the whole workbook.
  const file = pdf(out);
  expect(pageCount(file)).toBe(5);
  /** The words of a page's top line and bottom line (its header and its footer), in reading order. */
  const edges = (page: number) => {
    const words = wordsOn(file, page);
    const line = (y: number) => words.filter((w) => Math.abs(w.y0 - y) < 2).sort((a, b) => a.x0 - b.x0).map((w) => w.text).join(" ");
    return { header: line(Math.min(...words.map((w) => w.y0))), footer: line(Math.max(...words.map((w) => w.y0))) };
  };
  const header = "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành (điều chỉnh theo quyết định của tỉnh) — Kỳ đánh giá: Năm 2025";
  const footers = ["Hướng dẫn Trang 1", "Sở Xây dựng Trang 1", "Sở Xây dựng Trang 2", "Sở Tư pháp Trang 1", "Sở Tư pháp Trang 2"];
  footers.forEach((footer, i) => expect([i + 1, edges(i + 1)]).toEqual([i + 1, { header, footer }]));
}, 120_000);
