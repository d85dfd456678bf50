/**
 * What an audit of the pane on workbooks of 300 and 1,000 units found: a Check step of a thousand
 * collapsed units with no way to find one (nor to leave out a kind of finding), a radar picker of
 * a thousand checkboxes; the Vietnamese notice after marking cells saying the scores were "not
 * yet" written. (The progress while scoring: pane-progress.test.ts.)
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import type { Issue, UnitResult } from "../../src/core/types";
import { DEMO_INDEX } from "../../src/cli/demo";
import { BUILTIN_INDICES } from "../../src/indices";
import { FINDING_KINDS } from "../../src/taskpane/finding-kinds";
import { t } from "../../src/taskpane/i18n";
import { LIST_PAGE, unitSearch } from "../../src/taskpane/state/findings";
import { CheckStep, findingGroups, findingKinds } from "../../src/taskpane/components/CheckStep";
import { ChartsStep, profileChoices } from "../../src/taskpane/components/ChartsStep";
import type { PaneState } from "../../src/taskpane/state/usePane";
import { paneStateOf } from "./pane-state";


const demoModel: IndexModel = (() => {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === DEMO_INDEX)!.definition);
  if (!r.ok) throw new Error("the demo's index does not parse");
  return r.model;
})();

/** A step rendered to static markup, with no actions. */
function render(component: unknown, state: PaneState): string {
  return renderToStaticMarkup(createElement(component as never, { state, actions: {} as never }));
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/\s+/g, " ");

/** A district's name, as a province's list has them: "Huyện thử nghiệm số 7", and one with every diacritic. */
const unitName = (n: number) => (n === 77 ? "Thị xã Hà Đông" : `Huyện thử nghiệm số ${n}`);

/** `units` units, each with a warning that its self-score differs, and every tenth one an error too. */
function findings(units: number): { issues: Issue[]; unitNames: Record<string, string> } {
  const issues: Issue[] = [];
  const unitNames: Record<string, string> = {};
  for (let n = 1; n <= units; n++) {
    const unit = `H${String(n).padStart(4, "0")}`;
    unitNames[unit] = unitName(n);
    const at = { sheet: unitName(n), unit };
    issues.push({ ...at, severity: "warning", code: "self-score-differs", cell: "F9", message: { vi: `Trang tính '${at.sheet}', ô F9: điểm tự chấm khác.`, en: `Sheet '${at.sheet}', cell F9: the self-score differs.` } });
    if (n % 10 === 0) issues.push({ ...at, severity: "error", code: "not-a-number", cell: "D9", message: { vi: `Trang tính '${at.sheet}', ô D9: không phải là số.`, en: `Sheet '${at.sheet}', cell D9: not a number.` } });
  }
  return { issues, unitNames };
}

describe("finding a unit among a thousand in the Check step", () => {
  const { issues, unitNames } = findings(1000);
  const names = (groups: { unit?: string }[]) => groups.map((g) => unitNames[g.unit!]);

  test("the search finds a unit by its name whatever the case and the diacritics (typed or not, composed or not), or by its code", () => {
    const all = { filter: "all" as const, kind: "" };
    for (const query of ["ha dong", "HÀ ĐÔNG", "Thị xã Hà Đông".normalize("NFD"), "  hà   đông "]) {
      expect([query, names(findingGroups(issues, { ...all, query }, unitNames, "vi"))]).toEqual([query, ["Thị xã Hà Đông"]]);
    }
    expect(names(findingGroups(issues, { ...all, query: "h0042" }, unitNames, "vi"))).toEqual(["Huyện thử nghiệm số 42"]);
    expect(findingGroups(issues, { ...all, query: "số 99" }, unitNames, "vi")).toHaveLength(11);
    expect(findingGroups(issues, { ...all, query: "Quận" }, unitNames, "vi")).toEqual([]);
    expect(findingGroups(issues, { ...all, query: "" }, unitNames, "vi")).toHaveLength(1000);
    expect(unitSearch("hà nội")("Hà Nội".normalize("NFD"))).toBe(true);
  });

  test("a kind of finding chosen leaves out the others: without the self-score warnings, the hundred units with an error", () => {
    const kinds = findingKinds(issues);
    expect(kinds).toEqual([
      { code: "self-score-differs", count: 1000 },
      { code: "not-a-number", count: 100 },
    ]);
    const errors = findingGroups(issues, { filter: "all", kind: "not-a-number", query: "" }, unitNames, "vi");
    expect(errors).toHaveLength(100);
    expect(errors.every((g) => g.issues.every((i) => i.code === "not-a-number"))).toBe(true);
    expect(findingGroups(issues, { filter: "errors", kind: "self-score-differs", query: "" }, unitNames, "vi")).toEqual([]);
  });

  test("every kind of finding has its name in both languages", () => {
    for (const [code, name] of Object.entries(FINDING_KINDS)) {
      expect([code, name.vi.trim() !== "", name.en.trim() !== "", name.vi !== name.en]).toEqual([code, true, true, true]);
    }
  });

  test("the step draws the first fifty units, says how many there are, offers the next fifty, and has the search and the kinds, each labelled", () => {
    for (const lang of ["vi", "en"] as const) {
      const html = render(CheckStep, paneStateOf(DEMO_INDEX, demoModel, { lang, step: "check", issues, unitsChecked: 1000, unitNames }));
      // Each unit's heading is a button that opens it: fifty of them, not a thousand.
      expect((html.match(/aria-expanded=/g) ?? []).length).toBe(LIST_PAGE);
      const said = text(html);
      // The units as the index calls them (the demo's are departments).
      expect(said).toContain(lang === "vi" ? "Đang hiển thị 50/1.000 sở, ban, ngành." : "Showing 50 of 1,000 departments.");
      expect(said).toContain(lang === "vi" ? "Hiển thị thêm 50 sở, ban, ngành" : "Show the next 50 departments");
      // The search and the list of kinds, each with its label: a screen reader names them.
      for (const label of [lang === "vi" ? "Tìm sở, ban, ngành (tên hoặc mã)" : "Find departments (name or code)", t(lang, "findingKind")]) expect(html).toMatch(new RegExp(`<label[^>]*>${label.replace(/[()]/g, "\\$&")}</label>`));
      expect(html).toContain('type="search"');
      expect(said).toContain(lang === "vi" ? "Mọi loại (1.100)" : "All kinds (1,100)");
      expect(said).toContain(lang === "vi" ? "Điểm tự chấm khác điểm tính được (1.000)" : "Self-score differs from the score (1,000)");
      expect(said).toContain(lang === "vi" ? "Không phải là số (100)" : "Not a number (100)");
    }
  });

  test("a short list is drawn whole, with no offer of more", () => {
    const few = findings(12);
    const html = render(CheckStep, paneStateOf(DEMO_INDEX, demoModel, { step: "check", issues: few.issues, unitsChecked: 12, unitNames: few.unitNames }));
    expect((html.match(/aria-expanded=/g) ?? []).length).toBe(12);
    expect(html).not.toContain('data-testid="findings-more"');
  });
});

describe("the radar chart's list of units", () => {
  const units: UnitResult[] = Array.from({ length: 300 }, (_, i) => ({ code: `H${i + 1}`, name: unitName(i + 1), ranked: true, points: 100 - i / 10, coverage: 1 }) as unknown as UnitResult);

  test("shows the units chosen first, whatever the search, then those the search finds, a page at a time", () => {
    const first = profileChoices(units, [], "", LIST_PAGE);
    expect(first.units).toHaveLength(LIST_PAGE);
    expect(first.more).toBe(300 - LIST_PAGE);
    const found = profileChoices(units, ["H5"], "ha dong", LIST_PAGE);
    expect(found.units.map((u) => u.name)).toEqual(["Huyện thử nghiệm số 5", "Thị xã Hà Đông"]);
    // Hà Đông is found; Huyện 5, chosen, is listed but does not answer "ha dong".
    expect(found).toMatchObject({ found: 1, more: 0 });
    expect(profileChoices(units, [], "H29", LIST_PAGE).units.map((u) => u.code)).toEqual(["H29", ...Array.from({ length: 10 }, (_, i) => `H${290 + i}`)]);
  });

  test("the step draws fifty checkboxes of three hundred, with a search box named for screen readers", () => {
    const html = render(ChartsStep, paneStateOf(DEMO_INDEX, demoModel, { step: "charts", chartKinds: ["radar"], score: { units, ranked: 300, counts: { error: 0, warning: 0, info: 0 }, ranking: { minCoverage: 0 } as never, categories: [], errors: {} } }));
    expect((html.match(/type="checkbox"/g) ?? []).length).toBe(3 + LIST_PAGE);
    expect(html).toMatch(/<label[^>]*>Tìm sở, ban, ngành \(tên hoặc mã\)<\/label>/);
    expect(text(html)).toContain("Đang hiển thị 50/300 sở, ban, ngành. Hiển thị thêm 50 sở, ban, ngành");
  });
});

test("after marking cells, the Vietnamese notice says this action wrote no scores (not that they are yet to be written)", () => {
  expect(t("vi", "marked", { count: 14831 })).toBe("Đã đánh dấu 14.831 ô cần xem lại; chưa ghi điểm vào sổ.");
  expect(t("en", "marked", { count: 14831 })).toBe("Marked 14,831 cells with issues; no scores were written.");
});
