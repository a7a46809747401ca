import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { focusAtNextFrame } from '../../renderer/src/sessions/dialogFocus';

/** Frames asked for and not yet run: each test decides when the next one comes, as a busy machine might. */
let frames: FrameRequestCallback[] = [];
const nextFrame = () => {
  const due = frames;
  frames = [];
  for (const callback of due) callback(performance.now());
};

function button(name: string, parent: HTMLElement = document.body): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = name;
  parent.append(b);
  return b;
}

describe('focusAtNextFrame', () => {
  beforeEach(() => {
    frames = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => frames.push(callback));
    document.body.replaceChildren();
  });
  afterEach(() => vi.restoreAllMocks());

  it('moves the focus at the next frame, not before', () => {
    const save = button('Save');
    const field = button('Weight');
    save.focus();
    focusAtNextFrame(() => field);
    expect(save).toHaveFocus();
    nextFrame();
    expect(field).toHaveFocus();
  });

  it('moves it when the element that held it is still there at that frame, or is gone with its drawer', () => {
    const drawer = document.createElement('aside');
    document.body.append(drawer);
    const rationale = button('Rationale', drawer);
    const cell = button('Cell');
    rationale.focus();
    focusAtNextFrame(() => cell);
    nextFrame();
    expect(cell).toHaveFocus();

    rationale.focus();
    focusAtNextFrame(() => cell);
    drawer.remove();
    nextFrame();
    expect(cell).toHaveFocus();
  });

  it('leaves the focus where the user has put it since: a late frame does not take it from the next drawer', () => {
    const closing = button('Save score');
    const cell = button('Cell');
    const nextDrawer = button('Score 1');
    closing.focus();
    focusAtNextFrame(() => cell);
    nextDrawer.focus();
    nextFrame();
    expect(nextDrawer).toHaveFocus();
  });
});
