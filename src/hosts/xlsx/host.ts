/** The .xlsx host: a workbook file in memory, read and written through ExcelJS (Node and browser). */
import ExcelJS from "exceljs";
import type { WorkbookSnapshot, WritePlan } from "../../core/types";
import type { WorkbookHost } from "../host";
import { type PendingChart, applyPlan } from "./apply";
import { addCharts } from "./charts";
import { preserveDrawings } from "./preserve";
import { snapshotWorkbook } from "./read";

export class XlsxHost implements WorkbookHost {
  private pendingCharts: PendingChart[] = [];
  /** Sheets the last applied plan owns (replaced by it): their old drawings are not carried over. */
  private ownedSheets: string[] = [];

  private constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly name?: string,
    /** The file as read: ExcelJS drops the charts and shapes in it, preserveDrawings puts them back. */
    private readonly original?: Uint8Array,
  ) {}

  static async fromBuffer(data: Uint8Array | ArrayBuffer, name?: string): Promise<XlsxHost> {
    const wb = new ExcelJS.Workbook();
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return new XlsxHost(wb, name, bytes.slice());
  }

  static empty(): XlsxHost {
    return new XlsxHost(new ExcelJS.Workbook());
  }

  async read(): Promise<WorkbookSnapshot> {
    return snapshotWorkbook(this.workbook, this.name);
  }

  async apply(plan: WritePlan): Promise<void> {
    this.pendingCharts = applyPlan(this.workbook, plan);
    this.ownedSheets = [...plan.owned.map((o) => o.name), ...(plan.removeSheets ?? [])];
  }

  /** The workbook as .xlsx bytes, with the user's drawings of the file read and the charts of the last applied plan. */
  async toBuffer(): Promise<Uint8Array> {
    let written: Uint8Array = new Uint8Array(await this.workbook.xlsx.writeBuffer());
    if (this.original) written = await preserveDrawings(this.original, written, { skipSheets: this.ownedSheets });
    if (this.pendingCharts.length === 0) return written;
    return addCharts(
      written,
      this.pendingCharts.map((c) => ({ sheet: c.sheet, plan: c.plan, cache: c.cache })),
    );
  }
}
