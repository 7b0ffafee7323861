// Entry point: picks the page from the address. `/` is the interviewers' dashboard; `/i/<token>`
// is an interview link, whose role (candidate or interviewer) the server tells (`?challenge=<id>`
// picks one of its challenges); `/i/<token>/report`
// is an interviewer link's report. Pages load lazily
// so the start page does not fetch Monaco. The colour theme is applied before any page draws.
import './styles.css';
import { ApiError, apiJson, interviewApi } from './api.js';
import type { InterviewView } from '../../core/views/interview-view.js';
import { byId, h, replace } from './dom.js';
import { applyTheme } from './shared/theme.js';

applyTheme();

async function route(): Promise<void> {
  const app = byId('app');
  const match = /^\/i\/([^/]+)(\/report)?\/?$/.exec(location.pathname);
  if (location.pathname === '/' || location.pathname === '/index.html') {
    const { mountStartPage } = await import('./start-page.js');
    return mountStartPage(app);
  }
  if (!match) {
    replace(
      app,
      h('main', { class: 'page narrow' }, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '/' }, 'Go to the start page'))),
    );
    return;
  }
  const apiBase = interviewApi(decodeURIComponent(match[1]!));
  if (match[2]) {
    const { mountReport } = await import('./interviewer/report-page.js');
    return mountReport(app, apiBase);
  }
  let view: InterviewView;
  try {
    // `?challenge=<id>`: which of the interview's challenges the page shows (default: the one the candidate is on).
    const challenge = new URLSearchParams(location.search).get('challenge');
    view = await apiJson<InterviewView>('GET', challenge ? `${apiBase}?challenge=${encodeURIComponent(challenge)}` : apiBase);
  } catch (error) {
    const message =
      error instanceof ApiError && error.status === 404
        ? 'This interview link is not valid. Check that you copied all of it, or ask your interviewer for a new one.'
        : (error as Error).message;
    const retry = h('button', { type: 'button', class: 'primary' }, 'Try again');
    retry.addEventListener('click', () => void route());
    replace(
      app,
      h(
        'main',
        { class: 'page narrow' },
        h('h1', {}, 'Cannot open the interview'),
        h('p', { class: 'notice', role: 'alert' }, message),
        retry,
      ),
    );
    return;
  }
  document.title = `${view.challenge.title} · ${view.role === 'candidate' ? 'PySpark interview' : `Interviewer · ${view.interview.candidateName}`}`;
  if (view.role === 'candidate') {
    const { mountCandidate } = await import('./candidate/candidate-page.js');
    await mountCandidate(app, apiBase, view);
  } else {
    const { mountInterviewer } = await import('./interviewer/interviewer-page.js');
    await mountInterviewer(app, apiBase, view);
  }
}

route().catch((error: unknown) => {
  console.error(error);
  replace(
    byId('app'),
    h('main', { class: 'page narrow' }, h('h1', {}, 'Something went wrong'), h('p', { role: 'alert' }, (error as Error).message)),
  );
});
