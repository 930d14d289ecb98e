import type {EmulatorLabels} from './types.js';

const ENGLISH = 1;
const GERMAN = 2;
const FRENCH = 4;

/** The label texts the join flow meets, in English, German and French (protocol §4.2, §5.4). */
export const LABELS: EmulatorLabels = {
  'error.bad.credentials': {
    [ENGLISH]: 'Username/email and/or password are incorrect.',
    [GERMAN]: 'Benutzername/E-Mail oder Passwort stimmen nicht.',
    [FRENCH]: "Le nom d'utilisateur, l'adresse e-mail ou le mot de passe est incorrect.",
  },
  'error.notactivated': {
    [ENGLISH]:
      'Your account is not activated. ' +
      'Please use the link in the email you received during registration.',
    [GERMAN]:
      'Ihr Konto ist noch nicht aktiviert. ' +
      'Öffnen Sie bitte den Link aus der E-Mail, die Sie bei der Registrierung bekommen haben.',
    [FRENCH]:
      "Votre compte n'est pas encore activé. " +
      "Ouvrez le lien de l'e-mail reçu lors de votre inscription.",
  },
  'error.nogroup': {
    [ENGLISH]: 'User is not assigned to group.',
    [GERMAN]: 'Der Benutzer gehört zu keiner Gruppe.',
    [FRENCH]: "L'utilisateur n'appartient à aucun groupe.",
  },
  'error.unknown': {
    [ENGLISH]: 'Unknown error. Please report this to the administrator.',
    [GERMAN]: 'Unbekannter Fehler. Bitte wenden Sie sich an den Administrator.',
    [FRENCH]: "Erreur inconnue. Merci de la signaler à l'administrateur.",
  },
  'error.notallowed': {
    [ENGLISH]: 'Admin authorization required',
    [GERMAN]: 'Administratorrechte nötig',
    [FRENCH]: "Droits d'administrateur nécessaires",
  },
};

export const MISSING_LABEL = '[Missing]';

/**
 * The error service's text for a key (protocol §8). Id 3 and ids without a text answer in
 * English; the emulator carries texts only for English, German and French.
 */
export function labelText(labels: EmulatorLabels, key: string, languageId: number): string {
  const texts = labels[key];
  if (!texts) return MISSING_LABEL;

  return texts[languageId] ?? texts[ENGLISH] ?? MISSING_LABEL;
}

// The refusal comes before sign-in, so `language` is never applied to it (protocol §9.1).
export const INVALID_HASH_HEADING = 'Invalid hash';
export const INVALID_HASH_TEXT = 'Access denied. You have no rights to enter this room.';

export interface PageTexts {
  lang: string;
  roomHeading: (room: string) => string;
  welcome: (user: string) => string;
  moderator: string;
  participant: string;
  closed: string;
  recordingHeading: (recording: string) => string;
  signIn: string;
}

const ENGLISH_PAGE: PageTexts = {
  lang: 'en',
  roomHeading: (room) => `Room: ${room}`,
  welcome: (user) => `Signed in as ${user}`,
  moderator: 'You are a moderator of this room.',
  participant: 'You take part in this room.',
  closed: 'This room is closed.',
  recordingHeading: (recording) => `Recording: ${recording}`,
  signIn: 'Sign in',
};

const GERMAN_PAGE: PageTexts = {
  lang: 'de',
  roomHeading: (room) => `Raum: ${room}`,
  welcome: (user) => `Angemeldet als ${user}`,
  moderator: 'Sie moderieren diesen Raum.',
  participant: 'Sie nehmen an diesem Raum teil.',
  closed: 'Dieser Raum ist geschlossen.',
  recordingHeading: (recording) => `Aufzeichnung: ${recording}`,
  signIn: 'Anmelden',
};

const FRENCH_PAGE: PageTexts = {
  lang: 'fr',
  roomHeading: (room) => `Salle : ${room}`,
  welcome: (user) => `Connecté en tant que ${user}`,
  moderator: 'Vous êtes modérateur de cette salle.',
  participant: 'Vous participez à cette salle.',
  closed: 'Cette salle est fermée.',
  recordingHeading: (recording) => `Enregistrement : ${recording}`,
  signIn: 'Se connecter',
};

/** Page texts for a language id. Id 3 (German for StudIP) shows German on pages (protocol §11). */
export function pageTexts(languageId: number): PageTexts {
  if (languageId === GERMAN || languageId === 3) return GERMAN_PAGE;
  if (languageId === FRENCH) return FRENCH_PAGE;

  return ENGLISH_PAGE;
}
