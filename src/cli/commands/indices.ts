/** `indices`: the built-in index definitions. */
import { parseDefinition } from "../../core/definition";
import { type Lang, formatNumber, localize } from "../../core/i18n/text";
import { BUILTIN_INDICES } from "../../indices";
import type { ParsedArgs } from "../args";
import { type CliIO, fail, writeOutputFile } from "../io";
import { M, T } from "../messages";
import { formatTable } from "./common";

export interface IndexListing {
  id: string;
  version: string;
  name: string;
  maxPoints: number | null;
  file: string;
}

export function listIndices(lang: Lang): IndexListing[] {
  return BUILTIN_INDICES.map((b) => {
    const parsed = parseDefinition(b.definition);
    if (!parsed.ok) return fail(M.invalidDefinition(b.file, ""));
    const def = parsed.model.definition;
    return { id: def.id, version: def.version, name: localize(def.name, lang), maxPoints: parsed.model.root.max ?? null, file: b.file };
  });
}

export async function runIndicesCommand(io: CliIO, args: ParsedArgs, lang: Lang): Promise<number> {
  if (args.files.length > 0) fail(M.noFilesAllowed("indices"));
  const list = listIndices(lang);
  if (args.json !== undefined) {
    const text = JSON.stringify(list, null, 2) + "\n";
    if (args.json === "-") io.stdout.write(text);
    else {
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
  return 0;
}
