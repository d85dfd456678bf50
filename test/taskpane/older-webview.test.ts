/**
 * Excel 2016 and 2019 on Windows may open the task pane in Internet Explorer 11 or Edge Legacy,
 * whose JavaScript cannot read the pane's scripts (ECMAScript 2022). taskpane.html carries a
 * check written in that newer JavaScript and, after it, a message written for Internet Explorer
 * 11: an engine that cannot read the check gets the message, never a blank pane.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";

const html = readFileSync(join(__dirname, "..", "..", "src", "taskpane", "taskpane.html"), "utf8");
const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
const check = inline.find((s) => /window\.__dtiModern\s*=/.test(s));
const message = inline.find((s) => /window\.__dtiTooOld\s*=\s*true/.test(s));
const readable = (code: string, ecmaVersion: 5 | 2017 | 2021 | 2022) => {
  try {
    parse(code, { ecmaVersion, sourceType: "script" });
    return true;
  } catch {
    return false;
  }
};

describe("the pane in a browser too old for it", () => {
  test("the message is written in the JavaScript Internet Explorer 11 reads (ES5)", () => {
    expect(message).toBeDefined();
    expect(readable(message!, 5)).toBe(true);
    // It comes after the check, at the end of the page, where the pane's container exists.
    expect(html.indexOf(message!)).toBeGreaterThan(html.indexOf(check!));
    expect(html.indexOf(message!)).toBeGreaterThan(html.indexOf('<div id="container">'));
    // It speaks both languages and names what to do.
    for (const words of ["Microsoft Edge WebView2 Runtime", "Excel trên web", "Excel on the web", "Safari 16.4"]) expect(message).toContain(words);
  });

  test("the check cannot be read by an engine short of ECMAScript 2022 (what the built scripts need; test/e2e checks them)", () => {
    expect(check).toBeDefined();
    expect(readable(check!, 2022)).toBe(true);
    for (const older of [5, 2017, 2021] as const) expect(readable(check!, older)).toBe(false);
    // And it sits in the head, before the pane's own scripts run (they are deferred).
    expect(html.indexOf(check!)).toBeLessThan(html.indexOf("</head>"));
  });
});
