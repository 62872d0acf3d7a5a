import type { RenderDeps } from '@ajimi/core/services/pipeline/render-coaching-video';
import type { JobDefinition } from './job-definition';
import { analyzeJob } from './handlers/analyze';
import { coachTextJob } from './handlers/coach-text';
import { deliverJob } from './handlers/deliver';
import { ingestJob } from './handlers/ingest';
import { liveSignalsJob } from './handlers/live-signals';
import { stageFailedJobs } from './handlers/mark-stage-failed';
import { narrateJob } from './handlers/narrate';
import { prepareMediaJob } from './handlers/prepare-media';
import { pushJob } from './handlers/push';
import { reembedJob } from './handlers/reembed';
import { renderJob } from './handlers/render';
import { replyJob } from './handlers/reply';
import { retrieveJob } from './handlers/retrieve';
import { summarizeJob } from './handlers/summarize';
import { transcribeJob } from './handlers/transcribe';

/** Every handler the worker runs, one file per stage under handlers/. */
export function createJobs(deps: RenderDeps): JobDefinition[] {
  return [
    ingestJob(deps),
    liveSignalsJob(deps),
    prepareMediaJob(deps),
    transcribeJob(deps),
    analyzeJob(deps),
    retrieveJob(deps),
    coachTextJob(deps),
    narrateJob(deps),
    renderJob(deps),
    deliverJob(deps),
    summarizeJob(deps),
    replyJob(deps),
    reembedJob(deps),
    pushJob(deps),
    ...stageFailedJobs,
  ] as JobDefinition[];
}
