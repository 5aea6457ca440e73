// The page: the sign-in screen, or the list and a conversation (two panes on a desktop, two screens on a
// phone), with the connection's state, the errors and the announcements always present.
import { h, Component } from '../preact.js';
import { state, changed } from '../store.js';
import { SignInScreen } from './auth.js';
import { ConversationList } from './list.js';
import { ConversationView } from './conversation.js';
import { NewChatPanel, NewGroupPanel } from './groups.js';
import { ProfilePanel } from './profile.js';
import { Errors, Announcer, Avatar } from './common.js';

export class App extends Component {
  render({ signedIn, onSignedIn, onSignOut }, local) {
    if (!signedIn) {
      return h('div', { class: 'app signed-out' },
        h(SignInScreen, { onSignedIn, error: local.error, busy: local.busy, setState: changes => this.setState(changes) }),
        h(Errors),
        h(Announcer));
    }
    const summary = state.selected ? state.conversations.get(state.selected) : null;
    const detail = summary ? h(ConversationView, { summary, key: 'conversation' })
      : state.panel === 'search' ? h(NewChatPanel)
        : state.panel === 'new-group' ? h(NewGroupPanel)
          : state.panel === 'profile' ? h(ProfilePanel)
            : h('main', { class: 'conversation-pane empty', 'aria-label': 'No conversation open' },
              h('p', null, 'Choose a conversation, or start one with “New chat”.'));
    const showingDetail = summary || state.panel;
    return h('div', { class: `app ${showingDetail ? 'showing-detail' : 'showing-list'}` },
      h('header', { class: 'topbar' },
        h('h1', null, 'Parley'),
        h(ConnectionState),
        h('button', { type: 'button', class: 'me', 'aria-label': `Profile: ${state.me.displayName}`,
          onClick: () => { state.panel = 'profile'; state.selected = null; changed(); } },
        h(Avatar, { profile: state.profiles.get(state.me.userId), name: state.me.displayName }),
        h('span', { class: 'name' }, state.me.displayName)),
        h('button', { type: 'button', onClick: onSignOut }, 'Sign out')),
      h('div', { class: 'panes' }, h(ConversationList), detail),
      h(Errors),
      h(Announcer));
  }
}

/** Online, connecting, or offline with when it tries again: always visible, and read out when it changes. */
function ConnectionState() {
  const { status, retryInMs } = state.connection;
  const words = status === 'online' ? 'Online'
    : status === 'connecting' ? 'Connecting…'
      : `Offline, reconnecting${retryInMs ? ` in ${Math.ceil(retryInMs / 1000)} s` : ''}`;
  return h('p', { class: `connection connection-${status}`, role: 'status', 'data-testid': 'connection' }, words);
}
