/**
 * The planner (what a scoring run, marking cells and clearing marks write) is a part of the pane's
 * code fetched when first needed (webpack's "scoring" chunk, prefetched once the pane opens). When
 * it cannot be loaded, the action fails with the pane's sentence for that, in both languages,
 * nothing in the workbook changes, and once it loads the same action works.
 *
 * Here the planner's modules fail to load as webpack's runtime fails an `import()` whose chunk did
 * not arrive; the pane's first code must not need them (the test file would not load otherwise).
 */
import type { WorkbookSnapshot } from "../../src/core/types";
import { clearIssueMarks, isLocalizedError, markIssues, score } from "../../src/taskpane/state/pipeline";
import { openExcelWorkbench } from "../../src/taskpane/state/excel";
import { t } from "../../src/taskpane/i18n";
import { unexpectedNotice } from "../../src/taskpane/state/usePane";
import { layoutAWorkbook } from "../excel-host/fixtures";

/** Whether the planner's modules can be loaded now (the connection is back). */
const mockLoads = { plan: false, marks: false };

/** The error webpack's runtime rejects `import()` with when a chunk's script fails to load. */
function mockChunkLoadError(): Error {
  const url = "https://dti-scorer.example.vn/scoring.5f246766.js";
  return Object.assign(new Error(`Loading chunk 522 failed.\n(error: ${url})`), { name: "ChunkLoadError", type: "error", request: url });
}

jest.mock("../../src/core/plan/plan", () => {
  if (!mockLoads.plan) throw mockChunkLoadError();
  return jest.requireActual("../../src/core/plan/plan");
});
jest.mock("../../src/core/plan/marks-only", () => {
  if (!mockLoads.marks) throw mockChunkLoadError();
  return jest.requireActual("../../src/core/plan/marks-only");
});

const scoreOptions = {
  lang: "vi" as const,
  ranking: { method: "competition" as const, decimals: null, within: "all" as const },
  profileUnits: [],
  chartKinds: ["barSorted" as const],
  onProgress: async () => undefined,
};

/** How the pane says a failure: the notice usePane's busy() shows for an error not written for the user. */
function said(e: unknown): { vi: string; en: string } {
  expect(e).toBeDefined();
  expect(isLocalizedError(e)).toBe(false);
  const vi = unexpectedNotice(e, "vi");
  const en = unexpectedNotice(e, "en");
  return { vi: t("vi", vi.key!, vi.params), en: t("en", en.key!, en.params) };
}

function expectChunkLoadFailed(e: unknown): void {
  const { vi, en } = said(e);
  expect(vi).toBe("Không tải được một phần của Chấm điểm DTI, có thể do mất kết nối mạng. Hãy kiểm tra kết nối mạng, hoặc đóng rồi mở lại ngăn tác vụ, rồi thử lại.");
  expect(en).toBe("A part of DTI Scorer could not be loaded, perhaps because the network connection dropped. Check the network connection, or close and reopen the pane, then try again.");
}

const failure = (run: Promise<unknown>) => run.then(() => undefined, (e: unknown) => e);
const asRead = (s: WorkbookSnapshot) => JSON.stringify(s);

test("when the planner cannot be loaded, scoring, marking cells and clearing marks say so and write nothing; once it loads, each works", async () => {
  const { double, model } = await layoutAWorkbook(3, { via: "insert" });
  double.install();
  const workbench = openExcelWorkbench();
  const before = asRead(await workbench.host.read());

  // Scoring: the run reads and scores, then cannot plan what to write.
  expectChunkLoadFailed(await failure(score(workbench, model, scoreOptions)));
  expect(asRead(await workbench.host.read())).toBe(before);
  mockLoads.plan = true;
  const run = await score(workbench, model, scoreOptions);
  expect(run.units).toHaveLength(3);
  expect(double.sheetNames()).toContain("Kết quả");
  const scored = asRead(await workbench.host.read());

  // Marking cells and clearing marks: the check runs, then the marks cannot be planned.
  expectChunkLoadFailed(await failure(markIssues(workbench, model, "vi")));
  expectChunkLoadFailed(await failure(clearIssueMarks(workbench, "vi")));
  expect(asRead(await workbench.host.read())).toBe(scored);
  mockLoads.marks = true;
  const marked = await markIssues(workbench, model, "vi");
  expect(marked.units).toHaveLength(3);
  await clearIssueMarks(workbench, "vi");
}, 120_000);
