/**
 * A yes/no answer typed as the end of a sentence ("Có.", "Không!", "Đạt;") is the same answer:
 * officials fill forms as they write, and refusing "Có." would score a unit that reported 0.
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
    ],
  },
});

const read = (cell: CellValue) => {
  const input = model.inputs.get("1")!;
  return readCell(cell, { input, indicator: model.nodes.get("1") as IndicatorModel, numberLocale: "auto" });
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

  test("a unit answering in sentences is scored on its answers, with nothing said", () => {
    const reading = readSubmissions(model, {
      sheets: [
        {
          name: "Số liệu",
          values: [
            ["Mã đơn vị", "Đơn vị", "1", "2", "3"],
            ["SYT", "Sở Y tế", "Có.", "Không!", "Đạt;"],
          ],
        },
      ],
    });
    expect(reading.issues).toEqual([]);
    expect(reading.submissions[0]!.values).toEqual({ "1": true, "2": false, "3": true });
    expect(scoreUnits(model, reading.submissions).units[0]!.points).toBe(20);
  });
});
