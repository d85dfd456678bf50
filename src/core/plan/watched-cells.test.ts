/**
 * The workbook says on its own what `validate` says: each unit's flag in `_index` goes up when
 * anything hashed for the unit changes on its form (figures, category, name, and its unit code,
 * its self scores, which indicators have evidence), and when a form left unscored for a duplicate
 * unit code gets its code fixed. The flags are evaluated here as a spreadsheet computes the two
 * comparisons they are made of (LibreOffice computes the real ones: test/interop).
 */
import type { CellValue, WorkbookSnapshot, WritePlan } from "../types";
import { isCellError } from "../types";
import { parseRange } from "./a1";
import { type IndexSheetState, inputCopies, readIndexSheet, staleUnits } from "./index-sheet";
import { INDEX_SHEET } from "./labels";
import { planMarksOnly } from "./marks-only";
import { planResults } from "./plan";
import { applyEdits, demoModel, demoSnapshot, indexState, ownedGrid, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

/** The demo units' forms with a `Tự chấm` column (G) beside `Minh chứng` (E); 1.1 is on row 8, the table's rows are 7 to 13. */
function forms(): WorkbookSnapshot {
  const snapshot = demoSnapshot();
  for (const s of snapshot.sheets) setCell(snapshot, s.name, "G6", "Tự chấm");
  setCell(snapshot, "SO-01", "E8", "Quyết định 12/QĐ-STTTT ngày 02/01/2024");
  setCell(snapshot, "SO-01", "G8", 10);
  setCell(snapshot, "SO-02", "G7", 25);
  return snapshot;
}

function score(snapshot: WorkbookSnapshot, previous?: IndexSheetState, model = demoModel()): WritePlan {
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang: "vi", projectVersion: "1", now: NOW, snapshot, ...(previous ? { previous } : {}) });
}

/** Split `text` at `sep` where it is outside parentheses and quotes. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') quoted = !quoted;
    else if (!quoted && c === "(") depth++;
    else if (!quoted && c === ")") depth--;
    else if (!quoted && depth === 0 && c === sep) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}

type Grid = CellValue[][];

/** The cells of `range` on `grid`, row by row; undefined when the sheet is not there (#REF!). */
function cellsOf(grid: Grid | undefined, range: string): CellValue[] | undefined {
  if (!grid) return undefined;
  const { top, left, bottom, right } = parseRange(range);
  const out: CellValue[] = [];
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) out.push(grid[r - 1]?.[c - 1] ?? null);
  return out;
}

/** A cell `&""`: as text, as a spreadsheet makes it; undefined for an error. */
function asText(v: CellValue): string | undefined {
  if (v === null) return "";
  if (isCellError(v)) return undefined;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

const RANGE = "([A-Z]+\\d+(?::[A-Z]+\\d+)?)";
const SHEET = "('(?:[^']|'')+'|[^'!()]+)";
const PLAIN = new RegExp(`^SUMPRODUCT\\(1-EXACT\\(\\(${SHEET}!${RANGE}\\)&"",\\(${RANGE}\\)&""\\)\\)$`);
const FILLED = new RegExp(`^SUMPRODUCT\\(--\\(\\(LEN\\(TRIM\\(${SHEET}!${RANGE}\\)\\)>0\\)<>\\(LEN\\(${RANGE}\\)>0\\)\\)\\)$`);

/**
 * The value of one flag formula of `_index` (`index`) over the workbook's sheets: IFERROR groups
 * of SUMPRODUCT comparisons, each a count of the cells that differ from their copy (as text, case
 * counting: 1-EXACT, or by whether they are filled: LEN(TRIM(…))>0); an error (a sheet gone, ranges of other sizes)
 * gives the group's fallback.
 */
function evaluateFlag(formula: string, index: Grid, sheets: Map<string, Grid>): number {
  let total = 0;
  for (const group of splitTop(formula.replace(/^=/, ""), "+")) {
    if (group === "0") continue;
    const m = /^IFERROR\((.*),([01])\)$/.exec(group);
    if (!m) throw new Error(`not a flag formula: ${formula}`);
    let sum: number | undefined = 0;
    for (const term of splitTop(m[1]!, "+")) {
      const plain = PLAIN.exec(term);
      const filled = FILLED.exec(term);
      const found = plain ?? filled;
      if (!found) throw new Error(`not a comparison: ${term}`);
      const name = found[1]!.startsWith("'") ? found[1]!.slice(1, -1).replace(/''/g, "'") : found[1]!;
      const there = cellsOf(sheets.get(name), found[2]!);
      const here = cellsOf(index, found[3]!)!;
      if (!there || there.length !== here.length || sum === undefined) {
        sum = undefined;
        continue;
      }
      for (let i = 0; i < here.length; i++) {
        if (filled) {
          if (isCellError(there[i]!)) sum = undefined;
          else if (sum !== undefined && (asText(there[i]!)!.replace(/ /g, "") !== "") !== (asText(here[i]!)!.length > 0)) sum++;
        } else {
          const a = asText(there[i]!);
          const b = asText(here[i]!);
          if (a === undefined || b === undefined) sum = undefined;
          // EXACT: text compared with its case.
          else if (sum !== undefined && a !== b) sum++;
        }
      }
    }
    total += sum ?? Number(m[2]);
  }
  return total;
}

/** `_index` as written by `plan` (values, and its flag formulas by unit). */
function indexOf(plan: WritePlan): { grid: Grid; formulas: Map<string, string> } {
  const sheet = plan.owned.find((o) => o.name === INDEX_SHEET)!;
  const formulas = new Map<string, string>();
  for (const b of sheet.blocks) {
    if (!b.formulas) continue;
    b.values.forEach((r, i) => {
      if (r[0] === "inputs") formulas.set(String(r[1]), b.formulas![i]![2]!);
    });
  }
  return { grid: ownedGrid(plan, INDEX_SHEET), formulas };
}

/** The units whose flag is above 0 when the workbook scored by `plan` holds `now`'s sheets. */
function flagged(plan: WritePlan, now: WorkbookSnapshot): string[] {
  const { grid, formulas } = indexOf(plan);
  const sheets = new Map(now.sheets.map((s) => [s.name, s.values]));
  return [...formulas].filter(([, f]) => evaluateFlag(f, grid, sheets) > 0).map(([u]) => u);
}

/** What `validate` names for `now` against the workbook scored by `plan`: changed, gone and new units. */
function validateNames(plan: WritePlan, now: WorkbookSnapshot, model = demoModel()): { changed: string[]; added: string[]; removed: string[] } {
  return staleUnits(indexState(plan), readAndScore(now, model).submissions);
}

/** `snapshot` with `edit` made on a copy of it. */
function edited(snapshot: WorkbookSnapshot, edit: (s: WorkbookSnapshot) => void): WorkbookSnapshot {
  const copy: WorkbookSnapshot = { ...snapshot, sheets: snapshot.sheets.map((s) => ({ ...s, values: s.values.map((r) => [...r]) })) };
  edit(copy);
  return copy;
}

describe("what _index copies of a form", () => {
  test("the unit code cell, the Tự chấm column and whether each Minh chứng cell is filled, over the table's rows, after what it copied before", () => {
    const snapshot = forms();
    const copies = inputCopies(readAndScore(snapshot).submissions, snapshot);
    const so01 = copies.find((c) => c.unit === "SO-01")!;
    expect(so01.ranges.map((r) => [r.address, r.filled === true])).toEqual([
      ["D8", false],
      ["B3", false],
      ["B1", false],
      ["B2", false],
      ["G7", false],
      ["E7", true],
    ]);
    expect(so01.ranges[3]!.values).toEqual([["SO-01"]]);
    expect(so01.ranges[4]!.values).toEqual([[null], [10], [null], [null], [null], [null], [null]]);
    // Evidence: 1 where there is some, empty where there is none; never its text.
    expect(so01.ranges[5]!.values).toEqual([[null], [1], [null], [null], [null], [null], [null]]);
    const index = ownedGrid(score(snapshot), INDEX_SHEET);
    expect(index.flat()).not.toContain("Quyết định 12/QĐ-STTTT ngày 02/01/2024");
  });

  test("a Minh chứng cell of spaces is empty, one of a line break is not (as TRIM sees them): the flags are 0 as scored", () => {
    const snapshot = forms();
    setCell(snapshot, "SO-02", "E8", "   ");
    setCell(snapshot, "SO-03", "E8", "\n");
    const plan = score(snapshot);
    expect(flagged(plan, snapshot)).toEqual([]);
  });

  test("read back from _index, the copies keep their places and which are of filled cells", () => {
    const snapshot = forms();
    const plan = score(snapshot);
    const state = readIndexSheet({ sheets: [...snapshot.sheets, { name: INDEX_SHEET, values: ownedGrid(plan, INDEX_SHEET) }] })!;
    const so01 = state.inputCopies!.find((c) => c.unit === "SO-01")!;
    expect(so01.ranges.map((r) => [r.address, r.filled === true, r.values.length])).toEqual([
      ["D8", false, 6],
      ["B3", false, 1],
      ["B1", false, 1],
      ["B2", false, 1],
      ["G7", false, 7],
      ["E7", true, 7],
    ]);
    expect(so01.ranges[5]!.values.flat()).toEqual([null, 1, null, null, null, null, null]);
    // A check that only marks issues writes the same flags again (where its shorter `_index` puts them).
    const marked = planMarksOnly([], { lang: "vi", previous: state, snapshot });
    const places = (p: WritePlan) => [...indexOf(p).formulas.values()].map((f) => f.replace(/\(([A-Z]+\d+(?::[A-Z]+\d+)?)\)/g, "(here)"));
    expect(places(marked)).toEqual(places(plan));
    expect(places(plan)[0]).toContain("LEN(TRIM('SO-01'!E7:E13))");
    for (const now of [snapshot, edited(snapshot, (x) => setCell(x, "SO-01", "E8", null)), edited(snapshot, (x) => setCell(x, "SO-02", "B2", "SO-20"))]) {
      expect(flagged(marked, now)).toEqual(flagged(plan, now));
    }
    expect(flagged(marked, edited(snapshot, (x) => setCell(x, "SO-01", "E8", null)))).toEqual(["SO-01"]);
  });
});

describe("a unit's flag goes up when what validate sees changes on its form, and only then", () => {
  const snapshot = forms();
  const plan = score(snapshot);

  test("as scored: no flag, and validate names no unit", () => {
    expect(flagged(plan, snapshot)).toEqual([]);
    expect(validateNames(plan, snapshot)).toEqual({ changed: [], added: [], removed: [] });
  });

  test.each<[string, (s: WorkbookSnapshot) => void, string[]]>([
    ["its unit code changed (one unit gone, another new)", (s) => setCell(s, "SO-03", "B2", "SO-09"), ["SO-03"]],
    ["its unit code changed only in case (another unit)", (s) => setCell(s, "SO-03", "B2", "so-03"), ["SO-03"]],
    ["its unit code made another scored unit's", (s) => setCell(s, "SO-03", "B2", "SO-02"), ["SO-03"]],
    ["a self score changed", (s) => setCell(s, "SO-01", "G8", 5), ["SO-01"]],
    ["a self score typed on a group's row", (s) => setCell(s, "SO-03", "G7", 20), ["SO-03"]],
    ["a self score cleared", (s) => setCell(s, "SO-02", "G7", null), ["SO-02"]],
    ["its evidence emptied", (s) => setCell(s, "SO-01", "E8", null), ["SO-01"]],
    ["evidence typed where there was none", (s) => setCell(s, "SO-03", "E13", "Báo cáo 7/BC-STC"), ["SO-03"]],
  ])("%s", (_, edit, units) => {
    const now = edited(snapshot, edit);
    expect(flagged(plan, now)).toEqual(units);
    const named = validateNames(plan, now);
    // validate names the same unit: changed, or gone under its old code.
    expect([...named.changed, ...named.removed]).toEqual(units);
  });

  test("evidence only worded otherwise: validate names nothing, and no flag goes up", () => {
    const now = edited(snapshot, (s) => setCell(s, "SO-01", "E8", "Quyết định số 12/QĐ-STTTT"));
    expect(validateNames(plan, now)).toEqual({ changed: [], added: [], removed: [] });
    expect(flagged(plan, now)).toEqual([]);
  });
});

describe("a form left unscored for a duplicate unit code", () => {
  /** SO-03's form given SO-01's code: SO-01's form (the first) is scored, SO-03's is not. */
  function duplicated(): { snapshot: WorkbookSnapshot; plan: WritePlan } {
    const snapshot = forms();
    setCell(snapshot, "SO-03", "B2", "SO-01");
    const plan = score(snapshot);
    expect(readAndScore(snapshot).issues.some((i) => i.code === "duplicate-unit" && i.sheet === "SO-03")).toBe(true);
    return { snapshot, plan };
  }

  test("its code cell is copied with the scored unit's, on its own sheet; as scored no flag is up", () => {
    const { snapshot, plan } = duplicated();
    const so01 = inputCopies(readAndScore(snapshot).submissions, snapshot).find((c) => c.unit === "SO-01")!;
    expect(so01.ranges.filter((r) => r.sheet !== undefined).map((r) => [r.sheet, r.address, r.values])).toEqual([["SO-03", "B2", [["SO-01"]]]]);
    expect(flagged(plan, snapshot)).toEqual([]);
    // No `inputs` row of its own: the rows are one a scored unit.
    expect([...indexOf(plan).formulas.keys()]).toEqual(["SO-01", "SO-02"]);
  });

  test("its code fixed as the results sheet's note asks: a flag goes up (validate names a new unit); the form deleted instead: none does", () => {
    const { snapshot, plan } = duplicated();
    const fixed = edited(snapshot, (s) => setCell(s, "SO-03", "B2", "SO-03"));
    expect(validateNames(plan, fixed)).toEqual({ changed: [], added: ["SO-03"], removed: [] });
    expect(flagged(plan, fixed)).toEqual(["SO-01"]);
    const deleted = edited(snapshot, (s) => {
      s.sheets = s.sheets.filter((x) => x.name !== "SO-03");
    });
    expect(validateNames(plan, deleted)).toEqual({ changed: [], added: [], removed: [] });
    expect(flagged(plan, deleted)).toEqual([]);
  });

  test("read back after the form was deleted: the scored unit's copy stays, without the range on the sheet that is gone", () => {
    const { snapshot, plan } = duplicated();
    const sheets = snapshot.sheets.filter((x) => x.name !== "SO-03");
    const state = readIndexSheet({ sheets: [...sheets, { name: INDEX_SHEET, values: ownedGrid(plan, INDEX_SHEET) }] })!;
    const so01 = state.inputCopies!.find((c) => c.unit === "SO-01")!;
    expect(so01.ranges.map((r) => r.address)).toEqual(["D8", "B3", "B1", "B2", "G7", "E7"]);
    expect(so01.ranges.every((r) => r.sheet === undefined)).toBe(true);
  });
});

describe("a workbook scored before the code, self scores and evidence were copied", () => {
  /** `_index` as the earlier version wrote it: each `inputs` row with its figures, category and name ranges only. */
  function earlier(plan: WritePlan): Grid {
    const grid = ownedGrid(plan, INDEX_SHEET).map((r) => [...r]);
    for (const line of grid) if (line[0] === "inputs") line.splice(10);
    return grid;
  }

  test("is read, its flags rewritten by a check for what they copied, and scored again with the new copies", () => {
    const snapshot = forms();
    const first = score(snapshot);
    const old = earlier(first);
    const state = readIndexSheet({ sheets: [...snapshot.sheets, { name: INDEX_SHEET, values: old }] })!;
    expect(state.inputCopies!.map((c) => c.ranges.map((r) => r.address))).toEqual([
      ["D8", "B3", "B1"],
      ["D8", "B3", "B1"],
      ["D8", "B3", "B1"],
    ]);
    // A check that only marks issues: the flags compare what was copied, nothing more.
    const marked = planMarksOnly([], { lang: "vi", previous: state, snapshot });
    const formulas = indexOf(marked).formulas;
    expect([...formulas.values()].every((f) => !/!B2\)|!G7|!E7/.test(f))).toBe(true);
    const sheets = (s: WorkbookSnapshot) => new Map(s.sheets.map((x) => [x.name, x.values]));
    const grid = ownedGrid(marked, INDEX_SHEET);
    const up = (s: WorkbookSnapshot) => [...formulas].filter(([, f]) => evaluateFlag(f, grid, sheets(s)) > 0).map(([u]) => u);
    expect(up(snapshot)).toEqual([]);
    expect(up(edited(snapshot, (s) => setCell(s, "SO-02", "D10", 41)))).toEqual(["SO-02"]);
    // Scored again: the new copies, and a code changed since is seen.
    const after = applyEdits(snapshot, first);
    const again = score(after, state);
    const readAgain = readIndexSheet({ sheets: [...after.sheets, { name: INDEX_SHEET, values: ownedGrid(again, INDEX_SHEET) }] })!;
    expect(readAgain.inputCopies!.map((c) => c.ranges.map((r) => r.address))).toEqual([
      ["D8", "B3", "B1", "B2", "G7", "E7"],
      ["D8", "B3", "B1", "B2", "G7", "E7"],
      ["D8", "B3", "B1", "B2", "G7", "E7"],
    ]);
    expect(flagged(again, edited(after, (s) => setCell(s, "SO-02", "B2", "SO-20")))).toEqual(["SO-02"]);
  });

  test("an `inputs` row whose place is not one a version wrote is left out, the others read", () => {
    const snapshot = forms();
    const grid = ownedGrid(score(snapshot), INDEX_SHEET).map((r) => [...r]);
    const row = grid.find((r) => r[0] === "inputs" && r[1] === "SO-02")!;
    row[4] = "nowhere:D8";
    const state = readIndexSheet({ sheets: [...snapshot.sheets, { name: INDEX_SHEET, values: grid }] })!;
    expect(state.inputCopies!.map((c) => c.unit)).toEqual(["SO-01", "SO-03"]);
  });
});

describe("a table of units (layout B): a unit's flag goes up when its code, name or category changes, as for its figures", () => {
  /** Two categories, ranks within them: a unit's category changes its rank. */
  const model = demoModel({
    categories: [
      { id: "so", name: { vi: "Sở, ban, ngành", en: "Departments" } },
      { id: "huyen", name: { vi: "UBND cấp huyện", en: "Districts" } },
    ],
    ranking: { within: "category" },
  });
  /** STT, the code and the name, the inputs, a note, then the category far right. "01" and "1" are two units. */
  function table(): WorkbookSnapshot {
    return {
      sheets: [
        {
          name: "Bảng",
          values: [
            ["STT", "Mã đơn vị", "Đơn vị", "1.1", "1.2.a", "1.2.b", "2.1", "Ghi chú", "Nhóm"],
            [1, "so-tc", "Sở Tài chính", "Có", 90, 100, 0.9, "", "Sở, ban, ngành"],
            [2, "01", "Huyện Một", "Không", 40, 100, 0.5, "", "UBND cấp huyện"],
            [3, "1", "Huyện Hai", "Có", 70, 100, 0.7, "", "UBND cấp huyện"],
          ],
        },
      ],
    };
  }
  const snapshot = table();
  const plan = score(snapshot, undefined, model);

  test("the code and name cells are copied with the input columns they adjoin, the category cell on its own", () => {
    const copies = inputCopies(readAndScore(snapshot, model).submissions, snapshot);
    expect(copies.map((c) => [c.unit, c.ranges.map((r) => r.address)])).toEqual([
      ["so-tc", ["B2", "I2"]],
      ["01", ["B3", "I3"]],
      ["1", ["B4", "I4"]],
    ]);
    expect(copies[1]!.ranges.map((r) => r.values)).toEqual([[["01", "Huyện Một", "Không", 40, 100, 0.5]], [["UBND cấp huyện"]]]);
    expect(flagged(plan, snapshot)).toEqual([]);
    expect(validateNames(plan, snapshot, model)).toEqual({ changed: [], added: [], removed: [] });
  });

  test.each<[string, (s: WorkbookSnapshot) => void, string[]]>([
    ["its category changed (its rank in category changes)", (s) => setCell(s, "Bảng", "I2", "UBND cấp huyện"), ["so-tc"]],
    ["its code changed", (s) => setCell(s, "Bảng", "B4", "H02"), ["1"]],
    ["its code changed only in case", (s) => setCell(s, "Bảng", "B2", "SO-TC"), ["so-tc"]],
    ["its name changed", (s) => setCell(s, "Bảng", "C3", "Huyện Ba"), ["01"]],
    ["a figure changed", (s) => setCell(s, "Bảng", "E4", 71), ["1"]],
  ])("%s", (_, edit, units) => {
    const now = edited(snapshot, edit);
    expect(flagged(plan, now)).toEqual(units);
    const named = validateNames(plan, now, model);
    expect([...named.changed, ...named.removed]).toEqual(units);
  });

  test("a column that is neither the unit's nor an input (STT, a note after the inputs) changes no flag, as it changes nothing validate sees", () => {
    const now = edited(snapshot, (s) => {
      setCell(s, "Bảng", "A2", 9);
      setCell(s, "Bảng", "H3", "đã kiểm tra");
    });
    expect(validateNames(plan, now, model)).toEqual({ changed: [], added: [], removed: [] });
    expect(flagged(plan, now)).toEqual([]);
  });
});

describe("a form's period (Kỳ đánh giá): copied, recorded as scored, and its flag goes up when it changes", () => {
  /** The demo forms with a period row (A5 "Kỳ đánh giá", B5 the period), SO-03's still last year's. */
  function withPeriods(): WorkbookSnapshot {
    const snapshot = forms();
    for (const s of snapshot.sheets) {
      setCell(snapshot, s.name, "A5", "Kỳ đánh giá");
      setCell(snapshot, s.name, "B5", s.name === "SO-03" ? "Năm 2024" : "Năm 2025");
    }
    return snapshot;
  }

  test("the period cell is copied after the unit code, and `_index` records each unit's period as scored", () => {
    const snapshot = withPeriods();
    const copies = inputCopies(readAndScore(snapshot).submissions, snapshot);
    const so03 = copies.find((c) => c.unit === "SO-03")!;
    expect(so03.ranges.map((r) => r.address)).toEqual(["D8", "B3", "B1", "B2", "B5", "G7", "E7"]);
    expect(so03.ranges[4]!.values).toEqual([["Năm 2024"]]);
    const state = readIndexSheet({ sheets: [...snapshot.sheets, { name: INDEX_SHEET, values: ownedGrid(score(snapshot), INDEX_SHEET) }] })!;
    expect(state.periods).toEqual({ "SO-01": "Năm 2025", "SO-02": "Năm 2025", "SO-03": "Năm 2024" });
    // A check that only marks issues writes them again.
    const marked = planMarksOnly([], { lang: "vi", previous: state, snapshot });
    expect(readIndexSheet({ sheets: [...snapshot.sheets, { name: INDEX_SHEET, values: ownedGrid(marked, INDEX_SHEET) }] })!.periods).toEqual(state.periods);
  });

  test("as scored no flag is up; the one form's period corrected, its flag goes up; every period changed, every flag", () => {
    const snapshot = withPeriods();
    const plan = score(snapshot);
    expect(flagged(plan, snapshot)).toEqual([]);
    expect(flagged(plan, edited(snapshot, (s) => setCell(s, "SO-03", "B5", "Năm 2025")))).toEqual(["SO-03"]);
    const all = edited(snapshot, (s) => {
      for (const x of s.sheets) setCell(s, x.name, "B5", "Năm 2026");
    });
    expect(flagged(plan, all)).toEqual(["SO-01", "SO-02", "SO-03"]);
    // The figures are what they were: the unit hashes say nothing changed, the periods recorded do.
    expect(validateNames(plan, all)).toEqual({ changed: [], added: [], removed: [] });
  });
});
