import { useId } from "react";

/**
 * Fluent's MessageBar is named (aria-labelledby) by its MessageBarTitle: a bar without one points
 * at an element never drawn, and a screen reader meets a group with no name. Such a bar is named by
 * what it says instead: `bar` goes on the MessageBar, `label` on the element that names it (its
 * sentence, or its whole MessageBarBody).
 */
export function useBarName(): { bar: { "aria-labelledby": string }; label: { id: string } } {
  const id = useId();
  return { bar: { "aria-labelledby": id }, label: { id } };
}
