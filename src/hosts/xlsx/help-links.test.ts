/**
 * The instructions sheet ("Hướng dẫn") links each unit's name to its form (`'Sở Nội vụ'!A1`). A
 * person renames a form, in Excel or in LibreOffice: neither follows the rename in such a link, so
 * it points at a sheet no longer there. A scoring run points the link of each unit it scored at
 * the sheet its form is on now; a link a person changed stays. As the files are written and read
 * back, the sheets renamed in the file as Excel and LibreOffice rename them (the sheet's name in the
 * workbook part, the formulas and names naming it; the links as they were).
 */
import JSZip from "jszip";
import { parseRels, sheetParts } from "./ooxml";
import { scoreAgain, scoredDemo } from "./test-workbooks";

const HELP = "Hướng dẫn";

let scored: Uint8Array;

beforeAll(async () => {
  scored = await scoredDemo();
}, 60000);

/** The part of sheet `name` in an opened package. */
async function partOf(zip: JSZip, name: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = parseRels(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"));
  const path = sheetParts(workbook, rels, "xl/workbook.xml").get(name);
  if (path === undefined) throw new Error(`no sheet ${name}`);
  return path;
}

const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const xmlEscaped = (text: string) => text.replace(/&/g, "&amp;").replace(/'/g, "&apos;");

/** `file` with its sheets renamed (`from` → `to`, in turn) as Excel and LibreOffice rename one: the links are left as they were. */
async function renamed(file: Uint8Array, renames: [string, string][]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  let workbook = await zip.file("xl/workbook.xml")!.async("string");
  for (const [from, to] of renames) {
    expect(workbook).toContain(`name="${from}"`);
    workbook = workbook.split(`name="${from}"`).join(`name="${to}"`);
    for (const q of [quoted, (s: string) => xmlEscaped(quoted(s))]) workbook = workbook.split(`${q(from)}!`).join(`${q(to)}!`);
  }
  zip.file("xl/workbook.xml", workbook);
  return zip.generateAsync({ type: "uint8array" });
}

/** The links of the instructions sheet as the file holds them: cell → place in the workbook. */
async function helpLinks(file: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file(await partOf(zip, HELP))!.async("string");
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<hyperlink\b[^>]*>/g)) {
    const ref = /\bref="([^"]+)"/.exec(m[0])?.[1];
    const location = /\blocation="([^"]+)"/.exec(m[0])?.[1];
    if (ref !== undefined && location !== undefined) out.set(ref, location.replace(/&apos;/g, "'").replace(/&amp;/g, "&"));
  }
  return out;
}

/** `file` with the link of the instructions sheet's cell `ref` pointing at `location`, as a person sets it (Insert > Link). */
async function relinked(file: Uint8Array, ref: string, location: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  const path = await partOf(zip, HELP);
  const xml = await zip.file(path)!.async("string");
  const changed = xml.replace(new RegExp(`(<hyperlink\\b[^>]*\\bref="${ref}"[^>]*\\blocation=")[^"]*"`), `$1${xmlEscaped(location)}"`);
  expect(changed).not.toBe(xml);
  zip.file(path, changed);
  return zip.generateAsync({ type: "uint8array" });
}

describe("the instructions sheet's links to the forms, after forms were renamed", () => {
  test("point at each renamed form again; the other links are as they were", async () => {
    const before = await helpLinks(scored);
    // B16 onwards: the units in the template's order, each linking to its form.
    expect(before.get("B17")).toBe("'Sở Nội vụ'!A1");
    expect(before.get("B21")).toBe("'Sở Công Thương'!A1");
    expect(before.size).toBe(21);

    const file = await renamed(scored, [
      ["Sở Nội vụ", "SNV (đã sửa)"],
      ["Sở Công Thương", "Sở Công Thương's"],
    ]);
    // Renamed, the links point at sheets no longer there.
    expect(await helpLinks(file)).toEqual(before);
    const { out } = await scoreAgain(file);
    const after = await helpLinks(out);
    expect(after.get("B17")).toBe("'SNV (đã sửa)'!A1");
    expect(after.get("B21")).toBe("'Sở Công Thương''s'!A1");
    for (const [ref, location] of before) if (ref !== "B17" && ref !== "B21") expect([ref, after.get(ref)]).toEqual([ref, location]);

    // Scored once more: as they are.
    expect(await helpLinks((await scoreAgain(out)).out)).toEqual(after);
  });

  test("two forms whose names were swapped: each link points at its unit's form", async () => {
    const file = await renamed(scored, [
      ["Sở Nội vụ", "tạm"],
      ["Sở Tài chính", "Sở Nội vụ"],
      ["tạm", "Sở Tài chính"],
    ]);
    const after = await helpLinks((await scoreAgain(file)).out);
    expect([after.get("B17"), after.get("B18")]).toEqual(["'Sở Tài chính'!A1", "'Sở Nội vụ'!A1"]);
  });

  test("a link a person changed stays, even to a sheet that is no longer there", async () => {
    let file = await relinked(scored, "B17", "'Kết quả'!B5");
    file = await relinked(file, "B18", "'Biểu đồ'!A1");
    // A link of the person's to a sheet of theirs that they deleted since (not the unit's form).
    file = await relinked(file, "B19", "'Ghi chép'!C3");
    file = await renamed(file, [
      ["Sở Nội vụ", "SNV"],
      ["Sở Tài chính", "STC"],
      ["Sở Kế hoạch và Đầu tư", "SKHĐT"],
    ]);
    const after = await helpLinks((await scoreAgain(file)).out);
    expect([after.get("B17"), after.get("B18"), after.get("B19")]).toEqual(["'Kết quả'!B5", "'Biểu đồ'!A1", "'Ghi chép'!C3"]);
  });
});
