import { parseDefinition } from "../definition";
import { scoreUnits } from "../score";
import type { CellValue, SheetSnapshot } from "../types";
import { readSubmissions } from "./read";

/**
 * A form (layout A) for one unit: indicator "x" (evidence required) scored by `steps` on its
 * value, its evidence cell blank unless given.
 */
function scoredForm(steps: unknown[], value: CellValue, evidence: CellValue = null): { points: number | null; warned: boolean } {
  const parsed = parseDefinition({
    format: "index-definition/1",
    id: "ev",
    version: "1",
    name: "EV",
    root: {
      code: "R",
      name: "R",
      children: [{ code: "x", name: "Tỷ lệ", max: 10, evidence: "required", inputs: [{ code: "x", type: "number" }], rule: { kind: "steps", steps } }],
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const sheet: SheetSnapshot = {
    name: "Sở A",
    values: [
      ["Đơn vị", "Sở A"],
      ["Mã đơn vị", "SA"],
      [],
      ["Mã", "Nội dung", "Số liệu", "Minh chứng"],
      ["x", "Tỷ lệ", value, evidence],
    ],
  };
  const read = readSubmissions(parsed.model, { sheets: [sheet] });
  expect(read.submissions).toHaveLength(1);
  const points = scoreUnits(parsed.model, read.submissions).units[0]!.nodes["x"]!.points;
  return { points, warned: read.issues.some((i) => i.code === "evidence-missing" && i.node === "x") };
}

describe("the missing-evidence warning and the score take the same step at a threshold", () => {
  // 0.1 + 0.2 is 0.30000000000000004 in binary: at most 0.3 to 15 significant digits, as the score compares.
  const boundary = 0.1 + 0.2;

  test("a figure at an atMost threshold that earns points: scored and warned about its missing evidence", () => {
    expect(scoredForm([{ atMost: 0.3, points: 10 }, { atLeast: 0, points: 0 }], boundary)).toEqual({ points: 10, warned: true });
  });

  test("a figure at an atMost threshold that earns nothing: 0 points and no warning", () => {
    expect(scoredForm([{ atMost: 0.3, points: 0 }, { atLeast: 0, points: 10 }], boundary)).toEqual({ points: 0, warned: false });
  });

  test("a figure at an atLeast threshold (0.3 − 0.1 against 0.2) is taken by that step by both", () => {
    expect(scoredForm([{ atLeast: 0.2, points: 10 }, { atLeast: 0, points: 0 }], 0.3 - 0.1)).toEqual({ points: 10, warned: true });
    expect(scoredForm([{ atLeast: 0.2, points: 0 }, { atLeast: 0, points: 10 }], 0.3 - 0.1)).toEqual({ points: 0, warned: false });
  });

  test("evidence written for the figure at the threshold clears the warning, the points stay", () => {
    expect(scoredForm([{ atMost: 0.3, points: 10 }, { atLeast: 0, points: 0 }], boundary, "Báo cáo số 3")).toEqual({ points: 10, warned: false });
  });
});
