import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZIdParams, ZPage } from '../../../contracts/common';
import {
  ZCalendar,
  ZCreateCalendar,
  ZDue,
  ZDueQuery,
  ZImportedHolidays,
  ZImportHolidays,
  ZListCalendarsQuery,
  ZUpdateCalendar,
} from '../../../contracts/calendars';
import { access } from '../../platform/http/access';
import { calendarDue } from './calendar-due';
import { createCalendar } from './create-calendar';
import { deleteCalendar } from './delete-calendar';
import { getCalendar } from './get-calendar';
import { importHolidays } from './import-holidays';
import { listCalendars } from './list-calendars';
import { updateCalendar } from './update-calendar';

const tags = ['calendars'];
const manage = { access: access.perm('settings.manage') };
const staff = { access: access.staff() };

export const calendarsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/calendars',
    { config: staff, schema: { tags, querystring: ZListCalendarsQuery, response: { 200: ZPage(ZCalendar) } } },
    (req) => listCalendars({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/calendars',
    { config: manage, schema: { tags, body: ZCreateCalendar, response: { 201: ZCalendar } } },
    async (req, reply) => reply.code(201).send(await createCalendar({ ctx: req.ctx, input: req.body })),
  );
  app.get(
    '/calendars/:id',
    { config: staff, schema: { tags, params: ZIdParams, response: { 200: ZCalendar } } },
    (req) => getCalendar({ ctx: req.ctx, id: req.params.id }),
  );
  app.patch(
    '/calendars/:id',
    { config: manage, schema: { tags, params: ZIdParams, body: ZUpdateCalendar, response: { 200: ZCalendar } } },
    (req) => updateCalendar({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
  app.delete('/calendars/:id', { config: manage, schema: { tags, params: ZIdParams } }, async (req, reply) => {
    await deleteCalendar({ ctx: req.ctx, id: req.params.id });
    return reply.code(204).send();
  });
  app.post(
    '/calendars/:id/holidays/import',
    {
      config: manage,
      schema: { tags, params: ZIdParams, body: ZImportHolidays, response: { 200: ZImportedHolidays } },
    },
    (req) => importHolidays({ ctx: req.ctx, id: req.params.id, jalaliYear: req.body.jalaliYear }),
  );
  app.post(
    '/calendars/:id/due',
    { config: staff, schema: { tags, params: ZIdParams, body: ZDueQuery, response: { 200: ZDue } } },
    (req) => calendarDue({ ctx: req.ctx, id: req.params.id, input: req.body }),
  );
};
