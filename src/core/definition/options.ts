/**
 * How a choice option and an input's unit are written in each language (additions to the format:
 * docs/index-definition-notes.md). One place says it, for the templates that write them, the
 * reader and the engine that match answers, and the checks that keep options apart.
 */
import { type Lang, localize } from "../i18n/text";
import type { PathSegment } from "./messages";
import type { ChoiceOption, LocalizedText } from "./schema";

/**
 * Answers meaning "not applicable", folded (foldText: any case, with or without diacritics, NFC or
 * not). The forms ask for "Không áp dụng" or "N/A" (NOT_APPLICABLE_TEXT) and the `Điểm` column
 * shows them; "KAD", "NA" and "Not applicable" are read too.
 */
export const NOT_APPLICABLE_ANSWERS: readonly string[] = ["n/a", "na", "kad", "khong ap dung", "not applicable"];
/**
 * The option as a form in `lang` writes it: its `name` in that language. A name that is one text
 * is the same in every language; in `{ vi, en }` the Vietnamese name is the option's `value` when
 * not given (the value is the answer as the definition writes it), and the English name falls back
 * to the Vietnamese one, as every LocalizedText does.
 */
export function optionName(option: ChoiceOption, lang: Lang): string {
  const name = option.name;
  if (name === undefined) return option.value;
  if (typeof name === "string") return name;
  const vi = name.vi ?? option.value;
  return lang === "vi" ? vi : (name.en ?? vi);
}

/**
 * Every text that names the option, with where it is written in the option: its value first,
 * then its names in every language, then its aliases. The reader and the engine take any of
 * them as the option (folded: case, diacritics), and the checks keep them apart across options.
 */
export function optionTextsAt(option: ChoiceOption): Array<[string, PathSegment[]]> {
  const name = option.name;
  const names: Array<[string, PathSegment[]]> =
    name === undefined
      ? []
      : typeof name === "string"
        ? [[name, ["name"]]]
        : [
            ...(name.vi !== undefined ? [[name.vi, ["name", "vi"]] as [string, PathSegment[]]] : []),
            ...(name.en !== undefined ? [[name.en, ["name", "en"]] as [string, PathSegment[]]] : []),
          ];
  return [[option.value, ["value"]], ...names, ...(option.aliases ?? []).map((a, j): [string, PathSegment[]] => [a, ["aliases", j]])];
}

/** The texts that name the option (optionTextsAt without the places). */
export function optionTexts(option: ChoiceOption): string[] {
  return optionTextsAt(option).map(([text]) => text);
}

/** An input's unit of measure in `lang` ("" when it has none): a text, or `{ vi, en }` localized as a name is. */
export function unitText(unit: LocalizedText | undefined, lang: Lang): string {
  return localize(unit, lang);
}
