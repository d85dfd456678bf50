/** How a form's `Bộ chỉ số` text names an index: by id (any case) or name (either language), with or without a version. */
import { namesIndex, parseIndexText } from "./index-text";

const def = { id: "dti-so-nganh-mau", name: { vi: "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành", en: "Sample — department DTI" } };

describe("namesIndex", () => {
  test.each([
    ["dti-so-nganh-mau@mau-2023", { version: "mau-2023" }],
    ["DTI-SO-NGANH-MAU", {}],
    [" dti-so-nganh-mau @ mau-2024 ", { version: "mau-2024" }],
    ["Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành", {}],
    ["mau - bo chi so cds cap so, ban, nganh", {}],
    ["Mẫu–Bộ chỉ số CĐS cấp sở, ban, ngành", {}],
    ["SAMPLE — DEPARTMENT DTI@mau-2023", { version: "mau-2023" }],
  ])("%s names the index", (text, expected) => {
    expect(namesIndex(text, def)).toEqual(expected);
  });

  test.each(["dti-huyen-mau@mau-2023", "Mẫu — Bộ chỉ số CĐS cấp huyện", "dti-so-nganh", "", "@mau-2023"])("%s names another index or none", (text) => {
    expect(namesIndex(text, def)).toBeUndefined();
  });

  test("an index named by one string in every language", () => {
    expect(namesIndex("Chỉ số phát triển con người", { id: "undp-hdi", name: "Chỉ số phát triển con người" })).toEqual({});
  });

  test("a definition read back as it stands (a name of null, an id that is no string) answers, never throws", () => {
    expect(namesIndex("x@1", { id: "x", name: null } as never)).toEqual({ version: "1" });
    expect(namesIndex("x", { id: 5, name: { vi: 3 } } as never)).toBeUndefined();
  });

  test("parseIndexText splits at the first @", () => {
    expect(parseIndexText("a@b@c")).toEqual({ id: "a", version: "b@c" });
  });
});
