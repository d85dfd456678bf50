/**
 * The command line: `dti-scorer score | validate | template | collect | indices | demo`.
 * `main` runs in-process (tests call it) and returns the exit status: 0 done, 1 done but the
 * inputs have errors, 2 the command could not run (one line on stderr saying why).
 */
import type { Lang } from "../core/i18n/text";
import { languageFrom, parseArgs } from "./args";
import { runCollectCommand } from "./commands/collect";
import { runIndicesCommand } from "./commands/indices";
import { runScoreCommand } from "./commands/score";
import { runTemplateCommand } from "./commands/template";
import { runDemo } from "./demo";
import { type CliIO, CliFailure, oneLine } from "./io";
import { HELP, M } from "./messages";
import { PROJECT_VERSION } from "./version";

export type { CliIO } from "./io";

export async function main(argv: string[], io: CliIO): Promise<number> {
  const env = io.env ?? process.env;
  let lang: Lang = languageFrom(argv, env);
  try {
    const parsed = parseArgs(argv);
    if (!parsed.ok) throw new CliFailure(parsed.reason);
    const args = parsed.args;
    lang = args.lang ?? lang;
    if (args.help) {
      io.stdout.write(HELP[lang]);
      return 0;
    }
    if (args.version) {
      io.stdout.write(PROJECT_VERSION + "\n");
      return 0;
    }
    switch (args.command) {
      case "score":
      case "validate":
        return await runScoreCommand(io, args, lang, args.command);
      case "template":
        return await runTemplateCommand(io, args, lang);
      case "collect":
        return await runCollectCommand(io, args, lang);
      case "indices":
        return await runIndicesCommand(io, args, lang);
      case "demo":
        return await runDemo(io, args, lang);
      case undefined:
        throw new CliFailure(M.noCommand);
    }
  } catch (e) {
    const reason = e instanceof CliFailure ? e.reason[lang] : M.unexpected(e instanceof Error ? e.message : String(e))[lang];
    io.stderr.write(oneLine(reason) + "\n");
    if (!(e instanceof CliFailure) && env.DTI_SCORER_DEBUG) io.stderr.write(String((e as Error)?.stack) + "\n");
    return 2;
  }
}

/** Entry point of the bundled command (bin/dti-scorer.js). */
export function run(): void {
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(String(e) + "\n");
      process.exitCode = 2;
    },
  );
}
