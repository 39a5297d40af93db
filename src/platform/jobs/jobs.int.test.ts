import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, testDialects } from '../../../test/support/test-databases.ts';
import { fixedClock } from '../clock.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../db/database.ts';
import { JobRunner, PermanentJobError } from './job-runner.ts';
import { claimJobs, enqueueJob, getJob, listJobs, retryDelayMs, retryJobNow } from './jobs.ts';

describe('retry back-off', () => {
  it('doubles from the base delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 10].map((attempt) => retryDelayMs(attempt, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});

for (const dialect of testDialects) {
  describe(`durable jobs (${dialect})`, () => {
    let handle: DatabaseHandle;
    let drop: () => Promise<void>;
    const clock = fixedClock(new Date('2026-11-25T10:00:00.000Z'));

    beforeAll(async () => {
      const scratch = await createScratchDatabase(dialect);
      drop = scratch.drop;
      handle = openDatabase({ url: scratch.url });
      await migrateToLatest(handle.db);
    });
    afterAll(async () => {
      await handle?.close();
      await drop?.();
    });

    it('enqueues inside the caller transaction: a rolled-back transaction leaves no job', async () => {
      await expect(
        handle.db.transaction().execute(async (transaction) => {
          await enqueueJob(transaction, clock, { type: 'test.rollback', payload: {} });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await listJobs(handle.db, { type: 'test.rollback', limit: 10 })).toHaveLength(0);
    });

    it('keeps one job per dedupe key', async () => {
      expect(await enqueueJob(handle.db, clock, { type: 'test.dedupe', payload: { n: 1 }, dedupeKey: 'k-1' })).toBe(true);
      expect(await enqueueJob(handle.db, clock, { type: 'test.dedupe', payload: { n: 2 }, dedupeKey: 'k-1' })).toBe(false);
      const jobs = await listJobs(handle.db, { type: 'test.dedupe', limit: 10 });
      expect(jobs.map((job) => job.payload)).toEqual([{ n: 1 }]);
    });

    it('never hands the same job to two concurrent claimers, and re-claims it when the lease runs out', async () => {
      for (let index = 0; index < 6; index += 1) await enqueueJob(handle.db, clock, { type: 'test.claim', payload: { index } });
      const now = clock.now().toISOString();
      const leaseUntil = new Date(clock.now().getTime() + 60_000).toISOString();
      const [first, second] = await Promise.all([
        claimJobs(handle.db, { types: ['test.claim'], now, leaseUntil, workerId: 'a', limit: 4 }),
        claimJobs(handle.db, { types: ['test.claim'], now, leaseUntil, workerId: 'b', limit: 4 }),
      ]);
      const ids = [...first, ...second].map((job) => job.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(6);
      // Nothing is due while the leases hold; after they expire (a dead worker) the jobs come back.
      expect(await claimJobs(handle.db, { types: ['test.claim'], now, leaseUntil, workerId: 'c', limit: 10 })).toHaveLength(0);
      const later = new Date(clock.now().getTime() + 120_000).toISOString();
      const reclaimed = await claimJobs(handle.db, {
        types: ['test.claim'],
        now: later,
        leaseUntil: later,
        workerId: 'c',
        limit: 10,
      });
      expect(reclaimed).toHaveLength(6);
      expect(reclaimed.every((job) => job.attempts === 2)).toBe(true);
    });

    it('retries a failing job with back-off, then completes it; a permanent failure goes dead at once', async () => {
      const runner = new JobRunner({ db: handle.db, clock, pollIntervalMs: 60_000 });
      let calls = 0;
      runner.register({
        type: 'test.flaky',
        retryBaseMs: 10_000,
        run: async () => {
          calls += 1;
          if (calls < 3) throw new Error(`boom ${calls}`);
        },
      });
      const dead: string[] = [];
      runner.register({
        type: 'test.permanent',
        run: async () => {
          throw new PermanentJobError('bad payload');
        },
        onDead: async (job) => {
          dead.push(job.id);
        },
      });
      await enqueueJob(handle.db, clock, { type: 'test.flaky', payload: {}, dedupeKey: 'flaky' });
      await enqueueJob(handle.db, clock, { type: 'test.permanent', payload: {}, dedupeKey: 'permanent' });
      await runner.runDue();
      let [flaky] = await listJobs(handle.db, { type: 'test.flaky', limit: 1 });
      expect(flaky).toMatchObject({ status: 'queued', attempts: 1, lastError: 'boom 1' });
      expect(flaky?.runAt).toBe(new Date(clock.now().getTime() + 10_000).toISOString());
      await runner.runDue();
      expect(calls).toBe(1); // not due yet
      clock.advance(10_000);
      await runner.runDue();
      [flaky] = await listJobs(handle.db, { type: 'test.flaky', limit: 1 });
      expect(flaky).toMatchObject({ status: 'queued', attempts: 2, lastError: 'boom 2' });
      expect(flaky?.runAt).toBe(new Date(clock.now().getTime() + 20_000).toISOString());
      clock.advance(20_000);
      await runner.runDue();
      [flaky] = await listJobs(handle.db, { type: 'test.flaky', limit: 1 });
      expect(flaky).toMatchObject({ status: 'done', attempts: 3, lastError: null });

      const [permanent] = await listJobs(handle.db, { type: 'test.permanent', limit: 1 });
      expect(permanent).toMatchObject({ status: 'dead', attempts: 1, lastError: 'bad payload' });
      expect(dead).toEqual([permanent?.id]);
      // An admin can give it another go.
      const retried = await retryJobNow(handle.db, permanent?.id ?? '', clock.now().toISOString());
      expect(retried).toMatchObject({ status: 'queued', attempts: 0 });
      expect((await getJob(handle.db, permanent?.id ?? ''))?.status).toBe('queued');
    });

    it('marks a job dead when it has used up its attempts', async () => {
      const runner = new JobRunner({ db: handle.db, clock, pollIntervalMs: 60_000 });
      runner.register({
        type: 'test.always-fails',
        retryBaseMs: 1,
        run: async () => {
          throw new Error('still down');
        },
      });
      await enqueueJob(handle.db, clock, { type: 'test.always-fails', payload: {}, maxAttempts: 2 });
      await runner.runDue();
      clock.advance(1000);
      await runner.runDue();
      const [job] = await listJobs(handle.db, { type: 'test.always-fails', limit: 1 });
      expect(job).toMatchObject({ status: 'dead', attempts: 2, lastError: 'still down' });
    });
  });
}
