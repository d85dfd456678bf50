/** What every host offers the pipeline: the interface lives in the core (src/core/host.ts), with the pipeline that uses it. */
export type { WorkbookHost } from "../core/host";
