/**
 * Collecting units' self-assessment sheets (layout A) from several files into one workbook:
 * which sheets to take, under which names, and which to leave out and why. Pure: the xlsx host
 * copies the cells.
 */
import type { IndexModel } from "./definition/model";
import { namedIndex } from "./forms-index";
import { type Lang, type Message, foldText, formatNumber, localize, normalizeText } from "./i18n/text";
import { periodKey } from "./read/periods";
import { type IndexRef, indexWords } from "./index-words";
import { findTableHeader, formWithoutTable, readHeaderBlock } from "./read/layout-a";
import { unitKeyOf } from "./read/unit-fields";
import type { SheetSnapshot } from "./types";
import { readIndexSheet } from "./plan/index-sheet";
import { INDEX_SHEET } from "./plan/labels";
import { namesIndex } from "./index-text";
import { anotherIndexReason, blockTexts, cleanSheetName, type CollectSkip, type CollectTake, detectLayoutA, type DuplicateKind, fileWords, formContent, IN_USE, isBlankForm, isInstructionsSheet, isListsSheet, type LayoutAHeader, RECEIVING, TakenSheetNames, uniqueSheetName } from "./form-sheets";

export * from "./form-sheets";

// ---------------------------------------------------------------------------------------------
// Planning a collection

/** Why a file was left out that holds no unit's form at all, only the template's instructions or lists sheet. */
function noFormInFile(file: string): CollectSkip {
  return {
    file,
    sheet: "",
    kind: "not-a-form",
    reason: {
      vi: `Tệp "${file}" không có phiếu tự đánh giá nào của đơn vị (chỉ có trang hướng dẫn hoặc danh sách của phiếu mẫu).`,
      en: `File "${file}" holds no unit's self-assessment form (only the template's instructions or lists sheet).`,
    },
  };
}

export interface CollectPlan {
  take: CollectTake[];
  skipped: CollectSkip[];
  /**
   * What the user should know about the whole collection: the files hold forms of different
   * indices, or of different versions of one index (a workbook is scored on one definition).
   */
  warnings: Message[];
}

/** A unit's form already in the workbook that receives the sheets. */
export interface ExistingForm {
  sheet: string;
  unitCode: string;
  unitName?: string;
  /** Nothing filled in (isBlankForm), and the host read the whole table to be sure of it. */
  blank: boolean;
  /**
   * The host read only the top of the sheet (the pane reads its first 40 rows), found nothing filled
   * in there and did not read the rest: given as not blank (a blank form is replaced only when
   * sure), but not said to be filled in what the plan says. A `snapshot` of the whole sheet settles
   * it; formsToReadWhole says which such forms a decision depends on.
   */
  partlyRead?: true;
  /**
   * The whole sheet, when the host read it all: a filled form coming in for the unit is compared
   * with it, and said to be the same form when it is (formContent). A form given as not blank
   * (`blank` false: the host had read only its top) is blank when the whole sheet is (isBlankForm).
   */
  snapshot?: SheetSnapshot;
  /**
   * Its `Kỳ đánh giá` as the header block gives it (LayoutAHeader.period), when the host read it;
   * otherwise it is read from `snapshot`, when there is one. Forms coming in for another period
   * than the workbook's are said so once (otherPeriodWarning).
   */
  period?: string;
}

export interface CollectOptions {
  /** The forms already in the workbook that receives the sheets (with a unit code). */
  existingForms?: ExistingForm[];
  /** Unit codes already present in the workbook that receives the sheets (forms taken as filled). */
  existingUnitCodes?: string[];
  /** `Bộ chỉ số` of the forms already in the consolidated workbook ("dti-so-nganh-mau@mau-2023"). */
  existingIndices?: string[];
  /** Definitions (the built-in ones) by whose names a form of another index is named; without, by its id@version. */
  knownIndices?: readonly unknown[];
  /** Said on the command line: its sentences may name its options (--index); the pane's do not. */
  commandLine?: boolean;
}

/**
 * The warning when the forms name more than one index, or one index in more than one version:
 * each file with the indices of its forms, named as other messages name them (indexWords: by
 * their names in the user's language and their versions; by id@version when no definition of
 * `known`, the one in use first, has the id).
 */
export function mixedIndicesWarning(byFile: Map<string, Set<string>>, known: readonly unknown[] = [], commandLine = false): Message | undefined {
  const all = new Set<string>();
  for (const set of byFile.values()) for (const i of set) all.add(i);
  if (all.size < 2) return undefined;
  const refs = new Map([...all].map((text) => [text, namedIndex(text, known)]));
  const ids = new Set([...refs.values()].map((r) => r.id.toLowerCase()));
  const one = ids.size === 1 ? [...refs.values()][0]! : undefined;
  // One index: each version as "phiên bản V" beside it; several: each by its name, and by its
  // id@version beside another of the same name.
  const words = (ref: IndexRef, lang: Lang): string => {
    if (one) return indexWords(ref, { id: ref.id, ...(one.name !== undefined ? { name: one.name } : {}) }, lang, true);
    const named = (r: IndexRef) => (r.name !== undefined ? localize(r.name, lang) : "");
    const other = [...refs.values()].find((r) => r.id !== ref.id && named(r) !== "" && named(r) === named(ref)) ?? ref;
    return indexWords(ref, other, lang);
  };
  // The files of forms the pane has just made are one entry, "các phiếu vừa tạo", however many files carried them.
  const list = (lang: Lang): string => {
    const byWords = new Map<string, Set<string>>();
    for (const [file, set] of byFile) {
      if (set.size === 0) continue;
      const named = fileWords(file, lang);
      const into = byWords.get(named) ?? new Set<string>();
      for (const i of set) into.add(i);
      byWords.set(named, into);
    }
    return [...byWords].map(([named, set]) => `${named} (${[...set].map((i) => words(refs.get(i)!, lang)).join(", ")})`).join("; ");
  };
  if (one) {
    const index = (lang: Lang) => indexWords({ id: one.id, ...(one.name !== undefined ? { name: one.name } : {}) }, one, lang);
    return {
      vi: `Các tệp chứa phiếu của những phiên bản khác nhau của bộ chỉ số ${index("vi")}: ${list("vi")}. Một sổ chỉ chấm theo một phiên bản: phiếu của phiên bản khác được đọc theo mã dòng, mỗi phiếu kèm một cảnh báo; hãy kiểm tra các dòng mà hai phiên bản khác nhau.`,
      en: `The files hold forms of different versions of the index ${index("en")}: ${list("en")}. A workbook is scored on one version: forms of another version are read by their rows' codes, each with a warning; check the rows the versions differ on.`,
    };
  }
  return {
    // The command line takes one index's forms with --index; the pane, with the index chosen in its first step.
    vi: `Các tệp chứa phiếu của những bộ chỉ số khác nhau: ${list("vi")}. Một sổ chỉ chấm theo một bộ chỉ số; hãy tổng hợp riêng phiếu của từng bộ${commandLine ? " (hoặc dùng --index để chỉ lấy phiếu của một bộ)" : " vào một sổ của riêng bộ đó"}.`,
    en: `The files hold forms of different indices: ${list("en")}. A workbook is scored on one index; collect each index's forms separately${commandLine ? " (or use --index to take one index's forms only)" : ", in a workbook of its own"}.`,
  };
}

/**
 * A unit code (as unitKeyOf keys it) in small letters, as Vietnamese writes them: codes that differ
 * only in letter case ("snv", "SNV") have one. The reader keys codes with case (two units); Collect
 * takes a form whose code is spelt otherwise than the one code of its letters it knows for that
 * unit (planCollect), and says so.
 */
function caseKey(key: string): string {
  return key.toLocaleLowerCase("vi");
}

/** A unit's name compared as written, ignoring case, diacritics and spacing. */
function nameKey(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const k = foldText(normalizeText(name));
  return k === "" ? undefined : k;
}

/**
 * The forms in the workbook (`existing`) to read whole before planning, for a host that read only
 * the top of each sheet: those not known blank of a unit code (in any letter case, as planCollect
 * matches codes) that a filled form comes in for (a blank one there is replaced, a filled one is
 * compared with it); and those whose top alone was read (ExistingForm.partlyRead) of a code that a
 * form comes in for under another unit name (taken as another unit only when nothing of the code
 * is filled in). For the others no decision depends on the rest of the form: a blank form coming
 * in for a unit that has a form there is left out whatever that form holds, and is said to be left
 * out for the form there, which is not called filled.
 */
export function formsToReadWhole(existing: readonly ExistingForm[], incoming: readonly { sheets: readonly SheetSnapshot[] }[]): ExistingForm[] {
  const filledCodes = new Set<string>();
  const namesOf = new Map<string, Set<string | undefined>>();
  for (const { sheets } of incoming) {
    for (const sheet of sheets) {
      const h = detectLayoutA(sheet);
      if (h?.unitCode === undefined) continue;
      const code = caseKey(unitKeyOf(h.unitCode));
      if (!isBlankForm(sheet)) filledCodes.add(code);
      namesOf.set(code, (namesOf.get(code) ?? new Set()).add(nameKey(h.unitName)));
    }
  }
  return existing.filter((f) => {
    if (f.blank || f.snapshot !== undefined) return false;
    const code = caseKey(unitKeyOf(f.unitCode));
    if (filledCodes.has(code)) return true;
    const name = nameKey(f.unitName);
    return f.partlyRead === true && name !== undefined && [...(namesOf.get(code) ?? [])].some((n) => n !== undefined && n !== name);
  });
}

/** One form of a unit code, as planCollect weighs it. */
interface Candidate {
  /** Position of its file among the incoming files. */
  fileAt: number;
  /** Position among all the incoming sheets: which of two forms came first. */
  order: number;
  file: string;
  sheet: string;
  header: LayoutAHeader;
  blank: boolean;
  /** The sheet is not hidden: a unit's hidden sheet is often an older copy of its form. */
  visible: boolean;
  snapshot: SheetSnapshot;
}

/**
 * The forms of one unit name under one code (a form with no name belongs to the first of its code).
 * A code's groups are weighed together: a blank form under another name is the same unit's, a
 * filled one under another name another unit claiming the code.
 */
interface UnitGroup {
  key: string;
  name?: string;
  code: string;
  /** `unsure`: taken as filled, the host having read only its top (ExistingForm.partlyRead). */
  existing?: { sheet: string; blank: boolean; unsure?: true; name?: string; snapshot?: SheetSnapshot };
  forms: Candidate[];
}

/** What duplicateReason needs to know of a unit's form left out and of the form its unit keeps. */
interface LeftOut {
  candidate: Candidate;
  /** The form taken from the files that the unit keeps; undefined when it keeps its form in the workbook. */
  keep: Candidate | undefined;
  /** What the unit keeps is filled in. */
  filledKept: boolean;
  /**
   * What the unit keeps is a form in the workbook taken as filled without being read whole (its
   * top holds nothing filled in, the rest was not read): it is said to be there, not to be filled.
   */
  unsure: boolean;
  /** The form left out is one whose table is not read (unreadTable), and the unit keeps one that is read, or its form in the workbook. */
  readWins: boolean;
  /** The file of the form left out: "tệp a.xlsx" / "a.xlsx". */
  file: Message;
  /** The sheet left out, "Trang tính ẩn …" when hidden. */
  named: Message;
  /** "đơn vị mã SYT" / "the unit with code SYT". */
  unit: Message;
  /** Where the unit's kept form is: "từ tệp a.xlsx" / "trong sổ tổng hợp". */
  where: Message;
  /** The unit's form in the workbook, when that is what it keeps. */
  existing: UnitGroup["existing"];
  /** The name in the workbook of `keep`, when it was taken already. */
  keptAs: string | undefined;
  /** `keep` is a filled form from a file that fills no other unit's, `candidate` one from a file that fills several (ownFileFirst). */
  ownFile?: boolean;
}

/**
 * Why a unit's form was left out as a duplicate, in a word and in a sentence. A filled form
 * compared with its unit's filled one (when the host read that one whole) is said to be the same
 * when it is; a different one is left out with the way to take it: the unit's form in the
 * workbook is never written over (the council may have entered figures on it), the user removes
 * it first.
 */
function duplicateReason(l: LeftOut): { duplicate: DuplicateKind; reason: Message; kept?: string } {
  const kept = l.keptAs ?? l.keep?.sheet ?? l.existing?.sheet;
  return { ...duplicateWhy(l), ...(kept ? { kept } : {}) };
}

function duplicateWhy(l: LeftOut): { duplicate: DuplicateKind; reason: Message } {
  const { candidate, keep, named, unit, where } = l;
  // A hidden sheet of a unit whose visible form is taken: named as hidden, the user may not know it is there.
  if (!candidate.visible && keep?.visible) {
    return {
      duplicate: candidate.blank ? "blank-form" : "hidden-copy",
      reason: {
        vi: `${named.vi}: ${unit.vi} đã có phiếu trên trang đang hiện '${keep.sheet}' ${where.vi} nên bỏ qua trang ẩn này (thường là bản cũ của phiếu).`,
        en: `${named.en}: ${unit.en} has its form on the visible sheet '${keep.sheet}' ${where.en}, so this hidden one (most often an older copy of the form) is left out.`,
      },
    };
  }
  // The form the unit keeps, by its sheet: "(trang 'Sở Y tế')".
  const keptSheet = keep ? keep.sheet : (l.existing?.sheet ?? "");
  const onSheet: Message = keptSheet !== "" ? { vi: ` (trang '${keptSheet}')`, en: ` (sheet '${keptSheet}')` } : { vi: "", en: "" };
  if (l.readWins) {
    // Taken from a file, the form kept is one whose table is read; in the workbook, it is the unit's form there.
    const form: Message = keep ? { vi: "phiếu đọc được, lấy", en: "a form that can be read, taken" } : { vi: "phiếu", en: "a form" };
    return {
      duplicate: "unread-table",
      reason: {
        vi: `${named.vi}: có phần đầu phiếu của ${unit.vi} nhưng bảng không đọc được (không có dòng tiêu đề với cột ${columnWords("code", "vi")} và ${columnWords("value", "vi")}); ${unit.vi} đã có ${form.vi} ${where.vi}${onSheet.vi}, nên trang này không được chép sang sổ tổng hợp. Nội dung của trang vẫn còn trong ${l.file.vi}.`,
        en: `${named.en}: it has the header of a form of ${unit.en}, but a table that cannot be read (no header row with ${columnWords("code", "en")} and ${columnWords("value", "en")} columns); ${unit.en} already has ${form.en} ${where.en}${onSheet.en}, so this sheet was not copied into the consolidated workbook. What it holds is still in ${l.file.en}.`,
      },
    };
  }
  if (candidate.blank) {
    // A form in the workbook whose top alone was read: said to be there (on its sheet), not to be filled.
    const there: Message = l.existing?.sheet ? { vi: ` (trang '${l.existing.sheet}')`, en: ` (sheet '${l.existing.sheet}')` } : { vi: "", en: "" };
    return l.filledKept
      ? {
          duplicate: "blank-form",
          reason: l.unsure
            ? {
                vi: `${named.vi}: phiếu trống (chưa điền số liệu); ${unit.vi} đã có phiếu ${where.vi}${there.vi} nên bỏ qua phiếu trống này.`,
                en: `${named.en}: a blank form (nothing filled in); ${unit.en} already has a form ${where.en}${there.en}, so this blank one is left out.`,
              }
            : {
                vi: `${named.vi}: phiếu trống (chưa điền số liệu); ${unit.vi} đã có phiếu điền số liệu ${where.vi} nên bỏ qua phiếu trống này.`,
                en: `${named.en}: a blank form (nothing filled in); ${unit.en} has a filled form ${where.en}, so this blank one is left out.`,
              },
        }
      : {
          duplicate: "blank-again",
          reason: {
            vi: `${named.vi}: phiếu trống (chưa điền số liệu); ${unit.vi} chưa có phiếu đã điền và đã có phiếu trống ${where.vi} nên bỏ qua phiếu trống này.`,
            en: `${named.en}: a blank form (nothing filled in); ${unit.en} has no filled form yet and already has a blank one ${where.en}, so this one is left out.`,
          },
        };
  }
  if (!candidate.visible) {
    return {
      duplicate: "hidden-copy",
      reason: {
        vi: `${named.vi}: ${unit.vi} đã có phiếu ${where.vi} nên bỏ qua trang ẩn này (thường là bản cũ của phiếu).`,
        en: `${named.en}: ${unit.en} has its form ${where.en}, so this hidden one (most often an older copy of the form) is left out.`,
      },
    };
  }
  const mine = formContent(candidate.snapshot);
  const kept = keep ? formContent(keep.snapshot) : l.existing?.snapshot && formContent(l.existing.snapshot);
  if (mine !== undefined && mine === kept) {
    const there: Message = keep ? { vi: `đã lấy ${where.vi}`, en: `taken ${where.en}` } : { vi: "đã có trong sổ tổng hợp", en: "already has in the consolidated workbook" };
    return {
      duplicate: "same-form",
      reason: keep
        ? {
            vi: `${named.vi}: giống hệt phiếu của ${unit.vi} ${there.vi}${onSheet.vi} nên không chép lại; không cần làm gì.`,
            en: `${named.en}: the same form as the one of ${unit.en} ${there.en}${onSheet.en}, so it was not copied again; nothing needs doing.`,
          }
        : {
            vi: `${named.vi}: giống hệt phiếu ${unit.vi} ${there.vi}${onSheet.vi} nên không chép lại; không cần làm gì.`,
            en: `${named.en}: the same form as the one ${unit.en} ${there.en}${onSheet.en}, so it was not copied again; nothing needs doing.`,
          },
    };
  }
  if (keep) {
    // The sheet to remove for this form to be taken: the kept one, by its name in the workbook.
    const remove = l.keptAs ?? keep.sheet;
    return {
      duplicate: "second-filled",
      reason: {
        vi: `${named.vi}: ${unit.vi} đã có một phiếu đã điền khác, lấy ${where.vi}${onSheet.vi}${l.ownFile ? ", là tệp chỉ có phiếu đã điền của riêng đơn vị này (còn tệp chứa trang này có phiếu đã điền của nhiều đơn vị)" : ""}, nên phiếu này không được lấy (mỗi đơn vị một phiếu). Nếu phiếu này mới là bản đúng, hãy xóa trang '${remove}' khỏi sổ tổng hợp rồi tổng hợp lại tệp này.`,
        en: `${named.en}: ${unit.en} already has another filled form, taken ${where.en}${onSheet.en}${l.ownFile ? ", a file with a filled form of this unit alone (this sheet's file has filled forms of several units)" : ""}, so this one was not taken (one form a unit). If this one is the right one, delete the sheet '${remove}' from the consolidated workbook, then collect this file again.`,
      },
    };
  }
  const remove: Message = keptSheet !== "" ? { vi: `trang '${keptSheet}'`, en: `the sheet '${keptSheet}'` } : { vi: "phiếu đó", en: "that form" };
  // A form there whose top alone was read is not called filled.
  const form: Message = l.unsure ? { vi: "phiếu", en: "a form" } : { vi: "phiếu điền số liệu", en: "a filled form" };
  return {
    duplicate: "filled-in-workbook",
    reason: {
      vi: `${named.vi}: ${unit.vi} đã có ${form.vi} trong sổ tổng hợp${onSheet.vi} nên phiếu này không được lấy, để không ghi đè lên phiếu đó và số liệu hội đồng đã nhập vào (nếu có). Muốn dùng phiếu này, hãy xóa ${remove.vi} khỏi sổ tổng hợp (hoặc chuyển sang sổ khác nếu cần giữ lại) rồi tổng hợp lại tệp này.`,
      en: `${named.en}: ${unit.en} already has ${form.en} in the consolidated workbook${onSheet.en}; this one was not taken, so that form and any figures the council entered on it are not overwritten. To use this one instead, delete ${remove.en} from the consolidated workbook (or move it to another workbook to keep it), then collect this file again.`,
    },
  };
}

/** The cell of a form's `Mã đơn vị` value, as the reader reads the header block. */
function codeCellOf(sheet: SheetSnapshot): string {
  return readHeaderBlock(sheet, findTableHeader(sheet)).code?.address ?? "B2";
}

/** A form taken as its unit's whose code is written otherwise in letter case than the unit's ("snv" for "SNV"). */
interface CodeCase {
  /** Its file: "tệp a.xlsx" / "a.xlsx". */
  where: Message;
  sheet: string;
  /** Its name in the consolidated workbook. */
  as: string;
  /** The cell of its code. */
  cell: string;
  /** The code as written. */
  written: string;
  /** The unit's code it is taken as. */
  code: string;
  /** The blank form it took the place of. */
  replaces?: string;
}

/**
 * What is said of a form taken as the unit whose code differs from the one written on it only in
 * letter case: the form is that unit's for Collect (it replaced the unit's blank form), but the
 * reader keys codes as written ("snv" and "SNV" are two units to it), so the code is to be put
 * right on the copy in the consolidated workbook.
 */
function codeCaseWarning(c: CodeCase): Message {
  const instead: Message = c.replaces !== undefined ? { vi: ` (thay phiếu trống '${c.replaces}')`, en: ` (in place of the blank form '${c.replaces}')` } : { vi: "", en: "" };
  return {
    vi: `Trang tính '${c.sheet}' (${c.where.vi}), ô ${c.cell}: mã đơn vị ghi "${c.written}", chỉ khác mã ${c.code} ở chữ hoa, chữ thường, nên phiếu được lấy là phiếu của đơn vị mã ${c.code}${instead.vi}. Khi chấm, mã được đọc đúng như ghi ("${c.written}" và "${c.code}" là hai mã khác nhau): hãy sửa ô ${c.cell} trên trang '${c.as}' của sổ tổng hợp thành ${c.code}.`,
    en: `Sheet '${c.sheet}' (${c.where.en}), cell ${c.cell}: the unit code is written "${c.written}", which differs from the code ${c.code} only in letter case, so the form was taken as unit ${c.code}'s${instead.en}. Scoring reads a code as it is written ("${c.written}" and "${c.code}" are two codes): change cell ${c.cell} on the sheet '${c.as}' in the consolidated workbook to ${c.code}.`,
  };
}

/** A table column by its name in the form's language, then in the other, as the reader names it: "\"Số liệu\" (Value)". */
function columnWords(key: "code" | "value", formLang: Lang): string {
  const names: Record<"code" | "value", Message> = { code: { vi: "Mã", en: "Code" }, value: { vi: "Số liệu", en: "Value" } };
  return `"${names[key][formLang]}" (${names[key][formLang === "vi" ? "en" : "vi"]})`;
}

/**
 * What is said of a unit's form taken whose table header the reader does not recognise
 * (LayoutAHeader.unreadTable): it came in as the unit's form, in place of its blank one, but its
 * figures are not read until the column names are put back as on the template, at the cell named,
 * on its copy in the consolidated workbook. `code`: the unit's code it was taken as, when written
 * otherwise in letter case.
 */
function unreadTableWarning(f: { where: Message; sheet: string; as: string; header: LayoutAHeader; code?: string }): Message {
  const { header } = f;
  const { cell, header: near } = header.unreadTable!;
  const code = f.code ?? header.unitCode;
  const unit: Message = header.noCode
    ? { vi: `đơn vị "${code}"`, en: `unit "${code}"` }
    : header.unitName !== undefined && code !== undefined && header.unitName !== code
      ? { vi: `${header.unitName} (${code})`, en: `${header.unitName} (${code})` }
      : { vi: `đơn vị mã ${code}`, en: `the unit with code ${code}` };
  const missing = near?.missing ?? ["code", "value"];
  const lang = near?.lang ?? "vi";
  const names = missing.map((k) => columnWords(k, lang));
  const need: Message =
    missing.length > 1
      ? { vi: `các cột phải có tên ${names.join(" và ")}`, en: `the columns must be named ${names.join(" and ")}` }
      : { vi: `cột ${missing[0] === "code" ? "mã" : "số liệu"} phải có tên ${names[0]}`, en: `the ${missing[0] === "code" ? "code" : "value"} column must be named ${names[0]}` };
  const what: Message = !near
    ? { vi: `phiếu không có dòng tiêu đề bảng với cột ${columnWords("code", "vi")} và ${columnWords("value", "vi")}`, en: `the form has no table header row with ${columnWords("code", "en")} and ${columnWords("value", "en")} columns` }
    : near.unknown
      ? { vi: `tên cột "${near.unknown.text}" ở dòng ${near.row} không được nhận ra: ${need.vi}`, en: `the column name "${near.unknown.text}" in row ${near.row} is not recognised: ${need.en}` }
      : { vi: `dòng tiêu đề bảng (dòng ${near.row}) thiếu tên cột: ${need.vi}`, en: `the table's header row (row ${near.row}) lacks a column name: ${need.en}` };
  const renamed: Message = f.as !== f.sheet ? { vi: `, thành trang '${f.as}'`, en: `, as the sheet '${f.as}'` } : { vi: "", en: "" };
  // Where to put the names back: the cell of the one renamed, else the table's header row of the sheet.
  const fix: Message =
    near && missing.length === 1
      ? { vi: `tên cột như phiếu mẫu (ô ${near.cell} trên trang '${f.as}' của sổ tổng hợp)`, en: `the template's column name (cell ${near.cell} on the sheet '${f.as}' in the consolidated workbook)` }
      : { vi: `tên các cột ở dòng tiêu đề bảng như phiếu mẫu (trên trang '${f.as}' của sổ tổng hợp)`, en: `the template's column names in the table's header row (on the sheet '${f.as}' in the consolidated workbook)` };
  return {
    vi: `Trang tính '${f.sheet}' (${f.where.vi}), ô ${cell}: phiếu của ${unit.vi} đã được chép vào sổ tổng hợp${renamed.vi}, nhưng ${what.vi}, nên số liệu của phiếu chưa đọc được và đơn vị chưa được chấm. Hãy sửa lại ${fix.vi} rồi chấm.`,
    en: `Sheet '${f.sheet}' (${f.where.en}), cell ${cell}: the form of ${unit.en} was copied into the consolidated workbook${renamed.en}, but ${what.en}, so its figures cannot be read and the unit is not scored. Put back ${fix.en}, then score.`,
  };
}

/**
 * The names spreadsheets give a new sheet ("Sheet1", "Trang tính1", "Feuil1", "Tabelle2"…, in
 * the languages of Excel and LibreOffice officials use): a form under one is named after its unit.
 */
const DEFAULT_SHEET_NAME = /^(?:sheet|trang tính|feuil|tabelle|hoja|planilha|foglio|blad|arkusz|лист)\s*\d*$/iu;

/**
 * Which sheets of the incoming files to copy, and under which names. Only unit sheets (layout
 * A) are taken; with a model, sheets made for another index are left out. A unit is known by its
 * code (by its name when it has none). One form a unit: a unit's filled form is taken over its
 * blank one whatever the unit name on either (a blank form — the template's, not filled in — in
 * an earlier file, or already in the consolidated workbook, which the filled one replaces under
 * the same sheet name); a blank form is taken only when no file filled that code in; a second
 * filled form, or any form of a unit already filled in the workbook, is left out. A unit's
 * hidden sheets are weighed only when it has no visible form (a hidden sheet is most often an older
 * copy of the form): one left out for a visible form is named as hidden. A filled form
 * with a code already taken by another filled form under another unit name may be a different
 * unit: it is taken, with a warning, so that scoring reports the code twice rather than the unit
 * going missing. A code that differs only in letter case from the one spelling of its letters that
 * the workbook and the blank forms coming in give ("snv" for "SNV") is taken as that unit's, with a
 * warning at its cell (the reader keys codes as written: it is to be put right). A unit's form
 * whose table header the unit edited (LayoutAHeader.unreadTable) is taken as any filled form, with
 * a warning at its cell saying what to put back before its figures can be read; but a filled form
 * of the code whose table is read (coming in, or in the workbook) wins over it whatever their
 * order, and it is left out ("unread-table"), said plainly. A sheet that starts as a form does but
 * has no table (a unit's notes, "Giải trình" with Đơn vị and Mã đơn vị: no form, detectLayoutA) is
 * left out naming the unit and where its form was taken, never taken as that form. The
 * template's instructions sheet and hidden list sheet are passed over without a word (a file of
 * nothing else is left out with its reason). When the
 * forms taken (with those already in the consolidated workbook, and the model's index) name more
 * than one index or version, the plan warns, naming each file and its indices. The forms taken
 * are in the order of the template's list of units, not of the files (inTemplateOrder): the
 * hosts put them into the workbook in that order; the forms left out stay in the files' order.
 */
export function planCollect(
  existingSheetNames: string[],
  incoming: { file: string; sheets: SheetSnapshot[] }[],
  model?: IndexModel,
  options: CollectOptions = {},
): CollectPlan {
  const taken = new TakenSheetNames(existingSheetNames);
  const plan: CollectPlan = { take: [], skipped: [], warnings: [] };
  const indices = new Map<string, Set<string>>();
  const noteIndex = (file: string, index: string | undefined): void => {
    if (index === undefined || index.trim() === "") return;
    const set = indices.get(file) ?? new Set<string>();
    set.add(index.trim());
    indices.set(file, set);
  };
  if (model) noteIndex(IN_USE, `${model.definition.id}@${model.definition.version}`);
  for (const i of options.existingIndices ?? []) noteIndex(RECEIVING, i);

  // Codes compared as the reader compares them (unitKeyOf): two forms Collect takes are two units scored.
  const groups = new Map<string, UnitGroup[]>();
  const groupFor = (code: string, name: string | undefined): { group: UnitGroup; isNew: boolean } => {
    const key = unitKeyOf(code);
    const list = groups.get(key) ?? [];
    groups.set(key, list);
    const n = nameKey(name);
    const found = list.find((g) => g.name === undefined || n === undefined || g.name === n);
    if (found) return { group: found, isNew: false };
    const group: UnitGroup = { key, code, ...(n !== undefined ? { name: n } : {}), forms: [] };
    list.push(group);
    return { group, isNew: true };
  };
  // A code differing only in case from the one code of its letters that the workbook or the blank
  // forms coming in (the template's) spell ("snv" typed for "SNV") is taken as that one: the filled
  // form replaces its unit's blank one rather than coming in as another unit (caseSpelling).
  const headers = incoming.map(({ sheets }) => sheets.map((sheet) => detectLayoutA(sheet)));
  const blanks = new Map<SheetSnapshot, boolean>();
  const blankOf = (sheet: SheetSnapshot): boolean => {
    let blank = blanks.get(sheet);
    if (blank === undefined) blanks.set(sheet, (blank = isBlankForm(sheet)));
    return blank;
  };
  /** Per code in small letters, its spellings (unitKeyOf) in the workbook and on the blank forms coming in. */
  const spellings = new Map<string, Set<string>>();
  const spelt = (code: string): void => {
    const key = unitKeyOf(code);
    if (key === "") return;
    spellings.set(caseKey(key), (spellings.get(caseKey(key)) ?? new Set<string>()).add(key));
  };
  for (const c of options.existingUnitCodes ?? []) spelt(c);
  for (const f of options.existingForms ?? []) spelt(f.unitCode);
  incoming.forEach(({ sheets }, fileAt) =>
    sheets.forEach((sheet, i) => {
      const h = headers[fileAt]![i];
      if (h?.unitCode !== undefined && !h.noCode && blankOf(sheet)) spelt(h.unitCode);
    }),
  );
  const caseSpelling = (code: string): string | undefined => {
    const key = unitKeyOf(code);
    const list = spellings.get(caseKey(key));
    return list && !list.has(key) && list.size === 1 ? [...list][0] : undefined;
  };

  for (const c of options.existingUnitCodes ?? []) {
    const { group } = groupFor(c, undefined);
    group.existing ??= { sheet: "", blank: false };
  }
  for (const existing of options.existingForms ?? []) {
    // A form the host took as filled for want of reading it all (the pane reads the top of each
    // sheet), then read whole to compare with a form coming in: blank or not by the whole of it.
    const f = !existing.blank && existing.snapshot !== undefined && isBlankForm(existing.snapshot) ? { ...existing, blank: true } : existing;
    const { group } = groupFor(f.unitCode, f.unitName);
    // Taken as filled for want of reading it all: not said to be filled.
    const unsure = f.partlyRead === true && !f.blank && f.snapshot === undefined;
    const own = { sheet: f.sheet, blank: f.blank, ...(unsure ? { unsure: true as const } : {}), ...(f.unitName !== undefined ? { name: f.unitName } : {}), ...(f.snapshot !== undefined ? { snapshot: f.snapshot } : {}) };
    // The unit's filled form there, the first one (one known filled before one whose top alone was read), is the one a form coming in is compared with.
    const there = group.existing;
    if (there === undefined || (there.sheet !== "" && !f.blank && (there.blank || (there.unsure === true && !unsure)))) group.existing = own;
    else if (!f.blank) there.blank = false;
  }

  // First pass: what each sheet is. Forms of a unit code are weighed together before any is taken.
  type Entry = {
    file: string;
    fileAt: number;
    sheet: SheetSnapshot;
    header: LayoutAHeader;
    candidate?: Candidate;
    group?: UnitGroup;
    /** The code of the unit the form is taken as, when it is written otherwise in letter case (caseSpelling). */
    spelling?: string;
  };
  // Sheets left out on sight keep their place among the others: the report lists them in the files' order.
  // `startsAsForm`: a sheet left out that starts as a form does, with the unit it names (notAFormReason).
  const entries: (Entry | { skip: CollectSkip; startsAsForm?: { code?: string; name?: string; fileAt: number } })[] = [];
  incoming.forEach(({ file, sheets }, fileAt) => {
    const before = entries.length;
    // A scored workbook's own sheets (results, charts, `_index`) are no unit's and no one's to be told about.
    const scored = readIndexSheet({ sheets });
    const projects = new Set(scored ? [INDEX_SHEET, ...scored.owned.sheets].map((n) => n.toLowerCase()) : []);
    sheets.forEach((sheet, i) => {
      const header = headers[fileAt]![i] ?? null;
      // A form's header block on a sheet of the template's or of a scoring's own is not a form that lost its table.
      const own = isInstructionsSheet(sheet) || isListsSheet(sheet) || projects.has(sheet.name.toLowerCase());
      if ((!header || header.unreadTable) && own) return;
      if (!header) {
        // A unit's cover or notes sheet ("Giải trình" with Đơn vị, Mã đơn vị at its top): said with its unit once the unit's form is known.
        const starts = formWithoutTable(sheet) ? blockTexts(readHeaderBlock(sheet, undefined)) : undefined;
        const startsAsForm = starts ? { ...(starts.code !== undefined ? { code: starts.code } : {}), ...(starts.name !== undefined ? { name: starts.name } : {}), fileAt } : undefined;
        entries.push({ ...(startsAsForm ? { startsAsForm } : {}), skip: {
          file,
          sheet: sheet.name,
          kind: "not-a-form",
          reason: {
            vi: `Trang tính '${sheet.name}' không phải phiếu tự đánh giá của một đơn vị (không có dòng tiêu đề Mã | Nội dung | Số liệu).`,
            en: `Sheet '${sheet.name}' is not a unit's self-assessment sheet (no Code | Item | Value header row).`,
          },
        } });
        return;
      }
      if (model && header.index) {
        if (header.index.trim() !== "" && namesIndex(header.index, model.definition) === undefined) {
          entries.push({ skip: {
            file,
            sheet: sheet.name,
            kind: "another-index",
            index: header.index,
            reason: anotherIndexReason(sheet.name, header.index, model.definition, options.knownIndices),
          } });
          return;
        }
      }
      // Noted before the duplicate check: a form of another index is in the files even when its code is taken.
      noteIndex(file, header.index);
      const entry: Entry = { file, fileAt, sheet, header };
      // A form without a code is known by its name (detectLayoutA), as the reader knows it.
      if (header.unitCode !== undefined) {
        const candidate: Candidate = { fileAt, order: entries.length, file, sheet: sheet.name, header, blank: blankOf(sheet), visible: sheet.visible !== false, snapshot: sheet };
        const spelling = header.noCode ? undefined : caseSpelling(header.unitCode);
        const { group } = groupFor(spelling ?? header.unitCode, header.unitName);
        group.forms.push(candidate);
        entry.candidate = candidate;
        entry.group = group;
        if (spelling !== undefined) entry.spelling = spelling;
      }
      entries.push(entry);
    });
    // A file of nothing but the template's instructions and lists: said, so that no file goes without a word.
    if (entries.length === before) entries.push({ skip: noFormInFile(file) });
  });

  // Which form each unit keeps. A unit is known by its code first (by its name only when it has
  // no code), so the forms of one code are weighed together: its visible forms only, when it has
  // one (a hidden sheet is most often an older copy); when anything of the code is filled in, the
  // first filled form of each unit name and no blank form, whatever the name on it (a blank form
  // is the template's, its name may be an older one; a filled form under another name is another
  // unit claiming the code: taken, with a warning); when nothing of it is filled in, the first
  // blank form of each unit name that the workbook does not already hold (so that the unit appears).
  const chosen = new Map<UnitGroup, Candidate | undefined>();
  /** The blank form already in the workbook that a filled form taken replaces. */
  const replacing = new Map<Candidate, string>();
  /** Per code: the units it keeps (in the workbook, or taken), first first; a second one is warned about. */
  const kept = new Map<string, UnitGroup[]>();
  /**
   * Per code: the form a form of it left out is compared to when its own unit keeps none, whether
   * it has a filled one, and whether that is known (not only a form in the workbook whose top alone was read).
   */
  const codeKeep = new Map<string, { keep?: Candidate; filled: boolean; sure?: boolean }>();
  /** The codes with a filled form whose table is read (coming in, or in the workbook): their forms whose table is not read are left out. */
  const readCodes = new Set<string>();
  // The units each file fills a form of: a unit's form in a file that fills no other unit's is
  // its own file's, and is kept over a filled copy another unit's file carries (a unit that sent
  // back the whole template with a neighbour's sheet filled in), whichever file came first.
  const unitsFilledIn = new Map<number, Set<string>>();
  for (const [key, list] of groups) {
    for (const g of list) for (const c of g.forms) if (!c.blank) unitsFilledIn.set(c.fileAt, (unitsFilledIn.get(c.fileAt) ?? new Set()).add(key));
  }
  const ownFileFirst = (forms: Candidate[]): Candidate | undefined => {
    const filledForms = forms.filter((c) => !c.blank);
    return filledForms.find((c) => unitsFilledIn.get(c.fileAt)?.size === 1) ?? filledForms[0];
  };
  for (const [key, list] of groups) {
    const anyVisible = list.some((g) => g.forms.some((c) => c.visible));
    const inWorkbook = list.filter((g) => g.existing && !g.existing.blank);
    // A form whose table is read wins over one whose table is not (unreadTable), whatever their
    // order and unit names: that one is left out (unreadTableSkip), not taken as a second form.
    const readFilled = inWorkbook.length > 0 || list.some((g) => g.forms.some((c) => !c.blank && !c.header.unreadTable && (c.visible || !anyVisible)));
    if (readFilled) readCodes.add(key);
    const weighed = (g: UnitGroup): Candidate[] => g.forms.filter((c) => (c.visible || !anyVisible) && !(readFilled && c.header.unreadTable));
    const filled: Candidate[] = [];
    for (const g of list) {
      const keep = inWorkbook.includes(g) ? undefined : ownFileFirst(weighed(g));
      chosen.set(g, keep);
      if (keep) filled.push(keep);
    }
    filled.sort((a, b) => a.order - b.order);
    const anyFilled = inWorkbook.length > 0 || filled.length > 0;
    if (!anyFilled) {
      for (const g of list) chosen.set(g, g.existing ? undefined : weighed(g)[0]);
      const firstTaken = list.map((g) => chosen.get(g)).find((c) => c !== undefined);
      kept.set(key, list.filter((g) => g.existing || chosen.get(g)));
      codeKeep.set(key, { ...(firstTaken ? { keep: firstTaken } : {}), filled: false });
      continue;
    }
    // Blank forms in the workbook, each replaced by one filled form of the code: its own unit's first.
    const blanks = list.filter((g) => g.existing?.blank && g.existing.sheet !== "");
    const free = new Set(blanks);
    const groupOf = (c: Candidate): UnitGroup => list.find((g) => g.forms.includes(c)) as UnitGroup;
    for (const c of filled) {
      const own = groupOf(c);
      if (free.has(own)) {
        replacing.set(c, own.existing!.sheet);
        free.delete(own);
      }
    }
    for (const c of filled) {
      const other = [...free][0];
      if (!other) break;
      if (replacing.has(c)) continue;
      replacing.set(c, other.existing!.sheet);
      free.delete(other);
    }
    kept.set(key, [...inWorkbook, ...filled.map(groupOf)]);
    codeKeep.set(key, { ...(inWorkbook.length === 0 && filled[0] ? { keep: filled[0] } : {}), filled: true, sure: filled.length > 0 || inWorkbook.some((g) => !g.existing!.unsure) });
  }

  const fileNameCount = new Map<string, number>();
  for (const { file } of incoming) fileNameCount.set(file, (fileNameCount.get(file) ?? 0) + 1);
  // "tệp g2.xlsx", or "tệp thứ 2, phieu.xlsx" when two files share the name.
  const fileAtWords = (file: string, fileAt: number): Message =>
    (fileNameCount.get(file) ?? 0) > 1 ? { vi: `tệp thứ ${fileAt + 1}, ${file}`, en: `file no. ${fileAt + 1}, ${file}` } : { vi: `tệp ${file}`, en: file };
  const fileRef = (c: Candidate): Message => fileAtWords(c.file, c.fileAt);
  const fromFile = (keep: Candidate | undefined): Message => {
    if (keep === undefined) return { vi: "trong sổ tổng hợp", en: "in the consolidated workbook" };
    const ref = fileRef(keep);
    return { vi: `từ ${ref.vi}`, en: `from ${ref.en}` };
  };

  /** The name each form taken gets in the workbook, for a form of its unit left out to name it. */
  const takenAs = new Map<Candidate, string>();
  /**
   * The name a form taken gets: its sheet's, when no sheet has it yet, no other unit's form has it
   * too and it is not a spreadsheet's default name ("Sheet1", "Trang tính1"); otherwise its unit's, as
   * the template names a unit's sheet (thirty files whose form is "Phiếu tự đánh giá" come in as
   * their units, not as "Phiếu tự đánh giá (2)" to "(30)", which the findings would name alone);
   * "(2)" after the sheet's name only for a form that names no unit, or whose unit's name is taken too.
   */
  // Sheet names that forms of several units share ("Phiếu tự đánh giá" in each unit's file): each
  // such form is named after its unit, the first as the others. (Forms of one unit under one name,
  // its blank form and its filled one, share nothing.)
  const unitsBySheetName = new Map<string, Set<unknown>>();
  for (const e of entries) {
    if ("skip" in e) continue;
    const key = cleanSheetName(e.sheet.name).toLocaleLowerCase("vi");
    unitsBySheetName.set(key, (unitsBySheetName.get(key) ?? new Set()).add(e.header.unitCode?.toLocaleLowerCase("vi") ?? e));
  }
  const shared = (sheetName: string) => (unitsBySheetName.get(cleanSheetName(sheetName).toLocaleLowerCase("vi"))?.size ?? 0) > 1;
  const nameFor = (sheetName: string, unitName: string | undefined): string => {
    const own = taken.free(cleanSheetName(sheetName)) && !shared(sheetName) && !DEFAULT_SHEET_NAME.test(cleanSheetName(sheetName));
    if (own || unitName === undefined || !taken.free(cleanSheetName(unitName))) return uniqueSheetName(sheetName, taken);
    return uniqueSheetName(unitName, taken);
  };
  /**
   * Why a sheet that starts as a form does (its header block) but has no table was left out,
   * naming the unit it names and where that unit's form is: taken from a file (the first chosen of
   * its code, or of its name when it gives no code), or in the workbook.
   */
  const notAFormReason = (file: string, sheet: string, unit: { code?: string; name?: string; fileAt: number }): Message => {
    const code = unit.code !== undefined ? unitKeyOf(caseSpelling(unit.code) ?? unit.code) : undefined;
    const name = nameKey(unit.name);
    const ofUnit = [...groups.values()].flat().filter((g) => (code !== undefined ? g.key === code : name !== undefined && g.name === name));
    const taken = ofUnit
      .map((g) => chosen.get(g))
      .filter((c): c is Candidate => c !== undefined)
      .sort((a, b) => a.order - b.order)[0];
    const there = ofUnit.find((g) => g.existing !== undefined && g.existing.sheet !== "")?.existing?.sheet;
    const whose: Message =
      unit.name !== undefined && unit.code !== undefined
        ? { vi: ` của ${unit.name} (${unit.code})`, en: ` of ${unit.name} (${unit.code})` }
        : unit.code !== undefined
          ? { vi: ` của đơn vị mã ${unit.code}`, en: ` of the unit with code ${unit.code}` }
          : unit.name !== undefined
            ? { vi: ` của ${unit.name}`, en: ` of ${unit.name}` }
            : { vi: "", en: "" };
    const form: Message = taken
      ? (() => {
          const ref = fileRef(taken);
          return { vi: `; phiếu của đơn vị được lấy từ trang '${taken.sheet}' (${ref.vi})`, en: `; the unit's form was taken from sheet '${taken.sheet}' (${ref.en})` };
        })()
      : there !== undefined
        ? { vi: `; phiếu của đơn vị đã có trong sổ tổng hợp (trang '${there}')`, en: `; the unit's form is in the consolidated workbook already (sheet '${there}')` }
        : { vi: "", en: "" };
    // Where what it holds stays: not advised to be copied into the workbook, where scoring would take it for the unit's unread form.
    const kept = fileAtWords(file, unit.fileAt);
    return {
      vi: `Trang tính '${sheet}' không phải phiếu tự đánh giá: trang có phần đầu như phiếu${whose.vi} nhưng không có bảng chỉ tiêu (dòng tiêu đề Mã | Nội dung | Số liệu và các dòng chỉ tiêu), nên không được chép sang sổ tổng hợp${form.vi}. Nội dung của trang (ví dụ phần giải trình) vẫn còn trong ${kept.vi}.`,
      en: `Sheet '${sheet}' is not a self-assessment form: it starts as a form${whose.en} does but has no table of indicators (a Code | Item | Value header row and the indicators' rows), so it was not copied into the consolidated workbook${form.en}. What it holds (notes, say) is still in ${kept.en}.`,
    };
  };
  /** Each take's unit, for inTemplateOrder. */
  const takenUnits: (UnitGroup | undefined)[] = [];
  for (const entry of entries) {
    if ("skip" in entry) {
      plan.skipped.push(entry.startsAsForm ? { ...entry.skip, reason: notAFormReason(entry.skip.file, entry.skip.sheet, entry.startsAsForm) } : entry.skip);
      continue;
    }
    const { file, sheet, header, candidate, group, spelling } = entry;
    let as: string;
    let replaces: string | undefined;
    if (candidate && group) {
      const own = chosen.get(group);
      if (own !== candidate) {
        // What the unit keeps: its own form taken, its form in the workbook (unless a filled one of
        // the code replaces it), or else the form its code keeps.
        const ofCode = codeKeep.get(group.key) ?? { filled: false };
        const ownInWorkbook = group.existing !== undefined && (!group.existing.blank || !ofCode.filled);
        const keep = own ?? (ownInWorkbook ? undefined : ofCode.keep);
        const where = fromFile(keep);
        const code = spelling ?? (header.unitCode as string);
        // "đơn vị mã SYT", or a unit without a code by its name.
        const unit: Message = header.noCode ? { vi: `đơn vị "${code}"`, en: `unit "${code}"` } : { vi: `đơn vị mã ${code}`, en: `the unit with code ${code}` };
        const filledKept = keep ? !keep.blank : ofCode.filled;
        // Kept in the workbook, taken as filled though only its top was read: not said to be filled.
        const unsure = !keep && filledKept && (ownInWorkbook ? group.existing!.unsure === true : ofCode.sure === false);
        // "Trang tính ẩn": a hidden sheet is named as hidden, the user may not know it is there.
        const named: Message = candidate.visible
          ? { vi: `Trang tính '${sheet.name}'`, en: `Sheet '${sheet.name}'` }
          : { vi: `Trang tính ẩn '${sheet.name}'`, en: `Hidden sheet '${sheet.name}'` };
        const readWins = candidate.header.unreadTable !== undefined && readCodes.has(group.key);
        const { duplicate, reason, kept } = duplicateReason({ candidate, keep, filledKept, unsure, readWins, file: fileRef(candidate), named, unit, where, existing: ownInWorkbook ? group.existing : undefined, keptAs: keep ? takenAs.get(keep) : undefined, ownFile: keep !== undefined && !keep.blank && !candidate.blank && keep.order > candidate.order && unitsFilledIn.get(keep.fileAt)?.size === 1 && (unitsFilledIn.get(candidate.fileAt)?.size ?? 0) > 1 });
        plan.skipped.push({ file, sheet: sheet.name, kind: "duplicate", ...(candidate.blank ? { blank: true as const } : {}), duplicate, ...(kept ? { kept } : {}), reason });
        continue;
      }
      replaces = replacing.get(candidate);
      as = replaces ?? nameFor(sheet.name, header.unitName);
      takenAs.set(candidate, as);
      // A second unit name kept under one code: two units claim the code, or, both forms filled,
      // perhaps one unit filled in twice under two names.
      const first = kept.get(group.key)?.[0];
      if (first && first !== group) {
        const firstKeep = chosen.get(first);
        const firstName = firstKeep?.header.unitName ?? first.existing?.name ?? first.code;
        // Both forms by sheet and file: the user opens them to see which is wrong.
        const firstSheet = firstKeep ? (replacing.get(firstKeep) ?? firstKeep.sheet) : first.existing?.sheet;
        const firstWhere = fromFile(firstKeep);
        const onSheet: Message = firstSheet ? { vi: `trang '${firstSheet}', `, en: `sheet '${firstSheet}', ` } : { vi: "", en: "" };
        const unit = `(${file}, đơn vị "${header.unitName ?? sheet.name}")`;
        const unitEn = `(${file}, unit "${header.unitName ?? sheet.name}")`;
        plan.warnings.push(
          candidate.blank
            ? {
                vi: `Trang tính '${sheet.name}' ${unit}: trùng mã ${group.code} với đơn vị "${firstName}" (${onSheet.vi}${firstWhere.vi}) nhưng khác tên. Phiếu vẫn được chép vào sổ và sẽ được báo lỗi khi chấm điểm — hãy sửa mã đơn vị cho đúng.`,
                en: `Sheet '${sheet.name}' ${unitEn}: same code ${group.code} as unit "${firstName}" (${onSheet.en}${firstWhere.en}), another name; copied so that scoring reports it — correct the unit code.`,
              }
            : {
                vi: `Trang tính '${sheet.name}' ${unit}: trùng mã ${group.code} với đơn vị "${firstName}" (${onSheet.vi}${firstWhere.vi}) nhưng khác tên; cả hai phiếu đều đã có số liệu. Phiếu vẫn được chép vào sổ và sẽ được báo lỗi khi chấm điểm — nếu là hai đơn vị khác nhau, hãy sửa mã đơn vị ghi sai; nếu là một đơn vị, hãy xóa phiếu thừa.`,
                en: `Sheet '${sheet.name}' ${unitEn}: same code ${group.code} as unit "${firstName}" (${onSheet.en}${firstWhere.en}), another name, both forms filled in; copied so that scoring reports it — if these are two units, correct the code of the one that is wrong; if one unit, remove the form not to be used.`,
              },
        );
      }
    } else as = nameFor(sheet.name, header.unitName);
    const where = fileAtWords(file, entry.fileAt);
    if (spelling !== undefined && header.unitCode !== undefined) {
      plan.warnings.push(codeCaseWarning({ where, sheet: sheet.name, as, cell: codeCellOf(sheet), written: header.unitCode, code: spelling, ...(replaces !== undefined ? { replaces } : {}) }));
    }
    if (header.unreadTable) plan.warnings.push(unreadTableWarning({ where, sheet: sheet.name, as, header, ...(spelling !== undefined ? { code: spelling } : {}) }));
    takenUnits.push(group);
    plan.take.push({
      file,
      fileAt: entry.fileAt,
      sheet: sheet.name,
      as,
      ...(header.unitCode !== undefined ? { unitCode: header.unitCode } : {}),
      ...(header.unitName !== undefined ? { unitName: header.unitName } : {}),
      ...(replaces !== undefined ? { replaces } : {}),
    });
  }
  plan.take = inTemplateOrder(plan.take, takenUnits, entries.flatMap((e) => ("skip" in e || !e.group ? [] : [{ fileAt: e.fileAt, unit: e.group }])));
  const mixed = mixedIndicesWarning(indices, [...(model ? [model.definition] : []), ...(options.knownIndices ?? [])], options.commandLine);
  if (mixed) plan.warnings.push(mixed);
  // Forms of another period than the workbook's (this year's into last year's scored workbook): said first, once.
  const incomingPeriods = entries.flatMap((e) => ("skip" in e || e.header.period === undefined ? [] : [e.header.period]));
  const existingPeriods = (options.existingForms ?? []).flatMap((f) => {
    const period = f.period ?? (f.snapshot ? detectLayoutA(f.snapshot)?.period : undefined);
    return period !== undefined ? [period] : [];
  });
  const otherPeriod = otherPeriodWarning(incomingPeriods, existingPeriods, options.commandLine);
  if (otherPeriod) plan.warnings.unshift(otherPeriod);
  // Forms of different periods among themselves, into a workbook that gives none (a new one): said first, once, naming who gives which.
  if (!existingPeriods.some((p) => periodKey(p) !== "")) {
    const unitOf = new Map(plan.take.map((t) => [`${t.fileAt}\u0000${t.sheet}`, t.unitName ?? t.unitCode ?? t.as]));
    const forms = entries.flatMap((e): PeriodGiven[] => {
      if ("skip" in e || e.header.period === undefined) return [];
      const unit = unitOf.get(`${e.fileAt}\u0000${e.sheet.name}`);
      return [{ file: e.file, fileAt: e.fileAt, period: e.header.period, ...(unit !== undefined ? { unit } : {}) }];
    });
    const mixed = mixedPeriodsWarning(forms);
    if (mixed) plan.warnings.unshift(mixed);
  }
  return plan;
}

/** A form coming in that gives its `Kỳ đánh giá`, as mixedPeriodsWarning weighs it. */
export interface PeriodGiven {
  file: string;
  /** Position of its file among the incoming files (two files of one name are told apart by it). */
  fileAt: number;
  /** Its `Kỳ đánh giá` as the header block gives it (LayoutAHeader.period). */
  period: string;
  /** The unit it is taken for (its name, else its code), when it is taken; undefined for a form left out. */
  unit?: string;
}

/** At most this many periods, files of a period, and units of a file are named in mixedPeriodsWarning's sentence. */
const MIXED_PERIODS_NAMED = 5;
const MIXED_FILES_NAMED = 5;
const MIXED_UNITS_NAMED = 3;

/**
 * What is said when the forms coming in give two or more periods among themselves (compared by
 * periodKey: "Năm 2024" and "2024", a date cell of 31/12/2024 and "31/12/2024" typed, are one
 * period) and the receiving workbook has none of its own (a new one; otherwise otherPeriodWarning
 * says what differs from the workbook's): each period, the one most files give first, with the
 * files that give it and, after each file, the units whose forms were taken from it for that
 * period — "Phiếu trong các tệp đã chọn ghi những kỳ đánh giá khác nhau: "Năm 2025": tệp a.xlsx
 * (Sở Y tế), tệp b.xlsx (Sở Nội vụ); "Năm 2024": tệp c.xlsx (Sở Tư pháp). …" — and what scoring
 * will do with them and what to do. A file of forms the pane has just made is "các phiếu vừa
 * tạo" (fileWords); two files of one name are "tệp thứ 2, phieu.xlsx". Forms that give no period
 * are not weighed. Undefined when the forms give fewer than two periods.
 */
export function mixedPeriodsWarning(forms: readonly PeriodGiven[]): Message | undefined {
  const byPeriod = new Map<string, { period: string; files: Map<number, { file: string; units: string[] }> }>();
  const positionsOf = new Map<string, Set<number>>();
  for (const f of forms) {
    const key = periodKey(f.period);
    if (key === "") continue;
    let given = byPeriod.get(key);
    if (!given) byPeriod.set(key, (given = { period: f.period, files: new Map() }));
    let file = given.files.get(f.fileAt);
    if (!file) given.files.set(f.fileAt, (file = { file: f.file, units: [] }));
    if (f.unit !== undefined && !file.units.includes(f.unit)) file.units.push(f.unit);
    positionsOf.set(f.file, (positionsOf.get(f.file) ?? new Set()).add(f.fileAt));
  }
  if (byPeriod.size < 2) return undefined;
  // The period most files give first (then in the order they came): the others read as those that differ.
  const periods = [...byPeriod.values()].map((p, i) => ({ ...p, i })).sort((a, b) => b.files.size - a.files.size || a.i - b.i);
  const fileName = (file: string, fileAt: number, lang: Lang): string => {
    const words = fileWords(file, lang);
    if (words !== file) return words;
    if ((positionsOf.get(file)?.size ?? 0) > 1) return lang === "vi" ? `tệp thứ ${fileAt + 1}, ${file}` : `file no. ${fileAt + 1}, ${file}`;
    return lang === "vi" ? `tệp ${file}` : file;
  };
  const more = (n: number, what: "file" | "unit" | "period", lang: Lang): string => {
    const vi = { file: "tệp", unit: "đơn vị", period: "kỳ" }[what];
    return lang === "vi" ? `và ${formatNumber(n, "vi")} ${vi} khác` : `and ${formatNumber(n, "en")} more ${what}${n === 1 ? "" : "s"}`;
  };
  // "A, B, C và 2 đơn vị khác" / "A, B, C, and 2 more units"; periods, each with its files, are parted by "; ".
  const named = (list: string[], limit: number, what: "file" | "unit" | "period", lang: Lang, sep = ", "): string =>
    list.slice(0, limit).join(sep) + (list.length > limit ? `${lang === "vi" && sep === ", " ? " " : sep}${more(list.length - limit, what, lang)}` : "");
  const list = (lang: Lang): string =>
    named(
      periods.map((p) => {
        // Files named alike (the pane's forms just made, in several files) are one entry, their units together.
        const byName = new Map<string, string[]>();
        for (const [fileAt, f] of p.files) {
          const name = fileName(f.file, fileAt, lang);
          const units = byName.get(name) ?? [];
          for (const u of f.units) if (!units.includes(u)) units.push(u);
          byName.set(name, units);
        }
        const files = [...byName].map(([name, units]) => (units.length > 0 ? `${name} (${named(units, MIXED_UNITS_NAMED, "unit", lang)})` : name));
        return `"${p.period}": ${named(files, MIXED_FILES_NAMED, "file", lang)}`;
      }),
      MIXED_PERIODS_NAMED,
      "period",
      lang,
      "; ",
    );
  return {
    vi: `Phiếu trong các tệp đã chọn ghi những kỳ đánh giá khác nhau: ${list("vi")}. Một sổ tổng hợp được chấm cho một kỳ đánh giá: khi chấm, tiêu đề trang kết quả sẽ ghi mọi kỳ khác nhau, và phiếu nào ghi kỳ khác với kỳ mà nhiều phiếu ghi nhất được cảnh báo tại ô Kỳ đánh giá của phiếu. Nếu có phiếu của kỳ khác (ví dụ phiếu kỳ trước gửi nhầm), hãy xóa trang đó khỏi sổ tổng hợp và đề nghị đơn vị gửi phiếu của kỳ này; nếu các phiếu cùng một kỳ, hãy ghi kỳ đó giống nhau trên mọi phiếu.`,
    en: `Forms in the chosen files give different assessment periods: ${list("en")}. A consolidated workbook is scored for one period: the results sheet's title will list every period the forms give, and each form whose period is not the one most forms give is warned about at its period cell. If some forms are of another period (last period's, sent by mistake), delete their sheets from the consolidated workbook and ask the units for this period's forms; if the forms are for one period, write it the same way on every form.`,
  };
}

/** At most this many periods are named on each side of otherPeriodWarning's sentence. */
const PERIODS_NAMED = 3;

/**
 * What is said when forms coming in (`incoming`, their `Kỳ đánh giá`) give a period that none of
 * the forms in the receiving workbook (`existing`) gives (compared by periodKey): "Phiếu trong các
 * tệp đã chọn ghi kỳ đánh giá "Năm 2025", khác với kỳ của các phiếu trong sổ tổng hợp ("Năm
 * 2024"). …" — this period's forms collected into last period's workbook, most likely: a unit
 * with a form there keeps it, its new one is left out (each said on its own), and a new unit's
 * form is added among last period's. Undefined when the workbook has no form giving a period, or
 * every period coming in is one of the workbook's.
 */
export function otherPeriodWarning(incoming: readonly string[], existing: readonly string[], commandLine = false): Message | undefined {
  const distinct = (list: readonly string[]): Map<string, string> => {
    const out = new Map<string, string>();
    for (const p of list) {
      const key = periodKey(p);
      if (key !== "" && !out.has(key)) out.set(key, p);
    }
    return out;
  };
  const there = distinct(existing);
  if (there.size === 0) return undefined;
  const other = [...distinct(incoming)].filter(([k]) => !there.has(k)).map(([, p]) => p);
  if (other.length === 0) return undefined;
  const quoted = (list: string[]): string => list.slice(0, PERIODS_NAMED).map((p) => `"${p}"`).join(", ") + (list.length > PERIODS_NAMED ? ", …" : "");
  const theirs = quoted(other);
  const ours = quoted([...there.values()]);
  return {
    vi: `Phiếu trong các tệp đã chọn ghi kỳ đánh giá ${theirs}, khác với kỳ của các phiếu trong sổ tổng hợp (${ours}): đơn vị nào đã có phiếu trong sổ thì giữ phiếu đó, phiếu mới không được lấy, còn phiếu của đơn vị mới được thêm vào cùng các phiếu kỳ trước. Nếu đây là phiếu của kỳ mới, hãy tổng hợp vào một sổ mới${commandLine ? " (--out với tên tệp mới)" : " (một sổ trống)"}, không phải sổ của kỳ trước.`,
    en: `Forms in the chosen files give the assessment period ${theirs}, unlike the forms in the consolidated workbook (${ours}): a unit that has a form in the workbook keeps it and its new form is not taken, while a new unit's form is added among the last period's. If these are a new period's forms, collect them into a new workbook${commandLine ? " (--out with a new file name)" : " (an empty one)"}, not the last period's.`,
  };
}

/**
 * The forms taken in the order of the template the units were sent (so that a council printing
 * the consolidated workbook gets the forms in the order of its list of units), not the order of
 * the files' names: each unit ranked by its first form in the first file that holds forms of
 * several units (the whole template, sent to every unit, each filling its own), then by later
 * such files for units the first does not hold; the forms of units no such file holds after
 * those, in the order they came. A unit is a code and a name (UnitGroup: two units claiming one
 * code in a file keep their own places there); a unit of a code ranked in an earlier file (the
 * unit's own copy of the template, its name written otherwise) takes that code's place, as does
 * one of a ranked code that only a file of its own holds. `units`: each take's unit, undefined
 * for a form that names none; `forms`: the unit of every form in the files, in the order they
 * came. A form replacing a blank one in the workbook keeps that blank's place whatever its rank
 * (the hosts put it there).
 */
function inTemplateOrder(take: CollectTake[], units: readonly (UnitGroup | undefined)[], forms: readonly { fileAt: number; unit: UnitGroup }[]): CollectTake[] {
  const byFile = new Map<number, UnitGroup[]>();
  for (const f of forms) {
    const list = byFile.get(f.fileAt) ?? [];
    if (!list.includes(f.unit)) list.push(f.unit);
    byFile.set(f.fileAt, list);
  }
  const rank = new Map<UnitGroup, number>();
  const codeRank = new Map<string, number>();
  let next = 0;
  for (const [, inFile] of [...byFile].sort((a, b) => a[0] - b[0])) {
    if (new Set(inFile.map((u) => u.key)).size < 2) continue;
    const codesBefore = new Set(codeRank.keys());
    for (const unit of inFile) {
      if (rank.has(unit)) continue;
      const r = codesBefore.has(unit.key) ? codeRank.get(unit.key)! : next++;
      rank.set(unit, r);
      if (!codeRank.has(unit.key)) codeRank.set(unit.key, r);
    }
  }
  if (rank.size === 0) return take;
  const at = (i: number): number => {
    const unit = units[i];
    return unit === undefined ? Infinity : (rank.get(unit) ?? codeRank.get(unit.key) ?? Infinity);
  };
  // A stable sort: forms of one place, and those of none, keep the order they came in.
  return take.map((t, i) => ({ t, i, r: at(i) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.t);
}
