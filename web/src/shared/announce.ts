// The page's one live region: a visually hidden status that screen readers read when its sentence
// changes ("Run 2: running, case 1 of 2"; "Run 2: wrong answer"). Pages re-render their results
// freely; only what is passed here is announced, and the same sentence twice is announced once.
import type { SubmissionSummary } from '../../../core/views/submission-view.js';
import { outcomeLabel } from './verdicts.js';

// Made when a page loads its modules, before anything is announced: screen readers follow a live
// region that exists before its text changes, and may miss one created with its first sentence.
const region = document.createElement('div');
region.id = 'announcer';
region.className = 'visually-hidden';
region.setAttribute('role', 'status');
region.setAttribute('aria-live', 'polite');
region.setAttribute('aria-atomic', 'true');
// Outside the app's root, which pages replace whole.
document.body.append(region);
let last = '';

/** Says `text` to assistive technology, unless it is what was said last. */
export function announce(text: string): void {
  if (text === last) return;
  last = text;
  if (!region.isConnected) document.body.append(region);
  region.textContent = text;
}

/** A submission's news in one short sentence: `label` is its name on the page ("Run 2"). */
export function submissionNews(
  label: string,
  s: Pick<SubmissionSummary, 'kind' | 'status' | 'verdict' | 'casesDone' | 'casesTotal'>,
): string {
  if (s.status === 'queued') return `${label}: queued`;
  if (s.status === 'running')
    return s.casesTotal > 0 ? `${label}: running, ${s.casesDone} of ${s.casesTotal} cases done` : `${label}: running`;
  if (s.status === 'system_error') return `${label}: the grader had a problem`;
  if (s.status === 'cancelled') return `${label}: stopped`;
  return s.verdict ? `${label}: ${outcomeLabel(s).toLowerCase()}` : `${label}: graded`;
}
