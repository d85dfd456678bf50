/**
 * What the appraisal council writes on a scored workbook in Excel survives its scoring again in
 * place by the command line (`score F.xlsx --out F.xlsx`): a note Excel or openpyxl stores as a
 * plain `<t>` (ExcelJS reads it empty) keeps its text exactly, and an Excel 365 threaded comment
 * keeps its conversation, its people and the note Excel keeps beside it for older versions,
 * linked to it as Excel links them. On a cell the run marks, the thread keeps the cell (the mark is
 * a fill, and a warning says so); on the results table, written anew, it goes with its unit; a
 * mark of the project's made as a thread (a run in an Excel without notes) is a mark like the others.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../cli/main";
import { collectFiles } from "./collect";
import { MARK_FILLS, MARK_NOTE_PREFIX } from "../../core/plan/labels";
import { ContentTypes, attr, parseRels, relsPathOf, resolveTarget, sheetParts, unescapeXml } from "./ooxml";
import { loadXlsx } from "./read";
import { edit, noteOf, open, scoredDemo } from "./test-workbooks";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const THREADED = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment";
const REL_PERSON = "http://schemas.microsoft.com/office/2017/10/relationships/person";
const CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml";
const CT_THREADED = "application/vnd.ms-excel.threadedcomments+xml";
const CT_PERSON = "application/vnd.ms-excel.person+xml";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The note Excel 365 writes beside a thread, for the versions without threads. */
function excelPlaceholder(texts: string[]): string {
  return [
    "[Threaded comment]",
    "",
    "Your version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924",
    "",
    `Comment:\n    ${texts[0]}`,
    ...texts.slice(1).map((t) => `Reply:\n    ${t}`),
  ].join("\n");
}

const PEOPLE = [
  { id: "{6F1C2D3E-0001-4A5B-8C7D-111111111111}", name: "Nguyễn Văn An" },
  { id: "{6F1C2D3E-0002-4A5B-8C7D-222222222222}", name: "Trần Thị Bình" },
];

interface NoteSpec {
  sheet: string;
  cell: string;
  text: string;
}

interface ThreadSpec {
  sheet: string;
  cell: string;
  id: string;
  /** The first comment, then the replies: each by one of PEOPLE (0 or 1). */
  comments: { by: number; text: string }[];
  /** Whether the file has Excel's note beside it (true unless said). */
  legacy?: boolean;
}

/**
 * `file` with notes stored as a plain `<t>` and threaded comments added as Excel 365 writes them:
 * the thread parts related from their sheets, the people related from the workbook, each thread's
 * note authored "tc={id}" with its `xr:uid`, and their content types. A note already on a cell is
 * replaced.
 */
async function withComments(file: Uint8Array, notes: NoteSpec[], threads: ThreadSpec[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const read = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
  const types = new ContentTypes(await read("[Content_Types].xml"));
  const workbookRels = parseRels(await read("xl/_rels/workbook.xml.rels"));
  const sheets = sheetParts(await read("xl/workbook.xml"), workbookRels, "xl/workbook.xml");
  const relsXml = (rels: { id: string; type: string; target: string }[]) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join("")}</Relationships>`;
  let n = 0;
  for (const name of new Set([...notes.map((x) => x.sheet), ...threads.map((t) => t.sheet)])) {
    const path = sheets.get(name)!;
    const rels = parseRels(await read(relsPathOf(path)));
    let commentsRel = rels.find((r) => r.type === `${REL}/comments`);
    if (!commentsRel) {
      // Named as Excel names it (ExcelJS finds a comments part by that name only).
      let free = 1;
      while (zip.file(`xl/comments${free}.xml`)) free++;
      commentsRel = { id: `rId${rels.length + 1}`, type: `${REL}/comments`, target: `../comments${free}.xml`, extra: "" };
      rels.push(commentsRel);
      zip.file(resolveTarget(path, commentsRel.target), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN}"><authors><author>Hội đồng</author></authors><commentList></commentList></comments>`);
      types.setOverride(resolveTarget(path, commentsRel.target), CT_COMMENTS);
    }
    const commentsPath = resolveTarget(path, commentsRel.target);
    let comments = await read(commentsPath);
    const authors = () => [...comments.matchAll(/<author>/g)].length;
    const put = (cell: string, author: string, attrs: string, text: string) => {
      comments = comments.replace(new RegExp(`<comment ref="${cell}"[\\s\\S]*?</comment>`), "");
      comments = comments.replace("</authors>", `<author>${escape(author)}</author></authors>`);
      comments = comments.replace("</commentList>", `<comment ref="${cell}" authorId="${authors() - 1}"${attrs}><text><t xml:space="preserve">${escape(text)}</t></text></comment></commentList>`);
    };
    for (const note of notes.filter((x) => x.sheet === name)) put(note.cell, "Hội đồng thẩm định", "", note.text);
    const mine = threads.filter((t) => t.sheet === name);
    if (mine.length > 0) {
      comments = comments.replace(`<comments xmlns="${MAIN}"`, `<comments xmlns="${MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"`);
      for (const t of mine) if (t.legacy !== false) put(t.cell, `tc=${t.id}`, ` shapeId="0" xr:uid="${t.id}"`, excelPlaceholder(t.comments.map((c) => c.text)));
      const entries = mine.flatMap((t) =>
        t.comments.map((c, i) => {
          const id = i === 0 ? t.id : `${t.id.slice(0, -4)}${String(i).padStart(3, "0")}}`;
          return `<threadedComment ref="${t.cell}" dT="2024-06-0${i + 1}T08:30:00.00" personId="${PEOPLE[c.by]!.id}" id="${id}"${i > 0 ? ` parentId="${t.id}"` : ""}><text>${escape(c.text)}</text></threadedComment>`;
        }),
      );
      const part = `xl/threadedComments/threadedComment${++n}.xml`;
      zip.file(part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="${THREADED}" xmlns:x="${MAIN}">${entries.join("")}</ThreadedComments>`);
      types.setOverride(part, CT_THREADED);
      rels.push({ id: `rId${rels.length + 1}`, type: REL_THREADED, target: `../threadedComments/threadedComment${n}.xml`, extra: "" });
    }
    zip.file(commentsPath, comments);
    zip.file(relsPathOf(path), relsXml(rels));
  }
  if (threads.length > 0) {
    zip.file("xl/persons/person.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList xmlns="${THREADED}" xmlns:x="${MAIN}">${PEOPLE.map((p) => `<person displayName="${p.name}" id="${p.id}" userId="${p.name}" providerId="None"/>`).join("")}</personList>`);
    types.setOverride("xl/persons/person.xml", CT_PERSON);
    workbookRels.push({ id: `rId${workbookRels.length + 100}`, type: REL_PERSON, target: "persons/person.xml", extra: "" });
    zip.file("xl/_rels/workbook.xml.rels", relsXml(workbookRels));
  }
  zip.file("[Content_Types].xml", types.xml);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** A written package, read part by part. */
class Written {
  private constructor(
    private readonly zip: JSZip,
    private readonly types: ContentTypes,
    private readonly sheets: Map<string, string>,
  ) {}

  static async of(bytes: Uint8Array): Promise<Written> {
    const zip = await JSZip.loadAsync(bytes);
    const read = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
    return new Written(zip, new ContentTypes(await read("[Content_Types].xml")), sheetParts(await read("xl/workbook.xml"), parseRels(await read("xl/_rels/workbook.xml.rels")), "xl/workbook.xml"));
  }

  async text(path: string): Promise<string> {
    return (await this.zip.file(path)?.async("string")) ?? "";
  }

  /** A sheet's part. */
  async sheet(name: string): Promise<string> {
    return this.text(this.sheets.get(name)!);
  }

  contentType(path: string): string | undefined {
    return this.types.of(path);
  }

  /** The parts a sheet relates of a type, by path. */
  async related(sheet: string, type: string): Promise<string[]> {
    const path = this.sheets.get(sheet)!;
    return parseRels(await this.text(relsPathOf(path)))
      .filter((r) => r.type === type)
      .map((r) => resolveTarget(path, r.target));
  }

  /** The threaded comments of a sheet: each with its cell, id, parent, person and text. */
  async threads(sheet: string): Promise<{ cell: string; id: string; parentId?: string; personId: string; text: string }[]> {
    const out: { cell: string; id: string; parentId?: string; personId: string; text: string }[] = [];
    for (const part of await this.related(sheet, REL_THREADED)) {
      for (const m of (await this.text(part)).matchAll(/<threadedComment\b([^>]*)>[\s\S]*?<text>([\s\S]*?)<\/text>[\s\S]*?<\/threadedComment>/g)) {
        const parentId = attr(m[1]!, "parentId");
        out.push({ cell: attr(m[1]!, "ref")!, id: attr(m[1]!, "id")!, ...(parentId ? { parentId } : {}), personId: attr(m[1]!, "personId")!, text: unescapeXml(m[2]!) });
      }
    }
    return out;
  }

  /** The notes of a sheet's comments part, by cell: author, attributes and the text of its `<t>` elements. */
  async notes(sheet: string): Promise<Map<string, { author: string; attrs: string; text: string }>> {
    const [path] = await this.related(sheet, `${REL}/comments`);
    const xml = await this.text(path!);
    const authors = [...xml.matchAll(/<author>([\s\S]*?)<\/author>/g)].map((m) => unescapeXml(m[1]!));
    const out = new Map<string, { author: string; attrs: string; text: string }>();
    for (const m of xml.matchAll(/<comment\b([^>]*)>([\s\S]*?)<\/comment>/g)) {
      const text = [...m[2]!.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => unescapeXml(t[1]!)).join("");
      out.set(attr(m[1]!, "ref")!, { author: authors[Number(attr(m[1]!, "authorId"))]!, attrs: m[1]!, text });
    }
    return out;
  }

  /** The comments part's root tag of a sheet. */
  async commentsRoot(sheet: string): Promise<string> {
    const [path] = await this.related(sheet, `${REL}/comments`);
    return /<comments\b[^>]*>/.exec(await this.text(path!))?.[0] ?? "";
  }
}

/** `file` scored again in place by the command line, in Vietnamese: the file written and what the command printed. */
async function scoreInPlace(file: Uint8Array): Promise<{ out: Uint8Array; printed: string }> {
  const dir = mkdtempSync(join(tmpdir(), "dti-threads-"));
  writeFileSync(join(dir, "ket-qua.xlsx"), file);
  let printed = "";
  const io = { write: (s: string) => ((printed += s), true) };
  await main(["score", "ket-qua.xlsx", "--out", "ket-qua.xlsx"], { stdout: io, stderr: io, cwd: dir, env: { LANG: "vi_VN.UTF-8" } });
  if (!printed.includes("Đã ghi ket-qua.xlsx")) throw new Error(`not written: ${printed}`);
  return { out: new Uint8Array(readFileSync(join(dir, "ket-qua.xlsx"))), printed };
}

const FINANCE = "Sở Tài chính";
const CONSTRUCTION = "Sở Xây dựng";
const AGRICULTURE = "Sở Nông nghiệp và Phát triển…";
const RESULTS = "Kết quả";
const TOTAL = "Tổng điểm";

/** A council member's note as openpyxl writes it: a plain `<t>`, several lines, spaces kept, characters XML escapes. */
const APPRAISAL_NOTE = "Hội đồng thẩm định:\n  - cần bổ sung văn bản số 12/QĐ-STC & phụ lục <2024>\n  - đối chiếu lại số liệu  ";
const UNLISTED_NOTE = "Ghi chú ở ô trống, ngoài vùng dữ liệu";

const THREAD = { sheet: FINANCE, cell: "D12", id: "{A1B2C3D4-0000-4000-8000-000000000012}", comments: [{ by: 0, text: "Số liệu 1.2 lấy từ báo cáo quý nào?" }, { by: 1, text: "Quý 4/2023, đã đối chiếu với phụ lục." }] };
const BARE_THREAD = { sheet: FINANCE, cell: "H13", id: "{A1B2C3D4-0000-4000-8000-000000000013}", comments: [{ by: 1, text: "Ghi chú này chưa có bản cho Excel cũ" }], legacy: false };
/** On a line under the results table, which every run writes anew (a note there is dropped, and named). */
const UNDER_TABLE_THREAD = { sheet: "Kết quả", cell: "A25", id: "{A1B2C3D4-0000-4000-8000-000000000025}", comments: [{ by: 0, text: "Chú thích dưới bảng" }, { by: 1, text: "Đã xem" }] };
const MARKED_THREAD = { sheet: CONSTRUCTION, cell: "D34", id: "{A1B2C3D4-0000-4000-8000-000000000034}", comments: [{ by: 0, text: "Đơn vị giải trình: tỷ lệ tính trên kế hoạch năm" }] };

/** The column of the results table's header `header` (row 3). */
function columnOf(ws: ExcelJS.Worksheet, header: string): number {
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getCell(3, c).value === header) return c;
  throw new Error(`no column ${header}`);
}

let typed: Uint8Array;
let first: { out: Uint8Array; printed: string };
let resultsThread: ThreadSpec;
let resultsUnit: string;
let markNote: string;

beforeAll(async () => {
  // The council's file: the demo as scored, a twenty-first unit made scorable (the results table's
  // rows ranked after it move down one), then the notes and threads written in Excel.
  const scored = await edit(await scoredDemo(), (wb) => {
    wb.getWorksheet("Đài Phát thanh và Truyền hình…")!.getCell("B2").value = "DPTTH";
  });
  const wb = await open(scored);
  const results = wb.getWorksheet(RESULTS)!;
  resultsUnit = String(results.getCell(23, 2).value);
  const total = results.getCell(23, columnOf(results, TOTAL)).address;
  resultsThread = { sheet: RESULTS, cell: total, id: "{A1B2C3D4-0000-4000-8000-000000000023}", comments: [{ by: 1, text: "Tổng điểm đã được hội đồng xác nhận" }] };
  // The last run's mark on D17, made as a threaded comment by a run in an Excel without notes.
  markNote = noteOf(wb.getWorksheet(AGRICULTURE)!.getCell("D17"))!;
  const markThread = { sheet: AGRICULTURE, cell: "D17", id: "{A1B2C3D4-0000-4000-8000-000000000017}", comments: [{ by: 0, text: markNote }] };
  typed = await withComments(
    scored,
    [
      { sheet: FINANCE, cell: "E11", text: APPRAISAL_NOTE },
      { sheet: FINANCE, cell: "M3", text: UNLISTED_NOTE },
    ],
    [THREAD, BARE_THREAD, MARKED_THREAD, resultsThread, UNDER_TABLE_THREAD, markThread],
  );
  first = await scoreInPlace(typed);
}, 180_000);
jest.setTimeout(120_000);

describe("notes stored as a plain <t>", () => {
  test("ExcelJS alone empties them; the xlsx host reads their text, and that of a note on a cell the sheet's data leaves out", async () => {
    const byExcelJs = new ExcelJS.Workbook();
    await byExcelJs.xlsx.load(typed as unknown as ArrayBuffer);
    expect(byExcelJs.getWorksheet(FINANCE)!.getCell("E11").note).toEqual(expect.objectContaining({ texts: [] }));
    const rewritten = await Written.of(new Uint8Array(await byExcelJs.xlsx.writeBuffer()));
    expect((await rewritten.notes(FINANCE)).get("E11")?.text).toBe("");

    // M3 is a cell the sheet's data does not list (ExcelJS drops a note there).
    expect(await (await Written.of(typed)).sheet(FINANCE)).not.toContain('r="M3"');
    const wb = await loadXlsx(typed);
    expect(noteOf(wb.getWorksheet(FINANCE)!.getCell("E11"))).toBe(APPRAISAL_NOTE);
    expect(noteOf(wb.getWorksheet(FINANCE)!.getCell("M3"))).toBe(UNLISTED_NOTE);
  });

  test("scored again in place, the council's notes keep their text exactly", async () => {
    const notes = await (await Written.of(first.out)).notes(FINANCE);
    expect(notes.get("E11")?.text).toBe(APPRAISAL_NOTE);
    expect(notes.get("M3")?.text).toBe(UNLISTED_NOTE);
    const wb = await open(first.out);
    expect(noteOf(wb.getWorksheet(FINANCE)!.getCell("E11"))).toBe(APPRAISAL_NOTE);
  });
});

describe("Excel 365 threaded comments", () => {
  test("a thread on a form's input cell keeps its comments, their people and Excel's note beside it, linked as Excel links them", async () => {
    const out = await Written.of(first.out);
    const threads = await out.threads(FINANCE);
    expect(threads.filter((t) => t.cell === "D12")).toEqual([
      { cell: "D12", id: THREAD.id, personId: PEOPLE[0]!.id, text: THREAD.comments[0]!.text },
      { cell: "D12", id: expect.any(String), parentId: THREAD.id, personId: PEOPLE[1]!.id, text: THREAD.comments[1]!.text },
    ]);
    const [part] = await out.related(FINANCE, REL_THREADED);
    expect(out.contentType(part!)).toBe(CT_THREADED);
    // The people, related from the workbook.
    const persons = parseRels(await out.text("xl/_rels/workbook.xml.rels")).filter((r) => r.type === REL_PERSON);
    expect(persons).toHaveLength(1);
    const personsPath = resolveTarget("xl/workbook.xml", persons[0]!.target);
    expect(out.contentType(personsPath)).toBe(CT_PERSON);
    for (const p of PEOPLE) expect(await out.text(personsPath)).toContain(`displayName="${p.name}" id="${p.id}"`);
    // Excel's note: its text as it was, authored "tc={id}", with the thread's id as its uid.
    const note = (await out.notes(FINANCE)).get("D12")!;
    expect(note.text).toBe(excelPlaceholder(THREAD.comments.map((c) => c.text)));
    expect(note.author).toBe(`tc=${THREAD.id}`);
    expect(attr(note.attrs, "xr:uid")).toBe(THREAD.id);
    expect(attr(note.attrs, "shapeId")).toBe("0");
    const root = await out.commentsRoot(FINANCE);
    expect(root).toContain('xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"');
    expect(root).toMatch(/mc:Ignorable="[^"]*\bxr\b/);
  });

  test("a thread the file has no note for is given one, made as Excel makes it, so that older versions show it", async () => {
    const out = await Written.of(first.out);
    expect((await out.threads(FINANCE)).filter((t) => t.cell === "H13").map((t) => t.text)).toEqual([BARE_THREAD.comments[0]!.text]);
    const note = (await out.notes(FINANCE)).get("H13")!;
    expect(note.author).toBe(`tc=${BARE_THREAD.id}`);
    expect(note.text).toMatch(/^\[Threaded comment\]\n/);
    expect(note.text).toContain(`Comment:\n    ${BARE_THREAD.comments[0]!.text}`);
  });

  test("on a cell the run marks, the thread keeps the cell and its note, the mark is the fill alone, and a warning names the sheet and cell", async () => {
    const out = await Written.of(first.out);
    expect((await out.threads(CONSTRUCTION)).map((t) => [t.cell, t.text])).toEqual([["D34", MARKED_THREAD.comments[0]!.text]]);
    const note = (await out.notes(CONSTRUCTION)).get("D34")!;
    expect(note.text).toBe(excelPlaceholder(MARKED_THREAD.comments.map((c) => c.text)));
    expect(note.text).not.toContain(MARK_NOTE_PREFIX);
    expect(note.author).toBe(`tc=${MARKED_THREAD.id}`);
    const cell = (await open(first.out)).getWorksheet(CONSTRUCTION)!.getCell("D34");
    expect((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe(MARK_FILLS.error);
    expect(first.printed).toContain(`Trang tính '${CONSTRUCTION}': ô D34 có chú thích dạng hội thoại (threaded comment)`);
  });

  test("a thread on the results table goes with its unit when the rows move", async () => {
    const wb = await open(first.out);
    const results = wb.getWorksheet(RESULTS)!;
    let row = 0;
    results.eachRow((r, n) => {
      if (String(r.getCell(2).value) === resultsUnit) row = n;
    });
    expect(row).toBeGreaterThan(23);
    const at = results.getCell(row, columnOf(results, TOTAL)).address;
    const out = await Written.of(first.out);
    expect((await out.threads(RESULTS)).map((t) => [t.cell, t.text])).toEqual([[at, resultsThread.comments[0]!.text]]);
    const note = (await out.notes(RESULTS)).get(at)!;
    expect(note.author).toBe(`tc=${resultsThread.id}`);
    expect(note.text).toBe(excelPlaceholder(resultsThread.comments.map((c) => c.text)));
    expect((await out.notes(RESULTS)).has(resultsThread.cell)).toBe(false);
  });

  test("a thread whose note the run drops (a line under the results table, written anew) is not carried, and a warning gives its sheet, cell and words", async () => {
    const out = await Written.of(first.out);
    expect((await out.threads(RESULTS)).map((t) => t.text)).not.toContain(UNDER_TABLE_THREAD.comments[0]!.text);
    for (const [, note] of await out.notes(RESULTS)) expect(note.text).not.toContain(UNDER_TABLE_THREAD.comments[0]!.text);
    expect(first.printed).toContain(`Chú thích dạng hội thoại (threaded comment) trên trang '${RESULTS}' không còn là hội thoại`);
    expect(first.printed).toContain(`ô ${UNDER_TABLE_THREAD.cell} (nội dung: "${UNDER_TABLE_THREAD.comments[0]!.text}" / "${UNDER_TABLE_THREAD.comments[1]!.text}")`);
  });

  test("a mark of the project's made as a thread is a mark like the others: the run's note replaces it, no thread stays", async () => {
    const out = await Written.of(first.out);
    expect((await out.threads(AGRICULTURE)).filter((t) => t.cell === "D17")).toEqual([]);
    const note = (await out.notes(AGRICULTURE)).get("D17")!;
    expect(note.text.startsWith(MARK_NOTE_PREFIX)).toBe(true);
    expect(note.text).not.toContain("[Threaded comment]");
    expect(note.author.startsWith("tc=")).toBe(false);
  });

  test("scored once more, every thread and note is there once, as it was", async () => {
    const again = await scoreInPlace(first.out);
    const before = await Written.of(first.out);
    const after = await Written.of(again.out);
    for (const sheet of [FINANCE, CONSTRUCTION, RESULTS]) {
      const sort = <T extends { id: string }>(x: T[]) => [...x].sort((a, b) => a.id.localeCompare(b.id));
      expect(sort(await after.threads(sheet))).toEqual(sort(await before.threads(sheet)));
      const notesBefore = await before.notes(sheet);
      const notesAfter = await after.notes(sheet);
      // No note comes or goes: the same cells hold notes (once each) before and after.
      expect([...notesAfter.keys()].sort()).toEqual([...notesBefore.keys()].sort());
      for (const [cell, note] of notesBefore) {
        if (note.author.startsWith("tc=")) expect(notesAfter.get(cell)).toEqual(note);
        else expect(notesAfter.get(cell)?.text).toBe(note.text);
      }
    }
    expect(parseRels(await after.text("xl/_rels/workbook.xml.rels")).filter((r) => r.type === REL_PERSON)).toHaveLength(1);
    expect((await after.notes(FINANCE)).get("E11")?.text).toBe(APPRAISAL_NOTE);
  });

  test("forms gathered into a workbook with threads keep them, on their cells, with their people", async () => {
    const { data } = await collectFiles([], typed);
    const out = await Written.of(data);
    expect((await out.threads(FINANCE)).filter((t) => t.cell === "D12").map((t) => t.text)).toEqual(THREAD.comments.map((c) => c.text));
    expect(parseRels(await out.text("xl/_rels/workbook.xml.rels")).filter((r) => r.type === REL_PERSON)).toHaveLength(1);
    expect((await out.notes(FINANCE)).get("D12")?.author).toBe(`tc=${THREAD.id}`);
    expect((await out.notes(FINANCE)).get("E11")?.text).toBe(APPRAISAL_NOTE);
  });
});
