import {createEmulator} from '../../../src/emulator/index.js';
import {closedPort, countingFetch, type Site, type UpstreamCalls} from './faults-site.js';
import type {FaultRow} from './faults-table.js';

export interface MountedFault {
  /** The misbehaving OpenMeetings base. */
  omUrl: string;
  /** A real token endpoint in front of it, on the site's origin. */
  endpoint: string;
  /** The fault in front of the token endpoint itself, when the row has one. */
  proxy?: string;
  /** What the token endpoint asked OpenMeetings for. */
  calls: UpstreamCalls;
}

/**
 * Mounts one row for one test target on fresh paths, so that counts and a fault's own state
 * (such as "the first hash only") start from zero.
 */
export async function mountFault(
  site: Site,
  row: FaultRow,
  target: string,
  scale: number,
): Promise<MountedFault> {
  const prefix = `/om-fault/${target}/${row.id}`;
  const emulator = row.ownEmulator ? createEmulator({penaltyScale: 0}) : site.emulator;
  const ctx = {emulator, origin: site.origin, prefix, scale};
  let omUrl = `${site.origin}${prefix}`;
  if (row.om) site.prefix(prefix, row.om(ctx));
  else omUrl = `http://127.0.0.1:${await closedPort()}/openmeetings`;

  const calls = {logins: 0, hashes: 0};
  const endpoint = `/api/fault/${target}/${row.id}`;
  site.endpoint(endpoint, omUrl, {...row.endpointOptions, fetch: countingFetch(calls)});
  let proxy: string | undefined;
  if (row.proxy) {
    proxy = `${site.origin}/api/proxy/${target}/${row.id}`;
    site.route(new URL(proxy).pathname, row.proxy(ctx));
  } else if (!row.om) {
    proxy = `http://127.0.0.1:${await closedPort()}/api/om/join`;
  }

  return {omUrl, endpoint: `${site.origin}${endpoint}`, proxy, calls};
}
