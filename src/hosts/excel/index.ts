export { ExcelHost } from "./host";
export { detectCapabilities } from "./requirements";
export type { Capabilities, Feature, MissingFeature } from "./requirements";
export type { CollectReport } from "./collect";
export type { StaleReport } from "./stale";
export type { ApplyStats } from "./apply";
export { REQUEST_BUDGET, PAYLOAD_LIMIT, jsonBytes } from "./payload";
