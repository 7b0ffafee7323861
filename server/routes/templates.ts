// Interview templates (admin): a named list of challenges with time budgets, listed, created and
// deleted; `POST /api/interviews` with `templateId` creates an interview from one.
import { z } from 'zod';
import { MAX_TEMPLATES } from '../../core/interview-template.js';
import type { CreatedTemplate, TemplateList } from '../../core/views/template-view.js';
import { HttpError } from '../http/http-error.js';
import { validate } from '../http/validate.js';
import { PlannedChallengesSchema, resolvePlan } from '../interview-plan.js';
import type { RouteContext, Routes } from './route-context.js';

const CreateTemplateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  challenges: PlannedChallengesSchema,
});
const TemplateIdSchema = z.strictObject({ id: z.uuid('must be a template id') });

export function templateRoutes({ app }: Routes, { deps, adminOnly }: RouteContext): void {
  const { templates, challenges } = deps;

  app.get('/api/templates', ...adminOnly, async (_req, res) => {
    res.json({ templates: await templates.list() } satisfies TemplateList);
  });

  app.post('/api/templates', ...adminOnly, async (req, res) => {
    const input = validate(CreateTemplateSchema, req.body, 'template');
    const template = await templates.create(input.name, await resolvePlan(challenges, input.challenges));
    if (!template) throw new HttpError(409, `there are ${MAX_TEMPLATES} templates already (the most kept): delete one first`);
    req.log.info({ templateId: template.id }, 'template created');
    res.status(201).json({ template } satisfies CreatedTemplate);
  });

  app.delete('/api/templates/:id', ...adminOnly, async (req, res) => {
    const { id } = validate(TemplateIdSchema, req.params, 'path');
    if (!(await templates.delete(id))) throw new HttpError(404, 'no such template');
    res.status(204).end();
  });
}
