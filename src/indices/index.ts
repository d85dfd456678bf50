/**
 * The index definitions shipped with the project. The JSON files are the definitions exactly
 * as a user would write them; they are parsed (and checked) by `parseDefinition` like any other.
 */
import dtiProvince2022 from "./dti-province-2022.json";
import dtiDepartmentSample from "./dti-department-sample.json";
import dtiDistrictSample from "./dti-district-sample.json";
import hdi from "./hdi.json";

export interface BuiltinIndex {
  /** The definition's id, used on the command line (`--index dti-tinh-922-2022`). */
  id: string;
  /** The JSON file it comes from, inside src/indices. */
  file: string;
  /** The definition as written (not yet parsed). */
  definition: unknown;
  /** A sample to adapt to a province's own decision, under an id of the province's own. */
  sample?: boolean;
  /**
   * The definition hashes (definitionHash) of earlier releases of this id and version, whose forms
   * are this one's (the same codes, inputs and maxima), as test/fixtures/former-builtins keeps
   * them: they lacked the English names of choice options and units and some aliases, or worded
   * some names and descriptions otherwise. The second release (former-builtins/release-2) also
   * took "Không áp dụng" for the district sample's OCOP products (7.3) and ranked the HDI's ZZ
   * aggregates among the countries; both are corrected, and a table or forms scored again with the
   * built-in chosen get the correction (a workbook scored again without one keeps the definition
   * its `_index` holds, the old rules: docs/index-definition-notes.md). A copy of one (a scored workbook's `_index`, a file saved from it) and forms made
   * from one are this built-in, not an adapted copy of it.
   */
  formerHashes?: readonly string[];
}

export const BUILTIN_INDICES: BuiltinIndex[] = [
  {
    id: dtiProvince2022.id,
    file: "dti-province-2022.json",
    definition: dtiProvince2022,
    formerHashes: [
      "50588b3de7485d0b2df34c452094ea3dc5003f06ac9292ecb6749130d9cfe7ee",
      "8edb781ba3839c728335e6db5fc7ac2b042bba845fa0a7d4679cce9e1a696d28",
    ],
  },
  {
    id: dtiDepartmentSample.id,
    file: "dti-department-sample.json",
    definition: dtiDepartmentSample,
    sample: true,
    formerHashes: [
      "2b9ee0aaa19eeceab5b881cfd7a216e0c51b9be5e99f6171be5792bc22d9dd1a",
      "42659c78e0d8cd7ca1adbfe86df502b971bbf9499ca21c352ed6115058ecdd51",
      "b4ad218e728debe555ce11d0d8f9514bbb9a6adbec26ffda6b459efce2a7929a",
    ],
  },
  {
    id: dtiDistrictSample.id,
    file: "dti-district-sample.json",
    definition: dtiDistrictSample,
    sample: true,
    formerHashes: [
      "944dfb4c6e6398acf1edf1a0c692cf599af3b9e74d2208207ffe10c2b64c13b8",
      "de886cddf10704dbaf294b073838a2eb2533d0b81bf16c83cb6330b9957b4564",
      "1c6fab909ad8f5163b6956520571d9328e42f5fff0fcd375576b5dbaa3bb83c3",
    ],
  },
  {
    id: hdi.id,
    file: "hdi.json",
    definition: hdi,
    formerHashes: [
      "c98b18a6b29eb806ed9c0b779a52afb657ecc13acaa1c657ff411c8379cb8188",
      "37345f03438d67de20dcf8c0dde03fc9549007bdc59f4b2dd35b06b55e3fb954",
    ],
  },
];

/** The name of a built-in's file without ".json" (`dti-department-sample`, `hdi`). */
const fileStem = (b: BuiltinIndex): string => b.file.replace(/\.json$/, "");

/**
 * The built-in definition with this id, or with this file name without ".json" (the `indices`
 * command shows where the files are: `hdi` is `undp-hdi`); case and surrounding spaces ignored.
 */
export function findBuiltin(id: string): BuiltinIndex | undefined {
  const wanted = id.trim().toLowerCase();
  return BUILTIN_INDICES.find((b) => b.id === wanted) ?? BUILTIN_INDICES.find((b) => fileStem(b) === wanted);
}

/**
 * The one built-in a name that is none of them most likely meant: the only one whose id or file
 * name holds it (letters compared without case or Vietnamese marks, so "huyện" finds
 * `dti-huyen-mau`). Undefined when none does or several do ("dti").
 */
export function builtinLike(name: string): BuiltinIndex | undefined {
  const plain = (text: string): string =>
    text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const wanted = plain(name);
  if (wanted.length < 2) return undefined;
  const holding = BUILTIN_INDICES.filter((b) => plain(b.id).includes(wanted) || plain(fileStem(b)).includes(wanted));
  return holding.length === 1 ? holding[0] : undefined;
}
