/**
 * A small index and its units' layout-A sheets, shared by the planner's and the xlsx host's tests.
 * Submissions and issues come from the real reader (`readAndScore`), never built by hand.
 */
import { buildModel, type IndexModel } from "../definition/model";
import { indexDefinitionSchema } from "../definition/schema";
import { checkSelfScores, readSubmissions } from "../read";
import { withEvidenceFindings } from "../read/evidence";
import { scoreUnits } from "../score";
import type { CellValue, ChartKind, InputValue, Issue, PlanValue, ScoreTable, Submission, WorkbookSnapshot, WritePlan } from "../types";
import { cellAddress, parseCell, parseRange } from "./a1";
import { type IndexSheetState, readIndexSheet } from "./index-sheet";
import { INDEX_SHEET } from "./labels";
import { planResults } from "./plan";

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

/** The rows of a demo layout-A sheet: code, item, max (the value column is filled from the unit). */
export const LAYOUT_A_ROWS: [string, string, number | null][] = [
  ["1", "Nhận thức số", 30],
  ["1.1", "Có kế hoạch chuyển đổi số", 10],
  ["1.2", "Tỷ lệ văn bản ký số", 20],
  ["1.2.a", "Số văn bản ký số", null],
  ["1.2.b", "Tổng số văn bản", null],
  ["2", "Hạ tầng số", 30],
  ["2.1", "Tỷ lệ máy tính kết nối", 30],
];

export interface DemoUnit {
  code: string;
  name: string;
  values: Record<string, InputValue>;
}

/** The demo index with some top-level settings changed (e.g. `missing: "exclude"`). */
export function demoModel(overrides: Record<string, unknown> = {}): IndexModel {
  return buildModel(indexDefinitionSchema.parse({ ...DEMO_DEFINITION, ...overrides }), new Map());
}

/**
 * What the pipeline makes of a snapshot before planning: the real reader's submissions and
 * issues, the scores, and the self-score check (as runScoring does, without a host).
 */
export function readAndScore(snapshot: WorkbookSnapshot, model: IndexModel = demoModel()): {
  submissions: Submission[];
  issues: Issue[];
  table: ScoreTable;
} {
  const reading = readSubmissions(model, snapshot);
  const table = scoreUnits(model, reading.submissions);
  return { submissions: reading.submissions, issues: [...withEvidenceFindings(model, reading, table), ...checkSelfScores(model, reading.submissions, table)], table };
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
    grid.push([code, item, max, v ?? null, null, null]);
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

/** Type into one cell of a snapshot's sheet, as a user would (null empties it). */
export function setCell(snapshot: WorkbookSnapshot, sheet: string, address: string, value: CellValue): void {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const { row, column } = parseCell(address);
  while (s.values.length < row) s.values.push([]);
  const line = s.values[row - 1]!;
  while (line.length < column) line.push(null);
  line[column - 1] = value;
}

/**
 * The line a run wrote on a form it left out, from its first piece at `address` down (one piece a
 * row; only the last ends with a full stop): its cells and its text, the pieces joined.
 */
export function notScoredLineOn(snapshot: WorkbookSnapshot, sheet: string, address: string): { cells: string[]; text: string } {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const { row, column } = parseCell(address);
  const cells: string[] = [];
  const texts: string[] = [];
  for (let r = row; ; r++) {
    const v = s.values[r - 1]?.[column - 1];
    if (typeof v !== "string" || v === "") break;
    cells.push(cellAddress(r, column));
    texts.push(v);
    if (v.endsWith(".")) break;
  }
  return { cells, text: texts.join(" ") };
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

/** Whether the host clears `cell` of an owned sheet before writing it: the whole sheet when the plan lists no ranges. */
export function clearedBy(plan: WritePlan, name: string, cell: string): boolean {
  const sheet = plan.owned.find((o) => o.name === name);
  if (!sheet) return false;
  if (!sheet.clear) return true;
  const { row, column } = parseCell(cell);
  return sheet.clear.some((r) => {
    const x = parseRange(r);
    return row >= x.top && row <= x.bottom && column >= x.left && column <= x.right;
  });
}

/** A snapshot after a plan's edits of unit sheets were applied (what the next run reads back). */
export function applyEdits(snapshot: WorkbookSnapshot, plan: WritePlan): WorkbookSnapshot {
  const out: WorkbookSnapshot = { ...snapshot, sheets: snapshot.sheets.map((s) => ({ ...s, values: s.values.map((r) => [...r]) })) };
  for (const edit of plan.edits) {
    for (const b of edit.blocks) {
      const { row, column } = parseCell(b.address);
      b.values.forEach((vals, r) => vals.forEach((v, c) => setCell(out, edit.sheet, cellAddress(row + r, column + c), v)));
    }
  }
  return out;
}

/** A user inserting rows above row `at` of a sheet (1-based), typing `rows` into them. */
export function insertRows(snapshot: WorkbookSnapshot, sheet: string, at: number, rows: CellValue[][]): void {
  const s = snapshot.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  while (s.values.length < at - 1) s.values.push([]);
  s.values.splice(at - 1, 0, ...rows.map((r) => [...r]));
  if (s.fills) {
    const fills: Record<string, string> = {};
    for (const [a, f] of Object.entries(s.fills)) {
      const { row, column } = parseCell(a);
      fills[row >= at ? cellAddress(row + rows.length, column) : a] = f;
    }
    s.fills = fills;
  }
}

/** What the `_index` sheet a plan writes would say when read back. */
export function indexState(plan: WritePlan): IndexSheetState {
  const state = readIndexSheet({ sheets: [{ name: INDEX_SHEET, values: ownedGrid(plan, INDEX_SHEET) }] });
  if (!state) throw new Error("no _index state");
  return state;
}

/** Twenty departments, the demo's three over again under codes of their own. */
export const TWENTY: DemoUnit[] = Array.from({ length: 20 }, (_, i) => {
  const base = DEMO_UNITS[i % DEMO_UNITS.length]!;
  const n = String(i + 1).padStart(2, "0");
  return { ...base, code: `SO-${n}`, name: `Sở số ${n}` };
});

/**
 * A run's plan of the demo index on `snapshot`, at `now`. Its charts leave out the profile radar:
 * twenty departments tie seven by seven, more than the radar compares, and its warning of that
 * (charts.test.ts) is not what the tests of what the user typed are about; its data is written all the same.
 */
export function planWithoutRadar(snapshot: WorkbookSnapshot, now: Date, previous?: IndexSheetState, lang: "vi" | "en" = "vi"): WritePlan {
  const model = demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  const charts = { kinds: ["barSorted", "stackedBar"] as ChartKind[] };
  return planResults(model, table, issues, submissions, { lang, projectVersion: "1.2.3", now, snapshot, charts, ...(previous ? { previous } : {}) });
}
