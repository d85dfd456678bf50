import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDefinition } from "../core/definition";
import { csvToSnapshot, parseCsv } from "../core/read/csv";
import { readSubmissions } from "../core/read";
import { roundHalfUp, scoreUnits } from "../core/score";
import type { Submission } from "../core/types";
import { findBuiltin } from "./index";

/** Columns of the published table → codes of the main indicators (6, smart city, is not scored or published). */
const COLUMNS: Record<string, string> = {
  nhan_thuc_so: "1",
  the_che_so: "2",
  ha_tang_so: "3",
  nhan_luc_so: "4",
  an_toan_thong_tin_mang: "5",
  hoat_dong_chinh_quyen_so: "7",
  hoat_dong_kinh_te_so: "8",
  hoat_dong_xa_hoi_so: "9",
};

function model() {
  const parsed = parseDefinition(findBuiltin("dti-tinh-922-2022")!.definition);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.model;
}

function published(): { submissions: Submission[]; rows: { province: string; rank: number; pdti: number }[] } {
  const { rows } = parseCsv(readFileSync(join(__dirname, "../../test/fixtures/dti-2022-top5.csv")));
  const [header, ...body] = rows;
  const col = (name: string) => header!.indexOf(name);
  const submissions = body.map((r, i) => ({
    code: `T${i + 1}`,
    name: r[col("province")]!,
    values: Object.fromEntries(Object.entries(COLUMNS).map(([column, code]) => [code, Number(r[col(column)])])),
    // The published table has no smart-city figure: answered "Không áp dụng".
    notApplicable: ["6"],
  }));
  return {
    submissions,
    rows: body.map((r) => ({ province: r[col("province")]!, rank: Number(r[col("rank")]), pdti: Number(r[col("pdti")]) })),
  };
}

describe("provincial DTI, Decision 922/QĐ-BTTTT", () => {
  test("the index is worth 1,000 points: 500 for the foundation group, 500 for the activity group, smart city not scored", () => {
    const m = model();
    expect(m.root.max).toBe(1000);
    expect(m.topCodes).toEqual(["I", "II"]);
    expect(m.nodes.get("I")!.max).toBe(500);
    expect(m.nodes.get("II")!.max).toBe(500);
    expect(["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((c) => m.nodes.get(c)!.max)).toEqual([100, 100, 100, 100, 100, 0, 200, 150, 150]);
  });

  test("scoring the five first provinces of 2022 gives their published DTI values to 4 decimals and ranks 1 to 5", () => {
    const { submissions, rows } = published();
    expect(rows.map((r) => r.province)).toEqual(["TP. Đà Nẵng", "TP. Hồ Chí Minh", "Quảng Ninh", "Thừa Thiên - Huế", "TP. Cần Thơ"]);
    const table = scoreUnits(model(), submissions);
    table.units.forEach((unit, i) => {
      const row = rows[i]!;
      expect(unit.name).toBe(row.province);
      const value = roundHalfUp(unit.value!, 4);
      if (row.province === "TP. Hồ Chí Minh") {
        // The published main-indicator values are themselves rounded: HCMC's total comes out
        // 716.355 points, 0.7164, against a published 0.7163 (the README notes this).
        expect(Math.abs(value - row.pdti)).toBeLessThanOrEqual(0.0001 + 1e-12);
      } else {
        expect(value).toBe(row.pdti);
      }
      expect(unit.points).toBeCloseTo(unit.value! * 1000, 9);
      expect(unit.rank).toBe(row.rank);
      expect(unit.coverage).toBe(1);
      expect(unit.missingInputs).toEqual([]);
    });
  });

  test("groups I and II are ranked by the tool, and the description says in both languages that those ranks are not published ones", () => {
    const m = model();
    expect(m.definition.ranking.nodes).toBe("top");
    const table = scoreUnits(m, published().submissions);
    // Hồ Chí Minh City is 2nd overall but 4th on the foundation group: a rank the DTI does not publish.
    expect(table.units.map((u) => u.nodes["I"]!.rank)).toEqual([1, 4, 5, 3, 2]);
    expect(m.definition.description).toMatchObject({
      vi: expect.stringContaining("Hạng của nhóm I và nhóm II trên bảng kết quả do công cụ này tính"),
      en: expect.stringContaining("The ranks the results show for groups I and II are this tool's"),
    });
  });

  test("the published table saved as CSV without the smart-city column: one note that 6 scores nothing, no warning, full coverage, the published ranks", () => {
    const { submissions, rows } = published();
    const scored = ["1", "2", "3", "4", "5", "7", "8", "9"];
    const csv = [
      ["Mã tỉnh", "Tỉnh", ...scored].join(","),
      ...submissions.map((s) => [s.code, `"${s.name}"`, ...scored.map((c) => String(s.values[c]))].join(",")),
    ].join("\n");
    const m = model();
    const read = readSubmissions(m, csvToSnapshot(csv, "dti", "dti.csv"));
    expect(read.issues.filter((i) => i.severity !== "info")).toEqual([]);
    const column = read.issues.filter((i) => i.code === "missing-row");
    expect(column.map((i) => [i.severity, i.node, i.message.vi, i.message.en])).toEqual([
      [
        "info",
        "6",
        "Tệp dti.csv, dòng 1: bảng không có cột cho chỉ tiêu 6; chỉ tiêu này không tính điểm nên kết quả không đổi.",
        "File dti.csv, row 1: the table has no column for indicator 6; it scores nothing, so no result changes.",
      ],
    ]);
    const table = scoreUnits(m, read.submissions);
    expect(table.units.map((u) => u.coverage)).toEqual([1, 1, 1, 1, 1]);
    expect(table.units.map((u) => u.rank)).toEqual(rows.map((r) => r.rank));
    expect(table.units.map((u) => u.code)).toEqual(["T1", "T2", "T3", "T4", "T5"]);
  });

  test("the published table as it is (its columns headed nhan_thuc_so, the_che_so…, by the indicators' names): read as it stands, published values and ranks, one note for the smart-city column", () => {
    const m = model();
    const read = readSubmissions(m, csvToSnapshot(readFileSync(join(__dirname, "../../test/fixtures/dti-2022-top5.csv")), "dti-2022-top5", "dti-2022-top5.csv"));
    // The missing smart-city column is said once, for the table, not again on each province's row.
    expect(read.issues.map((i) => [i.severity, i.code, i.node])).toEqual([["info", "missing-row", "6"]]);
    const table = scoreUnits(m, read.submissions);
    const { rows } = published();
    expect(table.units.map((u) => u.name)).toEqual(rows.map((r) => r.province));
    expect(table.units.map((u) => u.rank)).toEqual(rows.map((r) => r.rank));
    table.units.forEach((u, i) => {
      // HCMC's 716.355 points round to 0.7164 against a published 0.7163 (see above).
      expect(Math.abs(roundHalfUp(u.value!, 4) - rows[i]!.pdti)).toBeLessThanOrEqual(u.name === "TP. Hồ Chí Minh" ? 0.0001 + 1e-12 : 0);
      expect(u.coverage).toBe(1);
    });
  });

  test("a table without a scored column still gets its warning, the smart-city column apart as a note", () => {
    const csv = ["Mã tỉnh,Tỉnh,1,2,4,5,7,8,9", "T1,TP. Đà Nẵng,1,0.9,0.8487,0.7578,0.8575,0.7836,0.5197"].join("\n");
    const read = readSubmissions(model(), csvToSnapshot(csv, "dti", "dti.csv"));
    const column = read.issues.filter((i) => i.code === "missing-row");
    expect(column.map((i) => [i.severity, i.message.vi])).toEqual([
      ["warning", "Tệp dti.csv, dòng 1: bảng không có cột cho chỉ tiêu 3."],
      ["info", "Tệp dti.csv, dòng 1: bảng không có cột cho chỉ tiêu 6; chỉ tiêu này không tính điểm nên kết quả không đổi."],
    ]);
    const [daNang] = scoreUnits(model(), read.submissions).units;
    expect(daNang!.coverage).toBeCloseTo(7 / 8, 12);
  });

  test("Đà Nẵng's points add up group by group: 100 per foundation indicator, 200 and 150 for the activity ones", () => {
    const { submissions } = published();
    const [daNang] = scoreUnits(model(), submissions.slice(0, 1)).units;
    expect(daNang!.nodes["I"]!.points).toBeCloseTo(100 + 90 + 82.53 + 84.87 + 75.78, 9);
    expect(daNang!.nodes["II"]!.points).toBeCloseTo(0.8575 * 200 + 0.7836 * 150 + 0.5197 * 150, 9);
    expect(daNang!.nodes["6"]!.reason).toBe("answered-na");
    expect(daNang!.points).toBeCloseTo(800.175, 9);
  });
});
