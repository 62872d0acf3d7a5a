import { ApiError, apiRequest } from './client';
import type { Message, Room, User } from './types';

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
  return json.messages.filter(isMessage);
}
