/**
 * A loopback stand-in for a Clerk development instance's Frontend API (FAPI), for browser tests:
 * what ClerkJS (loaded by @clerk/react) asks for on page load, sign-in with email + password,
 * session tokens and sign-out. Responses follow the JSON shapes in @clerk/shared's types
 * (EnvironmentJSON, ClientJSON, SessionJSON, SignInJSON, TokenJSON) and FAPI's envelope
 * `{ response, client }` (https://clerk.com/docs/reference/frontend-api; a form-based API: bodies are
 * application/x-www-form-urlencoded, PATCH/DELETE go as POST with `_method`). A development instance's
 * FAPI lives at `<slug>.clerk.accounts.dev` and uses a dev browser token instead of third-party
 * cookies (https://clerk.com/docs/guides/how-clerk-works/overview). Requests it does not
 * implement are answered 404 and recorded, so a test can assert that ClerkJS needed nothing else.
 *
 * ClerkJS and Clerk's UI bundle are served from the npm packages @clerk/clerk-js and @clerk/ui, at
 * the paths @clerk/shared/loadClerkJsScript asks the Frontend API host for
 * (`/npm/@clerk/clerk-js@<major>/dist/clerk.browser.js`, `/npm/@clerk/ui@<major>/dist/ui.browser.js`).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ClerkIdentity, ClerkStub } from './clerk-stub';

export interface FapiAnswer {
  status: number;
  contentType: string;
  body: string | Buffer;
}

export interface FapiUser {
  identity: ClerkIdentity;
  password: string;
}

const require = createRequire(import.meta.url);
const now = () => Date.now();
const id = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 27)}`;

/** The package's dist/ folder (its exports do not include package.json, so look in node_modules). */
function packageDist(name: string): string {
  const dir = (require.resolve.paths(name) ?? []).map((p) => path.join(p, name)).find((p) => fs.existsSync(path.join(p, 'package.json')));
  if (!dir) throw new Error(`${name} is not installed (npm install)`);
  return path.join(dir, 'dist');
}

// https://clerk.com/docs/reference/frontend-api — every resource call answers { response, client }.
const envelope = (response: unknown, client: unknown) => ({ response, client });

export function createClerkFrontendApiStub(clerk: ClerkStub, options: { appOrigin: string; users: FapiUser[] }) {
  const unknown: string[] = [];
  const seen: string[] = [];
  const clientId = id('client');
  let sessions: { id: string; user: FapiUser }[] = [];
  let signIn: Record<string, unknown> | null = null;

  const userJson = (u: FapiUser) => {
    const emailId = id('idn');
    const [first, ...rest] = (u.identity.name ?? '').split(' ');
    return {
      object: 'user',
      id: u.identity.sub,
      external_id: null,
      primary_email_address_id: emailId,
      primary_phone_number_id: null,
      primary_web3_wallet_id: null,
      image_url: '',
      has_image: false,
      username: null,
      email_addresses: [
        {
          object: 'email_address',
          id: emailId,
          email_address: u.identity.email,
          verification: { object: 'verification_email_code', status: 'verified', strategy: 'email_code', attempts: 1, expire_at: null },
          linked_to: [],
          matches_sso_connection: false,
        },
      ],
      phone_numbers: [],
      web3_wallets: [],
      external_accounts: [],
      enterprise_accounts: [],
      passkeys: [],
      organization_memberships: [],
      password_enabled: true,
      profile_image_id: '',
      first_name: first || null,
      last_name: rest.join(' ') || null,
      totp_enabled: false,
      backup_code_enabled: false,
      two_factor_enabled: false,
      public_metadata: u.identity.role === undefined ? {} : { role: u.identity.role },
      unsafe_metadata: {},
      last_sign_in_at: now(),
      create_organization_enabled: false,
      create_organizations_limit: null,
      delete_self_enabled: false,
      legal_accepted_at: null,
      timezone: null,
      created_at: now() - 86_400_000,
      updated_at: now(),
    };
  };

  const sessionJson = (s: { id: string; user: FapiUser }) => ({
    object: 'session',
    id: s.id,
    status: 'active',
    factor_verification_age: [0, -1],
    expire_at: now() + 7 * 86_400_000,
    abandon_at: now() + 30 * 86_400_000,
    last_active_at: now(),
    // A session token for the app's origin (azp), signed with the instance key, as Clerk mints it.
    last_active_token: { object: 'token', jwt: clerk.sessionToken(s.user.identity, { azp: options.appOrigin, claims: { sid: s.id } }) },
    last_active_organization_id: null,
    actor: null,
    tasks: null,
    user: userJson(s.user),
    public_user_data: { first_name: null, last_name: null, image_url: '', has_image: false, identifier: s.user.identity.email ?? '' },
    created_at: now(),
    updated_at: now(),
  });

  const clientJson = () => ({
    object: 'client',
    id: clientId,
    sessions: sessions.map(sessionJson),
    sign_in: signIn,
    sign_up: null,
    last_active_session_id: sessions.at(-1)?.id ?? null,
    last_authentication_strategy: sessions.length ? 'password' : null,
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: now() - 60_000,
    updated_at: now(),
  });

  const attribute = (enabled: boolean, firstFactor: boolean, verifications: string[] = []) => ({
    enabled,
    required: enabled && firstFactor,
    verifications,
    used_for_first_factor: firstFactor,
    first_factors: firstFactor ? verifications : [],
    used_for_second_factor: false,
    second_factors: [],
    verify_at_sign_up: verifications.length > 0,
  });

  const environmentJson = () => ({
    object: 'environment',
    id: 'env_stub',
    auth_config: { object: 'auth_config', id: 'aac_stub', single_session_mode: true, claimed_at: null, reverification: false },
    display_config: {
      object: 'display_config',
      id: 'display_config_stub',
      after_sign_in_url: options.appOrigin,
      after_sign_out_all_url: options.appOrigin,
      after_sign_out_one_url: options.appOrigin,
      after_sign_up_url: options.appOrigin,
      after_switch_session_url: options.appOrigin,
      application_name: 'Ajimi (stub)',
      branded: false,
      captcha_public_key: null,
      captcha_widget_type: null,
      captcha_public_key_invisible: null,
      captcha_provider: 'turnstile',
      captcha_oauth_bypass: null,
      home_url: options.appOrigin,
      instance_environment_type: 'development',
      logo_image_url: '',
      favicon_image_url: '',
      preferred_sign_in_strategy: 'password',
      sign_in_url: `${clerk.issuer}/sign-in`,
      sign_up_url: `${clerk.issuer}/sign-up`,
      support_email: '',
      theme: { buttons: { font_color: '#ffffff', font_family: 'sans-serif', font_weight: '600' }, general: { color: '#6c47ff', background_color: '#ffffff', font_color: '#151515', font_family: 'sans-serif', label_font_weight: '600', padding: '1em', border_radius: '0.5em', box_shadow: 'none' }, accounts: { background_color: '#ffffff' } },
      user_profile_url: `${clerk.issuer}/user`,
      organization_profile_url: `${clerk.issuer}/organization`,
      create_organization_url: `${clerk.issuer}/create-organization`,
      after_leave_organization_url: options.appOrigin,
      after_create_organization_url: options.appOrigin,
      show_devmode_warning: false,
      terms_url: '',
      privacy_policy_url: '',
      waitlist_url: '',
      after_join_waitlist_url: '',
    },
    user_settings: {
      attributes: {
        email_address: attribute(true, true, ['email_code']),
        phone_number: attribute(false, false),
        username: attribute(false, false),
        web3_wallet: attribute(false, false),
        first_name: attribute(false, false),
        last_name: attribute(false, false),
        password: { ...attribute(true, false), required: true },
        authenticator_app: attribute(false, false),
        backup_code: attribute(false, false),
        passkey: attribute(false, false),
      },
      actions: { delete_self: false, create_organization: false },
      social: {},
      enterprise_sso: { enabled: false, self_serve_directory_sync: false },
      sign_in: { second_factor: { required: false, enabled: false } },
      sign_up: { allowlist_only: false, progressive: true, captcha_enabled: false, mode: 'restricted', legal_consent_enabled: false },
      password_settings: { allowed_special_characters: '', disable_hibp: true, min_length: 8, max_length: 72, require_special_char: false, require_numbers: false, require_uppercase: false, require_lowercase: false, show_zxcvbn: false, min_zxcvbn_strength: 0 },
      passkey_settings: { allow_autofill: false, show_sign_in_button: false },
      username_settings: { min_length: 4, max_length: 64 },
      attack_protection: { enumeration_protection: { enabled: false } },
    },
    organization_settings: { enabled: false, max_allowed_memberships: 0, force_organization_selection: false, actions: { admin_delete: false }, domains: { enabled: false, enrollment_modes: [], default_role: null }, slug: { disabled: true }, organization_creation_defaults: { enabled: false } },
    commerce_settings: { billing: { stripe_publishable_key: null, organization: { enabled: false, has_paid_plans: false }, user: { enabled: false, has_paid_plans: false } } },
    api_keys_settings: { user_api_keys_enabled: false, orgs_api_keys_enabled: false },
    protect_config: { object: 'protect_config', id: 'protect_stub' },
    maintenance_mode: false,
  });

  const json = (status: number, value: unknown): FapiAnswer => ({ status, contentType: 'application/json', body: JSON.stringify(value) });
  // https://clerk.com/docs/guides/development/custom-flows/error-handling — FAPI errors are { errors: [{ code, message, long_message }] }.
  const error = (status: number, code: string, message: string) => json(status, { errors: [{ code, message, long_message: message, meta: {} }] });

  function startSignIn(form: URLSearchParams): FapiAnswer {
    const identifier = (form.get('identifier') ?? '').trim().toLowerCase();
    const user = options.users.find((u) => u.identity.email?.toLowerCase() === identifier);
    if (!user) return error(422, 'form_identifier_not_found', "Couldn't find your account.");
    signIn = {
      object: 'sign_in',
      id: id('sia'),
      status: 'needs_first_factor',
      supported_identifiers: ['email_address'],
      identifier: user.identity.email,
      supported_first_factors: [{ strategy: 'password' }],
      supported_second_factors: null,
      first_factor_verification: null,
      second_factor_verification: null,
      user_data: { first_name: null, last_name: null, image_url: '', has_image: false },
      created_session_id: null,
      abandon_at: now() + 86_400_000,
    };
    if (form.get('password')) return attemptPassword(form);
    return json(200, envelope(signIn, clientJson()));
  }

  function attemptPassword(form: URLSearchParams): FapiAnswer {
    if (!signIn) return error(404, 'resource_not_found', 'No sign-in in progress.');
    const user = options.users.find((u) => u.identity.email === signIn!.identifier);
    if (!user || form.get('password') !== user.password) return error(422, 'form_password_incorrect', 'Password is incorrect. Try again, or use another method.');
    const session = { id: id('sess'), user };
    sessions = [session];
    signIn = { ...signIn, status: 'complete', created_session_id: session.id, first_factor_verification: { object: 'verification_password', status: 'verified', strategy: 'password', attempts: 1, expire_at: null } };
    const answer = json(200, envelope(signIn, clientJson()));
    signIn = null;
    return answer;
  }

  /** Answers one request to the Frontend API host. */
  function handle(method: string, url: URL, body: string | undefined): FapiAnswer {
    const form = new URLSearchParams(body ?? '');
    const verb = (url.searchParams.get('_method') ?? form.get('_method') ?? method).toUpperCase();
    const route = `${verb} ${url.pathname}`;
    seen.push(route);

    const script = /^\/npm\/@clerk\/(clerk-js|ui)@[^/]+\/dist\/([\w.-]+\.js)$/.exec(url.pathname);
    if (method === 'GET' && script) {
      const file = path.join(packageDist(`@clerk/${script[1]}`), script[2]!);
      if (!fs.existsSync(file)) return error(404, 'resource_not_found', 'no such file');
      return { status: 200, contentType: 'application/javascript', body: fs.readFileSync(file) };
    }
    // GET /v1/environment; ClerkJS also PATCHes it (POST ?_method=PATCH) to report its origin.
    if (url.pathname === '/v1/environment' && (verb === 'GET' || verb === 'PATCH')) return json(200, environmentJson());
    // Development instances: the dev browser that stands in for a third-party cookie.
    // ClerkJS keeps `id` as the dev browser token (cookie __clerk_db_jwt, and ?__clerk_db_jwt= on every FAPI call).
    if (url.pathname === '/v1/dev_browser' && verb === 'POST') return json(200, { object: 'dev_browser', id: `dvb_${randomUUID().replace(/-/g, '')}` });
    // The Client: this browser's sessions and sign-in in progress (https://clerk.com/docs/reference/clerkjs/client).
    if (url.pathname === '/v1/client' && verb === 'GET') return json(200, envelope(clientJson(), null));
    if (url.pathname === '/v1/client' && (verb === 'PUT' || verb === 'POST')) return json(200, envelope(clientJson(), null));
    if (url.pathname === '/v1/client' && verb === 'DELETE') {
      sessions = [];
      signIn = null;
      return json(200, envelope({ ...clientJson(), id: clientId }, null));
    }
    // Clerk.signOut() without a session id: end every session of this client.
    if (url.pathname === '/v1/client/sessions' && verb === 'DELETE') {
      sessions = [];
      return json(200, envelope(clientJson(), clientJson()));
    }
    // Sign-in: create with the identifier (and the password when given), then attempt the first factor;
    // `complete` carries created_session_id (https://clerk.com/docs/reference/clerkjs/signin).
    if (url.pathname === '/v1/client/sign_ins' && verb === 'POST') return startSignIn(form);
    if (/^\/v1\/client\/sign_ins\/[^/]+\/attempt_first_factor$/.test(url.pathname) && verb === 'POST') {
      if (form.get('strategy') !== 'password') return error(422, 'strategy_for_user_invalid', 'Only password sign-in is set up.');
      return attemptPassword(form);
    }
    // Session: tokens (the short-lived session token, https://clerk.com/docs/guides/sessions/session-tokens),
    // touch (setActive), remove/end (sign-out of one session).
    const sessionRoute = /^\/v1\/client\/sessions\/([^/]+)\/(tokens|touch|remove|end)$/.exec(url.pathname);
    if (sessionRoute && verb === 'POST') {
      const session = sessions.find((s) => s.id === sessionRoute[1]);
      if (!session) return error(404, 'resource_not_found', 'Session not found.');
      if (sessionRoute[2] === 'tokens') return json(200, sessionJson(session).last_active_token);
      if (sessionRoute[2] === 'touch') return json(200, envelope(sessionJson(session), clientJson()));
      const ended = { ...sessionJson(session), status: sessionRoute[2] === 'remove' ? 'removed' : 'ended' };
      sessions = sessions.filter((s) => s !== session);
      return json(200, envelope(ended, clientJson()));
    }
    unknown.push(route);
    return error(404, 'resource_not_found', `The stub does not implement ${route}.`);
  }

  return {
    handle,
    /** Routes answered 404 because the stub does not implement them. */
    unknown,
    /** Every route asked, in order. */
    seen,
    /** Start with this user already signed in (as after a sign-in on another visit). */
    signInAs(user: FapiUser) {
      sessions = [{ id: id('sess'), user }];
    },
    get signedIn() {
      return sessions.length > 0;
    },
  };
}
