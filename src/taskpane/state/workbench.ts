/**
 * The workbook the pane works on, the same way in both modes: inside Excel (ExcelHost over
 * Office.js) or a chosen .xlsx file in the browser (XlsxHost over ExcelJS, loaded on demand so
 * that the pane's first scripts stay small).
 */
import type { IndexModel } from "../../core/definition/model";
import type { Message } from "../../core/i18n/text";
import type { MissingFeature } from "../../hosts/excel/requirements";
import type { CollectSkip } from "../../core/collect";
import type { WorkbookHost } from "../../hosts/host";
import type { RadarChooser } from "../../core/plan/labels";
import type { ChartKind, Issue, RankingOverride, ScoreTable, WorkbookSnapshot } from "../../core/types";
import type { Lang } from "../../core/i18n/text";
import type { PickedFile } from "../components/FileButton";
import type { PaneMode } from "./environment";
import type { CheckFindings, CheckedUnit, StaleReply } from "./check-run";

/** A sheet (or, with `sheet` "", a whole file) left out of a collection, its kind, and why. */
export type SkippedSheet = CollectSkip;

export interface AddedSheets {
  /** Names the sheets got in the workbook. */
  taken: string[];
  /** Why other sheets or files were left out. */
  skipped: SkippedSheet[];
  /** What the user should know about what came in (forms of different indices or versions). */
  warnings: Message[];
  /** Why nothing could come in at all (an Excel too old for it, a protected workbook). */
  blocked?: Message;
}

export interface Workbench {
  mode: PaneMode;
  /** The file's name outside Excel. */
  fileName?: string;
  host: WorkbookHost;
  /** Selects a cell in Excel (absent outside Excel, where there is no sheet to show). */
  goTo?: (sheet: string, cell: string) => Promise<void>;
  /** Copies the units' form sheets of these files into the workbook. */
  addWorkbooks: (files: PickedFile[], model: IndexModel | undefined) => Promise<AddedSheets>;
  /** Outside Excel: the workbook as it is now, for download. */
  toBlob?: () => Promise<Blob>;
  /**
   * In Excel: calls `onChange` when the user edits a sheet that is not the project's own (the
   * add-in's own writes are not reported); resolves to the function that stops watching.
   * `snapshot`: the workbook as just read, so that watching does not read it again.
   */
  watchInputs?: (onChange: () => void, snapshot?: WorkbookSnapshot) => Promise<() => Promise<void>>;
  /**
   * Outside Excel: scores the workbook and writes the results where the workbook is (the .xlsx
   * worker), so that reading, scoring and planning a thousand units never freeze the pane; the
   * run's stages are said as they come (`onProgress`). A run that could not happen fails with the
   * core's PipelineError, as a run on the pane's thread does.
   */
  scoreWhereItIs?: (
    run: { definition: unknown; lang: Lang; projectVersion: string; ranking: RankingOverride; charts: { kinds?: ChartKind[]; profileUnits?: string[]; chooseWith?: RadarChooser } },
    onProgress: (stage: string, fraction: number) => void,
  ) => Promise<{ table: ScoreTable; issues: Issue[]; owned: { name: string; charts: number }[]; warnings: Message[] }>;
  /**
   * Outside Excel: checks the workbook where it is (the .xlsx worker) with `definition`, in `lang`:
   * the findings of every form and what changed since the last scoring, the run's stages said as
   * they come (`onProgress`). The workbook read does not cross to the pane for it. A run that could
   * not happen fails with the sentence the pane shows (pane-error.ts's paneError). `signal` aborted
   * (the user stopped the check), it fails at once with CheckStopped and the worker gives the check
   * up at its next stage.
   */
  checkWhereItIs?: (definition: unknown, lang: Lang, onProgress: (stage: string, fraction: number) => void | Promise<void>, signal?: AbortSignal) => Promise<CheckFindings>;
  /**
   * Outside Excel: checks the workbook and marks the cells with issues where it is (the .xlsx
   * worker), the run's stages said as they come: the findings, how many marks were written, and
   * what the write had to say. A run that could not happen fails with the pane's sentence.
   */
  markWhereItIs?: (
    definition: unknown,
    lang: Lang,
    onProgress: (stage: string, fraction: number) => void,
  ) => Promise<{ units: CheckedUnit[]; issues: Issue[]; marked: number; warnings: Message[] }>;
  /** Outside Excel: takes away the marks `_index` records where the workbook is: how many, and what the write had to say. */
  clearMarksWhereItIs?: (lang: Lang) => Promise<{ cleared: number; warnings: Message[] }>;
  /**
   * Outside Excel: compares the workbook with its last scoring run where it is (the .xlsx worker),
   * as the stale banner does: what changed (null for a workbook never scored), and what was read of
   * the workbook on the way (`_index`, the indices its forms name), which the pane keeps for its read.
   */
  staleWhereItIs?: (lang: Lang) => Promise<StaleReply>;
  /** Outside Excel: lets go of the file when another one is opened. */
  close?: () => void;
  /** In Excel: the features this Excel lacks, each with the host's sentence saying what it needs (none when it lacks the add-in's base). */
  missingFeatures?: () => MissingFeature[];
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function base64FromBytes(bytes: Uint8Array): string {
  let binary = "";
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}
