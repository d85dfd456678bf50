/** The index's unit categories as messages name them, and what a unit's category decides under the index. */
import type { IndexModel } from "../definition/model";
import { type Message, localize } from "../i18n/text";

/** The index's unit categories by the names users type, in both languages (for messages). */
export function categoryNames(model: IndexModel): Message[] {
  return (model.definition.categories ?? []).map(nameOfCategory);
}

/** One unit category by its name, in both languages (its id when the index does not know it). */
export function categoryNameOf(model: IndexModel, id: string): Message {
  const c = (model.definition.categories ?? []).find((k) => k.id === id);
  return c ? nameOfCategory(c) : { vi: id, en: id };
}

function nameOfCategory(c: NonNullable<IndexModel["definition"]["categories"]>[number]): Message {
  return { vi: localize(c.name, "vi"), en: localize(c.name, "en") };
}

/**
 * What a unit's category decides under the index, so that a finding about a unit without one
 * says only what follows from it (nothing, for an index that neither scores nor ranks by category).
 */
export interface CategoryUses {
  /** Some indicator or group applies to some categories only. */
  appliesTo: boolean;
  /** Units are ranked within their category too (`ranking.within`). */
  rankWithin: boolean;
  /** Some indicator compares a unit with the units of its category (`across: "category"`). */
  compareWithin: boolean;
  /** The categories `ranking.exclude` names, by name: their units are scored but not ranked. */
  excluded: Message[];
}

export function categoryUses(model: IndexModel): CategoryUses {
  const nodes = [...model.nodes.values()];
  const exclude = new Set((model.definition.ranking?.exclude ?? []).map((c) => c.trim()));
  return {
    appliesTo: nodes.some((n) => n.appliesTo !== undefined),
    rankWithin: model.definition.ranking?.within === "category",
    compareWithin: nodes.some((n) => n.kind === "indicator" && (n.rule.kind === "relative" || n.rule.kind === "minmax") && n.rule.across === "category"),
    excluded: (model.definition.categories ?? []).filter((c) => exclude.has(c.id.trim())).map(nameOfCategory),
  };
}

/** Whether a unit's category changes anything it is scored or ranked on. */
export function categoryMatters(uses: CategoryUses): boolean {
  return uses.appliesTo || uses.rankWithin || uses.compareWithin || uses.excluded.length > 0;
}
