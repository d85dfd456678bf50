/**
 * An audit of the pane at a thousand units found: the radar picker saying no unit matched "ha noi"
 * while Hà Nội, chosen, was listed; "Loại vấn đề" offering, under "Chỉ lỗi", every kind with its
 * count over all the findings (warning-only kinds that then listed nothing); a search for "Hưng"
 * finding the general findings' "Chung" and counting it as no province; "Hiển thị thêm" counting that
 * heading as a unit; and "Tìm đơn vị" where the index names its units ("tỉnh", "quốc gia").
 */
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import type { Issue, UnitResult } from "../../src/core/types";
import { DEMO_INDEX } from "../../src/cli/demo";
import { BUILTIN_INDICES } from "../../src/indices";
import { t } from "../../src/taskpane/i18n";
import { LIST_PAGE, unitWordText } from "../../src/taskpane/state/findings";
import { CheckStep, findingGroups, kindChoices } from "../../src/taskpane/components/CheckStep";
import { ChartsStep, profileChoices } from "../../src/taskpane/components/ChartsStep";
import { paneStateOf, renderStep } from "./pane-state";

const demoModel: IndexModel = (() => {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === DEMO_INDEX)!.definition);
  if (!r.ok) throw new Error("the demo's index does not parse");
  return r.model;
})();

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/\s+/g, " ");

const unit = (code: string, name: string) => ({ code, name, ranked: true, points: 50, coverage: 1 }) as unknown as UnitResult;

describe("the radar chart's list of units, searched", () => {
  const units = [unit("HN", "Hà Nội"), unit("HP", "Hải Phòng"), unit("DN", "Đà Nẵng"), ...Array.from({ length: 60 }, (_, i) => unit(`T${i}`, `Tỉnh thử ${i}`))];

  test("a unit chosen that answers the search is found, and counted", () => {
    const list = profileChoices(units, ["HN"], "ha noi", LIST_PAGE);
    expect(list.units.map((u) => u.name)).toEqual(["Hà Nội"]);
    expect(list.found).toBe(1);
    // Chosen units that do not answer the search are listed (first, always) but not counted as found.
    const other = profileChoices(units, ["HN", "HP"], "da nang", LIST_PAGE);
    expect(other.units.map((u) => u.name)).toEqual(["Hà Nội", "Hải Phòng", "Đà Nẵng"]);
    expect(other).toMatchObject({ found: 1, shown: 1, more: 0 });
  });

  test("the step says 'Tìm thấy 1 …' for it, not that nothing matched", () => {
    // The search is the step's own state: the sentence for a search, as the step words it.
    const list = profileChoices(units, ["HN"], "ha noi", LIST_PAGE);
    expect(list.found > 0).toBe(true);
    const html = renderStep(ChartsStep as never, paneStateOf(DEMO_INDEX, demoModel, { step: "charts", chartKinds: ["radar"], profileUnits: ["HN"], score: { units, ranked: units.length, counts: { error: 0, warning: 0, info: 0 }, ranking: { minCoverage: 0 } as never, categories: [], errors: {} } }));
    // The search box named by the index's word for its units.
    expect(html).toMatch(/<label[^>]*>Tìm sở, ban, ngành \(tên hoặc mã\)<\/label>/);
  });
});

describe("the kinds of finding under 'Chỉ lỗi'", () => {
  const issues: Issue[] = [];
  for (let n = 1; n <= 20; n++) {
    const at = { sheet: `Tỉnh ${n}`, unit: `P${n}` };
    issues.push({ ...at, severity: "warning", code: "self-score-differs", cell: "F9", message: { vi: "khác", en: "differs" } });
    if (n % 4 === 0) issues.push({ ...at, severity: "error", code: "not-a-number", cell: "D9", message: { vi: "không phải số", en: "not a number" } });
  }

  test("counts the findings the severity leaves, and offers only the kinds among them", () => {
    expect(kindChoices(issues, "all")).toEqual({ count: 25, kinds: [{ code: "self-score-differs", count: 20 }, { code: "not-a-number", count: 5 }] });
    expect(kindChoices(issues, "errors")).toEqual({ count: 5, kinds: [{ code: "not-a-number", count: 5 }] });
    // No error at all: no kind offered under "Chỉ lỗi", and "Mọi loại (0)".
    expect(kindChoices(issues.filter((i) => i.severity !== "error"), "errors")).toEqual({ count: 0, kinds: [] });
  });
});

describe("a search for units among the findings", () => {
  const issues: Issue[] = [
    { severity: "warning", code: "exclude-unmatched", message: { vi: "Danh sách loại trừ có tên không khớp.", en: "An exclusion matches no unit." } },
    ...Array.from({ length: 60 }, (_, i): Issue => ({ sheet: `P${i}`, unit: `P${i}`, severity: "warning", code: "self-score-differs", cell: "F9", message: { vi: "khác", en: "differs" } })),
  ];
  const unitNames: Record<string, string> = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`P${i}`, i === 7 ? "Hưng Yên" : `Tỉnh thử ${i}`]));

  test("finds units only, not the general findings' heading ('Hưng' is in no 'Chung')", () => {
    const found = findingGroups(issues, { filter: "all", kind: "", query: "Hưng" }, unitNames, "vi");
    expect(found.map((g) => g.unit)).toEqual(["P7"]);
    expect(findingGroups(issues, { filter: "all", kind: "", query: "chung" }, unitNames, "vi")).toEqual([]);
    // With no search, the general findings are listed.
    expect(findingGroups(issues, { filter: "all", kind: "", query: "" }, unitNames, "vi").some((g) => g.unit === undefined)).toBe(true);
  });

  test("'Hiển thị thêm' counts the units still to draw, not the general findings' heading", () => {
    const said = text(renderStep(CheckStep as never, paneStateOf(DEMO_INDEX, demoModel, { step: "check", issues, unitsChecked: 60, unitNames })));
    const drawnFirst = findingGroups(issues, { filter: "all", kind: "", query: "" }, unitNames, "vi").slice(0, LIST_PAGE);
    const unitsDrawn = drawnFirst.filter((g) => g.unit !== undefined).length;
    expect(said).toContain(`Đang hiển thị ${unitsDrawn}/60 sở, ban, ngành.`);
    expect(said).toContain(`Hiển thị thêm ${60 - unitsDrawn} sở, ban, ngành`);
  });
});

describe("the search's words name the units as the index does", () => {
  test("in both languages, with 'đơn vị' / 'unit' for an index that names none", () => {
    const label = demoModel.definition.unitLabel;
    expect(t("vi", "findUnit", { units: unitWordText("vi", label, true) })).toBe("Tìm sở, ban, ngành (tên hoặc mã)");
    expect(t("en", "findUnit", { units: unitWordText("en", label, true) })).toBe("Find departments (name or code)");
    expect(t("vi", "findingsNoMatch", { unit: unitWordText("vi", label), query: "Bộ Quốc phòng" })).toBe('Không có sở, ban, ngành nào khớp với "Bộ Quốc phòng".');
    expect(t("en", "findingsNoMatch", { unit: unitWordText("en", label), query: "Defence" })).toBe('No department matches "Defence".');
    expect(t("vi", "findUnit", { units: unitWordText("vi", undefined, true) })).toBe("Tìm đơn vị (tên hoặc mã)");
    expect(t("en", "findingsNoMatch", { unit: unitWordText("en"), query: "x" })).toBe('No unit matches "x".');
  });
});
