/**
 * The names of the sheets a scoring run owns. The results and charts sheets are called `Kết quả`
 * and `Biểu đồ` (`Results`, `Charts`), but a workbook may already hold a sheet of that name that
 * the project did not make (the user's own): that sheet is never written, removed or replaced.
 * The run takes a free name instead (`Kết quả (2)`), records it in `_index` as the project's,
 * and a later run goes on using it.
 */
import { uniqueSheetName } from "../collect";
import type { Lang, Message } from "../i18n/text";
import type { WorkbookSnapshot } from "../types";
import type { IndexSheetState } from "./index-sheet";
import { INDEX_SHEET, SHEET_NAMES } from "./labels";

export type OwnedSheetKind = keyof typeof SHEET_NAMES;

export interface OwnedSheetNames {
  results: string;
  charts: string;
  /** One sentence per sheet that had to take another name because the user has a sheet of its name. */
  warnings: Message[];
}

/** Excel compares sheet names without regard to case. */
function same(a: string, b: string): boolean {
  return a.toLocaleLowerCase("vi") === b.toLocaleLowerCase("vi");
}

/** `wanted` itself, or `wanted (n)` as uniqueSheetName makes it (possibly with `wanted` shortened). */
function isNameFor(name: string, wanted: string): boolean {
  if (same(name, wanted)) return true;
  const m = /^(.*) \((\d+)\)$/.exec(name);
  if (!m) return false;
  const base = m[1]!.toLocaleLowerCase("vi");
  return base !== "" && wanted.toLocaleLowerCase("vi").startsWith(base);
}

/** What the user is told when a sheet of theirs keeps its name and the project writes elsewhere. */
export function renamedSheetMessage(kind: OwnedSheetKind, userSheet: string, ours: string): Message {
  if (kind === "results") {
    return {
      vi: `Bảng tính đã có trang "${userSheet}" không do DTI Scorer tạo: trang này được giữ nguyên, kết quả chấm điểm được ghi vào trang "${ours}".`,
      en: `The workbook already has a sheet "${userSheet}" that DTI Scorer did not make: it is left as it is, and the scores are written to the sheet "${ours}".`,
    };
  }
  return {
    vi: `Bảng tính đã có trang "${userSheet}" không do DTI Scorer tạo: trang này được giữ nguyên, các biểu đồ được ghi vào trang "${ours}".`,
    en: `The workbook already has a sheet "${userSheet}" that DTI Scorer did not make: it is left as it is, and the charts are written to the sheet "${ours}".`,
  };
}

/**
 * The names of this run's results and charts sheets. A sheet the last run owned (`_index`) under
 * the wanted name, or under a name taken in its place (`Kết quả (2)`), is used again while it is
 * in the workbook. Otherwise the wanted name, unless a sheet of that name that the project does
 * not own is in the workbook: then the first free `name (n)` (Excel's rules: at most 31
 * characters, no []:*?/\), with a warning naming both sheets.
 */
export function ownedSheetNames(lang: Lang, previous: IndexSheetState | undefined, snapshot: WorkbookSnapshot | undefined): OwnedSheetNames {
  const owned = previous?.owned.sheets ?? [];
  const existing = snapshot?.sheets.map((s) => s.name);
  const exists = (name: string) => existing === undefined || existing.some((n) => same(n, name));
  const isOwned = (name: string) => owned.some((n) => same(n, name));
  const taken = new Set<string>([INDEX_SHEET, ...(existing ?? [])]);
  const warnings: Message[] = [];
  const pick = (kind: OwnedSheetKind, avoid: string[]): string => {
    const wanted = SHEET_NAMES[kind][lang];
    const free = (n: string) => !avoid.some((a) => same(a, n));
    // The last run's sheet for this purpose, still in the workbook: the wanted name first.
    const earlier = owned.filter((n) => isNameFor(n, wanted) && exists(n) && free(n)).sort((a, b) => Number(!same(a, wanted)) - Number(!same(b, wanted)) || a.length - b.length || a.localeCompare(b));
    if (earlier.length > 0) return earlier[0]!;
    const users = existing?.find((n) => same(n, wanted) && !isOwned(n));
    if (users === undefined && free(wanted)) return wanted;
    const name = uniqueSheetName(wanted, new Set([...taken, ...avoid]));
    if (users !== undefined) warnings.push(renamedSheetMessage(kind, users, name));
    return name;
  };
  const results = pick("results", []);
  const charts = pick("charts", [results]);
  return { results, charts, warnings };
}
