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

/**
 * A small commune index for the command line's tests, 30 points: a yes/no item (1.1), item 2.1 as
 * given (a percentage, or points typed in), and a ratio of two counts (2.2.a of 2.2.b).
 */
export function communeIndex(item21: { name: string; rule: { kind: string } }) {
  return {
    format: "index-definition/1",
    id: "xa-thu",
    version: "2024",
    name: { vi: "Bộ chỉ số thử cấp xã", en: "Test commune index" },
    root: {
      code: "XA",
      name: "Chỉ số CĐS cấp xã",
      children: [
        { code: "1", name: "Nhận thức số", children: [{ code: "1.1", name: "Có kế hoạch chuyển đổi số", max: 10, rule: { kind: "boolean" } }] },
        {
          code: "2",
          name: "Hoạt động chính quyền số",
          children: [
            { code: "2.1", name: item21.name, max: 10, rule: item21.rule },
            {
              code: "2.2",
              name: "Văn bản ký số",
              max: 10,
              inputs: [
                { code: "2.2.a", name: "Số văn bản ký số", type: "integer", min: 0 },
                { code: "2.2.b", name: "Tổng số văn bản", type: "integer", min: 0 },
              ],
              rule: { kind: "ratio", numerator: "2.2.a", denominator: "2.2.b" },
            },
          ],
        },
      ],
    },
  };
}
