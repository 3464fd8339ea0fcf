import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth/auth.routes';
import { catalogRoutes } from './catalog/catalog.routes';
import { departmentsRoutes } from './departments/departments.routes';
import { liveRoutes } from './live/live.routes';
import { mailRoutes } from './mail/mail.routes';
import { meRoutes } from './people/me.routes';
import { peopleRoutes } from './people/people.routes';
import { usersRoutes } from './people/users.routes';
import { settingsRoutes } from './settings/settings.routes';
import { ticketsRoutes } from './tickets/tickets.routes';
import { attachmentsRoutes } from './tickets/attachments.routes';
import { publicTicketsRoutes } from './tickets/public-tickets.routes';

/** Every module's routes under /api/v1. */
export const apiRoutes: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(meRoutes);
  await app.register(usersRoutes);
  await app.register(peopleRoutes);
  await app.register(departmentsRoutes);
  await app.register(catalogRoutes);
  await app.register(mailRoutes);
  await app.register(settingsRoutes);
  await app.register(ticketsRoutes);
  await app.register(attachmentsRoutes);
  await app.register(publicTicketsRoutes);
  await app.register(liveRoutes);
};
