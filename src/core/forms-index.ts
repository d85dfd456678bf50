/**
 * Which index a workbook's forms were made for: the `Bộ chỉ số` cell (`id@version`) that the
 * project's templates write in each form's header block. Used when a workbook holds no index of
 * its own (never scored) to pick the built-in index its forms name, and to name the forms'
 * index when the one in use is another.
 */
import { detectLayoutA } from "./form-sheets";
import { definitionHash, parseDefinition } from "./definition/parse";
import type { IndexDefinition, LocalizedText } from "./definition/schema";
import { type Message, normalizeText } from "./i18n/text";
import type { IndexRef } from "./index-words";
import { namesIndex, parseIndexText } from "./index-text";

export { namesIndex, parseIndexText } from "./index-text";
import { formDefinitionHash } from "./read/layout-a";
import { INDEX_SHEET } from "./plan/labels";
import type { SheetSnapshot, WorkbookSnapshot } from "./types";

/**
 * The sheets that may be forms: all but the project's `_index` (tens of thousands of rows in a
 * workbook of thousands of units, never a form; a CSV file of that name is the user's).
 */
function mayBeForms(snapshot: WorkbookSnapshot): SheetSnapshot[] {
  return snapshot.sheets.filter((s) => s.name !== INDEX_SHEET || s.csvFile !== undefined);
}

/** The distinct `Bộ chỉ số` texts of the workbook's forms (layout-A sheets), as written, in sheet order. */
export function indicesNamedOnForms(snapshot: WorkbookSnapshot): string[] {
  const named: string[] = [];
  for (const sheet of mayBeForms(snapshot)) {
    const text = detectLayoutA(sheet)?.index;
    if (text === undefined) continue;
    const t = normalizeText(text);
    if (t !== "" && !named.includes(t)) named.push(t);
  }
  return named;
}

/** The `Bộ chỉ số` texts of the workbook's forms (as indicesNamedOnForms), each with how many forms name it. */
export function formsPerIndexNamed(snapshot: WorkbookSnapshot): { index: string; forms: number }[] {
  const counts = new Map<string, number>();
  for (const sheet of mayBeForms(snapshot)) {
    const text = detectLayoutA(sheet)?.index;
    if (text === undefined) continue;
    const t = normalizeText(text);
    if (t !== "") counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts].map(([index, forms]) => ({ index, forms }));
}

/** An index a form names (`id@version`), with the name of the definition of that id when one is known (the one in use first). */
export function namedIndex(text: string, known: readonly unknown[]): IndexRef {
  const { id, version } = parseIndexText(text);
  const defs = known.map((d) => d as { id?: unknown; version?: unknown; name?: LocalizedText });
  const sameId = defs.filter((d) => typeof d.id === "string" && d.id.toLowerCase() === id.toLowerCase());
  const match = sameId.find((d) => version !== undefined && normalizeText(String(d.version ?? "")) === version) ?? sameId[0];
  return { id, ...(version !== undefined ? { version } : {}), ...(match?.name !== undefined ? { name: match.name } : {}) };
}

/**
 * The built-in of `builtins` that `text` (a form's `Bộ chỉ số`) names, as namesIndex reads it: by
 * id (case ignored) or by name, and, when the text gives a version, that very version. Undefined
 * when none or more than one built-in answers.
 */
export function builtinNamed<B extends { id: string; definition: unknown }>(text: string, builtins: readonly B[]): B | undefined {
  const { version } = parseIndexText(text);
  const answering = builtins.filter((b) => {
    const d = b.definition as { name?: LocalizedText; version?: unknown };
    if (namesIndex(text, { id: b.id, ...(d.name !== undefined ? { name: d.name } : {}) }) === undefined) return false;
    return version === undefined || normalizeText(String(d.version ?? "")) === version;
  });
  return answering.length === 1 ? answering[0] : undefined;
}

/**
 * The built-in index that the workbook's forms name in their `Bộ chỉ số` cell, when every form
 * that names one names the same built-in (builtinNamed: `id@version` as templates write it, the
 * id in capitals, the index's name; the version, when given, that very one), and no form records
 * that it was made from another definition (formsOfAdaptedBuiltin). `id` is the built-in's
 * `id@version`.
 */
export function builtinNamedOnForms<B extends { id: string; definition: unknown }>(
  snapshot: WorkbookSnapshot,
  builtins: readonly B[],
): { id: string; builtin: B; definition: unknown } | undefined {
  const named = indicesNamedOnForms(snapshot);
  if (named.length === 0) return undefined;
  const answers = named.map((text) => builtinNamed(text, builtins));
  const builtin = answers[0];
  if (!builtin || answers.some((b) => b !== builtin) || madeFromAnother(snapshot, builtin)) return undefined;
  return { id: `${builtin.id}@${String((builtin.definition as { version?: unknown }).version)}`, builtin, definition: builtin.definition };
}

/**
 * The `id@version` (as the forms write it) of a built-in the workbook's forms name but were not
 * made from: `template` ran on a definition that kept a built-in's id and version and changed its
 * content, and recorded so on the forms. Scoring them with the built-in would use the wrong
 * indicators and maxima; the definition they were made from must be given.
 */
export function formsOfAdaptedBuiltin<B extends { id: string; definition: unknown }>(snapshot: WorkbookSnapshot, builtins: readonly B[]): string | undefined {
  const named = indicesNamedOnForms(snapshot);
  if (named.length !== 1) return undefined;
  const builtin = builtinNamed(named[0]!, builtins);
  return builtin && madeFromAnother(snapshot, builtin) ? named[0] : undefined;
}

export { FORM_DEFINITION_PREFIX, formDefinitionHash } from "./read/layout-a";

/** Hashes of the built-ins' parsed definitions, computed once each. */
const builtinHashes = new WeakMap<object, string | null>();

/** The definition hash of a definition as written (a built-in's JSON), or null when it does not parse. */
function hashOfWritten(definition: unknown): string | null {
  const key = definition as object;
  let hash = builtinHashes.get(key);
  if (hash === undefined) {
    const parsed = parseDefinition(definition);
    hash = parsed.ok ? definitionHash(parsed.model.definition) : null;
    builtinHashes.set(key, hash);
  }
  return hash;
}

/** Whether a form of the workbook records (formDefinitionHash) a definition other than those of hashes `hashes` (one of them). */
function formsRecordOtherThan(snapshot: WorkbookSnapshot, hashes: readonly (string | null)[]): boolean {
  if (hashes[0] === null) return false;
  return snapshot.sheets.some((sheet) => {
    const recorded = formDefinitionHash(sheet);
    return recorded !== undefined && !hashes.includes(recorded);
  });
}

/** A built-in's content now, and as earlier releases of the same id and version wrote it (BuiltinIndex.formerHashes). */
interface Released {
  definition: unknown;
  formerHashes?: readonly string[];
}

/** The hashes of a built-in's content, now and in earlier releases that score the same. */
function releasedHashes(builtin: Released): (string | null)[] {
  return [hashOfWritten(builtin.definition), ...(builtin.formerHashes ?? [])];
}

/** Whether a form naming `builtin` records a definition other than it. */
function madeFromAnother(snapshot: WorkbookSnapshot, builtin: Released): boolean {
  return formsRecordOtherThan(snapshot, releasedHashes(builtin));
}

/** Whether a form of the workbook records that it was made from a definition other than `definition` (the one in use). */
export function formsMadeFromOtherThan(snapshot: WorkbookSnapshot, definition: IndexDefinition): boolean {
  return formsRecordOtherThan(snapshot, [definitionHash(definition)]);
}

/**
 * The built-in whose id and version `definition` takes while its content differs (an official's
 * copy of a sample, adapted but still called as the sample): forms made from it name the built-in.
 * A copy of an earlier release of the built-in that scores the same (formerHashes) is the built-in.
 */
export function builtinOfSameName<B extends { id: string; definition: unknown; formerHashes?: readonly string[] }>(definition: IndexDefinition, builtins: readonly B[]): B | undefined {
  const builtin = builtinNamed(`${definition.id}@${definition.version}`, builtins);
  return builtin && !releasedHashes(builtin).includes(definitionHash(definition)) ? builtin : undefined;
}

/**
 * The warning `template` gives for such a definition: change its id or its version. A copy of a
 * built-in sample edited under the sample's id and another version ("dti-so-nganh-mau@2025") is
 * told to take an id of the province's own: its forms would name the sample, and scoring them
 * with the sample chosen would score them by the sample's rules.
 */
export function sameNameAsBuiltinMessage(definition: IndexDefinition, builtins: readonly { id: string; definition: unknown; sample?: boolean }[]): Message | undefined {
  const sample = builtins.find((b) => b.sample && b.id === definition.id);
  const sampleVersion = (sample?.definition as { version?: unknown } | undefined)?.version;
  if (sample && sampleVersion !== definition.version) {
    return {
      vi: `Định nghĩa này vẫn giữ mã "${definition.id}" của bộ mẫu có sẵn (phiên bản ${String(sampleVersion)}), với phiên bản "${definition.version}": hãy đổi "id" thành mã riêng của tỉnh (ví dụ "dti-so-tinh-x") rồi tạo phiếu, để phiếu không bị nhầm với bộ mẫu khi chấm.`,
      en: `This definition keeps the id "${definition.id}" of the built-in sample (version ${String(sampleVersion)}), with version "${definition.version}": change its "id" to one of the province's own (e.g. "dti-so-tinh-x") before making forms, so that they are not taken for the sample's when scored.`,
    };
  }
  const same = builtinOfSameName(definition, builtins);
  if (!same) return undefined;
  const name = `${definition.id}@${definition.version}`;
  // A sample's copy takes an id of its own (a new version alone would still name the sample).
  if ((same as { sample?: boolean }).sample) {
    return {
      vi: `Định nghĩa này có mã và phiên bản (${name}) của bộ mẫu có sẵn nhưng nội dung khác: hãy đổi "id" thành mã riêng của tỉnh (ví dụ "dti-so-tinh-x") rồi tạo lại phiếu, để các phiếu không bị nhầm với bộ mẫu. Các phiếu tạo từ định nghĩa này chỉ chấm được với chính tệp định nghĩa này (dòng lệnh: --index <tệp.json>).`,
      en: `This definition has the id and version (${name}) of the built-in sample but other content: change its "id" to one of the province's own (e.g. "dti-so-tinh-x") and make the forms again, so that they are not taken for the sample's. Forms made from this definition can only be scored with this very definition file (command line: --index <file.json>).`,
    };
  }
  return {
    vi: `Định nghĩa này có mã và phiên bản (${name}) của một bộ chỉ số có sẵn nhưng nội dung khác: hãy đổi "id" hoặc "version" trong tệp định nghĩa rồi tạo lại phiếu, để các phiếu không bị nhầm với bộ chỉ số có sẵn. Các phiếu tạo từ định nghĩa này chỉ chấm được với chính tệp định nghĩa này (dòng lệnh: --index <tệp.json>).`,
    en: `This definition has the id and version (${name}) of a built-in index but other content: change its "id" or "version" and make the forms again, so that they are not taken for the built-in index. Forms made from this definition can only be scored with this very definition file (command line: --index <file.json>).`,
  };
}
