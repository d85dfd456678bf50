/**
 * The pane calls the units as the index calls them, as the workbook and the command line do: the
 * Check step's summary ("Đã kiểm tra 4 sở, ban, ngành: …" / "4 departments checked: …") and the Charts step's
 * choices ("Tổng điểm theo sở, ban, ngành", as the chart's own title); an index of values, by its
 * values ("Index value by country").
 */
import { parseDefinition } from "../../src/core/definition";
import type { Issue } from "../../src/core/types";
import { BUILTIN_INDICES } from "../../src/indices";
import { CheckStep } from "../../src/taskpane/components/CheckStep";
import { ChartsStep } from "../../src/taskpane/components/ChartsStep";
import { paneStateOf, renderStep } from "./pane-state";

const model = (id: string) => {
  const r = parseDefinition(BUILTIN_INDICES.find((b) => b.id === id)!.definition);
  if (!r.ok) throw new Error(id);
  return r.model;
};

/** The words a rendering shows, tags taken out. */
const text = (html: string) => html.replace(/<[^>]+>/g, "");

test("the Check step counts the units checked in the index's word for them, in either language", () => {
  const issues: Issue[] = [{ severity: "warning", code: "missing-input", message: { vi: "Ô trống.", en: "Empty cell." }, unit: "SYT", sheet: "Sở Y tế", cell: "D31" } as Issue];
  for (const [lang, said] of [
    ["vi", "Đã kiểm tra 4 sở, ban, ngành: 1 cảnh báo"],
    ["en", "4 departments checked: 1 warning"],
  ] as const) {
    const html = renderStep(CheckStep, paneStateOf("dti-so-nganh-mau", model("dti-so-nganh-mau"), { lang, issues, unitsChecked: 4, unitNames: { SYT: "Sở Y tế" } }));
    expect(text(html)).toContain(said);
  }
});

test("the Charts step names the charts by the index's units, as their titles in the workbook do", () => {
  const departments = text(renderStep(ChartsStep, paneStateOf("dti-so-nganh-mau", model("dti-so-nganh-mau"))));
  expect(departments).toContain("Tổng điểm theo sở, ban, ngành");
  expect(departments).toContain("Điểm theo nhóm chỉ số của từng sở, ban, ngành");
  expect(departments).not.toContain("theo đơn vị");
  const provinces = text(renderStep(ChartsStep, paneStateOf("dti-tinh-922-2022", model("dti-tinh-922-2022"), { lang: "en" })));
  expect(provinces).toContain("Total points by province");
  expect(provinces).toContain("Indicator group points by province");
  const countries = text(renderStep(ChartsStep, paneStateOf("undp-hdi", model("undp-hdi"), { lang: "en" })));
  expect(countries).toContain("Index value by country");
  expect(countries).toContain("Indicator group values by country");
});
