/** Scripts the e2e tests put in the page before the pane loads. */
import { build } from "esbuild";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/** `contents` (TypeScript importing from the repository) bundled into one script for the page, run before the pane loads. */
export async function pageScript(contents: string): Promise<string> {
  const bundle = await build({
    stdin: { contents, resolveDir: root, loader: "ts" },
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    logLevel: "silent",
  });
  return bundle.outputFiles[0]!.text;
}
