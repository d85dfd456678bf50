/**
 * What every host (Excel through Office.js, .xlsx files through ExcelJS) offers the pipeline. In
 * the core, which the pipeline is part of; src/hosts/host.ts gives it on to the hosts.
 */
import type { SheetMessage } from "./i18n/text";
import type { WorkbookSnapshot, WritePlan } from "./types";

export interface WorkbookHost {
  /** One bulk read of the sheets' values. */
  read(): Promise<WorkbookSnapshot>;
  /** One bulk write of a plan. */
  apply(plan: WritePlan): Promise<void>;
  /**
   * What the user should know about the last apply (a host that can leave part of a plan unwritten
   * says so here: the Excel host names each sheet a password protects); absent or null where a host
   * has nothing to say, or before its first apply. `skippedSheets`: the sheets it left unwritten.
   */
  readonly lastApply?: { warnings: SheetMessage[]; skippedSheets?: string[] } | null;
}
