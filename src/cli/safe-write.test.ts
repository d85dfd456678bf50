import { spawn } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { WriteBytes } from "./safe-write";
import { writeAllBytes } from "./safe-write";
import { main } from "./main";
import { communeIndex } from "./test-run";

/**
 * Writing the output files whole or not at all (safe-write.ts): a write that fails halfway (a full
 * disk: the write given to the run fails as the system would, after writing half the bytes) leaves
 * the file it would replace as it was; an output that cannot be written is said before any work.
 */
const dir = mkdtempSync(join(tmpdir(), "dti-safe-write-"));
writeFileSync(join(dir, "xa.json"), JSON.stringify(communeIndex({ name: "Tỷ lệ hồ sơ trực tuyến", rule: { kind: "fraction" } })));
writeFileSync(join(dir, "xa.csv"), "Mã đơn vị,Đơn vị,1.1,2.1,2.2.a,2.2.b\nX01,Xã An Bình,Có,0.5,3,4\nX02,Xã Tân Phú,Không,1,10,10\nX03,Xã Phước Long,có,0.25,0,8\n");
writeFileSync(join(dir, "chan.txt"), "một tệp, không phải thư mục\n");

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], writeBytes?: WriteBytes): Promise<Run> {
  let out = "";
  let err = "";
  const code = await main(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    cwd: dir,
    env: { LANG: "vi_VN.UTF-8" },
    ...(writeBytes ? { writeBytes } : {}),
  });
  return { code, out, err };
}

/** A write that puts half the bytes on the disk and then fails as a full disk does; `from`: the first write that fails (1: every one). */
function diskFullAt(from = 1): WriteBytes {
  let calls = 0;
  return (fd, data) => {
    calls++;
    if (calls < from) return writeAllBytes(fd, data);
    writeAllBytes(fd, data.subarray(0, data.length >> 1));
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  };
}

/** Temporary files left in the folder (a name starting with "." and ending with ".tmp"). */
function leftovers(): string[] {
  return readdirSync(dir).filter((n) => n.startsWith(".") && n.endsWith(".tmp"));
}

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, file));
  return wb.worksheets.map((w) => w.name);
}

interface ResultsJson {
  units: { code: string; points: number; rank: number }[];
}

function points(text: string): Record<string, number> {
  return Object.fromEntries((JSON.parse(text) as ResultsJson).units.map((u) => [u.code, u.points]));
}

const EXPECTED = { X01: 22.5, X02: 20, X03: 12.5 };

describe("an output file written whole or not at all", () => {
  test("a workbook scored in place stays as it was when the disk fills halfway through its write, and scores in place as before once there is room", async () => {
    expect((await run(["score", "xa.csv", "--index", "xa.json", "--out", "tai-cho.xlsx"])).code).toBe(0);
    const before = readFileSync(join(dir, "tai-cho.xlsx"));
    const failed = await run(["score", "tai-cho.xlsx", "--out", "tai-cho.xlsx"], diskFullAt());
    expect(failed.code).toBe(2);
    expect(failed.err).toBe("Không ghi được tệp tai-cho.xlsx: ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại.\n");
    expect(readFileSync(join(dir, "tai-cho.xlsx")).equals(before)).toBe(true);
    expect(leftovers()).toEqual([]);
    // The same run with room on the disk: the workbook scored in place, its results those of the first scoring.
    const again = await run(["score", "tai-cho.xlsx", "--out", "tai-cho.xlsx", "--json", "tai-cho.json"]);
    expect(again.code).toBe(0);
    expect(again.out).toContain("Đã ghi tai-cho.xlsx");
    expect(points(readFileSync(join(dir, "tai-cho.json"), "utf8"))).toEqual(EXPECTED);
    expect(await sheetNames("tai-cho.xlsx")).toEqual(await sheetNamesOfFresh());
    expect(leftovers()).toEqual([]);
  });

  test("a new --out whose write failed leaves nothing behind that would stop the next run", async () => {
    const failed = await run(["score", "xa.csv", "--index", "xa.json", "--out", "moi.xlsx", "--lang", "en"], diskFullAt());
    expect(failed.code).toBe(2);
    expect(failed.err).toBe("Cannot write the file moi.xlsx: the disk is full; free some space and run again.\n");
    expect(existsSync(join(dir, "moi.xlsx"))).toBe(false);
    expect(leftovers()).toEqual([]);
    const retry = await run(["score", "xa.csv", "--index", "xa.json", "--out", "moi.xlsx"]);
    expect(retry.code).toBe(0);
    expect(await sheetNames("moi.xlsx")).toContain("_index");
  });

  test("collect into the workbook it gathers into keeps that workbook as it was when the write fails", async () => {
    writeFileSync(join(dir, "dv1.csv"), "Mã đơn vị,Đơn vị\nX01,Xã An Bình\n");
    writeFileSync(join(dir, "dv2.csv"), "Mã đơn vị,Đơn vị\nX02,Xã Tân Phú\n");
    expect((await run(["template", "--index", "xa.json", "--units", "dv1.csv", "--out", "dot1.xlsx"])).code).toBe(0);
    expect((await run(["template", "--index", "xa.json", "--units", "dv2.csv", "--out", "dot2.xlsx"])).code).toBe(0);
    expect((await run(["collect", "dot1.xlsx", "--out", "tong.xlsx"])).code).toBe(0);
    const before = readFileSync(join(dir, "tong.xlsx"));
    const failed = await run(["collect", "tong.xlsx", "dot2.xlsx", "--out", "tong.xlsx"], diskFullAt());
    expect(failed.code).toBe(2);
    expect(failed.err).toBe("Không ghi được tệp tong.xlsx: ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại.\n");
    expect(readFileSync(join(dir, "tong.xlsx")).equals(before)).toBe(true);
    expect(leftovers()).toEqual([]);
    expect((await run(["collect", "tong.xlsx", "dot2.xlsx", "--out", "tong.xlsx"])).code).toBe(0);
    expect(await sheetNames("tong.xlsx")).toEqual(["Xã An Bình", "Xã Tân Phú"]);
  });

  test("when the --json file fails after the workbook was written, the sentence says that the workbook was written", async () => {
    const failed = await run(["score", "xa.csv", "--index", "xa.json", "--out", "roi.xlsx", "--json", "roi.json"], diskFullAt(2));
    expect(failed.code).toBe(2);
    expect(failed.err).toBe("Không ghi được tệp roi.json: ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại. Tệp roi.xlsx đã được ghi xong trước đó, đầy đủ.\n");
    expect(await sheetNames("roi.xlsx")).toContain("_index");
    expect(existsSync(join(dir, "roi.json"))).toBe(false);
    const en = await run(["score", "xa.csv", "--index", "xa.json", "--out", "roi-en.xlsx", "--json", "roi-en.json", "--lang", "en"], diskFullAt(2));
    expect(en.err).toBe("Cannot write the file roi-en.json: the disk is full; free some space and run again. roi-en.xlsx was written in full before that.\n");
  });

  test("a workbook replaced keeps its permissions, and a link to it stays a link", async () => {
    expect((await run(["score", "xa.csv", "--index", "xa.json", "--out", "quyen.xlsx"])).code).toBe(0);
    chmodSync(join(dir, "quyen.xlsx"), 0o640);
    expect((await run(["score", "quyen.xlsx", "--out", "quyen.xlsx"])).code).toBe(0);
    expect(statSync(join(dir, "quyen.xlsx")).mode & 0o777).toBe(0o640);
    symlinkSync("quyen.xlsx", join(dir, "lien-ket.xlsx"));
    const r = await run(["score", "lien-ket.xlsx", "--out", "lien-ket.xlsx", "--json", "lien-ket.json"]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, "lien-ket.xlsx")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "lien-ket.xlsx"))).toBe("quyen.xlsx");
    expect(points(readFileSync(join(dir, "lien-ket.json"), "utf8"))).toEqual(EXPECTED);
    expect(leftovers()).toEqual([]);
  });
});

/** The sheets of a workbook scored once from the table (what scoring in place must still give). */
async function sheetNamesOfFresh(): Promise<string[]> {
  expect((await run(["score", "xa.csv", "--index", "xa.json", "--out", "moi-cham.xlsx"])).code).toBe(0);
  return sheetNames("moi-cham.xlsx");
}

describe("outputs that cannot be written are said before any work", () => {
  test("a --json folder that is a file stops scoring in place at once: the workbook is not rewritten", async () => {
    expect((await run(["score", "xa.csv", "--index", "xa.json", "--out", "truoc.xlsx"])).code).toBe(0);
    const before = readFileSync(join(dir, "truoc.xlsx"));
    const mtime = statSync(join(dir, "truoc.xlsx")).mtimeMs;
    const r = await run(["score", "truoc.xlsx", "--out", "truoc.xlsx", "--json", "chan.txt/kq.json"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Không ghi được tệp chan.txt/kq.json: một phần của đường dẫn là tệp chứ không phải thư mục; hãy kiểm tra lại đường dẫn.\n");
    // Nothing scored, nothing printed, nothing written.
    expect(r.out).toBe("");
    expect(readFileSync(join(dir, "truoc.xlsx")).equals(before)).toBe(true);
    expect(statSync(join(dir, "truoc.xlsx")).mtimeMs).toBe(mtime);
  });

  test("an --out that cannot be made is said before scoring, for score, template and collect", async () => {
    const score = await run(["score", "xa.csv", "--index", "xa.json", "--out", "chan.txt/kq.xlsx", "--lang", "en"]);
    expect(score.code).toBe(2);
    expect(score.err).toBe("Cannot write the file chan.txt/kq.xlsx: part of the path is a file, not a folder; check the path.\n");
    expect(score.out).toBe("");
    const template = await run(["template", "--index", "xa.json", "--units", "dv1.csv", "--out", "chan.txt/phieu.xlsx"]);
    expect(template.code).toBe(2);
    expect(template.err).toContain("Không ghi được tệp chan.txt/phieu.xlsx");
    const collect = await run(["collect", "dot1.xlsx", "--out", "chan.txt/tong.xlsx"]);
    expect(collect.code).toBe(2);
    expect(collect.err).toContain("Không ghi được tệp chan.txt/tong.xlsx");
    // /proc takes no new file (not even for root, for whom permissions do not count).
    const proc = await run(["validate", "xa.csv", "--index", "xa.json", "--json", "/proc/kq-dti.json"]);
    expect(proc.code).toBe(2);
    expect(proc.err).toMatch(/^Không ghi được tệp \/proc\/kq-dti\.json: /);
    expect(proc.out).toBe("");
  });
});

// Character devices, pipes and /proc: Linux, where the suite and CI run.
describe("--json to what is no regular file", () => {
  test("--json /dev/stdout is --json -: the JSON alone on stdout, the ranking on stderr", async () => {
    const r = await run(["score", "xa.csv", "--index", "xa.json", "--json", "/dev/stdout"]);
    expect(r.code).toBe(0);
    expect(points(r.out)).toEqual(EXPECTED);
    expect(r.err).toContain("Xã An Bình");
  });

  test("a full device (/dev/full, or a link to it) is written, not read, and its failure said", async () => {
    const r = await run(["score", "xa.csv", "--index", "xa.json", "--json", "/dev/full"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("Không ghi được tệp /dev/full: ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại.\n");
    symlinkSync("/dev/full", join(dir, "day.json"));
    const linked = await run(["score", "xa.csv", "--index", "xa.json", "--json", "day.json"]);
    expect(linked.code).toBe(2);
    expect(linked.err).toBe("Không ghi được tệp day.json: ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại.\n");
    expect(lstatSync(join(dir, "day.json")).isSymbolicLink()).toBe(true);
  });

  test("a named pipe gets the JSON and stays a pipe", async () => {
    const fifo = join(dir, "ong.json");
    await new Promise<void>((done, failed) => spawn("mkfifo", [fifo]).on("close", (c) => (c === 0 ? done() : failed(new Error(`mkfifo ${c}`)))));
    const got = join(dir, "ong-nhan.json");
    const reader = spawn("sh", ["-c", 'cat "$1" > "$2"', "sh", fifo, got]);
    const readerDone = new Promise<void>((done) => reader.on("close", () => done()));
    const r = await run(["score", "xa.csv", "--index", "xa.json", "--json", "ong.json"]);
    await readerDone;
    expect(r.code).toBe(0);
    expect(points(readFileSync(got, "utf8"))).toEqual(EXPECTED);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe("a large file at --json", () => {
  const big = 17 * 1024 * 1024;

  test("is known by its first bytes: what score wrote is replaced, anything else is not", async () => {
    const ours = '{\n  "index": {\n    "id": "xa-thu",\n    "version": "2024"\n  },\n  "units": [\n' + " ".repeat(big) + "]}\n";
    writeFileSync(join(dir, "lon.json"), ours);
    const r = await run(["score", "xa.csv", "--index", "xa.json", "--json", "lon.json"]);
    expect(r.code).toBe(0);
    expect(points(readFileSync(join(dir, "lon.json"), "utf8"))).toEqual(EXPECTED);
    writeFileSync(join(dir, "nhat-ky.json"), "dòng nhật ký\n".repeat(big / 12));
    const size = statSync(join(dir, "nhat-ky.json")).size;
    const refused = await run(["score", "xa.csv", "--index", "xa.json", "--json", "nhat-ky.json"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("nhat-ky.json");
    expect(refused.err).toContain("không phải tệp JSON");
    expect(statSync(join(dir, "nhat-ky.json")).size).toBe(size);
  });
});
