// Bundle the command line (src/cli/main.ts and everything it imports, ExcelJS included) into
// build/cli.cjs, and its launcher (src/cli/launch.ts, Node.js alone: it decides whether a run needs
// a process with more memory before the command is loaded) into build/launch.cjs, so that
// bin/dti-scorer.js runs with plain Node right after `npm ci` ("prepare").
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  legalComments: "none",
  logLevel: "warning",
};

await Promise.all([
  build({ ...common, entryPoints: [join(root, "src/cli/main.ts")], outfile: join(root, "build/cli.cjs"), sourcemap: "linked" }),
  build({ ...common, entryPoints: [join(root, "src/cli/launch.ts")], outfile: join(root, "build/launch.cjs") }),
]);
