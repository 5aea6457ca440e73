// The signed-in session: its tokens, kept in localStorage so that a reload or a second tab stays signed in
// (docs/security.md, "The web app": why there, and what protects them).
//
// Refresh tokens rotate, and presenting a rotated one ends the whole session (protocol.md, reuse
// detection). So one refresh runs at a time across every tab of the browser (a Web Lock), and a tab that
// gets the lock first reads the stored tokens again: if another tab rotated them meanwhile, it uses those.
import { problemOf, unreachable, ServerError } from './errors.js';

const STORAGE_KEY = 'parley.session';
const REFRESH_LOCK = 'parley.session.refresh';
/** Refresh this long before the access token expires, so that no request carries a dying token. */
const REFRESH_MARGIN_MS = 60_000;

const signedOutListeners = new Set();
let refreshInTab = null;

export class SignedOut extends ServerError {
  constructor(message = 'your session ended: sign in again') {
    super(message, { status: 401, code: 'UNAUTHORIZED' });
  }
}

/** The stored session ({token, refreshToken, userId, expiresAt}) or null. */
export function currentSession() {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

function store(session) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify({
    token: session.token, refreshToken: session.refreshToken, userId: session.userId, expiresAt: session.expiresAt,
  }));
}

function forget(reason) {
  localStorage.removeItem(STORAGE_KEY);
  signedOutListeners.forEach(listener => listener(reason));
}

/** Called when the session ends here or in another tab. */
export function onSignedOut(listener) {
  signedOutListeners.add(listener);
}

// Another tab signed out (or in as someone else): follow it.
window.addEventListener('storage', event => {
  if (event.key === STORAGE_KEY && event.oldValue && !event.newValue) {
    signedOutListeners.forEach(listener => listener(null));
  }
});

async function postJson(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
  } catch {
    throw unreachable();
  }
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

export async function signIn(username, password) {
  store(await postJson('/api/sessions', { username, password }));
  return currentSession();
}

export async function register(username, password, displayName) {
  await postJson('/api/users', { username, password, displayName });
  return signIn(username, password);
}

/** An access token with at least a minute to live, refreshed first when needed. */
export async function accessToken() {
  const session = currentSession();
  if (!session) throw new SignedOut('you are signed out');
  if (Date.parse(session.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return session.token;
  return (await refresh(session.token)).token;
}

/**
 * New tokens for the session, unless the access token `stale` was replaced already (by this tab or another).
 * A 401 ends the session here; an outage (503, unreachable) keeps it, to try again later.
 */
export function refresh(stale) {
  if (!refreshInTab) {
    const run = () => refreshUnderLock(stale);
    refreshInTab = (navigator.locks ? navigator.locks.request(REFRESH_LOCK, run) : run())
      .finally(() => { refreshInTab = null; });
  }
  return refreshInTab;
}

async function refreshUnderLock(stale) {
  const session = currentSession();
  if (!session) throw new SignedOut('you are signed out');
  if (session.token !== stale && Date.parse(session.expiresAt) - Date.now() > REFRESH_MARGIN_MS) {
    return session;
  }
  try {
    const renewed = await postJson('/api/sessions/refresh', { refreshToken: session.refreshToken });
    store(renewed);
    return currentSession();
  } catch (error) {
    if (error.status === 401) {
      forget('your session ended (signed out elsewhere, or unused for too long): sign in again');
      throw new SignedOut();
    }
    throw error;
  }
}

/** Ends the session on the server (its sockets close everywhere), then forgets it here whatever happens. */
export async function signOut() {
  const session = currentSession();
  try {
    if (session) {
      await fetch('/api/sessions/current', { method: 'DELETE', headers: { Authorization: 'Bearer ' + session.token } });
    }
  } catch {
    // Unreachable: the tokens are forgotten anyway, and the access token dies within 15 minutes.
  } finally {
    forget(null);
  }
}
