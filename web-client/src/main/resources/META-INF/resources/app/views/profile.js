// The signed-in person's profile: their display name and picture.
import { h } from '../preact.js';
import { state, changed, showError, announce } from '../store.js';
import { patch } from '../api.js';
import { setAvatar } from '../media.js';
import { Avatar } from './common.js';

export function ProfilePanel() {
  const rename = async event => {
    event.preventDefault();
    const displayName = new FormData(event.target).get('displayName').trim();
    try {
      const profile = await patch('/api/users/me', { displayName });
      state.me = { ...state.me, displayName: profile.displayName };
      state.profiles.set(profile.userId, profile);
      announce('Display name changed');
      changed();
    } catch (error) {
      showError(error);
    }
  };
  const picture = async event => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      await setAvatar(file);
      announce('Picture changed');
    } catch (error) {
      showError(error);
    }
  };
  return h('section', { class: 'panel', 'aria-labelledby': 'profile-title' },
    h('div', { class: 'pane-header' },
      h('h2', { id: 'profile-title' }, 'Your profile'),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close profile', onClick: () => { state.panel = null; changed(); } }, '×')),
    h(Avatar, { profile: state.profiles.get(state.me.userId), name: state.me.displayName }),
    h('p', null, '@' + (state.me.username ?? '')),
    h('form', { class: 'inline', onSubmit: rename },
      h('label', { for: 'profile-display-name' }, 'Display name'),
      h('input', { id: 'profile-display-name', name: 'displayName', required: true, maxLength: 64, defaultValue: state.me.displayName }),
      h('button', { type: 'submit' }, 'Save')),
    h('label', { class: 'button' },
      h('input', { type: 'file', accept: 'image/*', class: 'visually-hidden', 'aria-label': 'Choose a picture', onChange: picture }),
      h('span', { 'aria-hidden': 'true' }, 'Choose a picture')));
}
