import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * The real process entry point (`run`), as bin/dti-scorer.js calls it, in a child Node process
 * (through tsx), with real pipes.
 */
const root = resolve(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "dti-run-"));
const mainPath = join(root, "src", "cli", "main.ts");
writeFileSync(join(dir, "entry.ts"), `import { run } from ${JSON.stringify(mainPath)};\nrun();\n`);
writeFileSync(
  join(dir, "boom.ts"),
  `import { run } from ${JSON.stringify(mainPath)};\nrun();\nsetTimeout(() => { throw new TypeError("hỏng ở giữa\\nchừng"); }, 0);\n`,
);
writeFileSync(join(dir, "bang.csv"), "Mã đơn vị,Đơn vị,1.1\n" + Array.from({ length: 400 }, (_, i) => `X${i},Xã số ${i},có`).join("\n") + "\n");

interface Exit {
  code: number | null;
  err: string;
}

/** `closeAtOnce`: the reader of stdout goes away at once (true), or the readers of both stdout and stderr ("both"). */
function start(script: string, args: string[], closeAtOnce: boolean | "both"): Promise<Exit> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(dir, script), ...args], {
      cwd: root,
      env: { ...process.env, LANG: "vi_VN.UTF-8", DTI_SCORER_DEBUG: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The reader that goes away: like `| head -1` having read all it wanted.
    if (closeAtOnce) child.stdout.destroy();
    else child.stdout.resume();
    let err = "";
    if (closeAtOnce === "both") child.stderr.destroy();
    else child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
    child.on("close", (code) => done({ code, err }));
  });
}

describe("the command as a process", () => {
  test("stops quietly, without a stack trace, with the run's own status, when the reader of its output goes away", async () => {
    const r = await start("entry.ts", ["indices"], true);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    // The run's own status (the table has errors: 1) whether the reader stays or goes, every time.
    const args = ["score", join(dir, "bang.csv"), "--index", "dti-so-nganh-mau"];
    const read = await start("entry.ts", args, false);
    expect(read.code).toBe(1);
    for (let k = 0; k < 3; k++) {
      const gone = await start("entry.ts", args, true);
      expect(gone.err).not.toMatch(/EPIPE| {4}at /);
      expect(gone.code).toBe(1);
    }
  }, 120_000);

  test("still writes the --out workbook and the --json file when the reader of its output goes away", async () => {
    const out = join(dir, "da-cham.xlsx");
    const json = join(dir, "da-cham.json");
    const toStdout = await start("entry.ts", ["score", join(dir, "bang.csv"), "--index", "dti-so-nganh-mau", "--out", out, "--json", "-"], true);
    expect(toStdout.err).not.toMatch(/EPIPE| {4}at /);
    expect(toStdout.code).toBe(1);
    expect(existsSync(out)).toBe(true);
    const toFiles = await start("entry.ts", ["score", join(dir, "bang.csv"), "--index", "dti-so-nganh-mau", "--out", out, "--json", json], true);
    expect(toFiles.code).toBe(1);
    expect((JSON.parse(readFileSync(json, "utf8")) as { units: unknown[] }).units).toHaveLength(400);
    // `2>&1 | head -c 5`: the warnings said on stderr before the workbook is written cannot cost it either.
    writeFileSync(join(dir, "~$mo.xlsx"), "Excel");
    const both = await start("entry.ts", ["score", join(dir, "bang.csv"), "--index", "dti-so-nganh-mau", "--out", join(dir, "mo.xlsx"), "--json", "-"], "both");
    expect(both.code).toBe(1);
    expect(existsSync(join(dir, "mo.xlsx"))).toBe(true);
  }, 90_000);

  test("anything unexpected is one line on stderr and status 2, never a stack trace", async () => {
    const r = await start("boom.ts", ["--version"], false);
    expect(r.err).toBe("dti-scorer: lỗi không mong đợi: hỏng ở giữa chừng\n");
    expect(r.code).toBe(2);
  }, 60_000);
});
