import {configError} from '../client/errors.js';
import type {JoinRequestBody} from './request-body.js';
import type {Visitor} from './settings.js';

export interface GuestOptions {
  /** `externalType` for every guest; it also names their OpenMeetings group (protocol §5.2). */
  externalType: string;
  cookieName?: string;
}

const MAX_NAME = 64;
// Only ids this endpoint could have made: a random UUID v4.
const guestId = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A `resolveUser` for sites with no session of their own: every visitor is a guest, never a
 * moderator. A random id in an HttpOnly cookie keeps one browser the same OpenMeetings user.
 */
export function guestVisitors(
  options: GuestOptions,
): (request: Request, body: JoinRequestBody) => Visitor {
  if (!options.externalType) {
    throw configError('externalType', 'expected the external type for guests');
  }
  const cookieName = options.cookieName ?? 'om_guest';

  return (request: Request, body: JoinRequestBody): Visitor => {
    const known = readCookie(request.headers.get('cookie'), cookieName);
    const id = known && guestId.test(known) ? known : crypto.randomUUID();
    const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
    const firstname = cleanName(body.firstname) || 'Guest';
    const lastname = cleanName(body.lastname);

    const user = {externalId: id, externalType: options.externalType, firstname};
    const cookie = `${cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000${secure}`;

    return {
      user: lastname ? {...user, lastname} : user,
      moderator: false,
      headers: {'set-cookie': cookie},
    };
  };
}

function cleanName(value: string | undefined): string {
  // Control and bidi-override characters would end up in OpenMeetings' user table and room UI.
  const text = (value ?? '').replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '').trim();

  // Cut by code point: cutting by UTF-16 unit could split an emoji into a lone surrogate.
  return [...text].slice(0, MAX_NAME).join('');
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }

  return undefined;
}
