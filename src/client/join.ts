import {OmError} from './errors.js';
import {OmClient, type Credentials, type ExternalUser, type RoomOptions} from './openmeetings.js';

/**
 * Logs in and asks for one hash on that fresh SID.
 *
 * A fresh login per hash: the visitor's identity lives on the SID and redeeming a hash re-binds
 * it (protocol §6), so a SID is never used for a second hash. After `error.notallowed` it logs in
 * once more, because the SID may have expired between the two calls; a second refusal means the
 * account lacks the SOAP right.
 */
export async function freshHash(
  client: OmClient,
  account: Credentials,
  user: ExternalUser,
  options: RoomOptions,
  firstSid?: string,
): Promise<string> {
  let sid = firstSid ?? (await client.login(account));
  try {
    return await client.roomHash(sid, user, options);
  } catch (error) {
    if (!isRefusedSid(error)) throw error;
  }

  sid = await client.login(account);
  try {
    return await client.roomHash(sid, user, options);
  } catch (error) {
    if (!isRefusedSid(error)) throw error;

    throw new OmError(
      'not-allowed',
      `${error.message}: the API account lacks the SOAP right, or its session expired at once`,
      {
        step: 'hash',
        status: error.status,
        key: error.key,
        method: error.method,
        url: error.url,
        cause: error,
      },
    );
  }
}

/** A 500 on the hash call: `error.notallowed`, or before OM 6.3 an HTML page with no key (§5.4). */
function isRefusedSid(error: unknown): error is OmError {
  if (!(error instanceof OmError) || error.step !== 'hash') return false;

  return error.code === 'not-allowed' || (error.status === 500 && !error.key);
}
