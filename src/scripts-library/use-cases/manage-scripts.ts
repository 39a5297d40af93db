import type { Kysely, Selectable } from 'kysely';
import { parseJsonColumn } from '../../platform/db/database.ts';
import type { Database, ScriptTemplatesTable } from '../../platform/db/schema.ts';
import { defineErrors } from '../../platform/errors.ts';
import type { PlaybookStepId } from '../../playbook/index.ts';
import { type RegionalGuidance, regionalGuidanceDefaults } from '../regional-guidance.ts';
import type { ScriptTemplate } from '../template.ts';
import { coreTemplates } from '../templates-core.ts';
import { englishTemplates } from '../templates-en.ts';

export const scriptError = defineErrors({
  'script-not-found': 'not-found',
  'script-key-taken': 'conflict',
});

export interface StoredScript extends ScriptTemplate {
  createdAt: string;
  createdBy: string | null;
  retiredAt: string | null;
}

export interface ScriptFields {
  title: string;
  step: PlaybookStepId;
  language: string;
  categories: string[];
  intents: string[];
  regions: string[];
  tiers: string[];
  body: string;
}

interface Deps {
  db: Kysely<Database>;
  clock: { now(): Date };
}

function scriptFromRow(row: Selectable<ScriptTemplatesTable>): StoredScript {
  const list = (value: unknown) => {
    const parsed = parseJsonColumn<string[]>(value, []);
    return parsed.length > 0 ? parsed : undefined;
  };
  const script: StoredScript = {
    id: row.key,
    version: Number(row.version),
    title: row.title,
    step: row.step as PlaybookStepId,
    language: row.language,
    body: row.body,
    createdAt: row.created_at,
    createdBy: row.created_by,
    retiredAt: row.retired_at,
  };
  const categories = list(row.categories);
  const intents = list(row.intents);
  const regions = list(row.regions);
  const tiers = list(row.tiers);
  if (categories) script.categories = categories;
  if (intents) script.intents = intents;
  if (regions) script.regions = regions;
  if (tiers) script.tiers = tiers;
  if (row.retired_at) script.retired = true;
  return script;
}

function rowValues(key: string, version: number, fields: ScriptFields, createdBy: string | null, now: string) {
  return {
    key,
    version,
    title: fields.title,
    step: fields.step,
    language: fields.language,
    categories: JSON.stringify(fields.categories),
    intents: JSON.stringify(fields.intents),
    regions: JSON.stringify(fields.regions),
    tiers: JSON.stringify(fields.tiers),
    body: fields.body,
    retired_at: null,
    created_by: createdBy,
    created_at: now,
  };
}

/**
 * Puts the shipped library into the database once per template version: new versions that ship
 * with an upgrade arrive; scripts an admin edited or retired keep their own newer versions.
 */
export async function ensureShippedScripts(deps: Deps): Promise<number> {
  const existing = await deps.db.selectFrom('script_templates').select(['key', 'version']).execute();
  const have = new Set(existing.map((row) => `${row.key}@${row.version}`));
  const missing = [...englishTemplates, ...coreTemplates].filter((template) => !have.has(`${template.id}@${template.version}`));
  const now = deps.clock.now().toISOString();
  for (const template of missing) {
    await deps.db
      .insertInto('script_templates')
      .values(
        rowValues(
          template.id,
          template.version,
          {
            title: template.title,
            step: template.step,
            language: template.language,
            categories: [...(template.categories ?? [])],
            intents: [...(template.intents ?? [])],
            regions: [...(template.regions ?? [])],
            tiers: [...(template.tiers ?? [])],
            body: template.body,
          },
          null,
          now,
        ),
      )
      .execute();
  }
  return missing.length;
}

/** The newest version of every script (retired ones only when asked). */
export async function listScripts(deps: Pick<Deps, 'db'>, options: { includeRetired: boolean }): Promise<StoredScript[]> {
  const rows = await deps.db.selectFrom('script_templates').selectAll().orderBy('key').orderBy('version', 'desc').execute();
  const latest = new Map<string, StoredScript>();
  for (const row of rows) if (!latest.has(row.key)) latest.set(row.key, scriptFromRow(row));
  return [...latest.values()].filter((script) => options.includeRetired || !script.retiredAt);
}

export async function listScriptVersions(deps: Pick<Deps, 'db'>, key: string): Promise<StoredScript[]> {
  const rows = await deps.db
    .selectFrom('script_templates')
    .selectAll()
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .execute();
  if (rows.length === 0) throw scriptError('script-not-found', `There is no script ${key}.`);
  return rows.map(scriptFromRow);
}

function keyFor(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `custom-${slug || 'script'}`;
}

export async function createScript(deps: Deps, userId: string, fields: ScriptFields): Promise<StoredScript> {
  let key = keyFor(fields.title);
  const taken = await deps.db.selectFrom('script_templates').select('key').where('key', 'like', `${key}%`).execute();
  const keys = new Set(taken.map((row) => row.key));
  for (let suffix = 2; keys.has(key); suffix += 1) key = `${keyFor(fields.title)}-${suffix}`;
  await deps.db
    .insertInto('script_templates')
    .values(rowValues(key, 1, fields, userId, deps.clock.now().toISOString()))
    .execute();
  return (await listScriptVersions(deps, key))[0] as StoredScript;
}

/** Editing never overwrites: it adds the next version, and the history stays readable. */
export async function reviseScript(deps: Deps, userId: string, key: string, fields: ScriptFields): Promise<StoredScript> {
  const [current] = await listScriptVersions(deps, key);
  if (!current) throw scriptError('script-not-found', `There is no script ${key}.`);
  await deps.db
    .insertInto('script_templates')
    .values(rowValues(key, current.version + 1, fields, userId, deps.clock.now().toISOString()))
    .execute();
  return (await listScriptVersions(deps, key))[0] as StoredScript;
}

export async function setScriptRetired(deps: Deps, key: string, retired: boolean): Promise<StoredScript> {
  const [current] = await listScriptVersions(deps, key);
  if (!current) throw scriptError('script-not-found', `There is no script ${key}.`);
  await deps.db
    .updateTable('script_templates')
    .set({ retired_at: retired ? deps.clock.now().toISOString() : null })
    .where('key', '=', key)
    .where('version', '=', current.version)
    .execute();
  return (await listScriptVersions(deps, key))[0] as StoredScript;
}

/** Admin-edited guidance per country over the shipped defaults. */
export async function listRegionalGuidance(
  deps: Pick<Deps, 'db'>,
): Promise<Record<string, RegionalGuidance & { edited: boolean }>> {
  const rows = await deps.db.selectFrom('regional_guidance').selectAll().execute();
  const result: Record<string, RegionalGuidance & { edited: boolean }> = {};
  for (const [country, guidance] of Object.entries(regionalGuidanceDefaults)) result[country] = { ...guidance, edited: false };
  for (const row of rows)
    result[row.country] = { ...parseJsonColumn<RegionalGuidance>(row.guidance, {} as RegionalGuidance), edited: true };
  return result;
}

export async function saveRegionalGuidance(deps: Deps, userId: string, guidance: RegionalGuidance): Promise<void> {
  const now = deps.clock.now().toISOString();
  const country = guidance.country.toUpperCase();
  const values = { country, guidance: JSON.stringify({ ...guidance, country }), updated_by: userId, updated_at: now };
  const existing = await deps.db
    .selectFrom('regional_guidance')
    .select('country')
    .where('country', '=', country)
    .executeTakeFirst();
  if (existing) await deps.db.updateTable('regional_guidance').set(values).where('country', '=', country).execute();
  else await deps.db.insertInto('regional_guidance').values(values).execute();
}
