/**
 * Every page the project made prints the index and the period: besides the scored forms, a scoring
 * run plans the printed header of the template's instructions sheet ("Hướng dẫn"), with the
 * periods the results sheet's header names, in the instructions sheet's own language; and of a form
 * left out of the scoring (its unit code is another form's), with the period that form states.
 * The hosts write it only over a header the project wrote, or none (isProjectFormHeader). The
 * instructions sheet's period line under its title (A2: "Kỳ đánh giá: Năm 2024") is written again
 * with the same periods, while it reads as the project's line, the words a person added after the
 * period kept (instructionsPeriodLine).
 */
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../types";
import { planResults } from "./plan";
import { demoModel, demoSnapshot, layoutAGrid, readAndScore, setCell, DEMO_UNITS } from "./test-fixtures";

const NAMES = ["Bộ chỉ số thử nghiệm", "Demo index"];
const NOW = new Date("2025-06-01T00:00:00Z");

/** The instructions sheet a template writes first, with the title and period line it writes. */
function instructions(lang: "vi" | "en", id = "demo-dti@2024"): SheetSnapshot {
  return lang === "vi"
    ? { name: "Hướng dẫn", values: [[`Phiếu tự đánh giá — Bộ chỉ số thử nghiệm (${id})`], ["Kỳ đánh giá: Năm 2024"]] }
    : { name: "Instructions", values: [[`Self-assessment form — Demo index (${id})`], ["Period: 2024"]] };
}

/** The demo's forms, each stating the period given (by sheet), after `sheets` (the instructions first, as a template has them). */
function workbook(periods: Record<string, string>, ...sheets: SheetSnapshot[]): WorkbookSnapshot {
  const snapshot = demoSnapshot();
  for (const [sheet, period] of Object.entries(periods)) {
    setCell(snapshot, sheet, "A5", "Kỳ đánh giá");
    setCell(snapshot, sheet, "B5", period);
  }
  snapshot.sheets.unshift(...sheets);
  return snapshot;
}

function plan(snapshot: WorkbookSnapshot, lang: "vi" | "en" = "vi") {
  const model = demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang, projectVersion: "1.0.0", now: NOW, snapshot });
}

const headerOf = (p: ReturnType<typeof plan>, sheet: string) => p.edits.find((e) => e.sheet === sheet)?.pageHeader;
/** The blocks the plan writes on the sheet (none: no edit, or one of its printed header alone). */
const blocksOf = (p: ReturnType<typeof plan>, sheet: string) => p.edits.find((e) => e.sheet === sheet)?.blocks ?? [];
const resultsHeader = (p: ReturnType<typeof plan>) => p.owned[0]!.print?.pageHeader;

describe("the instructions sheet's printed header", () => {
  test("names the index and the period the forms state now, as the results and charts sheets' headers do; its period line (A2) says that period, and nothing else is written there", () => {
    const p = plan(workbook({ "SO-01": "Năm 2025", "SO-02": "Năm 2025", "SO-03": "Năm 2025" }, instructions("vi")));
    expect(p.edits.find((e) => e.sheet === "Hướng dẫn")).toEqual({
      sheet: "Hướng dẫn",
      blocks: [{ address: "A2", values: [["Kỳ đánh giá: Năm 2025"]] }],
      pageHeader: { texts: { center: "Bộ chỉ số thử nghiệm — Kỳ đánh giá: Năm 2025" }, indexNames: NAMES },
    });
    expect(headerOf(p, "Hướng dẫn")!.texts).toEqual(resultsHeader(p));
    expect(headerOf(p, "Hướng dẫn")!.texts).toEqual(p.owned[1]!.print?.pageHeader);
  });

  test("names every period when the forms differ, as the results sheet's header does", () => {
    const p = plan(workbook({ "SO-01": "Năm 2025", "SO-02": "Năm 2024", "SO-03": "Năm 2025" }, instructions("vi")));
    expect(headerOf(p, "Hướng dẫn")!.texts).toEqual({ center: "Bộ chỉ số thử nghiệm — Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2025, Năm 2024" });
    expect(headerOf(p, "Hướng dẫn")!.texts).toEqual(resultsHeader(p));
    expect(blocksOf(p, "Hướng dẫn")).toEqual([{ address: "A2", values: [["Kỳ đánh giá (các phiếu ghi khác nhau): Năm 2025, Năm 2024"]] }]);
  });

  test("names the index alone when no form states a period; the period line then stays as it is", () => {
    const p = plan(workbook({}, instructions("vi")));
    expect(headerOf(p, "Hướng dẫn")!.texts).toEqual({ center: "Bộ chỉ số thử nghiệm" });
    expect(blocksOf(p, "Hướng dẫn")).toEqual([]);
  });

  test("is in the instructions sheet's language, whatever the run's", () => {
    for (const lang of ["vi", "en"] as const) {
      const p = plan(workbook({ "SO-01": "2025", "SO-02": "2025", "SO-03": "2025" }, instructions("en")), lang);
      expect([lang, headerOf(p, "Instructions")]).toEqual([lang, { texts: { center: "Demo index — Period: 2025" }, indexNames: NAMES }]);
      expect([lang, blocksOf(p, "Instructions")]).toEqual([lang, [{ address: "A2", values: [["Period: 2025"]] }]]);
    }
    const vi = plan(workbook({ "SO-01": "Năm 2025" }, instructions("vi")), "en");
    expect(headerOf(vi, "Hướng dẫn")!.texts).toEqual({ center: "Bộ chỉ số thử nghiệm — Kỳ đánh giá: Năm 2025" });
    expect(blocksOf(vi, "Hướng dẫn")).toEqual([{ address: "A2", values: [["Kỳ đánh giá: Năm 2025"]] }]);
  });

  test("is left alone on a sheet that is not the project's instructions sheet, or is another index's", () => {
    const theirs: SheetSnapshot = { name: "Hướng dẫn", values: [["Hướng dẫn nhập liệu của Sở"], ["Kỳ đánh giá: Năm 2024"]] };
    const other = instructions("vi", "dti-xa@2024");
    for (const sheet of [theirs, other]) {
      const p = plan(workbook({ "SO-01": "Năm 2025" }, sheet));
      expect([sheet.values[0], p.edits.some((e) => e.sheet === "Hướng dẫn")]).toEqual([sheet.values[0], false]);
    }
    // Another version of the index in use is the same index.
    expect(headerOf(plan(workbook({ "SO-01": "Năm 2025" }, instructions("vi", "demo-dti@2023"))), "Hướng dẫn")).toBeDefined();
  });
});

describe("the instructions sheet's period line (A2)", () => {
  const FORMS = { "SO-01": "Năm 2025", "SO-02": "Năm 2025", "SO-03": "Năm 2025" };
  /** The Vietnamese instructions sheet with `line` under its title. */
  const withLine = (line: CellValue): SheetSnapshot => ({ ...instructions("vi"), values: [instructions("vi").values[0]!, [line]] });

  test("keeps the words a person added after the period, and is the same line at the next run", () => {
    const p = plan(workbook(FORMS, withLine("Kỳ đánh giá: Năm 2024 (số liệu đến 30/9)")));
    expect(blocksOf(p, "Hướng dẫn")).toEqual([{ address: "A2", values: [["Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)"]] }]);
    // Scored again: it says so already, and nothing is written there but the printed header.
    const again = plan(workbook(FORMS, withLine("Kỳ đánh giá: Năm 2025 (số liệu đến 30/9)")));
    expect([blocksOf(again, "Hướng dẫn"), headerOf(again, "Hướng dẫn")?.texts]).toEqual([[], { center: "Bộ chỉ số thử nghiệm — Kỳ đánh giá: Năm 2025" }]);
  });

  test("a line a person wrote there, emptied, or a figure, stays", () => {
    for (const line of ["Hạn nộp phiếu: 15/10/2025", "", 2024, null]) {
      const p = plan(workbook(FORMS, withLine(line)));
      expect([line, blocksOf(p, "Hướng dẫn")]).toEqual([line, []]);
      // The printed header is still the project's to write.
      expect(headerOf(p, "Hướng dẫn")).toBeDefined();
    }
  });

  test("is not written on a sheet of the user's named so, nor on another index's instructions", () => {
    const theirs: SheetSnapshot = { name: "Hướng dẫn", values: [["Hướng dẫn nhập liệu của Sở"], ["Kỳ đánh giá: Năm 2024"]] };
    for (const sheet of [theirs, instructions("vi", "dti-xa@2024")]) {
      expect(plan(workbook(FORMS, sheet)).edits.filter((e) => e.sheet === "Hướng dẫn")).toEqual([]);
    }
  });
});

test("a form left out for a unit code another form has prints its own period, as a scored form does", () => {
  const copy: SheetSnapshot = { name: "SO-01 (2)", values: layoutAGrid(DEMO_UNITS[0]!) as CellValue[][] };
  const snapshot = workbook({ "SO-01": "Năm 2025", "SO-02": "Năm 2025", "SO-03": "Năm 2025" });
  snapshot.sheets.push(copy);
  setCell(snapshot, "SO-01 (2)", "A5", "Kỳ đánh giá");
  setCell(snapshot, "SO-01 (2)", "B5", "Năm 2026");
  const p = plan(snapshot);
  // Left out, and said so on the form, with its header.
  const edit = p.edits.find((e) => e.sheet === "SO-01 (2)");
  expect(edit?.blocks.length).toBeGreaterThan(0);
  expect(edit?.pageHeader).toEqual({ texts: { center: "Bộ chỉ số thử nghiệm — Kỳ đánh giá: Năm 2026" }, indexNames: NAMES });
  // Not a period of the results: it is not scored.
  expect(resultsHeader(p)).toEqual({ center: "Bộ chỉ số thử nghiệm — Kỳ đánh giá: Năm 2025" });
});

test("a form of another index left out keeps its header", () => {
  const snapshot = workbook({ "SO-01": "Năm 2025", "SO-02": "Năm 2025" });
  setCell(snapshot, "SO-03", "A5", "Kỳ đánh giá");
  setCell(snapshot, "SO-03", "B5", "Năm 2025");
  setCell(snapshot, "SO-03", "B4", "dti-khac@2024");
  const p = plan(snapshot);
  expect(p.edits.find((e) => e.sheet === "SO-03")?.pageHeader).toBeUndefined();
  expect(headerOf(p, "SO-01")).toBeDefined();
});
