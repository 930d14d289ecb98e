export {OmError, configError, redactUrl, type OmErrorCode, type OmStep} from './errors.js';
export {
  DEFAULT_TIMEOUT,
  SPARE_MAX_AGE,
  OmClient,
  normalizeBase,
  roomUrl,
  type Credentials,
  type ExternalUser,
  type LoginMethod,
  type OmClientOptions,
  type RoomOptions,
} from './openmeetings.js';
export {freshHash} from './join.js';
export {tokenJoin, type TokenJoinOptions, type TokenRequest, type TokenResponse} from './token.js';
export {OM_LANGUAGES, languageIdForTag, languageIdForTags, parseLanguageId} from './languages.js';
