/** A small index and units shared by the planner's and the xlsx host's tests. */
import { buildModel, type IndexModel } from "../definition/model";
import { indexDefinitionSchema } from "../definition/schema";
import type { CellValue, InputValue, PlanValue, Submission, WorkbookSnapshot, WritePlan } from "../types";
import { parseCell } from "./a1";

export const DEMO_DEFINITION = {
  format: "index-definition/1",
  id: "demo-dti",
  version: "2024",
  name: { vi: "Bộ chỉ số thử nghiệm", en: "Demo index" },
  categories: [{ id: "so", name: { vi: "Sở, ban, ngành", en: "Departments" } }],
  root: {
    code: "DTI",
    name: "DTI",
    children: [
      {
        code: "1",
        name: { vi: "Nhận thức số", en: "Digital awareness" },
        children: [
          { code: "1.1", name: "Có kế hoạch chuyển đổi số", max: 10, rule: { kind: "boolean" } },
          {
            code: "1.2",
            name: "Tỷ lệ văn bản ký số",
            max: 20,
            inputs: [
              { code: "1.2.a", type: "integer" },
              { code: "1.2.b", type: "integer" },
            ],
            rule: { kind: "ratio", numerator: "1.2.a", denominator: "1.2.b" },
          },
        ],
      },
      {
        code: "2",
        name: { vi: "Hạ tầng số", en: "Digital infrastructure" },
        children: [{ code: "2.1", name: "Tỷ lệ máy tính kết nối", max: 30, rule: { kind: "fraction" } }],
      },
    ],
  },
};

export function demoModel(): IndexModel {
  return buildModel(indexDefinitionSchema.parse(DEMO_DEFINITION), new Map());
}

/** The rows of a layout-A sheet as the project generates them: code, item, max, value. */
export const LAYOUT_A_ROWS: [string, string, number | null][] = [
  ["1", "Nhận thức số", 30],
  ["1.1", "Có kế hoạch chuyển đổi số", 10],
  ["1.2", "Tỷ lệ văn bản ký số", 20],
  ["1.2.a", "Số văn bản ký số", null],
  ["1.2.b", "Tổng số văn bản", null],
  ["2", "Hạ tầng số", 30],
  ["2.1", "Tỷ lệ máy tính kết nối", 30],
];
export const HEADER_ROW = 6;
/** Columns: A Mã, B Nội dung, C Điểm tối đa, D Số liệu, E Minh chứng, F Ghi chú. */
export const VALUE_COLUMN = 4;
export const LAST_COLUMN = 6;

export interface DemoUnit {
  code: string;
  name: string;
  values: Record<string, InputValue>;
}

/** A layout-A submission read back from the fixed places of the demo sheets. */
export function submissionFromSheet(sheet: { name: string; values: CellValue[][] }): Submission {
  const at = (r: number, c: number) => sheet.values[r - 1]?.[c - 1] ?? null;
  const rows: Record<string, number> = {};
  const cells: Record<string, string> = {};
  const values: Record<string, InputValue> = {};
  let scoreColumn: number | undefined;
  for (let c = 1; c <= 12; c++) if (at(HEADER_ROW, c) === "Điểm") scoreColumn = c;
  LAYOUT_A_ROWS.forEach(([code], i) => {
    const row = HEADER_ROW + 1 + i;
    rows[code] = row;
    cells[code] = `D${row}`;
    const v = at(row, VALUE_COLUMN);
    if (typeof v === "number" || typeof v === "boolean") values[code] = v;
  });
  return {
    code: String(at(2, 2)),
    name: String(at(1, 2)),
    category: "so",
    values,
    notApplicable: [],
    source: {
      layout: "A",
      sheet: sheet.name,
      rows,
      cells,
      headerRow: HEADER_ROW,
      lastColumn: LAST_COLUMN,
      ...(scoreColumn !== undefined ? { scoreColumn } : {}),
    },
  };
}

/** The grid of a demo layout-A sheet. */
export function layoutAGrid(unit: DemoUnit): PlanValue[][] {
  const grid: PlanValue[][] = [
    ["Đơn vị", unit.name],
    ["Mã đơn vị", unit.code],
    ["Nhóm", "Sở, ban, ngành"],
    ["Bộ chỉ số", "demo-dti@2024"],
    [],
    ["Mã", "Nội dung", "Điểm tối đa", "Số liệu", "Minh chứng", "Ghi chú"],
  ];
  for (const [code, item, max] of LAYOUT_A_ROWS) {
    const v = unit.values[code];
    grid.push([code, item, max, v === undefined ? null : typeof v === "string" ? v : v, null, null]);
  }
  return grid;
}

export const DEMO_UNITS: DemoUnit[] = [
  { code: "SO-01", name: "Sở Thông tin và Truyền thông", values: { "1.1": true, "1.2.a": 90, "1.2.b": 100, "2.1": 0.95 } },
  { code: "SO-02", name: '=HYPERLINK("http://x","y")', values: { "1.1": true, "1.2.a": 40, "1.2.b": 100, "2.1": 0.5 } },
  { code: "SO-03", name: "Sở Tài chính", values: { "1.1": false, "1.2.a": 70, "1.2.b": 100, "2.1": 0.8 } },
];

export function demoSnapshot(units: DemoUnit[] = DEMO_UNITS): WorkbookSnapshot {
  return { sheets: units.map((u) => ({ name: u.code, values: layoutAGrid(u) as CellValue[][] })) };
}

/** The grid an owned sheet of a plan would show (blocks only). */
export function ownedGrid(plan: WritePlan, name: string): CellValue[][] {
  const sheet = plan.owned.find((o) => o.name === name);
  const grid: CellValue[][] = [];
  for (const b of sheet?.blocks ?? []) {
    const { row, column } = parseCell(b.address);
    b.values.forEach((vals, r) =>
      vals.forEach((v, c) => {
        const line = (grid[row - 1 + r] ??= []);
        while (line.length < column - 1 + c) line.push(null);
        line[column - 1 + c] = v;
      }),
    );
  }
  return Array.from(grid, (l) => l ?? []);
}
