// Bundle the command line (src/cli/main.ts and everything it imports, ExcelJS included) into
// build/cli.cjs, so bin/dti-scorer.js runs with plain Node right after `npm ci` ("prepare").
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

await build({
  entryPoints: [join(root, "src/cli/main.ts")],
  outfile: join(root, "build/cli.cjs"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
});
