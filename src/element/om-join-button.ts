import {LitElement, html, nothing, type PropertyValues, type TemplateResult} from 'lit';
import type {OmError, OmErrorCode} from '../client/errors.js';
import {parseLanguageId} from '../client/languages.js';
import {parseConfig, readFlag, validate, type JoinConfig} from './config.js';
import {warnOnce} from './dev.js';
import {errorText, stringsFor} from './i18n.js';
import {asOmError, prepareJoin, roomUrlFor} from './join-flow.js';
import {resolveLanguage} from './language.js';
import {styles} from './om-join-button.styles.js';
import {
  ROOM_WINDOW_NAME,
  checkRoomUrl,
  discardRoom,
  openFor,
  pageNavigation,
  showRoom,
  type RoomWindow,
} from './open-room.js';

const flag = {fromAttribute: readFlag, toAttribute: (value: boolean) => (value ? '' : null)};

/** How long a room URL asked for at a press waits for its click; a later press asks anew. */
const EARLY_MAX_AGE = 60_000;

interface EarlyStart {
  key: string;
  fetch: typeof globalThis.fetch | undefined;
  at: number;
  url: Promise<string>;
  failed?: boolean;
}

/**
 * A button that sends the visitor into an OpenMeetings room. Each activation asks for a fresh
 * one-time hash, through the site's token endpoint or, in same-origin mode, from OpenMeetings.
 *
 * @fires {CustomEvent<OmJoinStartDetail>} om-join-start - Cancelable, at the click, before the
 *   window opens. `detail: {mode, roomId}`, with `externalRoomId` or `recordingId` when those
 *   pick the room. The request may have started at the press; a canceled join leaves it unused.
 * @fires {CustomEvent<OmJoinSuccessDetail>} om-join-success - The room is opening.
 *   `detail: {mode, roomId, target}`; never the URL.
 * @fires {CustomEvent<OmJoinErrorDetail>} om-join-error - The join failed.
 *   `detail: {error: OmError, code, message}`.
 * @fires {CustomEvent<OmJoinBlockedDetail>} om-join-blocked - The browser blocked the window;
 *   a link or this tab takes over. `detail: {mode, roomId, fallback: 'link' | 'navigate'}`.
 *
 * @slot - The button's label. A wrapped `<a href>` stays a plain link for modified clicks.
 *
 * @csspart button - The native button.
 * @csspart label - The label around the slot.
 * @csspart spinner - Shown while busy.
 * @csspart status - Polite live region for progress and errors.
 * @csspart link - "Open the meeting", shown when the browser blocked the window.
 * @csspart frame - The room for `target="iframe"`.
 *
 * @cssprop [--om-join-background=light-dark(#1a5bb8, #9cc3ff)] - Button background.
 * @cssprop [--om-join-color=light-dark(#fff, #0b1d3a)] - Button text colour.
 * @cssprop [--om-join-radius=4px] - Corner radius of the button and the frame.
 * @cssprop [--om-join-padding=0.5em 1.1em] - Button padding.
 * @cssprop [--om-join-font=inherit] - Button font shorthand.
 * @cssprop [--om-join-focus-ring=2px solid light-dark(#1a5bb8, #9cc3ff)] - `outline` of the
 *   focused button.
 * @cssprop [--om-join-error-color=light-dark(#b3261e, #ffb4ab)] - Colour of error text.
 *
 * @attr token-endpoint - The site's token endpoint; recommended.
 * @attr base-url - The OpenMeetings base, e.g. `/openmeetings`.
 * @attr room-id - The room to enter.
 * @attr external-room-id - The room by its external id.
 * @attr recording-id - A recording to play instead of a room.
 * @attr language - OpenMeetings language id; wins over `lang`.
 * @attr lang - Language of the strings and the room; else the nearest ancestor's `lang` applies.
 * @attr target - `window` (default), `_blank`, `_self` or `iframe`.
 * @attr blocked - `link` (default) or `navigate`: what to do when the window is blocked.
 * @attr busy - Reflected while a join runs.
 * @attr error - Reflected error code of the last failed join.
 */
export class OmJoinButton extends LitElement {
  static override styles = styles;

  /** @internal */
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };

  static override properties = {
    tokenEndpoint: {attribute: 'token-endpoint'},
    baseUrl: {attribute: 'base-url'},
    roomId: {attribute: 'room-id'},
    externalRoomId: {attribute: 'external-room-id'},
    recordingId: {attribute: 'recording-id'},
    language: {},
    target: {},
    blocked: {},
    firstname: {},
    lastname: {},
    omUser: {attribute: 'om-user'},
    omPassword: {attribute: 'om-password'},
    externalId: {attribute: 'external-id'},
    externalType: {attribute: 'external-type'},
    externalRoomType: {attribute: 'external-room-type'},
    email: {},
    profilePictureUrl: {attribute: 'profile-picture-url'},
    moderator: {converter: flag},
    disabled: {converter: flag},
    busyText: {attribute: 'busy-text'},
    errorText: {attribute: 'error-text'},
    linkText: {attribute: 'link-text'},
    busy: {type: Boolean, reflect: true},
    error: {reflect: true},
    // An accessor, so React 19 and Vue, which set a property only when the element has it,
    // hand a function over instead of writing its text into an attribute (#6).
    fetch: {attribute: false},
  };

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** The site's endpoint that answers with a room URL. Relative URLs follow `document.baseURI`. */
  declare tokenEndpoint: string | undefined;
  /** OpenMeetings base; the room URL must be on its origin. Required in same-origin mode. */
  declare baseUrl: string | undefined;
  /** Room id; a positive whole number. */
  declare roomId: string | number | undefined;
  /** Room external id; same-origin mode pairs it with `externalRoomType`. */
  declare externalRoomId: string | undefined;
  /** Recording id, to show the recording player instead of a room. */
  declare recordingId: string | number | undefined;
  /** OpenMeetings language id (2 is German); wins over `lang` and the browser's languages. */
  declare language: string | number | undefined;
  /** Where the room opens: `window` (one named tab, the default), `_blank`, `_self`, `iframe`. */
  declare target: string | undefined;
  /** When the browser blocks the window: show a `link` (default) or `navigate` this tab. */
  declare blocked: string | undefined;
  /** Visitor's first name: a hint to the token endpoint, or the name in same-origin mode. */
  declare firstname: string | undefined;
  /** Visitor's last name, as `firstname`. */
  declare lastname: string | undefined;
  /** Same-origin mode: API user. Every visitor can read it; prefer `token-endpoint`. */
  declare omUser: string | undefined;
  /** Same-origin mode: API password. Every visitor can read it; prefer `token-endpoint`. */
  declare omPassword: string | undefined;
  /** Same-origin mode: the visitor's id in your system; one per person. */
  declare externalId: string | undefined;
  /** Same-origin mode: the name of your system; also the visitor's OpenMeetings group. */
  declare externalType: string | undefined;
  /** Same-origin mode: external type of `externalRoomId`; defaults to `externalType`. */
  declare externalRoomType: string | undefined;
  /** Same-origin mode: the visitor's e-mail, stored when OpenMeetings first sees them. */
  declare email: string | undefined;
  /** Same-origin mode: avatar URL; its host must be in OpenMeetings' `header.csp.image`. */
  declare profilePictureUrl: string | undefined;
  /** Same-origin mode: enter as super-moderator. `moderator="false"` is false. */
  declare moderator: boolean;
  /** Ignores activation; the button stays focusable. `disabled="false"` is false. */
  declare disabled: boolean;
  /** Replaces the localized "Joining…". */
  declare busyText: string | undefined;
  /** Replaces the localized error text. */
  declare errorText: string | undefined;
  /** Replaces the localized "Open the meeting". */
  declare linkText: string | undefined;
  /** True while a join runs; reflected. Set by the element. */
  declare busy: boolean;
  /** Code of the last failure, e.g. `config` or `network`; reflected. Set by the element. */
  declare error: OmErrorCode | undefined;
  /** Replaces the global fetch for this element's requests, e.g. to add a proxy or count calls. */
  declare fetch: typeof globalThis.fetch | undefined;

  #failure: OmError | undefined;
  #roomLink: string | undefined;
  #frameUrl: string | undefined;
  #early: EarlyStart | undefined;

  constructor() {
    super();
    this.moderator = false;
    this.disabled = false;
    this.busy = false;
    // Listening from the constructor: connectedCallback runs again whenever a page builder moves
    // the element, and a listener added there would fire once per move (protocol §14).
    this.addEventListener('click', this.#onClick);
    // The request starts at the press, which a click ends 50 to 150 ms later, and in same-origin
    // mode the login at the first sign of intent (#8). Nothing runs before either.
    this.addEventListener('pointerdown', this.#onPress);
    this.addEventListener('keydown', this.#onPress);
    this.addEventListener('pointerenter', this.#onIntent);
    this.addEventListener('focusin', this.#onIntent);
  }

  /** The last failure, with every fact; undefined after a successful join. */
  get lastError(): OmError | undefined {
    return this.#failure;
  }

  /** The first configuration problem, or undefined when the element can join. */
  validate(): OmError | undefined {
    return validate(this, document.baseURI);
  }

  /**
   * Joins as a click would. Resolves when the join has ended and never rejects: outcomes are
   * events and state. Called without a user gesture, the browser may block the window.
   */
  async join(): Promise<void> {
    if (this.busy || this.disabled) return;

    let config: JoinConfig;
    try {
      config = parseConfig(this, document.baseURI);
    } catch (error) {
      this.#fail(asOmError(error));

      return;
    }
    // Busy before om-join-start, so a listener that calls join() cannot start a second join.
    this.busy = true;
    if (!this.#emit('om-join-start', {mode: config.mode, ...config.room}, true)) {
      this.busy = false;

      return;
    }
    this.#clear();
    const language = resolveLanguage(this, config.language).id;
    // Open the window before any await: Safari and iOS drop the click's activation after one.
    const room = openFor(config.target);
    const early = this.#earlyFor(joinKey(config, language));
    this.#early = undefined;
    try {
      const url = await (early?.url ?? roomUrlFor(config, language, this.fetch));
      const refusal = checkRoomUrl(url, config.baseUrl, window.location.href);
      if (refusal) throw refusal;
      // Not busy before the outcome event, so a listener may start the next join at once.
      this.busy = false;
      this.#deliver(config, url, room);
    } catch (error) {
      this.busy = false;
      discardRoom(room);
      this.#fail(asOmError(error));
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A new place may have a different `lang`.
    this.requestUpdate();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  // Typed from 'lit': the inferred type names lit-html, which the package does not depend on.
  override render(): TemplateResult {
    const {locale, rtl} = resolveLanguage(this, parseLanguageId(this.language));
    const strings = stringsFor(locale);
    const failure = this.#failure;
    let status: string | typeof nothing = nothing;
    if (this.busy) status = this.busyText || strings.busy;
    else if (failure) status = this.errorText || errorText(strings, failure.code, failure.field);
    const link = this.#roomLink
      ? html`<a part="link" href=${this.#roomLink} target=${ROOM_WINDOW_NAME} rel="noopener"
          >${this.linkText || strings.link}</a
        >`
      : nothing;
    const spinner = html`<span part="spinner" aria-hidden="true" ?hidden=${!this.busy}></span>`;
    const fallbackLabel = this.#hasLabel()
      ? nothing
      : html`<span lang=${locale}>${strings.label}</span>`;
    const slot = html`<slot @slotchange=${() => this.requestUpdate()}></slot>`;
    const control = this.#wrappedLink()
      ? html`${slot}${spinner}`
      : html`<button
          part="button"
          type="button"
          aria-busy=${this.busy ? 'true' : nothing}
          aria-disabled=${this.disabled ? 'true' : nothing}
          aria-describedby="status"
        >
          ${spinner}<span part="label">${slot}${fallbackLabel}</span>
        </button>`;

    return html`<div class="box" dir=${rtl ? 'rtl' : nothing}>
        ${control}<span
          id="status"
          part="status"
          role="status"
          lang=${locale}
          class=${failure ? 'error' : ''}
          >${status}${link}</span
        >
      </div>
      ${
        this.#frameUrl
          ? html`<iframe
            part="frame"
            src=${this.#frameUrl}
            title=${strings.frame}
            allow="microphone; camera; display-capture; fullscreen"
          ></iframe>`
          : nothing
      }`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const link = this.#wrappedLink();
    if (link) {
      toggleAria(link, 'aria-busy', this.busy);
      toggleAria(link, 'aria-disabled', this.disabled);
    }
    if (changed.has('omPassword') && this.omPassword) {
      const message = 'every visitor can read om-password in this page; use token-endpoint.';
      warnOnce(this, 'exposed-password', message);
    }
  }

  #onClick = (event: MouseEvent): void => {
    const control = this.#control(event);
    if (!control) return;
    const onLink = control.localName === 'a';
    // A modified click on the wrapped link opens it the browser's way: new tab, window, download.
    if (onLink && isModified(event)) return;
    if (onLink) event.preventDefault();

    void this.join();
  };

  /**
   * A primary press, or Enter or Space, that a click is likely to end: the room URL is asked for
   * now and the click takes the answer, a failure too, so that a click never sends two requests.
   * A press that never becomes a click leaves at most one unused hash, which a later press within
   * EARLY_MAX_AGE takes up again; a failed one is asked for anew.
   */
  #onPress = (event: Event): void => {
    const {key, repeat} = event as KeyboardEvent;
    const control = this.#control(event);
    const pressed =
      event.type === 'pointerdown'
        ? !isModified(event as PointerEvent)
        : !repeat && (key === 'Enter' || (key === ' ' && control?.localName === 'button'));
    const config = pressed && control && !this.busy && !this.disabled && this.#config();
    if (!config) return;

    const language = resolveLanguage(this, config.language).id;
    const planned = joinKey(config, language);
    if (this.#earlyFor(planned) && !this.#early?.failed) return;

    const url = roomUrlFor(config, language, this.fetch);
    const early: EarlyStart = {key: planned, fetch: this.fetch, at: Date.now(), url};
    this.#early = early;
    url.catch(() => (early.failed = true));
  };

  /**
   * Hover or keyboard focus: in same-origin mode, one spare login for the page's buttons (#8).
   * Focus that a press brings is not counted: the press has started the join already.
   */
  #onIntent = (event: Event): void => {
    const focused = event.type === 'focusin' && event.composedPath()[0];
    if (focused && !(focused as Element).matches(':focus-visible')) return;
    const config = !this.busy && !this.disabled && this.#config();
    if (config) prepareJoin(config, this.fetch);
  };

  /** The configuration, or undefined when it is wrong; the click reports that. */
  #config(): JoinConfig | undefined {
    try {
      return parseConfig(this, document.baseURI);
    } catch {
      return undefined;
    }
  }

  #earlyFor(key: string): EarlyStart | undefined {
    const early = this.#early;
    const same = early?.key === key && early.fetch === this.fetch;

    return same && Date.now() - early.at < EARLY_MAX_AGE ? early : undefined;
  }

  /** The inner button or the wrapped link when `event` went through one, else null. */
  #control(event: Event): Element | null {
    const path = event.composedPath();
    const link = this.#wrappedLink();
    if (link && path.includes(link)) return link;
    const button = this.renderRoot.querySelector('button');

    return button && path.includes(button) ? button : null;
  }

  #deliver(config: JoinConfig, url: string, room: RoomWindow | null | undefined): void {
    const facts = {mode: config.mode, ...config.room, target: config.target};
    if (config.target === '_self') {
      this.#emit('om-join-success', facts);
      pageNavigation.assign(url);
    } else if (config.target === 'iframe') {
      this.#frameUrl = url;
      this.#emit('om-join-success', facts);
    } else if (room && !room.win.closed) {
      showRoom(room, url);
      this.#emit('om-join-success', facts);
    } else {
      this.#emit('om-join-blocked', {mode: config.mode, ...config.room, fallback: config.blocked});
      if (config.blocked === 'navigate') pageNavigation.assign(url);
      else this.#roomLink = url;
    }
    this.requestUpdate();
  }

  #fail(error: OmError): void {
    this.#failure = error;
    this.error = error.code;
    this.#emit('om-join-error', {error, code: error.code, message: error.message});
  }

  #clear(): void {
    this.#failure = undefined;
    this.error = undefined;
    this.#roomLink = undefined;
    this.#frameUrl = undefined;
  }

  #emit(type: string, detail: object, cancelable = false): boolean {
    const event = new CustomEvent(type, {detail, bubbles: true, composed: true, cancelable});

    return this.dispatchEvent(event);
  }

  #wrappedLink(): HTMLAnchorElement | null {
    return this.querySelector('a[href]');
  }

  #hasLabel(): boolean {
    return Array.from(this.childNodes).some(
      (node) => node.nodeType === Node.ELEMENT_NODE || !!node.textContent?.trim(),
    );
  }
}

/** What a join asks for: a press's early answer serves only a click that would ask the same. */
function joinKey(config: JoinConfig, language: number | undefined): string {
  return JSON.stringify([config, language]);
}

function isModified(event: MouseEvent): boolean {
  return event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;
}

function toggleAria(element: Element, name: string, on: boolean): void {
  if (on) element.setAttribute(name, 'true');
  else element.removeAttribute(name);
}
