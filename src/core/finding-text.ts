/**
 * A finding's sentence without the place it begins with. The reader's sentences begin with where
 * they are ("Trang tính 'Sở Y tế', ô G11: …" / "Sheet 'Sở Y tế', cell G11: …", issueLocation in
 * core/read/messages.ts); where the place is said otherwise the sentence starts after it: the
 * pane's Check step shows the place on its own line (the go-to link), and a mark's note is on the
 * cell itself.
 */
import type { Issue } from "./types";
import type { Lang } from "./i18n/text";

/** The exact prefixes `where()` writes for a sheet and, when there is one, a cell. */
export function locationPrefixes(sheet: string, cell: string | undefined, lang: Lang): string[] {
  const sheetOnly = lang === "vi" ? `Trang tính '${sheet}': ` : `Sheet '${sheet}': `;
  if (cell === undefined) return [sheetOnly];
  // A finding about a whole row of a table (a column the table lacks) names the row of its cell.
  const row = /\d+$/.exec(cell)?.[0];
  const rowOnly = row === undefined ? [] : [lang === "vi" ? `Trang tính '${sheet}', dòng ${row}: ` : `Sheet '${sheet}', row ${row}: `];
  return [lang === "vi" ? `Trang tính '${sheet}', ô ${cell}: ` : `Sheet '${sheet}', cell ${cell}: `, ...rowOnly, sheetOnly];
}

/**
 * The sentence of `issue` in `lang` without its "Trang tính '…', ô …: " / "Sheet '…', cell …: "
 * prefix, its first letter capitalised; the sentence as it is when it does not begin with the
 * prefix of the issue's own sheet and cell. A sentence that starts with a quoted value (what the
 * user typed) keeps the value as typed.
 */
export function findingWithoutLocation(issue: Pick<Issue, "message" | "sheet" | "cell">, lang: Lang): string {
  const text = issue.message[lang];
  if (issue.sheet === undefined) return text;
  const prefix = locationPrefixes(issue.sheet, issue.cell, lang).find((p) => text.startsWith(p));
  if (prefix === undefined) return text;
  const rest = text.slice(prefix.length);
  if (rest.trim() === "") return text;
  return capitalizeFirst(rest);
}

/** "chỉ tiêu 1.1 …" → "Chỉ tiêu 1.1 …"; "đơn vị" → "Đơn vị"; anything not starting with a letter as it is. */
export function capitalizeFirst(s: string): string {
  const first = [...s][0] ?? "";
  if (!/\p{Ll}/u.test(first)) return s;
  return first.toLocaleUpperCase("vi") + s.slice(first.length);
}

