export {
  type Guidance,
  type GuidanceBlock,
  guidanceFor,
  type SituationGuidance,
  type SituationKind,
  situationKinds,
  situationsFromSignals,
} from './guidance.ts';
export {
  type Actor,
  type CustomerSignals,
  type HeatTrend,
  heatChangeThreshold,
  initialPlaybookState,
  isTicked,
  type PlaybookEvent,
  type PlaybookState,
  playbookEventProblem,
  playbookReducer,
  type StepChange,
  type Suggestion,
  type SuggestionKind,
  type SuggestionOutcome,
  type Tick,
} from './playbook-reducer.ts';
export { type PracticeId, practiceIds } from './practices.ts';
export {
  type ChecklistItem,
  type PlaybookStep,
  type PlaybookStepId,
  playbookStepIds,
  playbookSteps,
  stepNumber,
  stepOfItem,
} from './steps.ts';
