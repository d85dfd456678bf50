/** The workbook open in Excel, through Office.js (the global `Excel` and `Office`). */
import type { IndexModel } from "../../core/definition/model";
import type { WorkbookSnapshot, WritePlan } from "../../core/types";
import type { WorkbookHost } from "../host";
import type { ApplyStats } from "./apply";
import { coalesceColumnCells, widestRow } from "./blocks";
import type { CollectReport } from "./collect";
import { COLLECT_NEEDS_1_13, COLLECT_NEEDS_DESKTOP } from "./collect-needs";
import { readWorkbook } from "./read";
import { assertSupported, detectCapabilities, ExcelHostError, type Capabilities } from "./requirements";
import { errorCode, refusedWhole, USER_REFUSALS, userRefusal } from "./payload";
import { parseRect, splitSheet, topLeft, type Rect } from "../../core/a1";
import { staleFromSnapshot, type StaleReport } from "./stale";
import { sheetsWrittenByScoring } from "../../core/read";
import type { Lang, Message } from "../../core/i18n/text";
import { readIndexSheet } from "../../core/plan/index-sheet";

/**
 * Without `triggerSource` (before ExcelApi 1.14) a change event does not say who made it: a change
 * inside a range this host wrote, while it writes or this long after, is taken as its own.
 */
export const OWN_WRITE_GRACE_MS = 3000;

/**
 * The ranges a plan writes on sheets that are not the project's own (the `Điểm` column of unit
 * forms), by sheet (lower case), as applyPlan writes them (single cells of a column as one range).
 */
function writtenRanges(plan: WritePlan): Map<string, Rect[]> {
  const out = new Map<string, Rect[]>();
  for (const e of plan.edits) {
    const list = out.get(e.sheet.toLowerCase()) ?? [];
    const { merged, rest } = coalesceColumnCells(e.blocks);
    for (const b of [...merged, ...rest]) {
      const { row, col } = topLeft(b.address);
      list.push({ row, col, rows: Math.max(1, b.values.length), cols: Math.max(1, widestRow(b.values)) });
    }
    out.set(e.sheet.toLowerCase(), list);
  }
  return out;
}

/**
 * What the user is told when "Go to" a finding fails because its sheet is hidden: how to show it
 * (Excel: right-click a sheet tab > Unhide). A very hidden sheet is not in Excel's Unhide list,
 * so there is no such advice for it.
 */
export function hiddenSheetMessage(sheet: string, cell: string, veryHidden = false): Message {
  if (veryHidden) {
    return {
      vi: `Trang '${sheet}' đang bị ẩn nên không thể đi tới ô ${cell}.`,
      en: `The sheet '${sheet}' is hidden, so DTI Scorer cannot go to cell ${cell}.`,
    };
  }
  return {
    vi: `Trang '${sheet}' đang bị ẩn nên không thể đi tới ô ${cell}. Hãy bỏ ẩn trang: nhấp chuột phải vào một thẻ trang bất kỳ > Bỏ ẩn, chọn '${sheet}', rồi thử lại.`,
    en: `The sheet '${sheet}' is hidden, so DTI Scorer cannot go to cell ${cell}. Unhide it: right-click any sheet tab > Unhide, choose '${sheet}', then try again.`,
  };
}

/**
 * What the user is told when "Go to" a finding fails because its sheet is no longer in the
 * workbook (renamed or deleted since the check or the run that found it): to check again, by
 * the Check step's button (the pane's checkRun).
 */
export function missingSheetMessage(sheet: string, cell: string): Message {
  return {
    vi: `Trang '${sheet}' không còn trong sổ làm việc (đã được đổi tên hoặc bị xóa) nên không thể đi tới ô ${cell}. Hãy bấm "Kiểm tra số liệu" để kiểm tra lại các phiếu.`,
    en: `The sheet '${sheet}' is no longer in the workbook (it was renamed or deleted), so DTI Scorer cannot go to cell ${cell}. Press "Check the data" to check the forms again.`,
  };
}

/**
 * What the user is told when Excel answers that something the add-in went through is not there
 * (ItemNotFound, "The requested resource doesn't exist."): a sheet deleted or renamed while a
 * request of the add-in's was under way. A write says which sheets itself (sheetsGoneMessage).
 */
export const ITEM_GONE_MESSAGE: Message = {
  vi: "Một trang tính đã bị xóa hoặc đổi tên trong lúc DTI Scorer đang đọc hay ghi sổ làm việc, nên việc đang làm chưa xong. Hãy thử lại.",
  en: "A sheet was deleted or renamed while DTI Scorer was reading or writing the workbook, so it did not finish. Try again.",
};

/**
 * Excel's refusal of a request the user can put right, as an ExcelHostError; an item not found
 * (ItemNotFound) as a sentence in both languages rather than Excel's English; any other error as it is.
 */
export function asRefusal(e: unknown): unknown {
  const code = userRefusal(e);
  if (code) return new ExcelHostError(code, USER_REFUSALS[code], "warning", { cause: e });
  return errorCode(e) === "ItemNotFound" ? new ExcelHostError("sheet-missing", ITEM_GONE_MESSAGE, "error", { cause: e }) : e;
}

/** The change handlers one watchInputs registered, with the context they were added in (Excel removes them through it). */
interface Watch {
  ctx: Excel.RequestContext;
  handlers: OfficeExtension.EventHandlerResult<unknown>[];
}

/**
 * What watchInputs reports: a range a user edited, or (`sheetEvent`, with `address` "") a sheet
 * that is not the project's own added (pasted, copied or brought in by hand), deleted or renamed.
 */
export interface InputChange {
  sheet: string;
  address: string;
  sheetEvent?: "added" | "deleted" | "renamed";
}

export class ExcelHost implements WorkbookHost {
  private caps: Capabilities | null = null;
  /** What this host is writing or wrote last, for change events that do not say who made them. */
  private ownWrites: { ranges: Map<string, Rect[]>; until: number } = { ranges: new Map(), until: 0 };
  /**
   * What the last apply took (requests sent, the largest one) and what it left out: sheets a
   * password protects are not written, and `lastApply.warnings` says so, one message per sheet.
   */
  lastApply: ApplyStats | null = null;
  /** The change handlers this host registered and has not removed yet. */
  private watches: Watch[] = [];

  capabilities(): Capabilities {
    return (this.caps ??= detectCapabilities());
  }

  /**
   * Excel.run, asking Excel (from ExcelApi 1.11) to hold each request while the user is typing in
   * a cell rather than refuse it with InvalidOperationInCellEditMode. A request Excel refuses whole
   * for a reason the user can put right (a cell being edited, another workbook active) fails with
   * an ExcelHostError that says what to do, in both languages.
   */
  private async run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await (this.capabilities().delayForCellEdit ? Excel.run({ delayForCellEdit: true }, batch) : Excel.run(batch));
    } catch (e) {
      throw asRefusal(e);
    }
  }

  /** The capabilities, after checking that this Excel can run the add-in at all (a sentence in both languages when it cannot). */
  private supported(): Capabilities {
    const caps = this.capabilities();
    assertSupported(caps);
    return caps;
  }

  async read(): Promise<WorkbookSnapshot> {
    const caps = this.supported();
    return this.run((ctx) => readWorkbook(ctx, { merges: caps.mergedAreas }));
  }

  async apply(plan: WritePlan): Promise<void> {
    const caps = this.supported();
    this.ownWrites = { ranges: writtenRanges(plan), until: Number.POSITIVE_INFINITY };
    try {
      // The write's code is its own chunk, fetched in idle time after the pane opens (prefetch): the pane opens and checks without waiting for it.
      const { applyPlan } = await import(/* webpackChunkName: "excel-write", webpackPrefetch: true */ "./apply");
      this.lastApply = await this.run((ctx) => applyPlan(ctx, plan, caps));
    } finally {
      this.ownWrites.until = Date.now() + OWN_WRITE_GRACE_MS;
    }
  }

  /** Whether a change event without `triggerSource` is this host's own write. */
  private isOwnWrite(sheet: string, address: string): boolean {
    if (Date.now() > this.ownWrites.until) return false;
    const rect = parseRect(splitSheet(address).local);
    const ranges = this.ownWrites.ranges.get(sheet.toLowerCase()) ?? [];
    return rect !== null && ranges.some((r) => r.row <= rect.row && r.col <= rect.col && r.row + r.rows >= rect.row + rect.rows && r.col + r.cols >= rect.col + rect.cols);
  }

  /**
   * Shows a cell to the user: activates its sheet and selects it. A hidden sheet cannot be
   * activated (activating is clicking the sheet's tab, and a hidden sheet has none): when Excel
   * refuses, a second request asks how the sheet is shown, and a hidden one fails with a sentence
   * that says how to show it (an ExcelHostError "sheet-hidden"), and one no longer in the workbook
   * (renamed or deleted since the finding was made) with a sentence that says to check again
   * ("sheet-missing").
   */
  async goTo(sheet: string, cell: string): Promise<void> {
    this.supported();
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      try {
        await ctx.sync();
      } catch (e) {
        if (refusedWhole(e)) throw e;
        const found = ctx.workbook.worksheets.getItemOrNullObject(sheet).load("name,visibility");
        await ctx.sync();
        if (found.isNullObject) throw new ExcelHostError("sheet-missing", missingSheetMessage(sheet, cell), "warning", { cause: e });
        if (found.visibility === "Visible") throw e;
        throw new ExcelHostError("sheet-hidden", hiddenSheetMessage(found.name, cell, found.visibility === "VeryHidden"), "warning", { cause: e });
      }
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
   * that stops watching. Changes the add-in itself makes are not reported: Excel says so from
   * ExcelApi 1.14 on (`triggerSource`); before, a change inside a range the add-in is writing, or
   * wrote a moment ago, is taken as its own. One handler hears every sheet from ExcelApi 1.9 on
   * (`worksheets.onChanged`); before, each input sheet gets a handler of its own. A sheet added or
   * deleted (`worksheets.onAdded`, `onDeleted`, ExcelApi 1.7) or renamed (`onNameChanged`, 1.17)
   * is reported too, unless it is one the last scoring run wrote (Excel does not say who added or
   * deleted a sheet). The handlers of an earlier watch that were not removed (its stop refused)
   * are removed first. `snapshot`: the workbook as the caller has just read it (the sheets the
   * last scoring run wrote are taken from it), which saves reading it again.
   */
  async watchInputs(onChange: (e: InputChange) => void, snapshot?: WorkbookSnapshot): Promise<() => Promise<void>> {
    const caps = this.supported();
    if (!caps.watchInputs) return async () => undefined;
    // The handlers of earlier watches whose stop Excel refused go first. Refused again, this watch
    // fails with the same sentence and adds nothing; handlers gone otherwise are forgotten.
    for (const w of this.watches.slice()) {
      await this.unwatch(w).catch((e: unknown) => {
        if (this.watches.includes(w)) throw e;
      });
    }
    const owned = sheetsWrittenByScoring(snapshot ?? (await this.read()));
    return this.run(async (ctx) => {
      const list = ctx.workbook.worksheets.load("items/name,items/id");
      await ctx.sync();
      const names = new Map(list.items.map((s) => [s.id, s.name]));
      // The name of a sheet added since watching began (a unit's form brought in), looked up once.
      // The names of all sheets come in one request, shared by the events that arrive meanwhile
      // (forms inserted together): one round trip however many sheets came in. A lookup already
      // under way may have been sent before this sheet came: then one more.
      let lookup: Promise<void> | null = null;
      const nameOf = async (id: string): Promise<string | undefined> => {
        for (let tries = 0; tries < 2 && !names.has(id); tries++) {
          lookup ??= this.run(async (c) => {
            const all = c.workbook.worksheets.load("items/name,items/id");
            await c.sync();
            for (const s of all.items) names.set(s.id, s.name);
          }).finally(() => (lookup = null));
          await lookup;
        }
        return names.get(id);
      };
      const handler = async (e: Excel.WorksheetChangedEventArgs) => {
        const source = (e as { triggerSource?: string }).triggerSource;
        if (source === "ThisLocalAddin") return;
        // A sheet added since watching began: the one handler of the workbook hears it too.
        const sheet = await nameOf(e.worksheetId);
        if (sheet === undefined || owned.has(sheet)) return;
        if (!caps.changeSource && this.isOwnWrite(sheet, e.address)) return;
        onChange({ sheet, address: e.address });
      };
      // A form added, deleted or renamed changes which units scoring would read, as an edit changes their figures.
      const added = async (e: Excel.WorksheetAddedEventArgs) => {
        const sheet = await nameOf(e.worksheetId);
        if (sheet !== undefined && !owned.has(sheet)) onChange({ sheet, address: "", sheetEvent: "added" });
      };
      const deleted = async (e: Excel.WorksheetDeletedEventArgs) => {
        const sheet = names.get(e.worksheetId);
        names.delete(e.worksheetId);
        if (sheet !== undefined && !owned.has(sheet)) onChange({ sheet, address: "", sheetEvent: "deleted" });
      };
      const renamed = async (e: Excel.WorksheetNameChangedEventArgs) => {
        names.set(e.worksheetId, e.nameAfter);
        // The project's own sheet under its name in the other language (a run that switched language) stays its own.
        if (owned.has(e.nameBefore)) owned.add(e.nameAfter);
        else if (!owned.has(e.nameAfter)) onChange({ sheet: e.nameAfter, address: "", sheetEvent: "renamed" });
      };
      const sheets = ctx.workbook.worksheets;
      const handlers: OfficeExtension.EventHandlerResult<unknown>[] = caps.watchWorkbook
        ? [sheets.onChanged.add(handler)]
        : list.items.filter((s) => !owned.has(s.name)).map((s) => s.onChanged.add(handler));
      // Both ExcelApi 1.7, as watching itself; renames from 1.17. Registered in the same request.
      handlers.push(sheets.onAdded.add(added), sheets.onDeleted.add(deleted));
      if (caps.watchSheetNames) handlers.push(sheets.onNameChanged.add(renamed));
      await ctx.sync();
      const watch: Watch = { ctx, handlers };
      this.watches.push(watch);
      return () => this.unwatch(watch);
    });
  }

  /**
   * Removes a watch's handlers; the watch is forgotten once Excel has removed them. When Excel
   * refuses (another workbook active), the handlers stay registered and the watch stays known:
   * the next watchInputs removes them before it adds its own, so that an edit is never heard twice.
   */
  private async unwatch(watch: Watch): Promise<void> {
    if (!this.watches.includes(watch)) return;
    await Excel.run(watch.ctx, async (c) => {
      watch.handlers.forEach((h) => h.remove());
      await c.sync();
    }).catch((e: unknown) => {
      // Refused whole: nothing was removed, and the next watch tries again. Any other failure
      // (the handlers or their context gone with the session) leaves nothing to remove.
      if (!refusedWhole(e)) this.watches = this.watches.filter((w) => w !== watch);
      throw asRefusal(e);
    });
    this.watches = this.watches.filter((w) => w !== watch);
  }

  /** Copies the units' sheets of other workbooks in (ExcelApi 1.13, not on iPad); says what came in and what did not. */
  async insertWorkbooks(files: { name: string; base64: string }[], model?: IndexModel): Promise<CollectReport> {
    const caps = this.supported();
    if (!caps.insertWorkbooks) return { inserted: [], skipped: [], warnings: [], message: caps.iPad ? COLLECT_NEEDS_DESKTOP : COLLECT_NEEDS_1_13 };
    // The collect code (and the package code it rewrites files with) is loaded when forms are brought in, not with the pane.
    const { collectWorkbooks } = await import(/* webpackChunkName: "excel-collect", webpackPrefetch: true */ "./collect");
    return this.run((ctx) => collectWorkbooks(ctx, files, model));
  }
}
