/**
 * --lang as people write it: a language tag in any case (EN, en-US, vi_VN) or the language's name
 * (English, Vietnamese, Tiếng Việt) chooses the language; a value that names neither, or no value,
 * is said in both languages on one line, since the language asked for cannot be told.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { languageFrom, parseArgs } from "./args";
import { runCli } from "./test-run";

const dir = mkdtempSync(join(tmpdir(), "dti-cli-lang-"));

describe("--lang", () => {
  test.each(["en", "EN", "En", "en-US", "en_US", "en-gb", "english", "English", "ENGLISH"])("%s chooses English, for the messages and the output", async (value) => {
    expect(parseArgs(["indices", "--lang", value])).toMatchObject({ ok: true, args: { lang: "en" } });
    expect(languageFrom(["indices", `--lang=${value}`])).toBe("en");
    const r = await runCli(["indices", "--lang", value], dir);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toMatch(/^Id +Version +Max points +Name$/);
    // A mistake in the other arguments is said in the language asked for.
    expect((await runCli(["bogus", `--lang=${value}`], dir)).err).toBe('There is no command "bogus". Commands: score, validate, template, collect, indices, demo.\n');
  });

  test.each(["vi", "VI", "vi-VN", "vi_VN", "Vietnamese", "VIETNAMESE", "tiếng việt", "Tiếng Việt", "TIẾNG VIỆT", "Tiếng Việt".normalize("NFD")])("%s chooses Vietnamese", async (value) => {
    expect(parseArgs(["indices", "--lang", value])).toMatchObject({ ok: true, args: { lang: "vi" } });
    const r = await runCli(["indices", "--lang", value], dir, "en");
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toMatch(/^Mã +Phiên bản +Điểm tối đa +Tên$/);
  });

  test("a value naming no language we know is said in both languages on one line", async () => {
    for (const [argv, line] of [
      [["score", "--lang", "fr"], '--lang chỉ nhận vi hoặc en, không nhận "fr". / --lang takes vi or en, not "fr".\n'],
      [["indices", "--lang=Français"], '--lang chỉ nhận vi hoặc en, không nhận "Français". / --lang takes vi or en, not "Français".\n'],
      [["indices", "--lang", "envi"], '--lang chỉ nhận vi hoặc en, không nhận "envi". / --lang takes vi or en, not "envi".\n'],
    ] as const) {
      for (const env of ["vi", "en"] as const) {
        const r = await runCli([...argv], dir, env);
        expect(r.code).toBe(2);
        expect(r.err).toBe(line);
      }
    }
  });

  test("--lang without a value is said in both languages on one line; another option without a value in Vietnamese", async () => {
    for (const argv of [["score", "--lang"], ["score", "--lang="], ["indices", "--lang", "--json", "-"]]) {
      const r = await runCli(argv, dir);
      expect(r.code).toBe(2);
      expect(r.err).toBe("Tùy chọn --lang cần một giá trị. / Option --lang needs a value.\n");
    }
    expect((await runCli(["score", "--index"], dir)).err).toBe("Tùy chọn --index cần một giá trị.\n");
    expect((await runCli(["score", "--index", "--lang", "en"], dir)).err).toBe("Option --index needs a value.\n");
  });
});
