import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliFailure, readInputFile } from "./io";

describe("reading an input file", () => {
  const dir = mkdtempSync(join(tmpdir(), "dti-io-"));
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir };

  test("a directory given as the input file is said in one language at a time", () => {
    let failure: unknown;
    try {
      readInputFile(io, ".");
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(CliFailure);
    const reason = (failure as CliFailure).reason;
    expect(reason.vi).toBe("Không đọc được tệp .: đây là một thư mục, không phải tệp.");
    expect(reason.en).toBe("Cannot read the file .: it is a directory, not a file.");
  });
});
