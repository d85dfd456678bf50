/** Building real models and submissions for the engine's tests. */
import { type IndexModel, FORMAT, formatProblems, parseDefinition } from "../definition/index";
import type { InputValue, Submission } from "../types";

/**
 * A model from a definition written as in a file, read by the real parser and checks;
 * `format`, `id`, `version` and `name` may be left out. A definition with problems fails the test.
 */
export function modelOf(definition: Record<string, unknown>): IndexModel {
  const r = parseDefinition({ format: FORMAT, id: "test", version: "1", name: "Bộ chỉ số thử", ...definition });
  if (!r.ok) throw new Error(`invalid test definition:\n${formatProblems(r.problems, "en")}`);
  return r.model;
}

/** A unit's submission. */
export function unit(
  code: string,
  values: Record<string, InputValue>,
  extra: { name?: string; category?: string; notApplicable?: string[] } = {},
): Submission {
  return {
    code,
    name: extra.name ?? `Đơn vị ${code}`,
    ...(extra.category !== undefined ? { category: extra.category } : {}),
    values,
    notApplicable: extra.notApplicable ?? [],
  };
}
