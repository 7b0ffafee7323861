// The API's one error type: 4xx messages reach the client as written; anything else becomes a
// generic 500 with an error id that is in the log.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HttpError';
  }
}

/** The one answer for unknown tokens, foreign submissions and wrong ids alike (no probing). */
export function notFound(): HttpError {
  return new HttpError(404, 'not found');
}
