// Errors a person reads: the server's own words (problem+json `detail`, an error frame's `message`),
// never a silent failure and never a stack trace.

export class ServerError extends Error {
  constructor(message, { status = null, code = null, retryAfterMs = null } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterMs = retryAfterMs;
  }

  /** Worth trying again with the same keys (protocol.md, "When Parley is over capacity"). */
  get retryable() {
    return this.code === 'UNAVAILABLE' || this.code === 'RATE_LIMITED' || this.code === 'OFFLINE';
  }
}

/** The error a REST answer that is not 2xx stands for, in the words its problem document gives. */
export async function problemOf(response) {
  let doc = null;
  try {
    doc = await response.json();
  } catch {
    // Not a problem document (a gateway's own page): say what is known.
  }
  const retryHeader = Number(response.headers.get('Retry-After'));
  return new ServerError(doc?.detail || doc?.title || `the server answered ${response.status}`, {
    status: response.status,
    code: doc?.code ?? null,
    retryAfterMs: doc?.retryAfterMs ?? (retryHeader > 0 ? retryHeader * 1000 : null),
  });
}

/** A fetch that did not reach the server at all. */
export function unreachable() {
  return new ServerError('Parley cannot be reached: check the connection and try again', { code: 'OFFLINE' });
}

/** The words to show for anything thrown. */
export function describe(error) {
  if (error instanceof ServerError) return error.message;
  return 'something went wrong in the app: ' + (error?.message ?? String(error));
}
