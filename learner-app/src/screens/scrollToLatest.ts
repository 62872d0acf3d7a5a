/**
 * Scrolls the conversation to its very end, so the newest message sits just above the sticky
 * footer (status line + input) rather than behind it: the nearest scrolling ancestor of `el`, or the page.
 */
export function scrollToLatest(el: HTMLElement | null): void {
  if (!el) return;
  for (let node = el.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight) {
      node.scrollTop = node.scrollHeight;
      return;
    }
  }
  window.scrollTo({ top: document.documentElement.scrollHeight });
}
