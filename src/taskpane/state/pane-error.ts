/**
 * What the pane makes of a workbook read that is needed wherever the workbook is checked (the
 * pane's thread, or a Web Worker: check-run.ts): a run that could not happen as the pane says it
 * (paneError: which index the forms were made for, where to put it right), and what the pane
 * reads of a snapshot once (`_index`, the indices the forms name, an edited copy of a built-in),
 * kept per snapshot. No React, no Office.js, no .xlsx library: a worker can load it.
 */
import type { IndexModel } from "../../core/definition/model";
import { problemLine } from "../../core/definition";
import { type Lang, type Message, localize } from "../../core/i18n/text";
import { BUILTIN_INDICES } from "../../indices";
import { type IndexSheetState, readIndexSheet } from "../../core/plan/index-sheet";
import { PipelineError } from "../../core/pipeline";
import { builtinNamed, formsOfAdaptedBuiltin, indicesNamedOnForms, namesIndex, parseIndexText } from "../../core/forms-index";
import { isIndexTitle, typeIndexIdAdvice } from "../../core/index-text";
import type { Issue, Submission, WorkbookSnapshot } from "../../core/types";
import { type StaleGroup, staleGroups, staleResults } from "../../core/stale";
import { t } from "../i18n";
import type { StepId } from "./usePane";

/**
 * An error that carries its sentence in both languages, and for a definition that cannot be used,
 * every one of its problems (`path: sentence`), to be listed one per line.
 */
export function isLocalizedError(e: unknown): e is { localized: Message; problems?: Message[]; intent?: "error" | "warning"; offer?: IndexOffer; goTo?: StepId } {
  return typeof e === "object" && e !== null && "localized" in e;
}
export class LocalizedError extends Error {
  constructor(
    readonly localized: Message,
    readonly problems?: Message[],
    /** "warning": something the user can put right in the pane (another index to choose). */
    readonly intent: "error" | "warning" = "error",
    /** A built-in index that would put it right, offered by a button in the notice. */
    readonly offer?: IndexOffer,
    /** The step where what the notice says is put right, offered by a button in the notice. */
    readonly goTo?: StepId,
  ) {
    super(localized.en);
  }
}

/** The built-in index the forms were made for, which the notice offers to switch to. */
export interface IndexOffer {
  builtinId: string;
}

/**
 * A PipelineError as the pane shows it: its sentence and, when it has them, all its problems. When
 * no form could be read because every form names another index, the sentence names that index and
 * says where to choose it.
 */
export function paneError(e: unknown, snapshot?: WorkbookSnapshot, model?: IndexModel): unknown {
  if (!(e instanceof PipelineError)) return e;
  if (snapshot && model && e.code === "layout-not-found" && e.found?.issues.some((i) => i.code === "definition-mismatch")) {
    const other = formsOfAnotherIndex(snapshot, model);
    if (other) return new LocalizedError(other.message, undefined, "warning", other.offer);
  }
  // No form at all: the forms are made, or brought in, in step 2.
  if (e.code === "layout-not-found" && !e.found?.issues.some((i) => i.code === "definition-mismatch")) return new LocalizedError(e.userMessage, undefined, "error", undefined, "collect");
  const problems = e.problems?.map((p) => ({ vi: problemLine(p, "vi"), en: problemLine(p, "en") }));
  return new LocalizedError(e.userMessage, problems && problems.length > 0 ? problems : undefined);
}

/**
 * "The forms were made for index X, not the one in use": X by its name when it is a built-in
 * (then step 1 offers it), by its `id@version` otherwise (then its definition file is needed).
 * Undefined when the forms name no index other than the one in use.
 */
export function formsOfAnotherIndex(snapshot: WorkbookSnapshot, model: IndexModel): { message: Message; offer?: IndexOffer } | undefined {
  return anotherIndex(namedOnForms(snapshot), model, "workbook");
}

/**
 * The sentence for forms made for other indices (`named`: their `Bộ chỉ số` texts, id@version)
 * than the one in use: in the open workbook ("so no form could be read"), in files being
 * brought in ("so no sheet was collected"), or in the open workbook as the Index step says it when
 * another index is chosen ("chosen": checking or scoring would read none). Undefined when none
 * names another index.
 *
 * A form of another version of the index in use (its id, another version) is read by the codes of
 * its rows, with a warning (core/read/layout-a.ts), copied in as any form, and forms of the index
 * chosen may be made beside it: it is said only as the Index step says it ("chosen"), that the
 * forms will be read with the version chosen (`readable`), when no form names another index.
 */
export function anotherIndex(
  named: string[],
  model: IndexModel,
  where: "workbook" | "files" | "beside" | "chosen" | "make",
): { message: Message; offer?: IndexOffer; readable?: true } | undefined {
  const def = model.definition;
  const inUse = `${def.id}@${def.version}`;
  const distinct = [...new Set(named.map((text) => text.trim()))].filter((text) => text !== "" && text !== inUse && text !== def.id);
  // As the reader tells them apart: another id is another index; the same id, another version of this one.
  const sameIndex = (text: string) => namesIndex(text, def) !== undefined;
  const others = distinct.filter((text) => !sameIndex(text));
  if (others.length === 0) {
    const versions = distinct.filter(sameIndex);
    return where === "chosen" && versions.length > 0 ? formsOfOtherVersions(versions, model) : undefined;
  }
  const builtins = others.map((text) => builtinNamed(text, BUILTIN_INDICES));
  const allBuiltin = builtins.every((b) => b !== undefined);
  // An index of the same name as the one in use (another version of it, or a file of one's own
  // named as the built-in one) is told apart by its version, or by id@version when the ids differ too.
  const sameName = (other: unknown, lang: Lang) => definitionName(other, lang) === definitionName(def, lang);
  const idOf = (d: unknown) => (d as { id?: unknown }).id;
  const told = (d: unknown, sameId: boolean, lang: Lang): string => {
    const x = d as { id?: unknown; version?: unknown };
    return `"${definitionName(d, lang)}" (${sameId ? versionText(x.version, lang) : `${String(x.id)}@${String(x.version)}`})`;
  };
  const clashing = (lang: Lang) => builtins.flatMap((b) => (b !== undefined && sameName(b.definition, lang) ? [b] : []));
  const names = (lang: Lang) =>
    others
      .map((text, i) => {
        const b = builtins[i];
        if (!b) return `"${text}"`;
        return sameName(b.definition, lang) ? told(b.definition, idOf(b.definition) === def.id, lang) : `"${definitionName(b.definition, lang)}"`;
      })
      .join(", ");
  const current = (lang: Lang) => {
    const clash = clashing(lang);
    return clash.length > 0 ? told(def, clash.every((b) => idOf(b.definition) === def.id), lang) : `"${definitionName(def, lang)}"`;
  };
  const one = others.length === 1;
  // The step as its tab shows it.
  const step = (lang: Lang) => t(lang, "stepIndexShort");
  const inFiles = where === "files";
  // Files of another index brought into a workbook whose forms are of the index in use: choosing
  // theirs would leave one workbook with two indices' forms, scored on one of them. Not to be offered.
  if (where === "beside") {
    const message: Message = {
      vi: `Các phiếu trong các tệp đã chọn được lập theo bộ chỉ số ${names("vi")}, không phải bộ chỉ số ${current("vi")} của các phiếu đã có trong sổ, nên chưa tổng hợp trang nào vào sổ. Một sổ chỉ chấm theo một bộ chỉ số: hãy tổng hợp các tệp này vào một sổ của riêng ${one ? "bộ chỉ số đó" : "từng bộ chỉ số"}.`,
      en: `The forms in the chosen files were made for the index ${names("en")}, not the index ${current("en")} of the forms already in this workbook, so no sheet was collected into it. A workbook is scored on one index: collect these files into a workbook of ${one ? "that index's" : "each index's"} own.`,
    };
    return { message };
  }
  // Forms of the index chosen about to be made into a workbook of another's: none is added (the
  // workbook's own forms say which index it is scored on); its index, or a file of their own.
  if (where === "make") {
    const make = (lang: Lang) => t(lang, "makeTemplates");
    const message: Message = {
      vi:
        `Các phiếu trong sổ được lập theo bộ chỉ số ${names("vi")}, không phải bộ chỉ số đang chọn ${current("vi")}, nên chưa thêm phiếu nào vào sổ: một sổ chỉ chấm theo một bộ chỉ số. ` +
        (allBuiltin
          ? `Để thêm phiếu vào sổ này, hãy dùng bộ chỉ số của các phiếu rồi bấm lại "${make("vi")}". `
          : `Để thêm phiếu vào sổ này, hãy mở tệp định nghĩa (.json) của ${one ? "bộ chỉ số này" : "bộ chỉ số của các phiếu"} ở bước 1 (${step("vi")}) rồi bấm lại "${make("vi")}". `) +
        t("vi", "templatesAsFileOr"),
      en:
        `The forms in this workbook were made for the index ${names("en")}, not the index chosen ${current("en")}, so no form was added to it: a workbook is scored on one index. ` +
        (allBuiltin
          ? `To add forms to this workbook, use the forms' index, then press "${make("en")}" again. `
          : `To add forms to this workbook, open the definition file (.json) of ${one ? "that index" : "the forms' index"} in step 1 (${step("en")}), then press "${make("en")}" again. `) +
        t("en", "templatesAsFileOr"),
    };
    return one && builtins[0] ? { message, offer: { builtinId: builtins[0].id } } : { message };
  }
  // Titles typed in the forms' Bộ chỉ số cells, not ids: what to type there if they are the index in use's.
  const titles = others.every(isIndexTitle) ? typeIndexIdAdvice(def) : undefined;
  const titled = (lang: Lang) => (titles ? ` ${titles[lang]}` : "");
  // One built-in index: the message comes with a button choosing it ("Dùng bộ chỉ số của các phiếu"), which it names.
  const offered = one && builtins[0] !== undefined;
  const message: Message = where === "chosen" ? {
    vi:
      `Các phiếu trong sổ được lập theo bộ chỉ số ${names("vi")}, không phải bộ chỉ số đang chọn ${current("vi")}: với bộ chỉ số đang chọn, kiểm tra hay chấm điểm sẽ không đọc được phiếu nào.` +
      (allBuiltin ? "" : ` Hãy mở tệp định nghĩa (.json) của ${one ? "bộ chỉ số này" : "bộ chỉ số của các phiếu"}.`) +
      titled("vi"),
    en:
      `The forms in this workbook were made for the index ${names("en")}, not the index chosen ${current("en")}: with the index chosen, checking or scoring reads none of them.` +
      (allBuiltin ? "" : ` Open the definition file (.json) of ${one ? "that index" : "the forms' index"}.`) +
      titled("en"),
  } : {
    vi:
      `Các phiếu trong ${inFiles ? "các tệp đã chọn" : "sổ"} được lập theo bộ chỉ số ${names("vi")}, không phải bộ chỉ số đang dùng ${current("vi")}, nên ${inFiles ? "chưa tổng hợp trang nào vào sổ" : "chưa đọc được phiếu nào"}. ` +
      (offered
        ? `Bấm "${t("vi", "useBuiltinIndex")}" rồi ${inFiles ? "tổng hợp lại các tệp" : "làm lại bước này"}.`
        : allBuiltin
          ? `Hãy chọn ${one ? "bộ chỉ số này" : "bộ chỉ số của các phiếu"} ở bước 1 (${step("vi")}) rồi ${inFiles ? "tổng hợp lại các tệp" : "làm lại bước này"}.`
          : `Hãy mở tệp định nghĩa (.json) của ${one ? "bộ chỉ số này" : "bộ chỉ số của các phiếu"} ở bước 1 (${step("vi")}) rồi ${inFiles ? "tổng hợp lại các tệp" : "làm lại bước này"}.`) +
      titled("vi"),
    en:
      `The forms in ${inFiles ? "the chosen files" : "this workbook"} were made for the index ${names("en")}, not the index in use ${current("en")}, so ${inFiles ? "no sheet was collected into the workbook" : "no form could be read"}. ` +
      (offered
        ? `Press "${t("en", "useBuiltinIndex")}", then ${inFiles ? "collect the files again" : "do this step again"}.`
        : allBuiltin
          ? `Choose ${one ? "that index" : "the forms' index"} in step 1 (${step("en")}), then ${inFiles ? "collect the files again" : "do this step again"}.`
          : `Open the definition file (.json) of ${one ? "that index" : "the forms' index"} in step 1 (${step("en")}), then ${inFiles ? "collect the files again" : "do this step again"}.`) +
      titled("en"),
  };
  return offered ? { message, offer: { builtinId: builtins[0]!.id } } : { message };
}

/**
 * The Index step's sentence for forms of other versions of the index chosen (`texts`: id@version):
 * checking or scoring reads them by the codes of their rows with the version chosen, a warning on
 * each form, what the versions differ on said as missing rows and unknown codes. The forms'
 * version is offered when it is a built-in one.
 */
function formsOfOtherVersions(texts: string[], model: IndexModel): { message: Message; offer?: IndexOffer; readable: true } {
  const def = model.definition;
  const versions = texts.map((text) => parseIndexText(text).version ?? "").join(", ");
  const chosen = String(def.version);
  const one = texts.length === 1;
  const name = (lang: Lang) => definitionName(def, lang);
  const message: Message = {
    vi:
      `Các phiếu trong sổ được lập theo bộ chỉ số "${name("vi")}" phiên bản ${versions}, không phải phiên bản đang chọn (${chosen}): ` +
      `kiểm tra hay chấm điểm sẽ đọc các phiếu theo mã ở từng dòng với phiên bản ${chosen}, mỗi phiếu có một cảnh báo; ` +
      `hãy xem lại các dòng mà ${one ? "hai" : "các"} phiên bản khác nhau (dòng còn thiếu, mã không có trong phiên bản ${chosen}).`,
    en:
      `The forms in this workbook were made for the index "${name("en")}" version ${versions}, not the version chosen (${chosen}): ` +
      `checking or scoring reads them by the codes of their rows with version ${chosen}, with a warning on each form; ` +
      `check the rows on which the ${one ? "two " : ""}versions differ (rows missing, codes version ${chosen} does not have).`,
  };
  const builtin = one ? builtinNamed(texts[0]!, BUILTIN_INDICES) : undefined;
  return { message, readable: true, ...(builtin ? { offer: { builtinId: builtin.id } } : {}) };
}

/** "phiên bản 2024" / "version 2024". */
function versionText(version: unknown, lang: Lang): string {
  return `${lang === "vi" ? "phiên bản" : "version"} ${String(version)}`;
}

const indexSheets = new WeakMap<WorkbookSnapshot, IndexSheetState | null>();

/**
 * The workbook's `_index` as the pane reads it: once per workbook read (a scored workbook's
 * `_index` holds a line for each mark and each unit, thousands of lines), however many times the
 * pane asks (its download's name, the banners, the index it holds). Not to be changed.
 */
export function indexSheetOf(snapshot: WorkbookSnapshot): IndexSheetState | undefined {
  let found = indexSheets.get(snapshot);
  if (found === undefined) {
    found = readIndexSheet(snapshot) ?? null;
    indexSheets.set(snapshot, found);
  }
  return found ?? undefined;
}

const namedIndices = new WeakMap<WorkbookSnapshot, string[]>();

/** The indices the workbook's forms name (indicesNamedOnForms: every form looked at), once per workbook read. Not to be changed. */
export function namedOnForms(snapshot: WorkbookSnapshot): string[] {
  let named = namedIndices.get(snapshot);
  if (!named) namedIndices.set(snapshot, (named = indicesNamedOnForms(snapshot)));
  return named;
}

const adaptedBuiltins = new WeakMap<WorkbookSnapshot, string | null>();

/** The built-in the forms name but were not made from (formsOfAdaptedBuiltin), once per workbook read. */
export function adaptedBuiltinOnForms(snapshot: WorkbookSnapshot): string | undefined {
  let found = adaptedBuiltins.get(snapshot);
  if (found === undefined) {
    // Only forms that all name one built-in can be of an edited copy of it: no other form is looked at again.
    const named = namedOnForms(snapshot);
    found = named.length === 1 && builtinNamed(named[0]!, BUILTIN_INDICES) ? (formsOfAdaptedBuiltin(snapshot, BUILTIN_INDICES) ?? null) : null;
    adaptedBuiltins.set(snapshot, found);
  }
  return found ?? undefined;
}

/** The index as users know it: its name (its version code is for files and logs, not for sentences). */
export function definitionName(definition: unknown, lang: Lang): string {
  const d = definition as { name?: Parameters<typeof localize>[0]; id?: string };
  return d.name !== undefined ? localize(d.name, lang) : (d.id ?? "?");
}


/**
 * What a snapshot's reading gave elsewhere (the worker that checked a copy of it: check-run.ts's
 * snapshotFacts), kept for this snapshot so that the pane's thread does not read it again. The
 * same functions on the same cells: what they would have found here.
 */
export interface SnapshotFacts {
  indexSheet: IndexSheetState | null;
  named: string[];
  adapted: string | null;
}

/** What indexSheetOf, namedOnForms and adaptedBuiltinOnForms find in `snapshot`, each read once. */
export function snapshotFacts(snapshot: WorkbookSnapshot): SnapshotFacts {
  return { indexSheet: indexSheetOf(snapshot) ?? null, named: namedOnForms(snapshot), adapted: adaptedBuiltinOnForms(snapshot) ?? null };
}

/** Keeps `facts` (found in a copy of `snapshot`) as what `snapshot` holds. */
export function keepSnapshotFacts(snapshot: WorkbookSnapshot, facts: SnapshotFacts): void {
  indexSheets.set(snapshot, facts.indexSheet);
  namedIndices.set(snapshot, facts.named);
  adaptedBuiltins.set(snapshot, facts.adapted);
}

/** The version the pane stamps in what it writes. */
export const PROJECT_VERSION = "0.1.0";

/**
 * What changed since the workbook was scored, by kind (the command line's: staleGroups), from a
 * snapshot the pane read anyway: null for a workbook never scored (or whose `_index` keeps no
 * definition), an empty list when the results are up to date. `previous` (`_index` already read)
 * and `current` (the workbook already read with the definition in use) save reading them again.
 */
export function staleSince(
  snapshot: WorkbookSnapshot,
  lang: Lang,
  previous: IndexSheetState | null | undefined = indexSheetOf(snapshot),
  current?: { model: IndexModel; submissions: Submission[]; issues: Issue[] },
): StaleGroup[] | null {
  if (!previous?.provenance || previous.definitionJson === undefined) return null;
  const stale = staleResults(snapshot, current, lang, previous);
  return stale ? staleGroups(stale) : [];
}
