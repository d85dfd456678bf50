/**
 * How a form's `Bộ chỉ số` cell names an index. The project's templates write `id@version`
 * ("dti-so-nganh-mau@mau-2023"); people retype it as they read it: the id in capitals, or the
 * index's name as the instructions sheet titles it ("Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành …").
 * Every part of the project that tells the index of a form from another asks namesIndex.
 */
import type { LocalizedText } from "./definition/schema";
import { type Message, foldText, normalizeText } from "./i18n/text";

/** "dti-so-nganh-mau@mau-2023" → its id and version (no version when there is no "@"). */
export function parseIndexText(text: string): { id: string; version?: string } {
  const at = text.indexOf("@");
  if (at < 0) return { id: normalizeText(text) };
  return { id: normalizeText(text.slice(0, at)), version: normalizeText(text.slice(at + 1)) };
}

/** A name or id as typed, folded: case, diacritics, spacing and the kind of dash ignored. */
function foldName(text: string): string {
  return foldText(text.replace(/[\u2010-\u2015\u2212]/g, "-")).replace(/\s*-\s*/g, " - ");
}

/**
 * Whether `text` (a form's `Bộ chỉ số`) names the index `def`: by its id (case ignored) or by its
 * name in either language, each with or without `@version`. Undefined when it names another
 * index (or nothing: a blank text); otherwise the version it names, if any.
 */
export function namesIndex(text: string, def: { id: string; name?: LocalizedText | undefined }): { version?: string } | undefined {
  const { id, version } = parseIndexText(text);
  if (id === "") return undefined;
  const wanted = foldName(id);
  // `def` may be a definition read back from a workbook's `_index` as it stands: only strings are names.
  const name: unknown = def.name;
  const names: unknown[] = [def.id, ...(typeof name === "string" ? [name] : typeof name === "object" && name !== null ? [(name as { vi?: unknown }).vi, (name as { en?: unknown }).en] : [])];
  if (!names.some((n) => typeof n === "string" && foldName(n) === wanted)) return undefined;
  return version !== undefined ? { version } : {};
}

/** Whether a form's `Bộ chỉ số` text is a title typed in rather than an index's id (ids are a–z, digits and hyphens). */
export function isIndexTitle(text: string): boolean {
  const { id } = parseIndexText(text);
  return id !== "" && !/^[a-z0-9-]+$/i.test(id);
}

/**
 * What to do when forms' `Bộ chỉ số` cells hold titles (isIndexTitle) that name neither the index
 * in use nor its id: if they are forms of the index in use, type its id@version there.
 */
export function typeIndexIdAdvice(def: { id: string; version: unknown }): Message {
  const text = `${def.id}@${String(def.version)}`;
  return {
    vi: `Nếu các phiếu được lập theo bộ chỉ số đang dùng, hãy ghi ${text} vào ô Bộ chỉ số của từng phiếu.`,
    en: `If the forms were made for the index in use, type ${text} in each form's Index cell.`,
  };
}
