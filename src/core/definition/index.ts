export { parseDefinition, parseDefinitionText, decodeDefinitionFile, definitionHash, notDefinitionText, type DecodedDefinitionFile, type ParseDefinitionResult } from "./parse";
export { formatProblems, formatPath, problemLine, problemsSummary, type DefinitionProblem } from "./messages";
export { checkDefinition, type CheckResult } from "./checks";
export * from "./schema";
export * from "./model";
export { optionName, optionTexts, optionTextsAt, unitText } from "./options";
