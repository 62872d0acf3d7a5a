import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Config } from '@ajimi/core/config';
import type { StorageProvider } from '@ajimi/core/providers/storage/storage-provider';
import type { TextToSpeech } from '@ajimi/core/providers/tts/text-to-speech';
import type { JobQueue } from '@ajimi/core/queue/job-queue';
import { narrationScriptSchema } from '@ajimi/core/services/coaching/narration-script';
import { approveReviewItem } from '@ajimi/core/services/review/approve-review-item';
import { claimReviewItem } from '@ajimi/core/services/review/claim-review-item';
import { CORRECTION_MAX_CHARS, correctCoachingText } from '@ajimi/core/services/review/correct-coaching-text';
import { createQueuedPushSender } from '@ajimi/core/providers/push/queued-push-sender';
import { getCoachReviewStats } from '@ajimi/core/services/review/coach-review-stats';
import { getReviewItem } from '@ajimi/core/services/review/get-review-item';
import { listReviewItems, REVIEW_SORT_FIELDS } from '@ajimi/core/services/review/list-review-items';
import { previewCoachingVideo } from '@ajimi/core/services/review/preview-coaching-video';
import { getPreviousSessionClip } from '@ajimi/core/services/review/previous-session-clip';
import { releaseReviewItem } from '@ajimi/core/services/review/release-review-item';
import type { ReviewDeps } from '@ajimi/core/services/review/review-deps';
import { dataDirs } from '@ajimi/core/wiring';
import { REVIEW_STATUSES } from '@ajimi/core/services/review/review-items';
import { saveCoachScript } from '@ajimi/core/services/review/save-coach-script';
import { sendBackReviewItem } from '@ajimi/core/services/review/send-back-review-item';
import { actorOf, requireRole } from '../../http/authenticate';
import { parse } from '../../http/parse';
import { parseListQuery, sendList, uuidList } from '../../http/simple-rest';

const status = z.enum(REVIEW_STATUSES);
export const filter = z
  .object({
    status: z.union([status, z.array(status).max(REVIEW_STATUSES.length)]).transform((v) => (Array.isArray(v) ? v : [v])).optional(),
    dishId: z.uuid().optional(),
    assigneeId: z.uuid().optional(),
    mine: z.boolean().optional(),
    q: z.string().max(200).optional(),
    id: uuidList.optional(),
  })
  .strict();

// The script's shape, strict at every level (unknown fields refused), then the script's own rules.
const text = z.strictObject({ ja: z.string(), en: z.string() });
const scriptBody = z
  .strictObject({
    part1: z.strictObject({ intro: text, principle: text }),
    diagnosis: text,
    pivot: text,
    part2: z.array(z.strictObject({ offset: z.number(), text, cue: z.string() })),
  })
  .pipe(narrationScriptSchema);
const keyMoment = z
  .strictObject({ start: z.number().min(0).max(24 * 3600), end: z.number().min(0).max(24 * 3600) })
  .refine((m) => m.end > m.start, 'keyMoment.end must be after keyMoment.start');
export const scriptInput = z.strictObject({ script: scriptBody, keyMoment });
export const approveBody = z.strictObject({ renderId: z.uuid().optional() });
export const sendBackBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
const emptyBody = z.strictObject({});
export const correctionBody = z.strictObject({
  body: z.string().trim().min(1, '本文を入力してください / Write the corrected text').max(CORRECTION_MAX_CHARS, `${CORRECTION_MAX_CHARS}文字以内にしてください / At most ${CORRECTION_MAX_CHARS} characters`),
  baseVersion: z.number().int().min(1).max(1000),
});
const idParam = z.object({ id: z.uuid() });
// The start of the coach's day in their own time zone (the console sends its local midnight); at most a week back.
export const statsQuery = z.object({ since: z.iso.datetime({ offset: true }).refine((v) => Date.now() - Date.parse(v) <= 7 * 86400_000, 'since must be within the last 7 days') });

/**
 * The chef-coaches' review queue (docs/api/console-reviews.md). Coaches and admins only; content
 * staff are refused like any other non-reviewer.
 */
export function reviewRoutes(deps: { knex: Knex; storage: StorageProvider; queue: JobQueue; config: Config; tts: TextToSpeech }): Router {
  const review: ReviewDeps = {
    knex: deps.knex,
    storage: deps.storage,
    queue: deps.queue,
    settings: deps.config.review,
    mediaUrlTtlSeconds: deps.config.mediaUrlTtlSeconds,
    // The render stage's TTS and caches (core/src/wiring.ts), so previews match renders.
    tts: deps.tts,
    synthCacheDir: dataDirs(deps.config).synthCache,
  };
  const idOf = (params: unknown) => parse(idParam, params, 'review item id').id;
  const router = Router();
  router.use(requireRole('coach', 'admin'));

  router.get('/', async (req, res) => {
    const list = parseListQuery(req, { sortable: REVIEW_SORT_FIELDS, defaultSort: ['createdAt', 'ASC'], filter });
    const signMedia = (key: string) => deps.storage.signedUrl(key, { expiresInSeconds: review.mediaUrlTtlSeconds });
    sendList(res, 'reviews', await listReviewItems(deps.knex, review.settings, actorOf(req).userId, list, signMedia));
  });
  router.get('/stats', async (req, res) => {
    const { since } = parse(statsQuery, req.query, 'review stats query');
    res.json(await getCoachReviewStats(deps.knex, actorOf(req).userId, new Date(since)));
  });
  router.get('/:id', async (req, res) => {
    res.json(await getReviewItem(review, idOf(req.params)));
  });
  // Issue 16: the same cook's previous coachable session of the dish, for a side-by-side (null when none).
  router.get('/:id/previous', async (req, res) => {
    res.json({ previous: await getPreviousSessionClip(review, idOf(req.params)) });
  });
  router.post('/:id/claim', async (req, res) => {
    const id = idOf(req.params);
    parse(emptyBody, req.body ?? {}, 'claim');
    res.json(await claimReviewItem(deps.knex, review.settings, actorOf(req), id));
  });
  router.post('/:id/release', async (req, res) => {
    const id = idOf(req.params);
    parse(emptyBody, req.body ?? {}, 'release');
    await releaseReviewItem(deps.knex, actorOf(req), id);
    res.status(204).end();
  });
  router.post('/:id/preview', async (req, res) => {
    const id = idOf(req.params);
    const input = parse(scriptInput, req.body, 'preview');
    // A preview the coach has already typed past is not worth finishing.
    const abort = new AbortController();
    res.on('close', () => !res.writableEnded && abort.abort());
    res.json(await previewCoachingVideo(review, id, input, abort.signal));
  });
  router.post('/:id/scripts', async (req, res) => {
    const id = idOf(req.params);
    const input = parse(scriptInput, req.body, 'script');
    res.status(201).json(await saveCoachScript(review, actorOf(req), id, input));
  });
  router.post('/:id/approve', async (req, res) => {
    const id = idOf(req.params);
    const input = parse(approveBody, req.body ?? {}, 'approval');
    res.json(await approveReviewItem(review, actorOf(req), id, input));
  });
  // Issue 13: the coach corrects the coaching text the cook already has (pushed once, audited).
  const push = createQueuedPushSender(deps.queue);
  router.post('/:id/coaching-text/corrections', async (req, res) => {
    const id = idOf(req.params);
    const input = parse(correctionBody, req.body, 'correction');
    const result = await correctCoachingText({ knex: deps.knex, settings: review.settings, push, onPushError: (err) => req.log.warn({ err }, 'push failed') }, actorOf(req), id, input);
    res.status(result.created ? 201 : 200).json(result);
  });
  router.post('/:id/send-back', async (req, res) => {
    const id = idOf(req.params);
    const input = parse(sendBackBody, req.body, 'send-back');
    res.json(await sendBackReviewItem(review, actorOf(req), id, input));
  });
  return router;
}
