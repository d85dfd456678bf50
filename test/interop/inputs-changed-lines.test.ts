/**
 * A scored workbook says on its own, where a reader looks, that figures were changed after
 * scoring: the results sheet's subtitle (A2, on the first screen and the first printed page)
 * turns into a red warning naming how many units changed, and the changed unit's form says under
 * its summary that its points and rank are out of date. LibreOffice computes them from the copy
 * of the figures kept in `_index`; unchanged, the subtitle shows and the forms say nothing, also
 * in a reader that does not calculate (LibreOffice as it opens .xlsx files by default).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { parseCsv } from "../../src/core/read";
import JSZip from "jszip";
import { CSV_ALL_SHEETS, XLSX, convert, convertCalculated } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-lines-"));
const sink = { write: (_: string) => true };

/** The unit whose first figure the test changes: its form's sheet and its name. */
let changed: { sheet: string; unit: string };

beforeAll(async () => {
  const code = await main(["demo", "--out", dir], { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } });
  expect(code).toBe(0);
  // One figure changed outside DTI Scorer: the first figure of the first form.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, "ket-qua.xlsx")) as unknown as ArrayBuffer);
  for (const ws of wb.worksheets) {
    if (changed || ws.state !== "visible") continue;
    let valueCol = 0;
    let headerRow = 0;
    ws.eachRow((row, r) => {
      if (headerRow) return;
      row.eachCell((cell, c) => {
        if (String(cell.value).trim() === "Số liệu") {
          valueCol = c;
          headerRow = r;
        }
      });
    });
    if (!valueCol) continue;
    let unit = "";
    ws.eachRow((row) => {
      if (String(row.getCell(1).value).trim() === "Đơn vị" && !unit) unit = String(row.getCell(2).value);
    });
    for (let r = headerRow + 1; r <= ws.rowCount && !changed; r++) {
      const cell = ws.getCell(r, valueCol);
      if (typeof cell.value === "number") {
        cell.value = cell.value + 7;
        changed = { sheet: ws.name, unit };
      }
    }
  }
  expect(changed).toBeDefined();
  writeFileSync(join(dir, "sua.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
});

interface Read {
  /** The results sheet's first two rows. */
  top: string[][];
  /** `_index`'s flags, one a unit. */
  flags: string[];
  /** Each form by its unit's name: what the cell under its summary shows. */
  lines: Map<string, string>;
  /** The charts sheet's status line (A1, above its charts). */
  chartsLine: string;
}

/** Every sheet as LibreOffice shows it, converted to CSV by `how`. */
function read(file: string, out: string, how: typeof convert, filter = CSV_ALL_SHEETS): Read {
  const written = how(join(dir, file), filter, join(dir, out));
  const rows = (name: string) => parseCsv(readFileSync(join(dir, out, name))).rows;
  const results = written.find((f) => f.normalize("NFC").endsWith("-Kết quả.csv"));
  const index = written.find((f) => f.endsWith("-_index.csv"));
  const charts = written.find((f) => f.normalize("NFC").endsWith("-Biểu đồ.csv"));
  expect(results).toBeDefined();
  expect(index).toBeDefined();
  expect(charts).toBeDefined();
  const lines = new Map<string, string>();
  for (const f of written) {
    if (f === results || f === index || f === charts) continue;
    const grid = rows(f);
    // A form: its summary's first label, then its rank labels, then the line.
    for (let r = 0; r < Math.min(grid.length, 10); r++) {
      const c = grid[r]!.findIndex((v) => v === "Tổng điểm");
      if (c < 0) continue;
      let below = r + 1;
      while (["Hạng", "Hạng trong loại"].includes(grid[below]?.[c] ?? "")) below++;
      const unit = grid.find((line) => line[0] === "Đơn vị")?.[1];
      if (unit) lines.set(unit.normalize("NFC"), grid[below]?.[c] ?? "");
      break;
    }
  }
  return { top: rows(results!).slice(0, 2), flags: rows(index!).filter((r) => r[0] === "inputs").map((r) => r[2]!), lines, chartsLine: rows(charts!)[0]?.[0] ?? "" };
}

const SUBTITLE = /^Chấm điểm ngày \d\d\/\d\d\/\d{4} bằng DTI Scorer .*; 20 sở, ban, ngành.*\. Chương trình ghi lại bảng này \(cả số liệu lẫn định dạng\) ở mỗi lần tính: đừng sửa số liệu hay định dạng trong bảng; cột và ghi chú bạn thêm được giữ lại\.$/;
const STALE = /^Số liệu của (\d+) sở, ban, ngành đã được sửa sau lần chấm ngày \d\d\/\d\d\/\d{4}: điểm, hạng và biểu đồ trong sổ này đã cũ\. Hãy chấm điểm lại bằng DTI Scorer\.$/;
const FORM_STALE = /^Số liệu đã sửa sau lần chấm ngày \d\d\/\d\d\/\d{4}: điểm và hạng này đã cũ\. Hãy chấm điểm lại\.$/;
/** Another unit's figures changed: the demo's index compares units (a `relative` rule), so this unit's points may be out of date too. */
const OTHERS_STALE = /^Số liệu của sở, ban, ngành khác đã sửa sau lần chấm ngày \d\d\/\d\d\/\d{4}: điểm và hạng này có thể đã cũ\. Hãy chấm điểm lại\.$/;

function expectUnchanged({ top, lines, chartsLine }: Read): void {
  // Above the charts, nothing.
  expect(chartsLine).toBe("");
  // The title's row holds the title alone; the subtitle is where it always is.
  expect(top[0]!.filter((c) => c.trim() !== "")).toHaveLength(1);
  expect(top[1]![0]).toMatch(SUBTITLE);
  expect(lines.size).toBe(20);
  expect([...lines.values()].every((v) => v === "")).toBe(true);
}

test("as written, in a reader that does not calculate: the subtitle in A2, and nothing under the forms' summaries", () => {
  expectUnchanged(read("ket-qua.xlsx", "as-written", convert));
});

test("calculated, nothing changed: the subtitle in A2, every flag 0, nothing under the forms' summaries", () => {
  const seen = read("ket-qua.xlsx", "calculated", convertCalculated);
  expect(seen.flags.length).toBe(20);
  expect(seen.flags.every((f) => f === "0")).toBe(true);
  expectUnchanged(seen);
});

test("one figure changed outside DTI Scorer, calculated: A2, and A1 of the charts sheet, say that 1 unit's figures changed, that unit's form says its points and rank are out of date, every other form that its points and rank may be", () => {
  const { top, flags, lines, chartsLine } = read("sua.xlsx", "changed", convertCalculated);
  expect(flags.filter((f) => f !== "0")).toEqual(["1"]);
  expect(top[0]!.filter((c) => c.trim() !== "")).toHaveLength(1);
  expect(top[1]![0]).toMatch(STALE);
  expect(STALE.exec(top[1]![0]!)![1]).toBe("1");
  // The charts sheet says the same above its charts.
  expect(chartsLine).toBe(top[1]![0]);
  expect(lines.get(changed.unit.normalize("NFC"))).toMatch(FORM_STALE);
  const others = [...lines].filter(([u]) => u !== changed.unit.normalize("NFC"));
  expect(others).toHaveLength(19);
  for (const [, line] of others) expect(line).toMatch(OTHERS_STALE);
});

test("saved as .ods by LibreOffice and opened again: nothing under the forms' summaries (no \"0\" for the lines' empty text)", () => {
  // LibreOffice saves a formula's empty text to .ods without a value type and reads it back as 0.
  const [ods] = convert(join(dir, "ket-qua.xlsx"), "ods", join(dir, "ods"));
  expect(ods).toBeDefined();
  // Each cell as LibreOffice shows it (its number format applied), not its value.
  const { lines } = read(join("ods", ods!), "ods-csv", convert, CSV_ALL_SHEETS.replace(/,false,true,false,/, ",false,true,true,"));
  expect(lines.size).toBe(20);
  expect([...lines.values()].filter((v) => v !== "")).toEqual([]);
});

/** Strongly red pixels of a page of a PDF, rendered at 100 dpi (the red of C00000 or FF0000; not the colour scale's F8696B). */
function redPixels(pdf: string, page: number): number {
  const ppm = execFileSync("pdftoppm", ["-r", "100", "-f", String(page), "-l", String(page), pdf], { maxBuffer: 256 * 1024 * 1024 });
  // P6: a header of three lines (magic, size, maximum), then RGB bytes.
  let at = 0;
  for (let lines = 0; lines < 3; at++) if (ppm[at] === 0x0a) lines++;
  let red = 0;
  for (let i = at; i + 2 < ppm.length; i += 3) if (ppm[i]! > 150 && ppm[i + 1]! < 80 && ppm[i + 2]! < 80) red++;
  return red;
}

function pageWith(pdf: string, text: RegExp, pages: number): number | undefined {
  for (let p = 1; p <= pages; p++) {
    if (text.test(execFileSync("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"]).toString("utf8"))) return p;
  }
  return undefined;
}

test("printed, calculated: the warning is on the first page in red, the changed form's line in red, and the warning on the charts sheet's first page in red; unchanged, nothing is red", () => {
  const pdfOf = (file: string, out: string) => {
    const written = convertCalculated(join(dir, file), "pdf", join(dir, out));
    expect(written).toHaveLength(1);
    return join(dir, out, written[0]!);
  };
  const before = pdfOf("ket-qua.xlsx", "pdf-as-is");
  const after = pdfOf("sua.xlsx", "pdf-changed");
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [after]).toString("utf8"))![1]);
  // The results sheet prints first: its first page says it, whole, in red.
  // (Its lines as the cell wraps them, joined.)
  const first = execFileSync("pdftotext", ["-f", "1", "-l", "1", after, "-"]).toString("utf8").replace(/\s+/g, " ");
  expect(first).toContain("Số liệu của 1 sở, ban, ngành đã được sửa sau lần chấm ngày");
  expect(first).toContain("Hãy chấm điểm lại bằng DTI Scorer.");
  expect(redPixels(after, 1)).toBeGreaterThan(200);
  expect(redPixels(before, 1)).toBe(0);
  // The changed unit's form: its line, in red, on its page; the same page unchanged has no red.
  const form = pageWith(after, /Số liệu đã sửa sau lần chấm ngày/, pages);
  expect(form).toBeDefined();
  expect(redPixels(after, form!)).toBeGreaterThan(50);
  expect(redPixels(before, form!)).toBe(0);
  // The charts sheet's first page (its footer: "Biểu đồ", "Trang 1") says it too, above the first chart, in red; unchanged, it has no red.
  // (sua.xlsx went through ExcelJS, which drops the charts: the line alone shows there.)
  const chartsPage = (pdf: string) => pageWith(pdf, /Biểu đồ\s+Trang 1\b/, Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString("utf8"))![1]));
  const changedCharts = chartsPage(after);
  expect(changedCharts).toBeDefined();
  expect(execFileSync("pdftotext", ["-f", String(changedCharts), "-l", String(changedCharts), after, "-"]).toString("utf8").replace(/\s+/g, " ")).toContain(
    "Số liệu của 1 sở, ban, ngành đã được sửa sau lần chấm ngày",
  );
  expect(redPixels(after, changedCharts!)).toBeGreaterThan(200);
  const unchangedCharts = chartsPage(before);
  expect(unchangedCharts).toBeDefined();
  expect(execFileSync("pdftotext", ["-f", String(unchangedCharts), "-l", String(unchangedCharts), before, "-"]).toString("utf8")).not.toContain("Số liệu của 1");
  expect(redPixels(before, unchangedCharts!)).toBe(0);
});

test("saved by LibreOffice (which writes `_index!` without quotes), then scored again: every form's summary and its line stay where they were, one of each", async () => {
  const saved = join(dir, "lo");
  const [name] = convert(join(dir, "ket-qua.xlsx"), XLSX, saved);
  expect(name).toBeDefined();
  const bytes = readFileSync(join(saved, name!));
  // LibreOffice did write the lines' formulas without quoting the sheet's name.
  const zip = await JSZip.loadAsync(bytes);
  const sheetXml = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
  expect(sheetXml.some((x) => /COUNTIFS\(_index!/.test(x))).toBe(true);

  const code = await main(["score", join(saved, name!), "--out", join(dir, "lo-lai.xlsx")], { stdout: sink, stderr: sink, cwd: dir, env: {} });
  expect(code).toBe(1);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, "lo-lai.xlsx")) as unknown as ArrayBuffer);
  let forms = 0;
  for (const ws of wb.worksheets) {
    if (ws.state !== "visible" || String(ws.getCell("A1").value).trim() !== "Đơn vị") continue;
    const top = [1, 2, 3, 4].flatMap((r) => ["D", "E", "F", "G"].map((c) => ws.getCell(`${c}${r}`)));
    // The demo's form left unscored (its unit code is another form's) has no summary at all; the 20 scored ones have one.
    if (!top.some((c) => c.value === "Tổng điểm")) continue;
    forms++;
    // The summary in D1:E3 as the first run wrote it, its line in D4, and nothing of it moved to F.
    expect([ws.getCell("D1").value, ws.getCell("F1").value]).toEqual(["Tổng điểm", null]);
    const lineFormulas = [...Array(8).keys()].flatMap((r) => ["D", "E", "F", "G"].map((c) => ws.getCell(`${c}${r + 1}`))).filter((c) => c.formula !== undefined && /_index/.test(c.formula));
    expect(lineFormulas.map((c) => c.address)).toEqual(["D4"]);
  }
  expect(forms).toBe(20);
}, 300_000);

test("a title typed in A1 of the charts sheet of a workbook LibreOffice saved, scored again, then a figure changed: printed, calculated, the title shows in black, never as the red warning", async () => {
  const TITLE = "Báo cáo quý IV — bản của tôi";
  const load = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    return wb;
  };
  const typed = await load(join(dir, "ket-qua.xlsx"));
  typed.getWorksheet("Biểu đồ")!.getCell("A1").value = TITLE;
  writeFileSync(join(dir, "tieu-de.xlsx"), new Uint8Array(await typed.xlsx.writeBuffer()));
  // Saved by LibreOffice, which keeps the project's rule on A1 (its formula without the quotes).
  const saved = join(dir, "lo-title");
  const [name] = convert(join(dir, "tieu-de.xlsx"), XLSX, saved);
  expect(name).toBeDefined();
  const code = await main(["score", join(saved, name!), "--out", join(dir, "tieu-de-lai.xlsx")], { stdout: sink, stderr: sink, cwd: dir, env: {} });
  expect(code).toBe(1);
  // A figure changed after that run, as the first test's (ExcelJS drops the charts: the title alone shows on the page).
  const wb = await load(join(dir, "tieu-de-lai.xlsx"));
  const ws = wb.getWorksheet(changed.sheet)!;
  let done = false;
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (!done && String(cell.value).trim() === "Số liệu") {
        for (let r = Number(row.number) + 1; r <= ws.rowCount && !done; r++) {
          const c = ws.getCell(r, Number(cell.col));
          if (typeof c.value === "number") {
            c.value = c.value + 7;
            done = true;
          }
        }
      }
    }),
  );
  expect(done).toBe(true);
  writeFileSync(join(dir, "tieu-de-sua.xlsx"), new Uint8Array(await wb.xlsx.writeBuffer()));
  const written = convertCalculated(join(dir, "tieu-de-sua.xlsx"), "pdf", join(dir, "pdf-title"));
  expect(written).toHaveLength(1);
  const pdf = join(dir, "pdf-title", written[0]!);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString("utf8"))![1]);
  // The results sheet's first page still says it in red: the figures did change.
  expect(redPixels(pdf, 1)).toBeGreaterThan(200);
  const chartsPage = pageWith(pdf, /Biểu đồ\s+Trang 1\b/, pages);
  expect(chartsPage).toBeDefined();
  const text = execFileSync("pdftotext", ["-f", String(chartsPage), "-l", String(chartsPage), pdf, "-"]).toString("utf8");
  expect(text).toContain(TITLE);
  expect(text).not.toContain("Số liệu của 1");
  expect(redPixels(pdf, chartsPage!)).toBe(0);
}, 300_000);

/**
 * The demo's scored workbook with `edit` made in it outside DTI Scorer, saved as `file`. A form is
 * found by its unit's name (B1), its table's columns by their names, a row by its code (column A).
 */
async function editedDemo(file: string, edit: (form: (unit: string) => { ws: ExcelJS.Worksheet; cell: (code: string, column: string) => ExcelJS.Cell }) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(dir, "ket-qua.xlsx")) as unknown as ArrayBuffer);
  edit((unit) => {
    const ws = wb.worksheets.find((w) => String(w.getCell("A1").value).trim() === "Đơn vị" && String(w.getCell("B1").value) === unit);
    expect([unit, ws !== undefined]).toEqual([unit, true]);
    return {
      ws: ws!,
      cell: (code, column) => {
        let row = 0;
        let col = 0;
        ws!.eachRow((line, r) => {
          line.eachCell((c, k) => {
            if (!col && String(c.value).trim() === column) col = k;
          });
          if (!row && String(line.getCell(1).value).trim() === code) row = r;
        });
        expect([code, column, row > 0 && col > 0]).toEqual([code, column, true]);
        return ws!.getCell(row, col);
      },
    };
  });
  writeFileSync(join(dir, file), new Uint8Array(await wb.xlsx.writeBuffer()));
}

test("a form's unit code, a self score (Tự chấm), evidence emptied (Minh chứng), or the unscored duplicate's code fixed, calculated: A2 says how many units changed, and the forms concerned say so", async () => {
  // Sở Tài chính's unit code made Sở Y tế's (`validate`: Sở Tài chính changed, STC gone).
  await editedDemo("ma.xlsx", (form) => {
    form("Sở Tài chính").ws.getCell("B2").value = "SYT";
  });
  // A self score typed on Sở Nội vụ's form (`validate`: Sở Nội vụ changed).
  await editedDemo("tu-cham.xlsx", (form) => {
    const cell = form("Sở Nội vụ").cell("1.1", "Tự chấm");
    expect(cell.value).toBeNull();
    cell.value = 10;
  });
  // Sở Tài chính's evidence for 2.1 emptied, and the form left unscored for Sở Y tế's code given
  // a code of its own, as the results sheet's note asks (`validate`: Sở Tài chính changed, DPTTH new).
  await editedDemo("minh-chung.xlsx", (form) => {
    const evidence = form("Sở Tài chính").cell("2.1", "Minh chứng");
    expect(String(evidence.value)).not.toBe("");
    evidence.value = null;
    const duplicate = form("Đài Phát thanh và Truyền hình tỉnh").ws.getCell("B2");
    expect(duplicate.value).toBe("SYT");
    duplicate.value = "DPTTH";
  });
  const cases: [string, string[]][] = [
    ["ma.xlsx", ["Sở Tài chính"]],
    ["tu-cham.xlsx", ["Sở Nội vụ"]],
    // The duplicate has no summary of its own: the line shows on the form whose code it had.
    ["minh-chung.xlsx", ["Sở Tài chính", "Sở Y tế"]],
  ];
  for (const [file, units] of cases) {
    const { top, flags, lines } = read(file, `calculated-${file}`, convertCalculated);
    expect([file, flags.filter((f) => f !== "0").length]).toEqual([file, units.length]);
    expect([file, STALE.exec(top[1]![0]!)?.[1]]).toEqual([file, String(units.length)]);
    // The forms concerned say their own figures changed; every other form, that other units' did.
    const own = [...lines].filter(([, v]) => FORM_STALE.test(v));
    expect([file, own.map(([u]) => u).sort()]).toEqual([file, units.map((u) => u.normalize("NFC")).sort()]);
    const others = [...lines].filter(([, v]) => !FORM_STALE.test(v)).map(([, v]) => v);
    expect([file, others.length]).toEqual([file, 20 - units.length]);
    for (const v of others) expect([file, v]).toEqual([file, expect.stringMatching(OTHERS_STALE)]);
  }
}, 600_000);
