// Prints the sandbox image reference the grader will use (GRADER_SANDBOX_IMAGE, or the tag
// hashed from sandbox-images/pyspark and GRADER_BASE_IMAGE). Used by the build script.
import { parseSandboxConfig } from '../config.js';
import { sandboxImageTag } from '../sandbox-image.js';

const config = parseSandboxConfig();
console.log(config.GRADER_SANDBOX_IMAGE ?? (await sandboxImageTag(config.GRADER_BASE_IMAGE)));
