import { Fragment, type ReactNode } from "react";

/**
 * A sentence laid out piece by piece: `pattern`'s `{name}` placeholders each replaced by what
 * `part(name)` gives (an element of its own: a count kept on one line, a code in a monospace
 * font), the words between them as they are. A placeholder `part` knows nothing of stays as written.
 */
export function fillPattern(pattern: string, part: (name: string) => ReactNode | undefined): ReactNode[] {
  return pattern.split(/(\{\w+\})/).map((piece, n) => {
    const name = /^\{(\w+)\}$/.exec(piece)?.[1];
    const node = name === undefined ? undefined : part(name);
    return <Fragment key={n}>{node === undefined ? piece : node}</Fragment>;
  });
}

/** A JSON path in a sentence ("root.children[1].rule.options[0].fraction"): a name, then at least one ".name" or "[n]". */
const JSON_PATH = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])+/g;

/**
 * A sentence with its JSON paths breakable only after a "." or a "]" (a <wbr> there): a narrow pane
 * wraps "root.children[1].rule.options[0].fraction" between its parts, not in the middle of a word.
 */
export function withPathBreaks(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  let n = 0;
  for (const m of text.matchAll(JSON_PATH)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    for (const piece of m[0].split(/(?<=[.\]])/)) out.push(<Fragment key={n++}>{piece}<wbr /></Fragment>);
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
