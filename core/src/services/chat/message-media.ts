import { assetsOwnedBy } from '../../data/media-assets';
import type { Knex } from 'knex';
import type { StorageProvider } from '../../providers/storage/storage-provider';

/** Signed media links in chat live this long; the app asks again when one has expired. */
export const MESSAGE_MEDIA_TTL_SECONDS = 30 * 60;

export interface MessageMedia {
  videoUrl: string;
  posterUrl: string | null;
  durationSec: number | null;
  expiresAt: string;
}

interface WithPayload {
  kind: string;
  payload: Record<string, unknown>;
  sessionId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idOf = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? v : null);

/**
 * Turns each video message's payload `{ sessionId, videoAssetId, posterAssetId, durationSec }` into
 * short-lived signed URLs. An asset is signed only when it belongs to `userId` and to a session of
 * theirs that the message is about: a payload pointing anywhere else gets `media: null`.
 */
export async function attachMessageMedia<T extends WithPayload>(
  knex: Knex,
  storage: StorageProvider,
  userId: string,
  messages: T[],
  now = new Date(),
): Promise<Array<T & { media?: MessageMedia | null }>> {
  const videos = messages.filter((m) => m.kind === 'video');
  if (!videos.length) return messages;
  const ids = new Set<string>();
  for (const m of videos) {
    for (const key of ['videoAssetId', 'posterAssetId'] as const) {
      const id = idOf(m.payload[key]);
      if (id) ids.add(id);
    }
  }
  const rows = await assetsOwnedBy(knex, userId, [...ids]);
  const assets = new Map(rows.map((r) => [r.id, r]));
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + MESSAGE_MEDIA_TTL_SECONDS * 1000).toISOString();

  return Promise.all(
    messages.map(async (m) => {
      if (m.kind !== 'video') return m;
      const sessionId = idOf(m.payload.sessionId) ?? m.sessionId;
      const belongs = (id: string | null, kinds: string[]) => {
        const a = id ? assets.get(id) : undefined;
        return a && a.session_id === sessionId && (!m.sessionId || m.sessionId === sessionId) && kinds.includes(a.kind) ? a : undefined;
      };
      const video = belongs(idOf(m.payload.videoAssetId), ['render', 'proxy', 'source_video']);
      if (!video) return { ...m, media: null };
      const poster = belongs(idOf(m.payload.posterAssetId), ['poster']);
      const sign = (key: string) => storage.signedUrl(key, { expiresInSeconds: MESSAGE_MEDIA_TTL_SECONDS });
      const payloadDuration = typeof m.payload.durationSec === 'number' ? m.payload.durationSec : null;
      const probeDuration = typeof video.probe?.durationSec === 'number' ? (video.probe.durationSec as number) : null;
      return {
        ...m,
        media: {
          videoUrl: await sign(video.storage_key),
          posterUrl: poster ? await sign(poster.storage_key) : null,
          durationSec: payloadDuration ?? probeDuration,
          expiresAt,
        },
      };
    }),
  );
}
