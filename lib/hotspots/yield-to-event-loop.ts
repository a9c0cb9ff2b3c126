/**
 * Lets the event loop turn (timers, I/O: requests that arrived meanwhile) before going on. On the
 * embedded engine a request's statements and its statistics run on the one Node thread; an analysis
 * awaits this between its phases so that nobody waits behind all of them at once.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
