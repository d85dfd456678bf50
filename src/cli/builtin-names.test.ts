/**
 * What --index takes besides an id: the name of a built-in's file, which `indices` shows
 * (`hdi`, `dti-department-sample`), and, for a name that is none of them, the one built-in it
 * most likely meant, asked about in the sentence.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-builtin-names-"));
const HDI_CSV = "Mã đơn vị,Đơn vị,le,eys,mys,gnipc\nVNM,Việt Nam,74.59,13.04,8.37,13079.1\n";

beforeAll(() => writeFileSync(join(dir, "hdi.csv"), HDI_CSV));

describe("--index by a built-in's file name", () => {
  it("scores with `hdi`, the name of undp-hdi's file, as with undp-hdi itself", async () => {
    const byFile = await runCli(["score", "hdi.csv", "--index", "hdi", "--json", "-"], dir);
    const byId = await runCli(["score", "hdi.csv", "--index", "undp-hdi", "--json", "-"], dir);
    expect(byFile.code).toBe(0);
    const total = (out: string) => (JSON.parse(out) as { units: { value: number }[] }).units[0]!.value;
    expect(total(byFile.out)).toBe(total(byId.out));
    expect(total(byFile.out)).toBeCloseTo(0.7346, 4);
    expect(JSON.parse(byFile.out).index.id).toBe("undp-hdi");
  });

  it("validates with `dti-department-sample`, whatever its case", async () => {
    const run = await runCli(["validate", "--index", "DTI-Department-Sample"], dir);
    expect(run.code).toBe(0);
  });

  it("says which built-in a missing `hdi.json` is, rather than only that the file is not there", async () => {
    const run = await runCli(["validate", "--index", "hdi.json"], dir, "vi");
    expect(run.code).toBe(2);
    expect(run.err).toBe("Không tìm thấy tệp hdi.json. Bộ chỉ số có sẵn lưu trong tệp cùng tên dùng được bằng --index undp-hdi.\n");
  });
});

describe("an --index that names nothing", () => {
  it("asks about the one built-in whose id holds the name, Vietnamese marks ignored", async () => {
    const run = await runCli(["validate", "--index", "huyện"], dir, "vi");
    expect(run.code).toBe(2);
    expect(run.err).toContain('Không có tệp hay bộ chỉ số có sẵn nào tên "huyện". Có phải là --index dti-huyen-mau? Bộ có sẵn: ');
  });

  it("asks nothing when several built-ins hold the name, and lists them all", async () => {
    const run = await runCli(["validate", "--index", "dti", "--lang", "en"], dir);
    expect(run.err).toBe('There is no file or built-in index called "dti". Built-in: dti-tinh-922-2022, dti-so-nganh-mau, dti-huyen-mau, undp-hdi.\n');
  });
});
