/** When the workbook was scored, as the pane says it: its date as the workbook and the command line write it. */
import { formatDate } from "../../core/i18n/text";
import { formatWhen } from "./ScoreStep";

describe("the time of the last scoring", () => {
  test("reads in English as the workbook and the command line date it (\"6 Sep 2024\", not the browser's \"6 Sept 2024\"), in Vietnamese as 06/09/2024", () => {
    const iso = "2024-09-06T12:00:00Z";
    const at = new Date(iso);
    const en = formatWhen(iso, "en")!;
    expect(en.date).toBe(formatDate(at, "en"));
    expect(en.date).toMatch(/^\d{1,2} Sep 2024$/);
    expect(en.date).not.toContain("Sept");
    expect(formatWhen(iso, "vi")!.date).toBe(formatDate(at, "vi"));
    // The time in 24 hours, as both languages write it.
    expect(en.time).toMatch(/^\d{2}:\d{2}$/);
    expect(en.time).toBe(`${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`);
    expect(formatWhen("not a time", "en")).toBeUndefined();
  });
});
