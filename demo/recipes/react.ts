// React 19 and <om-join-button>. Written with createElement so it runs without a JSX compiler;
// the JSX in RECIPES.md compiles to these same calls. An app imports 'om-join-button/define'.
import {createElement, useState} from 'react';
import {createRoot, type Root} from 'react-dom/client';
import '../../src/element/define.js';
import type {OmJoinErrorDetail, OmJoinSuccessDetail} from '../../src/element/events.js';

export interface JoinRoomProps {
  endpoint: string;
  roomId: number;
  /** Handed to the element as a property: a function cannot be an attribute. */
  fetch?: typeof globalThis.fetch;
  onJoined?: (detail: OmJoinSuccessDetail) => void;
}

/** A join button for one room that shows a failure in React's own markup. */
export function JoinRoom({endpoint, roomId, fetch, onJoined}: JoinRoomProps) {
  const [failure, setFailure] = useState<string>();
  const button = createElement(
    'om-join-button',
    {
      // React 19 sets a prop as a property when the element has one by that name, and as an
      // attribute otherwise; `token-endpoint` is the attribute, `roomId` and `fetch` properties.
      'token-endpoint': endpoint,
      roomId,
      fetch,
      // A prop named `on` + an event name listens for that event, custom names included.
      'onom-join-error': (event: CustomEvent<OmJoinErrorDetail>) => setFailure(event.detail.code),
      'onom-join-success': (event: CustomEvent<OmJoinSuccessDetail>) => {
        setFailure(undefined);
        onJoined?.(event.detail);
      },
    },
    'Join the meeting',
  );
  const notice = failure
    ? createElement('p', {className: 'join-failure'}, `Could not join (${failure}).`)
    : null;

  return createElement('div', {className: 'join-room'}, button, notice);
}

/** Renders `JoinRoom` into `container`, as an app's entry point would. */
export function mountJoinRoom(container: Element, props: JoinRoomProps): Root {
  const root = createRoot(container);
  root.render(createElement(JoinRoom, props));

  return root;
}
