/**
 * What a fifth audit of the pane found, each low: where the keyboard focus goes after a notice's
 * "use the forms' index"; the Check step's counts by unit said in words, not only in colour;
 * message bars without a title named for screen readers; cell references as Excel writes them;
 * "check the results still match" only where something outside the pane can change the workbook.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parseDefinition } from "../../src/core/definition";
import type { Issue, UnitResult } from "../../src/core/types";
import { BUILTIN_INDICES } from "../../src/indices";
import { DismissableBar } from "../../src/taskpane/App";
import { CheckStep, findingLabel, findingPlace } from "../../src/taskpane/components/CheckStep";
import { CollectStep } from "../../src/taskpane/components/CollectStep";
import { IndexNeeded } from "../../src/taskpane/components/IndexNeeded";
import { ScoreStep } from "../../src/taskpane/components/ScoreStep";
import { ChartsStep } from "../../src/taskpane/components/ChartsStep";
import { DISMISS_ATTRIBUTE, RERUN_ATTRIBUTE, focusChoice } from "../../src/taskpane/focus";
import { t } from "../../src/taskpane/i18n";
import type { PaneState } from "../../src/taskpane/state/usePane";
import { paneStateOf, renderStep } from "./pane-state";

const department = (() => {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!.definition);
  if (!r.ok) throw new Error("the built-in index does not parse");
  return r.model;
})();


/** A pane's state for rendering one step: the department index chosen, a workbook open (in Excel unless `mode` says otherwise). */
function paneState(extra: Partial<PaneState> = {}): PaneState {
  return paneStateOf("dti-so-nganh-mau", department, { workbench: { goTo: async () => undefined } as unknown as PaneState["workbench"], ...extra });
}

const render = renderStep;

/** The opening tag of the first element whose attributes include `attribute`. */
function tagWith(html: string, attribute: string): string {
  const at = html.indexOf(attribute);
  if (at < 0) throw new Error(`no element with ${attribute}`);
  return html.slice(html.lastIndexOf("<", at), html.indexOf(">", at) + 1);
}

/** The text of the element whose id is `id` (its tags taken out). */
function textOfId(html: string, id: string): string {
  const open = html.indexOf(`id="${id}"`);
  if (open < 0) return "";
  const start = html.lastIndexOf("<", open);
  const tag = /^<(\w+)/.exec(html.slice(start))![1]!;
  // The element's end: its closing tag at the same depth.
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  re.lastIndex = start;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] === "/" ? -1 : 1;
    if (depth === 0) return html.slice(html.indexOf(">", start) + 1, m.index).replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
  }
  return "";
}

/** The name a screen reader gives the element with `testId`, by its aria-labelledby: the text of the element it points at. */
function barName(html: string, testId: string): string {
  const tag = tagWith(html, `data-testid="${testId}"`);
  const by = /aria-labelledby="([^"]+)"/.exec(tag)?.[1];
  if (by === undefined) throw new Error(`${testId} has no aria-labelledby`);
  return textOfId(html, by);
}

describe("the keyboard focus after a notice's button", () => {
  // The Collect step with an empty list of units, under the notice "Đã chọn bộ chỉ số X. Hãy bấm lại
  // "Chọn tệp phiếu (.xlsx)"." that replaced the offer: its controls in the page's order ("Tạo phiếu",
  // inert with no unit, takes the Tab key's focus but is never chosen: data-cannot-run).
  const collect = [
    { name: "Đóng", inBar: true, dismiss: true, main: false },
    { name: "Danh sách đơn vị", inBar: false, dismiss: false, main: false },
    { name: "Mở danh sách từ tệp CSV", inBar: false, dismiss: false, main: false },
    { name: "Chọn tệp phiếu (.xlsx)", rerun: "importFiles", inBar: false, dismiss: false, main: false },
  ];

  test("after 'use the forms' index', it goes to the button the notice asks to press again, not to the notice's Close", () => {
    expect(focusChoice(collect, "importFiles")?.name).toBe("Chọn tệp phiếu (.xlsx)");
  });

  test("with no button named, or that one unavailable: the step's main control, else the step's first control, never a message's Close", () => {
    const scoreStep = [
      { name: "Đóng", inBar: true, dismiss: true, main: false },
      { name: "Chấm điểm và ghi kết quả", rerun: "scoreRun", inBar: false, dismiss: false, main: true },
    ];
    expect(focusChoice(scoreStep)?.name).toBe("Chấm điểm và ghi kết quả");
    expect(focusChoice(scoreStep, "importFiles")?.name).toBe("Chấm điểm và ghi kết quả");
    expect(focusChoice(collect)?.name).toBe("Danh sách đơn vị");
    // Nothing of the step can take it: a message's own action ("Chấm điểm lại"), never its Close; nothing at all rather than a Close.
    const onlyBars = [
      { name: "Đóng", inBar: true, dismiss: true, main: false },
      { name: "Chấm điểm lại", inBar: true, dismiss: false, main: false },
    ];
    expect(focusChoice(onlyBars)?.name).toBe("Chấm điểm lại");
    expect(focusChoice([{ name: "Đóng", inBar: true, dismiss: true, main: false }])).toBeUndefined();
  });

  test("each button whose run may offer the forms' index is marked with the key of its label, as the notice names it", () => {
    const marked = (html: string) => [...html.matchAll(new RegExp(`<button[^>]*${RERUN_ATTRIBUTE}="(\\w+)"[^>]*>(.*?)</button>`, "g"))].map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, "")]);
    for (const lang of ["vi", "en"] as const) {
      // The Collect step with no unit listed: its main button is disabled; the one the notice names after bringing in forms is not.
      const collect = render(CollectStep, paneState({ lang, unitsText: "" }));
      expect(marked(collect)).toEqual([
        ["makeTemplates", t(lang, "makeTemplates")],
        ["importFiles", t(lang, "importFiles")],
      ]);
      expect(tagWith(collect, `${RERUN_ATTRIBUTE}="importFiles"`)).not.toMatch(/\sdisabled=""/);
      expect(tagWith(collect, `${RERUN_ATTRIBUTE}="makeTemplates"`)).toMatch(/\saria-disabled="true"/);
      expect(marked(render(CheckStep, paneState({ lang })))).toEqual([
        ["checkRun", t(lang, "checkRun")],
        ["markCells", t(lang, "markCells")],
      ]);
      expect(marked(render(ScoreStep, paneState({ lang })))).toEqual([["scoreRun", t(lang, "scoreRun")]]);
      expect(marked(render(ChartsStep, paneState({ lang })))).toEqual([["chartsRun", t(lang, "chartsRun")]]);
    }
  });

  test("a notice's Close is marked as such, and its other buttons are not", () => {
    const html = renderToStaticMarkup(
      createElement(DismissableBar, { intent: "warning", testId: "notice", text: "Các phiếu được lập theo bộ chỉ số khác.", items: [], lang: "vi", onDismiss: () => undefined, actions: [{ label: "Dùng bộ chỉ số của các phiếu", busy: false, run: () => undefined }] }),
    );
    const buttons = [...html.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map((m) => ({ dismiss: m[0].includes(DISMISS_ATTRIBUTE), text: m[1]!.replace(/<[^>]+>/g, "") }));
    expect(buttons).toEqual([
      { dismiss: false, text: "Dùng bộ chỉ số của các phiếu" },
      { dismiss: true, text: "Đóng" },
    ]);
  });
});

describe("the Check step's counts beside each unit", () => {
  const issue = (severity: Issue["severity"], n: number): Issue => ({ severity, code: "missing-input", message: { vi: `Ô trống ${n}.`, en: `Empty cell ${n}.` }, unit: "SYT", sheet: "Sở Y tế", cell: `D${30 + n}` });
  const issues = [issue("error", 1), ...Array.from({ length: 9 }, (_, n) => issue("warning", n + 2))];

  test("say what they count in words, each in its colour: '1 lỗi', '9 cảnh báo' / '1 error', '9 warnings'", () => {
    for (const [lang, words] of [
      ["vi", ["1 lỗi", "9 cảnh báo"]],
      ["en", ["1 error", "9 warnings"]],
    ] as const) {
      const html = render(CheckStep, paneState({ lang, issues, unitsChecked: 1, unitNames: { SYT: "Sở Y tế" } }));
      const header = html.slice(html.indexOf("Sở Y tế</span>"));
      const badges = [...header.matchAll(/<div class="([^"]*fui-Badge[^"]*)"[^>]*>([^<]*)<\/div>/g)].slice(0, 2);
      expect(badges.map((b) => b[2])).toEqual(words);
      // The colour stays: red for the errors, yellow for the warnings.
      expect(badges[0]![1]).not.toBe(badges[1]![1]);
    }
  });
});

describe("message bars without a title", () => {
  test("a notice is named by its sentence, not by a title never drawn", () => {
    const text = "Đã chấm điểm và xếp hạng 4 sở, ban, ngành.";
    const html = renderToStaticMarkup(createElement(DismissableBar, { intent: "success", testId: "notice", text, items: ["Một dòng."], lang: "vi", onDismiss: () => undefined }));
    expect(barName(html, "notice")).toBe(text);
  });

  test("a notice of one detail and no sentence is named by what it says; one with a title, by its title", () => {
    const item = "Trang Sở Y tế được bảo vệ bằng mật khẩu nên chưa ghi được.";
    const plain = renderToStaticMarkup(createElement(DismissableBar, { intent: "warning", testId: "write-warnings", items: [item], lang: "vi", onDismiss: () => undefined }));
    expect(barName(plain, "write-warnings")).toBe(item);
    const titled = renderToStaticMarkup(createElement(DismissableBar, { intent: "warning", testId: "write-warnings", title: "Chưa ghi được hết", items: [item], lang: "vi", onDismiss: () => undefined }));
    expect(barName(titled, "write-warnings")).toBe("Chưa ghi được hết");
  });

  test("the errors and warnings bar under the Score table is named by its sentence", () => {
    const unit = { code: "SYT", name: "Sở Y tế", ranked: true, rank: 1, rankInCategory: null, points: 50, value: 50, coverage: 1 } as unknown as UnitResult;
    const score = {
      units: [unit],
      ranked: 1,
      counts: { error: 1, warning: 20, info: 0 },
      ranking: { method: "competition", on: "points", within: "all", nodes: "none", minCoverage: 0, exclude: [] },
      categories: [],
      errors: { SYT: 1 },
    } as unknown as PaneState["score"];
    for (const lang of ["vi", "en"] as const) {
      const html = render(ScoreStep, paneState({ lang, score }));
      expect(barName(html, "score-findings")).toBe(lang === "vi" ? "Có 1 lỗi và 20 cảnh báo trong số liệu: xem bước Kiểm tra." : t("en", "findingsAfterScore", { errors: "1 error", warnings: "20 warnings", see: t("en", "findingsSeeCheck") }));
    }
  });

  test("the Score step's table of top units is named by its heading; ranked within categories, its rank column shows \"Hạng\" and is named \"Hạng trong loại\"", () => {
    const unit = { code: "SYT", name: "Sở Thông tin và Truyền thông", category: "co-dvc", ranked: true, rank: 1, rankInCategory: 1, points: 50, value: 50, coverage: 1 } as unknown as UnitResult;
    const score = (within: "all" | "category") =>
      ({
        units: [unit],
        ranked: 1,
        counts: { error: 0, warning: 0, info: 0 },
        ranking: { method: "competition", on: "points", within, nodes: "none", minCoverage: 0, exclude: [] },
        categories: department.definition.categories,
        errors: {},
        unitLabel: department.definition.unitLabel,
      }) as unknown as PaneState["score"];
    for (const lang of ["vi", "en"] as const) {
      const html = render(ScoreStep, paneState({ lang, score: score("category"), ranking: { method: "competition", decimals: null, within: "category" } }));
      // The table's name is the heading above it ("Đơn vị đứng đầu"), by its id.
      expect(tagWith(html, 'data-testid="score-table"')).toContain('aria-labelledby="score-top"');
      expect(textOfId(html, "score-top")).toBe(lang === "vi" ? "Sở, ban, ngành dẫn đầu" : "Top departments");
      // Shown short (the column stays narrow, the names readable in a 320 px pane), named in full for screen readers and on hover.
      const header = html.slice(html.indexOf("<th"), html.indexOf("</th>"));
      const full = lang === "vi" ? "Hạng trong loại" : "Rank in category";
      const short = lang === "vi" ? "Hạng" : "Rank";
      expect(header).toContain(`<span aria-hidden="true" title="${full}" data-testid="rank-header-short">${short}</span>`);
      expect(header.replace(/<span aria-hidden="true"[^>]*>[^<]*<\/span>/, "").replace(/<[^>]+>/g, "")).toBe(full);
      // Ranked among all units: the one word, as before.
      const all = render(ScoreStep, paneState({ lang, score: score("all") }));
      expect(all.slice(all.indexOf("<th"), all.indexOf("</th>")).replace(/<[^>]+>/g, "")).toBe(short);
      // The index chosen after cannot be used (a definition file with errors): the table kept says its units as scored.
      const invalid = render(ScoreStep, paneState({ lang, score: score("category"), index: { source: "file", builtinId: "dti-so-nganh-mau", fileName: "sai.json", problems: [{ vi: "x", en: "x" }] } }));
      expect(textOfId(invalid, "score-top")).toBe(lang === "vi" ? "Sở, ban, ngành dẫn đầu" : "Top departments");
      expect(invalid).toContain(lang === "vi" ? ">Sở, ban, ngành</th>" : ">Department</th>");
    }
  });

  test("'the index chosen cannot be used', in every step, is named by its sentence", () => {
    const html = render(IndexNeeded, paneState({ index: { source: "file", builtinId: "dti-so-nganh-mau", fileName: "sai.json", problems: [{ vi: "x", en: "x" }] } }));
    expect(barName(html, "index-not-usable")).toBe(t("vi", "definitionNotUsable", { file: "sai.json", step: t("vi", "stepIndexShort") }));
  });
});

describe("a finding's cell", () => {
  test("is written as Excel writes a reference: the sheet's name quoted when Excel would quote it", () => {
    expect(findingPlace({ sheet: "Sở Y tế", cell: "D39" })).toBe("'Sở Y tế'!D39");
    expect(findingPlace({ sheet: "TongHop_2024", cell: "B2" })).toBe("TongHop_2024!B2");
    // A name that reads as a cell, and a quote in a name.
    expect(findingPlace({ sheet: "A1", cell: "B2" })).toBe("'A1'!B2");
    expect(findingPlace({ sheet: "Sở Y tế's", cell: "B2" })).toBe("'Sở Y tế''s'!B2");
    // A finding of a whole sheet: its name alone; of no sheet: nothing.
    expect(findingPlace({ sheet: "Sở Y tế" })).toBe("Sở Y tế");
    expect(findingPlace({})).toBe("");
  });

  test("the Check step shows it so under the finding, and a screen reader hears the same", () => {
    const issue: Issue = { severity: "error", code: "missing-input", message: { vi: "Chưa có số liệu.", en: "No value." }, unit: "SYT", sheet: "Sở Y tế", cell: "D39" };
    const html = render(CheckStep, paneState({ issues: [issue], unitsChecked: 1, unitNames: { SYT: "Sở Y tế" } }));
    expect(html).toContain(">&#x27;Sở Y tế&#x27;!D39</span>");
    expect(html).not.toContain(">Sở Y tế!D39<");
    // What the button shows, in its order (badge, sentence, place), then what it does: a person
    // using voice control says what they see.
    expect(findingLabel(issue, "vi")).toBe("Lỗi: Chưa có số liệu. 'Sở Y tế'!D39. Đi tới ô này.");
    expect(findingLabel(issue, "en")).toBe("Error: No value. 'Sở Y tế'!D39. Go to this cell.");
    expect(html).toContain(`aria-label="Lỗi: Chưa có số liệu. &#x27;Sở Y tế&#x27;!D39. Đi tới ô này."`);
    // A finding of a whole sheet goes to the sheet.
    const { cell: _cell, ...wholeSheet } = issue;
    expect(findingLabel(wholeSheet, "vi")).toMatch(/^Lỗi: .* Sở Y tế\. Đi tới trang tính này\.$/);
    expect(findingLabel(wholeSheet, "en")).toMatch(/^Error: .* Sở Y tế\. Go to this sheet\.$/);
  });
});

describe("'check the results still match'", () => {
  const scored = { scoredAt: "2024-05-06T07:08:00Z" };
  test("is offered in Excel, where the workbook is edited beside the pane; not for a workbook opened in the browser, where only the pane changes it", () => {
    for (const lang of ["vi", "en"] as const) {
      expect(render(ScoreStep, paneState({ lang, mode: "excel", ...scored }))).toContain(`>${t(lang, "staleRecheck")}</button>`);
      const file = render(ScoreStep, paneState({ lang, mode: "file", ...scored }));
      expect(file).not.toContain(t(lang, "staleRecheck"));
      // When it was scored is still said.
      expect(file).toContain(lang === "vi" ? "06/05/2024" : "6 May 2024");
    }
  });
});
