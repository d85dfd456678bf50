import { BUILTIN_INDICES } from "../indices";
import { definitionHash, parseDefinition } from "./definition";
import {
  FORM_DEFINITION_PREFIX,
  builtinNamed,
  builtinNamedOnForms,
  builtinOfSameName,
  formDefinitionHash,
  formsOfAdaptedBuiltin,
  indicesNamedOnForms,
  parseIndexText,
  sameNameAsBuiltinMessage,
} from "./forms-index";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "./types";

function form(name: string, index: string | undefined): SheetSnapshot {
  const values: CellValue[][] = [
    ["Đơn vị", name],
    ["Mã đơn vị", name.slice(0, 3).toUpperCase()],
    ...(index !== undefined ? [["Bộ chỉ số", index]] : []),
    [],
    ["Mã", "Nội dung", "Điểm tối đa", "Số liệu"],
    ["1", "Nhận thức số", 40],
  ];
  return { name, values };
}

const BUILTINS = [
  { id: "dti-tinh", definition: { id: "dti-tinh", version: "2022" } },
  { id: "dti-so-nganh-mau", definition: { id: "dti-so-nganh-mau", version: "mau-2023" } },
];

/** The built-ins with their names, as an official may type one on a form. */
const NAMED = [
  BUILTINS[0]!,
  {
    id: "dti-so-nganh-mau",
    definition: { id: "dti-so-nganh-mau", version: "mau-2023", name: { vi: "Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành", en: "Sample - DTI for provincial departments" } },
  },
];

const notes: SheetSnapshot = { name: "Ghi chú", values: [["Tổng hợp phiếu các sở"]] };

describe("the index a workbook's forms name", () => {
  test("forms made for a built-in index pick that index, whatever else the workbook holds", () => {
    const wb: WorkbookSnapshot = { sheets: [notes, form("Sở Y tế", "dti-so-nganh-mau@mau-2023"), form("Sở Nội vụ", " dti-so-nganh-mau@mau-2023 ")] };
    const named = builtinNamedOnForms(wb, BUILTINS);
    expect(named?.id).toBe("dti-so-nganh-mau@mau-2023");
    expect(named?.builtin.id).toBe("dti-so-nganh-mau");
    expect(named?.definition).toBe(BUILTINS[1]!.definition);
  });

  test("a form without an index cell does not stop the others from naming theirs", () => {
    const wb: WorkbookSnapshot = { sheets: [form("Sở Y tế", undefined), form("Sở Nội vụ", "DTI-SO-NGANH-MAU@mau-2023")] };
    expect(builtinNamedOnForms(wb, BUILTINS)?.builtin.id).toBe("dti-so-nganh-mau");
  });

  test("forms that name the built-in as people retype it pick it: the id in capitals without a version, or the index's name", () => {
    const of = (...indices: string[]) => builtinNamedOnForms({ sheets: indices.map((x, i) => form(`Đơn vị ${i}`, x)) }, NAMED);
    expect(of("DTI-SO-NGANH-MAU")?.id).toBe("dti-so-nganh-mau@mau-2023");
    expect(of("Mẫu – bộ chỉ số CĐS cấp sở, ban, ngành")?.id).toBe("dti-so-nganh-mau@mau-2023");
    expect(of("Sample - DTI for provincial departments@mau-2023", "dti-so-nganh-mau@mau-2023")?.builtin.id).toBe("dti-so-nganh-mau");
    // A name with another version than the built-in's is another index.
    expect(of("Mẫu — Bộ chỉ số CĐS cấp sở, ban, ngành@mau-2024")).toBeUndefined();
  });

  test("no built-in is picked for forms of two indices, another version, or an index that is not built in", () => {
    const of = (...indices: string[]) => builtinNamedOnForms({ sheets: indices.map((x, i) => form(`Đơn vị ${i}`, x)) }, BUILTINS);
    expect(of("dti-so-nganh-mau@mau-2023", "dti-tinh@2022")).toBeUndefined();
    expect(of("dti-so-nganh-mau@mau-2024")).toBeUndefined();
    expect(of("dti-so-nganh-mau", "dti-tinh")).toBeUndefined();
    expect(of("chi-so-rieng@1")).toBeUndefined();
    expect(builtinNamedOnForms({ sheets: [notes] }, BUILTINS)).toBeUndefined();
  });

  test("every index the forms name is listed once, in sheet order", () => {
    const wb: WorkbookSnapshot = { sheets: [form("A", "x@1"), form("B", "y@2"), form("C", "x@1"), notes] };
    expect(indicesNamedOnForms(wb)).toEqual(["x@1", "y@2"]);
  });

  test("an index text splits into id and version at its @", () => {
    expect(parseIndexText(" dti-tinh @ 2022 ")).toEqual({ id: "dti-tinh", version: "2022" });
    expect(parseIndexText("dti-tinh")).toEqual({ id: "dti-tinh" });
    expect(builtinNamed("dti-tinh@2022", BUILTINS)?.id).toBe("dti-tinh");
  });
});

describe("forms made from a copy of a built-in that kept its id and version", () => {
  const sample = BUILTIN_INDICES.find((b) => b.id === "dti-so-nganh-mau")!;
  const parsed = (raw: unknown) => {
    const r = parseDefinition(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.model.definition;
  };
  const original = parsed(sample.definition);
  const adapted = parsed({ ...(sample.definition as object), name: "Bộ chỉ số CĐS cấp sở tỉnh X" });
  const recorded = (name: string, hash: string): SheetSnapshot => {
    const sheet = form(name, `${original.id}@${original.version}`);
    // As template writes it: in a hidden column of the Bộ chỉ số row.
    const row = [...(sheet.values[2] ?? [])];
    row[39] = FORM_DEFINITION_PREFIX + hash;
    sheet.values[2] = row;
    return sheet;
  };

  test("the copy is told apart from the built-in, a $schema line for editors aside", () => {
    expect(builtinOfSameName(adapted, BUILTIN_INDICES)?.id).toBe("dti-so-nganh-mau");
    expect(sameNameAsBuiltinMessage(adapted, BUILTIN_INDICES)?.vi).toContain('hãy đổi "id" thành mã riêng của tỉnh');
    expect(builtinOfSameName(original, BUILTIN_INDICES)).toBeUndefined();
    expect(builtinOfSameName(parsed({ $schema: "x.json", ...(sample.definition as object) }), BUILTIN_INDICES)).toBeUndefined();
    expect(builtinOfSameName(parsed({ ...(sample.definition as object), version: "2025" }), BUILTIN_INDICES)).toBeUndefined();
  });

  test("a sample edited under its own id and another version is told to take an id of the province's own; the province's DTI under a new version is not", () => {
    const bumped = sameNameAsBuiltinMessage(parsed({ ...(sample.definition as object), version: "2025" }), BUILTIN_INDICES);
    expect(bumped?.vi).toBe(
      'Định nghĩa này vẫn giữ mã "dti-so-nganh-mau" của bộ mẫu có sẵn (phiên bản mau-2023), với phiên bản "2025": hãy đổi "id" thành mã riêng của tỉnh (ví dụ "dti-so-tinh-x") rồi tạo phiếu, để phiếu không bị nhầm với bộ mẫu khi chấm.',
    );
    expect(bumped?.en).toContain('change its "id" to one of the province\'s own');
    expect(sameNameAsBuiltinMessage(parsed({ ...(sample.definition as object), id: "dti-so-tinh-x", version: "2025" }), BUILTIN_INDICES)).toBeUndefined();
    const province = BUILTIN_INDICES.find((b) => b.id === "dti-tinh-922-2022")!;
    expect(sameNameAsBuiltinMessage(parsed({ ...(province.definition as object), version: "2023" }), BUILTIN_INDICES)).toBeUndefined();
  });

  test("its forms are not taken for the built-in's; the built-in's own forms, and forms recording nothing, are", () => {
    const copyForms: WorkbookSnapshot = { sheets: [recorded("Sở Y tế", definitionHash(adapted)), form("Sở Nội vụ", "dti-so-nganh-mau@mau-2023")] };
    expect(formDefinitionHash(copyForms.sheets[0]!)).toBe(definitionHash(adapted));
    expect(builtinNamedOnForms(copyForms, BUILTIN_INDICES)).toBeUndefined();
    expect(formsOfAdaptedBuiltin(copyForms, BUILTIN_INDICES)).toBe("dti-so-nganh-mau@mau-2023");
    const ownForms: WorkbookSnapshot = { sheets: [recorded("Sở Y tế", definitionHash(original)), form("Sở Nội vụ", "dti-so-nganh-mau@mau-2023")] };
    expect(builtinNamedOnForms(ownForms, BUILTIN_INDICES)?.builtin.id).toBe("dti-so-nganh-mau");
    expect(formsOfAdaptedBuiltin(ownForms, BUILTIN_INDICES)).toBeUndefined();
  });
});
