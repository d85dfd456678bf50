/**
 * The Check step's findings for forms without figures: a blank form has the reader's one
 * "no-figures" finding (no "no value" finding per input); a form with some text typed in its
 * `Số liệu` column and the rest blank holds something, so its findings are listed one by one, and
 * nothing says it holds no figure. Real .xlsx forms made by the template, read as the pane reads them.
 */
import ExcelJS from "exceljs";
import { parseDefinition } from "../../src/core/definition";
import type { IndexModel } from "../../src/core/definition/model";
import type { Issue } from "../../src/core/types";
import { DEMO_INDEX, DEMO_PERIOD, DEMO_UNITS } from "../../src/cli/demo";
import { XlsxHost } from "../../src/hosts/xlsx";
import { makeTemplate } from "../../src/hosts/xlsx/template";
import { BUILTIN_INDICES } from "../../src/indices";
import { CheckStep } from "../../src/taskpane/components/CheckStep";
import { findingWithoutLocation } from "../../src/taskpane/state/findings";
import { check } from "../../src/taskpane/state/pipeline";
import { paneStateOf, renderStep } from "./pane-state";

const model: IndexModel = (() => {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === DEMO_INDEX)!.definition);
  if (!r.ok) throw new Error("the demo's index does not parse");
  return r.model;
})();

const [blankUnit, wordUnit] = DEMO_UNITS as [(typeof DEMO_UNITS)[number], (typeof DEMO_UNITS)[number]];

/** Two forms as the template makes them: the first left blank, the second with a word typed in its first input's `Số liệu` cell. */
async function forms(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await makeTemplate(model, [blankUnit, wordUnit], { lang: "vi", period: DEMO_PERIOD.vi })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(wordUnit.name)!;
  let typed = false;
  let codeCol = 0;
  let valueCol = 0;
  ws.eachRow((row) => {
    row.eachCell((cell, c) => {
      if (cell.value === "Mã") codeCol = c;
      if (cell.value === "Số liệu") valueCol = c;
    });
    if (!typed && codeCol && valueCol && model.inputs.has(String(row.getCell(codeCol).value ?? "").trim())) {
      row.getCell(valueCol).value = "chưa rõ";
      typed = true;
    }
  });
  if (!typed) throw new Error("no input row found");
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The pane's Check step after checking `issues` (the demo's index chosen, a file open). */
function rendered(issues: Issue[], unitNames: Record<string, string>, lang: "vi" | "en" = "vi"): string {
  return renderStep(CheckStep, paneStateOf(DEMO_INDEX, model, { mode: "file", step: "check", lang, issues, unitsChecked: Object.keys(unitNames).length, unitNames }));
}

/** Markup's text as the reader sees it (quotes unescaped). */
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");

test("a blank form shows the one finding that says it holds no figure; a form with a word typed and the rest blank lists its findings one by one, none saying it holds no figure", async () => {
  const host = await XlsxHost.fromBuffer(await forms(), "phieu.xlsx");
  const { issues } = await check({ mode: "file", fileName: "phieu.xlsx", host, addWorkbooks: async () => ({ taken: [], skipped: [], warnings: [] }) }, model, "vi");
  const of = (code: string) => issues.filter((i) => i.unit === code);

  // The blank form: the reader's one finding, no "no value" per input.
  const blank = of(blankUnit.code!);
  expect(blank.filter((i) => i.code === "no-figures")).toHaveLength(1);
  expect(blank.filter((i) => i.code === "missing-input")).toEqual([]);
  const blankShown = text(rendered(blank, { [blankUnit.code!]: blankUnit.name }));
  expect(blankShown).toContain(findingWithoutLocation(blank.find((i) => i.code === "no-figures")!, "vi"));
  expect(blankShown).toContain("chưa có số liệu nào");

  // The form with a word: its word is none of the input's choices, and each blank input is its own finding, all shown.
  const word = of(wordUnit.code!);
  expect(word.filter((i) => i.code === "no-figures")).toEqual([]);
  expect(word.filter((i) => i.code !== "missing-input").map((i) => i.code)).toEqual(["unknown-choice"]);
  const missing = word.filter((i) => i.code === "missing-input");
  expect(missing.length).toBeGreaterThan(10);
  for (const lang of ["vi", "en"] as const) {
    const shown = text(rendered(word, { [wordUnit.code!]: wordUnit.name }, lang));
    for (const i of word) expect(shown).toContain(findingWithoutLocation(i, lang));
    // Nothing says the form holds no figure: it has a word in it.
    expect(shown).not.toMatch(/chưa điền số liệu nào|chưa có số liệu nào|holds no figure/i);
  }
}, 60_000);
