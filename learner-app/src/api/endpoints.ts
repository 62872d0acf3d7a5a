import { ApiError, apiRequest } from './client';
import type { CookingSession, Dish, DishHistory, Message, Profile, Room, SelfRatingKey, User } from './types';

// Light runtime checks: a malformed answer becomes a clear error instead of a blank screen.

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isUser(value: unknown): value is User {
  return isObject(value) && typeof value.id === 'string' && typeof value.email === 'string';
}

function isRoom(value: unknown): value is Room {
  return isObject(value) && typeof value.id === 'string' && typeof value.kind === 'string';
}

function isMessage(value: unknown): value is Message {
  return isObject(value) && typeof value.id === 'string' && typeof value.body === 'string';
}

/** Fills what older servers or odd rows may leave out, so rendering never trips on a missing field. */
export function normalizeMessage(value: Message): Message {
  return {
    ...value,
    payload: isObject(value.payload) ? value.payload : {},
    sessionId: typeof value.sessionId === 'string' ? value.sessionId : null,
  };
}

function badResponse(): ApiError {
  return new ApiError({ kind: 'bad_response', status: 200 });
}

function readUser(json: unknown): User {
  if (!isObject(json) || !isUser(json.user)) throw badResponse();
  const user = json.user;
  return { ...user, name: typeof user.name === 'string' && user.name ? user.name : user.email };
}

export async function login(email: string, password: string): Promise<User> {
  return readUser(await apiRequest('/api/auth/login', { method: 'POST', body: { email, password } }));
}

/** Changes the signed-in user's password; their other sessions end. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiRequest('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
}

export async function logout(): Promise<void> {
  await apiRequest('/api/auth/logout', { method: 'POST' });
}

/** The signed-in user, or null when there is no session (401). */
export async function fetchMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return readUser(await apiRequest('/api/auth/me', { signal }));
  } catch (err) {
    if (err instanceof ApiError && err.isUnauthorized) return null;
    throw err;
  }
}

export async function fetchRooms(signal?: AbortSignal): Promise<Room[]> {
  const json = await apiRequest('/api/rooms', { signal });
  if (!isObject(json) || !Array.isArray(json.rooms)) throw badResponse();
  return json.rooms.filter(isRoom).map((room) => ({
    ...room,
    unread: typeof room.unread === 'number' && room.unread > 0 ? room.unread : 0,
    lastMessageAt: typeof room.lastMessageAt === 'string' ? room.lastMessageAt : null,
    lastMessagePreview: typeof room.lastMessagePreview === 'string' ? room.lastMessagePreview : null,
  }));
}

export async function fetchRoomMessages(roomId: string, signal?: AbortSignal): Promise<Message[]> {
  const json = await apiRequest(`/api/rooms/${encodeURIComponent(roomId)}/messages`, { signal });
  if (!isObject(json) || !Array.isArray(json.messages)) throw badResponse();
  return json.messages.filter(isMessage).map(normalizeMessage);
}

export async function postRoomMessage(roomId: string, body: string, sessionId?: string): Promise<Message> {
  const json = await apiRequest(`/api/rooms/${encodeURIComponent(roomId)}/messages`, {
    method: 'POST',
    body: sessionId ? { body, sessionId } : { body },
  });
  if (!isObject(json) || !isMessage(json.message)) throw badResponse();
  return normalizeMessage(json.message);
}

export async function markRoomRead(roomId: string): Promise<void> {
  await apiRequest(`/api/rooms/${encodeURIComponent(roomId)}/read`, { method: 'POST', body: {} });
}

export async function fetchProfile(signal?: AbortSignal): Promise<Profile> {
  const json = await apiRequest('/api/profile', { signal });
  if (!isObject(json) || !isObject(json.profile)) throw badResponse();
  return json.profile as unknown as Profile;
}

export async function saveProfile(input: { name: string; locale: 'ja' | 'en'; dishSlugs: string[] }): Promise<Profile> {
  const json = await apiRequest('/api/profile', { method: 'PUT', body: input });
  if (!isObject(json) || !isObject(json.profile)) throw badResponse();
  return json.profile as unknown as Profile;
}

export async function fetchDishes(signal?: AbortSignal): Promise<Dish[]> {
  const json = await apiRequest('/api/dishes', { signal });
  if (!isObject(json) || !Array.isArray(json.dishes)) throw badResponse();
  return json.dishes as Dish[];
}

export async function fetchDishHistory(slug: string, signal?: AbortSignal): Promise<DishHistory> {
  const json = await apiRequest(`/api/dishes/${encodeURIComponent(slug)}/history`, { signal });
  if (!isObject(json) || !Array.isArray(json.sessions)) throw badResponse();
  return json as unknown as DishHistory;
}

export async function fetchSessions(signal?: AbortSignal): Promise<CookingSession[]> {
  const json = await apiRequest('/api/sessions', { signal });
  if (!isObject(json) || !Array.isArray(json.sessions)) throw badResponse();
  return json.sessions as CookingSession[];
}

export async function createSession(input: {
  dishSlug: string;
  note?: string;
  selfRatings?: Partial<Record<SelfRatingKey, number>>;
}): Promise<CookingSession> {
  const json = await apiRequest('/api/sessions', { method: 'POST', body: input });
  if (!isObject(json) || !isObject(json.session)) throw badResponse();
  return json.session as unknown as CookingSession;
}

export async function cancelSession(sessionId: string): Promise<void> {
  await apiRequest(`/api/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' });
}

export async function fetchPushPublicKey(): Promise<string> {
  const json = await apiRequest('/api/push/public-key');
  if (!isObject(json) || typeof json.publicKey !== 'string') throw badResponse();
  return json.publicKey;
}

export async function savePushSubscription(subscription: PushSubscriptionJSON): Promise<void> {
  const { endpoint, expirationTime, keys } = subscription;
  await apiRequest('/api/push/subscriptions', { method: 'POST', body: { endpoint, expirationTime: expirationTime ?? null, keys } });
}

export async function deletePushSubscription(endpoint: string): Promise<void> {
  await apiRequest('/api/push/subscriptions', { method: 'DELETE', body: { endpoint } });
}
