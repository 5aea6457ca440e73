// Panels beside the list: starting a direct chat, creating a group, and a group's members (roles, add,
// remove, rename, leave).
import { h, Component } from '../preact.js';
import { state, changed, showError, announce } from '../store.js';
import { startDirect, createGroup, request, displayName, conversationName, roleOf } from '../chat.js';
import { UserSearch } from './search.js';
import { Avatar } from './common.js';

export function NewChatPanel() {
  return h('section', { class: 'panel', 'aria-labelledby': 'new-chat-title' },
    h('div', { class: 'pane-header' },
      h('h2', { id: 'new-chat-title' }, 'New chat'),
      closeButton('Close new chat')),
    h(UserSearch, {
      id: 'new-chat-search', label: 'Search users by username', focus: true,
      action: user => h('button', { type: 'button', 'aria-label': `Chat with ${user.displayName}`, onClick: () => startDirect(user.userId) }, 'Chat'),
    }));
}

function closeButton(label) {
  return h('button', { type: 'button', class: 'close', 'aria-label': label, onClick: () => { state.panel = null; changed(); } }, '×');
}

export class NewGroupPanel extends Component {
  constructor() {
    super();
    this.state = { members: [], busy: false };
  }

  componentDidMount() {
    document.getElementById('group-title')?.focus();
  }

  async create(event) {
    event.preventDefault();
    const title = new FormData(event.target).get('title').trim();
    this.setState({ busy: true });
    try {
      await createGroup(title, this.state.members.map(member => member.userId));
      announce(`Group ${title} created`);
    } catch (error) {
      showError(error);
      this.setState({ busy: false });
    }
  }

  render(_, { members, busy }) {
    const chosen = new Set(members.map(member => member.userId));
    return h('section', { class: 'panel', 'aria-labelledby': 'new-group-title' },
      h('div', { class: 'pane-header' }, h('h2', { id: 'new-group-title' }, 'New group'), closeButton('Close new group')),
      h('form', { id: 'new-group-form', onSubmit: event => this.create(event) },
        h('div', { class: 'field' },
          h('label', { for: 'group-title' }, 'Group title'),
          h('input', { id: 'group-title', name: 'title', required: true, maxLength: 100 }))),
      h('h3', null, 'Members'),
      members.length === 0 ? h('p', { class: 'hint' }, 'Add people below; you are a member already.')
        : h('ul', { class: 'people', 'aria-label': 'Chosen members' }, members.map(member => h('li', { key: member.userId },
          h('span', { class: 'name' }, member.displayName),
          h('button', { type: 'button', 'aria-label': `Remove ${member.displayName} from the new group`,
            onClick: () => this.setState({ members: members.filter(other => other.userId !== member.userId) }) }, 'Remove')))),
      h(UserSearch, {
        id: 'new-group-search', label: 'Find people to add',
        action: user => h('button', { type: 'button', disabled: chosen.has(user.userId), 'aria-label': `Add ${user.displayName} to the new group`,
          onClick: () => this.setState({ members: [...members, user] }) }, chosen.has(user.userId) ? 'Added' : 'Add'),
      }),
      h('button', { type: 'submit', form: 'new-group-form', class: 'primary', disabled: busy }, 'Create group'));
  }
}

/** A group's members with their roles, and what a member may do to it. */
export function MembersPanel({ summary }) {
  const id = summary.conversationId;
  const iAmAdmin = roleOf(summary, state.me.userId) !== 'member';
  const act = (type, fields, done) => request(type, { conversationId: id, ...fields }).then(done).catch(showError);
  return h('section', { class: 'panel members', 'aria-labelledby': 'members-title' },
    h('div', { class: 'pane-header' },
      h('h3', { id: 'members-title' }, `Members of ${conversationName(summary)}`),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close members', onClick: () => { state.panel = null; changed(); } }, '×')),
    h('ul', { class: 'people', 'aria-label': 'Members' }, summary.memberIds.map(member => {
      const profile = state.profiles.get(member);
      const name = member === state.me.userId ? `${state.me.displayName} (you)` : displayName(member);
      const role = roleOf(summary, member);
      return h('li', { key: member },
        h(Avatar, { profile, name }),
        h('span', { class: 'name' }, name),
        role && h('span', { class: 'role' }, role),
        // Only admins remove others (the server refuses anyone else); a role not known yet keeps the button.
        member !== state.me.userId && iAmAdmin && h('button', { type: 'button', 'aria-label': `Remove ${name}`,
          onClick: () => act('removeMember', { userId: member }, () => announce(`${name} removed`)) }, 'Remove'));
    })),
    h('form', { class: 'inline', onSubmit: event => {
      event.preventDefault();
      const title = new FormData(event.target).get('title').trim();
      act('renameGroup', { title }, () => announce(`Group renamed to ${title}`));
    } },
    h('label', { for: 'rename-title' }, 'Group title'),
    h('input', { id: 'rename-title', name: 'title', required: true, maxLength: 100, defaultValue: summary.title ?? '' }),
    h('button', { type: 'submit' }, 'Rename')),
    iAmAdmin && h(UserSearch, {
      id: 'add-member-search', label: 'Add people to this group',
      action: user => h('button', { type: 'button', disabled: summary.memberIds.includes(user.userId), 'aria-label': `Add ${user.displayName}`,
        onClick: () => act('addMembers', { userIds: [user.userId] }, () => announce(`${user.displayName} added`)) },
      summary.memberIds.includes(user.userId) ? 'Member' : 'Add'),
    }),
    h(LeaveGroup, { summary, leave: () => act('leaveGroup', {}, () => announce(`You left ${conversationName(summary)}`)) }));
}

/** Leaving asks once more, in the page: it cannot be undone (no one can add a leaver back). */
class LeaveGroup extends Component {
  focusYes = button => button?.focus();

  render({ leave }, { asking }) {
    if (!asking) {
      return h('button', { type: 'button', class: 'danger', onClick: () => this.setState({ asking: true }) }, 'Leave group');
    }
    return h('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'leave-question' },
      h('p', { id: 'leave-question' }, 'Leave this group? No one will be able to add you back to it.'),
      h('button', { type: 'button', class: 'danger', ref: this.focusYes, onClick: leave }, 'Yes, leave'),
      h('button', { type: 'button', onClick: () => this.setState({ asking: false }) }, 'Stay'));
  }
}
