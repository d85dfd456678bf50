export { parseDefinition, parseDefinitionText, definitionHash, type ParseDefinitionResult } from "./parse";
export { formatProblems, formatPath, problemsSummary, type DefinitionProblem } from "./messages";
export { checkDefinition, type CheckResult } from "./checks";
export * from "./schema";
export * from "./model";
