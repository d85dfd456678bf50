/** Language, localized text and the Vietnamese text rules (NFC, folding, collation). */
import type { LocalizedText } from "../definition/schema";
import { roundHalfUp } from "../score/round";

export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];

/** A sentence in both languages. */
export interface Message {
  vi: string;
  en: string;
}

/** A sentence about what a write did on one sheet: `sheet` names it (a finding's sheet in the CLI's output). */
export interface SheetMessage extends Message {
  readonly sheet?: string;
}

export function localize(text: LocalizedText | Message | undefined, lang: Lang): string {
  if (text === undefined) return "";
  if (typeof text === "string") return text;
  return text[lang] ?? text[lang === "vi" ? "en" : "vi"] ?? "";
}

export function nfc(s: string): string {
  return s.normalize("NFC");
}

/** NFC, trimmed, inner whitespace collapsed. How Vietnamese text is compared for equality. */
export function normalizeText(s: string): string {
  return s.normalize("NFC").trim().replace(/\s+/g, " ");
}

/**
 * Characters that show nothing and that text pasted from Word or a PDF brings along: zero-width
 * space, non-joiner and joiner (U+200B–U+200D), word joiner (U+2060) and the byte order mark
 * (U+FEFF) anywhere in the text.
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** The text without the invisible characters above. */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, "");
}

/**
 * A code, a label or a unit's code or name as it is compared: invisible characters dropped, then
 * normalizeText ("SXD\u200B" and " SXD" are "SXD"). Not for free text kept as the user typed it.
 */
export function normalizeKey(s: string): string {
  return normalizeText(stripInvisible(s));
}

/**
 * Text folded for loose matching: case, diacritics, the đ/Đ letter and invisible characters
 * (stripInvisible) ignored ("Không đạt" → "khong dat").
 */
export function foldText(s: string): string {
  return stripInvisible(s)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, " ");
}

const viCollator = new Intl.Collator("vi", { sensitivity: "variant", numeric: true });

/** Compare names with Vietnamese collation (a < ă < â < b … đ after d). */
export function compareVi(a: string, b: string): number {
  return viCollator.compare(a.normalize("NFC"), b.normalize("NFC"));
}

/**
 * Format a number for display in the user's language (1.234,5 in vi; 1,234.5 in en). With
 * `decimals`, the figure is first rounded as ranks round it (roundHalfUp: half away from zero on
 * the number to 15 significant digits, as Excel), so that 5.004999999999999 shows as 5,01 like
 * the 5.005 it stands for, and a figure shown agrees with the rank it gives.
 */
export function formatNumber(x: number, lang: Lang, decimals?: number): string {
  if (needsExponent(x, decimals)) return exponentNumber(x, lang);
  return numberFormat(lang, decimals).format(decimals !== undefined ? roundHalfUp(x, decimals) : x);
}

/**
 * Whether a number is written in the short form of exponentNumber rather than in full: from 1e15
 * on (a cell holding 1e308 would be 309 digits, beyond the 15 a spreadsheet keeps), and, without
 * `decimals` (which round on purpose), a number too small to show in four decimals (1e-9, not "0").
 */
export function needsExponent(x: number, decimals?: number): boolean {
  if (!Number.isFinite(x) || x === 0) return false;
  const a = Math.abs(x);
  return a >= 1e15 || (decimals === undefined && a < 1e-4);
}

/** A number in the short form with an exponent, as `lang` writes decimals: 1,0e308 / 1.0e308, 2,5e-9 / 2.5e-9. */
export function exponentNumber(x: number, lang: Lang): string {
  return exponentFormat(lang).format(x).replace("E", "e");
}

const exponentFormats = new Map<Lang, Intl.NumberFormat>();
function exponentFormat(lang: Lang): Intl.NumberFormat {
  let f = exponentFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", { notation: "scientific", minimumFractionDigits: 1, maximumFractionDigits: 3 });
    exponentFormats.set(lang, f);
  }
  return f;
}

/** One formatter per language and decimals: making one is costly, and the pane formats thousands of figures. */
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, decimals: number | undefined): Intl.NumberFormat {
  const key = `${lang}/${decimals ?? ""}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", { minimumFractionDigits: decimals ?? 0, maximumFractionDigits: decimals ?? 4 });
    formats.set(key, f);
  }
  return f;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * A calendar date as people write it: 22/11/2026 in vi, 22 Nov 2026 in en. The day is the one of
 * the computer's clock (its time zone), as the pane shows the time of a run: a run at 6 in the
 * morning in Hà Nội (23:00 UTC the day before) is dated that morning. `offsetMinutes` (east of
 * UTC, 420 for Hà Nội) gives another zone.
 */
export function formatDate(d: Date, lang: Lang, offsetMinutes = -d.getTimezoneOffset()): string {
  const local = new Date(d.getTime() + offsetMinutes * 60_000);
  const day = local.getUTCDate();
  const month = local.getUTCMonth();
  const year = local.getUTCFullYear();
  return lang === "vi"
    ? `${String(day).padStart(2, "0")}/${String(month + 1).padStart(2, "0")}/${year}`
    : `${day} ${MONTHS_EN[month]} ${year}`;
}
