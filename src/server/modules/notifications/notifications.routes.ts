import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZDeliveryPage,
  ZListDeliveriesQuery,
  ZListNotificationsQuery,
  ZMarkReadInput,
  ZMarkReadResult,
  ZNotificationFilterInput,
  ZNotificationFilterView,
  ZNotificationPage,
  ZNotificationSettings,
  ZNotificationSettingsInput,
} from '../../../contracts/notifications';
import { ZSmsGateway, ZSmsGatewayInput, ZSmsTestInput, ZSmsTestResult } from '../../../contracts/sms';
import { access } from '../../platform/http/access';
import { getNotificationSettings, mySettings } from './get-notification-settings';
import { listDeliveries } from './list-deliveries';
import { listNotifications } from './list-notifications';
import { markRead } from './mark-read';
import { getSmsGateway, putSmsGateway } from './sms-gateway';
import { testSms } from './test-sms';
import { filterView, updateNotificationFilter, updateNotificationSettings } from './update-notification-settings';

const tags = ['notifications'];
const signedIn = { access: access.signedIn() };
const manage = { access: access.perm('settings.manage') };

export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/notification-settings',
    { config: signedIn, schema: { tags, response: { 200: ZNotificationSettings } } },
    (req) => getNotificationSettings({ ctx: req.ctx }),
  );
  app.put(
    '/me/notification-settings',
    { config: signedIn, schema: { tags, body: ZNotificationSettingsInput, response: { 200: ZNotificationSettings } } },
    (req) => updateNotificationSettings({ ctx: req.ctx, input: req.body }),
  );
  app.get(
    '/me/notification-filter',
    { config: signedIn, schema: { tags, response: { 200: ZNotificationFilterView } } },
    async (req) => filterView(await mySettings(req.ctx)),
  );
  app.put(
    '/me/notification-filter',
    { config: signedIn, schema: { tags, body: ZNotificationFilterInput, response: { 200: ZNotificationFilterView } } },
    (req) => updateNotificationFilter({ ctx: req.ctx, input: req.body }),
  );
  app.get(
    '/notifications',
    { config: signedIn, schema: { tags, querystring: ZListNotificationsQuery, response: { 200: ZNotificationPage } } },
    (req) => listNotifications({ ctx: req.ctx, input: req.query }),
  );
  app.post(
    '/notifications/read',
    { config: signedIn, schema: { tags, body: ZMarkReadInput, response: { 200: ZMarkReadResult } } },
    (req) => markRead({ ctx: req.ctx, input: req.body }),
  );
  app.get(
    '/deliveries',
    { config: manage, schema: { tags, querystring: ZListDeliveriesQuery, response: { 200: ZDeliveryPage } } },
    (req) => listDeliveries({ ctx: req.ctx, input: req.query }),
  );
  app.get('/sms-gateway', { config: manage, schema: { tags: ['sms'], response: { 200: ZSmsGateway } } }, (req) =>
    getSmsGateway({ ctx: req.ctx }),
  );
  app.put(
    '/sms-gateway',
    { config: manage, schema: { tags: ['sms'], body: ZSmsGatewayInput, response: { 200: ZSmsGateway } } },
    (req) => putSmsGateway({ ctx: req.ctx, input: req.body }),
  );
  app.post(
    '/sms-gateway/test',
    { config: manage, schema: { tags: ['sms'], body: ZSmsTestInput, response: { 200: ZSmsTestResult } } },
    (req) => testSms({ ctx: req.ctx, input: req.body }),
  );
};
