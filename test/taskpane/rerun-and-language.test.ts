/**
 * What an audit of the pane on the demo workbook found: the Check step's summary counting 20 units
 * while 21 forms were read (the one not scored is in the list under it); a workbook downloaded from
 * the pane and opened again offered as "so-lieu (đã chấm) (đã chấm).xlsx"; "Create or update the
 * charts" after a switch of the pane's language rewriting the results sheet in the new language;
 * ranking options changed after scoring with nothing saying the table is the last run's; the
 * Vietnamese sentence for a CSV file naming Excel's file type in English.
 */
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import { readIndexSheet } from "../../src/core/plan/index-sheet";
import type { UnitResult } from "../../src/core/types";
import { DEMO_INDEX, DEMO_PERIOD, DEMO_UNITS, fillDemoWorkbook } from "../../src/cli/demo";
import { XlsxHost } from "../../src/hosts/xlsx";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { BUILTIN_INDICES } from "../../src/indices";
import { downloadName } from "../../src/taskpane/App";
import { CheckStep } from "../../src/taskpane/components/CheckStep";
import { ScoreStep, rankingChanged } from "../../src/taskpane/components/ScoreStep";
import { t } from "../../src/taskpane/i18n";
import { openExcelWorkbench } from "../../src/taskpane/state/excel";
import { checkSummary, notScoredText } from "../../src/taskpane/state/findings";
import { chartsNotice, check, csvFileSkip, csvNotAWorkbook, score } from "../../src/taskpane/state/pipeline";
import { type PaneState, type RankingChoice, severityCounts } from "../../src/taskpane/state/usePane";
import type { Workbench } from "../../src/taskpane/state/workbench";
import { paneStateOf, renderStep } from "./pane-state";
import { layoutAWorkbook } from "../excel-host/fixtures";

const demoModel: IndexModel = (() => {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === DEMO_INDEX)!.definition);
  if (!r.ok) throw new Error("the demo's index does not parse");
  return r.model;
})();

/** The demo's so-lieu.xlsx (`dti-scorer demo`): 21 forms, one of them with another unit's code. */
async function demoWorkbook(): Promise<Uint8Array> {
  const blank = await makeTemplate(demoModel, DEMO_UNITS, { lang: "vi", period: DEMO_PERIOD.vi });
  return fillDemoWorkbook(demoModel, blank, DEMO_UNITS);
}

/** The pane's workbench on a file outside Excel, with the .xlsx host in this process rather than in its worker. */
async function fileWorkbench(bytes: Uint8Array, name: string): Promise<{ workbench: Workbench; host: XlsxHost }> {
  const host = await XlsxHost.fromBuffer(bytes, name);
  return { host, workbench: { mode: "file", fileName: name, host, addWorkbooks: async () => ({ taken: [], skipped: [], warnings: [] }) } };
}

/** A pane's state for rendering one step: the demo's index chosen, a workbook open outside Excel. */
function paneState(extra: Partial<PaneState> = {}): PaneState {
  return paneStateOf(DEMO_INDEX, demoModel, { mode: "file", step: "check", ...extra });
}

const render = renderStep;

function textOf(html: string, testId: string): string | undefined {
  const at = html.indexOf(`data-testid="${testId}"`);
  if (at < 0) return undefined;
  const start = html.lastIndexOf("<", at);
  const tag = /^<(\w+)/.exec(html.slice(start))![1]!;
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  re.lastIndex = start;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] === "/" ? -1 : 1;
    if (depth === 0) return html.slice(html.indexOf(">", start) + 1, m.index).replace(/<[^>]+>/g, "").replace(/&quot;/g, '"');
  }
  return undefined;
}

describe("the Check step's summary on the demo workbook (21 forms, one with another unit's code)", () => {
  test("counts the 20 units read and the form not scored, whose finding is listed under it, in both languages", async () => {
    const { workbench } = await fileWorkbench(await demoWorkbook(), "so-lieu.xlsx");
    const { submissions, issues } = await check(workbench, demoModel, "vi");
    expect(submissions).toHaveLength(20);
    const unitNames = Object.fromEntries(submissions.map((u) => [u.code || u.name, u.name]));
    const state = paneState({ issues, unitsChecked: submissions.length, unitNames });
    const vi = render(CheckStep, state);
    expect(textOf(vi, "check-summary")).toBe("Đã kiểm tra 20 sở, ban, ngành và 1 phiếu chưa được chấm: 3 lỗi và 1 cảnh báo");
    // The form not scored is among the findings listed.
    expect(vi).toContain("Đài Phát thanh và Truyền hình tỉnh");
    expect(textOf(vi, "check-left-out")).toBe("1 phiếu sẽ không được chấm: xem các lỗi bên dưới.");
    const en = render(CheckStep, { ...state, lang: "en" });
    expect(textOf(en, "check-summary")).toBe("20 departments checked and 1 form not scored: 3 errors and 1 warning");
    // As the announcer says it (App.tsx), from the same pieces.
    const said = checkSummary(issues, severityCounts(issues), submissions.length, "en", demoModel.definition.unitLabel);
    expect(t("en", said.key, said.params)).toBe("20 departments checked and 1 form not scored: 3 errors and 1 warning");
  }, 60_000);

  test("with nothing left out, the summary is the units and the counts, as before", () => {
    const warning = { severity: "warning", code: "evidence-missing", unit: "SYT", message: { vi: "", en: "" } } as never;
    expect(notScoredText([warning], "vi")).toBeUndefined();
    const said = checkSummary([warning], { error: 0, warning: 1, info: 0 }, 4, "vi", demoModel.definition.unitLabel);
    expect(t("vi", said.key, said.params)).toBe("Đã kiểm tra 4 sở, ban, ngành: 1 cảnh báo");
    expect(textOf(render(CheckStep, paneState({ issues: [warning], unitsChecked: 4 })), "check-summary")).toBe("Đã kiểm tra 4 sở, ban, ngành: 1 cảnh báo");
  });
});

describe("the name the scored workbook downloads under", () => {
  test("a name of ours already there is replaced, with the browser's copy mark after it, not followed by a second", () => {
    expect(downloadName("so-lieu.xlsx", "vi")).toBe("so-lieu (đã chấm).xlsx");
    expect(downloadName("so-lieu (đã chấm).xlsx", "vi")).toBe("so-lieu (đã chấm).xlsx");
    expect(downloadName("so-lieu (đã chấm) (1).xlsx", "vi")).toBe("so-lieu (đã chấm).xlsx");
    expect(downloadName("so-lieu (đã chấm)(2).xlsx", "vi")).toBe("so-lieu (đã chấm).xlsx");
    expect(downloadName("so-lieu (đã chấm) (đã chấm).xlsx", "vi")).toBe("so-lieu (đã chấm).xlsx");
    // Another kind of write, or the other language: the one suffix of what the last write did.
    expect(downloadName("so-lieu (đã đánh dấu).xlsx", "vi", "scored")).toBe("so-lieu (đã chấm).xlsx");
    expect(downloadName("so-lieu (đã chấm).xlsx", "vi", "marked")).toBe("so-lieu (đã đánh dấu).xlsx");
    expect(downloadName("so-lieu (đã xóa dấu).XLSX", "en")).toBe("so-lieu (scored).xlsx");
    expect(downloadName("tong-hop (đã tổng hợp phiếu) (3).xlsx", "vi", "collected")).toBe("tong-hop (đã tổng hợp phiếu).xlsx");
    // The suffix earlier versions gave it is still ours: replaced, not added to.
    expect(downloadName("tong-hop (đã gộp phiếu) (3).xlsx", "vi", "collected")).toBe("tong-hop (đã tổng hợp phiếu).xlsx");
    expect(downloadName("so-lieu (đã chấm).xlsx", "vi", "cleared")).toBe("so-lieu (đã xóa đánh dấu).xlsx");
    expect(downloadName("so-lieu (đã xóa dấu) (1).xlsx", "vi", "cleared")).toBe("so-lieu (đã xóa đánh dấu).xlsx");
    expect(downloadName("so-lieu (đã xóa đánh dấu) (2).xlsx", "vi", "scored")).toBe("so-lieu (đã chấm).xlsx");
    expect(downloadName("so-lieu (Scored).xlsx", "vi")).toBe("so-lieu (đã chấm).xlsx");
    expect(downloadName("so-lieu (marks cleared) (1).xlsx", "en", "cleared")).toBe("so-lieu (marks cleared).xlsx");
    expect(downloadName("so-lieu (forms collected).xlsx", "en", "collected")).toBe("so-lieu (forms collected).xlsx");
    // A name from a Mac's file system, decomposed.
    expect(downloadName("so-lieu (đã chấm).xlsx".normalize("NFD"), "vi")).toBe("so-lieu (đã chấm).xlsx");
  });

  test("what is the user's own stays: a copy mark after their name, brackets of their own, a suffix of ours inside the name", () => {
    expect(downloadName("so-lieu (2).xlsx", "vi")).toBe("so-lieu (2) (đã chấm).xlsx");
    expect(downloadName("so-lieu (bản cuối).xlsx", "en")).toBe("so-lieu (bản cuối) (scored).xlsx");
    expect(downloadName("(đã chấm) so-lieu.xlsx", "vi")).toBe("(đã chấm) so-lieu (đã chấm).xlsx");
    expect(downloadName("so-lieu-da-cham.xlsx", "vi")).toBe("so-lieu-da-cham (đã chấm).xlsx");
  });
});

describe("\"Create or update the charts\" after the pane's language was switched", () => {
  const options = (lang: "vi" | "en", keepWorkbookLang?: boolean) => ({
    lang,
    ...(keepWorkbookLang !== undefined ? { keepWorkbookLang } : {}),
    ranking: { method: "competition" as const, decimals: null, within: "all" as const },
    profileUnits: [],
    chartKinds: ["barSorted" as const, "stackedBar" as const],
    onProgress: async () => undefined,
  });

  test("outside Excel: scored in Vietnamese, the charts run in an English pane keeps \"Kết quả\" and \"Biểu đồ\" in Vietnamese, and says so in the pane's language", async () => {
    const { workbench, host } = await fileWorkbench(await demoWorkbook(), "so-lieu.xlsx");
    await score(workbench, demoModel, options("vi"));
    const charts = await score(workbench, demoModel, options("en", true));
    expect(charts.lang).toBe("vi");
    const after = await host.read();
    const names = after.sheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Kết quả", "Biểu đồ"]));
    expect(names).not.toContain("Results");
    expect(names).not.toContain("Charts");
    // The results table's headers are still Vietnamese, and the stamp says the workbook is.
    const results = after.sheets.find((s) => s.name === "Kết quả")!;
    expect(results.values.flat()).toContain("Tổng điểm");
    expect(results.values.flat()).not.toContain("Total points");
    expect(readIndexSheet(after)?.provenance?.lang).toBe("vi");
    // The notice, in the pane's English: the charts on the sheet as named, and the sheets kept in Vietnamese.
    const notice = chartsNotice(charts, charts.lang, "en")!;
    expect(t("en", notice.key!, notice.params)).toBe(`${charts.charts} charts created or updated on the sheet 'Biểu đồ'.`);
    expect(notice.details!.map((d) => d.en)).toEqual([
      "The results and charts sheets stay in Vietnamese, as the workbook was scored; score again in the Score step to write them in the pane's language.",
    ]);
    expect(notice.details![0]!.vi).toBe(
      "Trang kết quả và trang biểu đồ vẫn bằng tiếng Việt như khi sổ được chấm điểm; hãy chấm điểm lại ở bước Chấm điểm để ghi chúng bằng ngôn ngữ của ngăn tác vụ.",
    );
    // Scoring in the Score step is what writes the workbook in the pane's language.
    const scored = await score(workbench, demoModel, options("en"));
    expect(scored.lang).toBe("en");
    expect((await host.read()).sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Results", "Charts"]));
  }, 120_000);

  test("in Excel (the double): the same, on the same pipeline", async () => {
    const { double, model } = await layoutAWorkbook(2, { via: "insert", protection: "none" });
    double.install();
    const workbench = openExcelWorkbench();
    await score(workbench, model, options("vi"));
    const charts = await score(workbench, model, options("en", true));
    expect(charts.lang).toBe("vi");
    expect(charts.chartsSheet).toBe("Biểu đồ");
    expect(double.sheetNames()).toEqual(expect.arrayContaining(["Kết quả", "Biểu đồ"]));
    expect(double.sheetNames()).not.toContain("Results");
    // Same languages, nothing more to say than the charts.
    expect(chartsNotice(charts, "vi", "vi")!.details).toBeUndefined();
  }, 120_000);

  test("a workbook never scored takes the pane's language", async () => {
    const { double, model } = await layoutAWorkbook(2, { via: "insert", protection: "none" });
    double.install();
    const run = await score(openExcelWorkbench(), model, options("en", true));
    expect(run.lang).toBe("en");
    expect(double.sheetNames()).toContain("Results");
  }, 120_000);
});

describe("the pane's language changed after scoring", () => {
  test("the Score step says which language the results and charts sheets are in, and how to write them in the pane's", () => {
    const unit = { code: "SYT", name: "Sở Y tế", ranked: true, rank: 1, points: 50, value: 0.5, coverage: 1 } as unknown as UnitResult;
    const ran = { method: "competition", on: "points", within: "all", decimals: 1, nodes: "none", minCoverage: 0, exclude: [] } as const;
    const summary = { units: [unit], ranked: 1, counts: { error: 0, warning: 0, info: 0 }, ranking: ran, categories: [], errors: {} };
    const scoredAt = "2026-12-07T08:00:00.000Z";
    const en = render(ScoreStep, paneState({ lang: "en", step: "score", scoredAt, score: { ...summary, lang: "vi" } as unknown as PaneState["score"] }));
    expect(textOf(en, "sheets-lang")).toBe('The results and charts sheets in the workbook are in Vietnamese; press "Score and write results" to write them in English.');
    const vi = render(ScoreStep, paneState({ lang: "vi", step: "score", scoredAt, score: { ...summary, lang: "en" } as unknown as PaneState["score"] }));
    expect(textOf(vi, "sheets-lang")).toBe('Trang kết quả và trang biểu đồ trong sổ đang bằng tiếng Anh; bấm "Chấm điểm và ghi kết quả" để ghi lại bằng tiếng Việt.');
    // The same language: nothing said.
    expect(textOf(render(ScoreStep, paneState({ lang: "vi", step: "score", scoredAt, score: { ...summary, lang: "vi" } as unknown as PaneState["score"] })), "sheets-lang")).toBeUndefined();
  });
});

describe("ranking options changed after scoring", () => {
  const unit = { code: "SYT", name: "Sở Y tế", ranked: true, rank: 1, rankInCategory: 1, category: "co-dvc", points: 50, value: 0.5, coverage: 1 } as unknown as UnitResult;
  const ran = { method: "competition", on: "points", within: "all", decimals: 1, nodes: "none", minCoverage: 0, exclude: [] } as const;
  const score = { units: [unit], ranked: 1, counts: { error: 0, warning: 0, info: 0 }, ranking: ran, categories: [], errors: {} } as unknown as PaneState["score"];
  const asRan: RankingChoice = { method: "competition", decimals: 1, within: "all" };

  test("the Score step says, above the table of the last run, to score again to apply them, while they differ from that run's", () => {
    for (const lang of ["vi", "en"] as const) {
      const same = render(ScoreStep, paneState({ lang, step: "score", score, ranking: asRan }));
      expect(textOf(same, "ranking-changed")).toBeUndefined();
      for (const ranking of [
        { ...asRan, within: "category" as const },
        { ...asRan, decimals: null },
        { ...asRan, decimals: 2 },
        { ...asRan, method: "dense" as const },
      ]) {
        const html = render(ScoreStep, paneState({ lang, step: "score", score, ranking }));
        expect(textOf(html, "ranking-changed")).toBe(
          lang === "vi" ? 'Đã đổi cách xếp hạng: bấm "Chấm điểm và ghi kết quả" để áp dụng.' : 'The ranking options were changed: press "Score and write results" to apply them.',
        );
        // Near the summary it is about: under its heading, above its table.
        const at = html.indexOf('data-testid="ranking-changed"');
        expect(at).toBeGreaterThan(html.indexOf(`>${lang === "vi" ? "Sở, ban, ngành dẫn đầu" : "Top departments"}<`));
        expect(at).toBeLessThan(html.indexOf("<table"));
      }
    }
  });

  test("a run without rounding is one with \"Không làm tròn\"; within categories counts only for an index that has them", () => {
    const unrounded = { ranking: { ...ran, decimals: undefined } } as never;
    expect(rankingChanged({ ...asRan, decimals: null }, unrounded, true)).toBe(false);
    expect(rankingChanged({ ...asRan, decimals: 1 }, unrounded, true)).toBe(true);
    // An index without categories ranks every unit together, whatever "within" the state holds.
    expect(rankingChanged({ ...asRan, within: "category" }, { ranking: ran } as never, false)).toBe(false);
    expect(rankingChanged({ ...asRan, within: "category" }, { ranking: ran } as never, true)).toBe(true);
  });
});

describe("a CSV file where the pane takes .xlsx workbooks", () => {
  test("the Vietnamese sentences name the file type as Vietnamese Excel does, \"Sổ làm việc Excel\"; the English ones \"Excel Workbook\"", () => {
    for (const m of [csvFileSkip("so-lieu.csv").reason, csvNotAWorkbook("so-lieu.csv")]) {
      expect(m.vi).toContain("lưu dưới dạng .xlsx (Sổ làm việc Excel)");
      expect(m.vi).not.toContain("Excel Workbook");
      expect(m.en).toContain(".xlsx (Excel Workbook)");
    }
  });
});
