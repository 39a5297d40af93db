import type { PlaybookStepId } from '../playbook/steps.ts';

/**
 * A script the agent can insert and edit. Placeholders are `{{path}}` or `{{path:format}}`:
 * `{{customer.firstName}}`, `{{customer.formalAddress}}` ("domnule Ionescu", "Frau Weber"),
 * `{{order.reference}}`, `{{amount}}` (Money), `{{date}}` (date and time; `{{date:date}}`,
 * `{{date:time}}`), `{{agent.firstName}}`, `{{company.name}}`, `{{colleague.firstName}}`,
 * `{{product.name}}`, `{{case.number}}`.
 */
export interface ScriptTemplate {
  id: string;
  version: number;
  title: string;
  step: PlaybookStepId;
  /** ISO 639-1 */
  language: string;
  /** Issue categories from the analysis: billing, delivery, product-defect, account-access, service-quality, technical, other. */
  categories?: readonly string[];
  /** Intents from the analysis: refund, compensation, cancellation, legal-threat, public-threat, manager-request, repeat-contact; plus abuse. */
  intents?: readonly string[];
  /** ISO 3166-1 alpha-2 countries the script is written for; absent = everywhere. */
  regions?: readonly string[];
  /** Customer tiers (standard, gold, vip); absent = every tier. */
  tiers?: readonly string[];
  /** A retired script stays for history but is never suggested. */
  retired?: boolean;
  body: string;
}
