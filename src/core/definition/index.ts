export { parseDefinition, parseDefinitionText, definitionHash, type ParseDefinitionResult } from "./parse";
export { formatProblems, formatPath, type DefinitionProblem } from "./messages";
export { checkDefinition, type CheckResult } from "./checks";
export * from "./schema";
export * from "./model";
