/** What the definition's problems say when a field is missing altogether. */
import { parseDefinition } from ".";

test("a JSON file that is no index definition says its format field is missing, in words, not 'found nothing'", () => {
  const r = parseDefinition({ foo: 1 });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  const format = r.problems.find((p) => p.path === "format");
  expect(format?.message.vi).toBe('Thiếu trường "format" (phải là "index-definition/1"); tệp này có thể không phải là một bộ chỉ số hoặc thuộc phiên bản khác.');
  expect(format?.message.en).toBe('The field "format" is missing (it must be "index-definition/1"); this file may not be an index definition, or may be of another version.');
  expect(r.problems.every((p) => !/không có gì/.test(p.message.vi))).toBe(true);
});
