import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnex, PREPARED } from '../knex';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './start-embedded-database';

const started: EmbeddedDatabase[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((db) => db.stop()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ajimi-embedded-'));
  dirs.push(dir);
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded database', () => {
  it('keeps data across a clean restart and serves pgvector', async () => {
    const dir = tempDir();
    const first = await startEmbeddedDatabase({ dataDir: dir });
    await query(first.url, 'create table kept (id int primary key, v vector(3))');
    await query(first.url, `insert into kept values (1, '[1,2,3]'), (2, '[3,2,1]')`);
    await first.stop();

    const second = await startEmbeddedDatabase({ dataDir: dir });
    started.push(second);
    const rows = await query<{ id: number }>(second.url, `select id from kept order by v <-> '[1,2,2]' limit 1`);
    expect(rows).toEqual([{ id: 1 }]);
  });

  it('refuses a second instance on the same data dir with a clear message', async () => {
    const dir = tempDir();
    const owner = await startEmbeddedDatabase({ dataDir: dir });
    started.push(owner);
    await expect(startEmbeddedDatabase({ dataDir: dir })).rejects.toThrow(
      new RegExp(`already in use by process ${owner.pid}`),
    );
    // The owner is unharmed.
    expect(await query(owner.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);
  });

  it('takes over a lock left behind by a process that died', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ajimi.lock'), '999999'); // no such pid
    const db = await startEmbeddedDatabase({ dataDir: dir });
    started.push(db);
    expect(fs.readFileSync(path.join(dir, 'ajimi.lock'), 'utf8')).toBe(String(db.pid));
  });

  it('serves several connections at once, keeping transactions apart', async () => {
    const db = await startEmbeddedDatabase({ dataDir: tempDir() });
    started.push(db);
    const pool = new pg.Pool({ connectionString: db.url, max: 8 });
    try {
      await pool.query('create table counter (n int)');
      const a = await pool.connect();
      await a.query('begin');
      await a.query('insert into counter values (1)');
      // Another connection does not see the open transaction's row…
      const outside = pool.query('select count(*)::int as c from counter');
      await a.query('rollback');
      a.release();
      expect((await outside).rows[0].c).toBe(0);
      // …and many concurrent parameterised queries (extended protocol) each get their own answer:
      // one client's Parse/Bind/Execute must never interleave with another's on the shared session.
      const n = 400;
      const results = await Promise.all(
        Array.from({ length: n }, (_, i) => pool.query(i % 2 ? 'select $1::int as i, $2::text as s from generate_series(1, 1 + $1::int % 50) g order by g desc limit 1' : 'select $2::text as s, $1::int as i from generate_series(1, 1 + $1::int % 50) g order by g limit 1', [i, `v${i}`])),
      );
      expect(results.map((r) => [r.rows[0].i, r.rows[0].s])).toEqual(Array.from({ length: n }, (_, i) => [i, `v${i}`]));
    } finally {
      await pool.end();
    }
  });

  it('lets in only a client with the data dir\'s password, and keeps that password across restarts', async () => {
    const dir = tempDir();
    const first = await startEmbeddedDatabase({ dataDir: dir });
    const url = new URL(first.url);
    expect(url.password).toMatch(/^[\w-]{32}$/);
    expect(fs.statSync(path.join(dir, 'ajimi-db-password')).mode & 0o777).toBe(0o600);
    await first.stop();
    const db = await startEmbeddedDatabase({ dataDir: dir, port: Number(url.port) });
    started.push(db);
    expect(db.url).toBe(first.url);
    expect(await query(db.url, 'select 1 as ok')).toEqual([{ ok: 1 }]);

    // Any user with the old fixed password, a guess, or none at all is refused before PGlite sees it.
    for (const [user, password] of [['postgres', 'postgres'], ['admin', 'x'], ['postgres', '']]) {
      const wrong = new URL(db.url);
      wrong.username = user!;
      wrong.password = password!;
      await expect(query(wrong.toString(), 'select 1')).rejects.toMatchObject({ code: '28P01' });
    }
    // A client speaking first (SSL request) and then the wrong password is refused too; the server carries on.
    const sslFirst = new URL(db.url);
    sslFirst.password = 'guess';
    sslFirst.searchParams.set('sslmode', 'prefer');
    await expect(query(sslFirst.toString(), 'select 1')).rejects.toThrow();
    expect(await query(db.url, 'select 2 as ok')).toEqual([{ ok: 2 }]);
  });

  it('vacuums and analyzes itself (PGlite has no autovacuum), never inside a client\'s transaction', async () => {
    const db = await startEmbeddedDatabase({ dataDir: tempDir(), vacuumMinutes: 0.002 }); // every 120 ms
    started.push(db);
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    const lastVacuum = async () =>
      (await pool.query<{ at: Date | null }>(`select last_vacuum as at from pg_stat_user_tables where relname = 'churn'`)).rows[0]?.at ?? null;
    try {
      await pool.query('create table churn (id int primary key, v text)');
      // A transaction held open across several intervals: VACUUM cannot run inside it, and must not try.
      const a = await pool.connect();
      await a.query('begin');
      await a.query(`insert into churn select g, 'x' from generate_series(1, 500) g`);
      await new Promise((r) => setTimeout(r, 600));
      await a.query('delete from churn where id > 250');
      await a.query('commit');
      a.release();
      const committedAt = new Date();
      await expect.poll(lastVacuum, { timeout: 10_000, interval: 100 }).not.toBeNull();
      expect((await lastVacuum())!.getTime()).toBeGreaterThanOrEqual(committedAt.getTime() - 1000);
      // The statistics come from ANALYZE: the planner knows the table's 250 rows.
      await expect
        .poll(async () => (await pool.query<{ n: number }>(`select reltuples::int as n from pg_class where relname = 'churn'`)).rows[0]?.n, { timeout: 10_000, interval: 100 })
        .toBe(250);
    } finally {
      await pool.end();
    }
  });

  it('shares a prepared statement between clients (one session behind them all), each with its own answers', async () => {
    const db = await startEmbeddedDatabase({ dataDir: tempDir(), vacuumMinutes: 0 });
    started.push(db);
    const knex = createKnex(db.url, { poolMax: 6 });
    try {
      await knex.raw('create table dish (id int primary key, name text)');
      await knex.raw(`insert into dish select g, 'dish ' || g from generate_series(1, 200) g`);
      const page = (from: number) => knex('dish').where('id', '>', from).orderBy('id').limit(3).select('id', 'name').options(PREPARED);
      // Many requests at once through six connections: each prepares the statement, or finds it prepared.
      const results = await Promise.all(Array.from({ length: 120 }, (_, i) => page(i)));
      expect(results.map((rows) => rows.map((r: { id: number }) => r.id))).toEqual(Array.from({ length: 120 }, (_, i) => [i + 1, i + 2, i + 3]));
      const statements = (await knex.raw(`select name, generic_plans + custom_plans as runs from pg_prepared_statements where name like 'ajimi_%'`)).rows as Array<{ name: string; runs: number }>;
      expect(statements).toHaveLength(1); // one statement in the session, not one per connection
      expect(statements[0]!.runs).toBe(120);
      // A schema change is seen by the prepared plan: Postgres re-plans it.
      await knex.raw('create index dish_name on dish (name)');
      expect((await page(10)).map((r: { id: number }) => r.id)).toEqual([11, 12, 13]);
    } finally {
      await knex.destroy();
    }
  });
});
