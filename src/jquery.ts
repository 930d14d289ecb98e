import type {LitElement} from 'lit';
import type {OmJoinButton} from './element/om-join-button.js';
import {configure, type OmJoinOptions} from './scripting.js';

/** The little of jQuery the plugin touches. */
interface JQueryLike {
  fn: Record<string, unknown>;
}

interface JQuerySet {
  get(): Element[];
  pushStack(elements: Element[]): JQuerySet;
}

/**
 * Adds `$(selector).omJoinButton(options)` to the page's jQuery: now, or when the document has
 * been parsed, since a CMS may print jQuery's script tag after ours.
 */
export function installJQueryPlugin(): void {
  // Not declared on Window: that would clash with the types of a page that has @types/jquery.
  const page = window as {jQuery?: JQueryLike};
  if (addPlugin(page.jQuery) || document.readyState !== 'loading') return;

  document.addEventListener('DOMContentLoaded', () => addPlugin(page.jQuery), {once: true});
}

function addPlugin($: JQueryLike | undefined): boolean {
  if (!$?.fn) return false;

  // Returns the join buttons, not the matched elements, so `.on('om-join-error', …)` chains
  // onto the elements that fire the events.
  $.fn.omJoinButton = function (this: JQuerySet, options: OmJoinOptions = {}) {
    return this.pushStack(this.get().map((element) => upgrade(element, options)));
  };

  return true;
}

/**
 * The element itself when it is a join button, or its join button when a call before wrapped it;
 * otherwise a new one in its place that holds it as the label, so a link stays a link for
 * modified clicks and visitors without script. `data-` attributes that name one of the element's
 * attributes (`data-room-id`) apply per element.
 */
function upgrade(target: Element, options: OmJoinOptions): OmJoinButton {
  const parent = target.parentElement;
  let button = target as OmJoinButton;
  if (parent?.localName === 'om-join-button') button = parent as OmJoinButton;
  else if (target.localName !== 'om-join-button') {
    button = document.createElement('om-join-button');
    target.replaceWith(button);
    // A native button would put a second control inside the element's own, so it gives up its
    // content and its id, and leaves.
    if (target.localName !== 'button') button.append(target);
    else {
      button.append(...target.childNodes);
      if (target.id) button.id = target.id;
    }
  }
  const observed = (button.constructor as typeof LitElement).observedAttributes;
  for (const {name, value} of Array.from(target.attributes)) {
    const own = name.slice(5);
    if (name.startsWith('data-') && observed.includes(own)) button.setAttribute(own, value);
  }
  configure(button, options);

  return button;
}
