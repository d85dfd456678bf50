/**
 * Progress on stderr for long runs: only on a terminal (or with --progress), and only once a run
 * has taken more than a second, so short runs and pipes stay quiet.
 */
import type { Lang } from "../core/i18n/text";
import type { CliIO } from "./io";

const DELAY_MS = 1000;

const STAGES: Record<string, { vi: string; en: string }> = {
  read: { vi: "Đang đọc", en: "Reading" },
  definition: { vi: "Đang kiểm tra bộ chỉ số", en: "Checking the index" },
  check: { vi: "Đang kiểm tra", en: "Checking" },
  score: { vi: "Đang chấm điểm", en: "Scoring" },
  plan: { vi: "Đang chuẩn bị kết quả", en: "Preparing results" },
  write: { vi: "Đang ghi", en: "Writing" },
};

export class Progress {
  private readonly started = Date.now();
  private shown = false;
  private readonly enabled: boolean;

  constructor(
    private readonly io: CliIO,
    private readonly lang: Lang,
    forced: boolean,
  ) {
    this.enabled = forced || io.stderr.isTTY === true;
  }

  /** Accepts what the pipeline reports: a stage name, optionally with done/total counts. */
  update(p: unknown): void {
    if (!this.enabled) return;
    if (!this.shown && Date.now() - this.started < DELAY_MS) return;
    const { stage, done, total } = normalise(p);
    if (stage === "done") return;
    const label = STAGES[stage]?.[this.lang] ?? stage;
    const count = done !== undefined && total !== undefined && total > 0 ? ` ${done}/${total}` : "";
    this.io.stderr.write(`\r\x1b[K${label}${count}…`);
    this.shown = true;
  }

  done(): void {
    if (this.shown) this.io.stderr.write("\r\x1b[K");
    this.shown = false;
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
