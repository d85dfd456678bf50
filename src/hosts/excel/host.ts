/** The workbook open in Excel, through Office.js (the global `Excel` and `Office`). */
import type { IndexModel } from "../../core/definition/model";
import type { WorkbookSnapshot, WritePlan } from "../../core/types";
import type { WorkbookHost } from "../host";
import { applyPlan, type ApplyStats } from "./apply";
import { collectWorkbooks, COLLECT_NEEDS_1_13, type CollectReport } from "./collect";
import { readWorkbook } from "./read";
import { detectCapabilities, type Capabilities } from "./requirements";
import { ownedSheets, staleFromSnapshot, type StaleReport } from "./stale";
import type { Lang } from "../../core/i18n/text";
import { readIndexSheet } from "../../core/plan";

export class ExcelHost implements WorkbookHost {
  private caps: Capabilities | null = null;
  /**
   * What the last apply took (requests sent, the largest one) and what it left out: sheets a
   * password protects are not written, and `lastApply.warnings` says so, one message per sheet.
   */
  lastApply: ApplyStats | null = null;

  capabilities(): Capabilities {
    return (this.caps ??= detectCapabilities());
  }

  read(): Promise<WorkbookSnapshot> {
    return Excel.run((ctx) => readWorkbook(ctx));
  }

  async apply(plan: WritePlan): Promise<void> {
    const caps = this.capabilities();
    this.lastApply = await Excel.run((ctx) => applyPlan(ctx, plan, caps));
  }

  /** Shows a cell to the user: activates its sheet and selects it. */
  goTo(sheet: string, cell: string): Promise<void> {
    return Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await ctx.sync();
    });
  }

  /** Removes issue marks: the given ones, or (without an argument) those `_index` recorded. */
  async clearMarks(marks?: { sheet: string; cell: string; fill?: string }[]): Promise<void> {
    let list = marks;
    if (!list) list = readIndexSheet(await this.read())?.marks ?? [];
    if (!list.length) return;
    await this.apply({ lang: "vi", owned: [], edits: [], marks: [], clearMarks: list });
  }

  /** Whether the inputs changed since the workbook was scored (null: never scored here). */
  async isStale(lang: Lang = "vi"): Promise<StaleReport | null> {
    return staleFromSnapshot(await this.read(), lang);
  }

  /**
   * Calls `onChange` when a user edits a sheet that is not the project's own; returns a function
   * that stops watching. Changes the add-in itself makes are not reported.
   */
  async watchInputs(onChange: (e: { sheet: string; address: string }) => void): Promise<() => Promise<void>> {
    if (!this.capabilities().watchInputs) return async () => undefined;
    const owned = ownedSheets(await this.read());
    return Excel.run(async (ctx) => {
      const list = ctx.workbook.worksheets.load("items/name,items/id");
      await ctx.sync();
      const names = new Map(list.items.map((s) => [s.id, s.name]));
      const handlers = list.items
        .filter((s) => !owned.has(s.name))
        .map((s) =>
          s.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
            if ((e as { triggerSource?: string }).triggerSource === "ThisLocalAddin") return;
            const sheet = names.get(e.worksheetId);
            if (sheet !== undefined) onChange({ sheet, address: e.address });
          }),
        );
      await ctx.sync();
      return async () => {
        await Excel.run(ctx, async (c) => {
          handlers.forEach((h) => h.remove());
          await c.sync();
        });
      };
    });
  }

  /** Copies the units' sheets of other workbooks in (ExcelApi 1.13); says what came in and what did not. */
  async insertWorkbooks(files: { name: string; base64: string }[], model?: IndexModel): Promise<CollectReport> {
    if (!this.capabilities().insertWorkbooks) return { inserted: [], skipped: [], warnings: [], message: COLLECT_NEEDS_1_13 };
    return Excel.run((ctx) => collectWorkbooks(ctx, files, model));
  }
}
