/** The .xlsx host: a workbook file in memory, read and written through ExcelJS (Node and browser). */
import ExcelJS from "exceljs";
import type { SheetMessage } from "../../core/i18n/text";
import { planWarnings } from "../../core/plan/plan";
import type { WorkbookSnapshot, WritePlan } from "../../core/types";
import type { WorkbookHost } from "../host";
import { type PendingChart, applyPlan } from "./apply";
import { partsNotCarried } from "./carry-parts";
import { addCharts } from "./charts";
import { tidyDataBars, writeUntidied } from "./finish";
import { insertedRowsOf } from "./insert-rows";
import { preserveDrawings } from "./preserve";
import { loadPreparedXlsx, snapshotWorkbook } from "./read";
import { type ThreadsToCarry, carryThreadedComments, readThreads, settleThreads } from "./threaded-comments";

export class XlsxHost implements WorkbookHost {
  private pendingCharts: PendingChart[] = [];
  /** Sheets the last applied plan removed: nothing of theirs is carried over. */
  private removedSheets: string[] = [];
  /** Sheets the last applied plan renamed: their drawings go with them. */
  private renamedSheets: { from: string; to: string }[] = [];
  /** The tables of the user's the last plan gave back their names (the results table they renamed): the file's defined names follow. */
  private renamedTables: { from: string; to: string }[] = [];
  /** The threaded comments of the file read that the last applied plan keeps, and where: ExcelJS drops them, toBuffer puts them back. */
  private threadsToCarry: ThreadsToCarry | undefined;
  /** Sheets the last applied plan wrote anew: their print titles are the plan's. */
  private ownedSheets: string[] = [];
  /**
   * What the user should know about the last applied plan (a sheet of theirs the results had to
   * avoid, a unit's form a password protects), and the forms it left unwritten for their password.
   */
  lastApply: { warnings: SheetMessage[]; skippedSheets: string[] } | null = null;

  private constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly name?: string,
    /** The file as read: ExcelJS drops the charts and shapes in it, preserveDrawings puts them back. */
    private readonly original?: Uint8Array,
    /** For a workbook made from a CSV file, each line's count of fields (SheetSnapshot.csvFields). */
    private readonly csvFields?: number[],
  ) {}

  /**
   * The workbook in `data`. Throws when it is not a readable .xlsx workbook: not a package ExcelJS
   * reads, or one with no worksheet — a zip without xl/workbook.xml (an .ods renamed .xlsx, any
   * other zip), which ExcelJS reads as an empty workbook; Excel opens no workbook without a sheet.
   */
  /** `csvFields`: for a workbook made from a CSV file (`name`), each line's count of fields (SheetSnapshot.csvFields). */
  static async fromBuffer(data: Uint8Array | ArrayBuffer, name?: string, csvFields?: number[]): Promise<XlsxHost> {
    // A workbook LibreOffice saved writes its true/false attributes as words, which ExcelJS does
    // not read: its protection, unlocked cells and passwords are kept as it had them; and the
    // values ExcelJS misreads (an empty text a formula gave, a number in a date format) are put back.
    const { workbook, bytes } = await loadPreparedXlsx(data instanceof Uint8Array ? data : new Uint8Array(data));
    if (workbook.worksheets.length === 0) throw new Error(`${name ?? "The file"} is not an .xlsx workbook: the package holds no worksheet`);
    return new XlsxHost(workbook, name, bytes.slice(), csvFields);
  }

  static empty(): XlsxHost {
    return new XlsxHost(new ExcelJS.Workbook());
  }

  async read(): Promise<WorkbookSnapshot> {
    return snapshotWorkbook(this.workbook, this.name, this.csvFields);
  }

  async apply(plan: WritePlan): Promise<void> {
    const warnings = planWarnings(plan);
    const { charts, skippedSheets, renamedTables } = applyPlan(this.workbook, plan, warnings);
    this.pendingCharts = charts;
    this.renamedTables = renamedTables;
    this.removedSheets = [...(plan.removeSheets ?? [])];
    this.renamedSheets = [...(plan.renameSheets ?? [])];
    this.ownedSheets = plan.owned.map((o) => o.name);
    // Excel 365's threaded comments: each goes to where its note is now (settleThreads).
    const threads = this.original ? await readThreads(this.original) : undefined;
    const settled = threads ? settleThreads(this.workbook, threads, { removedSheets: this.removedSheets, renamedSheets: this.renamedSheets, ownedSheets: this.ownedSheets, marks: plan.marks, skippedSheets }) : undefined;
    this.threadsToCarry = settled?.carry;
    warnings.push(...(settled?.warnings ?? []));
    // Chart sheets, PivotTables and sparklines are carried over when the file is written (carryParts): what cannot be is said now.
    if (this.original) warnings.push(...(await partsNotCarried(this.original, this.workbook, { skipSheets: this.removedSheets, renamedSheets: this.renamedSheets, renamedTables, ownedSheets: this.ownedSheets })));
    this.lastApply = { warnings, skippedSheets };
  }

  /**
   * The workbook as .xlsx bytes, with the drawings and defined names of the file read and the charts of the last
   * applied plan. As in Excel, where an owned sheet is cleared but its charts and shapes stay,
   * the drawings of owned sheets are carried over too: a chart of an earlier run that this plan
   * does not write (not chosen this time) stays as it was, and one it writes is replaced in place
   * by name (addCharts), so none is lost and none duplicated. The data bars ExcelJS wrote are made
   * plain (tidyDataBarsIn) in the last of these passes, so the package is compressed once fewer.
   */
  async toBuffer(): Promise<Uint8Array> {
    // Saved now: the core properties say so (ExcelJS writes the time it read otherwise); who saved it last stays as the file had it (carry-parts.ts).
    this.workbook.modified = new Date();
    const { bytes, dataBarSheets } = await writeUntidied(this.workbook);
    let written = bytes;
    const charts = this.pendingCharts.length > 0;
    const insertedRows = insertedRowsOf(this.workbook);
    if (this.original) written = await preserveDrawings(this.original, written, { skipSheets: this.removedSheets, renamedSheets: this.renamedSheets, renamedTables: this.renamedTables, ownedSheets: this.ownedSheets, ...(insertedRows.length > 0 ? { insertedRows } : {}), ...(charts ? {} : { tidyDataBars: dataBarSheets }) });
    else if (!charts) written = await tidyDataBars(written, dataBarSheets);
    written = await carryThreadedComments(written, this.threadsToCarry);
    if (!charts) return written;
    return addCharts(
      written,
      this.pendingCharts.map((c) => ({ sheet: c.sheet, plan: c.plan, cache: c.cache })),
      { tidyDataBars: dataBarSheets },
    );
  }
}
