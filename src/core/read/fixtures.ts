/** A small index definition covering every input type, used by the reader's tests. */
import { buildModel, type IndexModel } from "../definition/model";
import { indexDefinitionSchema, type IndexDefinitionInput } from "../definition/schema";

export const sampleDefinition: IndexDefinitionInput = {
  format: "index-definition/1",
  id: "dti-so-mau",
  version: "2024",
  name: { vi: "Bộ chỉ số mẫu", en: "Sample index" },
  categories: [
    { id: "co-dvc", name: { vi: "Sở có dịch vụ công", en: "Departments with public services" } },
    { id: "khong-dvc", name: { vi: "Sở không có dịch vụ công", en: "Departments without public services" } },
  ],
  numberLocale: "auto",
  root: {
    code: "DTI",
    name: "DTI",
    children: [
      {
        code: "1",
        name: { vi: "Nhận thức số", en: "Digital awareness" },
        children: [
          { code: "1.1", name: "Ban chỉ đạo", max: 10, rule: { kind: "boolean" }, evidence: "required" },
          {
            code: "1.2",
            name: "Văn bản chỉ đạo",
            max: 10,
            inputs: [
              { code: "1.2.a", name: "Số văn bản do Chủ tịch ký", type: "integer", min: 0 },
              { code: "1.2.b", name: "Tổng số văn bản", type: "integer", min: 0 },
            ],
            rule: { kind: "ratio", numerator: "1.2.a", denominator: "1.2.b" },
            evidence: "required",
          },
          {
            code: "1.3",
            name: "Trưởng ban chỉ đạo",
            max: 10,
            rule: {
              kind: "choice",
              options: [
                { value: "Chủ tịch", aliases: ["Bí thư"], fraction: 1 },
                { value: "Phó Chủ tịch", fraction: 0.5 },
                { value: "Không", fraction: 0 },
              ],
            },
          },
          { code: "1.10", name: "Số cuộc họp", max: 10, rule: { kind: "target", target: 4 } },
        ],
      },
      {
        code: "2",
        name: { vi: "Chính quyền số", en: "Digital government" },
        children: [
          { code: "2.1", name: "Tỷ lệ hồ sơ trực tuyến", max: 10, rule: { kind: "fraction" }, allowNA: true },
          { code: "2.2", name: "Điểm tự chấm", max: 5, rule: { kind: "points" } },
          {
            code: "2.3",
            name: "Dịch vụ công mức 4",
            max: 5,
            appliesTo: ["co-dvc"],
            rule: { kind: "steps", steps: [{ atLeast: 10, fraction: 1 }, { atLeast: 1, fraction: 0.5 }] },
          },
        ],
      },
    ],
  },
};

export function sampleModel(overrides: Partial<IndexDefinitionInput> = {}): IndexModel {
  return buildModel(indexDefinitionSchema.parse({ ...sampleDefinition, ...overrides }), new Map());
}
