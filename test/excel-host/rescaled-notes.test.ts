/**
 * The line a scoring writes on a form for a group whose points are rescaled goes under the table,
 * under what is written there (the template's place, date and signatures, the unit's own lines),
 * within the table's columns. The Excel host reads, below a form's table, the table's columns it
 * does not read for the figures (`Nội dung`, `Điểm tối đa`, `Ghi chú`…: src/hosts/excel/read.ts),
 * so that it writes the line where the file host does, never over what the unit typed there.
 */
import { topLeft } from "../../src/core/a1";
import { FORM_SIGNATURE } from "../../src/core/collect";
import { runScoring } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import type { ExcelDouble } from "../excel-double";
import { layoutAWorkbook } from "./fixtures";

const now = new Date("2026-01-15T08:00:00Z");

async function score(double: ExcelDouble, definition: unknown) {
  double.install();
  return runScoring(new ExcelHost(), { definition, lang: "vi", projectVersion: "test", now });
}

/** The cells of a sheet whose text passes `test`, by address. */
function cellsWith(double: ExcelDouble, sheet: string, test: (text: string) => boolean): string[] {
  const s = double.sheet(sheet);
  const used = s.usedRect(true);
  const out: string[] = [];
  if (!used) return out;
  for (let r = 0; r < used.row + used.rows; r++) {
    for (let c = 0; c < used.col + used.cols; c++) {
      const v = s.get(r, c)?.v;
      if (typeof v === "string" && test(v)) out.push(`${String.fromCharCode(65 + c)}${r + 1}`);
    }
  }
  return out;
}

function value(double: ExcelDouble, sheet: string, cell: string): unknown {
  const { row, col } = topLeft(cell);
  return double.sheet(sheet).get(row, col)?.v;
}

test("goes under the signatures and a line the unit typed in Nội dung under them, within the table's columns; a second run keeps it there, once", async () => {
  const { double, definition } = await layoutAWorkbook(3);
  const form = "Đơn vị số 1";
  // A department without public services: its public-service rows do not apply, and the group they are in is rescaled.
  double.setCells(form, "B3", [["khong-dvc"]]);
  const [nameLine] = cellsWith(double, form, (t) => t === FORM_SIGNATURE.nameLine.vi).filter((a) => a.startsWith("B"));
  expect(nameLine).toBeDefined();
  const nameRow = topLeft(nameLine!).row + 1;
  // The unit's own line two rows under the signatures, in a column the reader does not read.
  double.setCells(form, `B${nameRow + 2}`, [["Người lập biểu: Nguyễn Văn A, chuyên viên"]]);
  await score(double, definition);
  const lines = cellsWith(double, form, (t) => t.includes("Quy đổi"));
  expect(lines).toEqual([`B${nameRow + 4}`]);
  expect(String(value(double, form, lines[0]!))).toMatch(/^Nhóm \S+ — Quy đổi: .* tính theo thang [\d.,]+\.$/);
  // What the unit typed and the signatures stay as they were.
  expect(value(double, form, `B${nameRow + 2}`)).toBe("Người lập biểu: Nguyễn Văn A, chuyên viên");
  expect(cellsWith(double, form, (t) => t === FORM_SIGNATURE.head.vi)).toHaveLength(1);
  // The complete forms say nothing.
  expect(cellsWith(double, "Đơn vị số 2", (t) => t.includes("Quy đổi"))).toEqual([]);

  await score(double, definition);
  expect(cellsWith(double, form, (t) => t.includes("Quy đổi"))).toEqual(lines);
}, 60_000);
