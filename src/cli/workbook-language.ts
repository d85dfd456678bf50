/**
 * The language a workbook was last scored in, as its hidden `_index` records it: the run's stamp
 * (`lang`, what the pane's Charts step keeps too), or, without one, the names of the results and
 * charts sheets it lists as the project's (Kết quả / Results, Biểu đồ / Charts). score and validate
 * speak it when --lang is not given, so that scoring an English workbook again does not turn its
 * results and charts sheets Vietnamese beside its English forms. Undefined for a workbook never
 * scored (forms made by `template`, a table) or a CSV file.
 */
import type { Lang } from "../core/i18n/text";
import { readIndexSheet } from "../core/plan";
import { SHEET_NAMES } from "../core/plan/labels";
import type { WorkbookSnapshot } from "../core/types";

const LANGS: Lang[] = ["vi", "en"];

export function workbookLanguage(snapshot: WorkbookSnapshot): Lang | undefined {
  const index = readIndexSheet(snapshot);
  if (index === undefined) return undefined;
  if (index.provenance !== undefined) return index.provenance.lang;
  const named = (lang: Lang): boolean =>
    index.owned.sheets.some((sheet) => Object.values(SHEET_NAMES).some((names) => names[lang].toLocaleLowerCase("vi") === sheet.toLocaleLowerCase("vi")));
  const found = LANGS.filter(named);
  return found.length === 1 ? found[0] : undefined;
}
