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
