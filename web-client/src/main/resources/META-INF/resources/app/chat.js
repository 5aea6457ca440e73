// What the app does with the socket: catching up after every (re)connect, holding each open
// conversation's messages without gaps, sending in order with retries on the same keys, receipts,
// typing, presence and group changes (protocol.md, "Reconnecting and missing nothing" and "Pushes").
import { Connection } from './socket.js';
import { state, changed, showError, announce, Thread } from './store.js';
import { get } from './api.js';
import { ServerError } from './errors.js';
import { newId } from './ids.js';

const PAGE = 50;
const CATCH_UP_PAGE = 100;
/** Repeat typing this often while the person types (the server lets it expire after 6 s). */
const TYPING_REPEAT_MS = 2_500;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** How long to wait for a profile the users read model may not hold yet (right after registering). */
const PROFILE_RETRY_MS = 2_000;
/** How often, and how far apart, a read of a conversation just joined is tried again (see newMember). */
const NEW_MEMBER_ATTEMPTS = 6;
const NEW_MEMBER_RETRY_MS = 300;

let connection = null;
const typingSent = new Map();      // conversationId -> when we last said active: true
const marksDue = new Map();        // `${kind}:${conversationId}` -> seq waiting to be sent
const profileRequests = new Set();

export function startChat() {
  connection = new Connection({ onOpen: catchUp, onPush: received, onStatus: statusChanged });
  connection.start();
}

export function stopChat() {
  connection?.stop();
  connection = null;
}

export const request = (type, fields) => connection ? connection.request(type, fields)
  : Promise.reject(new ServerError('you are signed out', { code: 'OFFLINE' }));

function statusChanged(status, retryInMs, reason) {
  state.connection = { status, retryInMs, reason };
  if (status === 'online') announce('Connected');
  else if (status === 'offline') announce('Offline: reconnecting');
  changed();
}

// After every (re)connect: the summaries, then every missed message of the conversations held.
async function catchUp() {
  try {
    const { conversations } = await request('conversations');
    const listed = new Set();
    for (const summary of conversations) {
      listed.add(summary.conversationId);
      mergeSummary(summary);
      if (summary.lastSeq > summary.deliveredSeq) markLater('delivered', summary.conversationId, summary.lastSeq);
    }
    for (const id of [...state.conversations.keys()]) {
      // Left or removed while away; a conversation just created may not be listed yet, so one without
      // messages stays.
      if (!listed.has(id) && state.conversations.get(id).lastSeq > 0) forgetConversation(id);
    }
    for (const [id, thread] of state.threads) {
      const summary = state.conversations.get(id);
      if (summary && summary.lastSeq > thread.held) fill(id);
    }
    if (state.selected && !state.threads.get(state.selected)?.loaded) openConversation(state.selected);
    else if (state.selected) lookUpPresence(state.selected); // it may have changed while this page was away
    state.outgoing.filter(message => message.state !== 'failed').forEach(message => { message.state = 'queued'; });
    pumpAll();
    changed();
  } catch (error) {
    showError(error);
  }
}

function mergeSummary(summary) {
  const known = state.conversations.get(summary.conversationId);
  if (known && known.lastSeq > summary.lastSeq) {
    // Pushes got here first: keep what they said about the newest message.
    Object.assign(known, { ...summary, lastSeq: known.lastSeq, lastMessage: known.lastMessage, updatedAt: known.updatedAt });
    known.unread = Math.max(0, known.lastSeq - known.readSeq);
  } else {
    state.conversations.set(summary.conversationId, { ...known, ...summary });
  }
  summary.memberIds.forEach(ensureProfile);
  // Every member's watermarks: the ticks of receipts pushed before this page was loaded.
  (summary.members ?? []).filter(member => member.userId !== state.me.userId)
    .forEach(member => noteMarks(summary.conversationId, member.userId, member.deliveredSeq, member.readSeq));
  if (summary.lastMessage) noteSender(summary.lastMessage);
}

/** Raises what this page knows of another member's watermarks (they only ever rise). */
function noteMarks(conversationId, userId, delivered, read) {
  const byUser = state.receipts.get(conversationId) ?? new Map();
  state.receipts.set(conversationId, byUser);
  const marks = byUser.get(userId) ?? { delivered: 0, read: 0 };
  marks.delivered = Math.max(marks.delivered, delivered, read);
  marks.read = Math.max(marks.read, read);
  byUser.set(userId, marks);
}

/** A member's role in a group as the summary listed it, or as this page saw the group made; null if unknown. */
export function roleOf(summary, userId) {
  const listed = (summary.members ?? []).find(member => member.userId === userId);
  if (listed) return listed.role;
  const creator = state.creators.get(summary.conversationId);
  if (creator) return userId === creator ? 'admin' : 'member';
  return summary.members ? 'member' : null;
}

function forgetConversation(id) {
  state.conversations.delete(id);
  state.threads.delete(id);
  if (state.selected === id) {
    state.selected = null;
    state.panel = null;
  }
}

/** Newest first, for the list. */
export function conversationsByRecency() {
  return [...state.conversations.values()].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
}

function received(frame) {
  switch (frame.type) {
    case 'message': return messageArrived(frame);
    case 'receipt': return receiptArrived(frame);
    case 'typing': return typingArrived(frame);
    case 'presence':
      state.presence.set(frame.userId, { online: frame.online, lastSeen: frame.lastSeen });
      return changed();
    case 'membership': return membershipChanged(frame);
    case 'error': return showError(frame.message);
    default: return undefined;
  }
}

function messageArrived(message) {
  const id = message.conversationId;
  const mine = message.senderId === state.me.userId;
  let summary = state.conversations.get(id);
  if (!summary) {
    // A conversation not known yet: its summary comes with the list.
    summary = placeholder(id, [message.senderId, state.me.userId]);
    state.conversations.set(id, summary);
    refreshList();
  }
  if (message.seq > summary.lastSeq) summary.lastSeq = message.seq;
  if (!summary.lastMessage || message.seq >= summary.lastMessage.seq) {
    summary.lastMessage = message;
    summary.updatedAt = message.sentAt;
  }
  if (mine && message.seq > summary.readSeq) summary.readSeq = message.seq;
  summary.unread = Math.max(0, summary.lastSeq - summary.readSeq);

  noteSender(message);
  const thread = state.threads.get(id);
  if (thread) {
    thread.add(message);
    if (thread.loaded && thread.newest > thread.held) fill(id);
    else if (!thread.loaded && state.selected === id) loadLatest(id); // its first page was refused: again
  }
  if (mine) {
    state.outgoing = state.outgoing.filter(out => out.clientMsgId !== message.clientMsgId);
  } else {
    state.typing.get(id)?.delete(message.senderId);
    markLater('delivered', id, message.seq);
    if (isOnScreen(id)) markRead();
    announce(`New message from ${displayName(message.senderId)} in ${conversationName(summary)}`);
  }
  changed();
}

function receiptArrived({ conversationId, userId, kind, seq }) {
  if (userId === state.me.userId) {
    const summary = state.conversations.get(conversationId);
    if (summary) {
      if (kind === 'read') summary.readSeq = Math.max(summary.readSeq, seq);
      summary.deliveredSeq = Math.max(summary.deliveredSeq, seq);
      summary.unread = Math.max(0, summary.lastSeq - summary.readSeq);
    }
  } else {
    noteMarks(conversationId, userId, seq, kind === 'read' ? seq : 0);
  }
  changed();
}

function typingArrived({ conversationId, userId, active, expiresInMs }) {
  const typists = state.typing.get(conversationId) ?? new Map();
  state.typing.set(conversationId, typists);
  if (active) {
    typists.set(userId, Date.now() + expiresInMs);
    setTimeout(changed, expiresInMs + 50);
  } else {
    typists.delete(userId);
  }
  changed();
}

function membershipChanged({ conversationId, change, userIds, title, by }) {
  let summary = state.conversations.get(conversationId);
  const aboutMe = userIds.includes(state.me.userId);
  if (change === 'created' || (change === 'joined' && aboutMe && !summary)) {
    if (change === 'created' && conversationId.startsWith('g:')) state.creators.set(conversationId, by);
    if (!summary) {
      summary = placeholder(conversationId, change === 'created' ? userIds : [state.me.userId]);
      summary.title = title;
      state.conversations.set(conversationId, summary);
    }
    refreshList();
    if (by !== state.me.userId && conversationId.startsWith('g:')) {
      announce(`${displayName(by)} added you to ${title ?? 'a group'}`);
    }
  } else if (summary && change === 'joined') {
    summary.memberIds = [...new Set([...summary.memberIds, ...userIds])];
  } else if (summary && (change === 'left' || change === 'removed')) {
    if (aboutMe) {
      const name = conversationName(summary);
      forgetConversation(conversationId);
      announce(change === 'left' ? `You left ${name}` : `${displayName(by)} removed you from ${name}`);
      if (change === 'removed') showError(`${displayName(by)} removed you from ${name}`);
    } else {
      summary.memberIds = summary.memberIds.filter(member => !userIds.includes(member));
    }
  } else if (summary && change === 'renamed') {
    summary.title = title;
  }
  userIds.forEach(ensureProfile);
  changed();
}

function placeholder(conversationId, memberIds) {
  return {
    conversationId, kind: conversationId.startsWith('g:') ? 'group' : 'direct', title: null, memberIds,
    lastSeq: 0, deliveredSeq: 0, readSeq: 0, unread: 0, lastMessage: null, updatedAt: new Date().toISOString(),
  };
}

let listRefresh = null;
/** Asks for the summaries again (a conversation appeared that the list does not hold); one at a time. */
function refreshList() {
  if (listRefresh || !connection?.open) return;
  listRefresh = request('conversations')
    .then(({ conversations }) => conversations.forEach(mergeSummary))
    .catch(showError)
    .finally(() => { listRefresh = null; changed(); });
}

// ---- one conversation

export async function openConversation(id) {
  state.selected = id;
  state.panel = null;
  let thread = state.threads.get(id);
  if (!thread) {
    thread = new Thread();
    state.threads.set(id, thread);
  }
  // The newest message a push or the list brought shows at once, before the page behind it comes.
  const known = state.conversations.get(id)?.lastMessage;
  if (known && !thread.loaded) thread.add(known);
  changed();
  lookUpPresence(id);
  await loadLatest(id);
}

/**
 * A conversation's latest page, read once per thread. One refused (the read model trailing, say) leaves the
 * thread not loaded: the conversation's next push, or the next reconnect, asks again.
 */
async function loadLatest(id) {
  const thread = state.threads.get(id);
  if (!thread || thread.loaded || thread.opening || !connection?.open) return;
  thread.opening = true;
  try {
    const { messages } = await newMember(() => request('history', { conversationId: id, limit: PAGE }));
    thread.addLatest(messages, PAGE);
    messages.forEach(noteSender);
    const summary = state.conversations.get(id);
    if (summary && summary.lastSeq > thread.held) fill(id);
    markRead();
  } catch (error) {
    if (error.code !== 'OFFLINE') showError(error);
  } finally {
    thread.opening = false;
  }
  changed();
}

/**
 * The other person's presence as it is now, for a direct conversation: the pushes tell only of changes
 * after this page connected. A 404 means they may not be seen (they have not written here): nothing shown.
 */
function lookUpPresence(id) {
  const summary = state.conversations.get(id);
  if (!summary || summary.kind !== 'direct') return;
  const other = otherMember(summary);
  if (other === state.me.userId) return;
  get(`/api/users/${encodeURIComponent(other)}/presence`)
    .then(({ online, lastSeen }) => {
      const pushed = state.presence.get(other);
      // A push that came while this was asked is as new or newer.
      if (pushed?.lastSeen && lastSeen && Date.parse(pushed.lastSeen) > Date.parse(lastSeen)) return;
      state.presence.set(other, { online, lastSeen });
      changed();
    })
    .catch(error => { if (error.status !== 404) showError(error); });
}

/**
 * A conversation just opened or joined is decided on the command side before the member sets reading it
 * hear of it (the projections' lag): a read answered FORBIDDEN at once is asked again for a few seconds
 * before it is taken for an answer.
 */
async function newMember(read) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await read();
    } catch (error) {
      if (error.code !== 'FORBIDDEN' || attempt >= NEW_MEMBER_ATTEMPTS) throw error;
      await new Promise(resolve => setTimeout(resolve, NEW_MEMBER_RETRY_MS * attempt));
    }
  }
}

export function closeConversation() {
  state.selected = null;
  state.panel = null;
  changed();
}

/** The page before the oldest message held (scrolling up). */
export async function loadOlder(id) {
  const thread = state.threads.get(id);
  if (!thread || !thread.loaded || thread.reachedStart || thread.loadingOlder || thread.oldest === null) return;
  thread.loadingOlder = true;
  changed();
  try {
    const { messages } = await request('history', { conversationId: id, beforeSeq: thread.oldest, limit: PAGE });
    messages.forEach(message => { thread.add(message); noteSender(message); });
    if (messages.length < PAGE) thread.reachedStart = true;
  } catch (error) {
    showError(error);
  } finally {
    thread.loadingOlder = false;
    changed();
  }
}

/** Every seq after the highest held, a page at a time while pages come back full. One run at a time. */
function fill(id) {
  const thread = state.threads.get(id);
  if (!thread || thread.filling) return;
  thread.filling = (async () => {
    try {
      for (;;) {
        const { messages } = await newMember(() => request('history', { conversationId: id, afterSeq: thread.held, limit: CATCH_UP_PAGE }));
        messages.forEach(message => {
          thread.add(message);
          noteSender(message);
          if (message.senderId === state.me.userId) {
            state.outgoing = state.outgoing.filter(out => out.clientMsgId !== message.clientMsgId);
          }
        });
        if (messages.length < CATCH_UP_PAGE) break;
      }
    } catch (error) {
      if (error.code !== 'OFFLINE') showError(error);
    } finally {
      thread.filling = null;
      markRead();
      changed();
    }
  })();
}

// ---- receipts

function isOnScreen(id) {
  return state.selected === id && document.visibilityState === 'visible';
}

/** Marks the open conversation read up to what it shows, when the person can see it. */
export function markRead() {
  const id = state.selected;
  const thread = state.threads.get(id);
  const summary = state.conversations.get(id);
  if (!thread || !summary || !isOnScreen(id) || thread.held <= summary.readSeq) return;
  summary.readSeq = thread.held;
  summary.unread = Math.max(0, summary.lastSeq - summary.readSeq);
  markLater('read', id, thread.held);
  changed();
}

/** Receipts are watermarks: many within one task become one frame, the highest. */
function markLater(kind, conversationId, seq) {
  const key = `${kind}:${conversationId}`;
  if ((marksDue.get(key) ?? 0) >= seq) return;
  const first = !marksDue.has(key);
  marksDue.set(key, seq);
  if (!first) return;
  setTimeout(() => {
    const due = marksDue.get(key);
    marksDue.delete(key);
    newMember(() => request(kind === 'read' ? 'markRead' : 'markDelivered', { conversationId, seq: due }))
      .catch(error => { if (error.code !== 'OFFLINE') showError(error); });
  }, 0);
}

document.addEventListener('visibilitychange', markRead);
window.addEventListener('focus', markRead);

// ---- sending

/** Queues a message; it is sent after the conversation's previous one is acked, and retried on the same key. */
export function send(conversationId, text, media = null) {
  state.outgoing.push({
    conversationId, clientMsgId: newId('c-'), text: text || null, mediaId: media?.mediaId ?? null, media,
    state: 'queued', error: null, attempts: 0, sentAt: new Date().toISOString(),
  });
  stopTyping(conversationId);
  pump(conversationId);
  changed();
}

function pumpAll() {
  new Set(state.outgoing.map(message => message.conversationId)).forEach(pump);
}

async function pump(conversationId) {
  const next = state.outgoing.find(message => message.conversationId === conversationId && message.state !== 'failed');
  if (!next || next.state === 'sending' || !connection?.open) return;
  next.state = 'sending';
  changed();
  try {
    const fields = { conversationId, clientMsgId: next.clientMsgId };
    if (next.text) fields.text = next.text;
    if (next.mediaId) fields.mediaId = next.mediaId;
    const ack = await request('send', fields);
    next.state = 'acked';
    next.seq = ack.seq;
    if (state.threads.get(conversationId)?.bySeq.has(ack.seq)) {
      state.outgoing = state.outgoing.filter(message => message !== next);
    }
  } catch (error) {
    next.attempts += 1;
    if (error.code === 'OFFLINE') {
      next.state = 'queued';           // sent again on reconnect, same clientMsgId
    } else if (error.retryable) {
      next.state = 'waiting';
      next.error = error.message;
      const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (next.attempts - 1));
      const delay = Math.max(error.retryAfterMs ?? 0, backoff * (1 + Math.random()));
      setTimeout(() => { if (next.state === 'waiting') { next.state = 'queued'; pump(conversationId); } }, delay);
    } else {
      next.state = 'failed';
      next.error = error.message;
      showError(`Not sent: ${error.message}`);
    }
  }
  changed();
  // Acked ones wait for their push; the next message of the conversation goes now.
  const after = state.outgoing.find(message => message.conversationId === conversationId
    && (message.state === 'queued'));
  if (after && next.state === 'acked') pump(conversationId);
}

export function retrySend(message) {
  message.state = 'queued';
  message.error = null;
  pump(message.conversationId);
  changed();
}

export function discardSend(message) {
  state.outgoing = state.outgoing.filter(out => out !== message);
  changed();
}

// ---- typing

/** Called as the person types: says "typing" at most every 2.5 s, and "stopped" when the box empties. */
export function typed(conversationId, hasText) {
  if (!hasText) return stopTyping(conversationId);
  const last = typingSent.get(conversationId) ?? 0;
  if (Date.now() - last < TYPING_REPEAT_MS || !connection?.open) return undefined;
  typingSent.set(conversationId, Date.now());
  return request('typing', { conversationId, active: true }).catch(quietly);
}

export function stopTyping(conversationId) {
  if (!typingSent.has(conversationId)) return undefined;
  typingSent.delete(conversationId);
  return request('typing', { conversationId, active: false }).catch(quietly);
}

// Typing is a hint: an outage refusing it is not worth an error each keystroke, nor is a conversation
// whose member sets have not heard of it yet (just opened; the next typing goes through). Others are shown.
function quietly(error) {
  if (!error.retryable && error.code !== 'FORBIDDEN') showError(error);
}

/** The people typing in a conversation now. */
export function typists(conversationId) {
  const now = Date.now();
  return [...(state.typing.get(conversationId) ?? new Map())].filter(([, until]) => until > now).map(([user]) => user);
}

// ---- status of my messages

/**
 * Sending marks a conversation read up to the message for its sender (protocol.md): a message from someone
 * says they have read, and so received, everything up to it. This fills in ticks that no receipt push told
 * this page about (receipts sent before it was loaded).
 */
function noteSender(message) {
  if (message.senderId !== state.me.userId) noteMarks(message.conversationId, message.senderId, message.seq, message.seq);
}

/** 'read' when every other member read it, 'delivered' when every other member has it, else 'sent'. */
export function statusOf(summary, message) {
  const others = summary.memberIds.filter(member => member !== state.me.userId);
  if (others.length === 0) return 'sent';
  const marks = state.receipts.get(summary.conversationId) ?? new Map();
  const all = kind => others.every(member => (marks.get(member)?.[kind] ?? 0) >= message.seq);
  if (all('read')) return 'read';
  if (all('delivered')) return 'delivered';
  return 'sent';
}

// ---- people

export function ensureProfile(userId) {
  if (!userId || state.profiles.has(userId) || profileRequests.has(userId)) return;
  profileRequests.add(userId);
  get(`/api/users/${encodeURIComponent(userId)}`)
    .then(profile => { state.profiles.set(userId, profile); changed(); })
    .catch(error => {
      // Right after registering, a profile may trail for a moment: ask again later rather than say so.
      if (error.status === 404) setTimeout(() => { profileRequests.delete(userId); ensureProfile(userId); }, PROFILE_RETRY_MS);
      else showError(error);
    })
    .finally(() => { if (state.profiles.has(userId)) profileRequests.delete(userId); });
}

export function displayName(userId) {
  if (userId === state.me?.userId) return 'You';
  return state.profiles.get(userId)?.displayName ?? 'someone';
}

/** The other person of a direct conversation. */
export function otherMember(summary) {
  return summary.memberIds.find(member => member !== state.me.userId) ?? state.me.userId;
}

export function conversationName(summary) {
  if (summary.kind === 'group') return summary.title ?? 'Group';
  return state.profiles.get(otherMember(summary))?.displayName ?? 'Direct chat';
}

// ---- starting conversations and groups

export async function startDirect(userId) {
  try {
    const { conversationId } = await request('openDirect', { userId });
    if (!state.conversations.has(conversationId)) {
      state.conversations.set(conversationId, placeholder(conversationId, [state.me.userId, userId]));
    }
    ensureProfile(userId);
    openConversation(conversationId);
    return conversationId;
  } catch (error) {
    showError(error);
    return null;
  }
}

export async function createGroup(title, memberIds) {
  const conversationId = 'g:' + newId('');
  // A retry after a timeout carries the same id, so it can never make a second group.
  for (let attempt = 0; ; attempt++) {
    try {
      await request('createGroup', { conversationId, title, memberIds });
      break;
    } catch (error) {
      if (!error.retryable || error.code === 'OFFLINE' || attempt >= 3) throw error;
      await new Promise(resolve => setTimeout(resolve, Math.max(error.retryAfterMs ?? 0, FIRST_RETRY_MS * 2 ** attempt)));
    }
  }
  if (!state.conversations.has(conversationId)) {
    const summary = placeholder(conversationId, [state.me.userId, ...memberIds]);
    summary.title = title;
    state.conversations.set(conversationId, summary);
  }
  state.creators.set(conversationId, state.me.userId);
  openConversation(conversationId);
  return conversationId;
}
