/**
 * What the command line says about writing its output, in Vietnamese and English (as messages.ts
 * says the rest; kept apart while that file is edited elsewhere, and may move into it).
 */
import type { Message } from "../core/i18n/text";

/** "a.xlsx, b.xlsx và c.json" */
function listVi(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} và ${items[items.length - 1]}`;
}

/** "a.xlsx, b.xlsx and c.json" */
function listEn(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export const OUT = {
  /**
   * A failure after other files of the run were written (the workbook, then its --json file): the
   * failure, then which files were written whole before it (each is complete: written through a
   * temporary file), so that nobody takes status 2 for "nothing was written".
   */
  afterWritten: (failure: Message, written: readonly string[]): Message => {
    if (written.length === 0) return failure;
    const one = written.length === 1;
    return {
      vi: `${failure.vi} ${one ? "Tệp" : "Các tệp"} ${listVi(written)} đã được ghi xong trước đó, đầy đủ.`,
      en: `${failure.en} ${listEn(written)} ${one ? "was" : "were"} written in full before that.`,
    };
  },
  /** Standard output could not be written (`--json - > /dev/full`): `why` as errorReason says it. */
  stdoutFailed: (why: Message): Message => ({
    vi: `Không ghi được ra đầu ra chuẩn (stdout: màn hình, hoặc tệp hay chương trình mà đầu ra được chuyển tới): ${why.vi}`,
    en: `Cannot write to the standard output (stdout: the screen, or the file or program the output is redirected to): ${why.en}`,
  }),
  /** EFBIG: the file is larger than the system (a limit set for the user) or the disk (FAT32: under 4 GB) takes. */
  fileTooLarge: {
    vi: "tệp lớn hơn mức hệ thống hoặc ổ đĩa cho phép (ví dụ ổ USB định dạng FAT32 chỉ nhận tệp dưới 4 GB); hãy chọn nơi khác.",
    en: "the file is larger than the system or the disk allows (a USB drive formatted FAT32, say, takes only files under 4 GB); choose another place.",
  } satisfies Message,
};
