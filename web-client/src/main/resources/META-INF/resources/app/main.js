// Start: signed in already (a stored session) or not; then the socket and the page, drawn again on every change.
import { h, render } from './preact.js';
import { state, subscribe, changed, showError } from './store.js';
import { currentSession, onSignedOut, signOut } from './session.js';
import { startChat, stopChat } from './chat.js';
import { get } from './api.js';
import { App } from './views/app.js';

const root = document.getElementById('app');
let signedIn = false;

function draw() {
  render(h(App, { signedIn, onSignedIn: begin, onSignOut: () => signOut() }), root);
}

function begin(session) {
  signedIn = true;
  state.me = { userId: session.userId, username: null, displayName: 'You' };
  loadMe(session.userId);
  startChat();
  changed();
}

/** The profile trails a registration by the read model's lag: ask again for a little while. */
async function loadMe(userId, attempt = 0) {
  try {
    const me = await get('/api/users/me');
    if (state.me?.userId !== userId) return;
    state.me = { userId, username: me.username, displayName: me.displayName };
    state.profiles.set(userId, me);
    changed();
  } catch (error) {
    if (error.status === 404 && attempt < 10) setTimeout(() => loadMe(userId, attempt + 1), 1_000);
    else if (error.status !== 401) showError(error);
  }
}

onSignedOut(reason => {
  stopChat();
  signedIn = false;
  Object.assign(state, {
    me: null, selected: null, panel: null, outgoing: [], upload: null, viewer: null, errors: [],
  });
  [state.conversations, state.threads, state.receipts, state.typing, state.presence, state.profiles, state.creators]
    .forEach(map => map.clear());
  if (reason) showError(reason);
  changed();
});

subscribe(draw);
const session = currentSession();
if (session) begin(session);
draw();
