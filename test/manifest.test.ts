/**
 * The add-in manifest: valid against the Office XML manifest 1.1 schemas (offline, with
 * xmllint), and what Excel shows a Vietnamese user is in Vietnamese.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";

const root = join(__dirname, "..");
const manifestPath = join(root, "manifest.xml");
const manifest = readFileSync(manifestPath, "utf8");

/** ../shared's schemas when the checkout sits beside it, else the copy kept in test/fixtures. */
function schemaPath(): string {
  const shared = join(root, "..", "shared", "schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd");
  return existsSync(shared) ? shared : join(root, "test", "fixtures", "office-addin-manifest", "OfficeAppManifestV1_1.xsd");
}

function xmllint(file: string): { ok: boolean; output: string } {
  const r = spawnSync("xmllint", ["--noout", "--schema", schemaPath(), file], { encoding: "utf8" });
  return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

function pngSize(file: string): { width: number; height: number; opaqueCorner: boolean } {
  const buf = readFileSync(file);
  expect(buf.subarray(1, 4).toString("ascii")).toBe("PNG");
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  // Collect IDAT, inflate, and read the alpha of the top-left pixel (rounded corners: transparent).
  const idat: Buffer[] = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    const type = buf.subarray(o + 4, o + 8).toString("ascii");
    if (type === "IDAT") idat.push(buf.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, height, opaqueCorner: raw[1 + 3] === 255 };
}

describe("manifest.xml", () => {
  test("is valid against the Office add-in manifest 1.1 schemas", () => {
    const r = xmllint(manifestPath);
    expect(r.output).toContain("validates");
    expect(r.ok).toBe(true);
  });

  test("a manifest missing its DefaultLocale is rejected by the same validation", () => {
    const broken = join(require("node:os").tmpdir(), `manifest-broken-${process.pid}.xml`);
    require("node:fs").writeFileSync(broken, manifest.replace(/<DefaultLocale>[^<]*<\/DefaultLocale>/, ""));
    expect(xmllint(broken).ok).toBe(false);
  });

  test("asks for the ExcelApi the add-in checks at run time, so an older Excel does not offer it", () => {
    const { BASE_REQUIREMENT } = require("../src/hosts/excel/requirements") as typeof import("../src/hosts/excel/requirements");
    const sets = /<Requirements>\s*<Sets DefaultMinVersion="1\.1">\s*<Set Name="(\w+)" MinVersion="([\d.]+)"\/>\s*<\/Sets>\s*<\/Requirements>/.exec(manifest);
    expect(sets?.slice(1)).toEqual([BASE_REQUIREMENT.set, BASE_REQUIREMENT.version]);
    // The schema fixes where they go (after Hosts, before DefaultSettings): moved before Permissions they do not validate.
    const moved = join(require("node:os").tmpdir(), `manifest-requirements-${process.pid}.xml`);
    require("node:fs").writeFileSync(moved, manifest.replace(/\s*<Requirements>[\s\S]*?<\/Requirements>/, "").replace("<Permissions>", "<Requirements><Sets><Set Name=\"ExcelApi\" MinVersion=\"1.7\"/></Sets></Requirements><Permissions>"));
    expect(xmllint(moved).ok).toBe(false);
  });

  test("opens a task pane for Excel workbooks from a button on the Home tab, with read-write access", () => {
    expect(manifest).toMatch(/<Host Name="Workbook"\s*\/>/);
    expect(manifest).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
    expect(manifest).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>');
  });

  test("every text Excel shows has a Vietnamese version", () => {
    const texts = [...manifest.matchAll(/<(DisplayName|Description|bt:String)\b[^>]*?DefaultValue="[^"]*"[^/]*?>([\s\S]*?)<\/\1>/g)];
    expect(texts.length).toBeGreaterThanOrEqual(7);
    for (const [, , body] of texts) expect(body).toMatch(/<(bt:)?Override Locale="vi-VN" Value="[^"]+"\/>/);
    expect(manifest).toContain('Value="Chấm điểm DTI"');
  });

  test("every icon the manifest names exists at its size, drawn with transparent rounded corners", () => {
    const urls = [...manifest.matchAll(/https:\/\/localhost:3000\/assets\/icon-(\d+)\.png/g)];
    expect(urls.length).toBeGreaterThan(0);
    for (const size of [16, 32, 64, 80, 128, ...urls.map((u) => Number(u[1]))]) {
      const png = pngSize(join(root, "assets", `icon-${size}.png`));
      expect(png).toEqual({ width: size, height: size, opaqueCorner: false });
    }
  });
});

describe("the production manifest (dist/manifest.xml, as `npm run build` writes it)", () => {
  // The module webpack.config.js uses to copy manifest.xml to dist/.
  const { productionBaseUrl, productionManifest } = require("../scripts/manifest-url") as {
    productionBaseUrl: (given: string | undefined) => string;
    productionManifest: (xml: string, base: string) => string;
  };

  test("points every address at the production server, <AppDomain> included, and stays valid", () => {
    const prod = productionManifest(manifest, productionBaseUrl("https://dti.tinh.gov.vn"));
    expect(prod).not.toMatch(/https:\/\/localhost/);
    expect(prod).toContain('<SourceLocation DefaultValue="https://dti.tinh.gov.vn/taskpane.html"/>');
    expect(prod).toContain('<bt:Image id="Icon.80x80" DefaultValue="https://dti.tinh.gov.vn/assets/icon-80.png"/>');
    expect(prod).toContain("<AppDomain>https://dti.tinh.gov.vn</AppDomain>");
    const file = join(require("node:os").tmpdir(), `manifest-prod-${process.pid}.xml`);
    require("node:fs").writeFileSync(file, prod);
    expect(xmllint(file)).toMatchObject({ ok: true });
  });

  test("a production address under a folder keeps its folder; one slash ends it however it was given", () => {
    expect(productionBaseUrl("https://stttt.tinh.gov.vn/dti")).toBe("https://stttt.tinh.gov.vn/dti/");
    expect(productionBaseUrl("https://stttt.tinh.gov.vn/dti/")).toBe("https://stttt.tinh.gov.vn/dti/");
    const prod = productionManifest(manifest, productionBaseUrl("https://stttt.tinh.gov.vn/dti"));
    expect(prod).toContain('<SourceLocation DefaultValue="https://stttt.tinh.gov.vn/dti/taskpane.html"/>');
    expect(prod).toContain("<AppDomain>https://stttt.tinh.gov.vn</AppDomain>");
  });

  test("an address Office cannot load an add-in from stops the build with the reason", () => {
    expect(() => productionBaseUrl("http://dti.tinh.gov.vn/")).toThrow(/https/);
    expect(() => productionBaseUrl("dti.tinh.gov.vn")).toThrow(/not a web address/);
    expect(() => productionBaseUrl("https://dti.tinh.gov.vn/?v=2")).toThrow(/query/);
  });
});
