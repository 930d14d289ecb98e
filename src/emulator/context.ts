import type {Language} from './languages.js';
import type {Store} from './store.js';
import type {ResolvedEmulatorOptions} from './types.js';
import type {VersionTraits} from './versions.js';

/** What every route of one emulator instance shares. */
export interface Context {
  options: ResolvedEmulatorOptions;
  traits: VersionTraits;
  languages: Language[];
  store: Store;
}
