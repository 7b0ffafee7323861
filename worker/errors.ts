// Grader faults: what went wrong with the grader or its infrastructure, never with the
// candidate's code. They are thrown (so the queue retries them); candidate outcomes are data.

export class GraderFault extends Error {
  /** False when retrying cannot help (a broken challenge, a missing image). */
  readonly retryable: boolean;
  constructor(message: string, options?: ErrorOptions & { retryable?: boolean }) {
    super(message, options);
    this.name = 'GraderFault';
    this.retryable = options?.retryable ?? true;
  }
}
