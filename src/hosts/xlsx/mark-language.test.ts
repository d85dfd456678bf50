/**
 * The notes of issue marks speak the form's language, as its `Điểm` header and summary do: a
 * Vietnamese form scored (or only marked, as the pane's Check step does) in English keeps
 * Vietnamese notes, numbers written the Vietnamese way (12,69), and an English form scored in
 * Vietnamese keeps English ones; the results sheet follows the run's language. Real files,
 * written and read back.
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../../core/definition";
import { MARK_NOTE_PREFIX } from "../../core/plan/labels";
import { planMarksOnly } from "../../core/plan/marks-only";
import { runScoring } from "../../core/pipeline";
import type { Lang } from "../../core/i18n/text";
import { findBuiltin } from "../../indices";
import { XlsxHost } from "./host";
import { makeTemplate } from "./template";
import { noteOf, open, rowOf } from "./test-workbooks";

const builtin = findBuiltin("dti-huyen-mau")!;
const parsed = parseDefinition(builtin.definition);
if (!parsed.ok) throw new Error("the district sample does not parse");
const model = parsed.model;

const VI_FORM = "Huyện Tân Hồng";
const EN_FORM = "Hong Ngu Town";
const REMARK = "HĐ thẩm định: đã đối chiếu với báo cáo năm.";

/** The column of the form's table headed `header` (either language's), 1-based. */
function columnOf(ws: ExcelJS.Worksheet, headers: string[]): number {
  let found = 0;
  ws.getRow(headerRow(ws)).eachCell((cell, c) => {
    if (typeof cell.value === "string" && headers.includes(cell.value)) found = c;
  });
  if (found === 0) throw new Error(`no column ${headers.join("/")} on ${ws.name}`);
  return found;
}

/** The header row of a form: the row whose column A says `Mã` or `Code`. */
function headerRow(ws: ExcelJS.Worksheet): number {
  let found = 0;
  ws.eachRow((row, r) => {
    if (found === 0 && (row.getCell(1).value === "Mã" || row.getCell(1).value === "Code")) found = r;
  });
  return found;
}

/** Fills a form: 84,6 % for 3.2 (12.69 of its 15 points) self-scored 15, and text where 5.2 wants a number. */
function fill(ws: ExcelJS.Worksheet): void {
  const value = columnOf(ws, ["Số liệu", "Value"]);
  const self = columnOf(ws, ["Tự chấm", "Self score"]);
  ws.getCell(rowOf(ws, "3.2"), value).value = 0.846;
  ws.getCell(rowOf(ws, "3.2"), self).value = 15;
  ws.getCell(rowOf(ws, "5.2"), value).value = "3 mô hình";
}

/** Copies a sheet into another workbook as a user's copy and paste does: values and merges. */
function copyInto(wb: ExcelJS.Workbook, src: ExcelJS.Worksheet): void {
  const copy = wb.addWorksheet(src.name);
  src.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master !== cell) return;
      copy.getCell(r, c).value = cell.value;
    }),
  );
  for (const range of (src.model as { merges?: string[] }).merges ?? []) copy.mergeCells(range);
}

/** A workbook of two filled forms: one made in Vietnamese, one made in English. */
async function mixedForms(): Promise<Uint8Array> {
  const wb = await open(await makeTemplate(model, [{ code: "TH", name: VI_FORM }], { lang: "vi" }));
  const en = await open(await makeTemplate(model, [{ code: "HN", name: EN_FORM }], { lang: "en" }));
  copyInto(wb, en.getWorksheet(EN_FORM)!);
  fill(wb.getWorksheet(VI_FORM)!);
  fill(wb.getWorksheet(EN_FORM)!);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function score(file: Uint8Array, lang: Lang): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "hoi-dong.xlsx");
  await runScoring(host, { definition: builtin.definition, lang, projectVersion: "test", now: new Date("2024-06-01T00:00:00Z") });
  return host.toBuffer();
}

/** The pane's Check step with "mark issues": a check that writes marks only. */
async function markOnly(file: Uint8Array, lang: Lang): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "hoi-dong.xlsx");
  const snapshot = await host.read();
  const run = await runScoring({ read: async () => snapshot, apply: async () => undefined }, { definition: builtin.definition, lang, projectVersion: "test", write: false });
  await host.apply(planMarksOnly(run.issues, { lang, snapshot, submissions: run.submissions, ...(run.previous ? { previous: run.previous } : {}) }));
  return host.toBuffer();
}

/** The notes holding the project's part on a sheet, by cell. */
function projectNotes(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const text = noteOf(cell);
      if (text?.includes(MARK_NOTE_PREFIX)) out.set(cell.address, text);
    }),
  );
  return out;
}

/** The finding lines of the project's notes on a sheet (the lines after the project's first line). */
function findingLines(ws: ExcelJS.Worksheet): string[] {
  return [...projectNotes(ws).values()].flatMap((n) => n.slice(n.indexOf(MARK_NOTE_PREFIX)).split("\n").slice(1).filter((l) => /^\S+( \S+)?: /.test(l)));
}

/** The cell of a form holding the self score of 3.2. */
function selfCell(ws: ExcelJS.Worksheet): ExcelJS.Cell {
  return ws.getCell(rowOf(ws, "3.2"), columnOf(ws, ["Tự chấm", "Self score"]));
}

// A note on its own cell does not name the cell again: each line is the severity and the sentence, in one language.
const VI_LINE = /^(Lỗi|Cảnh báo|Lưu ý): (?!Sheet ').*(chỉ tiêu|số liệu|điểm)/;
const EN_LINE = /^(Error|Warning|Info): (?!Trang tính ').*(indicator|input|value|score)/;

function expectFormsInTheirLanguage(wb: ExcelJS.Workbook): void {
  const vi = wb.getWorksheet(VI_FORM)!;
  const en = wb.getWorksheet(EN_FORM)!;
  expect(headerRow(vi)).toBeGreaterThan(0);
  // Every finding on the Vietnamese form in Vietnamese; on the English form in English.
  expect(findingLines(vi).length).toBeGreaterThan(1);
  expect(findingLines(vi).filter((l) => !VI_LINE.test(l))).toEqual([]);
  expect(findingLines(en).length).toBeGreaterThan(1);
  expect(findingLines(en).filter((l) => !EN_LINE.test(l))).toEqual([]);
  // Numbers as each language writes them.
  expect(noteOf(selfCell(vi))).toContain(`Cảnh báo: Điểm tự chấm 15 khác với điểm tính được 12,69 (chỉ tiêu 3.2).`);
  expect(noteOf(selfCell(en))).toContain(`Warning: The self-assessed score (15) differs from the computed score (12.69) (indicator 3.2).`);
}

describe("the notes of issue marks on a form", () => {
  test("speak the form's language whatever the run's, while the results sheet speaks the run's", async () => {
    const file = await mixedForms();
    const inEnglish = await open(await score(file, "en"));
    expectFormsInTheirLanguage(inEnglish);
    expect(inEnglish.getWorksheet("Results")).toBeDefined();
    expect(inEnglish.getWorksheet("Kết quả")).toBeUndefined();
    const header = inEnglish.getWorksheet("Results")!.getRow(3).values as unknown[];
    expect(header).toEqual(expect.arrayContaining(["Total points", "Rank"]));
    // The form's own labels the run wrote are the form's language too.
    const viForm = inEnglish.getWorksheet(VI_FORM)!;
    const labels: unknown[] = [];
    viForm.eachRow((row) => row.eachCell((c) => labels.push(c.value)));
    expect(labels).toEqual(expect.arrayContaining(["Tổng điểm", "Hạng"]));
    expect(labels).not.toContain("Total points");

    const inVietnamese = await open(await score(file, "vi"));
    expectFormsInTheirLanguage(inVietnamese);
    expect(inVietnamese.getWorksheet("Kết quả")).toBeDefined();
  }, 60_000);

  test("scored again in the other language, replace the project's part of a note once, keeping the user's remark", async () => {
    const first = await open(await score(await mixedForms(), "en"));
    const vi = first.getWorksheet(VI_FORM)!;
    const en = first.getWorksheet(EN_FORM)!;
    // A remark typed at the end of each note; on the Vietnamese form the project's part as an
    // earlier version wrote it, in the run's English.
    selfCell(vi).note = `${MARK_NOTE_PREFIX}\nWarning: Sheet '${VI_FORM}', cell ${selfCell(vi).address}: the self-assessed score (15) differs from the computed score (12.69) (indicator 3.2).\n${REMARK}`;
    selfCell(en).note = `${noteOf(selfCell(en))}${REMARK}`;
    const edited = new Uint8Array(await first.xlsx.writeBuffer());

    const again = await open(await score(edited, "vi"));
    expectFormsInTheirLanguage(again);
    for (const name of [VI_FORM, EN_FORM]) {
      const note = noteOf(selfCell(again.getWorksheet(name)!))!;
      expect(note.split(MARK_NOTE_PREFIX)).toHaveLength(2);
      expect(note.endsWith(REMARK)).toBe(true);
    }
    expect(noteOf(selfCell(again.getWorksheet(VI_FORM)!))).not.toContain("Warning");
    expect(noteOf(selfCell(again.getWorksheet(EN_FORM)!))).not.toContain("Cảnh báo");
    // A third run, back in English, writes the same notes.
    const third = await open(await score(new Uint8Array(await again.xlsx.writeBuffer()), "en"));
    for (const name of [VI_FORM, EN_FORM]) expect(projectNotes(third.getWorksheet(name)!)).toEqual(projectNotes(again.getWorksheet(name)!));
  }, 60_000);

  test("set by a check that only marks (the pane's Check step) speak the form's language too", async () => {
    const marked = await open(await markOnly(await mixedForms(), "en"));
    expectFormsInTheirLanguage(marked);
    // Nothing scored: no results sheet.
    expect(marked.getWorksheet("Results")).toBeUndefined();
    // And marked again in Vietnamese after scoring in English: the same notes, not doubled.
    const scored = await score(await mixedForms(), "en");
    const remarked = await open(await markOnly(scored, "vi"));
    expectFormsInTheirLanguage(remarked);
    for (const name of [VI_FORM, EN_FORM]) expect(projectNotes(remarked.getWorksheet(name)!)).toEqual(projectNotes((await open(scored)).getWorksheet(name)!));
  }, 60_000);
});
