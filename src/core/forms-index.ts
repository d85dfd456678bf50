/**
 * Which index a workbook's forms were made for: the `Bộ chỉ số` cell (`id@version`) that the
 * project's templates write in each form's header block. Used when a workbook holds no index of
 * its own (never scored) to pick the built-in index its forms name, and to name the forms'
 * index when the one in use is another.
 */
import { detectLayoutA } from "./collect";
import { normalizeText } from "./i18n/text";
import type { WorkbookSnapshot } from "./types";

/** The distinct `Bộ chỉ số` texts of the workbook's forms (layout-A sheets), as written, in sheet order. */
export function indicesNamedOnForms(snapshot: WorkbookSnapshot): string[] {
  const named: string[] = [];
  for (const sheet of snapshot.sheets) {
    const text = detectLayoutA(sheet)?.index;
    if (text === undefined) continue;
    const t = normalizeText(text);
    if (t !== "" && !named.includes(t)) named.push(t);
  }
  return named;
}

/** "dti-so-nganh-mau@mau-2023" → its id and version (no version when there is no "@"). */
export function parseIndexText(text: string): { id: string; version?: string } {
  const at = text.indexOf("@");
  if (at < 0) return { id: normalizeText(text) };
  return { id: normalizeText(text.slice(0, at)), version: normalizeText(text.slice(at + 1)) };
}

/** The built-in of `builtins` that `text` (`id@version`) names: same id (case ignored) and the very same version. */
export function builtinNamed<B extends { id: string; definition: unknown }>(text: string, builtins: readonly B[]): B | undefined {
  const { id, version } = parseIndexText(text);
  if (version === undefined) return undefined;
  const wanted = id.toLowerCase();
  return builtins.find((b) => b.id.toLowerCase() === wanted && normalizeText(String((b.definition as { version?: unknown }).version ?? "")) === version);
}

/**
 * The built-in index that the workbook's forms name in their `Bộ chỉ số` cell (id@version), when
 * every form that names one names the same and it is a built-in of that very version. `id` is
 * the text as the forms write it.
 */
export function builtinNamedOnForms<B extends { id: string; definition: unknown }>(
  snapshot: WorkbookSnapshot,
  builtins: readonly B[],
): { id: string; builtin: B; definition: unknown } | undefined {
  const named = indicesNamedOnForms(snapshot);
  if (named.length !== 1) return undefined;
  const text = named[0]!;
  const builtin = builtinNamed(text, builtins);
  return builtin ? { id: text, builtin, definition: builtin.definition } : undefined;
}
