import {LABELS} from './texts.js';
import type {
  EmulatorAccount,
  EmulatorOptions,
  EmulatorRecording,
  EmulatorRoom,
  ResolvedEmulatorOptions,
} from './types.js';
import {versionTraits} from './versions.js';

export const DEFAULT_VERSION = '9.1.0';
export const DEFAULT_BASE_PATH = '/openmeetings';

// A minimal API account has LOGIN and SOAP and one group (protocol §4.2).
export const DEFAULT_ACCOUNTS: readonly EmulatorAccount[] = [
  {
    login: 'soapuser',
    password: '!HansHans1',
    email: 'soapuser@example.org',
    rights: ['LOGIN', 'SOAP'],
    groups: ['api'],
  },
  {
    login: 'admin',
    password: '!HansHans',
    email: 'admin@example.org',
    rights: ['LOGIN', 'SOAP', 'ADMIN'],
    groups: ['api'],
  },
];

export const DEFAULT_ROOMS: readonly EmulatorRoom[] = [
  {id: 1, name: 'Lobby'},
  {id: 2, name: 'Team meeting'},
  {id: 3, name: 'Conference hall'},
  {id: 4, name: 'Webinar'},
  {id: 5, name: 'Workshop'},
  {id: 6, name: 'Course 101', externalId: 'course-101', externalType: 'example-cms'},
  {id: 7, name: 'Closed room', closed: true},
  {id: 8, name: 'Archived room', deleted: true},
];

export const DEFAULT_RECORDINGS: readonly EmulatorRecording[] = [{id: 1, name: 'Kick-off meeting'}];

/** Fills in defaults and checks what would otherwise fail later and less clearly. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const traits = versionTraits(options.version ?? DEFAULT_VERSION);
  const penaltyScale = options.penaltyScale ?? 1;
  if (!Number.isFinite(penaltyScale) || penaltyScale < 0) {
    throw new Error(`penaltyScale must be a number of at least 0, got ${options.penaltyScale}`);
  }

  return {
    version: traits.version,
    basePath: normaliseBasePath(options.basePath ?? DEFAULT_BASE_PATH),
    allowOrigin: options.allowOrigin,
    accounts: (options.accounts ?? DEFAULT_ACCOUNTS).map((account) => ({...account})),
    rooms: (options.rooms ?? DEFAULT_ROOMS).map((room) => ({...room})),
    recordings: (options.recordings ?? DEFAULT_RECORDINGS).map((recording) => ({...recording})),
    labels: mergeLabels(options.labels ?? {}),
    penaltyScale,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
}

function normaliseBasePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  if (!trimmed.startsWith('/')) return `/${trimmed}`;

  return trimmed;
}

function mergeLabels(extra: ResolvedEmulatorOptions['labels']): ResolvedEmulatorOptions['labels'] {
  const merged: ResolvedEmulatorOptions['labels'] = {};
  for (const source of [LABELS, extra]) {
    for (const [key, texts] of Object.entries(source)) merged[key] = {...merged[key], ...texts};
  }

  return merged;
}
