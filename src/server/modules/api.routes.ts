import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth';
import { billingRoutes } from './billing';
import { catalogRoutes } from './catalog';
import { departmentsRoutes } from './departments';
import { calendarsRoutes } from './calendars';
import { catalogueRoutes } from './catalogue';
import { slaRoutes } from './sla';
import { kbPublicRoutes, kbRoutes } from './kb';
import { liveRoutes } from './live';
import { mailRoutes } from './mail';
import { notificationsRoutes, pushRoutes } from './notifications';
import { meRoutes, peopleRoutes, usersRoutes } from './people';
import { settingsRoutes } from './settings';
import { attachmentsRoutes, publicTicketsRoutes, ticketsRoutes } from './tickets';

/** Every module's routes under /api/v1. */
export const apiRoutes: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(meRoutes);
  await app.register(usersRoutes);
  await app.register(peopleRoutes);
  await app.register(departmentsRoutes);
  await app.register(calendarsRoutes);
  await app.register(catalogueRoutes);
  await app.register(slaRoutes);
  await app.register(catalogRoutes);
  await app.register(mailRoutes);
  await app.register(settingsRoutes);
  await app.register(ticketsRoutes);
  await app.register(attachmentsRoutes);
  await app.register(publicTicketsRoutes);
  await app.register(kbRoutes);
  await app.register(kbPublicRoutes);
  await app.register(liveRoutes);
  await app.register(billingRoutes);
  await app.register(pushRoutes);
  await app.register(notificationsRoutes);
};
