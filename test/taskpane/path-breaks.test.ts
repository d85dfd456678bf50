/** JSON paths in the pane's sentences break only between their parts (components/pattern.tsx withPathBreaks). */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { withPathBreaks } from "../../src/taskpane/components/pattern";

const html = (text: string) => renderToStaticMarkup(createElement("li", null, ...withPathBreaks(text)));

describe("a definition problem's JSON path in a narrow pane", () => {
  test("may break after each \".\" and \"]\", and nowhere else in it", () => {
    expect(html('chỉ tiêu 2 (root.children[1].rule.options[0].fraction): Phải nhỏ hơn hoặc bằng 1.')).toBe(
      "<li>chỉ tiêu 2 (root.<wbr/>children[1]<wbr/>.<wbr/>rule.<wbr/>options[0]<wbr/>.<wbr/>fraction<wbr/>): Phải nhỏ hơn hoặc bằng 1.</li>",
    );
  });

  test("the sentence around it, and numbers such as 1.5, are left as they are", () => {
    expect(html('"fraction" is 1.5, not 0.015.')).toBe("<li>&quot;fraction&quot; is 1.5, not 0.015.</li>");
  });
});
