// REST calls as a signed-in user: the access token in the Authorization header (never in a URL), one
// refresh and retry on a 401, and every refusal turned into a ServerError carrying the server's words.
import { accessToken, refresh, SignedOut } from './session.js';
import { problemOf, unreachable } from './errors.js';

export async function call(method, path, body) {
  let token = await accessToken();
  let response = await send(method, path, body, token);
  if (response.status === 401) {
    token = (await refresh(token)).token;
    response = await send(method, path, body, token);
    if (response.status === 401) throw new SignedOut();
  }
  if (!response.ok) throw await problemOf(response);
  return response.status === 204 ? null : response.json();
}

async function send(method, path, body, token) {
  const headers = { Authorization: 'Bearer ' + token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    return await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw unreachable();
  }
}

export const get = path => call('GET', path);
export const post = (path, body) => call('POST', path, body);
export const patch = (path, body) => call('PATCH', path, body);
