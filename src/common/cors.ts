import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Which browser origins may call the API (CORS_ORIGINS): none by default, `*` for any, or exactly the listed
 * origins. Allowed origins get their preflight answered with the headers our clients send; any other origin gets
 * no CORS header at all, so its browser refuses to hand it the response. Apollo's CSRF prevention stays on: it
 * only accepts requests a browser must preflight, and now allowed origins can pass that preflight.
 */
export function corsFor(origins: readonly string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  const any = origins.includes('*');
  return cors({
    origin: (origin, callback) => callback(null, any ? '*' : origin !== undefined && origins.includes(origin) ? origin : false),
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
}
