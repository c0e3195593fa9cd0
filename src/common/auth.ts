import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from '../context.js';
import { UnauthenticatedError } from './errors.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** True when the Authorization header carries one of the configured bearer tokens (compared in constant time). */
export function hasWriteToken(authorization: string | undefined, tokens: readonly string[]): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return false;
  const given = digest(match[1]!);
  return tokens.some((token) => timingSafeEqual(digest(token), given));
}

/** Writes need credentials; without API_TOKENS configured, the server is read-only. */
export function requireWriter(context: Context): void {
  if (!context.canWrite) throw new UnauthenticatedError();
}
