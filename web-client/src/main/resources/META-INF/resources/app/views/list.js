// The conversation list: newest first, each with its avatar, name, last message, time and unread count.
import { h } from '../preact.js';
import { state, changed } from '../store.js';
import { conversationsByRecency, conversationName, otherMember, openConversation, displayName } from '../chat.js';
import { Avatar, listTime } from './common.js';

export function ConversationList() {
  const conversations = conversationsByRecency();
  return h('nav', { class: 'list-pane', 'aria-labelledby': 'conversations-title' },
    h('div', { class: 'pane-header' },
      h('h2', { id: 'conversations-title' }, 'Conversations'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onClick: () => openPanel('search'), 'aria-pressed': String(state.panel === 'search') }, 'New chat'),
        h('button', { type: 'button', onClick: () => openPanel('new-group'), 'aria-pressed': String(state.panel === 'new-group') }, 'New group'))),
    conversations.length === 0
      ? h('p', { class: 'empty' }, 'No conversations yet. Start one with “New chat”.')
      : h('ul', { class: 'conversations', 'aria-label': 'Conversation list' }, conversations.map(Row)));
}

function openPanel(panel) {
  state.panel = state.panel === panel ? null : panel;
  if (state.panel) state.selected = null;
  changed();
}

function Row(summary) {
  const name = conversationName(summary);
  const profile = summary.kind === 'direct' ? state.profiles.get(otherMember(summary)) : null;
  const last = summary.lastMessage;
  const preview = !last ? 'No messages yet'
    : `${summary.kind === 'group' || last.senderId === state.me.userId ? displayName(last.senderId) + ': ' : ''}${last.text ?? (last.media ? '📎 ' + (last.media.contentType.startsWith('image/') ? 'Photo' : 'File') : '')}`;
  const unread = summary.unread > 0 ? `, ${summary.unread} unread` : '';
  return h('li', { key: summary.conversationId },
    h('button', {
      type: 'button', class: 'conversation', 'data-conversation-id': summary.conversationId,
      'aria-current': state.selected === summary.conversationId ? 'true' : undefined,
      'aria-label': `${name}${unread}`,
      onClick: () => openConversation(summary.conversationId),
    },
    h(Avatar, { profile, name, group: summary.kind === 'group' }),
    h('span', { class: 'summary' },
      h('span', { class: 'name' }, name),
      h('span', { class: 'preview' }, preview)),
    h('span', { class: 'meta' },
      h('time', { dateTime: summary.updatedAt }, listTime(last?.sentAt ?? summary.updatedAt)),
      summary.unread > 0 && h('span', { class: 'unread', 'aria-label': `${summary.unread} unread` }, String(summary.unread)))));
}
