/**
 * How a unit is named in a sheet, one place for every reader of units: the labels of its fields
 * (a form's header block, a table's columns, a list of units, the forms gathered by Collect) and
 * the key its code is compared by. The pane and the template speak of "Nhóm"/"Loại đơn vị":
 * every label here is read everywhere.
 */
import type { LocalizedText } from "../definition/schema";
import { foldText, localize, normalizeKey, tonePlacementKey } from "../i18n/text";
import { unitCodeHeader } from "../plan/labels";

/**
 * Labels of a unit's fields, folded (case and diacritics ignored, foldText): `Đơn vị`/`Unit`,
 * `Mã đơn vị`/`Unit code`, `Nhóm`/`Loại đơn vị`/`Category`, and a form's `Bộ chỉ số`/`Index`
 * and `Kỳ đánh giá`/`Period`. A code's column is also read under `iso3`, as tables of countries
 * published by the United Nations (UNDP's HDI) head their ISO 3166 codes.
 */
export const UNIT_LABELS = {
  name: ["don vi", "unit", "ten don vi", "unit name"],
  code: ["ma don vi", "unit code", "ma dv", "iso3"],
  category: ["nhom", "category", "nhom don vi", "loai don vi", "loai", "unit category"],
  index: ["bo chi so", "index"],
  period: ["ky danh gia", "period"],
} as const satisfies Record<string, readonly string[]>;

export type UnitField = keyof typeof UNIT_LABELS;

/**
 * The labels, folded, of a table's unit-name and unit-code columns as an index calls its units
 * (its `unitLabel`), in both languages: "Quốc gia" and "Mã quốc gia", "Country" and "Country
 * code"; "Tỉnh" and "Mã tỉnh". They are the headers the results table writes (unitCodeHeader),
 * so that a results table saved as CSV, with the figures beside it, is read with its units' codes.
 * None for an index without a unitLabel (UNIT_LABELS name its columns).
 */
export function unitLabelHeaders(unitLabel: LocalizedText | undefined): { name: string[]; code: string[] } {
  const name = new Set<string>();
  const code = new Set<string>();
  if (unitLabel === undefined) return { name: [], code: [] };
  for (const lang of ["vi", "en"] as const) {
    const own = foldText(localize(unitLabel, lang));
    if (own === "") continue;
    name.add(own);
    code.add(foldText(unitCodeHeader(unitLabel, lang)));
  }
  return { name: [...name], code: [...code] };
}

/** The field a folded label names, or undefined. */
export function unitFieldOf(folded: string, fields: readonly UnitField[] = Object.keys(UNIT_LABELS) as UnitField[]): UnitField | undefined {
  for (const f of fields) if ((UNIT_LABELS[f] as readonly string[]).includes(folded)) return f;
  return undefined;
}

/**
 * The key the reader knows a unit by, from its code (or from its name when it has no code):
 * trimmed, in NFC, without the invisible characters text pasted from Word or a PDF brings, and
 * with the Latin eth "Ð"/"ð" (U+00D0, U+00F0) as the Vietnamese "Đ"/"đ" it stands for. Case
 * counts: "SXD" and "sxd" are two units. Collecting, the units list and the reader compare
 * codes through this one function, so what Collect takes as two units is scored as two. Two units
 * whose names are alike but for case or where a tone mark sits are still two, and said so
 * (unitNameKeyOf).
 *
 * The eth is made "Đ" in the key itself, not only said to look alike: it draws as "Đ" in every
 * font, no Vietnamese name or code is written with it, and a font or keyboard layout types it in
 * place of "Đ" without the official seeing it. "Ðài PTTH" and "Đài PTTH" are then one unit, as
 * "Sở Y tế" typed decomposed and composed is one (NFC), and its second form is said as a
 * duplicate, rather than two units that look the same on every list.
 */
export function unitKeyOf(code: string): string {
  return normalizeKey(code).replace(/Ð/g, "Đ").replace(/ð/g, "đ");
}

/**
 * A unit's name as names are compared for likeness: as the reader keys it (unitKeyOf: trimmed, in
 * NFC, spaces folded, without invisible characters, "Ð" as "Đ"), in small letters as Vietnamese
 * writes them ("Sở Y Tế", "SỞ Y TẾ" and "sở y tế" are "sở y tế"), with each word's tone mark in one
 * place (tonePlacementKey: "Sở Văn hóa" and "Sở Văn hoá", "thủy" and "thuỷ" are alike). Two units
 * whose names are alike are still two units (case and tone marks count in their key); the
 * template's list and the reader say so (duplicate-unit-name).
 */
export function unitNameKeyOf(name: string): string {
  return tonePlacementKey(unitKeyOf(name).toLocaleLowerCase("vi"));
}
