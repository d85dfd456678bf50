/**
 * What the polite live region says after the Check step's "Đánh dấu ô cần xem lại": what was
 * marked, then the check's summary the step shows above its findings ("Đã kiểm tra 4 đơn vị: 1 lỗi và 20 cảnh
 * báo"), as scoring's notice is followed by the errors and warnings found. Before, marking said
 * only what it marked, and a screen reader never heard the check's counts.
 */
import type { Issue } from "../../src/core/types";
import { checkSaid, noticeSaid, saidInTurn } from "../../src/taskpane/App";
import { type Notice, scoreDoneNotice } from "../../src/taskpane/state/usePane";

const issue = (severity: Issue["severity"], unit: string): Issue => ({ severity, code: severity === "error" ? "not-a-number" : "missing-input", unit, message: { vi: "", en: "" } }) as Issue;
/** 1 error and 20 warnings among 4 units. */
const issues: Issue[] = [issue("error", "SYT"), ...Array.from({ length: 20 }, (_, i) => issue("warning", ["SYT", "STC", "SXD", "SNV"][i % 4]!))];
const checked = { issues, unitsChecked: 4 };

test("marking cells says what it marked, then the check's summary, in either language", () => {
  const marked: Notice = { intent: "success", key: "marked", params: { count: 21 } };
  expect(noticeSaid(marked, "vi", { checked })).toBe("Đã đánh dấu 21 ô cần xem lại; chưa ghi điểm vào sổ. Đã kiểm tra 4 đơn vị: 1 lỗi và 20 cảnh báo.");
  expect(noticeSaid(marked, "en", { checked })).toBe("Marked 21 cells with issues; no scores were written. 4 units checked: 1 error and 20 warnings.");
  // The summary is the one the Check step shows (and says after a check alone).
  expect(noticeSaid(marked, "vi", { checked }).endsWith(checkSaid(issues, 4, "vi"))).toBe(true);
  // No cell to mark: said so, with the summary too.
  expect(noticeSaid({ intent: "info", key: "markedNone" }, "vi", { checked })).toBe(`Không có ô nào cần đánh dấu. ${checkSaid(issues, 4, "vi")}`);
  // The units as the index calls them, as the Check step shows them.
  const departments = { vi: "Sở, ban, ngành", en: "Department" };
  expect(noticeSaid(marked, "vi", { checked: { ...checked, unitLabel: departments } })).toBe("Đã đánh dấu 21 ô cần xem lại; chưa ghi điểm vào sổ. Đã kiểm tra 4 sở, ban, ngành: 1 lỗi và 20 cảnh báo.");
  expect(noticeSaid(marked, "en", { checked: { ...checked, unitLabel: departments } })).toBe("Marked 21 cells with issues; no scores were written. 4 departments checked: 1 error and 20 warnings.");
});

test("scoring's notice keeps its counts; other notices add nothing", () => {
  const scoreDone = scoreDoneNotice(4, 4, []);
  const said = noticeSaid(scoreDone, "vi", { scoreCounts: { error: 1, warning: 20 }, checked });
  expect(said).toMatch(/^Đã chấm điểm và xếp hạng 4 đơn vị\. Có 1 lỗi và 20 cảnh báo trong số liệu: xem bước Kiểm tra\.$/);
  expect(said).not.toContain("4 đơn vị: 1 lỗi");
  expect(noticeSaid({ intent: "success", key: "staleNone" }, "vi", { checked, scoreCounts: { error: 1, warning: 0 } })).toBe("Kết quả vẫn khớp với số liệu hiện tại.");
});

test("parts said one after the other each end as a sentence, so a screen reader pauses between them", () => {
  expect(saidInTurn(["Đã kiểm tra 4 đơn vị: 1 lỗi", "Sổ chỉ được lưu khi tải xuống.", "", "Xong!"])).toBe("Đã kiểm tra 4 đơn vị: 1 lỗi. Sổ chỉ được lưu khi tải xuống. Xong!");
});
