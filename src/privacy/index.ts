import { JobRunner } from '../platform/jobs/index.ts';
import type { PrivacyDeps } from './use-cases/privacy-deps.ts';
import { retentionJob, scheduleRetention } from './use-cases/retention.ts';

export { privacyRoutes } from './http/privacy.routes.ts';
export { type CustomerExport, exportCustomer } from './use-cases/export-customer.ts';
export type { PrivacyDeps } from './use-cases/privacy-deps.ts';
export { applyRetention, retentionJob, retentionJobType, scheduleRetention } from './use-cases/retention.ts';

/** Starts the retention job's worker and queues today's run; main.ts calls it after the app listens. */
export async function startPrivacy(
  deps: PrivacyDeps & { pollIntervalMs: number; log?: (level: 'info' | 'warn' | 'error', message: string) => void },
): Promise<{ stop(): Promise<void> }> {
  const jobs = new JobRunner({ db: deps.db, clock: deps.clock, pollIntervalMs: deps.pollIntervalMs, log: deps.log });
  jobs.register(retentionJob(deps));
  await scheduleRetention(deps);
  jobs.start();
  return { stop: () => jobs.stop() };
}
