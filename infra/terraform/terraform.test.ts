/**
 * The Terraform cannot be applied here; what can be checked is checked on its parsed HCL
 * (HashiCorp's HCL parser compiled to WASM: @cdktf/hcl2json): the app's own loadConfig accepts
 * each container's environment in production, every secret referenced exists and is granted,
 * and the ports, health paths and commands are the app's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { API_HEALTH_LIVE_PATH } from '../../api/src/routes/health-paths';
import { loadConfig } from '../../core/src/config';
import { WORKER_HEALTH_PATH } from '../../jobs/src/health-server';

const dir = import.meta.dirname;
const root = path.resolve(dir, '../..');
type Block = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface EnvEntry {
  name: string;
  value?: string;
  secret?: string;
  optional: boolean;
}
interface Container {
  role: string;
  serviceAccount: string;
  container: Block;
  env: EnvEntry[];
}

let tf: { resource: Record<string, Record<string, Block>>; locals: Block; variable: Block };
let containers: Container[];

const SECRET_REF = /google_secret_manager_secret\.app\["(\w+)"\]/;

function envOf(entry: Block, optional: boolean): EnvEntry {
  const ref = entry.value_source?.[0]?.secret_key_ref?.[0];
  if (ref) {
    const secret = SECRET_REF.exec(ref.secret)?.[1];
    if (!secret) throw new Error(`${entry.name}: secret reference ${ref.secret} is not a google_secret_manager_secret.app key`);
    expect(ref.version, `${entry.name} pins no version`).toBe('latest');
    return { name: entry.name, secret, optional };
  }
  return { name: entry.name, value: String(entry.value), optional };
}

function containerOf(role: string, template: Block): Container {
  const container = template.containers[0] as Block;
  const env = [
    ...((container.env ?? []) as Block[]).map((e) => envOf(e, false)),
    ...((container.dynamic?.env ?? []) as Block[]).map((d) => envOf(d.content[0], true)),
  ];
  return { role, serviceAccount: template.service_account, container, env };
}

/** A value as Terraform would give it, interpolations replaced by plausible stand-ins. */
function materialise(entry: EnvEntry): string {
  if (entry.name === 'PUBLIC_URL') return 'https://ajimi.example.com';
  if (entry.secret === 'DATABASE_URL') return String(tf.locals.database_url).replace(/\$\{[^}]*\}/g, 'x');
  if (entry.secret === 'SESSION_SECRET') return 's'.repeat(48);
  if (entry.secret) return `${entry.secret.toLowerCase()}-value`;
  return (entry.value as string).replace(/\$\{[^}]*\}/g, '1');
}

beforeAll(async () => {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tf'));
  tf = { resource: {}, locals: {}, variable: {} };
  for (const file of files) {
    const parsed = (await parse(file, fs.readFileSync(path.join(dir, file), 'utf8'))) as Block;
    for (const [type, byName] of Object.entries((parsed.resource ?? {}) as Record<string, Block>)) {
      tf.resource[type] = { ...tf.resource[type], ...Object.fromEntries(Object.entries(byName).map(([n, v]) => [n, (v as Block[])[0] as Block])) };
    }
    for (const locals of (parsed.locals ?? []) as Block[]) Object.assign(tf.locals, locals);
    Object.assign(tf.variable, parsed.variable ?? {});
  }
  const services = tf.resource.google_cloud_run_v2_service ?? {};
  const jobs = tf.resource.google_cloud_run_v2_job ?? {};
  containers = [
    containerOf('api', services.api?.template[0]),
    containerOf('worker', services.worker?.template[0]),
    containerOf('migrate', jobs.migrate?.template[0].template[0]),
  ];
});

describe('infra/terraform', () => {
  it('has the seed deployment: Cloud Run API and workers, the migration job, Cloud SQL Postgres, a bucket, secrets, a registry', () => {
    expect(Object.keys(tf.resource.google_cloud_run_v2_service ?? {}).sort()).toEqual(['api', 'worker']);
    expect(Object.keys(tf.resource.google_cloud_run_v2_job ?? {})).toEqual(['migrate']);
    expect(tf.resource.google_sql_database_instance?.main?.database_version).toMatch(/^POSTGRES_1[5-9]$/);
    expect(tf.resource.google_artifact_registry_repository?.images?.format).toBe('DOCKER');
    expect(tf.resource.google_storage_bucket?.media?.public_access_prevention).toBe('enforced');
    expect(tf.resource.google_secret_manager_secret?.app?.for_each).toBe('${toset(local.secret_names)}');
    const worker = tf.resource.google_cloud_run_v2_service?.worker?.template[0];
    expect(worker.scaling[0].min_instance_count).toBe('${var.worker_min_instances}');
    expect(worker.containers[0].resources[0].cpu_idle).toBe(false); // CPU while no request is running
  });

  it("the app's loadConfig accepts every container's environment in production (optional secrets on and off)", () => {
    for (const c of containers) {
      for (const withOptional of [false, true]) {
        const env = Object.fromEntries(c.env.filter((e) => withOptional || !e.optional).map((e) => [e.name, materialise(e)]));
        const config = loadConfig(env);
        expect(config.isProduction, c.role).toBe(true);
        expect(config.demo.enabled, c.role).toBe(false);
        expect(config.databaseUrl, c.role).toBeDefined();
        expect(config.session.secret, c.role).toBeDefined();
        if (c.role !== 'migrate') {
          expect(config.storage.driver, c.role).toBe('gcs');
          expect(config.publicUrl, c.role).toBe('https://ajimi.example.com');
        }
        if (withOptional && c.role !== 'migrate') expect(config.gemini, c.role).toBeDefined();
      }
    }
  });

  it('sets only variables the app documents, never the PORT Cloud Run reserves', () => {
    const documented = new Set([...fs.readFileSync(path.join(root, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    for (const c of containers) {
      const names = c.env.map((e) => e.name);
      expect(new Set(names).size, `${c.role} sets a variable twice`).toBe(names.length);
      for (const name of names) expect(documented.has(name), `${c.role}: ${name} is not in .env.example`).toBe(true);
      expect(names, c.role).not.toContain('PORT');
    }
  });

  it('every secret referenced exists, and only the role that reads it may access it', () => {
    const names = tf.locals.secret_names as string[];
    const access = tf.locals.secret_access as Record<string, string[]>;
    const used = new Set<string>();
    for (const c of containers) {
      expect(c.serviceAccount).toBe(`\${google_service_account.run["${c.role}"].email}`);
      for (const e of c.env.filter((x) => x.secret)) {
        expect(names, `${c.role}: ${e.name}`).toContain(e.secret);
        expect(access[c.role], `${c.role} reads ${e.secret} without access`).toContain(e.secret);
        used.add(e.secret as string);
      }
      // Granted but not read would be more than least privilege.
      expect([...(access[c.role] ?? [])].sort(), c.role).toEqual([...new Set(c.env.filter((x) => x.secret).map((x) => x.secret))].sort());
    }
    expect([...used].sort()).toEqual([...names].sort());
    const versions = Object.values(tf.resource.google_secret_manager_secret_version ?? {}).map((v) => SECRET_REF.exec(v.secret)?.[1]);
    const optional = containers.flatMap((c) => c.env.filter((e) => e.optional).map((e) => e.secret));
    // A required secret without a generated version would stop the rollout; optional ones are added by hand.
    for (const name of names) expect(versions.includes(name) || optional.includes(name), name).toBe(true);
    const projectRoles = Object.values(tf.resource.google_project_iam_member ?? {}).map((m) => m.role);
    expect(projectRoles).toEqual(['roles/cloudsql.client']);
  });

  it('DATABASE_URL reaches Cloud SQL through the connector socket the containers mount', () => {
    const url = String(tf.locals.database_url).replace(/\$\{[^}]*\}/g, 'x');
    expect(new pg.Client({ connectionString: url }).host).toBe('/cloudsql/x');
    for (const c of containers) {
      expect(c.container.volume_mounts[0]).toEqual({ name: 'cloudsql', mount_path: '/cloudsql' });
    }
  });

  it("ports, health paths and commands are the app's", () => {
    const compose = parseYaml(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { command: string[] }>;
    };
    const byRole = Object.fromEntries(containers.map((c) => [c.role, c]));
    const api = byRole.api as Container;
    const worker = byRole.worker as Container;
    const apiPort = api.container.ports[0].container_port;
    for (const probe of ['startup_probe', 'liveness_probe']) {
      expect(api.container[probe][0].http_get[0]).toEqual({ path: API_HEALTH_LIVE_PATH, port: apiPort });
      expect(worker.container[probe][0].http_get[0]).toEqual({ path: WORKER_HEALTH_PATH, port: worker.container.ports[0].container_port });
    }
    expect(Number(worker.env.find((e) => e.name === 'WORKER_HEALTH_PORT')?.value)).toBe(worker.container.ports[0].container_port);
    for (const c of containers) expect([...c.container.command, ...(c.container.args ?? [])], c.role).toEqual(compose.services[c.role]?.command);
  });

  it('the bucket drops abandoned tus parts and never a stored session object', () => {
    const rules = tf.resource.google_storage_bucket?.media?.lifecycle_rule as Block[];
    const tus = rules.find((r) => r.action[0].type === 'Delete' && r.condition[0].matches_prefix);
    expect(tus).toBeDefined();
    const prefixes = tus?.condition[0].matches_prefix as string[];
    // tus part names: "<user uuid>_<uuid>" (api/src/routes/uploads.ts namingFunction).
    const part = `${crypto.randomUUID()}_${crypto.randomUUID()}`;
    expect(prefixes.some((p) => part.startsWith(p))).toBe(true);
    expect(prefixes.some((p) => 'sessions/'.startsWith(p) || p.startsWith('sessions'))).toBe(false);
    for (const rule of rules.filter((r) => r.action[0].type === 'Delete' && r !== tus)) {
      expect(Object.keys(rule.condition[0]), 'an age-only Delete would remove delivered videos').not.toEqual(['age']);
    }
  });
});
