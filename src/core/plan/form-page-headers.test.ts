/**
 * A form's printed page header names the index and the period the form states now: a scoring run
 * writes it again from the form's own `Kỳ đánh giá`, in the form's language, as the results and
 * charts sheets name the periods; only over a header the project wrote (a template's or a run's,
 * in either language, of any period) or none.
 */
import { formPageHeader, isProjectFormHeader, pageTitle } from "./labels";
import { planResults } from "./plan";
import { demoModel, demoSnapshot, readAndScore, setCell } from "./test-fixtures";

const NAMES = ["Bộ chỉ số thử nghiệm", "Demo index"];
const LONG = "Bộ chỉ số đánh giá chuyển đổi số cấp xã, phường, đặc khu của tỉnh (bản thử nghiệm năm 2025) và các đơn vị trực thuộc";

describe("isProjectFormHeader", () => {
  test("takes the headers a template or a run writes on a form, in either language, of any period, or none", () => {
    const ours = [
      formPageHeader("Bộ chỉ số thử nghiệm", "Năm 2024", "vi"),
      formPageHeader("Bộ chỉ số thử nghiệm", undefined, "vi"),
      formPageHeader("Demo index", "2023", "en"),
      formPageHeader("Demo index", undefined, "en"),
      { center: pageTitle("Bộ chỉ số thử nghiệm", ["Năm 2024", "Năm 2025"], "vi") },
      { center: pageTitle("Demo index", ["2024", "2025"], "en") },
      // A long name cut so that the period prints whole; or cut with the period after it.
      formPageHeader(LONG, "Năm 2024", "vi"),
      formPageHeader(LONG, "Kỳ đánh giá năm 2024 theo Quyết định số 922/QĐ-BTTTT ngày 20 tháng 5 năm 2022 của Bộ Thông tin và Truyền thông", "vi"),
      {},
      { center: "" },
      // Whitespace as a reader may keep it.
      { center: "  Bộ chỉ số  thử nghiệm — Kỳ đánh giá: Năm 2024 " },
    ];
    for (const header of ours) expect([header, isProjectFormHeader(header, [...NAMES, LONG])]).toEqual([header, true]);
    // An ampersand of the name is written doubled, as a literal.
    expect(isProjectFormHeader(formPageHeader("A & B", "2024", "en"), ["A & B"])).toBe(true);
  });

  test("leaves a header a person wrote: other words, the name among them, a code of theirs, a left or right part", () => {
    const theirs = [
      { center: "Sở Y tế — bản đã ký duyệt" },
      { center: "Bản nháp — Bộ chỉ số thử nghiệm" },
      { center: "Bộ chỉ số thử nghiệm (bản đã ký)" },
      { center: "UBND tỉnh — Kỳ đánh giá: Năm 2024" },
      { center: '&"Arial,Bold"Bộ chỉ số thử nghiệm — Kỳ đánh giá: Năm 2024' },
      { center: "Bộ chỉ số thử nghiệm — Kỳ đánh giá: Năm 2024 &D" },
      { left: "Mật", center: "Bộ chỉ số thử nghiệm — Kỳ đánh giá: Năm 2024" },
      { center: "Bộ chỉ số thử nghiệm", right: "&P" },
      { center: "Bộ chỉ số thử…" },
      // Cut with an ellipsis, but not from the name's start.
      { center: "chỉ số thử nghiệm — Kỳ đánh giá: Năm 2024" },
    ];
    for (const header of theirs) expect([header, isProjectFormHeader(header, NAMES)]).toEqual([header, false]);
  });
});

describe("a scoring run's plan", () => {
  test("gives each scored form the page header of the index and the period the form states, in the form's language, whatever the run's", () => {
    const snapshot = demoSnapshot();
    // Two forms state their period under the header block, the third states none.
    for (const [sheet, period] of [["SO-01", "Năm 2025"], ["SO-03", "Năm 2024"]] as const) {
      setCell(snapshot, sheet, "A5", "Kỳ đánh giá");
      setCell(snapshot, sheet, "B5", period);
    }
    const model = demoModel();
    const { submissions, issues, table } = readAndScore(snapshot, model);
    for (const lang of ["vi", "en"] as const) {
      const plan = planResults(model, table, issues, submissions, { lang, projectVersion: "1.0.0", now: new Date("2025-01-01T00:00:00Z"), snapshot });
      const headers = Object.fromEntries(plan.edits.map((e) => [e.sheet, e.pageHeader]));
      // The forms are Vietnamese ones: their headers stay Vietnamese in an English run.
      expect([lang, headers]).toEqual([
        lang,
        {
          "SO-01": { texts: { center: "Bộ chỉ số thử nghiệm — Kỳ đánh giá: Năm 2025" }, indexNames: NAMES },
          "SO-02": { texts: { center: "Bộ chỉ số thử nghiệm" }, indexNames: NAMES },
          "SO-03": { texts: { center: "Bộ chỉ số thử nghiệm — Kỳ đánh giá: Năm 2024" }, indexNames: NAMES },
        },
      ]);
      // The results sheet lists both periods, as differing.
      expect(plan.owned[0]!.print?.pageHeader?.center).toMatch(/Năm 2025, Năm 2024$/);
    }
  });
});
