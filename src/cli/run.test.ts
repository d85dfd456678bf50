import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
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

function start(script: string, args: string[], closeStdoutAtOnce: boolean): Promise<Exit> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(dir, script), ...args], {
      cwd: root,
      env: { ...process.env, LANG: "vi_VN.UTF-8", DTI_SCORER_DEBUG: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The reader that goes away: like `| head -1` having read all it wanted.
    if (closeStdoutAtOnce) child.stdout.destroy();
    else child.stdout.resume();
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
    child.on("close", (code) => done({ code, err }));
  });
}

describe("the command as a process", () => {
  test("stops quietly with status 0, without a stack trace, when the reader of its output goes away", async () => {
    const r = await start("entry.ts", ["indices"], true);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const scored = await start("entry.ts", ["score", join(dir, "bang.csv"), "--index", "dti-so-nganh-mau"], true);
    expect(scored.err).not.toMatch(/EPIPE| {4}at /);
    expect(scored.code).toBe(0);
  }, 60_000);

  test("anything unexpected is one line on stderr and status 2, never a stack trace", async () => {
    const r = await start("boom.ts", ["--version"], false);
    expect(r.err).toBe("dti-scorer: lỗi không mong đợi: hỏng ở giữa chừng\n");
    expect(r.code).toBe(2);
  }, 60_000);
});
