// The interviewers' dashboard (`/`): the admin token (kept in this page's memory only, never in
// web storage: a reload asks for it again), creating an interview of one challenge or several in
// order (each with an optional time budget; optionally time-boxed; filled from a template, or saved
// as one) with links to copy (the chosen challenge previewed as the candidate will see it,
// recording nothing), and every interview with its status, time left and latest verdict per
// challenge, and the
// actions that work from any browser: open the interviewer view (a temporary interviewer link,
// so no token is copied by hand), issue a new candidate or interviewer link (the old one stops
// working), end, archive and delete. Tokens are stored hashed, so a link is shown only when made.
import { ApiError, apiJson } from './api.js';
import type { ChallengeList, ChallengeListEntry, ChallengeView } from '../../core/views/challenge-view.js';
import type { InterviewTemplate } from '../../core/interview-template.js';
import type { CreatedInterview, InterviewList, InterviewListEntry, IssuedLink, TemporaryLink } from '../../core/views/interview-view.js';
import type { CreatedTemplate, TemplateList } from '../../core/views/template-view.js';
import { byId, h, replace } from './dom.js';
import { formatLeft } from './shared/interview-clock.js';
import { renderStatement } from './shared/statement.js';
import { outcomeBadge } from './shared/verdicts.js';

/** Where earlier versions kept the admin token in sessionStorage: removed on load. */
const OLD_TOKEN_KEY = 'grader:admin-token';
const REFRESH_MS = 10_000;

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

/**
 * A link to copy. Only an interviewer link gets "Open": opening the candidate link here would
 * start the candidate's clock and record the interviewer's typing as the candidate's.
 */
function linkRow(label: string, url: string, id: string, openable: boolean): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary small', 'aria-label': `Copy the ${label.toLowerCase()}` }, 'Copy');
  button.addEventListener('click', () => void copy(url, button));
  return h(
    'div',
    { class: 'link-row' },
    h('label', { for: id }, label),
    h('input', { id, type: 'text', readonly: true, value: url, class: 'link-input' }),
    button,
    openable ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'small' }, 'Open') : null,
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

  // The chosen challenge as the candidate will see it: statement and starter, read-only, in this
  // page (no interview exists, so nothing is recorded).
  const preview = h('details', { id: 'challenge-preview', class: 'challenge-preview', hidden: true });
  const showPreview = async (id: string): Promise<void> => {
    preview.hidden = id === '';
    if (!id) return;
    const challenge = await apiJson<ChallengeView>('GET', `/api/challenges/${encodeURIComponent(id)}`, undefined, auth);
    replace(
      preview,
      h(
        'summary',
        {},
        `Preview: ${challenge.title} as the candidate sees it (${plural(challenge.publicCases.length, 'example')}, ${plural(challenge.hiddenCaseCount, 'hidden case')})`,
      ),
      renderStatement(challenge, { titleLevel: 3 }),
      h('h4', {}, 'Starter code'),
      h('pre', { class: 'report-code', id: 'preview-starter' }, challenge.starter),
    );
  };
  const created = h('div', { id: 'created', 'aria-live': 'polite' });
  const tableHost = h('div', { id: 'interviews' });
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  // The interview's challenges, in order: one row each (challenge, minutes planned); at least one.
  const rows = h('ol', { id: 'challenge-rows', class: 'challenge-rows' });
  const boxHint = h('span', { class: 'muted small', id: 'duration-hint' });
  const byIdOf = new Map(challenges.map((c) => [c.id, c]));
  const rowInputs = (): { select: HTMLSelectElement; minutes: HTMLInputElement }[] =>
    [...rows.children].map((li) => ({
      select: li.querySelector('select') as HTMLSelectElement,
      minutes: li.querySelector('input') as HTMLInputElement,
    }));
  const planned = (): { challengeId: string; durationMinutes?: number }[] =>
    rowInputs().map(({ select, minutes }) => ({
      challengeId: select.value,
      ...(minutes.value ? { durationMinutes: Number(minutes.value) } : {}),
    }));
  const renderHint = (): void => {
    const plan = planned();
    const all = plan.length > 0 && plan.every((c) => c.durationMinutes !== undefined);
    boxHint.textContent = all
      ? `Empty: ${plan.reduce((sum, c) => sum + c.durationMinutes!, 0)} min, the sum of the challenges' minutes. Counts from when the candidate first opens the link.`
      : 'Counts from when the candidate first opens the link; empty: untimed (or the sum of the minutes, when every challenge has some).';
  };
  const renumber = (): void => {
    rowInputs().forEach(({ select, minutes }, i) => {
      // The first is named by the fieldset's label ("Challenge"); the others by their place.
      select.id = i === 0 ? 'challenge' : `challenge-${i + 1}`;
      if (i === 0) select.removeAttribute('aria-label');
      else select.setAttribute('aria-label', `Challenge ${i + 1}`);
      minutes.id = `budget-${i + 1}`;
      minutes.setAttribute('aria-label', `Planned minutes (${i + 1})`);
    });
    for (const li of rows.children) (li.querySelector('.remove-challenge') as HTMLButtonElement).hidden = rows.children.length < 2;
    renderHint();
  };
  const addRow = (challengeId = '', minutes?: number): void => {
    const select = h(
      'select',
      { name: 'challengeId', required: true, class: 'challenge-select' },
      h('option', { value: '' }, 'Choose a challenge…'),
      challenges.map((c) =>
        h(
          'option',
          { value: c.id, selected: c.id === challengeId },
          `${c.title} (${c.difficulty}, about ${c.expectedMinutes} min; ${c.inputs.join(', ')}) — ${c.summary}`,
        ),
      ),
    );
    const budget = h('input', { type: 'number', min: 1, max: 1440, step: 1, class: 'budget-input', value: minutes ?? '' });
    const remove = h('button', { type: 'button', class: 'secondary small remove-challenge' }, 'Remove');
    const li = h('li', { class: 'challenge-row' }, select, budget, h('span', { class: 'muted small' }, 'min'), remove);
    const chosen = (): void => {
      budget.placeholder = byIdOf.get(select.value) ? `about ${byIdOf.get(select.value)!.expectedMinutes}` : 'minutes';
      showPreview(select.value).catch((error: unknown) =>
        replace(preview, h('p', { class: 'notice' }, `The preview could not be loaded: ${(error as Error).message}`)),
      );
    };
    select.addEventListener('change', chosen);
    budget.addEventListener('input', renderHint);
    remove.addEventListener('click', () => {
      li.remove();
      renumber();
    });
    rows.append(li);
    renumber();
    budget.placeholder = byIdOf.get(challengeId) ? `about ${byIdOf.get(challengeId)!.expectedMinutes}` : 'minutes';
  };
  const addButton = h('button', { type: 'button', class: 'secondary small', id: 'add-challenge' }, 'Add a challenge');
  addButton.addEventListener('click', () => addRow());

  // Templates: a named list of challenges with minutes; choosing one fills the rows.
  let templates: InterviewTemplate[] = [];
  const templateSelect = h('select', { id: 'template', 'aria-describedby': 'template-hint' });
  const deleteTemplate = h('button', { type: 'button', class: 'secondary small', id: 'delete-template', hidden: true }, 'Delete template');
  const templateName = h('input', { id: 'template-name', type: 'text', maxlength: 200, placeholder: 'e.g. Senior DE, 60 min' });
  const saveTemplate = h('button', { type: 'button', class: 'secondary small', id: 'save-template' }, 'Save as template');
  const templateNote = h('span', { class: 'muted small', id: 'template-hint', role: 'status' });
  const renderTemplates = (selected = ''): void => {
    replace(
      templateSelect,
      h('option', { value: '' }, templates.length === 0 ? 'No templates yet' : 'None: choose challenges below'),
      templates.map((t) =>
        h(
          'option',
          { value: t.id, selected: t.id === selected },
          `${t.name} (${t.challenges.map((c) => byIdOf.get(c.challengeId)?.title ?? c.challengeId).join(' → ')})`,
        ),
      ),
    );
    deleteTemplate.hidden = selected === '';
  };
  const loadTemplates = async (selected = ''): Promise<void> => {
    templates = (await apiJson<TemplateList>('GET', '/api/templates', undefined, auth)).templates;
    renderTemplates(selected);
  };
  templateSelect.addEventListener('change', () => {
    const template = templates.find((t) => t.id === templateSelect.value);
    deleteTemplate.hidden = !template;
    if (!template) return;
    replace(rows);
    for (const c of template.challenges) addRow(c.challengeId, c.durationMs !== undefined ? c.durationMs / 60_000 : undefined);
    templateNote.textContent = `Filled from "${template.name}".`;
    void showPreview(template.challenges[0]!.challengeId).catch(() => undefined);
  });
  deleteTemplate.addEventListener('click', () => {
    const template = templates.find((t) => t.id === templateSelect.value);
    if (!template || !confirm(`Delete the template "${template.name}"? Interviews made from it are not changed.`)) return;
    apiJson('DELETE', `/api/templates/${template.id}`, undefined, auth)
      .then(() => loadTemplates())
      .then(
        () => (templateNote.textContent = `Deleted "${template.name}".`),
        (error: unknown) => (templateNote.textContent = `Could not delete it: ${(error as Error).message}`),
      );
  });
  saveTemplate.addEventListener('click', () => {
    const name = templateName.value.trim();
    if (!name) {
      templateNote.textContent = 'Name the template first.';
      templateName.focus();
      return;
    }
    apiJson<CreatedTemplate>('POST', '/api/templates', { name, challenges: planned() }, auth)
      .then(({ template }) => loadTemplates(template.id).then(() => template))
      .then(
        (template) => {
          templateName.value = '';
          templateNote.textContent = `Saved "${template.name}".`;
        },
        (error: unknown) => (templateNote.textContent = `Could not save it: ${(error as Error).message}`),
      );
  });

  const form = h(
    'form',
    { class: 'card create-form', id: 'create-interview', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'New interview'),
    h('div', { class: 'form-row' }, h('label', { for: 'template' }, 'Template'), templateSelect, deleteTemplate),
    h(
      'fieldset',
      { class: 'form-row challenges-fieldset' },
      h(
        'legend',
        {},
        h('label', { for: 'challenge' }, 'Challenge'),
        h('span', { class: 'muted small' }, ' in order, with the minutes you plan for each'),
      ),
      rows,
      h('div', { class: 'row-actions' }, addButton, templateName, saveTemplate, templateNote),
    ),
    preview,
    h(
      'div',
      { class: 'form-row' },
      h('label', { for: 'candidate-name' }, 'Candidate name'),
      h('input', { id: 'candidate-name', name: 'candidateName', type: 'text', required: true, maxlength: 200, autocomplete: 'off' }),
    ),
    h(
      'div',
      { class: 'form-row' },
      h('label', { for: 'duration' }, 'Time box (minutes)'),
      h('input', { id: 'duration', name: 'durationMinutes', type: 'number', min: 1, max: 1440, step: 1, placeholder: 'no limit' }),
      boxHint,
    ),
    h('div', { class: 'form-row' }, h('button', { type: 'submit', class: 'primary', id: 'create-button' }, 'Create interview')),
    formError,
  );
  addRow();
  await loadTemplates().catch(
    (error: unknown) => (templateNote.textContent = `Templates could not be loaded: ${(error as Error).message}`),
  );

  let showArchived = false;
  const archivedToggle = h('input', { type: 'checkbox', id: 'show-archived' });
  archivedToggle.addEventListener('change', () => {
    showArchived = archivedToggle.checked;
    void refresh();
  });

  /** Runs a row's action; its answer replaces the panel above the list when it has links to show. */
  const act = async (what: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
      await refresh();
    } catch (error) {
      replace(created, h('p', { class: 'notice', role: 'alert' }, `Could not ${what}: ${(error as Error).message}`));
    }
  };
  const post = <T>(path: string, body?: unknown): Promise<T> => apiJson<T>('POST', path, body, auth);

  const actions = (e: InterviewListEntry): HTMLElement => {
    const { id, candidateName } = e.interview;
    const button = (label: string, name: string, onClick: () => void): HTMLButtonElement => {
      const b = h('button', { type: 'button', class: 'secondary small', 'data-action': name }, label);
      b.addEventListener('click', onClick);
      return b;
    };
    const open = button('Open interviewer view', 'open', () => {
      // Opened before the request, so the browser counts it as the click's own window.
      const tab = window.open('about:blank', '_blank');
      void act('open the interviewer view', async () => {
        try {
          const { url } = await post<TemporaryLink>(`/api/interviews/${id}/open`);
          if (tab) {
            tab.opener = null;
            tab.location.href = url;
          } else location.assign(url);
        } catch (error) {
          tab?.close();
          throw error;
        }
      });
    });
    const reissue = (role: 'candidate' | 'interviewer'): HTMLButtonElement =>
      button(`New ${role} link`, `new-${role}-link`, () => {
        if (!confirm(`Issue a new ${role} link for ${candidateName}? The current ${role} link stops working at once.`)) return;
        void act(`issue a new ${role} link`, async () => {
          const { url } = await post<IssuedLink>(`/api/interviews/${id}/links`, { role });
          replace(
            created,
            h(
              'section',
              { class: 'card created', 'aria-labelledby': 'created-title' },
              h('h2', { id: 'created-title' }, `New ${role} link for ${candidateName}`),
              h('p', { class: 'muted' }, 'The previous one no longer works. This link is shown only here, now: copy it.'),
              linkRow(`${role === 'candidate' ? 'Candidate' : 'Interviewer'} link`, url, `${role}-url`, role === 'interviewer'),
            ),
          );
        });
      });
    const ended = e.clock.status === 'ended';
    const archived = e.interview.archivedAtMs !== undefined;
    return h(
      'div',
      { class: 'row-actions' },
      open,
      reissue('candidate'),
      reissue('interviewer'),
      ended
        ? null
        : button('End', 'end', () => {
            if (
              !confirm(
                `End the interview for ${candidateName} now? Their last saved code is submitted and nothing more can be run or edited.`,
              )
            )
              return;
            void act('end the interview', () => post(`/api/interviews/${id}/end`).then(() => undefined));
          }),
      button(archived ? 'Unarchive' : 'Archive', archived ? 'unarchive' : 'archive', () => {
        void act('archive the interview', () => post(`/api/interviews/${id}/archive`, { archived: !archived }).then(() => undefined));
      }),
      button('Delete', 'delete', () => {
        if (
          !confirm(
            `Delete the interview for ${candidateName} and everything of it (code, submissions, playback, scorecard)? This cannot be undone.`,
          )
        )
          return;
        void act('delete the interview', () => apiJson('DELETE', `/api/interviews/${id}`, undefined, auth).then(() => undefined));
      }),
    );
  };

  const refresh = async (): Promise<void> => {
    const { interviews } = await apiJson<InterviewList>(
      'GET',
      `/api/interviews?archived=${showArchived ? 'include' : 'exclude'}`,
      undefined,
      auth,
    );
    const titles = new Map(challenges.map((c) => [c.id, c.title]));
    replace(
      tableHost,
      interviews.length === 0
        ? h('p', { class: 'muted' }, showArchived ? 'No interviews yet.' : 'No interviews (archived ones are hidden).')
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
                  ['Candidate', 'Challenge', 'Created', 'Status', 'Runs + submits', 'Latest', 'Latest submit', 'Actions'].map((t) =>
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
                    { 'data-interview': e.interview.id, 'data-status': e.clock.status },
                    h('td', {}, e.interview.candidateName),
                    h(
                      'td',
                      { class: 'challenges-cell' },
                      e.challenges.length === 1
                        ? (titles.get(e.challenges[0]!.challengeId) ?? e.challenges[0]!.title)
                        : h(
                            'ol',
                            {},
                            e.challenges.map((c) =>
                              h(
                                'li',
                                { 'data-challenge': c.challengeId },
                                c.title,
                                ' ',
                                c.latestSubmit ? outcomeBadge(c.latestSubmit) : null,
                              ),
                            ),
                          ),
                    ),
                    h('td', {}, new Date(e.interview.createdAt).toLocaleString()),
                    h('td', { class: 'status-cell' }, statusText(e)),
                    h('td', {}, String(e.submissionCount)),
                    h('td', {}, e.latest ? outcomeBadge(e.latest) : '—'),
                    h('td', {}, e.latestSubmit ? outcomeBadge(e.latestSubmit) : '—'),
                    h('td', {}, actions(e)),
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
        {
          challenges: planned(),
          candidateName: String(data.get('candidateName')),
          ...(data.get('durationMinutes') ? { durationMinutes: Number(data.get('durationMinutes')) } : {}),
        },
        auth,
      );
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
          linkRow('Candidate link', result.candidateUrl, 'candidate-url', false),
          linkRow('Interviewer link', result.interviewerUrl, 'interviewer-url', true),
        ),
      );
      (form.querySelector('#candidate-name') as HTMLInputElement).value = '';
      (form.querySelector('#duration') as HTMLInputElement).value = '';
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
      h('h1', { class: 'topbar-title' }, 'Interviews'),
      h('span', { class: 'spacer' }),
      signOut,
    ),
    h(
      'main',
      { class: 'page' },
      form,
      created,
      h(
        'section',
        { 'aria-labelledby': 'list-title' },
        h('h2', { id: 'list-title' }, 'Interview list'),
        h('p', { class: 'list-options' }, archivedToggle, ' ', h('label', { for: 'show-archived' }, 'Show archived')),
        tableHost,
      ),
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
    h('h1', { id: 'signin-title' }, 'Interviewer sign-in'),
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

/** "Not started (45 min box)", "In progress · 12:04 left", "In progress (no limit)", "Ended (time is up)". */
function statusText(e: InterviewListEntry): string {
  const { clock, interview } = e;
  const archived = interview.archivedAtMs !== undefined ? ' · archived' : '';
  if (clock.status === 'ended') {
    const by = { deadline: 'time is up', interviewer: 'by the interviewer', admin: 'by the admin' }[interview.endedBy ?? 'admin'];
    return `Ended (${by})${archived}`;
  }
  if (clock.status === 'not_started')
    return `Not started${interview.durationMs ? ` (${Math.round(interview.durationMs / 60_000)} min box)` : ''}${archived}`;
  return clock.deadlineAtMs === null
    ? `In progress (no limit)${archived}`
    : `In progress · ${formatLeft(clock.deadlineAtMs - clock.serverNowMs)} left${archived}`;
}

/** `1 example`, `3 examples`. */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
