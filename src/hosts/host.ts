/** What every host (Excel through Office.js, .xlsx files through ExcelJS) offers the pipeline. */
import type { WorkbookSnapshot, WritePlan } from "../core/types";

export interface WorkbookHost {
  /** One bulk read of the sheets' values. */
  read(): Promise<WorkbookSnapshot>;
  /** One bulk write of a plan. */
  apply(plan: WritePlan): Promise<void>;
}
