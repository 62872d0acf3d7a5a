import { authConfigSchema, type AuthConfig } from '@ajimi/core/domain/auth-config';
import { ApiError, apiRequest } from '../api/client';

/** GET /api/auth/config: whether this server signs people in with Clerk or with its own accounts. */
export async function fetchAuthConfig(signal?: AbortSignal): Promise<AuthConfig> {
  const parsed = authConfigSchema.safeParse(await apiRequest('/api/auth/config', { signal }));
  if (!parsed.success) throw new ApiError({ kind: 'bad_response', status: 200 });
  return parsed.data;
}
