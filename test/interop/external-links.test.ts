/**
 * A workbook whose formulas read other workbooks (`=[1]S!$A$1`), scored by the command line, keeps
 * its links, and LibreOffice reads them: saving the file again, it writes the formulas and the
 * links to the same files, in the same order ([1] is still the first file).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { DEMO_DEFINITION } from "../../src/core/plan/test-fixtures";
import { LINKS_SHEET, formsWithExternalLinks, linkedBooks } from "../../src/hosts/xlsx/external-link-workbooks";
import { sheetPath } from "../../src/hosts/xlsx/carry-parts-workbooks";
import { XLSX, convert } from "./soffice";

const dir = mkdtempSync(join(tmpdir(), "dti-interop-links-"));
const sink = { write: (_: string) => true };

test("LibreOffice reads the links of a scored workbook and writes them again in their order", async () => {
  writeFileSync(join(dir, "index.json"), JSON.stringify(DEMO_DEFINITION));
  writeFileSync(
    join(dir, "so-lieu.xlsx"),
    await formsWithExternalLinks([
      { target: "nam-2023.xlsx", sheet: "S", cell: "A1", value: 5 },
      { target: "nam-2022.xlsx", sheet: "T", cell: "B2", value: 7 },
    ]),
  );
  const args = ["score", join(dir, "so-lieu.xlsx"), "--index", join(dir, "index.json"), "--out", join(dir, "ket-qua.xlsx")];
  expect(await main(args, { stdout: sink, stderr: sink, cwd: dir, env: { LANG: "vi_VN.UTF-8" } })).toBe(0);
  const out = join(dir, "lo");
  expect(convert(join(dir, "ket-qua.xlsx"), XLSX, out)).toEqual(["ket-qua.xlsx"]);
  const saved = new Uint8Array(readFileSync(join(out, "ket-qua.xlsx")));
  expect((await linkedBooks(saved)).map((b) => b.target.replace(/^.*\//, ""))).toEqual(["nam-2023.xlsx", "nam-2022.xlsx"]);
  const zip = await JSZip.loadAsync(saved);
  const sheet = await zip.file(await sheetPath(zip, LINKS_SHEET))!.async("string");
  const formulas = [...sheet.matchAll(/<f\b[^>]*>([^<]*)<\/f>/g)].map((m) => m[1]);
  expect(formulas).toEqual(["[1]S!$A$1", "[2]T!$B$2"]);
});
