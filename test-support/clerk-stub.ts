/**
 * A Clerk instance for tests, with no network: its own RSA key pair, the keys a Clerk dashboard
 * gives you, and session tokens signed exactly as Clerk signs them.
 *
 * - Publishable key: `pk_test_` + base64(`<frontend API host>$`)
 *   (https://clerk.com/docs/guides/development/clerk-environment-variables; parsed by
 *   @clerk/shared/keys parsePublishableKey).
 * - JWT public key: the PEM from Dashboard → API keys → "JWT public key", which is what
 *   CLERK_JWT_KEY holds (https://clerk.com/docs/guides/sessions/manual-jwt-verification).
 *   `jwtKeyOneLine` is that PEM the way env files and secret managers carry it: one line, literal `\n`.
 * - Session token, version 2 (https://clerk.com/docs/guides/sessions/session-tokens): header
 *   { alg: RS256, kid: ins_…, typ: JWT }; default claims azp (the Origin of the app that asked the
 *   Frontend API for it), exp (60 s lifetime), fva, iat, iss (the Frontend API URL), nbf (iat − 10 s
 *   clock skew), sid, sub, v: 2; then the custom claims of the instance's session-token template.
 */
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';

export interface ClerkIdentity {
  /** Clerk user id (`user_…`). */
  sub: string;
  email?: string | undefined;
  name?: string | undefined;
  /** public_metadata.role; undefined means the user has no role in metadata. */
  role?: string | undefined;
}

export interface ClerkStub {
  frontendApiHost: string;
  issuer: string;
  publishableKey: string;
  secretKey: string;
  /** The PEM with real newlines. */
  jwtKeyPem: string;
  /** The same PEM on one line with literal `\n`, as found in .env files. */
  jwtKeyOneLine: string;
  newIdentity(role?: string): ClerkIdentity;
  /**
   * A session token for `who`, minted for the app at `azp` (an origin), with the template claims
   * { email, name, metadata } the Ajimi server expects. `claims` overrides or removes (undefined) claims.
   */
  sessionToken(who: ClerkIdentity, options?: { azp?: string; claims?: Record<string, unknown>; key?: KeyObject; header?: Record<string, unknown> }): string;
  /** A key pair that is not this instance's (to sign forgeries). */
  otherPrivateKey: KeyObject;
}

const b64url = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function createClerkStub(options: { frontendApiHost?: string; defaultAzp: string }): ClerkStub {
  // A development instance's Frontend API lives at <slug>.clerk.accounts.dev; ClerkJS only uses the
  // dev browser (the __clerk_db_jwt cookie @clerk/backend requires of development instances) there.
  const frontendApiHost = options.frontendApiHost ?? 'ajimi-stub-00.clerk.accounts.dev';
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwtKeyPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const kid = `ins_${randomUUID().replace(/-/g, '').slice(0, 27)}`;
  const issuer = `https://${frontendApiHost}`;

  return {
    frontendApiHost,
    issuer,
    publishableKey: `pk_test_${Buffer.from(`${frontendApiHost}$`).toString('base64')}`,
    secretKey: `sk_test_${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '').slice(0, 10)}`,
    jwtKeyPem,
    jwtKeyOneLine: jwtKeyPem.trim().replace(/\n/g, '\\n'),
    otherPrivateKey: other.privateKey,
    newIdentity(role = 'learner') {
      const id = randomUUID().replace(/-/g, '').slice(0, 12);
      return { sub: `user_${id}`, email: `clerk-${id}@test.ajimi.local`, name: `Clerk ${id}`, role };
    },
    sessionToken(who, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        azp: opts.azp ?? options.defaultAzp,
        exp: now + 60,
        fva: [0, -1],
        iat: now,
        iss: issuer,
        nbf: now - 10,
        sid: `sess_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
        sub: who.sub,
        v: 2,
        // the session-token template (Dashboard → Sessions → Customize session token)
        email: who.email,
        name: who.name,
        metadata: who.role === undefined ? {} : { role: who.role },
        ...opts.claims,
      };
      for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
      const head = b64url({ alg: 'RS256', kid, typ: 'JWT', ...opts.header });
      const body = b64url(payload);
      const signature = sign('sha256', Buffer.from(`${head}.${body}`), opts.key ?? keys.privateKey).toString('base64url');
      return `${head}.${body}.${signature}`;
    },
  };
}
