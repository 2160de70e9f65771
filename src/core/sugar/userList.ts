/** An entry of a pick the user may also type past: a value and what it stands for. */
export interface Suggestion {
  label: string;
  description?: string;
}

import type { ApiRequest } from './client';

/** What sudo asks for the users list: enough to pick a user by name, no more, parsed whole (bounded). */
export function userListRequest(): ApiRequest {
  return { method: 'GET', path: '/Users', query: { fields: 'user_name,full_name', max_num: 200 }, wholeAnswerLimitBytes: 2_000_000 };
}

/** The users an admin session may act as: GET /Users answers `records` of user_name and full_name. */
export function usersFromAnswer(json: unknown, limit = 200): Suggestion[] {
  const records = (json as { records?: unknown } | undefined)?.records;
  if (!Array.isArray(records)) return [];
  const users: Suggestion[] = [];
  for (const record of records.slice(0, limit)) {
    const { user_name: userName, full_name: fullName } = (record ?? {}) as Record<string, unknown>;
    if (typeof userName !== 'string' || !userName.trim()) continue;
    users.push({ label: userName.slice(0, 200), description: typeof fullName === 'string' ? fullName.slice(0, 200) : undefined });
  }
  return users;
}
