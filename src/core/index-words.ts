/** How messages name an index: by its name and version, by id@version when names do not tell two apart. */
import type { LocalizedText } from "./definition/schema";
import { type Lang, type Message, localize } from "./i18n/text";

/** An index as a message names it: its id, its version (none when a form names only the id) and its name when known. */
export interface IndexRef {
  id: string;
  version?: string;
  name?: LocalizedText | Message;
}

/** "phiên bản mau-2024" / "version mau-2024". */
function versionWords(version: string, lang: Lang): string {
  return `${lang === "vi" ? "phiên bản" : "version"} ${version}`;
}

/**
 * How a sentence names `index` beside `other`: `"Tên" phiên bản V` (`"Name" version V`); by
 * `id@version` in parentheses when another index has the same name; by its id when its name is
 * unknown. `short`: only `phiên bản V` when both are versions of one index (same id and name),
 * for the second of two named in one sentence.
 */
export function indexWords(index: IndexRef, other: IndexRef, lang: Lang, short = false): string {
  const name = index.name !== undefined ? localize(index.name, lang) : "";
  const otherName = other.name !== undefined ? localize(other.name, lang) : "";
  const version = index.version !== undefined ? versionWords(index.version, lang) : undefined;
  if (name === "") return `"${index.version !== undefined ? `${index.id}@${index.version}` : index.id}"`;
  if (name === otherName && index.id !== other.id) return `"${name}" (${index.version !== undefined ? `${index.id}@${index.version}` : index.id})`;
  if (short && name === otherName && version !== undefined) return version;
  return version !== undefined ? `"${name}" ${version}` : `"${name}"`;
}
