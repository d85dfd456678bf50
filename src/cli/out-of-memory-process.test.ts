import { spawn } from "node:child_process";
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { parseDefinition } from "../core/definition";
import { findBuiltin } from "../indices";

/**
 * The command, launched as bin/dti-scorer.js launches it (launch.ts, through tsx), running out of
 * memory: its child process, given 64 MB of heap (DTI_SCORER_HEAP_MB) to score a table of 3,000
 * units (0.4 MB of .xlsx: reading it takes far more than 64 MB), is ended by V8. What the user
 * sees is one sentence naming the file, its size, the memory it had and what to do, with status 2:
 * not V8's "FATAL ERROR" and its stack dump.
 */
const root = resolve(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "dti-oom-"));
writeFileSync(join(dir, "entry.ts"), `import { launch } from ${JSON.stringify(join(root, "src", "cli", "launch"))};\nlaunch(__filename, () => require(${JSON.stringify(join(root, "src", "cli", "main"))}));\n`);
const table = join(dir, "xa.xlsx");

beforeAll(async () => {
  // Every input of the built-in department index, a figure each, for 3,000 units.
  const parsed = parseDefinition(findBuiltin("dti-so-nganh-mau")!.definition);
  if (!parsed.ok) throw new Error("the built-in index is not valid");
  const codes = [...parsed.model.inputs.keys()];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Số liệu");
  ws.addRow(["Mã đơn vị", "Đơn vị", ...codes]);
  for (let u = 0; u < 3000; u++) ws.addRow([`DV${u}`, `Đơn vị số ${u}`, ...codes.map((_, i) => (u * 41 + i * 7) % 100)]);
  await wb.xlsx.writeFile(table);
});

test("a child that runs out of memory: one sentence naming the file and what to do, status 2, no V8 dump", async () => {
  const r = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string; out: string }>((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(dir, "entry.ts"), "score", table, "--index", "dti-so-nganh-mau"], {
      cwd: root,
      env: { ...process.env, LANG: "vi_VN.UTF-8", DTI_SCORER_DEBUG: "", DTI_SCORER_HEAP_MB: "64", NODE_OPTIONS: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
    child.on("close", (code, signal) => done({ code, signal, err, out }));
  });
  const size = `${(statSync(table).size / 2 ** 20).toFixed(1).replace(".", ",")} MB`;
  expect(r.err).toBe(
    `Không đủ bộ nhớ để xử lý tệp ${table} (${size}): Node.js đã dùng hết 64 MB bộ nhớ được cấp. Hãy tách thành các tệp nhỏ hơn (ví dụ tách theo nhóm đơn vị) rồi chạy lệnh với từng tệp, hoặc cấp thêm bộ nhớ cho Node.js: đặt biến môi trường NODE_OPTIONS=--max-old-space-size=1024 rồi chạy lại.\n`,
  );
  expect(r.err).not.toMatch(/FATAL ERROR|Last few GCs|JS stacktrace|OOMErrorHandler/);
  expect(r.out).toBe("");
  expect(r.signal).toBeNull();
  expect(r.code).toBe(2);
}, 60_000);
