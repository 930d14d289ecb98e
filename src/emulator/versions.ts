/** What changes in the join flow from one OpenMeetings release to the next (protocol §12). */
export interface VersionTraits {
  /** The normalised version, e.g. '8.1.0'. */
  version: string;
  /** `GET` up to 8.1, `POST` from 9.0 (OPENMEETINGS-2816). */
  loginMethod: 'GET' | 'POST';
  /** 6–15 s delay on bad credentials, 9.0+ (OPENMEETINGS-2817). */
  badCredentialsDelay: boolean;
  /** 6.3+: service errors are a 500 with JSON and an `exception` header (OPENMEETINGS-2701). */
  jsonServiceErrors: boolean;
  /** 5.0+: `externalId` and `externalType` are required (OPENMEETINGS-1937). */
  externalUserRequired: boolean;
  /** 5.1+: options `externalRoomId` and `externalType` (OPENMEETINGS-2297). */
  externalRoomOptions: boolean;
  /** 5.0+: `/hash` honours `language` (OPENMEETINGS-1911). */
  hashPageLanguage: boolean;
  /** 5.1+: the session cookie is `SameSite=Lax`. */
  sameSiteLax: boolean;
  /** 4.0.2+: `rest.allow.origin` exists. */
  allowOrigin: boolean;
  /** 4.0.11+: redeeming a hash re-binds its SID to the visitor (protocol §6). */
  rebindOnRedeem: boolean;
}

export type Triple = [number, number, number];

const OLDEST: Triple = [4, 0, 0];
const NEWEST: Triple = [9, 1, 0];

export function parseVersion(text: string): Triple {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`OpenMeetings version "${text}" is not of the form 9.1.0`);

  const triple: Triple = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (compare(triple, OLDEST) < 0 || compare(triple, NEWEST) > 0) {
    throw new Error(`OpenMeetings version "${text}" is not emulated: use 4.0.0 to 9.1.0`);
  }

  return triple;
}

export function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function versionTraits(text: string): VersionTraits {
  const v = parseVersion(text);
  const since = (major: number, minor: number, patch = 0) => compare(v, [major, minor, patch]) >= 0;

  return {
    version: v.join('.'),
    loginMethod: since(9, 0) ? 'POST' : 'GET',
    badCredentialsDelay: since(9, 0),
    jsonServiceErrors: since(6, 3),
    externalUserRequired: since(5, 0),
    externalRoomOptions: since(5, 1),
    hashPageLanguage: since(5, 0),
    sameSiteLax: since(5, 1),
    allowOrigin: since(4, 0, 2),
    rebindOnRedeem: since(4, 0, 11),
  };
}
