export { parseCoachLine, runCoachCommand } from './coach-command.ts';
export {
  type CoachLanguage,
  coachLanguages,
  detectPractices,
  guessDraftLanguage,
  reviewReply,
  suggestedDeadline,
} from './review-reply.ts';
export {
  overallScore,
  type RubricDimensionDefinition,
  type RubricEvidence,
  type RubricMove,
  rubric,
  rubricDimensions,
  scoreDimension,
  scoreRubric,
} from './rubric.ts';
export {
  type DimensionScore,
  type Finding,
  type FindingKind,
  type PracticeId,
  practiceIds,
  type ReplyContext,
  type ReplyReview,
  type RubricDimension,
  type RubricScores,
  type Severity,
  type Strength,
} from './types.ts';
