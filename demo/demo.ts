// Shows the element's events as they happen, the way a host page would listen for them.
const list = document.querySelector('#events');
const names = ['om-join-start', 'om-join-success', 'om-join-error', 'om-join-blocked'];

for (const name of names) {
  document.addEventListener(name, (event) => {
    const detail = (event as CustomEvent<Record<string, unknown>>).detail ?? {};
    const item = document.createElement('li');
    const code = typeof detail.code === 'string' ? ` (${detail.code})` : '';
    const message = typeof detail.message === 'string' ? `: ${detail.message}` : '';
    item.textContent = `${name}${code}${message}`;
    list?.prepend(item);
  });
}
