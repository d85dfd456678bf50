import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CliIO } from "../io";
import { loadIndex } from "./common";

/** The --index file reader: definition files saved by Notepad as "ANSI" or "Unicode" are read as CSV files are. */
describe("loadIndex: a definition file not in UTF-8", () => {
  const dir = mkdtempSync(join(tmpdir(), "dti-index-"));
  const io = (): CliIO & { err: () => string } => {
    let err = "";
    return { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, cwd: dir, err: () => err };
  };
  /** A small valid definition named `name`. */
  const text = (name: string): string =>
    JSON.stringify({
      format: "index-definition/1",
      id: "thu",
      version: "1",
      name,
      root: { code: "T", name: "Tong", children: [{ code: "1", name: "Chi tieu 1", max: 10, rule: { kind: "boolean" } }] },
    });
  const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

  test('"ANSI" (Windows-1258) is read with its diacritics, and one warning line says so', () => {
    // "Đơn vị" in Windows-1258: Đ = D0, ơ = F5, and the dot below of ị = F2 after the i.
    const [before, after] = text("@").split("@");
    writeFileSync(join(dir, "ansi.json"), new Uint8Array([...ascii(before!), 0xd0, 0xf5, ...ascii("n vi"), 0xf2, ...ascii(after!)]));
    const vi = io();
    const loaded = loadIndex(vi, "ansi.json", "vi");
    expect(loaded.model.definition.name).toBe("Đơn vị");
    expect((loaded.definition as { name: string }).name).toBe("Đơn vị");
    expect(vi.err()).toBe(
      "Cảnh báo: Tệp ansi.json không phải UTF-8; đã đọc theo bảng mã tiếng Việt Windows-1258. Hãy kiểm tra dấu tiếng Việt của tên chỉ tiêu, hoặc lưu lại tệp dưới dạng UTF-8.\n",
    );
    const en = io();
    loadIndex(en, "ansi.json", "en");
    expect(en.err()).toMatch(/^Warning: The file ansi\.json is not UTF-8; it was read as Vietnamese Windows-1258\.[^\n]*\n$/);
  });

  test('"Unicode" (UTF-16 with a byte-order mark) is read silently as the same definition', () => {
    const t = text("Bộ chỉ số Đồng Tháp");
    const bytes = new Uint8Array(2 + t.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let k = 0; k < t.length; k++) bytes.set([t.charCodeAt(k) & 0xff, t.charCodeAt(k) >> 8], 2 + 2 * k);
    writeFileSync(join(dir, "unicode.json"), bytes);
    const cli = io();
    const loaded = loadIndex(cli, "unicode.json", "vi");
    expect(loaded.model.definition.name).toBe("Bộ chỉ số Đồng Tháp");
    expect(cli.err()).toBe("");
  });

  test("UTF-8 with a byte-order mark has no warning", () => {
    writeFileSync(join(dir, "utf8.json"), new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text("Bộ chỉ số"))]));
    const cli = io();
    expect(loadIndex(cli, "utf8.json", "vi").model.definition.name).toBe("Bộ chỉ số");
    expect(cli.err()).toBe("");
  });
});
