import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// waitFor and findBy wait for an answer of the fake client and the renders after it: a second,
// the library's default, was not always enough on a 2-core machine running the node tests beside
// (a time-control story waited 1.3 s in a clean clone's run). A test that passes waits no longer.
configure({ asyncUtilTimeout: 10_000 });

// jsdom lays nothing out, so every element has no box and focus code that skips hidden
// controls (dialogFocus) would skip them all: here an element in the document has one box
// unless it or an ancestor is `hidden`.
Element.prototype.getClientRects = function getClientRects(this: Element) {
  const box = { x: 0, y: 0, width: 1, height: 1, top: 0, left: 0, right: 1, bottom: 1, toJSON: () => ({}) };
  const boxes = this.isConnected && this.closest('[hidden]') === null ? [box] : [];
  return Object.assign(boxes, { item: (i: number) => boxes[i] ?? null }) as unknown as DOMRectList;
};

// Each test draws into a fresh document and starts without the drafts and choices an earlier one kept.
afterEach(() => {
  cleanup();
  window.localStorage.clear();
  window.sessionStorage.clear();
  window.location.hash = '';
});
