import type { Knex } from 'knex';

export const ROLES = ['learner', 'coach', 'content', 'admin'] as const;
export const SESSION_STATUSES = [
  'created', 'uploading', 'uploaded', 'ingesting', 'transcribing', 'analyzing', 'retrieving',
  'coaching', 'narrating', 'rendering', 'in_review', 'delivered', 'failed',
] as const;
export const MEDIA_KINDS = ['source_video', 'voice_memo', 'proxy', 'poster', 'sprite', 'render', 'tts_audio'] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS vector');
  const id = (t: Knex.CreateTableBuilder) => t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
  const now = () => knex.fn.now();

  await knex.schema.createTable('users', (t) => {
    id(t);
    t.text('email').notNullable();
    t.text('name').notNullable();
    t.text('role').notNullable().checkIn([...ROLES], 'users_role_check');
    t.text('locale').notNullable().defaultTo('ja').checkIn(['ja', 'en'], 'users_locale_check');
    t.text('password_hash');
    t.text('clerk_user_id').unique();
    t.boolean('disabled').notNullable().defaultTo(false);
    t.boolean('is_demo').notNullable().defaultTo(false);
    t.timestamp('last_login_at', { useTz: true });
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX users_email_lower_unique ON users (lower(email))');

  await knex.schema.createTable('user_sessions', (t) => {
    id(t);
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.text('user_agent');
    t.index(['user_id']);
  });

  await knex.schema.createTable('learner_profiles', (t) => {
    t.uuid('user_id').primary().references('users.id').onDelete('CASCADE');
    t.text('display_name');
    t.specificType('dish_ids', 'uuid[]').notNullable().defaultTo('{}');
    t.jsonb('preferences').notNullable().defaultTo('{}');
    t.timestamp('onboarded_at', { useTz: true });
    t.timestamps(true, true);
  });

  await knex.schema.createTable('dishes', (t) => {
    id(t);
    t.text('slug').notNullable().unique();
    t.text('name_ja').notNullable();
    t.text('name_en').notNullable();
    t.timestamps(true, true);
  });

  await knex.schema.createTable('learner_dish_states', (t) => {
    id(t);
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('dish_id').notNullable().references('dishes.id');
    t.integer('sessions_completed').notNullable().defaultTo(0);
    t.jsonb('state').notNullable().defaultTo('{}'); // skills mastered, open problems, trend
    t.timestamps(true, true);
    t.unique(['user_id', 'dish_id']);
  });

  await knex.schema.createTable('cooking_sessions', (t) => {
    id(t);
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('dish_id').notNullable().references('dishes.id');
    t.integer('attempt_number').notNullable(); // "Session N"
    t.jsonb('self_ratings').notNullable().defaultTo('{}');
    t.text('note');
    t.text('transcript'); // of the voice memo, when speech-to-text is configured
    t.text('status').notNullable().defaultTo('created').checkIn([...SESSION_STATUSES], 'cooking_sessions_status_check');
    t.text('failed_stage');
    t.text('failure_reason');
    t.integer('retry_count').notNullable().defaultTo(0);
    for (const stage of [
      'upload_started_at', 'uploaded_at', 'ingested_at', 'transcribed_at', 'analyzed_at', 'retrieved_at',
      'coach_text_sent_at', 'narrated_at', 'rendered_at', 'review_started_at', 'delivered_at', 'summarized_at',
      'failed_at', 'deleted_at',
    ]) t.timestamp(stage, { useTz: true });
    t.timestamps(true, true);
    t.unique(['user_id', 'dish_id', 'attempt_number']);
    t.index(['status']);
  });

  await knex.schema.createTable('media_assets', (t) => {
    id(t);
    t.uuid('owner_user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('session_id').references('cooking_sessions.id').onDelete('CASCADE');
    t.text('kind').notNullable().checkIn([...MEDIA_KINDS], 'media_assets_kind_check');
    t.text('storage_driver').notNullable();
    t.text('storage_key').notNullable().unique();
    t.text('content_type');
    t.bigInteger('size_bytes');
    t.text('checksum_sha256');
    t.jsonb('probe'); // ffprobe metadata
    t.text('original_filename');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.timestamp('deleted_at', { useTz: true });
    t.index(['session_id', 'kind']);
  });

  // Per-second signals from ingest: they feed both analyzers and the console timeline.
  await knex.schema.createTable('session_signals', (t) => {
    t.uuid('session_id').notNullable().references('cooking_sessions.id').onDelete('CASCADE');
    t.integer('t').notNullable(); // second from the start of the source video
    t.float('motion').notNullable();
    t.float('loudness').notNullable(); // dBFS
    t.float('sizzle').notNullable(); // high-frequency broadband energy, dBFS
    t.float('brightness').notNullable(); // 0..1
    t.float('saturation').notNullable(); // 0..1
    t.float('sharpness').notNullable();
    t.boolean('obstructed').notNullable().defaultTo(false);
    t.boolean('too_dark').notNullable().defaultTo(false);
    t.boolean('blurry').notNullable().defaultTo(false);
    t.primary(['session_id', 't']);
  });

  await knex.schema.createTable('analyses', (t) => {
    id(t);
    t.uuid('session_id').notNullable().references('cooking_sessions.id').onDelete('CASCADE');
    t.text('provider').notNullable();
    t.text('model').notNullable();
    t.text('prompt_version');
    t.jsonb('result').notNullable(); // AnalysisResult: events, key-moment candidates, diagnosis
    t.jsonb('retrieval'); // what the retrieve stage found: principle chunks and past sessions, with scores
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.index(['session_id']);
  });

  await knex.schema.createTable('chat_rooms', (t) => {
    id(t);
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('kind').notNullable().checkIn(['my_coaching', 'cooking_videos', 'help'], 'chat_rooms_kind_check');
    t.boolean('ai_paused').notNullable().defaultTo(false); // a coach has taken over the thread
    t.uuid('paused_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.unique(['user_id', 'kind']);
  });

  await knex.schema.createTable('chat_messages', (t) => {
    id(t);
    t.uuid('room_id').notNullable().references('chat_rooms.id').onDelete('CASCADE');
    t.uuid('session_id').references('cooking_sessions.id').onDelete('SET NULL');
    t.text('kind').notNullable().checkIn(['text', 'coaching_text', 'video', 'system'], 'chat_messages_kind_check');
    t.text('author_kind').notNullable().checkIn(['learner', 'ai', 'coach'], 'chat_messages_author_check');
    t.uuid('author_user_id').references('users.id').onDelete('SET NULL');
    t.text('body').notNullable();
    t.jsonb('payload').notNullable().defaultTo('{}');
    // Stages post with a key such as "coach-text:<session>" so a retried job never posts twice.
    t.text('idempotency_key').unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.timestamp('read_at', { useTz: true });
    t.index(['room_id', 'created_at']);
  });

  await knex.schema.createTable('coaching_texts', (t) => {
    id(t);
    t.uuid('session_id').notNullable().unique().references('cooking_sessions.id').onDelete('CASCADE');
    t.uuid('message_id').references('chat_messages.id').onDelete('SET NULL');
    t.jsonb('content').notNullable(); // the structured sections
    t.text('body').notNullable(); // as sent
    t.text('provider').notNullable();
    t.text('model').notNullable();
    t.text('prompt_version');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
  });

  await knex.schema.createTable('narration_scripts', (t) => {
    id(t);
    t.uuid('session_id').notNullable().references('cooking_sessions.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.text('author_kind').notNullable().checkIn(['ai', 'coach'], 'narration_scripts_author_check');
    t.uuid('author_user_id').references('users.id').onDelete('SET NULL');
    t.jsonb('content').notNullable(); // part1, diagnosis, pivot, part2 lines with offsets
    t.jsonb('key_moment').notNullable(); // {start, end} inside the source video
    t.text('model');
    t.text('prompt_version');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.unique(['session_id', 'version']);
  });

  await knex.schema.createTable('renders', (t) => {
    id(t);
    t.uuid('session_id').notNullable().references('cooking_sessions.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.uuid('script_id').notNullable().references('narration_scripts.id').onDelete('CASCADE');
    t.text('status').notNullable().defaultTo('queued')
      .checkIn(['queued', 'rendering', 'done', 'failed', 'superseded'], 'renders_status_check');
    t.integer('progress').notNullable().defaultTo(0);
    t.jsonb('spec'); // the timeline spec this render was made from
    t.uuid('video_asset_id').references('media_assets.id').onDelete('SET NULL');
    t.uuid('poster_asset_id').references('media_assets.id').onDelete('SET NULL');
    t.text('error');
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.unique(['session_id', 'version']);
  });
  await knex.raw('ALTER TABLE renders ADD CONSTRAINT renders_progress_range CHECK (progress BETWEEN 0 AND 100)');

  await knex.schema.createTable('review_items', (t) => {
    id(t);
    t.uuid('session_id').notNullable().unique().references('cooking_sessions.id').onDelete('CASCADE');
    t.text('status').notNullable().defaultTo('pending')
      .checkIn(['pending', 'in_review', 'approved', 'sent_back'], 'review_items_status_check');
    t.uuid('assignee_id').references('users.id').onDelete('SET NULL');
    t.timestamp('reserved_until', { useTz: true });
    t.uuid('render_id').references('renders.id').onDelete('SET NULL');
    t.text('decision').checkIn(['approved', 'sent_back'], 'review_items_decision_check');
    t.text('decision_reason');
    t.uuid('decided_by').references('users.id').onDelete('SET NULL');
    t.timestamp('decided_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['status', 'created_at']);
  });

  // Bilingual text fields are {ja, en} objects; Japanese is the primary language.
  await knex.schema.createTable('principles', (t) => {
    id(t);
    t.text('slug').notNullable().unique();
    t.text('title_ja').notNullable();
    t.text('title_en').notNullable();
    t.specificType('dishes', 'text[]').notNullable().defaultTo('{}');
    t.boolean('is_core').notNullable().defaultTo(false); // the dish's core principle (video intro)
    t.jsonb('skill').notNullable(); // {ja, en}
    t.jsonb('symptoms').notNullable().defaultTo('[]'); // [{ja, en, sense: sight|sound|texture}]
    t.jsonb('why').notNullable(); // {ja, en}
    t.jsonb('next_action').notNullable(); // {ja, en}
    t.jsonb('success_signs').notNullable().defaultTo('{}'); // {sight?: {ja,en}, sound?: ..., texture?: ...}
    t.specificType('addresses', 'text[]').notNullable().defaultTo('{}'); // analyzer finding codes
    t.text('body_md').notNullable().defaultTo('');
    t.text('source').notNullable().defaultTo('console'); // knowledge/<file> when imported
    t.boolean('published').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
    t.text('embedding_status').notNullable().defaultTo('pending')
      .checkIn(['pending', 'embedding', 'ready', 'failed'], 'principles_embedding_status_check');
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamps(true, true);
  });

  await knex.schema.createTable('principle_versions', (t) => {
    id(t);
    t.uuid('principle_id').notNullable().references('principles.id').onDelete('CASCADE');
    t.integer('version').notNullable();
    t.jsonb('snapshot').notNullable();
    t.uuid('edited_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.unique(['principle_id', 'version']);
  });

  await knex.schema.createTable('principle_chunks', (t) => {
    id(t);
    t.uuid('principle_id').notNullable().references('principles.id').onDelete('CASCADE');
    t.integer('chunk_index').notNullable();
    t.text('content').notNullable();
    t.specificType('embedding', 'vector(768)');
    t.text('embedding_model');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.unique(['principle_id', 'chunk_index']);
  });

  await knex.schema.createTable('session_summaries', (t) => {
    id(t);
    t.uuid('session_id').notNullable().unique().references('cooking_sessions.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('dish_id').notNullable().references('dishes.id');
    t.text('summary').notNullable();
    t.specificType('embedding', 'vector(768)');
    t.text('embedding_model');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.index(['user_id', 'dish_id']);
  });

  // HNSW build needs more than the default 64 MB of maintenance memory on larger tables.
  await knex.raw("SET LOCAL maintenance_work_mem = '256MB'");
  await knex.raw('CREATE INDEX principle_chunks_embedding_hnsw ON principle_chunks USING hnsw (embedding vector_cosine_ops)');
  await knex.raw('CREATE INDEX session_summaries_embedding_hnsw ON session_summaries USING hnsw (embedding vector_cosine_ops)');

  await knex.schema.createTable('push_subscriptions', (t) => {
    id(t);
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('endpoint').notNullable().unique();
    t.text('p256dh').notNullable();
    t.text('auth').notNullable();
    t.text('user_agent');
    t.integer('failure_count').notNullable().defaultTo(0);
    t.timestamp('last_success_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('actor_user_id').references('users.id').onDelete('SET NULL');
    t.text('actor_role');
    t.text('action').notNullable(); // e.g. "user.update", "review.approve"
    t.text('entity_type').notNullable();
    t.text('entity_id');
    t.jsonb('before');
    t.jsonb('after');
    t.text('request_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
    t.index(['entity_type', 'entity_id']);
    t.index(['created_at']);
  });

  // Generated-once values every process must share: session secret, VAPID keys, demo seed marker.
  await knex.schema.createTable('app_settings', (t) => {
    t.text('key').primary();
    t.jsonb('value').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(now());
  });

  // Workers report here; /api/health is ready only when a worker has been seen recently.
  await knex.schema.createTable('worker_heartbeats', (t) => {
    t.text('worker_id').primary();
    t.text('hostname').notNullable();
    t.integer('pid').notNullable();
    t.specificType('queues', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(now());
  });
}

const TABLES_IN_DROP_ORDER = [
  'worker_heartbeats', 'app_settings', 'audit_log', 'push_subscriptions', 'session_summaries',
  'principle_chunks', 'principle_versions', 'principles', 'review_items', 'renders', 'narration_scripts',
  'coaching_texts', 'chat_messages', 'chat_rooms', 'analyses', 'session_signals', 'media_assets', 'cooking_sessions',
  'learner_dish_states', 'dishes', 'learner_profiles', 'user_sessions', 'users',
];

export async function down(knex: Knex): Promise<void> {
  for (const table of TABLES_IN_DROP_ORDER) await knex.schema.dropTableIfExists(table);
}
