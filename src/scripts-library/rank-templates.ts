import type { PlaybookStepId } from '../playbook/steps.ts';
import type { ScriptTemplate } from './template.ts';

/** What the agent is facing: the playbook step, what the analysis found, and who the customer is. */
export interface RankingSituation {
  step?: PlaybookStepId;
  intents?: readonly string[];
  categories?: readonly string[];
  /** The customer's language (ISO 639-1). */
  language: string;
  /** The customer's country (ISO 3166-1 alpha-2). */
  country?: string | null;
  tier?: string | null;
}

export interface RankedTemplate {
  template: ScriptTemplate;
  score: number;
  /** Why it ranks where it does, in plain words. */
  reasons: string[];
}

/** How much each kind of fit weighs. Language decides first, then step, then intent and category. */
export const rankingWeights = {
  sameLanguage: 50,
  englishFallback: 0,
  step: 40,
  intent: 20,
  otherIntent: -5,
  category: 15,
  otherCategory: -10,
  region: 10,
  tier: 5,
} as const;

const overlap = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a !== undefined && b !== undefined && a.some((value) => b.includes(value));

/** Keeps the highest version of each template id. */
export function latestVersions(templates: readonly ScriptTemplate[]): ScriptTemplate[] {
  const latest = new Map<string, ScriptTemplate>();
  for (const template of templates) {
    const current = latest.get(template.id);
    if (!current || template.version > current.version) latest.set(template.id, template);
  }
  return [...latest.values()];
}

/**
 * Ranks scripts by fit to the situation: the customer's language (English only as a fallback),
 * the playbook step, intents, categories, region and tier. Retired scripts, scripts in other
 * languages and scripts restricted to other regions or tiers are left out. Ties keep id order.
 */
export function rankTemplates(templates: readonly ScriptTemplate[], situation: RankingSituation): RankedTemplate[] {
  const language = situation.language.toLowerCase();
  const country = situation.country?.toUpperCase() ?? null;
  const ranked: RankedTemplate[] = [];
  for (const template of latestVersions(templates)) {
    if (template.retired) continue;
    const reasons: string[] = [];
    let score = 0;
    if (template.language === language) {
      score += rankingWeights.sameLanguage;
      reasons.push('in the customer’s language');
    } else if (template.language === 'en') {
      score += rankingWeights.englishFallback;
      reasons.push('in English (no script in the customer’s language fits better)');
    } else {
      continue;
    }
    if (template.regions && template.regions.length > 0) {
      if (!country || !template.regions.includes(country)) continue;
      score += rankingWeights.region;
      reasons.push(`written for ${country}`);
    }
    if (template.tiers && template.tiers.length > 0) {
      if (!situation.tier || !template.tiers.includes(situation.tier)) continue;
      score += rankingWeights.tier;
      reasons.push(`for ${situation.tier} customers`);
    }
    if (situation.step && template.step === situation.step) {
      score += rankingWeights.step;
      reasons.push('fits the current step');
    }
    if (template.intents && template.intents.length > 0) {
      if (overlap(template.intents, situation.intents)) {
        score += rankingWeights.intent;
        reasons.push(
          `matches what they want (${template.intents.filter((intent) => situation.intents?.includes(intent)).join(', ')})`,
        );
      } else {
        score += rankingWeights.otherIntent;
      }
    }
    if (template.categories && template.categories.length > 0) {
      if (overlap(template.categories, situation.categories)) {
        score += rankingWeights.category;
        reasons.push(`about ${template.categories.filter((category) => situation.categories?.includes(category)).join(', ')}`);
      } else {
        score += rankingWeights.otherCategory;
      }
    }
    ranked.push({ template, score, reasons });
  }
  return ranked.sort((a, b) => b.score - a.score || (a.template.id < b.template.id ? -1 : a.template.id > b.template.id ? 1 : 0));
}
