import type { JobQueue } from '../../queue/job-queue';

/** Each version gets its own job key, so a version published while the previous one embeds is embedded too. */
export async function queuePrincipleEmbedding(queue: JobQueue, id: string, version: number): Promise<void> {
  // After the commit; if this send is lost, the worker's start-up sweep (queueStaleEmbeddings) finds the pending row.
  await queue.send('reembed', { principleId: id }, { singletonKey: `${id}:v${version}` });
}
