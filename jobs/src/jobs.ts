import type { JobDefinition } from './job-definition';
import { stageFailedJobs } from './handlers/mark-stage-failed';

/** Every handler the worker runs. One file per stage under handlers/. */
export const ALL_JOBS: JobDefinition[] = [...stageFailedJobs];
