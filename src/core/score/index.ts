/** The scoring engine's public API. */
export { type ScoreOptions, scoreUnits, resolveRanking, rankedNodeCodes } from "./score";
export { roundHalfUp } from "./round";
export { unitsByRank, rankFigures, type RankMethod } from "./rank";
export { type InvalidResult, invalidResults, resultIssues } from "./issues";
