// The conference's socket, opened as soon as the workspace's module runs
// rather than once the page has hydrated: on a slow link its connection and
// upgrade (two round trips) then happen while the page's scripts and catalog
// arrive. The provider takes it over when it connects for the first time.

const KEEP_UNCLAIMED_MS = 15_000;
type Listener = ((event: Event) => void) | null;

/**
 * A socket opened before anyone listened: it holds what happens to it (open,
 * messages, close) until the provider has set its handlers, then hands it on in order.
 */
class EarlySocket {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  onopen: Listener = null;
  onmessage: Listener = null;
  onerror: Listener = null;
  onclose: Listener = null;
  private held: Event[] | null = [];

  constructor(private readonly socket: WebSocket) {
    socket.binaryType = "arraybuffer";
    for (const type of ["open", "message", "error", "close"] as const) socket.addEventListener(type, (event) => (this.held ? this.held.push(event) : this.deliver(event)));
  }

  get readyState() {
    return this.socket.readyState;
  }
  get binaryType() {
    return this.socket.binaryType;
  }
  set binaryType(_type: BinaryType) {
    // Always arraybuffer, as the provider asks.
  }
  send(data: ArrayBufferLike | ArrayBufferView) {
    this.socket.send(data);
  }
  close(code?: number, reason?: string) {
    this.socket.close(code, reason);
  }

  /** Once the provider's handlers are set (it sets them right after constructing): what was held, in order. */
  release() {
    queueMicrotask(() => {
      const held = this.held ?? [];
      this.held = null;
      for (const event of held) this.deliver(event);
    });
  }

  private deliver(event: Event) {
    const handler = { open: this.onopen, message: this.onmessage, error: this.onerror, close: this.onclose }[event.type];
    handler?.(event);
  }
}

const waiting = new Map<string, EarlySocket>();

/** Opens the socket the provider for this URL will ask for first. */
export function openEarlySocket(url: string) {
  if (waiting.has(url) || typeof WebSocket === "undefined") return;
  const socket = new WebSocket(url);
  const early = new EarlySocket(socket);
  waiting.set(url, early);
  // Not claimed (the page went elsewhere, or its effect never connected): no socket is left open.
  setTimeout(() => {
    if (waiting.get(url) !== early) return;
    waiting.delete(url);
    socket.close();
  }, KEEP_UNCLAIMED_MS);
}

/** For the provider's WebSocketPolyfill option: the socket opened early for that URL, once, else a new one. */
export const EarlyOrNewSocket = function EarlyOrNewSocket(url: string, protocols?: string | string[]) {
  const early = waiting.get(url);
  if (!early) return new WebSocket(url, protocols);
  waiting.delete(url);
  early.release();
  return early;
} as unknown as typeof WebSocket;
