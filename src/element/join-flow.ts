import {OmError} from '../client/errors.js';
import {freshHash} from '../client/join.js';
import {OmClient, roomUrl} from '../client/openmeetings.js';
import {tokenJoin} from '../client/token.js';
import type {JoinConfig} from './config.js';

type Fetch = typeof globalThis.fetch | undefined;

/**
 * A fresh room URL for one activation: from the site's token endpoint, or in same-origin mode
 * from a hash on a new SID, the page's spare one when there is one. Never cached, since a hash
 * is good for one visit (protocol §7).
 */
export async function roomUrlFor(
  config: JoinConfig,
  language: number | undefined,
  fetch: Fetch,
): Promise<string> {
  if (config.mode === 'token') {
    const {endpoint, baseUrl, room, firstname, lastname} = config;
    const request = {...room, language, firstname, lastname};

    return tokenJoin({endpoint, baseUrl, request, fetch});
  }

  const client = new OmClient({baseUrl: config.baseUrl, fetch});
  const spare = client.takeSpareLogin(config.account);
  const hash = await freshHash(client, config.account, config.user, config.options, await spare);

  return roomUrl(config.baseUrl, hash, language);
}

/** Same-origin mode: one login ahead of a join that the visitor shows intent for (#8). */
export function prepareJoin(config: JoinConfig, fetch: Fetch): void {
  if (config.mode === 'same-origin')
    new OmClient({baseUrl: config.baseUrl, fetch}).spareLogin(config.account);
}

/** Any failure as an OmError, so the error event always carries one. */
export function asOmError(error: unknown): OmError {
  if (error instanceof OmError) return error;
  const reason = error instanceof Error ? error.message : String(error);

  return new OmError('bad-response', `Joining failed unexpectedly: ${reason}`, {
    step: 'open',
    cause: error,
  });
}
