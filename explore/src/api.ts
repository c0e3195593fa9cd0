import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { request } from '../../client/request';

/** A GraphQL error as the views show it: the server's message and its code (README, "Errors"). */
export class ApiError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

/**
 * Runs one of the typed client operations (client/operations) against this server, as automatic persisted
 * queries: after the first use of an operation only its hash travels. Any GraphQL error fails the call.
 */
export async function call<TResult, TVariables>(document: TypedDocumentNode<TResult, TVariables>, variables: TVariables): Promise<TResult> {
  let response;
  try {
    response = await request('/graphql', document, variables, { persisted: true });
  } catch {
    throw new ApiError('The server does not answer: is it running?', 'NETWORK');
  }
  const [error] = response.errors ?? [];
  if (error) throw new ApiError(error.message, String(error.extensions?.code ?? 'ERROR'));
  if (!response.data) throw new ApiError('The server sent no data.', 'NO_DATA');
  return response.data;
}
