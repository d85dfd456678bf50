/**
 * The links of the instructions sheet (`Hướng dẫn`) to the units' forms: `template` writes each
 * unit's name in its table of units as a link to the unit's form (`'Sở Nội vụ'!A1`). Neither Excel
 * nor LibreOffice follows a sheet renamed by such a link, so after a person renames a form, the
 * link points at a sheet that is no longer there. A scoring run points the link of each unit it
 * scored at the sheet its form is on now: the plan says which cell's link goes to which form
 * (instructionsFormLinks), and a host changes a link only while it is the project's, pointing at a
 * sheet the workbook no longer has (isStaleFormLink): a link a person changed (to another file, a
 * web page, another sheet of the workbook) stays. Pure.
 */
import { foldText } from "../i18n/text";
import { unitKeyOf } from "../read/unit-fields";
import type { FormLink, SheetSnapshot, WritePlan } from "../types";
import { cellAddress } from "./a1";
import { COLUMN_LABELS } from "./labels";
import { textOf } from "./sheet-names";

export type { FormLink } from "../types";

/** The links of a plan (none when it carries none). */
export function formLinksOf(plan: WritePlan): FormLink[] {
  return [...(plan.formLinks ?? [])];
}

const CODE_HEADERS = new Set(Object.values(COLUMN_LABELS.unitCode).map(foldText));
const NAME_HEADERS = new Set(Object.values(COLUMN_LABELS.unit).map(foldText));

/**
 * On an instructions sheet the template wrote, the links of its table of units to the forms of the
 * units scored (`forms`: unit key, as `_index` records it, and the sheet its form was read from).
 * The table is found by its header (`Mã đơn vị`, `Đơn vị`, in either language, in columns A and B);
 * its rows run down to the first with neither code nor name. A unit's row is the one with its code
 * (its name, for a unit without a code); a key on two rows says neither, and is left out.
 */
export function instructionsFormLinks(sheet: SheetSnapshot, forms: readonly { unit: string; sheet: string }[]): FormLink[] {
  const at = (row: number, column: number) => textOf(sheet.values[row - 1]?.[column - 1]);
  let header = 0;
  for (let row = 1; row <= sheet.values.length && header === 0; row++) {
    if (CODE_HEADERS.has(foldText(at(row, 1))) && NAME_HEADERS.has(foldText(at(row, 2)))) header = row;
  }
  if (header === 0) return [];
  const rows = new Map<string, number | undefined>();
  for (let row = header + 1; row <= sheet.values.length; row++) {
    const code = at(row, 1);
    const name = at(row, 2);
    if (code === "" && name === "") break;
    const key = unitKeyOf(code !== "" ? code : name);
    rows.set(key, rows.has(key) ? undefined : row);
  }
  const out: FormLink[] = [];
  for (const f of forms) {
    const row = rows.get(unitKeyOf(f.unit));
    if (row !== undefined) out.push({ sheet: sheet.name, cell: cellAddress(row, 2), form: f.sheet });
  }
  return out;
}

/**
 * The sheet a link of the project's shape names: a place in the workbook (`'Sở Nội vụ'!A1`, as
 * the template writes it, or `Sheet1!A1`; "#" before it, as a link read from a file may have it).
 * Undefined for any other link (another file, a web page, another cell than A1).
 */
export function formLinkSheet(location: string): string | undefined {
  const m = /^#?(?:'((?:[^']|'')+)'|([^'!#\s:/\\[\]*?]+))!\$?A\$?1$/.exec(location.trim());
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

/**
 * Whether a cell's link (`location`) is the project's link to a form and points elsewhere than
 * `form`: at a sheet the workbook does not have (`sheets`, its sheets' names: the form was renamed
 * since), or at another unit's form (`forms`, the sheets of the forms the run scored: two forms
 * renamed, one taking the other's old name). A link to another sheet that is there, or any other
 * link, is left as it is.
 */
export function isStaleFormLink(location: string, form: string, sheets: readonly string[], forms: readonly string[]): boolean {
  const named = formLinkSheet(location)?.toLowerCase();
  if (named === undefined || named === form.toLowerCase()) return false;
  return !sheets.some((s) => s.toLowerCase() === named) || forms.some((s) => s.toLowerCase() === named);
}

/** The link to a form as the template writes it: its sheet's name quoted, at A1. */
export function formLinkTo(form: string): string {
  return `'${form.replace(/'/g, "''")}'!A1`;
}
