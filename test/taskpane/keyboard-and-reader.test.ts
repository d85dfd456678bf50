/**
 * What an accessibility audit found driving the pane by keyboard and screen reader: disabled main
 * buttons out of the Tab order with their reason not linked; the Check step's unit sections with no
 * heading; no main landmark; the index's structure named twice; the language options without their
 * language; and, outside Excel, scoring and marking not saying that the workbook must be downloaded.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { parseDefinition } from "../../src/core/definition";
import type { Issue } from "../../src/core/types";
import { BUILTIN_INDICES } from "../../src/indices";
import { App, downloadAfter, noticeSaid } from "../../src/taskpane/App";
import { CheckStep } from "../../src/taskpane/components/CheckStep";
import { CollectStep } from "../../src/taskpane/components/CollectStep";
import { Header } from "../../src/taskpane/components/Header";
import { IndexStep } from "../../src/taskpane/components/IndexStep";
import { ScoreStep } from "../../src/taskpane/components/ScoreStep";
import { t } from "../../src/taskpane/i18n";
import { type Notice, type PaneState, scoreDoneNotice } from "../../src/taskpane/state/usePane";
import { paneStateOf, renderStep } from "./pane-state";

const department = (() => {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!.definition);
  if (!r.ok) throw new Error("the built-in index does not parse");
  return r.model;
})();

const paneState = (extra: Partial<PaneState> = {}): PaneState => paneStateOf("dti-so-nganh-mau", department, extra);

/** The opening tag of the button whose text is `text`. */
function buttonTag(html: string, text: string): string {
  const m = new RegExp(`(<button[^>]*>)(?:(?!</button>).)*?${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "s").exec(html);
  if (!m) throw new Error(`no button "${text}"`);
  // The last <button …> before the text: the one that holds it.
  const tags = m[0].match(/<button[^>]*>/g)!;
  return tags[tags.length - 1]!;
}

/** The text of the element whose id is `id`, its tags taken out. */
function textOfId(html: string, id: string): string {
  const open = html.indexOf(`id="${id}"`);
  if (open < 0) throw new Error(`no element #${id}`);
  const start = html.lastIndexOf("<", open);
  const tag = /^<(\w+)/.exec(html.slice(start))![1]!;
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, "g");
  re.lastIndex = start;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] === "/" ? -1 : 1;
    if (depth === 0) return html.slice(html.indexOf(">", start) + 1, m.index).replace(/<[^>]+>/g, "");
  }
  throw new Error(`#${id} is not closed`);
}

/** What a screen reader says after the button's name: the texts its aria-describedby points at. */
function description(html: string, tag: string): string {
  const ids = /aria-describedby="([^"]+)"/.exec(tag)?.[1];
  if (ids === undefined) return "";
  return ids
    .split(" ")
    .map((id) => textOfId(html, id))
    .join(" ");
}

/** A button that cannot run and yet takes the keyboard focus: aria-disabled, no `disabled`, not out of the Tab order. */
function focusableButInert(tag: string): boolean {
  // Marked so that the pane never sends the focus to it (stepMain), though Tab reaches it.
  return tag.includes('aria-disabled="true"') && !/\sdisabled=""/.test(tag) && !tag.includes('tabindex="-1"') && tag.includes("data-cannot-run");
}

describe("a step's main buttons that cannot run keep their place in the Tab order and say why", () => {
  test.each(["vi", "en"] as const)("with no workbook open (%s)", (lang) => {
    const state = paneState({ lang, workbench: undefined });
    const check = renderStep(CheckStep, state);
    for (const key of ["checkRun", "markCells", "clearMarks"] as const) {
      const tag = buttonTag(check, t(lang, key));
      expect(focusableButInert(tag)).toBe(true);
      expect(description(check, tag)).toBe(t(lang, "needWorkbook"));
    }
    const score = renderStep(ScoreStep, state);
    const scoreTag = buttonTag(score, t(lang, "scoreRun"));
    expect(focusableButInert(scoreTag)).toBe(true);
    expect(description(score, scoreTag)).toBe(t(lang, "needWorkbook"));
  });

  test("with no index chosen, by the sentence that says so", () => {
    const state = paneState({ workbench: {} as PaneState["workbench"], index: { source: "builtin", builtinId: "" } });
    const check = renderStep(CheckStep, state);
    for (const key of ["checkRun", "markCells"] as const) {
      const tag = buttonTag(check, t("vi", key));
      expect(focusableButInert(tag)).toBe(true);
      expect(description(check, tag)).toBe(t("vi", "noDefinition"));
    }
    // Clearing marks needs no index.
    expect(buttonTag(check, t("vi", "clearMarks"))).not.toContain("aria-disabled");
    const score = renderStep(ScoreStep, state);
    expect(description(score, buttonTag(score, t("vi", "scoreRun")))).toBe(t("vi", "noDefinition"));
    // A definition with problems: the error bar's sentence.
    const invalid = paneState({ workbench: {} as PaneState["workbench"], index: { source: "file", builtinId: "", fileName: "x.json", problems: [{ vi: "Sai", en: "Wrong" }] } });
    const html = renderStep(ScoreStep, invalid);
    expect(description(html, buttonTag(html, t("vi", "scoreRun")))).toBe(t("vi", "definitionNotUsable", { file: "x.json", step: t("vi", "stepIndexShort") }));
  });

  test.each(["vi", "en"] as const)("'Tạo phiếu' with no unit listed (%s)", (lang) => {
    const html = renderStep(CollectStep, paneState({ lang, unitsText: "" }));
    const tag = buttonTag(html, t(lang, "makeTemplates"));
    expect(focusableButInert(tag)).toBe(true);
    expect(description(html, tag)).toBe(t(lang, "templatesNeedUnits"));
    // With units, it runs and says nothing of the kind.
    const ready = renderStep(CollectStep, paneState({ lang, unitsText: "01; Sở Y tế" }));
    const readyTag = buttonTag(ready, t(lang, "makeTemplates"));
    expect(readyTag).not.toContain("aria-disabled");
    expect(readyTag).not.toContain("aria-describedby");
    expect(readyTag).not.toContain("data-cannot-run");
    expect(ready).not.toContain(t(lang, "templatesNeedUnits"));
  });

  test("buttons that can run have no description and no aria-disabled", () => {
    const html = renderStep(CheckStep, paneState({ workbench: {} as PaneState["workbench"] }));
    for (const key of ["checkRun", "markCells", "clearMarks"] as const) {
      const tag = buttonTag(html, t("vi", key));
      expect(tag).not.toContain("aria-disabled");
      expect(tag).not.toContain("aria-describedby");
    }
  });
});

test("each unit's section in the Check step is a heading (h3) that holds its button", () => {
  const issue = (unit: string): Issue => ({ severity: "error", code: "not-a-number", unit, sheet: unit, cell: "D39", message: { vi: "Sai", en: "Wrong" } }) as Issue;
  const html = renderStep(CheckStep, paneState({ workbench: {} as PaneState["workbench"], issues: [issue("SYT"), issue("STC")], unitsChecked: 2, unitNames: { SYT: "Sở Y tế", STC: "Sở Tài chính" } }));
  const headings = [...html.matchAll(/<h3[^>]*class="[^"]*fui-AccordionHeader[^"]*"[^>]*>\s*<button/g)];
  expect(headings).toHaveLength(2);
});

test("the Index step's structure is named once: the region, not also its list", () => {
  const html = renderStep(IndexStep, paneState());
  const name = t("vi", "definitionTree");
  expect(html.split(`aria-label="${name}"`)).toHaveLength(2);
  expect(html).toMatch(new RegExp(`role="region" aria-label="${name}"`));
});

test("the language options say their own language", () => {
  for (const lang of ["vi", "en"] as const) {
    const html = renderToStaticMarkup(createElement(Header, { lang, mode: "file", onLang: () => undefined }));
    expect(html).toMatch(/<option value="vi" lang="vi"[^>]*>Tiếng Việt<\/option>/);
    expect(html).toMatch(/<option value="en" lang="en"[^>]*>English<\/option>/);
  }
});

test("the pane has a main landmark, which holds the step's panel", () => {
  const html = renderToStaticMarkup(createElement(App, { env: { mode: "file", lang: "vi", dark: false } }));
  expect(html).toMatch(/<main[^>]*>\s*<div[^>]*role="tabpanel"[^>]*id="step-panel"/);
  expect(html).not.toMatch(/<main[^>]*role=/);
});

describe("outside Excel, scoring and marking say the workbook must be downloaded", () => {
  const scoreDone = scoreDoneNotice(4, 4, []);
  const marked: Notice = { intent: "success", key: "marked", params: { count: 3 } };

  test("after scoring, with the download link's name, in either language", () => {
    const download = downloadAfter(scoreDone, { mode: "file", scoredAt: "2026-01-01T00:00:00Z" });
    expect(download).toBe("scored");
    const vi = noticeSaid(scoreDone, "vi", { download: download! });
    expect(vi.startsWith(noticeSaid(scoreDone, "vi"))).toBe(true);
    expect(vi).toContain('"Tải xuống sổ đã chấm"');
    expect(vi).toMatch(/tải xuống/i);
    expect(noticeSaid(scoreDone, "en", { download: download! })).toContain('"Download the scored workbook"');
  });

  test("after marking, by the link's name: the scored workbook once scored, else the marked one", () => {
    expect(downloadAfter(marked, { mode: "file", scoredAt: undefined })).toBe("marked");
    expect(downloadAfter(marked, { mode: "file", scoredAt: "2026-01-01T00:00:00Z" })).toBe("scored");
    expect(noticeSaid(marked, "vi", { download: "marked" })).toContain('"Tải xuống sổ đã đánh dấu"');
    expect(noticeSaid(marked, "en", { download: "scored" })).toContain('"Download the scored workbook"');
  });

  test("after making charts, by the scored workbook's link, as after scoring", () => {
    const charts: Notice = { intent: "success", key: "chartsDone", params: { count: 3, sheet: "Biểu đồ" } };
    expect(downloadAfter(charts, { mode: "file", scoredAt: "2026-01-01T00:00:00Z" })).toBe("scored");
    expect(noticeSaid(charts, "vi", { download: "scored" })).toContain('"Tải xuống sổ đã chấm"');
    expect(downloadAfter(charts, { mode: "excel", scoredAt: "2026-01-01T00:00:00Z" })).toBeUndefined();
  });

  test("not in Excel, nor after other notices", () => {
    expect(downloadAfter(scoreDone, { mode: "excel", scoredAt: "2026-01-01T00:00:00Z" })).toBeUndefined();
    expect(downloadAfter(marked, { mode: "excel", scoredAt: undefined })).toBeUndefined();
    expect(downloadAfter({ intent: "info", key: "markedNone" }, { mode: "file", scoredAt: undefined })).toBeUndefined();
    expect(downloadAfter({ intent: "success", key: "cleared", params: { count: 2 } }, { mode: "file", scoredAt: undefined })).toBeUndefined();
  });
});
