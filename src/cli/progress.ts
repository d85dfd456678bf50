/**
 * Progress on stderr for long runs: only on a terminal (or with --progress), and only once a run
 * has taken more than a second, so short runs and pipes stay quiet. The clock starts when the
 * command does (before any file is opened): a step that takes long without reporting (reading a
 * large workbook) is shown once the second has passed, by a timer, not only at the next report.
 * On a terminal one line is rewritten in place; with --progress and stderr no terminal (a log),
 * each step is written once as a plain line, without escape codes. Reading names the file read
 * ("Đang đọc bang.csv…"), once: the pipeline's later "read" (of the forms, once the definition is
 * checked) is part of the checking, not a second reading.
 */
import type { Lang } from "../core/i18n/text";
import type { CliIO } from "./io";
import { shellArg } from "./messages";

const DELAY_MS = 1000;

const STAGES: Record<string, { vi: string; en: string }> = {
  read: { vi: "Đang đọc", en: "Reading" },
  definition: { vi: "Đang kiểm tra bộ chỉ số", en: "Checking the index" },
  check: { vi: "Đang kiểm tra", en: "Checking" },
  score: { vi: "Đang chấm điểm", en: "Scoring" },
  plan: { vi: "Đang chuẩn bị kết quả", en: "Preparing results" },
  template: { vi: "Đang tạo phiếu", en: "Making the forms" },
  collect: { vi: "Đang tổng hợp phiếu", en: "Collecting the forms" },
  write: { vi: "Đang ghi", en: "Writing" },
};

type Stage = { stage: string; done?: number; total?: number };

export class Progress {
  private readonly started = Date.now();
  private shown = false;
  private finished = false;
  private readonly enabled: boolean;
  /** On a terminal the line is rewritten in place; elsewhere (a log) each step is a plain line of its own. */
  private readonly terminal: boolean;
  private lastLine: string | undefined;
  private readonly delay: number;
  private current: Stage | undefined;
  /** The files being read (read), named by the reading step. */
  private files: readonly string[] = [];
  /** A step after reading has begun: a later "read" is no new step. */
  private pastReading = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly io: CliIO,
    private lang: Lang,
    forced: boolean,
  ) {
    this.terminal = io.stderr.isTTY === true;
    this.enabled = forced || this.terminal;
    this.delay = io.progressDelayMs ?? DELAY_MS;
    if (this.enabled) {
      this.timer = setTimeout(() => this.show(), this.delay);
      // The timer never keeps the process alive.
      this.timer.unref?.();
    }
  }

  /** Accepts what the pipeline reports: a stage name, optionally with done/total counts. */
  update(p: unknown): void {
    if (!this.enabled || this.finished) return;
    const stage = normalise(p);
    if (stage.stage === "done") return;
    if (stage.stage === "read" && this.pastReading) return;
    if (stage.stage !== "read" && this.current !== undefined) this.pastReading = true;
    this.current = stage;
    if (this.shown || Date.now() - this.started >= this.delay) this.show();
  }

  /** The reading step, naming the file read (`files`: one named, several counted). */
  read(files: readonly string[]): void {
    this.files = files;
    this.update("read");
  }

  private show(): void {
    const now = this.current;
    if (this.finished || now === undefined) return;
    const label = this.label(now.stage);
    const count = now.done !== undefined && now.total !== undefined && now.total > 0 ? ` ${now.done}/${now.total}` : "";
    if (this.terminal) this.io.stderr.write(`\r\x1b[K${label}${count}…`);
    // Not a terminal: no escape codes, and a line only when the step changes (not its count).
    else if (label !== this.lastLine) this.io.stderr.write(`${label}…\n`);
    this.lastLine = label;
    this.shown = true;
  }

  /** "Đang đọc bang.csv", "Reading 3 files": the reading step names what it reads. */
  private label(stage: string): string {
    const label = STAGES[stage]?.[this.lang] ?? stage;
    if (stage !== "read" || this.files.length === 0) return label;
    if (this.files.length === 1) return `${label} ${shellArg(this.files[0]!)}`;
    return this.lang === "vi" ? `${label} ${this.files.length} tệp` : `${label} ${this.files.length} files`;
  }

  /** From now on the steps are said in `lang` (score without --lang, once the workbook's language is read). */
  speak(lang: Lang): void {
    this.lang = lang;
  }

  /** The run is over (done or failed): the line is cleared, and nothing more is shown. */
  done(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.finished = true;
    if (this.shown && this.terminal) this.io.stderr.write("\r\x1b[K");
    this.shown = false;
  }
}

/** Runs `work` with a progress line (`args.progress`: shown even when stderr is no terminal), cleared however it ends. */
export async function withProgress<T>(io: CliIO, lang: Lang, forced: boolean, work: (progress: Progress) => Promise<T>): Promise<T> {
  const progress = new Progress(io, lang, forced);
  try {
    return await work(progress);
  } finally {
    progress.done();
  }
}

function normalise(p: unknown): { stage: string; done?: number; total?: number } {
  if (typeof p === "string") return { stage: p };
  if (typeof p === "object" && p !== null) {
    const o = p as { stage?: unknown; done?: unknown; total?: unknown };
    return {
      stage: typeof o.stage === "string" ? o.stage : "",
      ...(typeof o.done === "number" ? { done: o.done } : {}),
      ...(typeof o.total === "number" ? { total: o.total } : {}),
    };
  }
  return { stage: "" };
}
