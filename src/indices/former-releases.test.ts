/**
 * Earlier releases of the built-ins, as they were shipped (test/fixtures/former-builtins): the first
 * lacked the English names of the samples' choice options and units and some aliases; the second
 * (release-2) spoke of "mức độ 4" services, lacked the town and city forms of the district
 * leaders and the provincial office's and inspectorate's heads, took "Không áp dụng" for OCOP
 * products and ranked the HDI's ZZ aggregates. A copy of one (the `_index` of a workbook scored
 * then, a file saved from it) is still the built-in, not an adapted copy that keeps its id and
 * version, and the built-in now scores its forms.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { definitionHash, parseDefinition } from "../core/definition";
import { builtinOfSameName, sameNameAsBuiltinMessage } from "../core/forms-index";
import { runScoring } from "../core/pipeline";
import { XlsxHost } from "../hosts/xlsx/host";
import { scoredDemo } from "../hosts/xlsx/test-workbooks";
import { BUILTIN_INDICES, findBuiltin } from ".";

jest.setTimeout(60_000);

const former = (file: string): unknown => JSON.parse(readFileSync(join(__dirname, "../../test/fixtures/former-builtins", file), "utf8"));

describe.each([
  "dti-department-sample.json",
  "dti-district-sample.json",
  "hdi.json",
  "release-2/dti-province-2022.json",
  "release-2/dti-department-sample.json",
  "release-2/dti-district-sample.json",
  "release-2/hdi.json",
])("the former %s", (file) => {
  test("is recorded as an earlier release of the built-in of its id and version, so no warning calls it an adapted copy", () => {
    const parsed = parseDefinition(former(file));
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    const builtin = findBuiltin(parsed.model.definition.id)!;
    expect(builtin.formerHashes).toContain(definitionHash(parsed.model.definition));
    expect(builtinOfSameName(parsed.model.definition, BUILTIN_INDICES)).toBeUndefined();
    expect(sameNameAsBuiltinMessage(parsed.model.definition, BUILTIN_INDICES)).toBeUndefined();
    // A copy changed since (another maximum) is still an adapted copy.
    const changed = JSON.parse(JSON.stringify(former(file))) as { description?: unknown; root: { name: unknown } };
    changed.root.name = "Bộ chỉ số của tỉnh";
    const adapted = parseDefinition(changed);
    if (!adapted.ok) throw new Error("changed copy");
    expect(sameNameAsBuiltinMessage(adapted.model.definition, BUILTIN_INDICES)).toBeDefined();
  });
});

test.each(["dti-department-sample.json", "release-2/dti-department-sample.json"])("the department sample's former %s scores the demo's forms exactly as the built-in does now", async (file) => {
  const demo = await scoredDemo();
  const score = async (definition: unknown) => {
    const host = await XlsxHost.fromBuffer(demo, "ket-qua.xlsx");
    const { table } = await runScoring(host, { definition, lang: "vi", projectVersion: "test", write: false });
    return table.units.map((u) => [u.code, u.points, u.rank, u.coverage]);
  };
  const now = await score(findBuiltin("dti-so-nganh-mau")!.definition);
  expect(now.length).toBeGreaterThan(10);
  expect(await score(former(file))).toEqual(now);
});
