/**
 * A table of units whose code column is headed as the index calls its units ("Mã tỉnh", "Mã quốc
 * gia", "Country code"), as the results table heads it: the codes are read, not left out. A results
 * table saved as CSV, the figures put beside it, is read back with its units' codes.
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../definition";
import type { IndexModel } from "../definition/model";
import type { Lang } from "../i18n/text";
import { runScoring } from "../pipeline";
import { XlsxHost } from "../../hosts/xlsx/host";
import { findBuiltin } from "../../indices";
import { csvToSnapshot } from "./csv";
import { readSubmissions } from "./read";
import { scoreUnits } from "../score";

jest.setTimeout(30_000);

function model(id: string): IndexModel {
  const parsed = parseDefinition(findBuiltin(id)!.definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

/** The five first provinces of DTI 2022, their eight scored main indicators (6 answered N/A). */
const DTI_2022: [string, string, string[]][] = [
  ["T1", "TP. Đà Nẵng", ["1.0000", "0.9000", "0.8253", "0.8487", "0.7578", "Không áp dụng", "0.8575", "0.7836", "0.5197"]],
  ["T2", "TP. Hồ Chí Minh", ["0.8917", "0.9000", "0.8258", "0.6267", "0.5580", "Không áp dụng", "0.8406", "0.7611", "0.3590"]],
  ["T3", "Quảng Ninh", ["0.9581", "0.9000", "0.7648", "0.6250", "0.5382", "Không áp dụng", "0.8385", "0.5904", "0.4505"]],
];
const INDICATORS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

const csvLine = (cells: unknown[]) => cells.map((c) => (typeof c === "string" && /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c ?? ""))).join(",");

describe("a table whose code column is headed as the index calls its units", () => {
  test.each([
    ["dti-tinh-922-2022", "Mã tỉnh", "Tỉnh"],
    ["dti-tinh-922-2022", "Province code", "Province"],
    ["dti-tinh-922-2022", "MÃ TỈNH", "tỉnh"],
  ])("%s: “%s” beside “%s” is read as the units' codes", (id, codeHeader, nameHeader) => {
    const csv = [csvLine([codeHeader, nameHeader, ...INDICATORS]), ...DTI_2022.map(([code, name, values]) => csvLine([code, name, ...values]))].join("\n");
    const read = readSubmissions(model(id), csvToSnapshot(csv, "dti5b", "dti5b.csv"));
    expect(read.layout).toBe("B");
    expect(read.submissions.map((s) => [s.code, s.name])).toEqual(DTI_2022.map(([code, name]) => [code, name]));
    expect(read.issues.filter((i) => i.severity !== "info")).toEqual([]);
  });

  test("the HDI's “Mã quốc gia” and “Country code” columns give the countries' codes, which the ranking's exclusions name", () => {
    for (const [code, name] of [
      ["Mã quốc gia", "Quốc gia"],
      ["Country code", "Country"],
    ]) {
      const csv = [`${code},${name},le,eys,mys,gnipc`, "CIV,Côte d'Ivoire,58.916,10.10165024,4.23697763,5376.396062", "ZZK.WORLD,World,72.0,12.9,8.6,17254"].join("\n");
      const hdi = model("undp-hdi");
      const read = readSubmissions(hdi, csvToSnapshot(csv, "l5", "l5.csv"));
      expect(read.submissions.map((s) => s.code)).toEqual(["CIV", "ZZK.WORLD"]);
      const [civ, world] = scoreUnits(hdi, read.submissions).units;
      expect([civ!.rank, world!.rank, world!.notRankedReason]).toEqual([1, null, "excluded"]);
    }
  });

  test("an index without a unit label keeps “Mã đơn vị”; “Mã tỉnh” is no code column of its own there", () => {
    const definition = JSON.parse(JSON.stringify(findBuiltin("dti-tinh-922-2022")!.definition)) as { unitLabel?: unknown };
    delete definition.unitLabel;
    const parsed = parseDefinition(definition);
    if (!parsed.ok) throw new Error("no unitLabel");
    const csv = ["Mã tỉnh,Mã đơn vị,Đơn vị,1", "X,T1,TP. Đà Nẵng,1"].join("\n");
    const read = readSubmissions(parsed.model, csvToSnapshot(csv, "t", "t.csv"));
    expect(read.submissions.map((s) => s.code)).toEqual(["T1"]);
  });

  test.each(["vi", "en"] as Lang[])("the results table (%s) saved as CSV with the figures beside it is read back with its codes and scores as before", async (lang) => {
    // A consolidated sheet scored into a results table…
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Tổng hợp");
    sheet.addRow(["Mã đơn vị", "Đơn vị", ...INDICATORS]);
    for (const [code, name, values] of DTI_2022) sheet.addRow([code, name, ...values.map((v) => (v === "Không áp dụng" ? v : Number(v)))]);
    const host = await XlsxHost.fromBuffer(new Uint8Array(await workbook.xlsx.writeBuffer()), "tong-hop.xlsx");
    const definition = findBuiltin("dti-tinh-922-2022")!.definition;
    const first = await runScoring(host, { definition, lang, projectVersion: "test" });
    const snapshot = await host.read();
    const results = snapshot.sheets.find((s) => s.name === (lang === "vi" ? "Kết quả" : "Results"))!;
    const header = results.values.findIndex((row) => row.includes(lang === "vi" ? "Mã tỉnh" : "Province code"));
    expect(header).toBeGreaterThanOrEqual(0);
    const codeColumn = results.values[header]!.indexOf(lang === "vi" ? "Mã tỉnh" : "Province code");
    expect(results.values[header]![codeColumn + 1]).toBe(lang === "vi" ? "Tỉnh" : "Province");
    // …saved as CSV, as it is, the figures of each unit put at the end of its row, and scored again.
    const units = results.values.slice(header + 1).filter((row) => typeof row[codeColumn] === "string" && row[codeColumn] !== "");
    expect(units).toHaveLength(DTI_2022.length);
    const figures = new Map(DTI_2022.map(([code, , values]) => [code, values]));
    const csv = [
      csvLine([...results.values[header]!, ...INDICATORS]),
      ...units.map((row) => csvLine([...row, ...figures.get(String(row[codeColumn]))!])),
    ].join("\n");
    const again = readSubmissions(first.model, csvToSnapshot(csv, "ket-qua", "ket-qua.csv"));
    expect(again.layout).toBe("B");
    expect(again.submissions.map((s) => [s.code, s.name])).toEqual(DTI_2022.map(([code, name]) => [code, name]));
    expect(again.issues.filter((i) => i.severity !== "info")).toEqual([]);
    const before = new Map(first.table.units.map((u) => [u.code, u.points]));
    for (const u of scoreUnits(first.model, again.submissions).units) expect(u.points).toBeCloseTo(before.get(u.code)!, 9);
  });
});
