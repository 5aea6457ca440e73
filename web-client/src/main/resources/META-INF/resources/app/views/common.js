// Small pieces every view uses: avatars, times, the error and announcement regions.
import { h } from '../preact.js';
import { state, dismissError } from '../store.js';
import { avatarUrl } from '../media.js';

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

export function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** A time in the list: the hour today, the date before. */
export function listTime(iso) {
  if (!iso) return '';
  const when = new Date(iso);
  return sameDay(when, new Date()) ? timeOfDay.format(when) : shortDate.format(when);
}

export const clock = iso => timeOfDay.format(new Date(iso));

/** A day separator's words: Today, Yesterday, or the date. */
export function dayName(date) {
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (sameDay(date, today)) return 'Today';
  if (sameDay(date, yesterday)) return 'Yesterday';
  return longDate.format(date);
}

export function lastSeenWords(presence) {
  if (!presence) return '';
  if (presence.online) return 'online';
  if (!presence.lastSeen) return 'offline';
  const when = new Date(presence.lastSeen);
  return `last seen ${sameDay(when, new Date()) ? 'today' : shortDate.format(when)} at ${timeOfDay.format(when)}`;
}

/** Initials in a colour of the name, or the picture: decoration only (the name is always beside it). */
export function Avatar({ profile, name, group = false }) {
  const url = avatarUrl(profile);
  const label = (name || '?').trim();
  const initials = group ? '#' : label.split(/\s+/).slice(0, 2).map(part => [...part][0] ?? '').join('').toUpperCase();
  let hue = 0;
  for (const char of profile?.userId ?? label) hue = (hue * 31 + char.codePointAt(0)) % 360;
  return h('span', { class: `avatar hue-${hue % 12}`, 'aria-hidden': 'true' },
    url ? h('img', { src: url, alt: '' }) : initials);
}

/** Every error the server gave, in its words, until dismissed or replaced. */
export function Errors() {
  return h('div', { class: 'errors', role: 'alert', 'aria-label': 'Errors' },
    state.errors.map(error => h('p', { class: 'error', key: error.id },
      h('span', null, error.text),
      h('button', { type: 'button', class: 'link', 'aria-label': 'Dismiss error', onClick: () => dismissError(error.id) }, '×'))));
}

export function Announcer() {
  return h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'announcer' },
    state.announcement);
}
