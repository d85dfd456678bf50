/**
 * The .xlsx work of the pane outside Excel (and the making of forms in both modes): opening a
 * workbook, reading it, writing a plan into it, bringing units' files in, making forms. All of it
 * is ExcelJS and JSZip work that takes hundreds of milliseconds on a large workbook, so it runs in
 * a Web Worker (xlsx-worker.ts) when the browser can start one, and here on the pane's own thread
 * (with a yield to the event loop between stages) when it cannot. Both speak the same requests.
 */
import { parseDefinition } from "../../core/definition";
import type { Lang } from "../../core/i18n/text";
import { type CheckFindings, type StaleReply, marksWritten, runCheck, runClearMarks, runMarks, runStale } from "./check-run";
import { isCheckStopped } from "./check-stop";
import { toServiceError } from "./service-error";
import type { Message } from "../../core/i18n/text";
import type { WorkbookHost } from "../../core/host";
import { runScoring } from "../../core/pipeline";
import type { WorkbookSnapshot, WritePlan } from "../../core/types";
import { XlsxHost } from "../../hosts/xlsx";
import { CollectWriteError, collectFiles } from "../../hosts/xlsx/collect";
import { TooLargeToUnpackError, tooLargeToUnpackMessage, withoutWorksheets, withoutWorksheetsMessage } from "../../hosts/xlsx/read";
import { makeTemplate } from "../../hosts/xlsx/template";
import {
  type ClearMarksResult,
  type CollectResult,
  type FileData,
  type FileReplies,
  type FileRequest,
  FileServiceError,
  type MarkReply,
  type ProgressReport,
  type ScoreReply,
  type ScoreRequest,
} from "./xlsx-protocol";

export { errorReply } from "./xlsx-protocol";

/** Lets the browser paint and handle input (on the pane's thread; harmless in a worker). */
function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * One open workbook. After a write, the bytes are made at once (the download needs them) and the
 * workbook is parsed again from them only when it is next needed, so that what one write made
 * (charts included) is the starting point of the next one.
 */
class OpenWorkbook {
  private host: XlsxHost;
  private bytes: Uint8Array | undefined;
  /** The bytes hold writes the host has not been re-read from. */
  private reparse = false;
  private snapshot: WorkbookSnapshot | undefined;

  private constructor(
    readonly name: string,
    host: XlsxHost,
    bytes: Uint8Array,
  ) {
    this.host = host;
    this.bytes = bytes;
  }

  static async open(file: FileData): Promise<OpenWorkbook> {
    try {
      return new OpenWorkbook(file.name, await XlsxHost.fromBuffer(file.data, file.name), file.data);
    } catch (e) {
      if (e instanceof TooLargeToUnpackError) throw new FileServiceError("too-large", JSON.stringify(tooLargeToUnpackMessage(file.name, e.size)), file.name);
      // A workbook of chart sheets only, or of no sheet: said so, not as a damaged file.
      const noSheet = withoutWorksheets(file.data);
      if (noSheet) throw new FileServiceError("localized", JSON.stringify(withoutWorksheetsMessage(file.name, noSheet)), file.name);
      throw new FileServiceError("not-xlsx", e instanceof Error ? e.message : String(e), file.name);
    }
  }

  private async current(): Promise<XlsxHost> {
    if (this.reparse && this.bytes) {
      await pause();
      this.host = await XlsxHost.fromBuffer(this.bytes, this.name);
      this.reparse = false;
      await pause();
    }
    return this.host;
  }

  async read(): Promise<WorkbookSnapshot> {
    if (!this.snapshot) this.snapshot = await (await this.current()).read();
    return this.snapshot;
  }

  async apply(plan: WritePlan): Promise<{ warnings: Message[]; data: Uint8Array; skippedSheets: string[] }> {
    const host = await this.current();
    this.snapshot = undefined;
    this.bytes = undefined;
    await host.apply(plan);
    const warnings = [...(host.lastApply?.warnings ?? [])];
    const skippedSheets = [...(host.lastApply?.skippedSheets ?? [])];
    await pause();
    const data = await host.toBuffer();
    this.bytes = data;
    this.reparse = true;
    return { warnings, data, skippedSheets };
  }

  /**
   * Scores the workbook and writes the results, where the workbook is: outside Excel, in the
   * worker, so that reading a thousand forms, scoring them and planning the write never freeze the
   * pane (the core's run, as the pane runs it in Excel). Its stages are said as they come.
   */
  async score(run: ScoreRequest, onProgress?: ProgressReport): Promise<ScoreReply> {
    let written: { warnings: Message[]; data: Uint8Array } | undefined;
    const host: WorkbookHost = {
      read: () => this.read(),
      apply: async (plan) => {
        written = await this.apply(plan);
      },
      get lastApply() {
        return written ? { warnings: written.warnings } : null;
      },
    };
    const result = await runScoring(host, {
      definition: run.definition,
      lang: run.lang,
      projectVersion: run.projectVersion,
      ranking: run.ranking,
      charts: run.charts,
      write: true,
      onProgress: async (stage, fraction) => {
        onProgress?.(stage, fraction);
        await pause();
      },
    });
    if (!written) throw new FileServiceError("failed", "the run wrote nothing");
    return {
      table: result.table,
      issues: result.issues,
      owned: (result.plan?.owned ?? []).map((o) => ({ name: o.name, charts: o.charts.length })),
      warnings: written.warnings,
      data: written.data,
    };
  }

  /**
   * Checks the workbook where it is (check-run.ts): outside Excel, in the worker, so that reading
   * and checking a thousand forms never freeze the pane; only the findings cross to it. Its stages
   * are said as they come. A run that could not happen fails with the pane's own sentence ("pane").
   */
  async check(definition: unknown, lang: Lang, onProgress?: ProgressReport): Promise<CheckFindings> {
    const snapshot = await this.read();
    const { units, issues, stale } = await paneSentences(() =>
      runCheck(snapshot, definition, lang, async (stage, fraction) => {
        onProgress?.(stage, fraction);
        await pause();
      }),
    );
    return { units, issues, ...(stale ? { stale } : {}) };
  }

  /**
   * Compares the workbook with its last scoring run, as the stale banner does (check-run.ts's
   * runStale: `_index` and every form read), where the workbook is: opening a scored workbook of
   * three thousand units does not freeze the pane for the second this takes.
   */
  async stale(lang: Lang): Promise<StaleReply> {
    const snapshot = await this.read();
    await pause();
    return runStale(snapshot, lang);
  }

  /**
   * Checks the workbook and marks the cells with issues (a fill and a note), where the workbook is
   * (check-run.ts's runMarks): outside Excel, in the worker, so that checking a thousand forms and
   * planning their marks never freeze the pane; only the findings cross to it. Scores, results and
   * charts stay as they are.
   */
  async mark(definition: unknown, lang: Lang, onProgress?: ProgressReport): Promise<MarkReply> {
    const snapshot = await this.read();
    const planned = await paneSentences(() =>
      runMarks(snapshot, definition, lang, async (stage, fraction) => {
        onProgress?.(stage, fraction);
        await pause();
      }),
    );
    onProgress?.("write", 0.9);
    const written = await this.apply(planned.plan);
    return {
      units: planned.units,
      issues: planned.issues,
      marked: marksWritten(
        planned.plan.marks.map((m) => m.sheet),
        written.skippedSheets,
      ),
      warnings: written.warnings,
      data: written.data,
    };
  }

  /** Takes away the marks `_index` records, where the workbook is; with none recorded, writes nothing. */
  async clearMarks(lang: Lang): Promise<ClearMarksResult> {
    const planned = await runClearMarks(await this.read(), lang);
    if (!planned.plan) return { cleared: 0, warnings: [] };
    const written = await this.apply(planned.plan);
    return { cleared: marksWritten(planned.marks, written.skippedSheets), warnings: written.warnings, data: written.data };
  }

  async data(): Promise<Uint8Array> {
    if (!this.bytes) this.bytes = await (await this.current()).toBuffer();
    return this.bytes;
  }

  /**
   * Brings the units' forms of `files` in. A file that cannot be read is left out with its reason
   * (collectFiles says why) and the others still come in.
   */
  async collect(files: FileData[], definition: unknown): Promise<CollectResult & { data: Uint8Array }> {
    const model = definition === undefined ? undefined : parsed(definition);
    const base = await this.data();
    let result: Awaited<ReturnType<typeof collectFiles>>;
    try {
      result = await collectFiles(files, base, model);
    } catch (e) {
      if (e instanceof CollectWriteError) throw new FileServiceError("collect-write-failed", e.detail);
      throw e;
    }
    await pause();
    this.host = await XlsxHost.fromBuffer(result.data, this.name);
    this.bytes = result.data;
    this.reparse = false;
    this.snapshot = undefined;
    const { report } = result;
    return { taken: report.take.map((t) => t.as), skipped: [...report.skipped], warnings: [...report.warnings], data: result.data };
  }
}

/** A check that could not happen fails with the pane's own sentence ("pane"); one stopped by the pane (at a stage said) is given up as it is. */
async function paneSentences<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isCheckStopped(e)) throw e;
    const sent = toServiceError(e);
    throw sent.kind === "pane" ? new FileServiceError("pane", JSON.stringify(sent)) : e;
  }
}

function parsed(definition: unknown) {
  const r = parseDefinition(definition);
  if (!r.ok) throw new FileServiceError("definition-invalid", "the index definition does not parse");
  return r.model;
}

/** Answers requests, on whichever thread it lives. */
export class XlsxFileService {
  private readonly open = new Map<number, OpenWorkbook>();

  private workbook(handle: number): OpenWorkbook {
    const wb = this.open.get(handle);
    if (!wb) throw new FileServiceError("no-workbook", `no workbook ${handle}`);
    return wb;
  }

  async handle(req: FileRequest, onProgress?: ProgressReport): Promise<FileReplies[FileRequest["op"]]> {
    switch (req.op) {
      case "open":
        // Kept only once read: a file that cannot be read leaves the workbook open before it as it was.
        this.open.set(req.handle, await OpenWorkbook.open(req.file));
        return null;
      case "read":
        return this.workbook(req.handle).read();
      case "apply":
        return this.workbook(req.handle).apply(req.plan);
      case "bytes":
        return this.workbook(req.handle).data();
      case "collect":
        return this.workbook(req.handle).collect(req.files, req.definition);
      case "close":
        this.open.delete(req.handle);
        return null;
      case "template":
        return makeTemplate(parsed(req.definition), req.units, { lang: req.lang });
      case "score":
        return this.workbook(req.handle).score(req.run, onProgress);
      case "check":
        return this.workbook(req.handle).check(req.definition, req.lang, onProgress);
      case "mark":
        return this.workbook(req.handle).mark(req.definition, req.lang, onProgress);
      case "clearMarks":
        return this.workbook(req.handle).clearMarks(req.lang);
      case "stale":
        return this.workbook(req.handle).stale(req.lang);
    }
  }
}

