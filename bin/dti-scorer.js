#!/usr/bin/env node
"use strict";
// The command line, bundled by scripts/build-cli.mjs (run by `npm ci` / `npm install` through "prepare").
// The launcher (build/launch.cjs, src/cli/launch.ts) runs it in this process, or, for files so large
// that reading them needs more memory than Node.js gives by default, in a child process given more.
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "build", "cli.cjs");
const launcher = path.join(__dirname, "..", "build", "launch.cjs");
if (!fs.existsSync(bundle) || !fs.existsSync(launcher)) {
  process.stderr.write("dti-scorer: build/cli.cjs or build/launch.cjs is missing; run `node scripts/build-cli.mjs` (or `npm ci`) first.\n");
  process.exit(2);
}
require(launcher).launch(__filename, () => require(bundle));
