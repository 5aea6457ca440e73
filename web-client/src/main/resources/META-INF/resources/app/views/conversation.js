// One conversation: its history (older pages as the person scrolls up), day separators, own messages on the
// right with their status, the others' typing, the other person's presence, and the composer.
import { h, Component, createRef } from '../preact.js';
import { state, changed, showError } from '../store.js';
import {
  loadOlder, markRead, send, typed, stopTyping, typists, statusOf, displayName, conversationName, otherMember,
  closeConversation, retrySend, discardSend,
} from '../chat.js';
import { upload, isImage } from '../media.js';
import { Avatar, clock, dayName, sameDay, lastSeenWords } from './common.js';
import { MembersPanel } from './groups.js';

/** Start loading the previous page this close to the top (px), before the person reaches it. */
const LOAD_OLDER_WITHIN_PX = 120;
/** Scrolled this close to the bottom counts as reading the newest messages (px). */
const AT_BOTTOM_WITHIN_PX = 48;

const STATUS_WORDS = { sending: 'Sending', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Not sent' };
const STATUS_MARKS = { sending: '…', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' };

export class ConversationView extends Component {
  list = createRef();
  composer = createRef();

  componentDidMount() {
    this.toBottom();
    this.composer.current?.focus();
    this.fillScreen();
  }

  getSnapshotBeforeUpdate() {
    const list = this.list.current;
    if (!list) return null;
    return {
      id: this.shownId,
      oldest: this.shownOldest,
      height: list.scrollHeight,
      top: list.scrollTop,
      atBottom: list.scrollHeight - list.scrollTop - list.clientHeight < AT_BOTTOM_WITHIN_PX,
    };
  }

  componentDidUpdate(_, __, before) {
    const list = this.list.current;
    if (!list || !before) return;
    if (before.id !== this.shownId) {
      this.toBottom();
      this.composer.current?.focus();
    } else if (before.oldest !== null && this.shownOldest !== null && this.shownOldest < before.oldest) {
      // An older page came in above: keep the messages the person was reading where they were.
      list.scrollTop = before.top + (list.scrollHeight - before.height);
    } else if (before.atBottom) {
      this.toBottom();
    }
    this.fillScreen();
  }

  toBottom() {
    const list = this.list.current;
    if (list) list.scrollTop = list.scrollHeight;
  }

  /** While the messages do not fill the pane there is nothing to scroll: load older ones at once. */
  fillScreen() {
    const list = this.list.current;
    if (list && list.scrollHeight <= list.clientHeight) loadOlder(this.shownId);
  }

  scrolled = () => {
    const list = this.list.current;
    if (list.scrollTop < LOAD_OLDER_WITHIN_PX) loadOlder(this.shownId);
    if (list.scrollHeight - list.scrollTop - list.clientHeight < AT_BOTTOM_WITHIN_PX) markRead();
  };

  keyDown = event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.submit();
    }
  };

  submit = event => {
    event?.preventDefault();
    const box = this.composer.current;
    const text = box.value;
    if (text.trim() === '') return;
    send(this.shownId, text);
    box.value = '';
  };

  attach = async files => {
    const file = files?.[0];
    if (!file) return;
    const id = this.shownId;
    try {
      const media = await upload(file);
      // What the composer holds goes with the file as its caption.
      const box = this.composer.current;
      const caption = box && this.shownId === id ? box.value.trim() : '';
      send(id, caption || null, media);
      if (caption) box.value = '';
    } catch (error) {
      showError(error);
    }
  };

  render({ summary }) {
    const id = summary.conversationId;
    const thread = state.threads.get(id);
    this.shownId = id;
    this.shownOldest = thread?.oldest ?? null;
    const group = summary.kind === 'group';
    const name = conversationName(summary);
    const other = group ? null : otherMember(summary);
    const subtitle = group ? `${summary.memberIds.length} members` : lastSeenWords(state.presence.get(other));
    const typing = typists(id).map(displayName);
    return h('main', { class: 'conversation-pane', 'aria-labelledby': 'conversation-title',
      onDragOver: event => event.preventDefault(),
      onDrop: event => { event.preventDefault(); this.attach(event.dataTransfer?.files); } },
    h('header', { class: 'conversation-header' },
      h('button', { type: 'button', class: 'back', 'aria-label': 'Back to conversations', onClick: closeConversation }, '←'),
      h(Avatar, { profile: other ? state.profiles.get(other) : null, name, group }),
      h('div', { class: 'title' },
        h('h2', { id: 'conversation-title' }, name),
        h('p', { class: 'presence', 'data-testid': 'presence' }, subtitle)),
      group && h('button', { type: 'button', 'aria-expanded': String(state.panel === 'members'),
        onClick: () => { state.panel = state.panel === 'members' ? null : 'members'; changed(); } }, 'Members')),
    group && state.panel === 'members' && h(MembersPanel, { summary }),
    h('div', { class: 'messages', ref: this.list, onScroll: this.scrolled, tabIndex: 0, role: 'region', 'aria-label': 'Messages' },
      thread && !thread.reachedStart && h('button', { type: 'button', class: 'link older', disabled: thread.loadingOlder,
        onClick: () => loadOlder(id) }, thread.loadingOlder ? 'Loading older messages…' : 'Load older messages'),
      thread?.reachedStart && thread.bySeq.size > 0 && h('p', { class: 'hint start' }, 'The conversation starts here'),
      h('ol', { class: 'message-list', 'aria-label': 'Message history' }, this.items(summary, thread))),
    h('p', { class: 'typing', 'aria-live': 'polite', 'data-testid': 'typing' },
      typing.length === 0 ? '' : `${typing.join(', ')} ${typing.length === 1 ? 'is' : 'are'} typing…`),
    state.upload && h('div', { class: 'upload' },
      h('label', { for: 'upload-progress' }, `Uploading ${state.upload.name}`),
      h('progress', { id: 'upload-progress', max: state.upload.total, value: state.upload.loaded })),
    h('form', { class: 'composer', onSubmit: this.submit },
      h('label', { for: 'composer-text', class: 'visually-hidden' }, 'Message'),
      h('textarea', { id: 'composer-text', ref: this.composer, rows: 2, maxLength: 4096, placeholder: 'Write a message', title: 'Enter sends, Shift+Enter starts a new line',
        onKeyDown: this.keyDown, onInput: event => typed(id, event.target.value.trim() !== ''), onBlur: () => stopTyping(id) }),
      h('label', { class: 'button attach' },
        h('input', { type: 'file', class: 'visually-hidden', 'aria-label': 'Attach a file', disabled: !!state.upload,
          onChange: event => { this.attach(event.target.files); event.target.value = ''; } }),
        h('span', { 'aria-hidden': 'true' }, 'Attach')),
      h('button', { type: 'submit', class: 'primary' }, 'Send')),
    state.viewer && h(ImageViewer, { media: state.viewer }));
  }

  items(summary, thread) {
    const shown = thread ? thread.messages() : [];
    const pending = state.outgoing.filter(message => message.conversationId === summary.conversationId
      && !(message.seq && thread?.bySeq.has(message.seq)));
    const items = [];
    let day = null;
    const separate = iso => {
      const date = new Date(iso);
      if (!day || !sameDay(day, date)) {
        day = date;
        items.push(h('li', { class: 'day', key: 'day-' + date.toDateString() }, h('h3', null, dayName(date))));
      }
    };
    for (const message of shown) {
      separate(message.sentAt);
      const mine = message.senderId === state.me.userId;
      items.push(this.message(summary, message, mine, mine ? statusOf(summary, message) : null, null));
    }
    for (const message of pending) {
      separate(message.sentAt);
      const status = message.state === 'failed' ? 'failed' : 'sending';
      items.push(this.message(summary, message, true, status, message));
    }
    return items;
  }

  message(summary, message, mine, status, outgoing) {
    const group = summary.kind === 'group';
    return h('li', { key: outgoing ? 'out-' + message.clientMsgId : 'seq-' + message.seq,
      class: `message ${mine ? 'mine' : 'theirs'}`, 'data-seq': message.seq ?? undefined },
    group && !mine && h('p', { class: 'sender' }, displayName(message.senderId)),
    message.media && this.media(message),
    message.text && h('p', { class: 'text' }, message.text),
    h('p', { class: 'meta' },
      h('time', { dateTime: message.sentAt }, clock(message.sentAt)),
      status && h('span', { class: `status status-${status}`, 'data-status': status },
        h('span', { 'aria-hidden': 'true' }, STATUS_MARKS[status]),
        h('span', { class: 'visually-hidden' }, STATUS_WORDS[status]))),
    outgoing?.error && h('p', { class: 'error' }, outgoing.error,
      outgoing.state === 'failed' && h('span', null,
        h('button', { type: 'button', class: 'link', onClick: () => retrySend(outgoing) }, 'Retry'),
        h('button', { type: 'button', class: 'link', onClick: () => discardSend(outgoing) }, 'Discard'))));
  }

  media(message) {
    const media = message.media;
    if (isImage(media)) {
      const from = message.senderId === state.me.userId ? 'you' : displayName(message.senderId);
      return h('button', { type: 'button', class: 'thumbnail', 'aria-label': `Open image from ${from} full size`,
        onClick: () => { state.viewer = media; changed(); } },
      h('img', { src: media.thumbnailUrl ?? media.url, alt: `Image from ${from}`, width: thumbWidth(media), loading: 'lazy' }));
    }
    if (media.contentType.startsWith('video/')) return h('video', { src: media.url, controls: true, preload: 'metadata', class: 'video' });
    if (media.contentType.startsWith('audio/')) return h('audio', { src: media.url, controls: true, preload: 'metadata' });
    return h('a', { href: media.url, target: '_blank', rel: 'noopener noreferrer', class: 'file' },
      `Open the file (${media.contentType}, ${Math.ceil(media.size / 1024)} KB)`);
  }
}

function thumbWidth(media) {
  if (!media.width || !media.height) return undefined;
  return Math.min(240, media.width);
}

/** The full image, in a modal dialog: Escape or the button closes it, and focus returns where it was. */
class ImageViewer extends Component {
  dialog = createRef();

  componentDidMount() {
    this.dialog.current.showModal();
  }

  close = () => {
    state.viewer = null;
    changed();
  };

  render({ media }) {
    return h('dialog', { ref: this.dialog, class: 'viewer', 'aria-label': 'Image', onClose: this.close },
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close image', onClick: () => this.dialog.current.close() }, '×'),
      h('img', { src: media.url, alt: 'The image, full size' }));
  }
}
