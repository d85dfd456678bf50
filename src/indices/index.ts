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
}

export const BUILTIN_INDICES: BuiltinIndex[] = [
  { id: dtiProvince2022.id, file: "dti-province-2022.json", definition: dtiProvince2022 },
  { id: dtiDepartmentSample.id, file: "dti-department-sample.json", definition: dtiDepartmentSample },
  { id: dtiDistrictSample.id, file: "dti-district-sample.json", definition: dtiDistrictSample },
  { id: hdi.id, file: "hdi.json", definition: hdi },
];

/** The built-in definition with this id (case and surrounding spaces ignored). */
export function findBuiltin(id: string): BuiltinIndex | undefined {
  const wanted = id.trim().toLowerCase();
  return BUILTIN_INDICES.find((b) => b.id === wanted);
}
