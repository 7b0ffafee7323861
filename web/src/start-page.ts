// The interviewer's start page (`/`): the admin token (kept in this page's memory only, never in
// web storage: a reload asks for it again),
// creating an interview with links to copy, and the list of interviews with their latest verdicts.
// Tokens are stored hashed on the server, so links can be shown again only in the tab that made them.
import { ApiError, apiJson } from './api.js';
import type { ChallengeList, ChallengeListEntry } from '../../core/views/challenge-view.js';
import type { CreatedInterview, InterviewList } from '../../core/views/interview-view.js';
import { byId, h, replace } from './dom.js';
import { outcomeBadge } from './shared/verdicts.js';

/** Where earlier versions kept the admin token in sessionStorage: removed on load. */
const OLD_TOKEN_KEY = 'grader:admin-token';
const LINKS_KEY = 'grader:created-links';
const REFRESH_MS = 10_000;

type Links = Record<string, { candidateUrl: string; interviewerUrl: string }>;

function readLinks(): Links {
  try {
    return JSON.parse(sessionStorage.getItem(LINKS_KEY) ?? '{}') as Links;
  } catch {
    // Unreadable stored links only lose the copy buttons of earlier interviews; the list still loads.
    return {};
  }
}

async function copy(text: string, button: HTMLButtonElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    // No clipboard API (plain http on another host): select the text for Ctrl+C instead.
    const input = button.parentElement?.querySelector('input');
    input?.select();
    button.textContent = 'Press Ctrl+C';
  }
  setTimeout(() => {
    button.textContent = 'Copy';
  }, 2000);
}

function linkRow(label: string, url: string, id: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary small', 'aria-label': `Copy the ${label.toLowerCase()}` }, 'Copy');
  button.addEventListener('click', () => void copy(url, button));
  return h(
    'div',
    { class: 'link-row' },
    h('label', { for: id }, label),
    h('input', { id, type: 'text', readonly: true, value: url, class: 'link-input' }),
    button,
    h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'small' }, 'Open'),
  );
}

/** The admin token while this page lives; nothing else holds it. */
let adminToken: string | null = null;

export async function mountStartPage(root: HTMLElement): Promise<void> {
  sessionStorage.removeItem(OLD_TOKEN_KEY);
  const token = adminToken;
  if (!token) return renderSignIn(root, null);
  const auth = { authorization: `Bearer ${token}` };
  let challenges: ChallengeListEntry[];
  try {
    challenges = (await apiJson<ChallengeList>('GET', '/api/challenges', undefined, auth)).challenges;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      adminToken = null;
      return renderSignIn(root, 'That admin token was not accepted.');
    }
    replace(root, h('main', { class: 'page' }, h('p', { class: 'notice', role: 'alert' }, (error as Error).message)));
    return;
  }

  const created = h('div', { id: 'created', 'aria-live': 'polite' });
  const tableHost = h('div', { id: 'interviews' });
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'card create-form', id: 'create-interview', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'New interview'),
    h(
      'div',
      { class: 'form-row' },
      h('label', { for: 'challenge' }, 'Challenge'),
      h(
        'select',
        { id: 'challenge', name: 'challengeId', required: true },
        challenges.map((c) => h('option', { value: c.id }, `${c.title} (${c.difficulty}) — ${c.summary}`)),
      ),
    ),
    h(
      'div',
      { class: 'form-row' },
      h('label', { for: 'candidate-name' }, 'Candidate name'),
      h('input', { id: 'candidate-name', name: 'candidateName', type: 'text', required: true, maxlength: 200, autocomplete: 'off' }),
    ),
    h('div', { class: 'form-row' }, h('button', { type: 'submit', class: 'primary', id: 'create-button' }, 'Create interview')),
    formError,
  );

  const refresh = async (): Promise<void> => {
    const { interviews } = await apiJson<InterviewList>('GET', '/api/interviews', undefined, auth);
    const links = readLinks();
    const titles = new Map(challenges.map((c) => [c.id, c.title]));
    replace(
      tableHost,
      interviews.length === 0
        ? h('p', { class: 'muted' }, 'No interviews yet.')
        : h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { class: 'data-table interviews-table' },
              h('caption', {}, 'Interviews, newest first'),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ['Candidate', 'Challenge', 'Created', 'Runs + submits', 'Latest', 'Latest submit', 'Links'].map((t) =>
                    h('th', { scope: 'col' }, t),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                interviews.map((e) =>
                  h(
                    'tr',
                    { 'data-interview': e.interview.id },
                    h('td', {}, e.interview.candidateName),
                    h('td', {}, titles.get(e.interview.challengeId) ?? e.interview.challengeId),
                    h('td', {}, new Date(e.interview.createdAt).toLocaleString()),
                    h('td', {}, String(e.submissionCount)),
                    h('td', {}, e.latest ? outcomeBadge(e.latest) : '—'),
                    h('td', {}, e.latestSubmit ? outcomeBadge(e.latestSubmit) : '—'),
                    h(
                      'td',
                      {},
                      links[e.interview.id]
                        ? [
                            h(
                              'a',
                              { href: links[e.interview.id]!.interviewerUrl, target: '_blank', rel: 'noopener noreferrer' },
                              'interviewer',
                            ),
                            ' · ',
                            h(
                              'a',
                              { href: links[e.interview.id]!.candidateUrl, target: '_blank', rel: 'noopener noreferrer' },
                              'candidate',
                            ),
                          ]
                        : h(
                            'span',
                            {
                              class: 'muted',
                              title: 'Links are shown only in the browser tab that created the interview (tokens are stored hashed).',
                            },
                            'not in this tab',
                          ),
                    ),
                  ),
                ),
              ),
            ),
          ),
    );
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    formError.hidden = true;
    try {
      const result = await apiJson<CreatedInterview>(
        'POST',
        '/api/interviews',
        { challengeId: String(data.get('challengeId')), candidateName: String(data.get('candidateName')) },
        auth,
      );
      const links = readLinks();
      links[result.interview.id] = { candidateUrl: result.candidateUrl, interviewerUrl: result.interviewerUrl };
      sessionStorage.setItem(LINKS_KEY, JSON.stringify(links));
      replace(
        created,
        h(
          'section',
          { class: 'card created', 'aria-labelledby': 'created-title' },
          h('h2', { id: 'created-title' }, `Interview for ${result.interview.candidateName} created`),
          h(
            'p',
            { class: 'muted' },
            'Send the candidate link to the candidate; keep the interviewer link. Each link is shown only here, now: copy both.',
          ),
          linkRow('Candidate link', result.candidateUrl, 'candidate-url'),
          linkRow('Interviewer link', result.interviewerUrl, 'interviewer-url'),
        ),
      );
      (form.querySelector('#candidate-name') as HTMLInputElement).value = '';
      await refresh();
    } catch (error) {
      formError.hidden = false;
      formError.textContent = (error as Error).message;
    }
  });

  const signOut = h('button', { type: 'button', class: 'secondary small', id: 'forget-token' }, 'Forget admin token');
  signOut.addEventListener('click', () => {
    adminToken = null;
    void mountStartPage(root);
  });
  replace(
    root,
    h(
      'header',
      { class: 'topbar' },
      h('span', { class: 'brand' }, 'PySpark grader'),
      h('span', { class: 'topbar-title' }, 'Interviews'),
      h('span', { class: 'spacer' }),
      signOut,
    ),
    h(
      'main',
      { class: 'page' },
      form,
      created,
      h('section', { 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, 'Interviews'), tableHost),
    ),
  );
  await refresh().catch((error: unknown) => replace(tableHost, h('p', { class: 'notice' }, (error as Error).message)));
  setInterval(() => {
    refresh().catch((error: unknown) => console.warn('interview list refresh failed', error));
  }, REFRESH_MS);
  byId('app').dataset.ready = 'start';
}

function renderSignIn(root: HTMLElement, message: string | null): void {
  const form = h(
    'form',
    { class: 'card signin', id: 'admin-signin', 'aria-labelledby': 'signin-title' },
    h('h2', { id: 'signin-title' }, 'Interviewer sign-in'),
    h(
      'p',
      { class: 'muted' },
      'Enter the admin token to create interviews. This page keeps it in memory only: a reload or a new tab asks for it again. Candidates use the link they were sent, not this page.',
    ),
    h(
      'div',
      { class: 'form-row' },
      h('label', { for: 'admin-token' }, 'Admin token'),
      h('input', { id: 'admin-token', name: 'token', type: 'password', required: true, autocomplete: 'off', minlength: 24 }),
    ),
    message ? h('p', { class: 'form-error', role: 'alert' }, message) : null,
    h('div', { class: 'form-row' }, h('button', { type: 'submit', class: 'primary' }, 'Continue')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    adminToken = String(new FormData(form).get('token')).trim();
    void mountStartPage(root);
  });
  replace(
    root,
    h('header', { class: 'topbar' }, h('span', { class: 'brand' }, 'PySpark grader')),
    h('main', { class: 'page narrow' }, form),
  );
  (form.querySelector('input') as HTMLInputElement).focus();
  byId('app').dataset.ready = 'signin';
}
