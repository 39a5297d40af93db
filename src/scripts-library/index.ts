import type { ScriptTemplate } from './template.ts';
import { coreTemplates } from './templates-core.ts';
import { englishTemplates } from './templates-en.ts';

export {
  type DateFormat,
  type FilledTemplate,
  fillTemplate,
  formatMoment,
  formatMoney,
  isMoney,
  type LocaleInfo,
  localeFor,
  type Money,
  markerFor,
  minorToDecimal,
  type TemplateValue,
  type TemplateValues,
} from './fill-template.ts';
export { latestVersions, type RankedTemplate, type RankingSituation, rankingWeights, rankTemplates } from './rank-templates.ts';
export {
  type Holiday,
  isWithinBusinessHours,
  type RegionalGuidance,
  regionalGuidanceDefaults,
  regionalGuidanceFor,
} from './regional-guidance.ts';
export type { ScriptTemplate } from './template.ts';
export { coreTemplates, englishTemplates };

/** Everything Defuse ships: the English library and the core set in German, French, Spanish and Romanian. */
export const shippedTemplates: readonly ScriptTemplate[] = [...englishTemplates, ...coreTemplates];
export { scriptsRoutes } from './http/scripts.routes.ts';
export {
  ensureShippedScripts,
  listRegionalGuidance,
  listScripts,
  type StoredScript,
} from './use-cases/manage-scripts.ts';
