import { createHash } from "node:crypto";
import { canonicalJson, sha256 } from "./hash";

describe("sha256", () => {
  it.each(["", "abc", "Bộ chỉ số chuyển đổi số cấp tỉnh", "x".repeat(1000), "a".repeat(55), "a".repeat(56), "a".repeat(64)])(
    "matches Node's crypto for %j",
    (text) => {
      expect(sha256(text)).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    },
  );
});

describe("canonicalJson", () => {
  it("gives the same text whatever the order of object keys", () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(canonicalJson({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});
