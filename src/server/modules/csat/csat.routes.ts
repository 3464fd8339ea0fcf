import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZCsatAnswer, ZCsatTokenParams, ZPublicCsat } from '../../../contracts/csat';
import { access } from '../../platform/http/access';
import { answerSurvey } from './answer-survey';
import { getPublicSurvey } from './get-survey';

const tags = ['csat'];
const pub = { access: access.public() };

/** K5: the satisfaction survey's public doors; the link's token is the only credential. */
export const csatRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/csat/:token',
    { config: pub, schema: { tags, params: ZCsatTokenParams, response: { 200: ZPublicCsat } } },
    (req) => getPublicSurvey({ ctx: req.ctx, token: req.params.token }),
  );
  app.post(
    '/public/csat/:token',
    { config: pub, schema: { tags, params: ZCsatTokenParams, body: ZCsatAnswer, response: { 200: ZPublicCsat } } },
    (req) => answerSurvey({ ctx: req.ctx, token: req.params.token, input: req.body }),
  );
};
