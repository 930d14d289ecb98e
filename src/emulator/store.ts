import {randomBytes, randomUUID} from 'node:crypto';
import type {
  EmulatorLogEntry,
  ExternalUser,
  HashLogEntry,
  ResolvedEmulatorOptions,
  RoomOptions,
} from './types.js';

const MINUTE = 60_000;
// OM's `job.cleanup.session.timeout` default and its cleanup job's period (protocol §7).
export const SID_IDLE_LIMIT = 30 * MINUTE;
export const CLEANUP_PERIOD = 5 * MINUTE;
const FIRST_VISITOR_ID = 1000;

/** A SID (OM's Sessiondata row) and the hidden state on it (protocol §6). */
export interface SidRecord {
  id: string;
  /** The API account that logged in; cleared once the SID is re-bound to a visitor. */
  account?: string;
  /** The visitor the SID was re-bound to at a redemption. */
  visitor?: string;
  /** The identity of the latest `/user/hash` call, overwritten by each one. */
  identity?: ExternalUser;
  roomId?: number;
  lastUsed: number;
  permanent: boolean;
}

/** A hash row keeps only its SID and options, never the identity (protocol §6). */
export interface HashRecord {
  hash: string;
  sid: string;
  options: RoomOptions;
  used: boolean;
  entry: HashLogEntry;
}

/** The OM user a redemption creates or updates for an external visitor. */
export interface Visitor {
  key: string;
  id: number;
  externalId: string;
  externalType: string;
  login?: string;
  firstname?: string;
  lastname?: string;
  email?: string;
  profilePictureUrl?: string;
  languageId: number;
}

/** A browser's session on the OM web app, known by its `JSESSIONID` cookie. */
export interface BrowserSession {
  id: string;
  hash?: string;
  visitor?: string;
  options?: RoomOptions;
  languageId?: number;
}

export class Store {
  readonly sids = new Map<string, SidRecord>();
  readonly hashes = new Map<string, HashRecord>();
  readonly visitors = new Map<string, Visitor>();
  readonly sessions = new Map<string, BrowserSession>();
  readonly entries: EmulatorLogEntry[] = [];
  private offset = 0;
  private jobOrigin: number;
  private nextVisitorId = FIRST_VISITOR_ID;

  constructor(private readonly options: ResolvedEmulatorOptions) {
    this.jobOrigin = this.now();
  }

  now(): number {
    return this.options.now() + this.offset;
  }

  advance(ms: number) {
    this.offset += ms;
  }

  reset() {
    this.sids.clear();
    this.hashes.clear();
    this.visitors.clear();
    this.sessions.clear();
    this.entries.length = 0;
    this.jobOrigin = this.now();
    this.nextVisitorId = FIRST_VISITOR_ID;
  }

  createSid(account: string): SidRecord {
    const sid: SidRecord = {id: randomUUID(), account, lastUsed: this.now(), permanent: false};
    this.sids.set(sid.id, sid);

    return sid;
  }

  /**
   * A live SID, refreshed. OM does not look at the idle time when it checks a SID; its cleanup
   * job deletes SIDs idle for over 30 minutes every 5 minutes, so a SID dies 30 to 35 minutes
   * after its last use (protocol §7). The job is modelled exactly, ticking every 5 minutes from
   * the emulator's start or last reset.
   */
  useSid(id: string | null | undefined): SidRecord | undefined {
    const sid = id ? this.sids.get(id) : undefined;
    if (!sid) return undefined;

    const now = this.now();
    const sinceTick = (((now - this.jobOrigin) % CLEANUP_PERIOD) + CLEANUP_PERIOD) % CLEANUP_PERIOD;
    const lastTick = now - sinceTick;
    if (!sid.permanent && lastTick - sid.lastUsed > SID_IDLE_LIMIT) {
      this.sids.delete(sid.id);

      return undefined;
    }

    sid.lastUsed = now;

    return sid;
  }

  addHash(sid: SidRecord, options: RoomOptions, entry: HashLogEntry): HashRecord {
    const record: HashRecord = {hash: randomUUID(), sid: sid.id, options, used: false, entry};
    this.hashes.set(record.hash, record);

    return record;
  }

  /** Creates the visitor at first redemption; later ones update names and picture (§5.2). */
  upsertVisitor(identity: ExternalUser): Visitor {
    const externalId = identity.externalId ?? '';
    const externalType = identity.externalType ?? '';
    const key = JSON.stringify([externalType, externalId]);
    const known = this.visitors.get(key);
    if (known) {
      known.firstname = identity.firstname;
      known.lastname = identity.lastname;
      known.profilePictureUrl = identity.profilePictureUrl;

      return known;
    }

    const visitor: Visitor = {
      key,
      id: this.nextVisitorId++,
      externalId,
      externalType,
      login: identity.login,
      firstname: identity.firstname,
      lastname: identity.lastname,
      email: identity.email,
      profilePictureUrl: identity.profilePictureUrl,
      languageId: 1,
    };
    this.visitors.set(key, visitor);

    return visitor;
  }

  session(id: string | undefined): BrowserSession | undefined {
    return id === undefined ? undefined : this.sessions.get(id);
  }

  visitorOf(session: BrowserSession): Visitor | undefined {
    return session.visitor === undefined ? undefined : this.visitors.get(session.visitor);
  }

  newSession(): BrowserSession {
    // Tomcat's session ids are 32 upper-case hex digits.
    const session: BrowserSession = {id: randomBytes(16).toString('hex').toUpperCase()};
    this.sessions.set(session.id, session);

    return session;
  }

  endSession(session: BrowserSession) {
    this.sessions.delete(session.id);
    const time = this.now();
    this.record({kind: 'session-ended', time, session: session.id, reason: 'different-hash'});
  }

  record(entry: EmulatorLogEntry) {
    this.entries.push(entry);
  }

  /** The log as JSON would carry it; hash entries show whether their hash is used by now. */
  log(): EmulatorLogEntry[] {
    const entries = this.entries.map((entry) => {
      if (entry.kind !== 'hash' || entry.hash === undefined) return entry;

      return {...entry, used: this.hashes.get(entry.hash)?.used ?? entry.used};
    });

    return JSON.parse(JSON.stringify(entries)) as EmulatorLogEntry[];
  }
}

export function displayName(visitor: Pick<Visitor, 'firstname' | 'lastname'>): string {
  return [visitor.firstname, visitor.lastname].filter((part) => part).join(' ');
}
