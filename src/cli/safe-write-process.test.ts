import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";

/**
 * The command's own process (`run`, as bin/dti-scorer.js calls it, through tsx) when its files or
 * its output cannot be written: a file-size limit the system sets (a write that really fails
 * halfway), Ctrl+C or SIGTERM in the middle of a write, a standard output on a full disk.
 */
const root = resolve(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "dti-safe-run-"));
const mainPath = join(root, "src", "cli", "main.ts");
writeFileSync(join(dir, "entry.ts"), `import { run } from ${JSON.stringify(mainPath)};\nrun();\n`);
// Ctrl+C (or SIGTERM) arriving while a file is being written: the signal is sent halfway through its bytes.
writeFileSync(
  join(dir, "signal.ts"),
  `import { writeSync } from "node:fs";
import { run } from ${JSON.stringify(mainPath)};
run({
  writeBytes: (fd, data) => {
    const half = data.length >> 1;
    writeSync(fd, data, 0, half);
    process.kill(process.pid, process.env.STOP_SIGNAL as NodeJS.Signals);
    writeSync(fd, data, half, data.length - half);
  },
});
`,
);
writeFileSync(join(dir, "xa.csv"), "Mã đơn vị,Đơn vị,1.1\n" + Array.from({ length: 200 }, (_, i) => `X${i},Xã số ${i},có`).join("\n") + "\n");

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  err: string;
}

/** The command in a child process; `limitBlocks`: a limit on the size of the files it writes (sh's `ulimit -f`). */
function start(script: string, args: string[], opts: { env?: Record<string, string>; stdout?: number; limitBlocks?: number } = {}): Promise<Exit> {
  return new Promise((done) => {
    const node = [process.execPath, "--import", "tsx", join(dir, script), ...args];
    const [cmd, ...argv] = opts.limitBlocks !== undefined ? ["sh", "-c", `ulimit -f ${opts.limitBlocks} && exec "$@"`, "sh", ...node] : node;
    const child = spawn(cmd!, argv, {
      cwd: root,
      env: { ...process.env, LANG: "vi_VN.UTF-8", DTI_SCORER_DEBUG: "", ...opts.env },
      stdio: ["ignore", opts.stdout ?? "ignore", "pipe"],
    });
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString("utf8")));
    child.on("close", (code, signal) => done({ code, signal, err }));
  });
}

function leftovers(): string[] {
  return readdirSync(dir).filter((n) => n.startsWith(".") && n.endsWith(".tmp"));
}

async function isScored(file: string): Promise<boolean> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.some((w) => w.name === "_index");
}

// Like the rest of the suite (xmllint, /proc, /dev/full), these run on Linux, where CI runs them.
describe("the command as a process, when writing fails or is stopped", () => {
  const table = join(dir, "xa.csv");
  const scored = join(dir, "da-cham.xlsx");

  beforeAll(async () => {
    const first = await start("entry.ts", ["score", table, "--index", "dti-so-nganh-mau", "--out", scored]);
    expect(first.code).toBe(1);
  }, 60_000);

  test("a write that the system stops halfway (a file-size limit) leaves the workbook scored in place as it was", async () => {
    const before = readFileSync(scored);
    // 8 blocks: 4 KB (or 8 KB), far less than the workbook.
    const r = await start("entry.ts", ["score", scored, "--out", scored], { limitBlocks: 8 });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `Không ghi được tệp ${scored}: tệp lớn hơn mức hệ thống hoặc ổ đĩa cho phép (ví dụ ổ USB định dạng FAT32 chỉ nhận tệp dưới 4 GB); hãy chọn nơi khác.\n`,
    );
    expect(readFileSync(scored).equals(before)).toBe(true);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  test.each(["SIGINT", "SIGTERM"] as const)("%s halfway through writing the workbook scored in place: the process stops, the workbook whole, no temporary file left", async (signal) => {
    const r = await start("signal.ts", ["score", scored, "--out", scored], { env: { STOP_SIGNAL: signal } });
    expect(r.signal).toBe(signal);
    expect(await isScored(scored)).toBe(true);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  test("stdout on a full disk: one sentence saying so and naming the workbook written, status 2", async () => {
    const full = openSync("/dev/full", "w");
    try {
      const json = await start("entry.ts", ["score", table, "--index", "dti-so-nganh-mau", "--json", "-"], { stdout: full });
      expect(json.code).toBe(2);
      expect(json.err.trimEnd().split("\n").pop()).toBe(
        "Không ghi được ra đầu ra chuẩn (stdout: màn hình, hoặc tệp hay chương trình mà đầu ra được chuyển tới): ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại.",
      );
      expect(json.err).not.toMatch(/ENOSPC|không mong đợi/);
      const out = join(dir, "ra.xlsx");
      const written = await start("entry.ts", ["score", table, "--index", "dti-so-nganh-mau", "--out", out, "--lang", "en"], { stdout: full });
      expect(written.code).toBe(2);
      expect(written.err).toBe(
        `Cannot write to the standard output (stdout: the screen, or the file or program the output is redirected to): the disk is full; free some space and run again. ${out} was written in full before that.\n`,
      );
      expect(await isScored(out)).toBe(true);
    } finally {
      closeSync(full);
    }
  }, 60_000);
});
