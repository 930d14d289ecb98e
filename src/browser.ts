// Entry of the script-tag builds: registers <om-join-button> and exposes the class for scripts.
import './element/define.js';

export {OmJoinButton} from './element/om-join-button.js';
export {OmError} from './client/errors.js';
