import { derivedKindsOf, insertDerivedOnce, latestSessionAsset } from '../../data/media-assets';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { makePoster } from '../../media/make-poster';
import { makeProxy } from '../../media/make-proxy';
import { makeSprite } from '../../media/make-sprite';
import type { PlayableVideoProbe } from '../../media/probe-video';
import type { StorageProvider } from '../../providers/storage/storage-provider';
import { withLocalCopy } from './local-copy';
import type { PipelineDeps, StageContext } from './pipeline-deps';
import { readSignals } from '../../data/session-signals';

export type DerivedKind = 'proxy' | 'poster' | 'sprite';
const EXT: Record<DerivedKind, string> = { proxy: 'mp4', poster: 'jpg', sprite: 'jpg' };
const TYPE: Record<DerivedKind, string> = { proxy: 'video/mp4', poster: 'image/jpeg', sprite: 'image/jpeg' };

/**
 * Which products the prepare-media stage makes. A video model (Gemini) watches the proxy, so the
 * analyze stage makes the proxy itself, at once; this stage, running beside it, leaves it alone
 * instead of encoding the same proxy a second time.
 */
export function preparedBesideAnalysis(deps: Pick<PipelineDeps, 'analyzer'>): DerivedKind[] {
  return deps.analyzer.provenance.provider === 'gemini' ? ['poster', 'sprite'] : ['poster', 'sprite', 'proxy'];
}

/**
 * prepare-media: the 720p H.264 proxy (faststart, upright, constant frame rate), a poster from a
 * clear second and the timeline sprite (`kinds` of them), stored as media assets of the session.
 * Runs beside the pipeline; each product is made once (a retry only makes what is missing).
 */
export async function prepareMedia(deps: PipelineDeps, sessionId: string, ctx: StageContext, kinds: DerivedKind[] = preparedBesideAnalysis(deps)): Promise<void> {
  const { knex } = deps;
  const source = await latestSessionAsset(knex, sessionId, 'source_video');
  if (!source?.probe) return; // not ingested (or rejected): nothing to derive from
  // A rendered coaching video's poster is a poster too; only the session's own ones count here.
  const found = await derivedKindsOf(knex, sessionId);
  const have = new Set<DerivedKind>((['proxy', 'poster', 'sprite'] as const).filter((k) => found.has(k) || !kinds.includes(k)));
  if (have.size === 3) return;
  const probe = source.probe as unknown as PlayableVideoProbe;
  const signals = await readSignals(knex, sessionId, probe.durationSec, probe.hasAudio);
  fs.mkdirSync(deps.workDir, { recursive: true });

  await withLocalCopy(deps.storage, source.storage_key, deps.workDir, async (file) => {
    const made: Array<{ kind: DerivedKind; local: string; meta: Record<string, unknown> }> = [];
    const out = (kind: DerivedKind) => path.join(deps.workDir, `${randomUUID()}.${EXT[kind]}`);
    try {
      if (!have.has('poster')) {
        const local = out('poster');
        const poster = await makePoster(file, local, { probe, signals, signal: ctx.signal });
        made.push({ kind: 'poster', local, meta: { ...poster } });
      }
      if (!have.has('sprite')) {
        const local = out('sprite');
        const sprite = await makeSprite(file, local, { probe, signal: ctx.signal });
        made.push({ kind: 'sprite', local, meta: { ...sprite } });
      }
      if (!have.has('proxy')) {
        const local = out('proxy');
        const proxy = await makeProxy(file, local, { probe, signal: ctx.signal });
        made.push({ kind: 'proxy', local, meta: { width: proxy.width, height: proxy.height, durationSec: proxy.durationSec, fps: proxy.fps, hasAudio: proxy.hasAudio } });
      }
      for (const m of made) await storeDerived(knex, deps.storage, source, m);
    } finally {
      for (const m of made) fs.rmSync(m.local, { force: true });
    }
  });
  ctx.logger.info({ sessionId, kinds }, 'media products ready');
}

async function storeDerived(
  knex: Knex,
  storage: StorageProvider,
  source: { session_id: string | null; owner_user_id: string; storage_driver: string },
  item: { kind: DerivedKind; local: string; meta: Record<string, unknown> },
): Promise<void> {
  const sessionId = source.session_id as string; // a source video always belongs to a session
  const key = `sessions/${sessionId}/${item.kind}/${randomUUID()}.${EXT[item.kind]}`;
  const stored = await storage.put(key, fs.createReadStream(item.local), { contentType: TYPE[item.kind] });
  const { path: _path, ...meta } = item.meta;
  // A retried job can overlap a run still finishing: whichever stores a product first keeps it; the
  // other's copy is removed, not kept twice.
  const kept = await insertDerivedOnce(knex, {
    owner_user_id: source.owner_user_id,
    session_id: sessionId,
    kind: item.kind,
    storage_driver: source.storage_driver,
    storage_key: key,
    content_type: TYPE[item.kind],
    size_bytes: stored.size,
    checksum_sha256: stored.checksumSha256,
    probe: meta,
  });
  if (!kept) await storage.delete(key);
}
