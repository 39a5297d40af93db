import type { Kysely, Selectable } from 'kysely';
import { type AuditAuthor, diffRecords, recordAudit, recordChange } from '../../audit/index.ts';
import { isUniqueViolation, parseJsonColumn } from '../../platform/db/database.ts';
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
      // Two nodes starting at once both see it missing: the second insert is a no-op, not a crash.
      .onConflict((conflict) => conflict.columns(['key', 'version']).doNothing())
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

/** What the audit log compares for a script version: the fields a curator writes. */
function fieldsOf(script: StoredScript): ScriptFields {
  return {
    title: script.title,
    step: script.step,
    language: script.language,
    categories: [...(script.categories ?? [])],
    intents: [...(script.intents ?? [])],
    regions: [...(script.regions ?? [])],
    tiers: [...(script.tiers ?? [])],
    body: script.body,
  };
}

const maxInsertAttempts = 50;

/**
 * Inserts a new script version, retrying with the next key or version when a concurrent writer
 * took it (a unique violation): each attempt is its own transaction, so PostgreSQL's aborted
 * transaction never leaks into the retry. The audit row commits with the version it records.
 */
async function insertVersion(
  deps: Deps,
  author: AuditAuthor,
  pick: (db: Kysely<Database>) => Promise<{ key: string; version: number; before: StoredScript | undefined }>,
  fields: ScriptFields,
  action: 'script.created' | 'script.revised',
): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deps.db.transaction().execute(async (transaction) => {
        const { key, version, before } = await pick(transaction);
        const now = deps.clock.now().toISOString();
        await transaction
          .insertInto('script_templates')
          .values(rowValues(key, version, fields, author.userId, now))
          .execute();
        await recordAudit(transaction, {
          at: now,
          actorUserId: author.userId,
          actorTokenId: author.tokenId ?? null,
          action,
          subjectType: 'script',
          subjectId: key,
          changes: diffRecords(before ? { ...fieldsOf(before) } : null, { ...fields }),
          details: { version },
          ip: author.ip ?? null,
        });
        return key;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= maxInsertAttempts) throw error;
    }
  }
}

export async function createScript(deps: Deps, author: AuditAuthor, fields: ScriptFields): Promise<StoredScript> {
  const key = await insertVersion(
    deps,
    author,
    async (db) => {
      let key = keyFor(fields.title);
      const taken = await db.selectFrom('script_templates').select('key').where('key', 'like', `${key}%`).execute();
      const keys = new Set(taken.map((row) => row.key));
      for (let suffix = 2; keys.has(key); suffix += 1) key = `${keyFor(fields.title)}-${suffix}`;
      return { key, version: 1, before: undefined };
    },
    fields,
    'script.created',
  );
  return (await listScriptVersions(deps, key))[0] as StoredScript;
}

/** Editing never overwrites: it adds the next version, and the history stays readable. */
export async function reviseScript(deps: Deps, author: AuditAuthor, key: string, fields: ScriptFields): Promise<StoredScript> {
  await insertVersion(
    deps,
    author,
    async (db) => {
      const [current] = await listScriptVersions({ db }, key);
      if (!current) throw scriptError('script-not-found', `There is no script ${key}.`);
      return { key, version: current.version + 1, before: current };
    },
    fields,
    'script.revised',
  );
  return (await listScriptVersions(deps, key))[0] as StoredScript;
}

export async function setScriptRetired(deps: Deps, author: AuditAuthor, key: string, retired: boolean): Promise<StoredScript> {
  await deps.db.transaction().execute(async (transaction) => {
    const [current] = await listScriptVersions({ db: transaction }, key);
    if (!current) throw scriptError('script-not-found', `There is no script ${key}.`);
    const now = deps.clock.now().toISOString();
    await transaction
      .updateTable('script_templates')
      .set({ retired_at: retired ? now : null })
      .where('key', '=', key)
      .where('version', '=', current.version)
      .execute();
    await recordChange(transaction, author, now, {
      action: retired ? 'script.retired' : 'script.restored',
      subjectType: 'script',
      subjectId: key,
      before: { retired: current.retiredAt !== null },
      after: { retired },
      details: { version: current.version },
    });
  });
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

/**
 * One statement inserts or updates (ON CONFLICT), so concurrent first saves of a country never
 * collide; the audit row compares with what was in force before (stored or shipped default).
 */
export async function saveRegionalGuidance(deps: Deps, author: AuditAuthor, guidance: RegionalGuidance): Promise<void> {
  const now = deps.clock.now().toISOString();
  const country = guidance.country.toUpperCase();
  const saved = { ...guidance, country };
  const values = { country, guidance: JSON.stringify(saved), updated_by: author.userId, updated_at: now };
  await deps.db.transaction().execute(async (transaction) => {
    const existing = await transaction
      .selectFrom('regional_guidance')
      .select('guidance')
      .where('country', '=', country)
      .executeTakeFirst();
    const before = existing
      ? parseJsonColumn<RegionalGuidance | null>(existing.guidance, null)
      : (regionalGuidanceDefaults[country] ?? null);
    await transaction
      .insertInto('regional_guidance')
      .values(values)
      .onConflict((conflict) =>
        conflict.column('country').doUpdateSet({ guidance: values.guidance, updated_by: values.updated_by, updated_at: now }),
      )
      .execute();
    await recordChange(transaction, author, now, {
      action: 'guidance.updated',
      subjectType: 'guidance',
      subjectId: country,
      before: before as Record<string, unknown> | null,
      after: saved as unknown as Record<string, unknown>,
      details: { firstEdit: !existing },
    });
  });
}
