/**
 * The pane's stale banner when the results were computed with another content of the index chosen:
 * the same id and version, another definition (an option's points changed in a copy that kept
 * them, an earlier release of a built-in). Said as such, under its own title, as soon as the index
 * is chosen; the definition the workbook was scored with says nothing. On the Excel double.
 */
import { parseDefinition } from "../../src/core/definition";
import { score, staleIndexMessage, staleIndexTitle } from "../../src/taskpane/state/pipeline";
import { openExcelWorkbench } from "../../src/taskpane/state/excel";
import { t } from "../../src/taskpane/i18n";
import { layoutAWorkbook } from "../excel-host/fixtures";

const scoreOptions = {
  lang: "vi" as const,
  ranking: { method: "competition" as const, decimals: null, within: "all" as const },
  profileUnits: [],
  chartKinds: [],
  onProgress: async () => undefined,
};

test("results scored with another content of the index chosen (its id and version) are said to be so, under their own title", async () => {
  const { double, definition, model } = await layoutAWorkbook(2, { via: "insert" });
  double.install();
  const workbench = openExcelWorkbench();
  await score(workbench, model, scoreOptions);
  const scored = await workbench.host.read();
  const index = (m: typeof model) => ({ source: "file" as const, builtinId: "", model: m });
  expect(staleIndexMessage({ snapshot: scored, index: index(model) })).toBeUndefined();
  expect(staleIndexTitle({ snapshot: scored, index: index(model) })).toBeUndefined();

  // A copy of the definition with an option worth 8 points instead of 5, its id and version kept.
  const text = JSON.stringify(definition);
  expect(text).toContain('"points":5}');
  const edited = parseDefinition(JSON.parse(text.replace('"points":5}', '"points":8}')));
  if (!edited.ok) throw new Error("the edited copy should parse");
  const { id, version } = model.definition;
  const message = staleIndexMessage({ snapshot: scored, index: index(edited.model) });
  expect(message?.vi).toMatch(new RegExp(`^Kết quả trong sổ được chấm theo một nội dung khác của bộ chỉ số ".+" \\(${id}@${version}, cùng mã và phiên bản\\): định nghĩa đang dùng khác định nghĩa lưu trong sổ; hãy chấm điểm lại\\.$`));
  expect(message?.en).toMatch(new RegExp(`^The results in the workbook were scored with other content of the index ".+" \\(${id}@${version}, the same id and version\\): the definition in use differs from the one kept in the workbook; score again\\.$`));
  const title = staleIndexTitle({ snapshot: scored, index: index(edited.model) })!;
  expect([t("vi", title), t("en", title)]).toEqual(["Kết quả được chấm theo nội dung khác của bộ chỉ số", "The results were scored with other content of the index"]);

  // Another version keeps the other title.
  const next = parseDefinition({ ...(definition as object), version: "2099" });
  if (!next.ok) throw new Error("the new version should parse");
  const relabelled = {
    ...scored,
    sheets: scored.sheets.map((sh) => ({ ...sh, values: sh.values.map((row) => (row[0] === "Bộ chỉ số" ? [row[0], `${id}@2099`, ...row.slice(2)] : row)) })),
  };
  expect(staleIndexTitle({ snapshot: relabelled, index: index(next.model) })).toBe("staleIndexBanner");
}, 60_000);
