// Interview templates as the admin API returns them.
import { z } from 'zod';
import { InterviewTemplateSchema } from '../interview-template.js';

/** `GET /api/templates`: by name. */
export const TemplateListSchema = z.object({ templates: z.array(InterviewTemplateSchema) });
export type TemplateList = z.infer<typeof TemplateListSchema>;

/** `POST /api/templates` (201). */
export const CreatedTemplateSchema = z.object({ template: InterviewTemplateSchema });
export type CreatedTemplate = z.infer<typeof CreatedTemplateSchema>;
