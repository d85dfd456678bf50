/**
 * `validate --index <file.json | built-in id>` without a workbook or table: check the definition
 * alone. An invalid one stops the command as it does any command (status 2, every problem on a
 * line of its own, from loadIndex); a valid one is summed up on one line (status 0), and --json
 * writes the contract's object with no units and no issues.
 */
import type { IndexModel } from "../../core/definition/model";
import { type Lang, localize } from "../../core/i18n/text";
import { sameNameAsBuiltinMessage } from "../../core/forms-index";
import { BUILTIN_INDICES } from "../../indices";
import type { ParsedArgs } from "../args";
import { type CliIO, writeOutputFile } from "../io";
import { M, T } from "../messages";
import { checkOutputs, loadIndex } from "./common";

/** What the summary line says of a definition: its groups (the root left out), indicators and total points. */
export function definitionCounts(model: IndexModel): { groups: number; indicators: number; maxPoints: number | undefined } {
  const groups = [...model.nodes.values()].filter((n) => n.kind === "group" && n !== model.root).length;
  return { groups, indicators: model.indicators.length, maxPoints: model.root.max };
}

export async function runValidateIndexCommand(io: CliIO, args: ParsedArgs, lang: Lang): Promise<number> {
  const spec = args.index!;
  checkOutputs(io, "validate", { files: [spec], json: args.json });
  const { model } = loadIndex(io, spec, lang, "validate-index", args.json);
  const def = model.definition;
  const toStdout = args.json === "-";
  // With the JSON on stdout, human output goes to stderr so the JSON stays parseable.
  const human = toStdout ? io.stderr : io.stdout;
  // A copy of a built-in that kept its id and version, as `template` warns: its forms would be taken for the built-in's.
  const sameName = sameNameAsBuiltinMessage(def, BUILTIN_INDICES);
  if (sameName) io.stderr.write(`${T.severityOne.warning[lang]}: ${sameName[lang]}\n`);
  if (args.json !== undefined) {
    // The --json contract of score and validate: this index, and no unit read, so no issue of one.
    const text = JSON.stringify({ index: { id: def.id, version: def.version }, units: [], issues: [], stale: null }, null, 2) + "\n";
    if (toStdout) io.stdout.write(text);
    else writeOutputFile(io, args.json, text);
  }
  const counts = definitionCounts(model);
  human.write(M.definitionValid({ name: localize(def.name, lang), id: def.id, version: def.version, ...counts })[lang] + "\n");
  if (args.json !== undefined && !toStdout) human.write(M.wrote(args.json)[lang] + "\n");
  return 0;
}
