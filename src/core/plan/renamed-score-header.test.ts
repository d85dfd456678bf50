/**
 * The `Điểm` header of a form renamed between two runs: the run says to give the old column its
 * header back, and names the header the form was made with, "Score" on an English form and "Điểm"
 * on a Vietnamese one, whatever the language of the run.
 */
import type { WorkbookSnapshot, WritePlan } from "../types";
import { type IndexSheetState } from "./index-sheet";
import { planResults } from "./plan";
import { applyEdits, demoModel, demoSnapshot, indexState, readAndScore, setCell } from "./test-fixtures";

const NOW = new Date("2024-05-06T07:08:09Z");

function run(snapshot: WorkbookSnapshot, lang: "vi" | "en", previous?: IndexSheetState): WritePlan {
  const model = demoModel();
  const { submissions, issues, table } = readAndScore(snapshot, model);
  return planResults(model, table, issues, submissions, { lang, projectVersion: "1", now: NOW, snapshot, ...(previous ? { previous } : {}) });
}

/** The demo form of SO-01 with its labels typed in English. */
function english(): WorkbookSnapshot {
  const snapshot = demoSnapshot();
  const labels: [string, string][] = [["A1", "Unit"], ["A2", "Unit code"], ["A3", "Category"], ["A4", "Index"], ["A6", "Code"], ["B6", "Item"], ["C6", "Max points"], ["D6", "Value"], ["E6", "Evidence"], ["F6", "Note"]];
  for (const [a, v] of labels) setCell(snapshot, "SO-01", a, v);
  return snapshot;
}

/** The warning of the second run, after the Điểm header the first run wrote in G6 was renamed. */
function renamedWarning(form: WorkbookSnapshot, lang: "vi" | "en", header: string) {
  const first = run(form, lang);
  const scored = applyEdits(form, first);
  expect(scored.sheets.find((s) => s.name === "SO-01")!.values[5]![6]).toBe(header);
  setCell(scored, "SO-01", "G6", "Council's score");
  const said = (run(scored, lang, indexState(first)).warnings ?? []).filter((w) => w.sheet === "SO-01" && w.en.includes("Council's score"));
  expect(said).toHaveLength(1);
  return said[0]!;
}

describe("a renamed Điểm header", () => {
  test.each(["vi", "en"] as const)("on an English form, scored in %s: the run says to name the cell “Score” again", (lang) => {
    const w = renamedWarning(english(), lang, "Score");
    expect(w.en).toBe(
      "Sheet 'SO-01': the Score column's header in cell G6 was renamed \"Council's score\", so this run's scores are written in column H (its header in cell H6); column G still holds the scores of the earlier run, not the current ones. Delete column G, or name cell G6 \"Score\" again and delete column H, then score again.",
    );
    expect(w.vi).toContain('hoặc đặt lại tiêu đề "Score" cho ô G6 và xóa cột H, rồi chấm lại.');
    expect(w.en).not.toContain("Điểm");
  });

  test.each(["vi", "en"] as const)("on a Vietnamese form, scored in %s: the run says to name the cell “Điểm” again", (lang) => {
    const w = renamedWarning(demoSnapshot(), lang, "Điểm");
    expect(w.en).toContain('Delete column G, or name cell G6 "Điểm" ("Score") again and delete column H, then score again.');
    expect(w.vi).toContain('hoặc đặt lại tiêu đề "Điểm" cho ô G6 và xóa cột H, rồi chấm lại.');
  });
});
