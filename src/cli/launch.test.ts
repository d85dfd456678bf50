/**
 * bin/dti-scorer.js's launcher (launch.ts): an ordinary run stays in its own process; files so large
 * that reading them would take more memory than Node.js gives by default run in a child given more,
 * unless the user chose the memory; V8's dump of a child that ran out of memory is held back from
 * what the child writes. Real files of the sizes said (sparse: their bytes are never written).
 */
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DumpFilter, HEAP_MB_PER_FILE_MB, type LaunchFacts, fileSize, heapOptionOf, inputFiles, isOutOfMemory, launchPlan } from "./launch";

const dir = mkdtempSync(join(tmpdir(), "dti-launch-"));
const MB = 2 ** 20;

/** A file of `mb` megabytes in the test's folder, its full path. */
function fileOf(name: string, mb: number): string {
  const path = join(dir, name);
  writeFileSync(path, "");
  truncateSync(path, Math.round(mb * MB));
  return path;
}

const small = fileOf("phieu.xlsx", 0.25);
const large = fileOf("ca-tinh.xlsx", 40);
const table = fileOf("bang.csv", 30);
const definition = fileOf("chi-so.json", 30);

/** This computer as the plan sees it: 4 GB of heap by default (a computer with 16 GB), unless said otherwise. */
function facts(argv: string[], more: Partial<LaunchFacts> = {}): LaunchFacts {
  return { argv, env: {}, execArgv: [], heapLimitMb: 4144, totalMemMb: 16384, sizeOf: fileSize, ...more };
}

describe("where the command runs", () => {
  test("an ordinary workbook, and commands that read no file, run in the launcher's own process", () => {
    expect(launchPlan(facts(["score", small, "--out", join(dir, "da-cham.xlsx")]))).toEqual({ where: "here" });
    expect(launchPlan(facts(["indices"]))).toEqual({ where: "here" });
    expect(launchPlan(facts(["demo", "--out", join(dir, "demo")]))).toEqual({ where: "here" });
    // A name that is no file (missing: the command says so itself).
    expect(launchPlan(facts(["score", join(dir, "khong-co.xlsx")]))).toEqual({ where: "here" });
  });

  test("a workbook too large for the default heap runs in a child given half the computer's memory", () => {
    const plan = launchPlan(facts(["score", large, "--out", join(dir, "da-cham.xlsx")]));
    expect(plan).toEqual({ where: "child", heapMb: 8192, files: [{ path: large, bytes: 40 * MB }], reason: "large" });
    // Never less than the heap Node.js would give anyway (a computer whose half is less than its default).
    expect(launchPlan(facts(["validate", large], { heapLimitMb: 4144, totalMemMb: 6000 }))).toMatchObject({ where: "child", heapMb: 4144 });
    // A CSV table is a workbook once read: it counts the same.
    expect(launchPlan(facts(["score", table]))).toMatchObject({ where: "child", files: [{ path: table, bytes: 30 * MB }] });
  });

  test("where the line is drawn follows the heap Node.js gives this computer", () => {
    // Half the heap, at HEAP_MB_PER_FILE_MB for each MB of workbook.
    const limit = (heapMb: number) => (heapMb * 0.5) / HEAP_MB_PER_FILE_MB;
    const under = fileOf("duoi.xlsx", limit(2048) * 0.9);
    const over = fileOf("tren.xlsx", limit(2048) * 1.1);
    expect(launchPlan(facts(["score", under], { heapLimitMb: 2048, totalMemMb: 8192 })).where).toBe("here");
    expect(launchPlan(facts(["score", over], { heapLimitMb: 2048, totalMemMb: 8192 }))).toMatchObject({ where: "child", heapMb: 4096 });
    // The same file, where Node.js gives 4 GB by default, needs no child.
    expect(launchPlan(facts(["score", over], { heapLimitMb: 4144 })).where).toBe("here");
  });

  test("files read whole count together: collect's workbooks, and the scored workbook --out would replace", () => {
    // Each a tenth of what 4 GB of heap takes here (HERE_SHARE), three of them: together under it; not under 2 GB.
    const each = (4144 * 0.5) / HEAP_MB_PER_FILE_MB / 10;
    const parts = [fileOf("a.xlsx", each), fileOf("b.xlsx", each), fileOf("c.xlsx", each)];
    expect(launchPlan(facts(["collect", ...parts, "--out", join(dir, "tong-hop.xlsx")])).where).toBe("here");
    const plan = launchPlan(facts(["collect", ...parts, "--out", join(dir, "tong-hop.xlsx")], { heapLimitMb: 2048 / 2 }));
    expect(plan).toMatchObject({ where: "child", files: parts.map((path) => ({ path })) });
    const out = fileOf("da-cham-truoc.xlsx", each * 10);
    expect(launchPlan(facts(["score", small, "--out", out]))).toMatchObject({ where: "child", files: [{ path: small }, { path: out }] });
  });

  test("scoring in place reads the workbook once; --json and --index name no workbook", () => {
    expect(inputFiles(["score", large, "--out", large], fileSize)).toEqual([{ path: large, bytes: 40 * MB }]);
    expect(inputFiles(["score", small, "--index", definition, "--json", large], fileSize)).toEqual([{ path: small, bytes: 0.25 * MB }]);
    expect(inputFiles(["score", small, `--json=${large}`, `--index=${definition}`], fileSize)).toEqual([{ path: small, bytes: 0.25 * MB }]);
    // --radar names units, not a file (even one of that name in the folder).
    expect(inputFiles(["score", small, "--out", small, "--radar", large], fileSize)).toEqual([{ path: small, bytes: 0.25 * MB }]);
    expect(inputFiles(["score", "--lang", "en", "--", "--la-ten-tep.xlsx"], (p) => (p === "--la-ten-tep.xlsx" ? 1 : undefined))).toEqual([{ path: "--la-ten-tep.xlsx", bytes: 1 }]);
    expect(inputFiles(["template", "--index", "dti-so-nganh-mau", "--units", table, "--out", small], fileSize)).toEqual([
      { path: table, bytes: 30 * MB },
      { path: small, bytes: 0.25 * MB },
    ]);
  });

  test("the memory the user chose is kept: the child only says in a sentence that it ran out", () => {
    expect(launchPlan(facts(["score", large], { env: { NODE_OPTIONS: "--max-old-space-size=12000" } }))).toMatchObject({ where: "child", heapMb: undefined });
    expect(launchPlan(facts(["score", large], { env: { NODE_OPTIONS: "--trace-warnings --max_old_space_size=3000" } }))).toMatchObject({ where: "child", heapMb: undefined });
    expect(launchPlan(facts(["score", large], { execArgv: ["--max-old-space-size=6000"] }))).toMatchObject({ where: "child", heapMb: undefined });
    expect(heapOptionOf("--max-old-space-size=12000")).toBe(12000);
    expect(heapOptionOf("--inspect --max_old_space_size 512")).toBe(512);
    expect(heapOptionOf("--max-semi-space-size=64")).toBeUndefined();
  });

  test("DTI_SCORER_HEAP_MB runs any command in a child with that heap; the child itself, --help and --version never start another", () => {
    expect(launchPlan(facts(["score", small], { env: { DTI_SCORER_HEAP_MB: "64" } }))).toEqual({ where: "child", heapMb: 64, files: [{ path: small, bytes: 0.25 * MB }], reason: "asked" });
    expect(launchPlan(facts(["score", small], { env: { DTI_SCORER_HEAP_MB: "nhiều" } })).where).toBe("here");
    expect(launchPlan(facts(["score", large], { env: { DTI_SCORER_CHILD: "3" } })).where).toBe("here");
    expect(launchPlan(facts(["score", large, "--help"])).where).toBe("here");
    expect(launchPlan(facts(["-V"], { env: { DTI_SCORER_HEAP_MB: "64" } })).where).toBe("here");
  });
});

/** What V8 writes on standard error when a process runs out of memory (Node.js 20). */
const V8_DUMP = `
<--- Last few GCs --->

[2797:0x291a7e20]      346 ms: Mark-Compact 20.3 (29.5) -> 17.6 (35.3) MB, 209.95 / 0.00 ms  (average mu = 0.027, current mu = 0.027) allocation failure; scavenge might not succeed


<--- JS stacktrace --->

FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory
----- Native stack trace -----

 1: 0xb78db3 node::OOMErrorHandler(char const*, v8::OOMDetails const&) [node]
`;

describe("what the child writes on its descriptor 2", () => {
  test("is passed on as it comes, but for V8's dump, however it is cut into chunks", () => {
    const said = "(node:1) Warning: something Node.js says\n";
    for (const size of [1, 3, 7, 22, 1000]) {
      let forwarded = "";
      const filter = new DumpFilter((t) => (forwarded += t));
      const all = said + V8_DUMP;
      for (let i = 0; i < all.length; i += size) filter.push(all.slice(i, i + size));
      filter.end();
      expect(forwarded).toBe(said);
      expect(filter.dump).toBe(V8_DUMP);
      expect(isOutOfMemory(filter.dump!)).toBe(true);
    }
  });

  test("text that only looks like the start of the dump is passed on once the child ends", () => {
    let forwarded = "";
    const filter = new DumpFilter((t) => (forwarded += t));
    filter.push("a line\n<--- Last");
    expect(forwarded).toBe("a line");
    filter.end();
    expect(forwarded).toBe("a line\n<--- Last");
    expect(filter.dump).toBeUndefined();
  });

  test("a fatal error that is not the heap's is no lack of memory", () => {
    expect(isOutOfMemory("FATAL ERROR: v8::ToLocalChecked Empty MaybeLocal\n")).toBe(false);
    expect(isOutOfMemory("FATAL ERROR: invalid array length Allocation failed - JavaScript heap out of memory\n")).toBe(true);
  });
});
