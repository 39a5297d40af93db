import { analysisVersion } from '../../analysis/index.ts';
import { replayTimeline } from '../domain/heat-reading.ts';
import type { ConversationDeps } from './conversation-deps.ts';

/** Customer messages whose stored analysis is missing or from another analyser version. */
export async function countStaleMessages(deps: Pick<ConversationDeps, 'db'>): Promise<number> {
  const row = await deps.db
    .selectFrom('messages')
    .select((builder) => builder.fn.countAll<number>().as('count'))
    .where('kind', '=', 'customer')
    .where((builder) => builder.or([builder('analysis_version', 'is', null), builder('analysis_version', '!=', analysisVersion)]))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Re-reads one batch of conversations that hold stale analyses, each replayed in timeline
 * order so repeat contacts and the heat reading come out as if the messages arrived today.
 * Each conversation is rewritten in its own transaction, so stopping at any point loses
 * nothing and the next run continues with what is still stale.
 */
export async function reanalyzeBatch(deps: Pick<ConversationDeps, 'db'>, batchSize: number): Promise<number> {
  const stale = await deps.db
    .selectFrom('messages')
    .select('conversation_id')
    .distinct()
    .where('kind', '=', 'customer')
    .where((builder) => builder.or([builder('analysis_version', 'is', null), builder('analysis_version', '!=', analysisVersion)]))
    .limit(batchSize)
    .execute();
  for (const { conversation_id: conversationId } of stale) {
    await deps.db.transaction().execute(async (transaction) => {
      const timeline = await transaction
        .selectFrom('messages')
        .select(['id', 'kind', 'body', 'created_at'])
        .where('conversation_id', '=', conversationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const { reading, analyses } = replayTimeline(timeline.map((m) => ({ kind: m.kind, body: m.body, at: m.created_at })));
      for (const [index, message] of timeline.entries()) {
        const analysis = analyses[index];
        if (analysis === null || analysis === undefined) continue;
        await transaction
          .updateTable('messages')
          .set({ analysis: JSON.stringify(analysis), analysis_version: analysis.version, heat: analysis.heat })
          .where('id', '=', message.id)
          .execute();
      }
      await transaction
        .updateTable('conversations')
        .set({
          heat: reading.heat,
          peak_heat: reading.peakHeat,
          heat_trend: reading.trend,
          heat_sum: reading.heatSum,
          heat_count: reading.heatCount,
          flags: JSON.stringify(reading.flags),
          language: reading.language,
          category: reading.category,
        })
        .where('id', '=', conversationId)
        .execute();
    });
  }
  return stale.length;
}
