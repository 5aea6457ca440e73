// Finding people by username: to start a direct chat, or to pick the members of a group.
import { h, Component } from '../preact.js';
import { get } from '../api.js';
import { state, showError } from '../store.js';

/** A username prefix the search route takes (protocol.md: 3 to 32 of a-z 0-9 _ .). */
export const searchable = query => /^[a-z0-9_.]{3,32}$/.test(query);

/**
 * A search box and its results; `action(profile)` makes each result's button, `label` names the box.
 * Results come as the person types (past 3 characters), and on Enter.
 */
export class UserSearch extends Component {
  constructor() {
    super();
    this.state = { query: '', users: null, hint: null };
    this.latest = 0;
  }

  async search(raw) {
    const query = raw.trim().toLowerCase();
    this.setState({ query: raw });
    if (!searchable(query)) {
      this.setState({ users: null, hint: query.length === 0 ? null : 'Type at least 3 letters of a username (a–z, 0–9, _ and .)' });
      return;
    }
    const asked = ++this.latest;
    try {
      const { users } = await get(`/api/users?query=${encodeURIComponent(query)}&limit=20`);
      users.forEach(user => state.profiles.set(user.userId, user));
      if (asked === this.latest) this.setState({ users: users.filter(user => user.userId !== state.me.userId), hint: null });
    } catch (error) {
      showError(error);
    }
  }

  render({ id, label, action }, { query, users, hint }) {
    return h('div', { class: 'user-search' },
      h('form', { role: 'search', 'aria-label': label, onSubmit: event => { event.preventDefault(); this.search(query); } },
        h('label', { for: id }, label),
        h('input', { id, type: 'search', value: query, autocomplete: 'off', maxLength: 32, 'aria-describedby': `${id}-hint`,
          onInput: event => this.search(event.target.value) })),
      h('p', { id: `${id}-hint`, class: 'hint', 'aria-live': 'polite' },
        hint ?? (users === null ? '' : users.length === 0 ? 'No one found' : `${users.length} found`)),
      users && users.length > 0 && h('ul', { class: 'people', 'aria-label': 'Search results' }, users.map(user =>
        h('li', { key: user.userId },
          h('span', { class: 'person' }, h('span', { class: 'name' }, user.displayName), ' ', h('span', { class: 'username' }, '@' + user.username)),
          action(user)))));
  }
}
