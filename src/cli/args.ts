/** Command-line arguments → a command and its options, or the reason they cannot be read. */
import type { Lang, Message } from "../core/i18n/text";
import { MAX_PROFILE_UNITS } from "../core/plan/charts";

import { COMMANDS, type CommandName, FLAG_OPTIONS, VALUE_OPTIONS } from "./option-names";

export { COMMANDS, type CommandName } from "./option-names";

export interface ParsedArgs {
  command?: CommandName;
  files: string[];
  index?: string;
  out?: string;
  json?: string;
  units?: string;
  period?: string;
  /** --radar: the units the radar chart compares, by code (or name), as typed; at most five. */
  radar?: string[];
  lang?: Lang;
  progress: boolean;
  help: boolean;
  version: boolean;
}

export type ArgsResult = { ok: true; args: ParsedArgs } | { ok: false; reason: Message; lang?: Lang };

/** How many units the radar chart compares. */
const MAX_RADAR_UNITS = MAX_PROFILE_UNITS;


/**
 * The language of messages: --lang if given, else Vietnamese. Never the machine's LANG or LC_ALL,
 * so that a workbook's sheet names (Kết quả / Results) and what the command says do not change from
 * one computer to another. Without --lang, score and validate speak the language the workbook was
 * last scored in, from the start (its `_index` peeked at: peekWorkbookLanguage; a mistake in their
 * options too, scoredInput). Read before the arguments are parsed, so that a mistake in them is
 * said in the language asked for.
 */
export function languageFrom(argv: string[]): Lang {
  return langGiven(argv) ?? "vi";
}

/** The language --lang names on the command line (languageFrom), or undefined when it names none. */
export function langGiven(argv: string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    const v = a.startsWith("--lang=") ? a.slice(7) : a === "--lang" ? argv[i + 1] : undefined;
    const lang = v === undefined ? undefined : langOf(v);
    if (lang) return lang;
  }
  return undefined;
}

/**
 * The workbook or table given to score or validate, read from a command line that parseArgs may
 * refuse (a mistake in its options): its one word after the command, the values of options read as
 * parseArgs reads them. Undefined for another command, or when no word or several are given.
 */
export function scoredInput(argv: string[]): string | undefined {
  const words: string[] = [];
  let onlyWords = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (onlyWords || !a.startsWith("-") || a === "-") {
      words.push(a);
      continue;
    }
    if (a === "--") {
      onlyWords = true;
      continue;
    }
    // An option that takes a value takes the next word, unless that is another option.
    if (a.startsWith("--") && !a.includes("=") && Object.hasOwn(VALUE_OPTIONS, a.slice(2))) {
      const next = argv[i + 1];
      if (next !== undefined && (next === "-" || !next.startsWith("--"))) i++;
    }
  }
  const [command, ...files] = words;
  return (command === "score" || command === "validate") && files.length === 1 ? files[0] : undefined;
}

/**
 * A --lang value → the language it names, in any case: vi, vi-VN, vi_VN, Vietnamese, Tiếng Việt
 * (or tieng viet) → vi; en, en-US, en_GB, English → en. Undefined for any other.
 */
export function langOf(value: string): Lang | undefined {
  const v = value.normalize("NFC").trim().toLocaleLowerCase("vi").replace(/\s+/g, " ");
  if (/^vi([-_][a-z0-9]+)*$/.test(v) || v === "vie" || v === "vietnamese" || v === "tiếng việt" || v === "tieng viet") return "vi";
  if (/^en([-_][a-z0-9]+)*$/.test(v) || v === "eng" || v === "english") return "en";
  return undefined;
}

/**
 * A mistake in --lang itself, said in both languages on one line: the user asked for a language
 * that could not be told, so neither can be assumed to be theirs.
 */
function inBoth(m: { vi: string; en: string }): Message {
  const both = `${m.vi} / ${m.en}`;
  return { vi: both, en: both };
}

export function parseArgs(argv: string[]): ArgsResult {
  const args: ParsedArgs = { files: [], progress: false, help: false, version: false };
  const positional: string[] = [];
  let onlyPositional = false;
  const pending: { name: string; value: string }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (onlyPositional || !a.startsWith("-") || a === "-") {
      positional.push(a);
      continue;
    }
    if (a === "--") {
      onlyPositional = true;
      continue;
    }
    if (a === "-h") {
      args.help = true;
      continue;
    }
    if (a === "-V") {
      args.version = true;
      continue;
    }
    if (!a.startsWith("--")) {
      return { ok: false, reason: { vi: `Không có tùy chọn ${a}. Xem dti-scorer --help.`, en: `There is no option ${a}. See dti-scorer --help.` } };
    }
    const eq = a.indexOf("=");
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (FLAG_OPTIONS.has(name)) {
      if (eq >= 0) return { ok: false, reason: { vi: `Tùy chọn --${name} không nhận giá trị.`, en: `Option --${name} takes no value.` } };
      if (name === "progress") args.progress = true;
      else if (name === "help") args.help = true;
      else args.version = true;
      continue;
    }
    if (!(name in VALUE_OPTIONS)) {
      return { ok: false, reason: { vi: `Không có tùy chọn --${name}. Xem dti-scorer --help.`, en: `There is no option --${name}. See dti-scorer --help.` } };
    }
    let value: string | undefined;
    if (eq >= 0) value = a.slice(eq + 1);
    else {
      const next = argv[i + 1];
      // "-" alone is a value (stdout for --json); any other word starting with "--" is the next option.
      if (next !== undefined && (next === "-" || !next.startsWith("--"))) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === "") {
      const reason = { vi: `Tùy chọn --${name} cần một giá trị.`, en: `Option --${name} needs a value.` };
      return { ok: false, reason: name === "lang" ? inBoth(reason) : reason };
    }
    pending.push({ name, value });
  }

  const first = positional.shift();
  if (first !== undefined) {
    if (!(COMMANDS as readonly string[]).includes(first)) {
      return {
        ok: false,
        reason: {
          vi: `Không có lệnh "${first}". Các lệnh: ${COMMANDS.join(", ")}.`,
          en: `There is no command "${first}". Commands: ${COMMANDS.join(", ")}.`,
        },
      };
    }
    args.command = first as CommandName;
  }
  args.files = positional;

  // An option given twice would silently take its last value (`--index a --index b`): say so.
  const seen = new Set<string>();
  for (const { name } of pending) {
    if (seen.has(name)) return { ok: false, reason: { vi: `Tùy chọn --${name} được ghi hai lần; hãy ghi một lần.`, en: `Option --${name} given twice; give it once.` } };
    seen.add(name);
  }

  for (const { name, value } of pending) {
    const allowed = VALUE_OPTIONS[name]!;
    if (args.command && !allowed.includes(args.command)) {
      return {
        ok: false,
        reason: { vi: `Lệnh ${args.command} không dùng tùy chọn --${name}.`, en: `The ${args.command} command does not take the option --${name}.` },
      };
    }
    if (name === "lang") {
      const lang = langOf(value);
      if (lang === undefined) {
        return { ok: false, reason: inBoth({ vi: `--lang chỉ nhận vi hoặc en, không nhận "${value}".`, en: `--lang takes vi or en, not "${value}".` }) };
      }
      args.lang = lang;
    } else if (name === "index") args.index = value;
    else if (name === "out") args.out = value;
    else if (name === "json") args.json = value;
    else if (name === "units") args.units = value;
    else if (name === "period") args.period = value;
    else if (name === "radar") {
      // Codes separated by commas (or semicolons, as a Vietnamese list is often typed), each trimmed.
      const units = [...new Set(value.split(/[,;]/).map((u) => u.normalize("NFC").trim()).filter((u) => u !== ""))];
      if (units.length === 0) return { ok: false, reason: { vi: "Tùy chọn --radar cần mã của ít nhất một đơn vị.", en: "Option --radar needs the code of one unit or more." } };
      if (units.length > MAX_RADAR_UNITS) {
        return {
          ok: false,
          reason: {
            vi: `Biểu đồ mạng nhện so sánh tối đa ${MAX_RADAR_UNITS} đơn vị, --radar ghi ${units.length}: hãy bớt ${units.length - MAX_RADAR_UNITS} đơn vị.`,
            en: `The radar chart compares at most ${MAX_RADAR_UNITS} units, and --radar names ${units.length}: leave out ${units.length - MAX_RADAR_UNITS}.`,
          },
        };
      }
      args.radar = units;
    }
  }
  return { ok: true, args };
}
