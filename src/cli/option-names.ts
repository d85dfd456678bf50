/**
 * The command line's commands and options, by name: what parseArgs (args.ts) reads, and what the
 * launcher (launch.ts, Node.js alone, loaded before any command) needs to tell an option's value
 * from a file named. Nothing else here, so that the launcher stays small.
 */
export type CommandName = "score" | "validate" | "template" | "collect" | "indices" | "demo";
export const COMMANDS: readonly CommandName[] = ["score", "validate", "template", "collect", "indices", "demo"];

/** Options that take a value, by the command that accepts them. */
export const VALUE_OPTIONS: Record<string, CommandName[]> = {
  index: ["score", "validate", "template", "collect"],
  out: ["score", "template", "collect", "demo"],
  json: ["score", "validate", "indices"],
  units: ["template"],
  period: ["template"],
  radar: ["score"],
  lang: ["score", "validate", "template", "collect", "indices", "demo"],
};
export const FLAG_OPTIONS = new Set(["progress", "help", "version"]);
/** The names of the options that take a value (the next word, or after "="), as launch.ts finds the files a command line names. */
export const VALUE_OPTION_NAMES: ReadonlySet<string> = new Set(Object.keys(VALUE_OPTIONS));
