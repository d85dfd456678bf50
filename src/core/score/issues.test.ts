import type { Submission } from "../types";
import { invalidResults, resultIssues, scoreUnits } from "./index";
import { modelOf, unit } from "./test-helpers";

const inputs = [{ code: "n" }, { code: "d" }];

describe("invalid-result issues", () => {
  const definition = (missing: "zero" | "exclude" = "zero") => ({
    missing,
    root: {
      code: "T",
      name: "Tổng",
      children: [
        { code: "1", name: "Tỷ lệ", max: 50, rule: { kind: "fraction" } },
        { code: "2.1", name: "Hiệu quả", max: 50, inputs, rule: { kind: "expr", expr: "MIN(1, [n] / [d])" } },
      ],
    },
  });

  it("reports an expr rule with no finite result, unit by unit, and not an honest 0 or a missing input", () => {
    const model = modelOf(definition());
    const units = [unit("H", { "1": 0.9, n: 0, d: 10 }), unit("Z", { "1": 0.9, n: 0, d: 0 }), unit("M", { "1": 0.9, n: 1 })];
    const table = scoreUnits(model, units);
    expect(invalidResults(model, units, table).map((f) => [f.unit, f.node, f.failure.kind, f.inputs])).toEqual([[1, "2.1", "division-by-zero", ["d"]]]);
    const [issue, ...rest] = resultIssues(model, units, table);
    expect(rest).toEqual([]);
    // No sheet known (a submission built by hand): the sentence starts with the indicator.
    expect(issue).toEqual({
      severity: "error",
      code: "invalid-result",
      unit: "Z",
      node: "2.1",
      message: {
        vi: "Không tính được chỉ tiêu 2.1 từ số liệu của đơn vị (phép chia cho 0: [d] bằng 0); chỉ tiêu được tính 0 điểm.",
        en: "Indicator 2.1 cannot be computed from the unit's values (division by zero: [d] is 0); it scores 0.",
      },
    });
  });

  it("names the sheet and the cell of the input at fault when the submission came from a sheet", () => {
    const model = modelOf(definition("exclude"));
    const z: Submission = { ...unit("Z", { "1": 0.9, n: 4, d: 0 }), source: { layout: "B", sheet: "Số liệu", row: 3, cells: { "1": "C3", n: "D3", d: "E3" } } };
    const [issue] = resultIssues(model, [z], scoreUnits(model, [z]));
    expect(issue).toMatchObject({ sheet: "Số liệu", cell: "E3", unit: "Z", node: "2.1" });
    expect(issue!.message.vi).toBe(
      "Trang tính 'Số liệu', ô E3: không tính được chỉ tiêu 2.1 từ số liệu của đơn vị (phép chia cho 0: [d] bằng 0); chỉ tiêu không được tính điểm.",
    );
  });

  it("speaks of the file, row and column when the submission came from a CSV file", () => {
    const model = modelOf(definition("exclude"));
    const z: Submission = { ...unit("Z", { "1": 0.9, n: 4, d: 0 }), source: { layout: "B", sheet: "so-lieu", file: "so-lieu.csv", row: 3, cells: { "1": "C3", n: "D3", d: "E3" } } };
    const [issue] = resultIssues(model, [z], scoreUnits(model, [z]));
    expect(issue).toMatchObject({ sheet: "so-lieu", cell: "E3" });
    expect(issue!.message.vi).toMatch(/^Tệp so-lieu\.csv, dòng 3, cột E: không tính được chỉ tiêu 2\.1/);
    expect(issue!.message.en).toMatch(/^File so-lieu\.csv, row 3, column E: indicator 2\.1 cannot be computed/);
  });

  it("says what went wrong for a logarithm or a square root, with the figure", () => {
    const model = modelOf({
      root: {
        code: "T",
        name: "T",
        children: [
          { code: "l", name: "l", max: 10, inputs: [{ code: "x" }], rule: { kind: "expr", expr: "LN([x]) / 5" } },
          { code: "s", name: "s", max: 10, inputs: [{ code: "y" }], rule: { kind: "expr", expr: "SQRT([y])" } },
          { code: "p", name: "p", max: 10, inputs: [{ code: "z" }], rule: { kind: "expr", expr: "[z] ^ (1/3)" } },
        ],
      },
    });
    const units = [unit("u", { x: -1, y: -4, z: -8 })];
    const found = resultIssues(model, units, scoreUnits(model, units)).map((i) => i.message);
    expect(found.map((m) => m.en)).toEqual([
      "Indicator l cannot be computed from the unit's values (there is no logarithm of [x] = -1); it scores 0.",
      "Indicator s cannot be computed from the unit's values (there is no square root of [y] = -4); it scores 0.",
      // As Excel's #NUM!: a negative number has no power 1/3 (LibreOffice would take the odd root).
      "Indicator p cannot be computed from the unit's values ([z] = -8 is negative and cannot be raised to a power that is not a whole number); it scores 0.",
    ]);
    expect(found[2]!.vi).toBe("Không tính được chỉ tiêu p từ số liệu của đơn vị (không nâng được số âm [z] = -8 lên lũy thừa không nguyên); chỉ tiêu được tính 0 điểm.");
  });

  it("names the cell of the figure at fault for a power of 0 or of a negative number, saying why in both languages", () => {
    const model = modelOf({
      root: {
        code: "T",
        name: "T",
        children: [
          // The percentage [p] comes first: the cell named is the exponent's, not the expression's first input.
          { code: "e", name: "e", max: 1, inputs: [{ code: "p", type: "percent" }, { code: "q" }], rule: { kind: "expr", expr: "IF([p] >= 0.5, 1) + 0 ^ [q]" } },
          { code: "d", name: "d", max: 1, inputs: [{ code: "a" }, { code: "k" }], rule: { kind: "expr", expr: "[k] + [a] ^ -1" } },
          { code: "n", name: "n", max: 1, inputs: [{ code: "s" }, { code: "w" }], rule: { kind: "expr", expr: "[s] + (-8) ^ [w]" } },
        ],
      },
    });
    const sub: Submission = {
      ...unit("U", { p: 0.57, q: 0, k: 1, a: 0, s: 1, w: 0.5 }),
      source: { layout: "B", sheet: "Số liệu", row: 2, cells: { p: "C2", q: "D2", k: "E2", a: "F2", s: "G2", w: "H2" } },
    };
    const issues = resultIssues(model, [sub], scoreUnits(model, [sub]));
    expect(issues.map((i) => [i.node, i.cell])).toEqual([
      ["e", "D2"],
      ["d", "F2"],
      ["n", "H2"],
    ]);
    expect(issues.map((i) => i.message.vi)).toEqual([
      "Trang tính 'Số liệu', ô D2: không tính được chỉ tiêu e từ số liệu của đơn vị (lũy thừa 0^0 không xác định: [q] bằng 0); chỉ tiêu được tính 0 điểm.",
      "Trang tính 'Số liệu', ô F2: không tính được chỉ tiêu d từ số liệu của đơn vị (phép chia cho 0: [a] bằng 0 và bị nâng lên lũy thừa âm -1); chỉ tiêu được tính 0 điểm.",
      "Trang tính 'Số liệu', ô H2: không tính được chỉ tiêu n từ số liệu của đơn vị (không nâng được số âm -8 lên lũy thừa không nguyên: [w] = 0,5); chỉ tiêu được tính 0 điểm.",
    ]);
    expect(issues.map((i) => i.message.en)).toEqual([
      "Sheet 'Số liệu', cell D2: indicator e cannot be computed from the unit's values (0 to the power 0 is undefined: [q] is 0); it scores 0.",
      "Sheet 'Số liệu', cell F2: indicator d cannot be computed from the unit's values (division by zero: [a] is 0 and is raised to the negative power -1); it scores 0.",
      "Sheet 'Số liệu', cell H2: indicator n cannot be computed from the unit's values (a negative number (-8) cannot be raised to a power that is not a whole number: [w] = 0.5); it scores 0.",
    ]);
  });

  it("reports an expr group with no finite result, but not one whose referenced child is not available", () => {
    const model = modelOf({
      root: {
        code: "T",
        name: "T",
        aggregate: "expr",
        expr: "[R] / [V]",
        children: [
          { code: "R", name: "R", rule: { kind: "fraction" } },
          { code: "V", name: "V", rule: { kind: "fraction" }, allowNA: true },
        ],
      },
    });
    const units = [unit("a", { R: 0.5, V: 0 }), unit("b", { R: 0.5 }, { notApplicable: ["V"] })];
    const issues = resultIssues(model, units, scoreUnits(model, units));
    expect(issues.map((i) => [i.unit, i.node, i.message.en])).toEqual([
      ["a", "T", "Group T cannot be computed from its children's values (division by zero: [V] is 0); it counts as 0."],
    ]);
    expect(issues[0]!.message.vi).toBe("Không tính được nhóm T từ giá trị các thành phần (phép chia cho 0: [V] bằng 0); nhóm được tính bằng 0.");
  });
});

describe("invalid-result issues of rules other than expr", () => {
  const ratioIndex = (missing: "zero" | "exclude") =>
    modelOf({
      missing,
      root: {
        code: "T",
        name: "Tổng",
        children: [
          { code: "r", name: "Tỷ lệ", max: 10, inputs: [{ code: "n" }, { code: "d" }], rule: { kind: "ratio", numerator: "n", denominator: "d", cap: false } },
          { code: "f", name: "Phần", max: 10, rule: { kind: "fraction" } },
        ],
      },
    });
  // Number cells of a table (layout B): 1e300 over 1e-300 is no number at all.
  const sheet = (code: string, values: Record<string, number>, row: number): Submission => ({
    ...unit(code, values),
    source: { layout: "B", sheet: "Số liệu", row, cells: { n: `C${row}`, d: `D${row}`, f: `E${row}` } },
  });
  const units = [sheet("Big", { n: 1e300, d: 1e-300, f: 0.5 }, 2), sheet("Nil", { n: 0, d: 5, f: 0.5 }, 3), sheet("Half", { n: 1, d: 2, f: 0.5 }, 4)];

  it("reports an uncapped ratio too large for a number at the unit's numerator cell, scored 0, and not an honest 0", () => {
    const model = ratioIndex("zero");
    const table = scoreUnits(model, units);
    expect(table.units.map((u) => u.nodes["r"]!.points)).toEqual([0, 0, 5]);
    expect(resultIssues(model, units, table)).toEqual([
      {
        severity: "error",
        code: "invalid-result",
        sheet: "Số liệu",
        cell: "C2",
        unit: "Big",
        node: "r",
        message: {
          vi: "Trang tính 'Số liệu', ô C2: không tính được chỉ tiêu r từ số liệu của đơn vị (kết quả không phải là một số hữu hạn); chỉ tiêu được tính 0 điểm.",
          en: "Sheet 'Số liệu', cell C2: indicator r cannot be computed from the unit's values (the result is not a finite number); it scores 0.",
        },
      },
    ]);
  });

  it("reports it under exclude too, where the node is left out", () => {
    const model = ratioIndex("exclude");
    const table = scoreUnits(model, units);
    expect(table.units[0]!.nodes["r"]).toMatchObject({ available: false, reason: "invalid-result" });
    expect(resultIssues(model, units, table).map((i) => [i.unit, i.node, i.cell, i.message.en])).toEqual([
      ["Big", "r", "C2", "Sheet 'Số liệu', cell C2: indicator r cannot be computed from the unit's values (the result is not a finite number); it is not scored."],
    ]);
  });

  it("reports a sum group whose children's points add up past any number, at the group", () => {
    const model = ratioIndex("zero");
    // 1e306 ÷ 0.1 is 1e307, 1e308 points out of 10: two of them add up to more than a number holds.
    const huge = [unit("U", { n: 1e306, d: 0.1, m: 1e306, e: 0.1, f: 0.5 })];
    const both = modelOf({
      root: {
        code: "T",
        name: "Tổng",
        children: [
          { code: "r", name: "r", max: 10, inputs: [{ code: "n" }, { code: "d" }], rule: { kind: "ratio", numerator: "n", denominator: "d", cap: false } },
          { code: "s", name: "s", max: 10, inputs: [{ code: "m" }, { code: "e" }], rule: { kind: "ratio", numerator: "m", denominator: "e", cap: false } },
        ],
      },
    });
    const table = scoreUnits(both, huge);
    expect([table.units[0]!.nodes["r"]!.points, table.units[0]!.points]).toEqual([1e308, 0]);
    expect(resultIssues(both, huge, table).map((i) => [i.node, i.message.en])).toEqual([
      ["T", "Group T cannot be computed from its children's values (the result is not a finite number); it counts as 0."],
    ]);
    // One such child alone is a number: nothing to report.
    expect(resultIssues(model, huge, scoreUnits(model, huge))).toEqual([]);
  });

  it("names the cell of a minmax figure with no logarithm (transform log, clip false)", () => {
    const model = modelOf({
      missing: "exclude",
      root: { code: "T", name: "T", children: [{ code: "m", name: "m", max: 10, inputs: [{ code: "g" }], rule: { kind: "minmax", min: 1, max: 1000, transform: "log", clip: false } }] },
    });
    const subs: Submission[] = [{ ...unit("Z", { g: 0 }), source: { layout: "B", sheet: "Số liệu", row: 4, cells: { g: "F4" } } }];
    expect(resultIssues(model, subs, scoreUnits(model, subs))).toEqual([
      {
        severity: "error",
        code: "invalid-result",
        sheet: "Số liệu",
        cell: "F4",
        unit: "Z",
        node: "m",
        message: {
          vi: "Trang tính 'Số liệu', ô F4: không tính được chỉ tiêu m từ số liệu của đơn vị (không lấy được logarit của 0); chỉ tiêu không được tính điểm.",
          en: "Sheet 'Số liệu', cell F4: indicator m cannot be computed from the unit's values (there is no logarithm of 0); it is not scored.",
        },
      },
    ]);
  });

  it("reports nothing of a minmax rule on the data whose bounds' difference is too large for a number: it scales by halves", () => {
    const model = modelOf({ root: { code: "T", name: "T", children: [{ code: "m", name: "m", max: 10, rule: { kind: "minmax", min: "data", max: "data" } }] } });
    const subs = [unit("top", { m: 1e308 }), unit("low", { m: -1e308 }), unit("none", {})];
    const table = scoreUnits(model, subs);
    expect(table.units.map((u) => u.nodes["m"]!.value)).toEqual([1, 0, 0]);
    expect(resultIssues(model, subs, table).filter((i) => i.code === "invalid-result")).toEqual([]);
  });
});

describe("ranking exclusions that match nothing", () => {
  const model = modelOf({
    categories: [
      { id: "co-dvc", name: { vi: "Sở có dịch vụ công", en: "Departments with public services" } },
      { id: "khong-dvc", name: "Sở không có dịch vụ công" },
    ],
    ranking: { exclude: ["SYT", "khong-dvc", "snv", "Sở Tư pháp", "Sở có dịch vụ công", "XYZ", "snv"] },
    root: { code: "T", name: "Tổng", children: [{ code: "1", name: "Tỷ lệ", max: 10, rule: { kind: "fraction" } }] },
  });
  const units = [
    unit("SYT", { "1": 0.5 }, { name: "Sở Y tế", category: "co-dvc" }),
    unit("SNV", { "1": 0.7 }, { name: "Sở Nội vụ", category: "co-dvc" }),
    unit("STP", { "1": 0.9 }, { name: "Sở Tư pháp", category: "co-dvc" }),
  ];

  it("warns once per entry that is neither a unit's code nor a category's id, naming its place in the definition and the code or id it resembles", () => {
    const table = scoreUnits(model, units);
    // The ranking compares exactly: only SYT is excluded.
    expect(table.units.map((u) => u.notRankedReason ?? null)).toEqual(["excluded", null, null]);
    const issues = resultIssues(model, units, table);
    // The definition's "XYZ" resembles no unit of this table: a unit the table lacks, or one written otherwise; a note.
    expect(issues.map((i) => [i.code, i.severity, i.sheet, i.cell, i.unit])).toEqual([
      ...Array(3).fill(["exclude-unmatched", "warning", undefined, undefined, undefined]),
      ["exclude-unmatched", "info", undefined, undefined, undefined],
    ]);
    expect(issues.map((i) => i.message.vi)).toEqual([
      'Mục "snv" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[2]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; để loại trừ Sở Nội vụ, hãy ghi mã "SNV".',
      'Mục "Sở Tư pháp" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[3]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; để loại trừ Sở Tư pháp, hãy ghi mã "STP".',
      'Mục "Sở có dịch vụ công" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[4]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; để loại trừ loại đơn vị "Sở có dịch vụ công", hãy ghi mã "co-dvc".',
      'Mục "XYZ" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[5]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; nếu mục này dành cho một đơn vị có trong lần chấm này hay một loại đơn vị, hãy sửa cho đúng mã của đơn vị đó hoặc mã loại đơn vị ("co-dvc", "khong-dvc").',
    ]);
    expect(issues[0]!.message.en).toBe(
      'The ranking exclusion "snv" (ranking.exclude[2]) is neither a scored unit\'s code nor a unit category id, so it excludes no unit; to exclude Sở Nội vụ, write its code "SNV".',
    );
    expect(issues[2]!.message.en).toBe(
      'The ranking exclusion "Sở có dịch vụ công" (ranking.exclude[4]) is neither a scored unit\'s code nor a unit category id, so it excludes no unit; to exclude the unit category "Departments with public services", write its id "co-dvc".',
    );
    expect(issues[3]!.message.en).toBe(
      'The ranking exclusion "XYZ" (ranking.exclude[5]) is neither a scored unit\'s code nor a unit category id, so it excludes no unit; if it is meant for a unit of this run or a unit category, correct it to that unit\'s code or the category\'s id ("co-dvc", "khong-dvc").',
    );
  });

  it("warns of an entry of the definition's own list a letter away from a unit's code (a typo), naming that code", () => {
    const typo = modelOf({ ranking: { exclude: ["STTT", "ZZA.VHHD"] }, root: { code: "T", name: "Tổng", children: [{ code: "1", name: "Tỷ lệ", max: 10, rule: { kind: "fraction" } }] } });
    const mine = [unit("STTTT", { "1": 0.5 }, { name: "Sở Thông tin và Truyền thông" }), unit("SYT", { "1": 0.7 }, { name: "Sở Y tế" })];
    const table = scoreUnits(typo, mine);
    expect(table.units.map((u) => u.notRankedReason ?? null)).toEqual([null, null]);
    // "ZZA.VHHD" (an aggregate this table lacks) is a note; "STTT" a warning.
    expect(resultIssues(typo, mine, table).map((i) => [i.code, i.severity, i.message.vi, i.message.en])).toEqual([
      [
        "exclude-unmatched",
        "warning",
        'Mục "STTT" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[0]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; có phải là mã "STTTT" (Sở Thông tin và Truyền thông)?',
        'The ranking exclusion "STTT" (ranking.exclude[0]) is neither a scored unit\'s code nor a unit category id, so it excludes no unit; did you mean the code "STTTT" (Sở Thông tin và Truyền thông)?',
      ],
      ["exclude-unmatched", "info", expect.stringContaining('Mục "ZZA.VHHD" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[1])'), expect.any(String)],
    ]);
  });

  it("warns of an entry of the definition's own list a letter away from a unit category's id, naming that category", () => {
    const typo = modelOf({
      categories: [
        { id: "co-dvc", name: { vi: "Sở có dịch vụ công", en: "Departments with public services" } },
        { id: "khong-dvc", name: { vi: "Sở không có dịch vụ công", en: "Departments without public services" } },
      ],
      ranking: { exclude: ["khong-dvcc"] },
      root: { code: "T", name: "Tổng", children: [{ code: "1", name: "Tỷ lệ", max: 10, rule: { kind: "fraction" } }] },
    });
    const mine = [unit("SNV", { "1": 0.5 }, { name: "Sở Nội vụ", category: "khong-dvc" }), unit("SYT", { "1": 0.7 }, { name: "Sở Y tế", category: "co-dvc" })];
    const table = scoreUnits(typo, mine);
    // Nothing is excluded, and the run says why, once.
    expect(table.units.map((u) => u.notRankedReason ?? null)).toEqual([null, null]);
    expect(resultIssues(typo, mine, table).map((i) => [i.code, i.severity, i.message.vi, i.message.en])).toEqual([
      [
        "exclude-unmatched",
        "warning",
        'Mục "khong-dvcc" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[0]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; có phải là loại đơn vị "khong-dvc" (Sở không có dịch vụ công)?',
        'The ranking exclusion "khong-dvcc" (ranking.exclude[0]) is neither a scored unit\'s code nor a unit category id, so it excludes no unit; did you mean the unit category "khong-dvc" (Departments without public services)?',
      ],
    ]);
  });

  it("warns of a unit's code whose leading zeros were lost (a code kept as a number in Excel), naming the unit and its code", () => {
    const zeros = modelOf({
      ranking: { exclude: ["4340", "  43 ", "0004347"] },
      root: { code: "T", name: "Tổng", children: [{ code: "1", name: "Tỷ lệ", max: 10, rule: { kind: "fraction" } }] },
    });
    const communes = [
      unit("04340", { "1": 0.5 }, { name: "Xã Tân Lập 2" }),
      unit("00043", { "1": 0.6 }, { name: "Xã Hòa Bình" }),
      unit("04347", { "1": 0.7 }, { name: "Xã Hòa Bình 2" }),
    ];
    const table = scoreUnits(zeros, communes);
    // The ranking compares exactly: the three communes are ranked.
    expect(table.units.map((u) => u.ranked)).toEqual([true, true, true]);
    const issues = resultIssues(zeros, communes, table);
    expect(issues.map((i) => [i.code, i.severity, i.sheet, i.cell, i.unit, i.node])).toEqual(Array(3).fill(["exclude-unmatched", "warning", undefined, undefined, undefined, undefined]));
    expect(issues.map((i) => i.message.vi)).toEqual([
      'Mục "4340" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[0]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; mục này có vẻ đã mất số 0 ở đầu (Excel bỏ số 0 ở đầu một mã được lưu như số): để loại trừ Xã Tân Lập 2, hãy ghi mã "04340".',
      'Mục "43" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[1]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; mục này có vẻ đã mất số 0 ở đầu (Excel bỏ số 0 ở đầu một mã được lưu như số): để loại trừ Xã Hòa Bình, hãy ghi mã "00043".',
      'Mục "0004347" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[2]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; để loại trừ Xã Hòa Bình 2, hãy ghi mã "04347".',
    ]);
    expect(issues[0]!.message.en).toBe(
      'The ranking exclusion "4340" (ranking.exclude[0]) is neither a scored unit\'s code nor a unit category id, so it excludes no unit; it looks like a code that lost its leading zeros (Excel drops them from a code kept as a number): to exclude Xã Tân Lập 2, write its code "04340".',
    );
  });

  it("entries of the definition that resemble no unit of the run (the HDI's aggregates, in a table of countries) are one note, naming each with its place", () => {
    const aggregates = ["ZZA.VHHD", "ZZB.HHD", "ZZC.MHD", "ZZD.LHD", "ZZE.AS", "ZZF.EAP", "ZZG.ECA"];
    const root = { code: "T", name: "Tổng", children: [{ code: "1", name: "Tỷ lệ", max: 10, rule: { kind: "fraction" } }] };
    const countries = [unit("VNM", { "1": 0.7 }, { name: "Viet Nam" }), unit("LAO", { "1": 0.6 }, { name: "Lao PDR" })];
    const hdi = modelOf({ ranking: { exclude: ["LAO", ...aggregates] }, root });
    const table = scoreUnits(hdi, countries);
    expect(table.units.map((u) => u.ranked)).toEqual([true, false]);
    expect(resultIssues(hdi, countries, table).map((i) => [i.code, i.severity, i.message.vi, i.message.en])).toEqual([
      [
        "exclude-unmatched",
        "info",
        'Các mục "ZZA.VHHD" (ranking.exclude[1]), "ZZB.HHD" (ranking.exclude[2]), "ZZC.MHD" (ranking.exclude[3]), "ZZD.LHD" (ranking.exclude[4]), "ZZE.AS" (ranking.exclude[5]) và 2 mục khác của danh sách loại trừ khỏi xếp hạng không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; nếu một mục dành cho một đơn vị có trong lần chấm này, hãy sửa cho đúng mã của đơn vị đó.',
        'The ranking exclusions "ZZA.VHHD" (ranking.exclude[1]), "ZZB.HHD" (ranking.exclude[2]), "ZZC.MHD" (ranking.exclude[3]), "ZZD.LHD" (ranking.exclude[4]), "ZZE.AS" (ranking.exclude[5]) and 2 more are neither scored units\' codes nor unit category ids, so they exclude no unit; if one is meant for a unit of this run, correct it to that unit\'s code.',
      ],
    ]);
    // A list none of whose entries is met among these units is another table's: nothing is said.
    const aggregatesOnly = modelOf({ ranking: { exclude: aggregates }, root });
    expect(resultIssues(aggregatesOnly, countries, scoreUnits(aggregatesOnly, countries))).toEqual([]);
    const two = modelOf({ ranking: { exclude: ["ZZA.VHHD", "VNM", "ZZB.HHD"] }, root });
    expect(resultIssues(two, countries, scoreUnits(two, countries)).map((i) => i.message.en)).toEqual([
      expect.stringMatching(/^The ranking exclusions "ZZA\.VHHD" \(ranking\.exclude\[0\]\) and "ZZB\.HHD" \(ranking\.exclude\[2\]\) are neither/),
    ]);
  });

  it("under an index with unit categories, a definition's entry that meets nothing is said though no other entry is met: a category id mistyped leaves its units ranked", () => {
    const mistyped = modelOf({
      categories: [
        { id: "co-dvc", name: "Sở có dịch vụ công" },
        { id: "khong-dvc", name: "Sở không có dịch vụ công" },
      ],
      ranking: { exclude: ["khong-dich-vu-cong"] },
      root: { code: "T", name: "Tổng", children: [{ code: "1", name: "Tỷ lệ", max: 10, rule: { kind: "fraction" } }] },
    });
    const some = [unit("SYT", { "1": 0.5 }, { name: "Sở Y tế", category: "co-dvc" }), unit("SNV", { "1": 0.9 }, { name: "Sở Nội vụ", category: "khong-dvc" })];
    const table = scoreUnits(mistyped, some);
    expect(table.units.every((u) => u.ranked)).toBe(true);
    expect(resultIssues(mistyped, some, table).map((i) => [i.severity, i.code, i.message.vi, i.message.en])).toEqual([
      [
        "info",
        "exclude-unmatched",
        'Mục "khong-dich-vu-cong" của danh sách loại trừ khỏi xếp hạng (ranking.exclude[0]) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; nếu mục này dành cho một đơn vị có trong lần chấm này hay một loại đơn vị, hãy sửa cho đúng mã của đơn vị đó hoặc mã loại đơn vị ("co-dvc", "khong-dvc").',
        'The ranking exclusion "khong-dich-vu-cong" (ranking.exclude[0]) is neither a scored unit\'s code nor a unit category id, so it excludes no unit; if it is meant for a unit of this run or a unit category, correct it to that unit\'s code or the category\'s id ("co-dvc", "khong-dvc").',
      ],
    ]);
  });

  it("follows the exclusions in force for the run, not only the definition's", () => {
    const table = scoreUnits(model, units, { ranking: { exclude: ["SNV"] } });
    expect(resultIssues(model, units, table)).toEqual([]);
  });

  it("warns of an entry given for the run that names no unit of the table, which the definition's own list may do", () => {
    const table = scoreUnits(model, units, { ranking: { exclude: ["SNV", "ABC"] } });
    expect(resultIssues(model, units, table).map((i) => [i.severity, i.message.vi])).toEqual([
      ["warning", 'Mục "ABC" của danh sách loại trừ khỏi xếp hạng (ranking.exclude) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào.'],
    ]);
  });

  it("an entry naming a category is a match, by its id (no finding) though no unit of the run is of it", () => {
    const table = scoreUnits(model, units, { ranking: { exclude: ["khong-dvc"] } });
    expect(table.units.every((u) => u.ranked)).toBe(true);
    expect(resultIssues(model, units, table)).toEqual([]);
  });

  it("exclude a unit without a code by its name, and suggest the name written exactly", () => {
    const uncoded = [unit("", { "1": 0.5 }, { name: "Sở Không Mã", category: "co-dvc" }), unit("", { "1": 0.5 }, { name: "Sở Xây dựng", category: "co-dvc" }), ...units.slice(1)];
    const byName = scoreUnits(model, uncoded, { ranking: { exclude: ["Sở Không Mã"] } });
    expect(byName.units.map((u) => [u.name, u.code, u.notRankedReason ?? null, u.rank])).toEqual([
      ["Sở Không Mã", "", "excluded", null],
      ["Sở Xây dựng", "", null, 3],
      ["Sở Nội vụ", "SNV", null, 2],
      ["Sở Tư pháp", "STP", null, 1],
    ]);
    expect(resultIssues(model, uncoded, byName)).toEqual([]);
    // Not excluded, the two units without a code tie on their figure and are still two units, both ranked.
    const tied = scoreUnits(model, uncoded, { ranking: { exclude: [] } });
    expect(tied.units.map((u) => u.rank)).toEqual([3, 3, 2, 1]);
    const table = scoreUnits(model, uncoded, { ranking: { exclude: ["sở không mã"] } });
    const [issue] = resultIssues(model, uncoded, table);
    expect(issue!.message.vi).toBe(
      'Mục "sở không mã" của danh sách loại trừ khỏi xếp hạng (ranking.exclude) không phải mã của đơn vị nào được chấm hay mã loại đơn vị nào nên không loại trừ đơn vị nào; để loại trừ Sở Không Mã (đơn vị không có mã), hãy ghi đúng tên "Sở Không Mã".',
    );
    expect(issue!.message.en).toBe(
      'The ranking exclusion "sở không mã" (ranking.exclude) is neither a scored unit\'s code nor a unit category id, so it excludes no unit; to exclude Sở Không Mã (a unit without a code), write its name exactly "Sở Không Mã".',
    );
  });
});
