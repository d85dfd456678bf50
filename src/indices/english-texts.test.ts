/**
 * The built-in indices' English texts, as an English form shows them under each item: plain
 * English sentences (no Vietnamese spelling beside "N/A", no "point(s)", a capital first), and the
 * release before this wording still the built-in (a workbook scored with it embeds its hash).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { definitionHash, parseDefinition } from "../core/definition";
import type { IndexDefinition } from "../core/definition";
import { builtinOfSameName, sameNameAsBuiltinMessage } from "../core/forms-index";
import { BUILTIN_INDICES, findBuiltin } from "./index";

/** Letters only Vietnamese has (an English text has none of them); not × and ÷, which a formula uses. */
const VIETNAMESE = /[À-ÖØ-öø-ỹ]/u;

interface NodeText {
  code: string;
  name?: unknown;
  description?: unknown;
  children?: NodeText[];
}

function english(text: unknown): string | undefined {
  if (typeof text === "string") return text;
  if (text && typeof text === "object" && "en" in text) return (text as { en?: string }).en;
  return undefined;
}

function nodes(node: NodeText): NodeText[] {
  return [node, ...(node.children ?? []).flatMap(nodes)];
}

describe.each(BUILTIN_INDICES.map((b) => [b.id, b.definition] as const))("the built-in %s's English descriptions", (_id, definition) => {
  const all = nodes((definition as { root: NodeText }).root).flatMap((n) => {
    const text = english(n.description);
    return text === undefined ? [] : [[n.code, text] as const];
  });

  test("are English only: no Vietnamese spelling beside them", () => {
    expect(all.filter(([, text]) => VIETNAMESE.test(text))).toEqual([]);
  });

  test("begin with a capital and say a point or points, never point(s)", () => {
    expect(all.filter(([, text]) => !/^[A-Z0-9“"(]/.test(text))).toEqual([]);
    expect(all.filter(([, text]) => /\(s\)/.test(text))).toEqual([]);
  });
});

/**
 * The release before the English wording above (the texts as they were then), rebuilt from the
 * release that mended it (test/fixtures/former-builtins/release-2): only these English texts differ.
 */
const FORMER_ENGLISH: Record<string, [now: string, then: string, count: number][]> = {
  "dti-tinh-922-2022": [["A province without figures answers “N/A”.", "A province without figures answers “N/A” (also “Không áp dụng”).", 1]],
  "dti-so-nganh-mau": [
    ["1 point each, at most 5 points.", "1 point(s) each, at most 5 points.", 2],
    ["Head of the department: full points;", "head of the department: full points;", 1],
    ["no application this year answers “N/A”.", "no application this year answers “N/A” (also “Không áp dụng”).", 1],
  ],
  "dti-huyen-mau": [
    ["1 point each, at most 5 points.", "1 point(s) each, at most 5 points.", 2],
    ["District party secretary or chair: full points;", "district party secretary or chair: full points;", 1],
  ],
};

test.each(Object.keys(FORMER_ENGLISH))("%s as released before its English wording was mended is still the built-in, not an adapted copy", (id) => {
  const builtin = findBuiltin(id)!;
  let json = readFileSync(join(__dirname, "../../test/fixtures/former-builtins/release-2", builtin.file), "utf8");
  for (const [now, then, count] of FORMER_ENGLISH[id]!) {
    expect(json.split(now).length - 1).toBe(count);
    json = json.split(now).join(then);
  }
  const parsed = parseDefinition(JSON.parse(json));
  if (!parsed.ok) throw new Error(`${id} does not parse`);
  const former: IndexDefinition = parsed.model.definition;
  expect(builtin.formerHashes).toContain(definitionHash(former));
  expect(builtinOfSameName(former, BUILTIN_INDICES)).toBeUndefined();
  expect(sameNameAsBuiltinMessage(former, BUILTIN_INDICES)).toBeUndefined();
});
