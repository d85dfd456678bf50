/**
 * missing: "exclude" as the format words it: a child is not available "when all of its inputs are
 * missing"; an indicator given in part scores 0, as under "zero", so that no unit gains by leaving
 * a figure blank. What the reader says of it is pinned too, in both languages.
 */
import { csvToSnapshot } from "../read/csv";
import { readSubmissions } from "../read";
import type { CellValue, Issue } from "../types";
import { resultIssues } from "./issues";
import { scoreUnits } from "./score";
import { modelOf, unit } from "./test-helpers";

/** The audit's index: indicator 1 yes/no (10 points), indicator 2 the ratio 2.a ÷ 2.b (10 points). */
const auditDefinition = (missing: "zero" | "exclude") => ({
  missing,
  root: {
    code: "R",
    name: "Root",
    children: [
      { code: "1", name: "Có/không", max: 10, rule: { kind: "boolean" } },
      {
        code: "2",
        name: "Tỷ lệ",
        max: 10,
        inputs: [{ code: "2.a" }, { code: "2.b" }],
        rule: { kind: "ratio", numerator: "2.a", denominator: "2.b" },
      },
    ],
  },
});
const audit = (missing: "zero" | "exclude") => modelOf(auditDefinition(missing));

const csv = (rows: string[]) => csvToSnapshot(["Mã đơn vị,Đơn vị,1,2.a,2.b", ...rows].join("\n") + "\n", "excl", "excl.csv");
const said = (issues: Issue[]) => issues.map((i) => [i.code, i.severity, i.cell, i.message.vi, i.message.en]);

describe('missing: "exclude" leaves out an indicator only when all of its inputs are missing', () => {
  test("a ratio with its numerator blank and its denominator given scores 0: the unit ranks below one that reported 1 of 10", () => {
    const model = audit("exclude");
    const reading = readSubmissions(model, csv(["A,Sở A,có,1,10", "B,Sở B,có,,10"]));
    const table = scoreUnits(model, reading.submissions);
    const [a, b] = table.units;
    expect([a!.points, a!.rank]).toEqual([11, 1]);
    expect([b!.points, b!.rank]).toEqual([10, 2]);
    expect(b!.nodes["2"]).toMatchObject({
      value: 0,
      points: 0,
      available: true,
      missingScoredZero: true,
      coverage: 0,
    });
    expect(b!.missingInputs).toEqual(["2.a"]);
    expect(b!.coverage).toBe(0.5);
    // The reader says that it scores 0, as a warning (as under "zero"), and why it is not left out.
    expect(said(reading.issues)).toEqual([
      [
        "missing-input",
        "warning",
        "D3",
        "Tệp excl.csv, dòng 3, cột D: chưa có số liệu 2.a của chỉ tiêu 2; chỉ tiêu này được tính 0 điểm vì đã có số liệu 2.b (chỉ khi thiếu mọi số liệu, chỉ tiêu mới không được tính khi tổng hợp điểm).",
        "File excl.csv, row 3, column D: no value for input 2.a of indicator 2; the indicator scores 0, since input 2.b has a value (an indicator is left out of the aggregation only when all its inputs are missing).",
      ],
    ]);
    // Nothing more is said after scoring: a missing input is no invalid result.
    expect(resultIssues(model, reading.submissions, table)).toEqual([]);
  });

  test("the same figures under missing: zero score alike", () => {
    const model = audit("zero");
    const table = scoreUnits(model, readSubmissions(model, csv(["A,Sở A,có,1,10", "B,Sở B,có,,10"])).submissions);
    expect(table.units.map((u) => [u.points, u.rank])).toEqual([
      [11, 1],
      [10, 2],
    ]);
  });

  test("a denominator blank beside a numerator given scores 0 too, and an unreadable figure is no value", () => {
    const model = audit("exclude");
    const reading = readSubmissions(model, csv(["A,Sở A,có,1,10", "C,Sở C,có,3,", "D,Sở D,có,abc,"]));
    const table = scoreUnits(model, reading.submissions);
    expect(table.units[1]!.nodes["2"]).toMatchObject({
      value: 0,
      available: true,
      missingScoredZero: true,
    });
    expect(table.units[1]!.points).toBe(10);
    // D: "abc" is not a number and 2.b is blank: nothing usable is given, so the indicator is left out.
    expect(table.units[2]!.nodes["2"]).toMatchObject({
      value: null,
      available: false,
      reason: "missing",
    });
    expect(table.units[2]!.points).toBe(20);
    expect(reading.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([
      ["missing-input", "warning", "E3"],
      ["not-a-number", "error", "D4"],
      ["missing-input", "info", "E4"],
    ]);
    expect(reading.issues[0]!.message.en).toContain("no value for input 2.b of indicator 2; the indicator scores 0, since input 2.a has a value");
    expect(reading.issues[2]!.message.vi).toBe("Tệp excl.csv, dòng 4, cột E: chưa có số liệu 2.b của chỉ tiêu 2; chỉ tiêu này không được tính khi tổng hợp điểm.");
  });

  test("with every input blank the indicator is not available and the others are rescaled to the group's max", () => {
    const model = audit("exclude");
    const reading = readSubmissions(model, csv(["A,Sở A,có,1,10", "E,Sở E,có,,"]));
    const e = scoreUnits(model, reading.submissions).units[1]!;
    expect(e.nodes["2"]).toMatchObject({
      value: null,
      points: null,
      available: false,
      reason: "missing",
    });
    expect(e.nodes["2"]!.missingScoredZero).toBeUndefined();
    expect([e.value, e.points]).toEqual([1, 20]);
    expect(e.missingInputs).toEqual(["2.a", "2.b"]);
    expect(said(reading.issues)).toEqual([
      [
        "missing-input",
        "info",
        "D3",
        "Tệp excl.csv, dòng 3, cột D: chưa có số liệu 2.a của chỉ tiêu 2; chỉ tiêu này không được tính khi tổng hợp điểm.",
        "File excl.csv, row 3, column D: no value for input 2.a of indicator 2; the indicator is left out of the aggregation.",
      ],
      [
        "missing-input",
        "info",
        "E3",
        "Tệp excl.csv, dòng 3, cột E: chưa có số liệu 2.b của chỉ tiêu 2; chỉ tiêu này không được tính khi tổng hợp điểm.",
        "File excl.csv, row 3, column E: no value for input 2.b of indicator 2; the indicator is left out of the aggregation.",
      ],
    ]);
  });

  test("an indicator a submission lists as N/A where the index allows none has every input missing", () => {
    const u = scoreUnits(audit("exclude"), [unit("F", { "1": true, "2.a": 1, "2.b": 10 }, { notApplicable: ["2"] })]).units[0]!;
    expect(u.nodes["2"]).toMatchObject({ available: false, reason: "missing" });
    expect(u.missingInputs).toEqual(["2.a", "2.b"]);
  });
});

describe('an expr rule under missing: "exclude": the inputs it references, only those its evaluation needs missing', () => {
  const model = modelOf({
    missing: "exclude",
    root: {
      code: "R",
      name: "Root",
      children: [
        { code: "k", name: "Khác", max: 10, rule: { kind: "points" } },
        {
          code: "x",
          name: "Tỷ lệ khi có",
          max: 10,
          inputs: [
            { code: "has", type: "boolean" },
            { code: "rate", type: "percent" },
          ],
          rule: { kind: "expr", expr: "IF([has], [rate], 1)" },
        },
      ],
    },
  });

  test("an IF branch not taken needs nothing; the branch taken blank beside its condition scores 0; nothing at all is left out", () => {
    const table = scoreUnits(model, [
      unit("no", { k: 5, has: false }),
      unit("blank-rate", { k: 5, has: true }),
      unit("nothing", { k: 5 }),
      unit("rate-only", { k: 5, rate: 0.6 }),
    ]);
    const [no, blankRate, nothing, rateOnly] = table.units;
    expect(no!.nodes["x"]).toMatchObject({
      value: 1,
      points: 10,
      available: true,
    });
    expect(no!.missingInputs).toEqual([]);
    expect(blankRate!.nodes["x"]).toMatchObject({
      value: 0,
      points: 0,
      available: true,
      missingScoredZero: true,
    });
    expect(blankRate!.missingInputs).toEqual(["rate"]);
    expect(blankRate!.points).toBe(5);
    // The condition blank: only it is missing (which branch is needed is not known), and nothing is given.
    expect(nothing!.nodes["x"]).toMatchObject({
      value: null,
      available: false,
      reason: "missing",
    });
    expect(nothing!.missingInputs).toEqual(["has"]);
    expect(nothing!.points).toBe(10); // 5 of 10, rescaled to the root's 20
    // rate is referenced and given: the blank condition makes the indicator 0, not left out.
    expect(rateOnly!.nodes["x"]).toMatchObject({
      value: 0,
      available: true,
      missingScoredZero: true,
    });
    expect(rateOnly!.missingInputs).toEqual(["has"]);
    expect(rateOnly!.points).toBe(5);
  });

  test("the reader's findings say the same, in both languages", () => {
    const snapshot = csvToSnapshot("Mã đơn vị,Đơn vị,k,has,rate\nU1,Sở Một,5,có,\nU2,Sở Hai,5,,\nU3,Sở Ba,5,không,\n", "t", "t.csv");
    const reading = readSubmissions(model, snapshot);
    expect(said(reading.issues)).toEqual([
      [
        "missing-input",
        "warning",
        "E2",
        "Tệp t.csv, dòng 2, cột E: chưa có số liệu rate của chỉ tiêu x; chỉ tiêu này được tính 0 điểm vì đã có số liệu has (chỉ khi thiếu mọi số liệu, chỉ tiêu mới không được tính khi tổng hợp điểm).",
        "File t.csv, row 2, column E: no value for input rate of indicator x; the indicator scores 0, since input has has a value (an indicator is left out of the aggregation only when all its inputs are missing).",
      ],
      [
        "missing-input",
        "info",
        "D3",
        "Tệp t.csv, dòng 3, cột D: chưa có số liệu has của chỉ tiêu x; chỉ tiêu này không được tính khi tổng hợp điểm.",
        "File t.csv, row 3, column D: no value for input has of indicator x; the indicator is left out of the aggregation.",
      ],
    ]);
    expect(scoreUnits(model, reading.submissions).units.map((u) => u.points)).toEqual([5, 10, 15]);
  });
});

describe('a form without the row of an input, under missing: "exclude"', () => {
  const model = modelOf({ ...auditDefinition("exclude"), id: "t" });
  const form = (rows: [string, CellValue][]) => ({
    sheets: [
      {
        name: "Sở B",
        values: [
          ["Đơn vị", "Sở B"],
          ["Mã đơn vị", "B"],
          ["Bộ chỉ số", "t@1"],
          [],
          ["Mã", "Nội dung", "Số liệu"],
          ...rows.map(([c, v]) => [c, c, v]),
        ] as CellValue[][],
      },
    ],
  });

  test("says 0 points when another input of the indicator is given, left out when none is", () => {
    const partial = readSubmissions(
      model,
      form([
        ["1", "có"],
        ["2.b", 10],
      ]),
    );
    expect(said(partial.issues)).toEqual([
      [
        "missing-row",
        "warning",
        "A5",
        "Trang tính 'Sở B', ô A5: bảng không có dòng cho số liệu 2.a của chỉ tiêu 2; chỉ tiêu 2 được tính như thiếu số liệu (0 điểm vì đã có số liệu 2.b).",
        "Sheet 'Sở B', cell A5: the table has no row for input 2.a of indicator 2; indicator 2 is scored as missing (0 points, since input 2.b has a value).",
      ],
    ]);
    expect(scoreUnits(model, partial.submissions).units[0]!.points).toBe(10);

    const none = readSubmissions(
      model,
      form([
        ["1", "có"],
        ["2.b", null],
      ]),
    );
    expect(none.issues.map((i) => [i.code, i.message.vi])).toEqual([
      ["missing-input", "Trang tính 'Sở B', ô C7: chưa có số liệu 2.b của chỉ tiêu 2; chỉ tiêu này không được tính khi tổng hợp điểm."],
      [
        "missing-row",
        "Trang tính 'Sở B', ô A5: bảng không có dòng cho số liệu 2.a của chỉ tiêu 2; chỉ tiêu 2 được tính như thiếu số liệu (không được tính khi tổng hợp điểm).",
      ],
    ]);
    expect(scoreUnits(model, none.submissions).units[0]!.points).toBe(20);
  });
});
