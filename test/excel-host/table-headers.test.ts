/**
 * Excel keeps a table's headers unique, ignoring case, by numbering a repeated one: the results
 * table the Excel host writes keeps the headers the plan gives it, on a first run, a second (the
 * table kept and its header row written again) and one in the other language.
 */
import { runScoring } from "../../src/core/pipeline";
import { RESULTS_TABLE } from "../../src/core/plan";
import type { WritePlan } from "../../src/core/types";
import { ExcelHost } from "../../src/hosts/excel";
import { layoutAWorkbook } from "./fixtures";

/** The headers the plan writes in its results table's header row. */
function plannedHeaders(plan: WritePlan): string[] {
  for (const o of plan.owned) {
    const table = o.tables.find((t) => t.name === RESULTS_TABLE);
    if (!table) continue;
    const [, col, row, lastCol] = /^([A-Z]+)(\d+):([A-Z]+)\d+$/.exec(table.range)!.slice(0);
    const colNumber = (c: string) => [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const width = colNumber(lastCol!) - colNumber(col!) + 1;
    const headers: string[] = Array(width).fill("");
    for (const b of o.blocks) {
      const m = /^([A-Z]+)(\d+)$/.exec(b.address);
      if (!m) continue;
      const r = Number(row) - Number(m[2]);
      if (r < 0 || r >= b.values.length) continue;
      b.values[r]!.forEach((v, j) => {
        const at = colNumber(m[1]!) + j - colNumber(col!);
        if (at >= 0 && at < width && v !== null) headers[at] = String(v);
      });
    }
    return headers;
  }
  throw new Error("no results table in the plan");
}

test("the results table's headers are the plan's, each once ignoring case, on every run", async () => {
  const { double, definition } = await layoutAWorkbook(5);
  double.install();
  for (const [i, lang] of (["vi", "vi", "en"] as const).entries()) {
    const result = await runScoring(new ExcelHost(), { definition, lang, projectVersion: "test", now: new Date(Date.UTC(2026, 0, 15 + i)) });
    const planned = plannedHeaders(result.plan!);
    expect(new Set(planned.map((h) => h.toLowerCase())).size).toBe(planned.length);
    const t = double.workbook.tables.find((x) => x.name === RESULTS_TABLE)!;
    const written = Array.from({ length: t.cols }, (_, c) => t.sheet.get(t.row, t.col + c)?.v ?? "");
    expect(written).toEqual(planned);
  }
}, 60_000);
