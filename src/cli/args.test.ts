/**
 * What the command line says when an option is given to a command that does not take it: the
 * command and the option named, in a sentence ("The template command does not take the option
 * --json." / "Lệnh template không dùng tùy chọn --json.").
 */
import { parseArgs } from "./args";

describe("an option the command does not take", () => {
  test("is refused with the command and the option named, in either language", () => {
    expect(parseArgs(["template", "--json", "out.json"])).toEqual({
      ok: false,
      reason: { vi: "Lệnh template không dùng tùy chọn --json.", en: "The template command does not take the option --json." },
    });
    expect(parseArgs(["indices", "--units=dv.csv"])).toMatchObject({ ok: false, reason: { en: "The indices command does not take the option --units." } });
  });
});
