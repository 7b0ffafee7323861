// The one code-size check, for submissions and drafts alike: bytes of UTF-8, a 413 naming the limit.
import type { ServerConfig } from '../config.js';
import { HttpError } from './http-error.js';

export function assertCodeSize(code: string, config: Pick<ServerConfig, 'GRADER_MAX_CODE_BYTES'>): void {
  const bytes = Buffer.byteLength(code, 'utf8');
  if (bytes > config.GRADER_MAX_CODE_BYTES)
    throw new HttpError(413, `code is ${bytes} bytes; the limit is ${config.GRADER_MAX_CODE_BYTES} bytes (GRADER_MAX_CODE_BYTES)`);
}
