/**
 * The names of the sheets a scoring run owns. The results and charts sheets are called `Kết quả`
 * and `Biểu đồ` (`Results`, `Charts`), but a workbook may already hold a sheet of that name that
 * the project did not make (the user's own): that sheet is never written, removed or replaced.
 * The run takes a free name instead (`Kết quả (2)`), records it in `_index` as the project's,
 * and a later run goes on using it.
 */
import { uniqueSheetName } from "../form-sheets";
import type { Lang, Message, SheetMessage } from "../i18n/text";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../types";
import { isCellError } from "../types";
import type { IndexSheetState } from "./index-sheet";
import { CHART_LABELS, COLUMN_LABELS, FORMER_CHART_LABELS, INDEX_SHEET, SHEET_NAMES, UNPROTECT_SHEET_STEPS, isInputsChangedLine, isUnitHeaders, unitLabelText } from "./labels";

export type OwnedSheetKind = keyof typeof SHEET_NAMES;

export interface OwnedSheetNames {
  results: string;
  charts: string;
  /** One sentence per sheet that had to take another name because the user has a sheet of its name. */
  warnings: SheetMessage[];
  /** Owned sheets the user renamed since the last run: the name `_index` recorded → the name it has now. */
  renamed: Map<string, string>;
  /**
   * The last run's sheets named for the other language that this run renames to its names:
   * `from` as the workbook spells it now, `recorded` as `_index` has it, `to` the new name.
   */
  renames: { from: string; recorded: string; to: string }[];
  /**
   * Sheets `_index` records as the project's that are in the workbook but hold something other than
   * what the project writes (stillOurs): the user deleted ours and made a sheet of their own under
   * its name. They are the user's now: never written, renamed or removed.
   */
  disowned: string[];
  /**
   * Sheets this run takes for its own although `_index` does not record them (no `_index`: the
   * sheets were moved in from another workbook, or its rows deleted): a sheet under the wanted name
   * that holds what the project writes there (holdsOwn). Updated in place, as a recorded one is.
   */
  adopted: string[];
}

const LANGS: Lang[] = ["vi", "en"];

/** A cell's text as shown, trimmed; nothing for an empty cell or an error. */
export function textOf(v: CellValue | undefined): string {
  if (v === undefined || v === null || isCellError(v)) return "";
  return String(v).trim();
}

/**
 * The charts' data's header of the units as the definition `previous` scored with calls a unit
 * (unitLabelText: "Tỉnh" / "Province"), in either language; none when it keeps no definition.
 */
function lastUnitHeaders(previous: IndexSheetState | undefined): string[] {
  if (previous?.definitionJson === undefined) return [];
  try {
    const label: unknown = (JSON.parse(previous.definitionJson) as { unitLabel?: unknown } | null)?.unitLabel;
    const text = typeof label === "string" || (typeof label === "object" && label !== null) ? (label as Parameters<typeof unitLabelText>[0]) : undefined;
    return LANGS.map((l) => unitLabelText(text, l));
  } catch {
    return [];
  }
}

/**
 * Whether a sheet holds what the project writes on its results sheet (a title in A1, the table's
 * header in row 3 starting Rank, Unit code, Unit) or on its charts sheet  (the charts' data: a
 * `Unit | Total points` header in column A — the units' header as the index calls a unit,
 * `unitHeaders` — and, below it, an `Indicator group` or `Indicator` header), in either language.
 */
function looksOwned(kind: OwnedSheetKind, sheet: SheetSnapshot, unitHeaders: readonly string[] = []): boolean {
  const at = (row: number, column: number) => textOf(sheet.values[row - 1]?.[column - 1]);
  if (kind === "results") {
    return at(1, 1) !== "" && LANGS.some((l) => at(3, 1) === COLUMN_LABELS.rank[l] && isUnitHeaders(at(3, 2), at(3, 3)));
  }
  const units = new Set([...LANGS.map((l) => COLUMN_LABELS.unit[l]), ...unitHeaders]);
  return LANGS.some((l) => {
    const head = sheet.values.findIndex((r) => units.has(textOf(r[0])) && [COLUMN_LABELS.totalPoints[l], COLUMN_LABELS.value[l]].includes(textOf(r[1])));
    // The profile's header: its axes are the indicator groups, or the indicators below them
    // ("Pillar" in English sheets written before the groups were called so; "Chỉ số thành phần"
    // for those below before they were called "Chỉ số").
    const profile = [CHART_LABELS.pillar[l], CHART_LABELS.component[l], ...(l === "en" ? ["Pillar"] : []), ...FORMER_CHART_LABELS.component];
    return head >= 0 && sheet.values.slice(head + 1).some((r) => profile.includes(textOf(r[0])));
  });
}

/** The heading over the data the charts read, on the charts sheet (planChartsSheet). */
export const CHARTS_DATA_HEADING: Message = {
  vi: "Số liệu của các biểu đồ (không sửa: chương trình ghi lại mỗi lần chấm; số liệu đầy đủ ở trang kết quả)",
  en: "The charts' data (do not edit: DTI Scorer rewrites it each time it scores; the full figures are on the results sheet)",
};

/** How the results sheet's subtitle (A2) starts (resultsSubtitle), in either language. */
const SUBTITLE_STARTS = ["Chấm điểm ngày ", "Scored on "];

/** Whether a sheet holds nothing at all (every cell empty). */
function isBlank(sheet: SheetSnapshot): boolean {
  return sheet.values.every((row) => row.every((v) => textOf(v) === "" && !isCellError(v)));
}

/**
 * Whether a sheet holds what the project writes on its sheet for `kind`: on the results sheet, its
 * table's header (looksOwned), or its subtitle under the title (A2: when and by what it was
 * scored, or the line saying figures changed since, which takes its place); on the charts sheet,
 * the heading over the charts' data, or that data (looksOwned).
 */
function holdsOwn(kind: OwnedSheetKind, sheet: SheetSnapshot, unitHeaders: readonly string[]): boolean {
  if (looksOwned(kind, sheet, unitHeaders)) return true;
  if (kind === "results") {
    const subtitle = sheet.values[1]?.[0];
    return SUBTITLE_STARTS.some((s) => textOf(subtitle).startsWith(s)) || isInputsChangedLine(subtitle);
  }
  const headings = new Set(LANGS.map((l) => CHARTS_DATA_HEADING[l]));
  return sheet.values.some((row) => row.some((v) => headings.has(textOf(v))));
}

/**
 * Whether a sheet `_index` records as the project's (for `kind`) still is: it holds what the
 * project writes there (holdsOwn), or nothing at all (nothing of the user's to lose). A sheet that
 * holds something else is one the user made under that name after deleting ours, and is theirs.
 */
function stillOurs(kind: OwnedSheetKind, sheet: SheetSnapshot, unitHeaders: readonly string[]): boolean {
  return isBlank(sheet) || holdsOwn(kind, sheet, unitHeaders);
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

/**
 * Whether a results sheet holds the project's table header (Rank, the unit's headers) elsewhere than
 * where the project writes it (row 3 from column A): rows or columns inserted above or left of it
 * since (a letterhead). Such a sheet is not written over (what was inserted would be), and the
 * user is told why the results go to another sheet.
 */
export function shiftedResults(sheet: SheetSnapshot): boolean {
  for (let r = 0; r < Math.min(sheet.values.length, 30); r++) {
    const row = sheet.values[r] ?? [];
    for (let c = 0; c < Math.min(row.length, 10); c++) {
      if (r === 2 && c === 0) continue;
      if (LANGS.some((l) => textOf(row[c]) === COLUMN_LABELS.rank[l] && isUnitHeaders(textOf(row[c + 1]), textOf(row[c + 2])))) return true;
    }
  }
  return false;
}

/** What the user is told when a sheet of theirs keeps its name and the project writes elsewhere. */
export function renamedSheetMessage(kind: OwnedSheetKind, userSheet: string, ours: string, shifted = false): SheetMessage {
  if (kind === "results" && shifted) {
    return {
      sheet: userSheet,
      vi: `Trang '${userSheet}' có bảng kết quả của lần chấm trước nhưng đã được chèn thêm dòng hoặc cột phía trên hay bên trái bảng, nên DTI Scorer không ghi đè lên trang này (để không mất những gì đã thêm): kết quả chấm điểm được ghi vào trang '${ours}'. Trang '${userSheet}' vẫn hiện kết quả cũ; hãy xóa trang đó (sau khi chép phần đã thêm sang trang '${ours}' nếu cần) để không nhầm hai bảng.`,
      en: `The sheet '${userSheet}' holds the results table of the last run, but rows or columns were inserted above or left of it, so DTI Scorer does not write over it (what was added would be lost): the scores are written to the sheet '${ours}'. '${userSheet}' still shows the old results; delete it (after copying what was added to '${ours}', if needed) so that the two tables are not mixed up.`,
    };
  }
  if (kind === "results") {
    return {
      sheet: userSheet,
      vi: `Sổ đã có trang '${userSheet}' không do DTI Scorer tạo: trang này được giữ nguyên, kết quả chấm điểm được ghi vào trang '${ours}'.`,
      en: `The workbook already has a sheet '${userSheet}' that DTI Scorer did not make: it is left as it is, and the scores are written to the sheet '${ours}'.`,
    };
  }
  return {
    sheet: userSheet,
    vi: `Sổ đã có trang '${userSheet}' không do DTI Scorer tạo: trang này được giữ nguyên, các biểu đồ được ghi vào trang '${ours}'.`,
    en: `The workbook already has a sheet '${userSheet}' that DTI Scorer did not make: it is left as it is, and the charts are written to the sheet '${ours}'.`,
  };
}

/**
 * What the user is told when a sheet the project owns (the results, the charts, `_index`) is
 * protected with a password: the run stops before anything is written, since writing the other
 * sheets and a fresh stamp in `_index` would make the workbook claim figures that sheet does not
 * show. `kind`: what the run was doing ("mark" and "clear" write only `_index`).
 */
export function protectedOwnedSheetMessage(sheet: string, kind: "score" | "mark" | "clear" = "score"): Message {
  const again = { score: { vi: "chấm điểm lại", en: "score again" }, mark: { vi: "đánh dấu lại", en: "mark the issues again" }, clear: { vi: "xóa đánh dấu lại", en: "clear the marks again" } }[kind];
  return {
    vi: `Trang '${sheet}' của DTI Scorer được bảo vệ bằng mật khẩu nên chưa có gì được ghi; hãy bỏ bảo vệ trang này (${UNPROTECT_SHEET_STEPS.vi}) rồi ${again.vi}.`,
    en: `DTI Scorer's sheet '${sheet}' is protected with a password, so nothing was written; unprotect it (${UNPROTECT_SHEET_STEPS.en}) and ${again.en}.`,
  };
}

/**
 * The names of this run's results and charts sheets. A sheet the last run owned (`_index`) under
 * the wanted name, or under a name taken in its place (`Kết quả (2)`), is used again while it is
 * in the workbook. A sheet the last run owned that the user renamed since (`Kết quả` → `KQ 2025`)
 * is still the project's: it is found by what the project wrote on it (looksOwned) and written
 * again under the user's name, not renamed back; its table keeps its name (`DTI_Results`).
 * A sheet the last run owned under its name in the other language (`Kết quả` in a run in
 * English) is renamed to this run's name (`renames`), so that formulas reading it follow it.
 * Without a record of a sheet for this purpose (no `_index`), a sheet under the wanted name that
 * holds what the project writes there is taken for the project's (`adopted`). A recorded sheet
 * that no longer holds what the project writes, nor is empty (the user deleted ours and made their
 * own under its name), is the user's (`disowned`): never written, renamed or removed.
 * Otherwise the wanted name, unless a sheet of that name that the project does not own is in the
 * workbook: then the first free `name (n)` (Excel's rules: at most 31 characters, no []:*?/\).
 *
 * The warning naming both sheets is given when the name is first taken: on the run that finds
 * the user's sheet in the way, not again on each later run that goes on writing beside it (the
 * last run's `_index` then records a `name (n)` of the wanted name). Giving it on every run would
 * repeat what the user was told and can do nothing about short of renaming their sheet.
 *
 * `forms`: the sheets units' data were read from, never taken for a renamed sheet of ours.
 */
export function ownedSheetNames(
  lang: Lang,
  previous: IndexSheetState | undefined,
  snapshot: WorkbookSnapshot | undefined,
  forms: string[] = [],
): OwnedSheetNames {
  const owned = previous?.owned.sheets ?? [];
  const existing = snapshot?.sheets.map((s) => s.name);
  const exists = (name: string) => existing === undefined || existing.some((n) => same(n, name));
  const sheetOf = (n: string) => snapshot?.sheets.find((s) => same(s.name, n));
  const unitHeaders = lastUnitHeaders(previous);
  const isKind = (n: string, kind: OwnedSheetKind) => LANGS.some((l) => isNameFor(n, SHEET_NAMES[kind][l]));
  // The recorded sheets the user has made their own since (ours deleted, theirs made under its name):
  // a sheet named for one purpose is judged by what it would hold; one the user named, by either.
  const disowned = owned.filter((n) => {
    const sheet = n === INDEX_SHEET ? undefined : sheetOf(n);
    if (!sheet) return false;
    const kinds: OwnedSheetKind[] = isKind(n, "results") ? ["results"] : isKind(n, "charts") ? ["charts"] : ["results", "charts"];
    return !kinds.some((k) => stillOurs(k, sheet, unitHeaders));
  });
  const isDisowned = (name: string) => disowned.some((n) => same(n, name));
  const isOwned = (name: string) => owned.some((n) => same(n, name)) && !isDisowned(name);
  const taken = new Set<string>([INDEX_SHEET, ...(existing ?? [])]);
  const warnings: SheetMessage[] = [];
  const renamed = new Map<string, string>();
  const renames: { from: string; recorded: string; to: string }[] = [];
  const adopted: string[] = [];
  const pick = (kind: OwnedSheetKind, avoid: string[]): string => {
    const wanted = SHEET_NAMES[kind][lang];
    const free = (n: string) => !avoid.some((a) => same(a, n));
    // The last run's sheet for this purpose, still in the workbook and still ours: the wanted name first.
    const earlier = owned
      .filter((n) => isNameFor(n, wanted) && exists(n) && free(n) && !isDisowned(n))
      .sort((a, b) => Number(!same(a, wanted)) - Number(!same(b, wanted)) || a.length - b.length || a.localeCompare(b));
    if (earlier.length > 0) return earlier[0]!;
    // A sheet the last run owned under a name the user gave it (renamed before that run): still
    // ours, in either language, while it holds what we write there.
    const kept = owned.find((n) => {
      const sheet = sheetOf(n);
      return n !== INDEX_SHEET && sheet !== undefined && free(n) && !isKind(n, "results") && !isKind(n, "charts") && looksOwned(kind, sheet, unitHeaders);
    });
    if (kept !== undefined) return kept;
    // The last run's sheet for this purpose under its name in the other language (`Kết quả`, or
    // `Kết quả (2)` beside a user's sheet), still in the workbook: renamed to this run's name
    // rather than removed and made anew, so that the user's formulas reading it keep working.
    const others = LANGS.filter((l) => l !== lang).map((l) => SHEET_NAMES[kind][l]);
    const before = owned
      .filter((n) => n !== INDEX_SHEET && others.some((o) => isNameFor(n, o)) && !isNameFor(n, wanted) && exists(n) && free(n) && !isDisowned(n))
      .sort((a, b) => Number(!others.some((o) => same(a, o))) - Number(!others.some((o) => same(b, o))) || a.length - b.length || a.localeCompare(b));
    const from = existing?.find((n) => before.length > 0 && same(n, before[0]!));
    if (from !== undefined) {
      const to = fresh(kind, avoid);
      if (!exists(to)) renames.push({ from, recorded: before[0]!, to });
      return to;
    }
    // The last run's sheet for this purpose (in either language), gone from the workbook by its
    // name: renamed by the user when exactly one sheet of another name holds what we wrote there.
    // Not when a sheet of the user's has its name now: the user renamed ours to keep it as it is
    // (`KQ cũ`) beside a sheet of their own, and it is left alone.
    const recorded = owned.filter((n) => n !== INDEX_SHEET && isKind(n, kind));
    if (snapshot && recorded.length > 0 && !recorded.some((n) => exists(n))) {
      const candidates = snapshot.sheets.filter(
        (s) =>
          s.name !== INDEX_SHEET &&
          !isOwned(s.name) &&
          free(s.name) &&
          !isKind(s.name, kind) &&
          !forms.some((f) => same(f, s.name)) &&
          looksOwned(kind, s, unitHeaders),
      );
      if (candidates.length === 1) {
        for (const n of recorded) renamed.set(n, candidates[0]!.name);
        return candidates[0]!.name;
      }
    }
    // Nothing recorded for this purpose (no `_index`: the results were moved in from another
    // workbook, or `_index`'s rows deleted): a sheet under the wanted name (or a `name (n)` of it)
    // that holds what the project writes there (holdsOwn) is the project's, updated in place rather than
    // kept beside a `Kết quả (2)` as if it were the user's. Not a form, nor a sheet `_index` gives to another purpose.
    if (snapshot && recorded.length === 0) {
      const found = snapshot.sheets
        .filter((s) => isNameFor(s.name, wanted) && free(s.name) && !owned.some((n) => same(n, s.name)) && !forms.some((f) => same(f, s.name)) && s.csvFile === undefined && holdsOwn(kind, s, unitHeaders))
        .sort((a, b) => Number(!same(a.name, wanted)) - Number(!same(b.name, wanted)) || a.name.length - b.name.length || a.name.localeCompare(b.name));
      if (found.length > 0) {
        adopted.push(found[0]!.name);
        return found[0]!.name;
      }
    }
    return fresh(kind, avoid);
  };
  /** The wanted name, or the first free `name (n)` when a sheet of the user's has it (told once). */
  function fresh(kind: OwnedSheetKind, avoid: string[]): string {
    const wanted = SHEET_NAMES[kind][lang];
    const users = existing?.find((n) => same(n, wanted) && !isOwned(n));
    if (users === undefined && !avoid.some((a) => same(a, wanted))) return wanted;
    const name = uniqueSheetName(wanted, new Set([...taken, ...avoid]));
    // Told once: not when the last run already wrote beside the user's sheet.
    const toldBefore = owned.some((n) => isNameFor(n, wanted) && !same(n, wanted));
    if (users !== undefined && !toldBefore) {
      // Ours once (recorded), with rows or columns inserted above or left of its table since.
      const shifted = kind === "results" && isDisowned(users) && shiftedResults(sheetOf(users)!);
      warnings.push(renamedSheetMessage(kind, users, name, shifted));
    }
    return name;
  }
  const results = pick("results", []);
  const charts = pick("charts", [results]);
  return { results, charts, warnings, renamed, renames, disowned, adopted };
}
