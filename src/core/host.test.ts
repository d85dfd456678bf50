/**
 * The core depends on nothing outside it: the hosts, the command line and the pane build on the
 * core, never the other way round. The host interface the pipeline takes is the core's own
 * (src/core/host.ts); src/hosts/host.ts gives the same interface on to the hosts.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { WorkbookHost as CoreHost } from "./host";
import type { WorkbookHost as HostsHost } from "../hosts/host";
import { XlsxHost } from "../hosts/xlsx/host";

const CORE = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("the core's imports", () => {
  it("reach nothing outside src/core (type-only imports included)", () => {
    const outside: string[] = [];
    for (const file of sourceFiles(CORE)) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^"';]*?from\s+["'](\.[^"']+)["']/g)) {
        const target = resolve(dirname(file), m[1] as string);
        if (relative(CORE, target).startsWith("..")) outside.push(`${relative(CORE, file)} → ${m[1]}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("the hosts' WorkbookHost is the core's: an xlsx host is one of either", async () => {
    const host = await XlsxHost.fromBuffer(await blankWorkbook(), "x.xlsx");
    const asCore: CoreHost = host;
    const asHosts: HostsHost = asCore;
    expect((await asHosts.read()).sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});

async function blankWorkbook(): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sheet1").getCell("A1").value = "x";
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
