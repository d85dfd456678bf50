import { FORMAT, parseDefinition } from "../definition";
import type { IndicatorModel } from "../definition/model";
import { NOT_APPLICABLE_TEXT } from "../plan/labels";
import { scoreUnits } from "../score";
import type { CellValue } from "../types";
import { sampleModel } from "./fixtures";
import { csvToSnapshot } from "./csv";
import { readSubmissions } from "./read";
import { readCell, type CellReading } from "./values";

const model = sampleModel();
const read = (inputCode: string, v: CellValue, locale: "vi" | "en" | "auto" = "auto"): CellReading => {
  const input = model.inputs.get(inputCode)!;
  const indicator = model.nodes.get(input.indicator) as IndicatorModel;
  return readCell(v, { input, indicator, numberLocale: locale });
};
const valueOf = (r: CellReading): unknown => (r.kind === "value" ? r.value : r.kind);

describe("reading one cell for one input", () => {
  test.each([
    ["có", true], ["Có", true], ["CO", true], ["đạt", true], ["Đạt", true], ["yes", true], ["YES", true], ["x", true],
    ["X", true], ["1", true], ["TRUE", true], [true, true], [1, true],
    ["không", false], ["Khong", false], ["KHÔNG ĐẠT", false], ["không đạt", false], ["no", false], ["0", false],
    ["false", false], [false, false], [0, false],
  ] as [CellValue, boolean][])("a yes/no input reads %p as %p", (cell, expected) => {
    expect(valueOf(read("1.1", cell))).toBe(expected);
  });

  test("a yes/no input rejects an answer that is neither yes nor no", () => {
    expect(read("1.1", "có lẽ")).toMatchObject({ kind: "invalid", code: "not-a-boolean" });
    expect(read("1.1", 2)).toMatchObject({ kind: "invalid", code: "not-a-boolean" });
  });

  test.each([
    ["Chủ tịch", "Chủ tịch"], ["chu tich", "Chủ tịch"], ["  CHỦ TỊCH ", "Chủ tịch"], ["bí thư", "Chủ tịch"],
    ["BI THU", "Chủ tịch"], ["phó chủ tịch", "Phó Chủ tịch"], ["Chu\u0309 tịch", "Chủ tịch"],
  ])("a choice input reads %p as the option %p", (cell, expected) => {
    expect(valueOf(read("1.3", cell))).toBe(expected);
  });

  test("a choice that matches no option is an error that lists the options", () => {
    expect(read("1.3", "Giám đốc")).toEqual({
      kind: "invalid",
      code: "unknown-choice",
      raw: "Giám đốc",
      list: ["Chủ tịch", "Phó Chủ tịch", "Không"],
      // The options as a form in each language writes them: without names, their values in both.
      choices: ["Chủ tịch", "Phó Chủ tịch", "Không"].map((o) => ({ vi: o, en: o })),
    });
  });

  test("a percent input reads 85%, 0.85 and, with a note, a bare 85 as 0.85", () => {
    expect(read("2.1", "85%")).toMatchObject({ kind: "value", value: 0.85, notes: [] });
    expect(read("2.1", 0.85)).toMatchObject({ kind: "value", value: 0.85, notes: [] });
    expect(read("2.1", "0,85")).toMatchObject({ kind: "value", value: 0.85, notes: [] });
    expect(read("2.1", 85)).toMatchObject({ kind: "value", value: 0.85, notes: [{ code: "percent-as-number", value: 0.85 }] });
  });

  test("N/A, KAD and Không áp dụng (any case, with or without diacritics, composed or not) are a not-applicable answer, allowed only where the indicator allows it", () => {
    const nfd = "Không áp dụng".normalize("NFD");
    for (const text of ["N/A", "n/a", "KAD", "Không áp dụng", "khong ap dung", "KHÔNG ÁP DỤNG", "Khong Ap Dung", nfd, " không\u00a0áp  dụng ", ...Object.values(NOT_APPLICABLE_TEXT)]) {
      expect(read("2.1", text)).toMatchObject({ kind: "na", allowed: true });
      expect(read("1.10", text)).toMatchObject({ kind: "na", allowed: false });
    }
  });

  test("Excel error values are errors, never numbers", () => {
    for (const error of ["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?"]) {
      expect(read("1.10", { error })).toEqual({ kind: "invalid", code: "excel-error", raw: error });
      expect(read("1.1", { error })).toMatchObject({ kind: "invalid", code: "excel-error" });
    }
  });

  test("an Excel error written as text, as a CSV export holds it, is an Excel error and not text that is not a number", () => {
    for (const error of ["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"]) {
      expect(read("1.10", error)).toEqual({ kind: "invalid", code: "excel-error", raw: error });
      expect(read("1.1", ` ${error} `)).toMatchObject({ kind: "invalid", code: "excel-error", raw: error });
    }
    // Only the exact literal: "N/A" is a not-applicable answer, "#DIV/0" without "!" is just text.
    expect(read("1.10", "N/A")).toMatchObject({ kind: "na" });
    expect(read("1.10", "#DIV/0")).toMatchObject({ kind: "invalid", code: "not-a-number" });
  });

  test("number inputs check integers, bounds, points above the maximum and text that is not a number", () => {
    expect(read("1.2.a", 2.5)).toMatchObject({ kind: "invalid", code: "not-an-integer" });
    expect(read("1.2.a", -1)).toMatchObject({ kind: "invalid", code: "out-of-range", min: 0 });
    expect(read("2.2", 6)).toMatchObject({ kind: "invalid", code: "points-above-max", max: 5 });
    expect(read("2.2", 5)).toMatchObject({ kind: "value", value: 5 });
    expect(read("1.10", "1,5 lần")).toMatchObject({ kind: "invalid", code: "not-a-number", raw: "1,5 lần" });
    expect(read("1.10", true)).toMatchObject({ kind: "invalid", code: "not-a-number" });
  });

  test("points below 0 are out of range (0 to the indicator's max), never clipped to 0 silently", () => {
    expect(read("2.2", -2)).toEqual({ kind: "invalid", code: "out-of-range", raw: "-2", rawNumber: -2, min: 0, max: 5 });
    expect(read("2.2", "-0,5", "vi")).toMatchObject({ kind: "invalid", code: "out-of-range", min: 0, max: 5 });
    expect(read("2.2", 0)).toMatchObject({ kind: "value", value: 0 });
  });

  test("a fraction above 100% or below 0 is out of range (0% to 100%), never clipped silently", () => {
    expect(read("2.1", "120%")).toEqual({ kind: "invalid", code: "out-of-range", raw: "120%", min: 0, max: 1, percent: true });
    expect(read("2.1", -0.1)).toMatchObject({ kind: "invalid", code: "out-of-range", min: 0, max: 1, percent: true });
    expect(read("2.1", 150)).toMatchObject({ kind: "invalid", code: "out-of-range", percent: true });
    expect(read("2.1", "100%")).toMatchObject({ kind: "value", value: 1 });
    expect(read("2.1", 0)).toMatchObject({ kind: "value", value: 0 });
  });

  test("a fraction read from a plain number input is out of range above 1, shown without percent signs", () => {
    const r = parseDefinition({
      format: FORMAT, id: "t", version: "1", name: "T",
      root: { code: "R", name: "R", children: [{ code: "f", name: "f", max: 10, inputs: [{ code: "f", type: "number" }], rule: { kind: "fraction" } }] },
    });
    if (!r.ok) throw new Error("invalid test definition");
    const input = r.model.inputs.get("f")!;
    const reading = readCell(1.2, { input, indicator: r.model.nodes.get("f") as IndicatorModel, numberLocale: "auto" });
    expect(reading).toEqual({ kind: "invalid", code: "out-of-range", raw: "1.2", rawNumber: 1.2, min: 0, max: 1 });
  });

  test("a negative count is out of range (at least 0), never clipped silently", () => {
    const r = parseDefinition({
      format: FORMAT, id: "t", version: "1", name: "T",
      root: { code: "R", name: "R", children: [{ code: "c", name: "c", max: 10, rule: { kind: "count", pointsEach: 2 } }] },
    });
    if (!r.ok) throw new Error("invalid test definition");
    const ctx = { input: r.model.inputs.get("c")!, indicator: r.model.nodes.get("c") as IndicatorModel, numberLocale: "auto" as const };
    expect(readCell(-3, ctx)).toEqual({ kind: "invalid", code: "out-of-range", raw: "-3", rawNumber: -3, min: 0 });
    expect(readCell(3, ctx)).toMatchObject({ kind: "value", value: 3 });
  });

  test("a negative numerator or denominator of a ratio is out of range (at least 0), never clipped silently", () => {
    const r = parseDefinition({
      format: FORMAT, id: "t", version: "1", name: "T",
      root: { code: "R", name: "R", children: [{ code: "q", name: "q", max: 10, inputs: [{ code: "q.a", type: "number" }, { code: "q.b", type: "number" }], rule: { kind: "ratio", numerator: "q.a", denominator: "q.b" } }] },
    });
    if (!r.ok) throw new Error("invalid test definition");
    const ctx = (code: string) => ({ input: r.model.inputs.get(code)!, indicator: r.model.nodes.get("q") as IndicatorModel, numberLocale: "auto" as const });
    expect(readCell(-3, ctx("q.a"))).toEqual({ kind: "invalid", code: "out-of-range", raw: "-3", rawNumber: -3, min: 0 });
    expect(readCell(-1, ctx("q.b"))).toEqual({ kind: "invalid", code: "out-of-range", raw: "-1", rawNumber: -1, min: 0 });
    expect(readCell(0, ctx("q.b"))).toMatchObject({ kind: "value", value: 0 });
    expect(readCell(7.5, ctx("q.a"))).toMatchObject({ kind: "value", value: 7.5 });
  });

  test("a ratio's numerator and denominator declared with a negative min are read down to it; a negative quotient scores 0, one above 1 is capped with a warning", () => {
    const r = parseDefinition({
      format: FORMAT, id: "t", version: "1", name: "T",
      root: {
        code: "R", name: "R",
        children: [{ code: "G", name: "Tăng trưởng", max: 10, inputs: [{ code: "G.n", min: -100 }, { code: "G.d", min: -100 }], rule: { kind: "ratio", numerator: "G.n", denominator: "G.d" } }],
      },
    });
    if (!r.ok) throw new Error("invalid test definition");
    const ctx = (code: string) => ({ input: r.model.inputs.get(code)!, indicator: r.model.nodes.get("G") as IndicatorModel, numberLocale: "auto" as const });
    expect(readCell(-50, ctx("G.n"))).toMatchObject({ kind: "value", value: -50 });
    expect(readCell(-100, ctx("G.d"))).toMatchObject({ kind: "value", value: -100 });
    expect(readCell(-150, ctx("G.n"))).toEqual({ kind: "invalid", code: "out-of-range", raw: "-150", rawNumber: -150, min: -100 });
    const sheet = {
      name: "Số liệu",
      values: [
        ["Mã đơn vị", "Đơn vị", "G.n", "G.d"],
        ["A", "Âm trên dương", -50, 100],
        ["B", "Âm trên âm", -50, -100],
        ["C", "Vượt", -100, -50],
        ["D", "Dương trên âm", 50, -100],
      ] as CellValue[][],
    };
    const read = readSubmissions(r.model, { sheets: [sheet] });
    expect(read.submissions.map((s) => [s.values["G.n"], s.values["G.d"]])).toEqual([[-50, 100], [-50, -100], [-100, -50], [50, -100]]);
    expect(read.issues.map((i) => [i.code, i.cell, i.message.vi])).toEqual([
      ["numerator-exceeds-denominator", "C4", "Trang tính 'Số liệu', ô C4: tử số G.n (-100) chia cho mẫu số G.d (-50) lớn hơn 1; tỷ lệ được tính tối đa là 100% (chỉ tiêu G)."],
    ]);
    expect(read.issues[0]!.message.en).toBe("Sheet 'Số liệu', cell C4: the numerator G.n (-100) divided by the denominator G.d (-50) is more than 1; the ratio is capped at 100% (indicator G).");
    const units = scoreUnits(r.model, read.submissions).units;
    expect(units.map((u) => [u.nodes["G"]!.value, u.nodes["G"]!.points])).toEqual([[0, 0], [0.5, 5], [1, 10], [0, 0]]);
  });

  test("points on an indicator of max 0, which scores nothing whatever its figures, are never above its maximum: read, and scored 0", () => {
    const r = parseDefinition({
      format: FORMAT, id: "t", version: "1", name: "T",
      root: {
        code: "R", name: "R",
        children: [
          { code: "z", name: "Không tính điểm", max: 0, rule: { kind: "points" } },
          { code: "b", name: "b", max: 10, rule: { kind: "points" } },
        ],
      },
    });
    if (!r.ok) throw new Error("invalid test definition");
    const ctx = { input: r.model.inputs.get("z")!, indicator: r.model.nodes.get("z") as IndicatorModel, numberLocale: "auto" as const };
    expect(readCell(3, ctx)).toMatchObject({ kind: "value", value: 3 });
    // Negative points are still no points, and "1.860" is still read the locale's way, not narrowed to 1,86.
    expect(readCell(-1, ctx)).toEqual({ kind: "invalid", code: "out-of-range", raw: "-1", rawNumber: -1, min: 0 });
    expect(readCell("1.860", { ...ctx, numberLocale: "vi" })).toMatchObject({ kind: "value", value: 1860 });
    const read = readSubmissions(r.model, { sheets: [{ name: "Số liệu", values: [["Mã đơn vị", "Đơn vị", "z", "b"], ["U1", "Một", 3, 5]] }] });
    expect(read.issues).toEqual([]);
    const [unit] = scoreUnits(r.model, read.submissions).units;
    expect([unit!.nodes["z"]!.points, unit!.points, unit!.coverage]).toEqual([0, 5, 1]);
  });

  test("a number typed as text follows the definition's locale and notes an ambiguous reading", () => {
    expect(read("1.10", "1.860", "auto")).toMatchObject({ kind: "value", value: 1860, notes: [{ code: "ambiguous-number", value: 1860, other: 1.86 }] });
    expect(read("1.10", "1.860", "vi")).toMatchObject({ kind: "value", value: 1860, notes: [] });
    // In en, "1.860" is 1,86 with a decimal point, and 1860 the Vietnamese way: read the index's way,
    // silently unless the unit types figures the Vietnamese way (number-ways.test.ts).
    expect(read("1.10", "1.860", "en")).toEqual({ kind: "value", value: 1.86, raw: "1.860", notes: [] });
    // A whole number takes one reading only: that one, silently, as in auto.
    expect(read("1.2.b", "1.860", "en")).toEqual({ kind: "value", value: 1860, raw: "1.860", notes: [] });
  });

  test("a whole-number input takes the only reading it can hold, without a warning", () => {
    // 1,86 documents cannot be: "1.860" and "1,860" are 1860 for a count.
    expect(read("1.2.b", "1.860", "auto")).toEqual({ kind: "value", value: 1860, raw: "1.860", notes: [] });
    expect(read("1.2.b", "1,860", "auto")).toEqual({ kind: "value", value: 1860, raw: "1,860", notes: [] });
    // A reading outside the input's bounds is not a possible one either.
    expect(read("2.2", "4,500", "auto")).toEqual({ kind: "value", value: 4.5, raw: "4,500", notes: [] });
  });

  test("a blank cell is empty whatever the type", () => {
    for (const code of ["1.1", "1.3", "1.10", "2.1"]) {
      expect(read(code, null)).toEqual({ kind: "empty" });
      expect(read(code, "   ")).toEqual({ kind: "empty" });
    }
  });
});

describe("a percentage meets the threshold written with the same decimal, however it is typed", () => {
  // Steps at 16.4% and at most 56.7%, a target of at most 56.7%: each on a percent input.
  const r = parseDefinition({
    format: FORMAT, id: "t", version: "1", name: "T",
    root: {
      code: "R", name: "R",
      children: [
        { code: "p", name: "p", max: 10, inputs: [{ code: "p", type: "percent" }], rule: { kind: "steps", steps: [{ atLeast: 0.164, points: 10 }, { atLeast: 0, points: 5 }] } },
        { code: "q", name: "q", max: 10, inputs: [{ code: "q", type: "percent" }], rule: { kind: "steps", steps: [{ atMost: 0.567, points: 10 }, { atLeast: 0, points: 2 }] } },
        { code: "t", name: "t", max: 10, inputs: [{ code: "t", type: "percent" }], rule: { kind: "target", target: 0.567, direction: "lower" } },
      ],
    },
  });
  if (!r.ok) throw new Error("invalid test definition");
  const model = r.model;

  test.each([
    ["16,4%", "56,7%"],
    ["16.4%", "56.7%"],
    ["16,4", "56,7"], // a bare 16,4 on a percent input is 16.4%, with a note
    [16.4, 56.7], // a number cell holding 16.4, likewise
    [0.164, 0.567],
  ] as [CellValue, CellValue][])("16.4%% typed as %p and 56.7%% as %p score 10 points each", (p, q) => {
    const sheet = { name: "Số liệu", visible: true, values: [["Mã đơn vị", "Đơn vị", "p", "q", "t"], ["U1", "Sở Một", p, q, q]] as CellValue[][] };
    const read = readSubmissions(model, { sheets: [sheet] });
    expect(read.submissions[0]!.values).toEqual({ p: 0.164, q: 0.567, t: 0.567 });
    const nodes = scoreUnits(model, read.submissions).units[0]!.nodes;
    expect([nodes["p"]!.points, nodes["q"]!.points, nodes["t"]!.points]).toEqual([10, 10, 10]);
  });

  test("every one-decimal number from 1.1 to 100.0 in a percent input's cell reads as its fraction written in decimal", () => {
    const misread: string[] = [];
    for (let k = 11; k <= 1000; k++) {
      const fraction = Number(`${Math.floor(k / 1000)}.${String(k % 1000).padStart(3, "0")}`);
      const reading = read("2.1", k / 10);
      if (reading.kind !== "value" || reading.value !== fraction) misread.push(`${k / 10} → ${valueOf(reading)}`);
    }
    expect(misread).toEqual([]);
  });
});

describe("a percentage typed into a number input that is no percentage", () => {
  const r = parseDefinition({
    format: FORMAT,
    id: "phan-tram",
    version: "1",
    name: "Phần trăm",
    root: {
      code: "R",
      name: "Gốc",
      children: [
        {
          code: "1",
          name: "Tỷ lệ cán bộ được tập huấn (%)",
          max: 10,
          inputs: [{ code: "1", type: "number", min: 0 }],
          rule: { kind: "steps", steps: [{ atLeast: 80, fraction: 1 }, { atLeast: 0.5, fraction: 0.5 }] },
        },
        { code: "2", name: "Tỷ lệ hồ sơ trực tuyến", max: 10, inputs: [{ code: "2", type: "number" }], rule: { kind: "fraction" } },
        { code: "3", name: "Tỷ lệ đạt", max: 10, inputs: [{ code: "3", type: "number", min: 0, max: 1 }], rule: { kind: "steps", steps: [{ atLeast: 0.8, fraction: 1 }] } },
      ],
    },
  });
  if (!r.ok) throw new Error("invalid test definition");
  const model = r.model;

  test('is read as its fraction ("85%" → 0.85), with a warning naming the sheet and cell and what to write instead', () => {
    const sheet = { name: "Số liệu", visible: true, values: [["Mã đơn vị", "Đơn vị", "1", "2", "3"], ["U1", "Sở Một", "85%", "85%", "85%"]] as CellValue[][] };
    const read = readSubmissions(model, { sheets: [sheet] });
    expect(read.submissions[0]!.values).toEqual({ 1: 0.85, 2: 0.85, 3: 0.85 });
    const warnings = read.issues.filter((i) => i.code === "ambiguous-number");
    // Only on the input that is no fraction: a fraction rule's input, or one bounded by 1, means 85% as 0.85.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: "warning", sheet: "Số liệu", cell: "C2", node: "1" });
    expect(warnings[0]!.message.vi).toContain('"85%" được hiểu là 0,85; số liệu này không phải tỷ lệ phần trăm — nếu định ghi 85 thì hãy nhập 85');
    expect(warnings[0]!.message.en).toContain('"85%" is read as 0.85; this figure is not a percentage — write 85 if you meant 85');
    expect(warnings[0]!.message.vi).toMatch(/^Trang tính 'Số liệu', ô C2: /);
  });
});

describe("a bare figure of 1 or less in a percent input", () => {
  // A late-file rate: at most 2% late gives full points, more gives none.
  const r = parseDefinition({
    format: FORMAT, id: "tre-han", version: "1", name: "Trễ hạn",
    root: {
      code: "R", name: "R",
      children: [{ code: "tre", name: "Tỷ lệ hồ sơ trễ hạn", max: 20, inputs: [{ code: "tre", type: "percent" }], rule: { kind: "steps", steps: [{ atMost: 0.02, points: 20 }, { atLeast: 0, points: 0 }] } }],
    },
  });
  if (!r.ok) throw new Error("invalid test definition");
  const late = r.model;
  const ctx = { input: late.inputs.get("tre")!, indicator: late.nodes.get("tre") as IndicatorModel, numberLocale: "auto" as const };
  const table = (...rows: [string, string, CellValue][]) => ({
    name: "Số liệu",
    visible: true,
    values: [["Mã đơn vị", "Đơn vị", "tre"], ...rows] as CellValue[][],
  });
  const warnings = (rows: [string, string, CellValue][]) =>
    readSubmissions(late, { sheets: [table(...rows)] }).issues.filter((i) => i.code === "percent-as-fraction" || i.code === "percent-as-number");

  test("a bare 1 alone, a number cell or text, is 100% without a word (a cell formatted as a percentage holds 1 for 100%); 1%, 0,01 and 0,5 are what they say", () => {
    for (const cell of [1, "1"]) expect(readCell(cell, ctx)).toMatchObject({ kind: "value", value: 1, notes: [] });
    for (const [cell, value] of [["1%", 0.01], ["100%", 1], [0.01, 0.01], ["0,01", 0.01], [0.5, 0.5]] as const) expect(readCell(cell, ctx)).toMatchObject({ kind: "value", value, notes: [] });
    const read = readSubmissions(late, { sheets: [table(["A", "Sở Một", 1], ["B", "Sở Hai", "1"], ["C", "Sở Ba", "0,5"])] });
    expect(read.submissions.map((s) => s.values["tre"])).toEqual([1, 1, 0.5]);
    expect(read.issues.filter((i) => i.code === "percent-as-fraction" || i.code === "percent-as-number")).toEqual([]);
  });

  test("where other units write the input as bare percentages, a bare fraction other than 0 is said to be perhaps one too, and still read as the fraction", () => {
    const rows: [string, string, CellValue][] = [
      ["A", "Sở Một", 16.4],
      ["B", "Sở Hai", 0.5],
      ["C", "Sở Ba", "0,8"],
      ["D", "Sở Bốn", 0],
      ["E", "Sở Năm", "0,5%"],
      ["F", "Sở Sáu", "2,5"],
    ];
    const read = readSubmissions(late, { sheets: [table(...rows)] });
    expect(read.submissions.map((s) => s.values["tre"])).toEqual([0.164, 0.5, 0.8, 0, 0.005, 0.025]);
    const said = read.issues.filter((i) => i.code === "percent-as-fraction");
    expect(said.map((i) => [i.severity, i.cell, i.unit])).toEqual([
      ["warning", "C3", "B"],
      ["warning", "C4", "C"],
    ]);
    expect(said[0]!.message.vi).toBe(
      "Trang tính 'Số liệu', ô C3: 0,5 được đọc là 50%, trong khi 2 đơn vị khác ghi số liệu này là số phần trăm không kèm dấu % (Sở Một ghi 16,4, được đọc là 16,4%); nếu muốn ghi 0,5%, hãy ghi 0,5% hoặc 0,005 (chỉ tiêu tre).",
    );
    expect(said[0]!.message.en).toBe(
      "Sheet 'Số liệu', cell C3: 0.5 is read as 50%, while 2 other units write this figure as a percentage without a % sign (Sở Một wrote 16.4, read as 16.4%); if 0.5% was meant, write 0.5% or 0.005 (indicator tre).",
    );
    expect(said[1]!.message.en).toContain(`cell C4: "0,8" is read as 80%, while 2 other units write`);
    // One unit writing a bare percentage is named as "another unit".
    const one = warnings([["A", "Sở Một", 16.4], ["B", "Sở Hai", 0.5]]).find((i) => i.code === "percent-as-fraction")!;
    expect(one.message.vi).toContain("trong khi một đơn vị khác ghi số liệu này");
    expect(one.message.en).toContain("while another unit writes this figure");
  });

  test("where most units write fractions, the one bare percentage is said as such and the fractions are not in doubt", () => {
    const said = warnings([["A", "Sở Một", 0.5], ["B", "Sở Hai", 0.8], ["C", "Sở Ba", 1], ["D", "Sở Bốn", 0.95], ["E", "Sở Năm", 85]]);
    expect(said.map((i) => [i.code, i.cell])).toEqual([["percent-as-number", "C6"]]);
    // As many percentages as fractions: the fractions are said.
    expect(warnings([["A", "Sở Một", 12.5], ["B", "Sở Hai", 0.8]]).map((i) => [i.code, i.cell])).toEqual([
      ["percent-as-number", "C2"],
      ["percent-as-fraction", "C3"],
    ]);
  });

  test("a fraction in a cell that shows it as a percentage (a form's 0.0% cell) is not in doubt beside bare percentages", () => {
    const sheet = { ...table(["A", "Sở Một", 16.4], ["B", "Sở Hai", 0.5], ["C", "Sở Ba", 0.8]), percentCells: ["C3"] };
    const said = readSubmissions(late, { sheets: [sheet] }).issues.filter((i) => i.code === "percent-as-fraction");
    expect(said.map((i) => i.cell)).toEqual(["C4"]);
  });

  test("a column of fractions alone says nothing, and a bare 1 beside bare percentages is said once, with how to write 1%", () => {
    expect(warnings([["A", "Sở Một", 0.5], ["B", "Sở Hai", 0.8], ["C", "Sở Ba", "1%"], ["D", "Sở Bốn", 1]])).toEqual([]);
    const said = warnings([["A", "Sở Một", 16.4], ["B", "Sở Hai", 1]]);
    expect(said.map((i) => [i.code, i.cell])).toEqual([
      ["percent-as-number", "C2"],
      ["percent-as-fraction", "C3"],
    ]);
    expect(said[1]!.message.vi).toBe(
      "Trang tính 'Số liệu', ô C3: 1 được đọc là 100%, trong khi một đơn vị khác ghi số liệu này là số phần trăm không kèm dấu % (Sở Một ghi 16,4, được đọc là 16,4%); nếu muốn ghi 1%, hãy ghi 1% hoặc 0,01 (chỉ tiêu tre).",
    );
    // The reading is the spec's: 1 is 100%, and scores 0 of 20 (the warning is what tells the unit).
    const read = readSubmissions(late, { sheets: [table(["A", "Sở Một", 16.4], ["B", "Sở Hai", 1])] });
    expect(scoreUnits(late, read.submissions).units.map((u) => u.nodes["tre"]!.points)).toEqual([0, 0]);
  });
});

describe("scientific notation in a CSV file", () => {
  test('figures exported as "1e-05", "1.5E+2" or "1E4" are read and scored; a text with an e that is no such figure is still an error', () => {
    const points = sampleModel({ categories: undefined, root: { code: "R", name: "R", children: ["x", "y", "z"].map((code) => ({ code, name: code, max: 100000, rule: { kind: "points" } })) } });
    const csv = 'Mã đơn vị,Đơn vị,x,y,z\nA,Sở Một,1e-05,1.5E+2,1E4\nB,Sở Hai,2e,"1,5E+02",1.234.567e3\n';
    const read = readSubmissions(points, csvToSnapshot(csv, "so-lieu", "so-lieu.csv"));
    expect(read.submissions.map((s) => s.values)).toEqual([{ x: 1e-5, y: 150, z: 10000 }, { y: 150 }]);
    expect(read.issues.map((i) => [i.code, i.cell])).toEqual([
      ["not-a-number", "C3"],
      ["not-a-number", "E3"],
    ]);
    expect(scoreUnits(points, read.submissions).units[0]!.nodes["y"]!.points).toBe(150);
  });
});
