/**
 * Text as it really arrives: the old TCVN3 and VNI encodings of Vietnamese (legacyEncodingOf,
 * fromLegacy), look-alike and invisible characters (foldText), full-width forms (foldWidth) and
 * the old and new placement of tone marks (tonePlacementKey). The detector must never take text
 * typed in Unicode for an old encoding: every text of the built-in indices, the demo's units, the
 * reader's fixture and the HDI's countries is checked.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_INDICES } from "../../indices";
import { DEMO_UNITS } from "../../cli/demo";
import { sampleDefinition } from "../read/fixtures";
import { legacyOfBytes } from "../read/csv";
import { foldText, foldWidth, fromLegacy, legacyEncodingOf, legacyMeaning, normalizeKey, spellingDifference, tonePlacementKey } from "./text";

/** Every string in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

const FIXTURES = join(__dirname, "../../../test/fixtures");

describe("text typed in the old TCVN3 and VNI encodings", () => {
  test("the labels, answers and names of a form typed in TCVN3 (.VnTime) or VNI are told, and read as the Vietnamese they stand for", () => {
    const tcvn3: [string, string][] = [
      ["§¬n vÞ", "Đơn vị"],
      ["M· ®¬n vÞ", "Mã đơn vị"],
      ["Bé chØ sè", "Bộ chỉ số"],
      ["Kú ®¸nh gi¸", "Kỳ đánh giá"],
      ["Kh«ng cã", "Không có"],
      ["Së Y tÕ", "Sở Y tế"],
      ["Sè liÖu thÈm ®Þnh", "Số liệu thẩm định"],
      ["Tr\u00ADêng ®¹i häc", "Trường đại học"],
    ];
    for (const [typed, meant] of tcvn3) {
      expect([typed, legacyEncodingOf(typed)]).toEqual([typed, "tcvn3"]);
      expect(fromLegacy(typed, "tcvn3")).toBe(meant);
    }
    const vni: [string, string][] = [
      ["Ñôn vò", "Đơn vị"],
      ["Maõ ñôn vò", "Mã đơn vị"],
      ["Khoâng coù", "Không có"],
      ["Sôû Noäi vuï", "Sở Nội vụ"],
      ["Boä chæ soá", "Bộ chỉ số"],
      ["Kyø ñaùnh giaù", "Kỳ đánh giá"],
      ["Sôû, ban, ngaønh coù dòch vuï coâng", "Sở, ban, ngành có dịch vụ công"],
    ];
    for (const [typed, meant] of vni) {
      expect([typed, legacyEncodingOf(typed)]).toEqual([typed, "vni"]);
      expect(fromLegacy(typed, "vni")).toBe(meant);
    }
  });

  test("a short answer without a sign of its encoding (\"Cã\", \"Coù\") is told only where what it means is known", () => {
    expect(legacyEncodingOf("Cã")).toBeUndefined();
    expect(legacyEncodingOf("Coù")).toBeUndefined();
    const yes = (t: string): boolean => t === "Có";
    expect(legacyMeaning("Cã", yes)).toBe("tcvn3");
    expect(legacyMeaning("Coù", yes)).toBe("vni");
    expect(legacyMeaning("Ko", yes)).toBeUndefined();
  });

  test("text in Unicode is never taken for an old encoding: names from other languages, French quotes, signs", () => {
    const unicode = [
      "Sở Y tế", "Phòng Tài chính", "Đài PTTH", "Côte d'Ivoire", "Türkiye", "São Tomé và Príncipe", "Curaçao", "Haïti", "Zoë",
      "Müller", "España", "Ñuñoa", "«Có»", "Col·legi", "Total¹", "Microsoft®", "© 2024", "§ 3", "5µm", "1½", "Sở Văn hoá", "UBND huyện Thuỷ Nguyên",
    ];
    for (const text of unicode) expect([text, legacyEncodingOf(text)]).toEqual([text, undefined]);
  });

  test("no text of the built-in indices, the demo's units or the reader's fixture index is taken for an old encoding", () => {
    const texts = [
      ...BUILTIN_INDICES.flatMap((b) => strings(b.definition)),
      ...DEMO_UNITS.flatMap((u) => [u.code, u.name]),
      ...strings(sampleDefinition),
    ];
    expect(texts.length).toBeGreaterThan(1000);
    expect(texts.filter((t) => legacyEncodingOf(t) !== undefined)).toEqual([]);
  });

  test("no country of the HDI tables is taken for an old encoding, nor a Windows-1258 file for one", () => {
    for (const file of ["hdi-2021.csv", "hdi-2022.csv", "dti-2022-top5.csv"]) {
      const fields = readFileSync(join(FIXTURES, file), "utf8").split(/[,\r\n"]+/);
      expect(fields.filter((f) => legacyEncodingOf(f) !== undefined)).toEqual([]);
    }
    for (const file of ["viet-cp1258.csv", "xa-cp1258.csv"]) {
      const bytes = readFileSync(join(FIXTURES, "csv", file));
      expect([file, legacyOfBytes(bytes.toString("latin1"))]).toEqual([file, undefined]);
    }
  });
});

describe("look-alike, invisible and full-width characters", () => {
  test("the Latin eth (Ð, ð) folds as Đ, the soft hyphen is invisible, full-width forms are ASCII", () => {
    expect(foldText("Ðạt")).toBe("dat");
    expect(foldText("Mã ðơn vị")).toBe("ma don vi");
    expect(foldText("Nhóm\u00AD")).toBe("nhom");
    expect(normalizeKey("Sở\u00AD Y tế")).toBe("Sở Y tế");
    expect(foldText("Ｃó")).toBe("co");
    expect(foldWidth("２８８")).toBe("288");
    expect(foldWidth("73,9％")).toBe("73,9%");
    // Only the full-width forms: superscripts and fractions keep their meaning.
    expect(foldWidth("10³ m² ½")).toBe("10³ m² ½");
  });
});

describe("the old and the new placement of tone marks", () => {
  test("read alike, and said as such", () => {
    const pairs: [string, string][] = [
      ["Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hoá, Thể thao và Du lịch"],
      ["ủy ban", "uỷ ban"],
      ["Thủy Nguyên", "Thuỷ Nguyên"],
      ["hòa", "hoà"],
      ["khỏe", "khoẻ"],
      ["úy", "uý"],
    ];
    for (const [a, b] of pairs) {
      expect(tonePlacementKey(a)).toBe(tonePlacementKey(b));
      expect(spellingDifference(a, b)).toBe("tone");
    }
    expect(tonePlacementKey("hóa")).not.toBe(tonePlacementKey("hòa"));
    expect(tonePlacementKey("Sở Y tế")).not.toBe(tonePlacementKey("So Y te"));
    expect(spellingDifference("Sở Y tế", "SỞ Y TẾ")).toBe("case");
    expect(spellingDifference("Sở Văn hóa", "SỞ VĂN HOÁ")).toBe("case-and-tone");
  });
});
