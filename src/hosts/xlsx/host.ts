/** The .xlsx host: a workbook file in memory, read and written through ExcelJS (Node and browser). */
import ExcelJS from "exceljs";
import type { WorkbookSnapshot, WritePlan } from "../../core/types";
import type { WorkbookHost } from "../host";
import { type PendingChart, applyPlan } from "./apply";
import { addCharts } from "./charts";
import { snapshotWorkbook } from "./read";

export class XlsxHost implements WorkbookHost {
  private pendingCharts: PendingChart[] = [];

  private constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly name?: string,
  ) {}

  static async fromBuffer(data: Uint8Array | ArrayBuffer, name?: string): Promise<XlsxHost> {
    const wb = new ExcelJS.Workbook();
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return new XlsxHost(wb, name);
  }

  static empty(): XlsxHost {
    return new XlsxHost(new ExcelJS.Workbook());
  }

  async read(): Promise<WorkbookSnapshot> {
    return snapshotWorkbook(this.workbook, this.name);
  }

  async apply(plan: WritePlan): Promise<void> {
    this.pendingCharts = applyPlan(this.workbook, plan);
  }

  /** The workbook as .xlsx bytes, with the charts of the last applied plan. */
  async toBuffer(): Promise<Uint8Array> {
    const written = new Uint8Array(await this.workbook.xlsx.writeBuffer());
    if (this.pendingCharts.length === 0) return written;
    return addCharts(
      written,
      this.pendingCharts.map((c) => ({ sheet: c.sheet, plan: c.plan, cache: c.cache })),
    );
  }
}
