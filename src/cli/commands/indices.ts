/** `indices`: the built-in index definitions. */
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseDefinition } from "../../core/definition";
import { type Lang, formatNumber, localize } from "../../core/i18n/text";
import { BUILTIN_INDICES } from "../../indices";
import type { ParsedArgs } from "../args";
import { type CliIO, fail, writeOutputFile } from "../io";
import { M, T } from "../messages";
import { checkJsonReplaceable, formatTable } from "./common";

export interface IndexListing {
  id: string;
  version: string;
  name: string;
  maxPoints: number | null;
  /** The definition's JSON file, a path the user can open and copy to start a definition of their own. */
  file: string;
}

/**
 * Where a built-in's JSON file is: its absolute path in the installed package (src/indices, found
 * upwards from the command line's own folder, bundled in build/ or run from src/cli/commands), or
 * that path relative to the package when the package has no sources beside it.
 */
export function builtinPath(file: string): string {
  let dir = __dirname;
  for (let k = 0; k < 5; k++) {
    const candidate = join(dir, "src", "indices", file);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return `src/indices/${file}`;
}

export function listIndices(lang: Lang): IndexListing[] {
  return BUILTIN_INDICES.map((b) => {
    const parsed = parseDefinition(b.definition);
    if (!parsed.ok) return fail(M.invalidDefinition(b.file, ""));
    const def = parsed.model.definition;
    return { id: def.id, version: def.version, name: localize(def.name, lang), maxPoints: parsed.model.root.max ?? null, file: builtinPath(b.file) };
  });
}

export async function runIndicesCommand(io: CliIO, args: ParsedArgs, lang: Lang): Promise<number> {
  if (args.files.length > 0) fail(M.noFilesAllowed("indices", args.files));
  const list = listIndices(lang);
  if (args.json !== undefined) {
    const text = JSON.stringify(list, null, 2) + "\n";
    if (args.json === "-") io.stdout.write(text);
    else {
      // Never written over a file that is not JSON (`--json list.xlsx` by mistake).
      checkJsonReplaceable(io, args.json);
      writeOutputFile(io, args.json, text);
      io.stdout.write(M.wrote(args.json)[lang] + "\n");
    }
    return 0;
  }
  io.stdout.write(
    formatTable(
      [T.id[lang], T.version[lang], T.maxPoints[lang], T.name[lang]],
      list.map((l) => [l.id, l.version, l.maxPoints === null ? "—" : formatNumber(l.maxPoints, lang), l.name]),
      ["left", "left", "right", "left"],
    ),
  );
  // Where the files are (each one's path is the JSON's "file"), for a newcomer starting a definition of the province's own.
  const folders = [...new Set(list.map((l) => dirname(l.file)))];
  const example = list.find((l) => l.id === "dti-so-nganh-mau") ?? list[0];
  if (folders.length === 1 && example) io.stdout.write(`\n${M.indicesFolder(folders[0]!, basename(example.file))[lang]}\n`);
  return 0;
}
