import type {Language} from './languages.js';
import {displayName, type Visitor} from './store.js';
import {INVALID_HASH_HEADING, INVALID_HASH_TEXT, pageTexts} from './texts.js';
import type {EmulatorRecording, EmulatorRoom} from './types.js';

/** What `/hash` shows (protocol §9.2). */
export type PageView =
  | {kind: 'room' | 'closed'; room: EmulatorRoom; visitor: Visitor; moderator: boolean}
  | {kind: 'recording'; recording: EmulatorRecording; visitor: Visitor}
  | {kind: 'invalid'};

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Attributes = Record<string, string | number | boolean | undefined>;

/** `data-*` attributes, so tests read facts without parsing prose. Undefined ones are left out. */
function dataAttributes(attributes: Attributes): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` data-${name}="${escapeHtml(String(value))}"`)
    .join('');
}

function htmlDocument(lang: string, title: string, body: string, head = ''): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    head,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

export function renderPage(view: PageView, language: Language, basePath: string): string {
  if (view.kind === 'invalid') return invalidPage();

  const texts = pageTexts(language.id);
  const user = displayName(view.visitor);
  const common: Attributes = {
    user,
    'user-id': view.visitor.id,
    'external-id': view.visitor.externalId,
    'external-type': view.visitor.externalType,
    email: view.visitor.email,
    picture: view.visitor.profilePictureUrl,
    language: language.id,
    'language-code': language.code,
  };
  const welcome = `<p id="user">${escapeHtml(texts.welcome(user))}</p>`;
  if (view.kind === 'recording') {
    const {recording} = view;
    const name = recording.name ?? `Recording ${recording.id}`;
    const data = dataAttributes({'recording-id': recording.id, 'recording-name': name, ...common});
    const body = [
      `<main id="recording"${data}>`,
      `<h1>${escapeHtml(texts.recordingHeading(name))}</h1>`,
      welcome,
      `<video id="player" controls aria-label="${escapeHtml(name)}"></video>`,
      '</main>',
    ];

    return htmlDocument(texts.lang, `${name} – OpenMeetings`, body.join('\n'));
  }

  const {room} = view;
  const name = room.name ?? `Room ${room.id}`;
  const data = dataAttributes({
    'room-id': room.id,
    'room-name': name,
    'room-external-id': room.externalId,
    ...common,
    moderator: view.moderator,
  });
  if (view.kind === 'closed') {
    // A closed room shows a notice and then sends the visitor away (protocol §9.2).
    const refresh = `<meta http-equiv="refresh" content="5;url=${escapeHtml(basePath)}/">`;
    const body = [
      `<main id="room-closed"${data}>`,
      `<h1>${escapeHtml(texts.roomHeading(name))}</h1>`,
      `<p role="status">${escapeHtml(texts.closed)}</p>`,
      '</main>',
    ];

    return htmlDocument(texts.lang, `${name} – OpenMeetings`, body.join('\n'), refresh);
  }

  const role = view.moderator ? texts.moderator : texts.participant;
  const body = [
    `<main id="room"${data}>`,
    `<h1>${escapeHtml(texts.roomHeading(name))}</h1>`,
    welcome,
    `<p id="role">${escapeHtml(role)}</p>`,
    '</main>',
  ];

  return htmlDocument(texts.lang, `${name} – OpenMeetings`, body.join('\n'));
}

function invalidPage(): string {
  const body = [
    '<div id="invalid-hash" role="alertdialog" aria-labelledby="invalid-hash-heading">',
    `<h2 id="invalid-hash-heading">${INVALID_HASH_HEADING}</h2>`,
    `<p>${escapeHtml(INVALID_HASH_TEXT)}</p>`,
    '</div>',
  ];

  return htmlDocument('en', `${INVALID_HASH_HEADING} – OpenMeetings`, body.join('\n'));
}

/** OM's sign-in page stands here only as the place a closed room sends visitors to. */
export function homePage(): string {
  const texts = pageTexts(1);

  const body = `<main id="sign-in">\n<h1>${texts.signIn}</h1>\n</main>`;

  return htmlDocument('en', `${texts.signIn} – OpenMeetings`, body);
}

/** The servlet container's error page that OM served for service errors before 6.3. */
export function containerErrorPage(message: string): string {
  const title = 'HTTP Status 500 – Internal Server Error';
  const body = [
    `<h1>${title}</h1>`,
    `<p>Message: ${escapeHtml(message)}</p>`,
    '<p>Emulated servlet container</p>',
  ];

  return htmlDocument('en', title, body.join('\n'));
}
