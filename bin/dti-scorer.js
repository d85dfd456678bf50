#!/usr/bin/env node
"use strict";
// The command line, bundled by scripts/build-cli.mjs (run by `npm ci` / `npm install` through "prepare").
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "build", "cli.cjs");
if (!fs.existsSync(bundle)) {
  process.stderr.write("dti-scorer: build/cli.cjs is missing; run `node scripts/build-cli.mjs` (or `npm ci`) first.\n");
  process.exit(2);
}
require(bundle).run();
