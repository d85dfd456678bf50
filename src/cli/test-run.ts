/** Runs the command line in-process for tests: its exit code and what it printed on stdout and stderr. */
import { main } from "./main";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * `main(argv)` in `cwd`, with the environment given (a language as "vi" or "en" sets LANG, which
 * does not choose the language: only --lang does).
 */
export async function runCli(argv: string[], cwd: string, env: Record<string, string> | "vi" | "en" = "vi"): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await main(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    cwd,
    env: typeof env === "string" ? { LANG: env === "vi" ? "vi_VN.UTF-8" : "en_US.UTF-8" } : env,
  });
  return { code, out, err };
}
