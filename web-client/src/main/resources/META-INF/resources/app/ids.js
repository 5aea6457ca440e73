// Random ids for client keys (clientMsgId, a group's id). crypto.randomUUID exists only on secure origins
// (https, localhost); a LAN address over plain http has getRandomValues alone.
export function newId(prefix) {
  if (crypto.randomUUID) return prefix + crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return prefix + [...bytes].map(byte => byte.toString(16).padStart(2, '0')).join('');
}
