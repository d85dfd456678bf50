/** Language, localized text and the Vietnamese text rules (NFC, folding, collation). */
import type { LocalizedText } from "../definition/schema";

export type Lang = "vi" | "en";
export const LANGS: readonly Lang[] = ["vi", "en"];

/** A sentence in both languages. */
export interface Message {
  vi: string;
  en: string;
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
 * Text folded for loose matching: case, diacritics and the đ/Đ letter ignored
 * ("Không đạt" → "khong dat").
 */
export function foldText(s: string): string {
  return s
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

/** Format a number for display in the user's language (1.234,5 in vi; 1,234.5 in en). */
export function formatNumber(x: number, lang: Lang, decimals?: number): string {
  return new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", {
    minimumFractionDigits: decimals ?? 0,
    maximumFractionDigits: decimals ?? 4,
  }).format(x);
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A calendar date as people write it: 22/11/2026 in vi, 22 Nov 2026 in en (UTC, so runs agree everywhere). */
export function formatDate(d: Date, lang: Lang): string {
  const day = d.getUTCDate();
  const month = d.getUTCMonth();
  const year = d.getUTCFullYear();
  return lang === "vi"
    ? `${String(day).padStart(2, "0")}/${String(month + 1).padStart(2, "0")}/${year}`
    : `${day} ${MONTHS_EN[month]} ${year}`;
}
