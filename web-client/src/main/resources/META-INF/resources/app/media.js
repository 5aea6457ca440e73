// Uploading a file: POST /api/media for a small one, the direct path (ask, PUT to the store, complete) from
// 8 MiB (protocol.md, "Large files: direct upload"). XMLHttpRequest, because fetch reports no upload progress.
import { accessToken, refresh } from './session.js';
import { post, get, patch } from './api.js';
import { ServerError, unreachable } from './errors.js';
import { state, changed } from './store.js';

/** parley.media.direct.min-file-bytes: from this size on, only the direct path takes a file. */
export const DIRECT_UPLOAD_MIN_BYTES = 8 * 1024 * 1024;
/** The types the direct path takes (it is told the type; POST /api/media reads it from the bytes). */
const DIRECT_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4', 'audio/mpeg',
  'audio/mp4', 'audio/aac', 'audio/ogg', 'application/pdf'];

/** Uploads a file, showing its progress; answers the media object. */
export async function upload(file) {
  state.upload = { name: file.name, loaded: 0, total: file.size };
  changed();
  try {
    return file.size >= DIRECT_UPLOAD_MIN_BYTES ? await uploadDirect(file) : await uploadThroughParley(file);
  } finally {
    state.upload = null;
    changed();
  }
}

async function uploadThroughParley(file) {
  const form = new FormData();
  form.append('file', file);
  let token = await accessToken();
  let answer = await transfer('POST', '/api/media', { Authorization: 'Bearer ' + token }, form);
  if (answer.status === 401) {
    token = (await refresh(token)).token;
    answer = await transfer('POST', '/api/media', { Authorization: 'Bearer ' + token }, form);
  }
  if (answer.status !== 201) throw problem(answer);
  return JSON.parse(answer.responseText);
}

async function uploadDirect(file) {
  if (!DIRECT_TYPES.includes(file.type)) {
    throw new ServerError(`${file.name} is not a type Parley takes (images, MP4 video, audio, PDF)`);
  }
  const ticket = await post('/api/media/uploads', { contentType: file.type, size: file.size });
  const put = await transfer(ticket.method, ticket.url, ticket.headers, file);
  if (put.status < 200 || put.status >= 300) {
    throw new ServerError(`the store refused the upload (${put.status}); try again`);
  }
  return post(`/api/media/uploads/${encodeURIComponent(ticket.uploadId)}/complete`);
}

function transfer(method, url, headers, body) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    Object.entries(headers).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = event => {
      if (state.upload && event.lengthComputable) {
        state.upload = { ...state.upload, loaded: event.loaded, total: event.total };
        changed();
      }
    };
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(unreachable());
    xhr.send(body);
  });
}

function problem(xhr) {
  let doc = null;
  try {
    doc = JSON.parse(xhr.responseText);
  } catch {
    // not a problem document
  }
  return new ServerError(doc?.detail || `the upload was refused (${xhr.status})`, {
    status: xhr.status, code: doc?.code ?? null, retryAfterMs: doc?.retryAfterMs ?? null,
  });
}

export const isImage = media => media?.contentType?.startsWith('image/');

const avatarUrls = new Map();   // userId -> object URL, or null when it cannot be loaded

/**
 * An avatar as an object URL: its route needs the access token, which an <img> cannot send, so it is
 * fetched (the route redirects to a signed URL of the store) and kept for the page's life.
 */
export function avatarUrl(profile) {
  if (!profile?.avatarUrl) return null;
  if (avatarUrls.has(profile.userId)) return avatarUrls.get(profile.userId);
  avatarUrls.set(profile.userId, null);
  accessToken()
    .then(token => fetch(profile.avatarUrl, { headers: { Authorization: 'Bearer ' + token } }))
    .then(response => (response.ok ? response.blob() : null))
    .then(blob => {
      if (blob) {
        avatarUrls.set(profile.userId, URL.createObjectURL(blob));
        changed();
      }
    })
    .catch(() => {
      // The initials stay: an avatar is decoration, and the name is always shown beside it.
    });
  return null;
}

/** Makes an uploaded image the signed-in user's avatar. */
export async function setAvatar(file) {
  const media = await upload(file);
  const profile = await patch('/api/users/me', { avatarMediaId: media.mediaId });
  avatarUrls.delete(profile.userId);
  state.profiles.set(profile.userId, profile);
  changed();
  return profile;
}

export const myProfile = () => get('/api/users/me');
