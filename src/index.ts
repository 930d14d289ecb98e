// The package's main entry: classes and helpers, no side effects. Import `om-join-button/define`
// to register the tag.
export {OmJoinButton} from './element/om-join-button.js';
export type * from './element/events.js';
export * from './client/index.js';
