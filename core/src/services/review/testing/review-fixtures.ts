import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { StorageProvider } from '../../../providers/storage/storage-provider';
import { newStorageKey } from '../../../providers/storage/storage-key';
import { keyMomentAt, makeScript } from '../../../video/testing/fixtures';
import { postOnce } from '../../../data/chat-rooms';
import { coachingTextOf, insertCoachingTextOnce, linkCoachingMessage } from '../../../data/coaching-texts';

/**
 * A session waiting in the review queue, as the pipeline leaves it: a stored video (probe only,
 * or a real file when `videoFile` is given), an analysis with candidates, script v1 by the AI,
 * the review item, and optionally a finished render (video + poster assets).
 */
export async function createReviewFixture(
  knex: Knex,
  options: { cookId: string; storage?: StorageProvider; dishSlug?: string; durationSec?: number; withRender?: boolean; holder?: { userId: string; minutes: number } },
): Promise<{ sessionId: string; reviewId: string; renderId: string | null; scriptId: string; videoKey: string }> {
  const dish = options.dishSlug
    ? await knex('dishes').where({ slug: options.dishSlug }).first('id')
    : (await knex('dishes').insert({ slug: `review-${randomUUID().slice(0, 8)}`, name_ja: 'チャーハン', name_en: 'Fried rice' }).returning('id'))[0];
  const [session] = await knex('cooking_sessions')
    .insert({
      user_id: options.cookId,
      dish_id: dish.id,
      attempt_number: knex.raw('coalesce((select max(attempt_number) from cooking_sessions where user_id = ? and dish_id = ?), 0) + 1', [options.cookId, dish.id]),
      status: 'in_review',
      uploaded_at: knex.fn.now(),
    })
    .returning('id');
  const sessionId = session.id as string;
  const durationSec = options.durationSec ?? 60;
  const videoKey = newStorageKey(sessionId, 'source-video', 'mp4');
  if (options.storage) await options.storage.put(videoKey, Buffer.from('not really a video'), { contentType: 'video/mp4' });
  await knex('media_assets').insert({
    owner_user_id: options.cookId,
    session_id: sessionId,
    kind: 'source_video',
    storage_driver: 'local',
    storage_key: videoKey,
    content_type: 'video/mp4',
    probe: JSON.stringify({ durationSec, hasAudio: true, width: 1280, height: 720 }),
  });
  await knex('session_signals').insert(
    Array.from({ length: Math.floor(durationSec) }, (_, t) => ({ session_id: sessionId, t, motion: t === 41 ? 0.05 : 0.01, loudness: -30, sizzle: t > 40 ? -35 : -60, brightness: 0.5, saturation: 0.4, sharpness: 0.6 })),
  );
  const moment = keyMomentAt(38, 53);
  await knex('analyses').insert({
    session_id: sessionId,
    provider: 'local',
    model: 'test',
    result: JSON.stringify({
      events: [{ t: 41, type: 'ingredient_added', confidence: 0.8 }],
      keyMoments: [moment, { ...keyMomentAt(10, 25), score: 0.5 }],
      diagnosis: {
        code: 'pan_not_hot',
        problem: { ja: '鍋が熱くなる前に卵を入れました。', en: 'the egg went in before the pan was hot.' },
        why: { ja: '鍋が冷たいと卵が油を吸います。', en: 'A cold pan lets the egg soak up oil.' },
        evidence: [{ ja: '0:41 音が弱い', en: '0:41 weak sizzle' }],
      },
      findings: [],
    }),
  });
  const [script] = await knex('narration_scripts')
    .insert({ session_id: sessionId, version: 1, author_kind: 'ai', content: JSON.stringify(makeScript(moment)), key_moment: JSON.stringify({ start: 38, end: 53 }), model: 'local-composer-v1' })
    .returning('id');
  let renderId: string | null = null;
  if (options.withRender) {
    const asset = async (kind: 'render' | 'poster', ext: string, type: string) =>
      (
        await knex('media_assets')
          .insert({ owner_user_id: options.cookId, session_id: sessionId, kind, storage_driver: 'local', storage_key: newStorageKey(sessionId, kind, ext), content_type: type, probe: JSON.stringify({ durationSec: 90, renderVersion: 1 }) })
          .returning('id')
      )[0].id as string;
    const [render] = await knex('renders')
      .insert({ session_id: sessionId, version: 1, script_id: script.id, status: 'done', progress: 100, video_asset_id: await asset('render', 'mp4', 'video/mp4'), poster_asset_id: await asset('poster', 'jpg', 'image/jpeg'), finished_at: knex.fn.now() })
      .returning('id');
    renderId = render.id as string;
  }
  const [item] = await knex('review_items')
    .insert({
      session_id: sessionId,
      status: options.holder ? 'in_review' : 'pending',
      render_id: renderId,
      ...(options.holder ? { assignee_id: options.holder.userId, reserved_until: knex.raw('now() + make_interval(mins => ?)', [options.holder.minutes]) } : {}),
    })
    .returning('id');
  return { sessionId, reviewId: item.id as string, renderId, scriptId: script.id as string, videoKey };
}

/** A valid script body for the preview and save routes. */
export function scriptBody(edit?: (script: ReturnType<typeof makeScript>) => void): { script: ReturnType<typeof makeScript>; keyMoment: { start: number; end: number } } {
  const script = makeScript(keyMomentAt(38, 53));
  edit?.(script);
  return { script, keyMoment: { start: 38, end: 53 } };
}

/** The coaching text the pipeline sends (stage coach-text), as a card in the cook's My Coaching room. */
export async function sendCoachingTextFixture(knex: Knex, options: { cookId: string; sessionId: string; body?: string }): Promise<{ coachingTextId: string; messageId: string; roomId: string }> {
  const body = options.body ?? '📅 2026年12月6日 · チャーハン 1回目のセッション\n\n🍳 今回の問題点\n鍋が熱くなる前に卵を入れました。';
  const content = { problem: { ja: '鍋が熱くなる前に卵を入れました。', en: 'The egg went in before the pan was hot.' } };
  await insertCoachingTextOnce(knex, { sessionId: options.sessionId, content, body, provider: 'local', model: 'test', promptVersion: null });
  const text = await coachingTextOf(knex, options.sessionId);
  if (!text) throw new Error('coaching text not stored');
  const { message } = await postOnce(knex, {
    userId: options.cookId,
    roomKind: 'my_coaching',
    kind: 'coaching_text',
    author: 'ai',
    sessionId: options.sessionId,
    body,
    payload: { coachingTextId: text.id, content },
    idempotencyKey: `coach-text:${options.sessionId}`,
  });
  await linkCoachingMessage(knex, text.id, message.id);
  return { coachingTextId: text.id, messageId: message.id, roomId: message.roomId };
}
