import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";

/**
 * The command run in a child process by its launcher (launch.ts, as bin/dti-scorer.js runs it,
 * through tsx; DTI_SCORER_HEAP_MB makes it start the child for a small table): what it prints on
 * standard output and standard error, and its exit status, are what it gives when it runs in the
 * launcher's own process; Ctrl+C, which the terminal sends to both processes, still lets the
 * workbook being written be written whole, and the launcher ends by that signal as the command did.
 */
const root = resolve(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "dti-launch-run-"));
const launchPath = JSON.stringify(join(root, "src", "cli", "launch"));
const mainPath = JSON.stringify(join(root, "src", "cli", "main"));
writeFileSync(join(dir, "entry.ts"), `import { launch } from ${launchPath};\nlaunch(__filename, () => require(${mainPath}));\n`);
// Ctrl+C pressed halfway through writing the workbook: SIGINT to the launcher's process group, as a terminal sends it.
writeFileSync(
  join(dir, "ctrl-c.ts"),
  `import { writeSync } from "node:fs";
import { launch } from ${launchPath};
launch(__filename, () => {
  const cli = require(${mainPath});
  return {
    ...cli,
    run: (options: object) =>
      cli.run({
        ...options,
        writeBytes: (fd: number, data: Uint8Array) => {
          const half = data.length >> 1;
          writeSync(fd, data, 0, half);
          process.kill(-process.ppid, "SIGINT");
          writeSync(fd, data, half, data.length - half);
        },
      }),
  };
});
`,
);
writeFileSync(join(dir, "xa.csv"), "Mã đơn vị,Đơn vị,1.1\n" + Array.from({ length: 200 }, (_, i) => `X${i},Xã số ${i},có`).join("\n") + "\n");

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  /** The temporary files in the folder when the launcher's process ended (its streams may close later). */
  tmpAtExit: string[];
}

function leftovers(): string[] {
  return readdirSync(dir).filter((n) => n.endsWith(".tmp"));
}

/** The launcher in a process group of its own (as a shell runs a command), `heapMb`: DTI_SCORER_HEAP_MB. */
function start(script: string, args: string[], heapMb?: number): Promise<Exit> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(dir, script), ...args], {
      cwd: root,
      env: { ...process.env, LANG: "vi_VN.UTF-8", DTI_SCORER_DEBUG: "", NODE_OPTIONS: "", DTI_SCORER_HEAP_MB: heapMb !== undefined ? String(heapMb) : "" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let out = "";
    let err = "";
    let tmpAtExit: string[] = [];
    child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
    child.on("exit", () => (tmpAtExit = leftovers()));
    child.on("close", (code, signal) => done({ code, signal, out, err, tmpAtExit }));
  });
}

async function isScored(file: string): Promise<boolean> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.some((w) => w.name === "_index");
}

// Process groups and signals as on Linux, where CI runs.
describe("the command in a child process of its launcher", () => {
  test("prints what it prints in the launcher's own process, on the same streams, with the same status", async () => {
    // Excel's lock file beside --out: a warning on standard error before the workbook is written.
    writeFileSync(join(dir, "~$mo.xlsx"), "Excel");
    const args = (out: string) => ["score", join(dir, "xa.csv"), "--index", "dti-so-nganh-mau", "--out", join(dir, out)];
    const here = await start("entry.ts", args("mo.xlsx"));
    const child = await start("entry.ts", args("mo.xlsx"), 1024);
    expect(here.code).toBe(1);
    expect(here.err).toMatch(/mo\.xlsx/);
    expect(child).toEqual(here);
  }, 60_000);

  test("Ctrl+C halfway through writing the workbook: written whole, no temporary file left, the launcher ends by SIGINT", async () => {
    const scored = join(dir, "da-cham.xlsx");
    const r = await start("ctrl-c.ts", ["score", join(dir, "xa.csv"), "--index", "dti-so-nganh-mau", "--out", scored], 1024);
    expect(r.signal).toBe("SIGINT");
    // The launcher ended once the child had: the workbook renamed into place by then.
    expect(r.tmpAtExit).toEqual([]);
    expect(await isScored(scored)).toBe(true);
    expect(leftovers()).toEqual([]);
  }, 60_000);
});
