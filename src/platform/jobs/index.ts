export { type JobHandler, JobRunner, type JobRunnerOptions, PermanentJobError } from './job-runner.ts';
export { jobsRoutes } from './jobs.routes.ts';
export {
  claimJobs,
  enqueueJob,
  getJob,
  type Job,
  type JobStatus,
  jobStatuses,
  listJobs,
  retryDelayMs,
  retryJobNow,
} from './jobs.ts';
