import type { TPublicCsat } from '../../../contracts/csat';
import type { Ctx } from '../../platform/context';
import { getSettings } from '../settings';
import { findSurvey, limitCsatDoor, type SurveyRow } from './surveys.repo';

/** What the public page shows of a survey: the ticket's number and subject, who asks, the answer. */
export async function publicView(ctx: Ctx, s: Pick<SurveyRow, 'number' | 'subject' | 'rating' | 'answeredAt'>) {
  const settings = await getSettings(ctx);
  const view: TPublicCsat = {
    ticketNumber: s.number,
    subject: s.subject,
    workspace: {
      name: settings.title,
      logoUrl: settings.logoFileId ? `/api/v1/public/logo?v=${settings.logoFileId}` : null,
    },
    answered: s.answeredAt !== null,
    rating: s.answeredAt !== null ? s.rating : null,
  };
  return view;
}

/** GET /public/csat/:token: the survey page's facts, for anyone holding the link. */
export async function getPublicSurvey({ ctx, token }: { ctx: Ctx; token: string }): Promise<TPublicCsat> {
  await limitCsatDoor(ctx);
  return publicView(ctx, await findSurvey(ctx, token));
}
