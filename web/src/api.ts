// The HTTP client of the web app: JSON in and out, and every failure turned into an ApiError
// whose message a person can act on (busy grader, server down, expired link).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** No answer at all (network down, server stopped) or a gateway error in front of it. */
  get unreachable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export async function apiJson<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'The grading service cannot be reached (network or server down).');
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page, say): the status alone describes the failure below.
    parsed = null;
  }
  if (!res.ok) {
    const serverMessage = parsed && typeof parsed === 'object' && 'error' in parsed ? String((parsed as { error: unknown }).error) : '';
    throw new ApiError(res.status, describeFailure(res.status, serverMessage, parsed));
  }
  return parsed as T;
}

function describeFailure(status: number, serverMessage: string, body: unknown): string {
  if (status === 429) return `The grader is busy: ${serverMessage || 'too many requests'}. Wait a moment and try again.`;
  if (status >= 500) {
    const errorId =
      body && typeof body === 'object' && 'errorId' in body ? ` (error id ${String((body as { errorId: unknown }).errorId)})` : '';
    return status === 500 ? `The grading service had an internal error${errorId}.` : `The grading service is unavailable (${status}).`;
  }
  return serverMessage || `Request failed with status ${status}.`;
}

/** `/api/i/<token>` for the token in this page's address. */
export function interviewApi(token: string): string {
  return `/api/i/${encodeURIComponent(token)}`;
}
