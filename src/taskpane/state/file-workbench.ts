/**
 * The workbench outside Excel: the .xlsx file the user chose, held, read, checked and written by
 * the .xlsx service (xlsx-client.ts: a Web Worker where the browser starts one). Loaded when a
 * file is first chosen (pipeline.ts's openFileWorkbench): in Excel the pane never loads it, and
 * the pane's first scripts stay small.
 */
import type { DefinitionProblem } from "../../core/definition/messages";
import type { Lang, Message } from "../../core/i18n/text";
import { PipelineError, type PipelineErrorCode } from "../../core/pipeline";
import type { WorkbookSnapshot } from "../../core/types";
import type { WorkbookHost } from "../../hosts/host";
import type { PickedFile } from "../components/FileButton";
import { LocalizedError, paneError } from "./pane-error";
import { fromServiceError, isServiceError } from "./service-error";
import { type Workbench, XLSX_MIME } from "./workbench";

/**
 * Outside Excel: the chosen .xlsx file, held and written by the .xlsx worker (xlsx-client.ts).
 * The snapshot read is kept until the next write, so that reading for a check, a stale test and
 * the pane's own view costs one read; the check itself is the worker's, where the workbook is.
 */
export async function openFileWorkbench(file: PickedFile): Promise<Workbench> {
  const { isFileServiceError, openFile } = await import(/* webpackChunkName: "xlsx-client" */ "./xlsx-client");
  let opened: Awaited<ReturnType<typeof openFile>>;
  try {
    opened = await openFile({ name: file.name, data: file.data });
  } catch (e) {
    // A file that unpacks to gigabytes is said to be one, with its size (TooLargeToUnpackError).
    if (isFileServiceError(e) && (e.kind === "too-large" || e.kind === "localized")) throw new LocalizedError(JSON.parse(e.reason) as Message);
    if (!isFileServiceError(e) || e.kind !== "not-xlsx") throw e;
    // The library's own words (English, about zip records) say nothing to an official: the console keeps them.
    console.warn(`DTI Scorer: ${file.name} could not be read:`, e.reason);
    throw new LocalizedError(notAWorkbook(file.name));
  }
  /**
   * A failure of the service as the pane's thread would have had it: a run that could not happen is
   * the core's PipelineError again, an error that carried its sentence carries it again.
   */
  const fromService = (e: unknown): unknown => {
    if (!isFileServiceError(e)) return e;
    if (e.kind === "pipeline") {
      const x = JSON.parse(e.reason) as { code: PipelineErrorCode; userMessage: Message; problems?: DefinitionProblem[]; found?: ConstructorParameters<typeof PipelineError>[3] };
      return new PipelineError(x.code, x.userMessage, x.problems, x.found);
    }
    if (e.kind === "localized") return new LocalizedError(JSON.parse(e.reason) as Message);
    // The pane's own sentence, made where the workbook was checked (paneError): as it was made.
    if (e.kind === "pane") {
      const x = JSON.parse(e.reason) as unknown;
      if (isServiceError(x)) return fromServiceError(x);
    }
    return e;
  };
  let snapshot: Promise<WorkbookSnapshot> | undefined;
  const read = (): Promise<WorkbookSnapshot> => {
    if (!snapshot) {
      const p = opened.read().catch((e: unknown) => {
        throw paneError(fromService(e));
      });
      snapshot = p;
      p.catch(() => {
        if (snapshot === p) snapshot = undefined;
      });
    }
    return snapshot;
  };
  let lastApply: { warnings: Message[] } | null = null;
  const host: WorkbookHost = {
    read,
    apply: async (plan) => {
      snapshot = undefined;
      lastApply = null;
      // Marks written or cleared over a sheet a password protects: its sentence, as on the pane's thread.
      lastApply = await opened.apply(plan).catch((e: unknown) => {
        throw paneError(fromService(e));
      });
    },
    get lastApply() {
      return lastApply;
    },
  };
  return {
    mode: "file",
    fileName: file.name,
    host,
    addWorkbooks: async (files, model) => {
      snapshot = undefined;
      // A unit's file that cannot be read is left out with its reason (skipped), the others still come in.
      try {
        return await opened.collect(
          files.map((f) => ({ name: f.name, data: f.data })),
          model?.definition,
        );
      } catch (e) {
        if (!isFileServiceError(e) || e.kind !== "collect-write-failed") throw e;
        console.warn("DTI Scorer: the workbook with the forms brought in could not be written:", e.reason);
        throw new LocalizedError(COLLECT_WRITE_FAILED);
      }
    },
    scoreWhereItIs: async (run, onProgress) => {
      snapshot = undefined;
      lastApply = null;
      try {
        const reply = await opened.score(run, onProgress);
        lastApply = { warnings: reply.warnings };
        return reply;
      } catch (e) {
        // A run that could not happen (no form read, a definition with problems, a results sheet a password protects) is the core's error, as on the pane's thread.
        throw fromService(e);
      }
    },
    // The workbook is checked where it is: the findings cross to the pane, not the workbook read.
    // (A client of the service that has no check leaves it to the pane: pipeline.ts checks the workbook read.)
    ...(opened.check
      ? {
          checkWhereItIs: async (definition: unknown, lang: Lang, onProgress: (stage: string, fraction: number) => void | Promise<void>, signal?: AbortSignal) => {
            try {
              return await opened.check!(definition, lang, (stage, fraction) => void onProgress(stage, fraction), signal);
            } catch (e) {
              throw fromService(e);
            }
          },
        }
      : {}),
    ...(opened.mark && opened.clearMarks
      ? {
          // Marks are made where the workbook is: the findings cross to the pane, not the workbook read.
          markWhereItIs: async (definition: unknown, lang: Lang, onProgress: (stage: string, fraction: number) => void) => {
            snapshot = undefined;
            lastApply = null;
            try {
              const done = await opened.mark!(definition, lang, onProgress);
              lastApply = { warnings: done.warnings };
              return done;
            } catch (e) {
              // A run that could not happen, or marks over a sheet a password protects: its sentence, as on the pane's thread.
              throw paneError(fromService(e));
            }
          },
          clearMarksWhereItIs: async (lang: Lang) => {
            snapshot = undefined;
            lastApply = null;
            try {
              const done = await opened.clearMarks!(lang);
              lastApply = { warnings: done.warnings };
              return done;
            } catch (e) {
              // A run that could not happen, or marks over a sheet a password protects: its sentence, as on the pane's thread.
              throw paneError(fromService(e));
            }
          },
        }
      : {}),
    // The comparison with the last scoring run reads `_index` and every form: where the workbook is.
    ...(opened.stale
      ? {
          staleWhereItIs: async (lang: Lang) => {
            try {
              return await opened.stale!(lang);
            } catch (e) {
              throw paneError(fromService(e));
            }
          },
        }
      : {}),
    toBlob: async () => new Blob([(await opened.bytes()) as BlobPart], { type: XLSX_MIME }),
    close: () => opened.close(),
  };
}

/** The forms were read but the workbook holding them could not be written (the library refused what it read). */
const COLLECT_WRITE_FAILED: Message = {
  vi: "Đã đọc được các phiếu nhưng không ghi được sổ làm việc sau khi tổng hợp; sổ vẫn như trước. Hãy mở sổ trong Excel, lưu lại rồi chọn lại, hoặc tổng hợp phiếu bằng lệnh dti-scorer collect.",
  en: "The forms were read, but the workbook could not be written with them; it is as it was before. Open the workbook in Excel, save it, and choose it again, or collect the forms with the dti-scorer collect command.",
};

function notAWorkbook(name: string): Message {
  return {
    vi: `Không đọc được tệp ${name}: tệp không phải sổ làm việc .xlsx hợp lệ (có thể tệp bị hỏng, chưa tải xong, hoặc là tệp .xls cũ hay tệp .ods của LibreOffice). Hãy mở tệp trong Excel hoặc LibreOffice Calc, lưu lại dưới dạng .xlsx rồi chọn lại.`,
    en: `Could not read the file ${name}: it is not a valid .xlsx workbook (it may be damaged, not fully downloaded, an old .xls file or a LibreOffice .ods file). Open it in Excel or LibreOffice Calc, save it as .xlsx, and choose it again.`,
  };
}
