/**
 * A yes/no answer or a choice typed as the end of a sentence ("Có.", "Không!", "Đạt;", "Chưa.")
 * is the same answer: officials fill forms as they write, and refusing "Có." would score a unit
 * that reported 0.
 */
import type { IndicatorModel } from "../definition/model";
import { scoreUnits } from "../score";
import { modelOf } from "../score/test-helpers";
import type { CellValue } from "../types";
import { readSubmissions } from "./read";
import { readCell } from "./values";

const model = modelOf({
  root: {
    code: "T",
    name: "Tổng",
    children: [
      { code: "1", name: "Có ban chỉ đạo chuyển đổi số", max: 10, rule: { kind: "boolean" } },
      { code: "2", name: "Có kế hoạch chuyển đổi số", max: 10, rule: { kind: "boolean" } },
      { code: "3", name: "Có cổng thông tin điện tử", max: 10, rule: { kind: "boolean" } },
      {
        code: "4",
        name: "Mức độ hoàn thành kế hoạch",
        max: 10,
        rule: {
          kind: "choice",
          options: [
            { value: "Hoàn thành", fraction: 1 },
            { value: "Hoàn thành một phần.", aliases: ["Một phần"], fraction: 0.5 },
            { value: "Chưa", fraction: 0 },
          ],
        },
      },
    ],
  },
});

const read = (cell: CellValue, code = "1") => {
  const input = model.inputs.get(code)!;
  return readCell(cell, { input, indicator: model.nodes.get(code) as IndicatorModel, numberLocale: "auto" });
};

describe("yes/no answers with trailing punctuation", () => {
  test.each([
    ["Có.", true],
    ["Không!", false],
    ["Đạt;", true],
    ["có ,", true],
    ["Không đạt.", false],
    ["Chưa.", false],
    ["“Có.”", true],
  ] as [string, boolean][])("%p reads as %p", (cell, expected) => {
    expect(read(cell)).toMatchObject({ kind: "value", value: expected });
  });

  test("punctuation does not make another word an answer", () => {
    expect(read("Có lẽ.")).toMatchObject({ kind: "invalid", code: "not-a-boolean" });
  });

  test.each([
    ["Chưa.", "Chưa"],
    ["Hoàn thành!", "Hoàn thành"],
    ["“Một phần”.", "Hoàn thành một phần."],
    // An option written with its full stop is matched with or without it.
    ["Hoàn thành một phần", "Hoàn thành một phần."],
    ["hoan thanh mot phan.", "Hoàn thành một phần."],
  ])("the choice %p reads as the option %p", (cell, option) => {
    expect(read(cell, "4")).toMatchObject({ kind: "value", value: option });
  });

  test("punctuation does not make another word a choice", () => {
    expect(read("Chưa rõ.", "4")).toMatchObject({ kind: "invalid", code: "unknown-choice" });
    expect(read(".", "4")).toMatchObject({ kind: "invalid", code: "unknown-choice" });
  });

  test("a unit answering in sentences is scored on its answers, with nothing said", () => {
    const reading = readSubmissions(model, {
      sheets: [
        {
          name: "Số liệu",
          values: [
            ["Mã đơn vị", "Đơn vị", "1", "2", "3", "4"],
            ["SYT", "Sở Y tế", "Có.", "Không!", "Đạt;", "Chưa."],
          ],
        },
      ],
    });
    expect(reading.issues).toEqual([]);
    expect(reading.submissions[0]!.values).toEqual({ "1": true, "2": false, "3": true, "4": "Chưa" });
    expect(scoreUnits(model, reading.submissions).units[0]!.points).toBe(20);
  });
});
