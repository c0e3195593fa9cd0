import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';

/** What the server answers: data, and the errors with their `extensions.code` (README, "The API in short"). */
export interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

export interface RequestOptions {
  /** Sent as `Authorization` (a bearer token, for the mutations). */
  authorization?: string;
  /**
   * Automatic persisted queries: send the operation's SHA-256 hash alone, and the full text only when the server
   * answers PERSISTED_QUERY_NOT_FOUND (its first sight of the operation, or after its cache let it go).
   */
  persisted?: boolean;
}

/**
 * Runs a typed client operation (client/generated) against the GraphQL endpoint `url` with `fetch`, in a browser
 * or in Node. The result is typed by the document, so reading a field the operation does not select fails the
 * typecheck.
 */
export async function request<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables?: TVariables,
  options: RequestOptions = {},
): Promise<GraphQLResponse<TResult>> {
  const query = print(document);
  if (!options.persisted) return post(url, { query, variables }, options);
  const extensions = { persistedQuery: { version: 1, sha256Hash: await sha256(query) } };
  const byHash = await post<TResult>(url, { variables, extensions }, options);
  if (!byHash.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) return byHash;
  return post(url, { query, variables, extensions }, options);
}

async function post<TResult>(url: string, body: object, { authorization }: RequestOptions): Promise<GraphQLResponse<TResult>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return (await response.json()) as GraphQLResponse<TResult>;
}

/** The lowercase hex SHA-256 of the text's UTF-8 bytes, as APQ names an operation (Web Crypto: browsers and Node 20). */
export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
