// Vue 3 and <om-join-button>, as a render function so it runs without a template compiler; the
// template in RECIPES.md binds the same way. An app imports 'om-join-button/define'.
import {createApp, defineComponent, h, ref, type App, type PropType} from 'vue';
import '../../src/element/define.js';
import type {OmJoinErrorDetail, OmJoinSuccessDetail} from '../../src/element/events.js';

/** A join button for one room that shows a failure in Vue's own markup. */
export const JoinRoom = defineComponent({
  props: {
    endpoint: {type: String, required: true},
    roomId: {type: Number, required: true},
    fetch: {type: Function as PropType<typeof globalThis.fetch>, default: undefined},
  },
  emits: {joined: (detail: OmJoinSuccessDetail) => typeof detail === 'object'},
  setup(props, {emit}) {
    const failure = ref<string>();

    return () =>
      h('div', {class: 'join-room'}, [
        h(
          'om-join-button',
          {
            // Vue sets a key as a property when the element has one by that name, and as an
            // attribute otherwise; `token-endpoint` is the attribute, `roomId` and `fetch`
            // properties. `onOmJoinError` listens for `om-join-error`.
            'token-endpoint': props.endpoint,
            roomId: props.roomId,
            fetch: props.fetch,
            onOmJoinError: (event: CustomEvent<OmJoinErrorDetail>) => {
              failure.value = event.detail.code;
            },
            onOmJoinSuccess: (event: CustomEvent<OmJoinSuccessDetail>) => {
              failure.value = undefined;
              emit('joined', event.detail);
            },
          },
          'Join the meeting',
        ),
        failure.value
          ? h('p', {class: 'join-failure'}, `Could not join (${failure.value}).`)
          : null,
      ]);
  },
});

/** Mounts `JoinRoom` on `container`, as an app's entry point would. */
export function mountJoinRoom(
  container: Element,
  props: {endpoint: string; roomId: number; fetch?: typeof globalThis.fetch},
  onJoined?: (detail: OmJoinSuccessDetail) => void,
): App {
  const app = createApp(JoinRoom, {...props, onJoined});
  app.mount(container);

  return app;
}
