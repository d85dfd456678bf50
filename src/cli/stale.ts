/**
 * What the command line says about results older than the workbook's inputs (the comparison
 * itself is the core's, src/core/stale.ts, shared with the Excel host).
 */
import { formatDate, type Lang, type Message } from "../core/i18n/text";
import type { StaleResults } from "../core/stale";

export { staleResults, type StaleResults } from "../core/stale";

/** What the user is told to do: validate → score again; score → with --out, or it was done now. */
export type StaleAdvice = "score-again" | "score-with-out" | "rescored";

/** At most this many units are named in the sentence. */
const NAMES_SHOWN = 5;

function names(keys: string[], nameOf: (key: string) => string, lang: Lang): string {
  const shown = keys.slice(0, NAMES_SHOWN).map(nameOf);
  const more = keys.length - shown.length;
  if (more > 0) shown.push(lang === "vi" ? `và ${more} đơn vị khác` : `and ${more} more`);
  return shown.join(", ");
}

/**
 * "Kết quả đã cũ: 1 đơn vị đã thay đổi số liệu từ lần chấm điểm 01/12/2026 (Sở Xây dựng). Hãy
 * chấm điểm lại." Units are named by name where the workbook has one.
 */
export function staleMessage(stale: StaleResults, nameOf: (key: string) => string, advice: StaleAdvice): Message {
  const at = new Date(stale.scoredAt);
  const date = (lang: Lang): string => (Number.isNaN(at.getTime()) ? stale.scoredAt : formatDate(at, lang));
  const tail: Message =
    advice === "score-again"
      ? { vi: "Hãy chấm điểm lại.", en: "Score again." }
      : advice === "score-with-out"
        ? { vi: "Hãy chấm điểm lại với --out để cập nhật sổ.", en: "Score again with --out to update the workbook." }
        : { vi: "Lần chấm này tính lại kết quả.", en: "This run computes them again." };
  const kinds = [
    { keys: stale.changed, vi: "đã thay đổi số liệu", en: (n: number) => (n === 1 ? "unit's figures changed" : "units' figures changed") },
    { keys: stale.added, vi: "mới có trong sổ", en: (n: number) => (n === 1 ? "unit is new" : "units are new") },
    { keys: stale.removed, vi: "không còn trong sổ", en: (n: number) => (n === 1 ? "unit is gone" : "units are gone") },
  ].filter((k) => k.keys.length > 0);
  if (kinds.length === 0) {
    return {
      vi: `Kết quả đã cũ: số liệu đã thay đổi từ lần chấm điểm ${date("vi")}. ${tail.vi}`,
      en: `The results are out of date: the figures changed since they were scored on ${date("en")}. ${tail.en}`,
    };
  }
  if (kinds.length === 1) {
    const k = kinds[0]!;
    const n = k.keys.length;
    return {
      vi: `Kết quả đã cũ: ${n} đơn vị ${k.vi} từ lần chấm điểm ${date("vi")} (${names(k.keys, nameOf, "vi")}). ${tail.vi}`,
      en: `The results are out of date: ${n} ${k.en(n)} since they were scored on ${date("en")} (${names(k.keys, nameOf, "en")}). ${tail.en}`,
    };
  }
  const parts = (lang: Lang): string =>
    kinds
      .map((k) => {
        const n = k.keys.length;
        return `${n} ${lang === "vi" ? `đơn vị ${k.vi}` : k.en(n)} (${names(k.keys, nameOf, lang)})`;
      })
      .join("; ");
  return {
    vi: `Kết quả đã cũ: từ lần chấm điểm ${date("vi")}, ${parts("vi")}. ${tail.vi}`,
    en: `The results are out of date: since they were scored on ${date("en")}, ${parts("en")}. ${tail.en}`,
  };
}
