// The one socket: a one-time ticket (a browser cannot set headers on the upgrade), then /ws?ticket=…;
// requests matched to their replies by id; and reconnecting after any close, with the backoff
// protocol.md asks for (1 s doubling to 30 s, plus 0 to 100% jitter; at once after 1001 and 1012).
import { post } from './api.js';
import { refresh, currentSession, SignedOut } from './session.js';
import { ServerError, describe } from './errors.js';

const FIRST_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** A request left unanswered this long fails (the server answers within seconds, even when overloaded). */
const REPLY_TIMEOUT_MS = 20_000;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_SERVICE_RESTART = 1012;
const CLOSE_TOKEN = 4001;

export class Connection {
  /**
   * @param onOpen   called once the socket is open (then catch up)
   * @param onPush   called with every frame that is not a reply
   * @param onStatus called with 'connecting' | 'online' | 'offline', the ms until the next attempt, and why
   */
  constructor({ onOpen, onPush, onStatus }) {
    Object.assign(this, { onOpen, onPush, onStatus });
    this.socket = null;
    this.pending = new Map();
    this.nextId = 1;
    this.failures = 0;
    this.stopped = false;
    this.timer = null;
    this.wakeUp = () => this.reconnectNow();
  }

  start() {
    window.addEventListener('online', this.wakeUp);
    this.connect();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.wakeUp);
    clearTimeout(this.timer);
    this.socket?.close(1000, 'signed out');
  }

  get open() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  reconnectNow() {
    if (this.stopped || this.socket) return;
    clearTimeout(this.timer);
    this.connect();
  }

  async connect() {
    this.timer = null;
    this.onStatus('connecting', 0, null);
    let ticket;
    try {
      ticket = (await post('/api/ws-tickets')).ticket;
    } catch (error) {
      if (error instanceof SignedOut) return;
      this.retryLater(describe(error));
      return;
    }
    if (this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/ws?ticket=${encodeURIComponent(ticket)}`);
    this.socket = socket;
    socket.onopen = () => {
      this.failures = 0;
      this.onStatus('online', 0, null);
      this.onOpen();
    };
    socket.onmessage = event => this.received(JSON.parse(event.data));
    socket.onclose = event => this.closed(socket, event);
  }

  received(frame) {
    const waiting = frame.id != null ? this.pending.get(frame.id) : null;
    if (!waiting) {
      if (frame.type === 'error') {
        // An error without a request to pin it on (a malformed frame of ours): still said, never dropped.
        this.onPush({ type: 'error', message: frame.message });
      } else {
        this.onPush(frame);
      }
      return;
    }
    this.pending.delete(frame.id);
    clearTimeout(waiting.timeout);
    if (frame.type === 'error') {
      waiting.reject(new ServerError(frame.message, { code: frame.code, retryAfterMs: frame.retryAfterMs ?? null }));
    } else {
      waiting.resolve(frame);
    }
  }

  async closed(socket, event) {
    if (this.socket !== socket) return;
    this.socket = null;
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timeout);
      waiting.reject(offline());
    }
    this.pending.clear();
    if (this.stopped) return;
    if (event.code === CLOSE_TOKEN) {
      // The access token expired or the session was signed out: refresh (a 401 there signs out here).
      try {
        await refresh(currentSession()?.token);
      } catch (error) {
        if (error instanceof SignedOut) return;
      }
      this.connect();
    } else if (event.code === CLOSE_GOING_AWAY || event.code === CLOSE_SERVICE_RESTART) {
      this.connect();
    } else {
      this.retryLater(event.reason || null);
    }
  }

  retryLater(reason) {
    const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** this.failures);
    const delay = Math.round(backoff * (1 + Math.random()));
    this.failures += 1;
    this.onStatus('offline', delay, reason);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Sends a command and answers its ack; rejects with the error frame's words, or OFFLINE. */
  request(type, fields = {}) {
    if (!this.open) return Promise.reject(offline());
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        this.pending.delete(id);
        reject(new ServerError('the server did not answer in time; try again', { code: 'UNAVAILABLE' }));
      }, REPLY_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timeout });
      this.socket.send(JSON.stringify({ type, id, ...fields }));
    });
  }
}

function offline() {
  return new ServerError('you are offline: this will be retried once the connection is back', { code: 'OFFLINE' });
}
