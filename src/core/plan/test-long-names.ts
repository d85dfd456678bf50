/**
 * A commune-level index of a province's own, its four groups named in a hundred characters and
 * more, ranked within two categories (one of a long name), and a table of its communes (layout B),
 * one of a long name: the results sheet's tests on paper, in the planner and in the xlsx host.
 */
import type { WorkbookSnapshot } from "../types";

export const LONG_GROUPS = [
  "Chính quyền số cấp xã: chỉ đạo, điều hành, cung cấp dịch vụ công trực tuyến và quản trị dữ liệu",
  "Kinh tế số trên địa bàn xã: thương mại điện tử, thanh toán không dùng tiền mặt và doanh nghiệp số",
  "Xã hội số trên địa bàn xã: công dân số, kỹ năng số, y tế số, giáo dục số và an sinh xã hội số",
  "Nền tảng chuyển đổi số cấp xã: hạ tầng số, nhân lực số, an toàn thông tin mạng và kinh phí bảo đảm",
];
export const REMOTE = "Xã vùng cao, vùng sâu, vùng xa đặc biệt khó khăn";
export const LONG_UNIT = "Xã Kỳ Anh, Kỳ Lợi và Kỳ Hà (hợp nhất năm 2025 theo Nghị quyết của Ủy ban Thường vụ Quốc hội)";

/** A commune-level index of four long-named groups, ranked within two categories, its groups ranked too. */
export function communeDefinition(within: "category" | "all" = "category") {
  return {
    format: "index-definition/1",
    id: "dti-xa-thu",
    version: "2025",
    name: { vi: "Bộ chỉ số chuyển đổi số cấp xã", en: "Commune DTI" },
    unitLabel: { vi: "Xã, phường", en: "Commune" },
    categories: [
      { id: "vung-cao", name: { vi: REMOTE, en: "Remote communes" } },
      { id: "phuong", name: { vi: "Phường nội thị", en: "Urban wards" } },
    ],
    // One commune left out of the ranking: the results' note says why, at the note column's full width.
    ranking: { within, nodes: "all", exclude: ["X6"] },
    root: {
      code: "DTI",
      name: "DTI",
      children: LONG_GROUPS.map((name, i) => ({
        code: String(i + 1),
        name: { vi: name, en: `Group ${i + 1}` },
        children: [{ code: `${i + 1}.1`, name: `Chỉ tiêu ${i + 1}`, max: 100, rule: { kind: "fraction" } }],
      })),
    },
  };
}

/** A table of six communes (layout B), the first of a long name. */
export function communes(): WorkbookSnapshot {
  const header = ["Mã đơn vị", "Đơn vị", "Nhóm", "1.1", "2.1", "3.1", "4.1"];
  const rows = Array.from({ length: 6 }, (_, i) => [`X${i + 1}`, i === 0 ? LONG_UNIT : `Xã số ${i + 1}`, i % 2 === 0 ? "vung-cao" : "phuong", ...[1, 2, 3, 4].map((g) => ((i * 7 + g * 3) % 10) / 10)]);
  return { sheets: [{ name: "Xã", values: [header, ...rows] }] };
}

