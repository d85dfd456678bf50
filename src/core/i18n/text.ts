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
 * Characters that show nothing and that text pasted from Word or a PDF brings along: the soft
 * hyphen (U+00AD, shown only where a line breaks), zero-width space, non-joiner and joiner
 * (U+200B–U+200D), word joiner (U+2060) and the byte order mark (U+FEFF) anywhere in the text.
 */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

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
 * Full-width forms as their ASCII letters, digits and signs: "２８８", "73,9％", "１.１", "Ｃó" as an
 * East Asian keyboard (or a PDF) gives them, and the ideographic space as a space. Only these are
 * taken from Unicode's compatibility forms (NFKC): the rest of NFKC would also read "m²" as "m2",
 * "10³" as "103" and "½" as "1⁄2".
 */
export function foldWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) => c.normalize("NFKC"));
}

/**
 * Text folded for loose matching: case, diacritics, the đ/Đ letter and its look-alike, the Latin
 * eth ð/Ð (U+00F0, U+00D0: a font or a keyboard layout gives it for Đ), full-width forms
 * (foldWidth) and invisible characters (stripInvisible) ignored ("Không đạt", "ÐẠT" → "khong dat", "dat").
 */
export function foldText(s: string): string {
  return foldWidth(stripInvisible(s))
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐðÐ]/g, "d")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, " ");
}

/** The five tone marks of Vietnamese, as NFD writes them: grave, acute, tilde, hook above, dot below. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Text with each word's tone mark moved after its last letter (in NFC), so that the old and the new
 * placement of a tone mark read alike: "hóa" and "hoá", "thủy" and "thuỷ", "òa" and "oà", "úy" and
 * "uý" are all "hoá", "thuỷ", "oà", "uý". A syllable has one tone, and where it sits tells no two
 * words apart, so nothing else is made alike. Letters, their case and the other marks (â, ă, ơ, ư)
 * are kept.
 */
export function tonePlacementKey(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\p{L}\p{M}]+/gu, (word) => {
      const tones = word.match(TONE_MARKS);
      return tones ? word.replace(TONE_MARKS, "") + tones.join("") : word;
    })
    .normalize("NFC");
}

/**
 * How two spellings of a name that are alike but for letter case and the placement of tone marks
 * differ: "case" ("Sở Y tế", "SỞ Y TẾ"), "tone" ("Sở Văn hóa", "Sở Văn hoá") or "case-and-tone".
 */
export function spellingDifference(a: string, b: string): "case" | "tone" | "case-and-tone" {
  const lower = (s: string): string => normalizeKey(s).toLocaleLowerCase("vi");
  if (lower(a) === lower(b)) return "case";
  return tonePlacementKey(normalizeKey(a)) === tonePlacementKey(normalizeKey(b)) ? "tone" : "case-and-tone";
}

/**
 * What two spellings of a unit's name differ in (spellingDifference), as the list's warning and the
 * reader's (duplicate-unit-name) say it: letter case, where the tone marks sit (the old and the
 * new placement: "hoá", "hóa"), or both.
 */
export const SPELLING_DIFFERENCES: Record<ReturnType<typeof spellingDifference>, Message> = {
  case: { vi: "chữ hoa, chữ thường", en: "letter case" },
  tone: { vi: 'vị trí dấu thanh (như "hoá" và "hóa", "thuỷ" và "thủy")', en: 'where the tone marks sit (as in "hoá" and "hóa", "thuỷ" and "thủy")' },
  "case-and-tone": {
    vi: 'chữ hoa, chữ thường và vị trí dấu thanh (như "hoá" và "hóa", "thuỷ" và "thủy")',
    en: 'letter case and where the tone marks sit (as in "hoá" and "hóa", "thuỷ" and "thủy")',
  },
};

/**
 * The old 8-bit encodings of Vietnamese still met in workbooks typed before Unicode: TCVN3 (ABC,
 * the .VnTime fonts) and VNI Windows (the VNI-Times fonts). Text typed in one of them shows right
 * only in its font; read as Unicode it is "§¬n vÞ" (TCVN3) or "Ñôn vò" (VNI) for "Đơn vị".
 */
export type LegacyEncoding = "tcvn3" | "vni";

/**
 * TCVN3 (ABC): the Unicode letter of each byte 0xA1–0xFE its fonts draw, keyed by the character that
 * byte is when read as Latin-1, as the text comes into a cell. The .VnTimeH fonts draw the same bytes
 * in capitals. "ư" is 0xAD, the soft hyphen.
 */
const TCVN3: ReadonlyMap<string, string> = (() => {
  const letters: [number, string][] = [
    [0xa1, "Ă"], [0xa2, "Â"], [0xa3, "Ê"], [0xa4, "Ô"], [0xa5, "Ơ"], [0xa6, "Ư"], [0xa7, "Đ"],
    [0xa8, "ă"], [0xa9, "â"], [0xaa, "ê"], [0xab, "ô"], [0xac, "ơ"], [0xad, "ư"], [0xae, "đ"],
    [0xb5, "à"], [0xb6, "ả"], [0xb7, "ã"], [0xb8, "á"], [0xb9, "ạ"],
    [0xbb, "ằ"], [0xbc, "ẳ"], [0xbd, "ẵ"], [0xbe, "ắ"], [0xc6, "ặ"],
    [0xc7, "ầ"], [0xc8, "ẩ"], [0xc9, "ẫ"], [0xca, "ấ"], [0xcb, "ậ"],
    [0xcc, "è"], [0xce, "ẻ"], [0xcf, "ẽ"], [0xd0, "é"], [0xd1, "ẹ"],
    [0xd2, "ề"], [0xd3, "ể"], [0xd4, "ễ"], [0xd5, "ế"], [0xd6, "ệ"],
    [0xd7, "ì"], [0xd8, "ỉ"], [0xdc, "ĩ"], [0xdd, "í"], [0xde, "ị"],
    [0xdf, "ò"], [0xe1, "ỏ"], [0xe2, "õ"], [0xe3, "ó"], [0xe4, "ọ"],
    [0xe5, "ồ"], [0xe6, "ổ"], [0xe7, "ỗ"], [0xe8, "ố"], [0xe9, "ộ"],
    [0xea, "ờ"], [0xeb, "ở"], [0xec, "ỡ"], [0xed, "ớ"], [0xee, "ợ"],
    [0xef, "ù"], [0xf1, "ủ"], [0xf2, "ũ"], [0xf3, "ú"], [0xf4, "ụ"],
    [0xf5, "ừ"], [0xf6, "ử"], [0xf7, "ữ"], [0xf8, "ứ"], [0xf9, "ự"],
    [0xfa, "ỳ"], [0xfb, "ỷ"], [0xfc, "ỹ"], [0xfd, "ý"], [0xfe, "ỵ"],
  ];
  return new Map(letters.map(([byte, letter]) => [String.fromCharCode(byte), letter]));
})();

/**
 * VNI Windows writes most letters as a base letter followed by a mark, each a byte read as Latin-1:
 * a tone after a, e, o, u, y, ơ or ư ("Coù" is "Có"); a circumflex with its tone after a, e or o
 * ("Khoâng", "teá"); a breve with its tone after a ("naêm"). ơ, ư, đ and the i with a tone are
 * letters of their own ("Sôû", "Ñôn vò").
 */
const VNI_TONE: Record<string, string> = { ù: "\u0301", ø: "\u0300", û: "\u0309", õ: "\u0303", ï: "\u0323" };
const VNI_HAT: Record<string, string> = { â: "", á: "\u0301", à: "\u0300", å: "\u0309", ã: "\u0303", ä: "\u0323" };
const VNI_BREVE: Record<string, string> = { ê: "", é: "\u0301", è: "\u0300", ú: "\u0309", ü: "\u0303", ë: "\u0323" };
const VNI_LETTERS: Record<string, string> = { ô: "o\u031B", ö: "u\u031B", í: "i\u0301", ì: "i\u0300", æ: "i\u0309", ó: "i\u0303", ò: "i\u0323", î: "y\u0323", ñ: "đ" };

/** The letter or mark of a VNI byte, whatever its case ("Ù" as "ù"), and whether it is a capital. */
function vniOf(table: Record<string, string>, c: string | undefined): string | undefined {
  return c === undefined ? undefined : table[c.toLowerCase()];
}

/** VNI text as Unicode, or undefined when it is not VNI text: a character VNI does not write, or a mark after no letter it goes on. */
function fromVni(text: string): string | undefined {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const lower = c.toLowerCase();
    const upper = c !== lower;
    if (c.charCodeAt(0) < 0x80) {
      const next = text[i + 1];
      if ("aeo".includes(lower) && vniOf(VNI_HAT, next) !== undefined) {
        out += c + "\u0302" + vniOf(VNI_HAT, next)!;
        i++;
      } else if (lower === "a" && vniOf(VNI_BREVE, next) !== undefined) {
        out += c + "\u0306" + vniOf(VNI_BREVE, next)!;
        i++;
      } else if ("aeouy".includes(lower) && vniOf(VNI_TONE, next) !== undefined) {
        out += c + vniOf(VNI_TONE, next)!;
        i++;
      } else out += c;
      continue;
    }
    const letter = VNI_LETTERS[lower];
    if (letter === undefined) return undefined;
    const base = upper ? letter.charAt(0).toUpperCase() + letter.slice(1) : letter;
    // ơ and ư take a tone after them ("Sôû" is "Sở").
    const tone = lower === "ô" || lower === "ö" ? vniOf(VNI_TONE, text[i + 1]) : undefined;
    out += base + (tone ?? "");
    if (tone !== undefined) i++;
  }
  return out.normalize("NFC");
}

/**
 * Text typed in a legacy encoding, as Unicode: each character read as the letter its byte is in
 * that encoding. Undefined when the text holds nothing to convert (plain ASCII) or a character the
 * encoding does not write (any Unicode Vietnamese letter beyond Latin-1, "ở", "ư", "ạ", is one):
 * then it is no text of that encoding.
 */
export function fromLegacy(text: string, encoding: LegacyEncoding): string | undefined {
  if (!/[\u0080-\uffff]/.test(text)) return undefined;
  if (encoding === "vni") return fromVni(text);
  let out = "";
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) out += c;
    else {
      const letter = TCVN3.get(c);
      if (letter === undefined) return undefined;
      out += letter;
    }
  }
  return out;
}

/**
 * What shows text is TCVN3 rather than Unicode: the marks TCVN3 types letters with, where Unicode
 * text never has them: "§" and "®" (Đ, đ) before a letter, "¬" (ơ) beside one, "«" (ô) after one,
 * "»" (ằ) before one, a sign of 0xA1–0xBE or "×", "Þ", "÷", "þ" after a letter ("M·", "gi¸",
 * "c©n"; not "l·l" of Catalan, "¹" only inside a word, as a footnote's is not), and a capital of
 * 0xC6–0xDE after a consonant in small letters ("vÞ", "tÕ", "chØ"), which Unicode Vietnamese never
 * writes. French quotes («Có»), "©", "®" after a name, "§ 3" or "5µm" are none.
 */
const TCVN3_SIGNS =
  /[§®](?=[A-Za-z\u00A1-\u00FF])|(?<=[A-Za-z\u00A1-\u00FF])¬|¬(?=[A-Za-z\u00A1-\u00FF])|(?<=[A-Za-z])«|»(?=[A-Za-z])|[¡¢£¤¥¦](?=[a-z])|(?<=[A-Za-z])(?:[¡¢£¤¥¦¨©ªµ¶¸¼½¾×Þ÷þ]|·(?![lL])|¹(?=[a-z]))|(?<=[b-df-hj-np-tv-z])[ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞ]/;

/**
 * What shows text is VNI rather than Unicode: a tone mark byte after a vowel ("aø", "oû", "eõ":
 * Unicode never puts "ø", "û" or "õ" there), a tone after VNI's ơ or ư ("ôø", "öï"), a circumflex
 * after a, e or o ("oâ", "eä"), a breve after a ("aê"), and VNI's đ ("ñ", "Ñ") starting a word
 * before its ơ, ư or a vowel with a mark ("Ñôn", "ñaùnh"). French "où", "Haïti", Spanish "Saúl",
 * "año", "Ñuñoa" are none.
 */
const VNI_SIGNS = /[aeouyAEOUY][øûõØÛÕ]|[ôöÔÖ][ùøûõïÙØÛÕÏ]|[aeoAEO][âäåÂÄÅ]|[aA][êÊ]|(?<!\p{L})[ñÑ](?=[ôöÔÖ]|[aeiouyAEIOUY][ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË])/u;

/**
 * The legacy encoding (LegacyEncoding) a text is surely typed in, or undefined. Surely: the text
 * is one of that encoding (fromLegacy) and shows a sign of it (TCVN3_SIGNS, VNI_SIGNS) that text
 * in Unicode, Vietnamese or another language, never shows, so that a name typed in Unicode, "Côte
 * d'Ivoire", "Türkiye" or "São Tomé" is never taken for one. "Cã" ("Có" in TCVN3) shows no such
 * sign: legacyMeaning tells it where the answers a cell takes are known.
 */
export function legacyEncodingOf(text: string): LegacyEncoding | undefined {
  if (!/[\u00A1-\u00FF]/.test(text)) return undefined;
  if (TCVN3_SIGNS.test(text) && fromLegacy(text, "tcvn3") !== undefined) return "tcvn3";
  if (VNI_SIGNS.test(text) && fromLegacy(text, "vni") !== undefined) return "vni";
  return undefined;
}

/**
 * The legacy encoding in which a text means what `accepts` takes ("Cã" is "Có" in TCVN3, "Khoâng"
 * is "Không" in VNI, "Kh«ng cã" is "Không có"), or undefined. For text that is no such thing as
 * typed: what it means read another way tells what the official meant, and is said as advice.
 */
export function legacyReading(text: string, accepts: (unicode: string) => boolean): LegacyEncoding | undefined {
  for (const encoding of ["tcvn3", "vni"] as const) {
    const unicode = fromLegacy(text, encoding);
    if (unicode !== undefined && unicode !== text && accepts(unicode)) return encoding;
  }
  return undefined;
}

/**
 * The legacy encoding of a text refused as it stands: the one in which it means what `accepts`
 * takes (legacyReading), else the one it is surely typed in (legacyEncodingOf); undefined when
 * neither. What it means read another way is advice, never what is read.
 */
export function legacyMeaning(text: string, accepts: (unicode: string) => boolean): LegacyEncoding | undefined {
  return legacyReading(text, accepts) ?? legacyEncodingOf(text);
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
