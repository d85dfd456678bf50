import { parseDefinition } from "../core/definition";
import { BUILTIN_INDICES, findBuiltin } from "./index";

describe("built-in index definitions", () => {
  test.each(BUILTIN_INDICES.map((b) => [b.id, b] as const))("%s parses without a single problem", (_id, builtin) => {
    const result = parseDefinition(builtin.definition);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (result.ok) expect(result.definition.id).toBe(builtin.id);
  });

  test("the provincial DTI, the two samples and the HDI are all listed, each once", () => {
    const ids = BUILTIN_INDICES.map((b) => b.id);
    expect(ids).toEqual(["dti-tinh-922-2022", "dti-so-nganh-mau", "dti-huyen-mau", "undp-hdi"]);
    expect(BUILTIN_INDICES.map((b) => b.file)).toEqual([
      "dti-province-2022.json",
      "dti-department-sample.json",
      "dti-district-sample.json",
      "hdi.json",
    ]);
  });

  test("a built-in is found by its id, whatever the case and surrounding spaces", () => {
    expect(findBuiltin("dti-tinh-922-2022")?.file).toBe("dti-province-2022.json");
    expect(findBuiltin("  UNDP-HDI ")?.file).toBe("hdi.json");
    expect(findBuiltin("dti-tinh-2099")).toBeUndefined();
  });

  test("the department and district samples say in both languages that they are samples to adapt", () => {
    for (const id of ["dti-so-nganh-mau", "dti-huyen-mau"]) {
      const def = findBuiltin(id)!.definition as { name: { vi: string; en: string }; description: { vi: string; en: string } };
      expect(def.name.vi).toMatch(/^Mẫu — .*điều chỉnh theo quyết định của tỉnh/);
      expect(def.name.en).toMatch(/^Sample — .*adapt to your province's decision/);
      expect(def.description.vi).toContain("Cần điều chỉnh");
      expect(def.description.en).toContain("Adapt");
      // Their departments and districts are those before the two-tier local government of 1 July 2025.
      expect(def.description.vi).toContain("theo cơ cấu tổ chức trước ngày 01/7/2025");
      expect(def.description.en).toContain("follows the organisation before 1 July 2025");
    }
  });
});
