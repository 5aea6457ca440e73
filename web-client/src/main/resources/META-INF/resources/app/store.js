// The app's state, in one place, and the one way to have the page drawn again after a change: mutate,
// then call changed(). Drawing is batched: many changes in one task draw once.
import { describe } from './errors.js';

/** How many error messages stay on screen at once; older ones give way. */
const MAX_ERRORS_SHOWN = 3;
const ERROR_SHOWN_MS = 12_000;

export const state = {
  me: null,                  // {userId, username, displayName}
  connection: { status: 'connecting', retryInMs: 0, reason: null },
  conversations: new Map(),  // id -> summary (protocol.md, "A conversation summary")
  threads: new Map(),        // id -> Thread, for the conversations opened
  outgoing: [],              // messages not yet acked: {conversationId, clientMsgId, text, mediaId, media, state, error}
  receipts: new Map(),       // conversationId -> Map userId -> {delivered, read}
  typing: new Map(),         // conversationId -> Map userId -> expiresAt (ms)
  presence: new Map(),       // userId -> {online, lastSeen}
  profiles: new Map(),       // userId -> public profile
  creators: new Map(),       // conversationId -> userId who created the group (its first admin)
  selected: null,            // the open conversation's id
  panel: null,               // null | 'search' | 'new-group' | 'members' | 'profile'
  upload: null,              // {name, loaded, total} while a file uploads
  viewer: null,              // the media object shown full size
  errors: [],                // {id, text}
  announcement: '',          // read out by screen readers (a polite live region)
};

let nextErrorId = 1;
const listeners = new Set();
let drawing = false;

export function subscribe(listener) {
  listeners.add(listener);
}

export function changed() {
  if (drawing) return;
  drawing = true;
  queueMicrotask(() => {
    drawing = false;
    listeners.forEach(listener => listener());
  });
}

/** Shows an error in words; the same words already shown are not repeated. */
export function showError(error) {
  const text = typeof error === 'string' ? error : describe(error);
  if (state.errors.some(shown => shown.text === text)) return;
  const id = nextErrorId++;
  state.errors = [...state.errors, { id, text }].slice(-MAX_ERRORS_SHOWN);
  setTimeout(() => dismissError(id), ERROR_SHOWN_MS);
  changed();
}

export function dismissError(id) {
  state.errors = state.errors.filter(shown => shown.id !== id);
  changed();
}

export function announce(text) {
  // Set twice so that the same words said again are read again.
  state.announcement = '';
  changed();
  setTimeout(() => { state.announcement = text; changed(); }, 50);
}

/** A conversation's messages held in memory: every seq from `oldest` to `held`, and some above while a gap fills. */
export class Thread {
  constructor() {
    this.bySeq = new Map();
    this.held = 0;           // every seq from `oldest` up to this one is here
    this.oldest = null;      // the lowest seq here
    this.reachedStart = false;
    this.loadingOlder = false;
    this.filling = null;     // the running catch-up, if any
    this.opening = false;    // the first page is being read
    this.loaded = false;
  }

  add(message) {
    this.bySeq.set(message.seq, message);
    if (this.oldest === null || message.seq < this.oldest) this.oldest = message.seq;
    if (this.oldest === 1) this.reachedStart = true;
    while (this.bySeq.has(this.held + 1)) this.held += 1;
  }

  /** The latest page of a conversation: whole up to its newest seq (older ones come with scrolling up). */
  addLatest(messages, pageSize) {
    messages.forEach(message => this.add(message));
    if (messages.length > 0) this.held = Math.max(this.held, messages[messages.length - 1].seq);
    while (this.bySeq.has(this.held + 1)) this.held += 1;
    if (messages.length < pageSize) this.reachedStart = true;
    this.loaded = true;
  }

  /** Messages in seq order. */
  messages() {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  get newest() {
    let newest = 0;
    for (const seq of this.bySeq.keys()) newest = Math.max(newest, seq);
    return newest;
  }
}
