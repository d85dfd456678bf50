/**
 * The user's defined names survive scoring with the xlsx host, which ExcelJS would drop (a named
 * constant, a name holding a structured reference), cut (a formula) or merge (two sheets' local
 * names of one name): each is in the written workbook once, with its text, scope and attributes,
 * however often the workbook is scored again.
 */
import { spawnSync } from "node:child_process";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runScoring } from "../../core/pipeline";
import { XlsxHost } from "./host";
import { sheetNames, unescapeXml } from "./ooxml";
import { preserveDrawings } from "./preserve";
import { edit, scoreAgain, scoredDemo } from "./test-workbooks";

const COMMENT = `Ghi chú & "trích" <dẫn>`;

/** `file` with `names(sheetIndex)` (<definedName> elements) added to its workbook part, as Excel writes them. */
async function withNames(file: Uint8Array, names: (sheet: (name: string) => number) => string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(file);
  let xml = await zip.file("xl/workbook.xml")!.async("string");
  const sheets = sheetNames(xml);
  const added = names((name) => {
    const i = sheets.indexOf(name);
    if (i < 0) throw new Error(`no sheet ${name}`);
    return i;
  });
  xml = xml.includes("</definedNames>") ? xml.replace("</definedNames>", `${added}</definedNames>`) : xml.replace("</sheets>", `</sheets><definedNames>${added}</definedNames>`);
  zip.file("xl/workbook.xml", xml);
  return zip.generateAsync({ type: "uint8array" });
}

/** The user's names of the test, on the demo's sheets. */
const userNames = (sheet: (name: string) => number) =>
  [
    `<definedName name="Rate">0.5</definedName>`,
    `<definedName name="Ten">&quot;abc&quot;</definedName>`,
    `<definedName name="Dong">OFFSET(&apos;Hướng dẫn&apos;!$A$1,0,0,COUNTA(&apos;Hướng dẫn&apos;!$A:$A),1)</definedName>`,
    `<definedName name="Vung" localSheetId="${sheet("Sở Nội vụ")}">&apos;Sở Nội vụ&apos;!$D$9:$D$20</definedName>`,
    `<definedName name="Vung" localSheetId="${sheet("Sở Tài chính")}">&apos;Sở Tài chính&apos;!$D$9:$D$20</definedName>`,
    `<definedName name="Vung" localSheetId="${sheet("Kết quả")}">&apos;Kết quả&apos;!$D$4:$D$6</definedName>`,
    `<definedName name="AnTen" comment="Ghi chú &amp; &quot;trích&quot; &lt;dẫn&gt;" hidden="1">&apos;Hướng dẫn&apos;!$B$2</definedName>`,
    `<definedName name="TongDiem">DTI_Results[Tổng điểm]</definedName>`,
  ].join("");

interface Name {
  name: string;
  /** The sheet it is local to, by name; undefined for the workbook's. */
  sheet: string | undefined;
  text: string;
  attrs: Record<string, string>;
}

/** The defined names of a written file, their scope named by its sheet. */
async function namesOf(file: Uint8Array): Promise<Name[]> {
  const xml = await (await JSZip.loadAsync(file)).file("xl/workbook.xml")!.async("string");
  const sheets = sheetNames(xml);
  const block = /<definedNames>([\s\S]*?)<\/definedNames>/.exec(xml)?.[1] ?? "";
  return [...block.matchAll(/<definedName\b([^>]*?)(?:\/>|>([^<]*)<\/definedName>)/g)].map((m) => {
    const attrs = Object.fromEntries([...m[1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1]!, unescapeXml(a[2]!)]));
    const { name, localSheetId, ...rest } = attrs;
    return { name: name!, sheet: localSheetId === undefined ? undefined : sheets[Number(localSheetId)], text: unescapeXml(m[2] ?? ""), attrs: rest };
  });
}

function theOne(names: Name[], name: string, sheet?: string): Name {
  const found = names.filter((n) => n.name === name && n.sheet === sheet);
  expect([name, sheet, found.length]).toEqual([name, sheet, 1]);
  return found[0]!;
}

/** Every name once in its scope (Excel refuses a workbook with a name twice in one scope). */
function expectNoTwice(names: Name[]): void {
  const keys = names.map((n) => `${n.name.toLowerCase()}@${n.sheet ?? ""}`);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
}

/** The workbook part is well-formed XML. */
async function expectWellFormed(file: Uint8Array): Promise<void> {
  const xml = await (await JSZip.loadAsync(file)).file("xl/workbook.xml")!.async("string");
  const r = spawnSync("xmllint", ["--noout", "-"], { input: xml, encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  // <definedNames> after <sheets>, before <calcPr>, as CT_Workbook wants.
  expect(xml.indexOf("</sheets>")).toBeLessThan(xml.indexOf("<definedNames>"));
  expect(xml.indexOf("</definedNames>")).toBeLessThan(xml.indexOf("<calcPr"));
}

/** The demo scored, its chart sheet deleted by the user (the run adds it back, so every form moves one place), the user's names added. */
async function demoWithNames(): Promise<Uint8Array> {
  const withoutCharts = await edit(await scoredDemo(), (wb) => wb.removeWorksheet(wb.getWorksheet("Biểu đồ")!.id));
  return withNames(withoutCharts, userNames);
}

async function scoreInEnglish(file: Uint8Array): Promise<Uint8Array> {
  const host = await XlsxHost.fromBuffer(file, "ket-qua.xlsx");
  await runScoring(host, { lang: "en", projectVersion: "0.1.0", now: new Date("2024-06-08T00:00:00Z") });
  return host.toBuffer();
}

function expectUserNames(names: Name[], results: string): void {
  expect(theOne(names, "Rate").text).toBe("0.5");
  expect(theOne(names, "Ten").text).toBe('"abc"');
  expect(theOne(names, "Dong").text).toBe("OFFSET('Hướng dẫn'!$A$1,0,0,COUNTA('Hướng dẫn'!$A:$A),1)");
  expect(theOne(names, "Vung", "Sở Nội vụ").text).toBe("'Sở Nội vụ'!$D$9:$D$20");
  expect(theOne(names, "Vung", "Sở Tài chính").text).toBe("'Sở Tài chính'!$D$9:$D$20");
  expect(names.filter((n) => n.name === "Vung").map((n) => n.sheet).sort()).toEqual([results, "Sở Nội vụ", "Sở Tài chính"].sort());
  const hidden = theOne(names, "AnTen");
  expect(hidden).toEqual({ name: "AnTen", sheet: undefined, text: "'Hướng dẫn'!$B$2", attrs: { comment: COMMENT, hidden: "1" } });
  for (const n of ["Rate", "Ten", "Dong", "TongDiem"]) expect([n, theOne(names, n).attrs]).toEqual([n, {}]);
}

/** One print-titles name on each sheet that has one, naming that sheet: the results' and each form's. */
function expectPrintTitles(names: Name[], results: string): void {
  const titles = names.filter((n) => n.name === "_xlnm.Print_Titles");
  expect(theOne(names, "_xlnm.Print_Titles", results).text).toMatch(/!\$3:\$3$/);
  for (const t of titles) expect([t.sheet, t.text.includes(`'${t.sheet}'!`) || t.text.includes(`${t.sheet}!`)]).toEqual([t.sheet, true]);
  // The forms' titles: row 8 (their header), on each of the 21 forms.
  expect(titles.filter((t) => t.text.endsWith("!$8:$8")).length).toBe(21);
}

describe("the user's defined names, scored with the xlsx host", () => {
  test("a named constant, a text, a formula, two sheets' local names of one name, a hidden name with a comment and a structured reference are each there once as they were, however often the workbook is scored", async () => {
    const file = await demoWithNames();
    const once = await scoreAgain(file);
    const twice = await scoreAgain(once.out);
    for (const out of [once.out, twice.out]) {
      const names = await namesOf(out);
      expectUserNames(names, "Kết quả");
      expect(theOne(names, "Vung", "Kết quả").text).toBe("'Kết quả'!$D$4:$D$6");
      expect(theOne(names, "TongDiem").text).toBe("DTI_Results[Tổng điểm]");
      expectPrintTitles(names, "Kết quả");
      expectNoTwice(names);
      await expectWellFormed(out);
    }
    // The chart sheet is back, and the local names point at their sheets where these are now.
    const sheetsOf = async (f: Uint8Array) => sheetNames(await (await JSZip.loadAsync(f)).file("xl/workbook.xml")!.async("string"));
    const [before, after] = [await sheetsOf(file), await sheetsOf(once.out)];
    expect(after.indexOf("Biểu đồ")).toBeGreaterThanOrEqual(0);
    expect(after.indexOf("Sở Nội vụ")).not.toBe(before.indexOf("Sở Nội vụ"));
    expect(await namesOf(twice.out)).toEqual(await namesOf(once.out));
    // ExcelJS reads the workbook and the ranges it knows.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(twice.out as unknown as ArrayBuffer);
    expect(wb.getWorksheet("Sở Nội vụ")!.pageSetup.printTitlesRow).toBe("8:8");
  }, 120000);

  test("scored again in English, a name follows the results sheet renamed and the results table's renamed column", async () => {
    const out = await scoreInEnglish(await demoWithNames());
    const names = await namesOf(out);
    expectUserNames(names, "Results");
    expect(theOne(names, "Vung", "Results").text).toBe("Results!$D$4:$D$6");
    expect(theOne(names, "TongDiem").text).toBe("DTI_Results[Total points]");
    expectPrintTitles(names, "Results");
    expect(names.some((n) => n.sheet === "Kết quả" || n.text.includes("Kết quả"))).toBe(false);
    expectNoTwice(names);
    await expectWellFormed(out);
  }, 120000);

  test("a local name of a sheet the run deleted goes with it; the workbook's names stay", async () => {
    const wb = new ExcelJS.Workbook();
    for (const name of ["Ghi chép", "Results", "Tổng hợp"]) wb.addWorksheet(name).getCell("A1").value = 1;
    const original = await withNames(new Uint8Array(await wb.xlsx.writeBuffer()), (sheet) =>
      [
        `<definedName name="Goc" localSheetId="${sheet("Results")}">Results!$A$1</definedName>`,
        `<definedName name="Goc" localSheetId="${sheet("Tổng hợp")}">&apos;Tổng hợp&apos;!$A$1</definedName>`,
        `<definedName name="Rate">0.5</definedName>`,
      ].join(""),
    );
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(original as unknown as ArrayBuffer);
    read.removeWorksheet(read.getWorksheet("Results")!.id);
    const written = await preserveDrawings(original, new Uint8Array(await read.xlsx.writeBuffer()), { skipSheets: ["Results"] });
    const names = await namesOf(written);
    expect(names.map((n) => [n.name, n.sheet, n.text])).toEqual([
      ["Goc", "Tổng hợp", "'Tổng hợp'!$A$1"],
      ["Rate", undefined, "0.5"],
    ]);
    await expectWellFormed(written);
  });
});
