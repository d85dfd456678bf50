/**
 * A part of the pane's code that is fetched when first needed (webpack's chunks: the code that
 * writes to Excel, the code that brings forms in, the .xlsx reader) and could not be loaded: the
 * pane says what happened and what to do, in both languages, not webpack's "Loading chunk 487
 * failed. (error: http://…/487.….js)".
 */
import { isLocalizedError, score } from "../../src/taskpane/state/pipeline";
import { openExcelWorkbench } from "../../src/taskpane/state/excel";
import { t } from "../../src/taskpane/i18n";
import { isChunkLoadError, unexpectedNotice } from "../../src/taskpane/state/usePane";
import { layoutAWorkbook } from "../excel-host/fixtures";

/** The error webpack's runtime rejects `import()` with when a chunk's script fails to load. */
function chunkLoadError(chunk: string): Error {
  const url = `https://dti-scorer.example.vn/${chunk}.16d4fd4d.js`;
  return Object.assign(new Error(`Loading chunk ${chunk} failed.\n(error: ${url})`), { name: "ChunkLoadError", type: "error", request: url });
}

describe("a part of the pane that could not be loaded", () => {
  test("is said as such, with what to do, in both languages, not in webpack's words", () => {
    for (const e of [chunkLoadError("487"), chunkLoadError("excel-write")]) {
      expect(isChunkLoadError(e)).toBe(true);
      const notice = unexpectedNotice(e, "vi");
      expect(notice.intent).toBe("error");
      const vi = t("vi", notice.key!, notice.params);
      const en = t("en", notice.key!, notice.params);
      expect(vi).toBe("Không tải được một phần của Chấm điểm DTI, có thể do mất kết nối mạng. Hãy kiểm tra kết nối mạng, hoặc đóng rồi mở lại ngăn tác vụ, rồi thử lại.");
      expect(en).toBe("A part of DTI Scorer could not be loaded, perhaps because the network connection dropped. Check the network connection, or close and reopen the pane, then try again.");
      for (const text of [vi, en]) expect(text).not.toMatch(/Loading chunk|\.js|Đã xảy ra lỗi|Something went wrong/);
    }
  });

  test("is known by webpack's message too, where the error's name was lost on the way", () => {
    expect(isChunkLoadError(new Error("Loading chunk 487 failed.\n(timeout: https://x/487.js)"))).toBe(true);
    expect(isChunkLoadError(new Error("Loading CSS chunk 12 failed.\n(https://x/12.css)"))).toBe(true);
    // Anything else is still "something went wrong", with its own words.
    const other = unexpectedNotice(new Error("Sheet not found"), "en");
    expect(t("en", other.key!, other.params)).toBe("Something went wrong: Sheet not found");
    expect(isChunkLoadError("Loading chunk")).toBe(false);
    expect(isChunkLoadError(undefined)).toBe(false);
  });

  test("when the code that writes to Excel cannot be loaded, a scoring run fails with that error, which the pane says as such", async () => {
    const { double, model } = await layoutAWorkbook(1, { via: "insert" });
    double.install();
    const excel = openExcelWorkbench();
    const offline = { ...excel, host: { read: () => excel.host.read(), apply: async () => Promise.reject(chunkLoadError("487")) } };
    const failed = await score(offline, model, { lang: "en", ranking: { method: "competition", decimals: null, within: "all" }, profileUnits: [], chartKinds: [], onProgress: async () => undefined }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isLocalizedError(failed)).toBe(false);
    const notice = unexpectedNotice(failed, "en");
    expect(notice.key).toBe("chunkLoadFailed");
  }, 60_000);
});
