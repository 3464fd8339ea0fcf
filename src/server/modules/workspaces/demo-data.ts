import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../platform/context';
import { queryRows, type Executor } from '../../platform/db/database';
import { DEFAULT_ACCESS_LEVELS, createGroup, createUser, updateAccessLevel } from '../people';
import { createDepartment } from '../departments';
import { createTicketType, createTag, createOrgUnit } from '../catalog';
import { createCannedResponse } from '../canned-responses';
import { systemCtx } from './create-workspace';
import { seedDemoTickets } from './demo-tickets';
import { seedDemoCatalogue } from './demo-catalogue';

export const DEMO_PASSWORD = 'demo1234';

/**
 * The demo workspace of `npm start`: a university IT office with departments, agents with
 * access levels, customers, groups, ticket types, tags and organisational units. It is built
 * through the same actions the API calls, so it obeys the same rules. README lists the logins.
 */
export async function seedDemo(deps: AppDeps, workspaceId: number, adminId: number, executor?: Executor) {
  const ctx = systemCtx(deps, workspaceId, adminId, executor);
  // The workspace starts with the default levels (createWorkspace); the demo's senior agents
  // also import mail, read reports and write the knowledge base.
  const levels = await queryRows<{ id: number; name: string }>(
    ctx.db,
    sql`select id, name from access_levels where workspace_id = ${workspaceId}`,
  );
  const levelId = (key: 'agent' | 'senior') => {
    const name = DEFAULT_ACCESS_LEVELS.find((l) => l.key === key)!.name.fa;
    return String(levels.find((l) => l.name === name)!.id);
  };
  const full = await updateAccessLevel({
    ctx,
    id: Number(levelId('senior')),
    input: {
      description: 'همه‌ی کارهای تیکت در همه‌ی بخش‌ها و گزارش‌ها',
      permissions: [
        ...DEFAULT_ACCESS_LEVELS.find((l) => l.key === 'senior')!.permissions,
        'tickets.import',
        'reports.view',
        'kb.manage',
      ],
    },
  });
  const basic = { id: levelId('agent') };

  const agent = (username: string, name: string, email: string, level: string) =>
    createUser({
      ctx,
      input: {
        role: 'agent',
        username,
        name,
        email,
        alternateEmails: [],
        mobile: null,
        password: DEMO_PASSWORD,
        ticketAccess: true,
        active: true,
        departmentIds: [],
        groupIds: [],
        accessLevelId: Number(level),
        orgUnitId: null,
        signature: `با احترام،\n${name}`,
        locale: 'fa',
      },
    });
  const sara = await agent('sara', 'سارا احمدی', 'sara@demo.pishkhan.local', full.id);
  const reza = await agent('reza', 'رضا کریمی', 'reza@demo.pishkhan.local', basic.id);
  const maryam = await agent('maryam', 'مریم رضایی', 'maryam@demo.pishkhan.local', basic.id);

  const faculty = await createOrgUnit({
    ctx,
    input: { name: 'دانشکده فنی و مهندسی', parentId: null, active: true, position: 1 },
  });
  await createOrgUnit({
    ctx,
    input: { name: 'گروه مهندسی کامپیوتر', parentId: Number(faculty.id), active: true, position: 1 },
  });
  const adminUnit = await createOrgUnit({
    ctx,
    input: { name: 'معاونت اداری و مالی', parentId: null, active: true, position: 2 },
  });
  await createOrgUnit({ ctx, input: { name: 'کتابخانه مرکزی', parentId: null, active: true, position: 3 } });

  const customer = (
    username: string,
    name: string,
    email: string,
    mobile: string,
    alternateEmails: string[] = [],
    locale: 'fa' | 'en' = 'fa',
  ) =>
    createUser({
      ctx,
      input: {
        role: 'customer',
        username,
        name,
        email,
        alternateEmails,
        mobile,
        password: DEMO_PASSWORD,
        ticketAccess: true,
        active: true,
        departmentIds: [],
        groupIds: [],
        accessLevelId: null,
        orgUnitId: Number(faculty.id),
        signature: '',
        locale,
      },
    });
  const ali = await customer('ali', 'علی محمدی', 'ali@example.com', '09121234567', ['a.mohammadi@university.example']);
  const zahra = await customer('zahra', 'زهرا حسینی', 'zahra@example.com', '09351234567');
  // The English-speaking customer: his interface and all his texts are in English.
  const john = await customer('john', 'John Smith', 'john@example.com', '09191234567', [], 'en');

  await createGroup({
    ctx,
    input: {
      kind: 'agent',
      name: 'تیم فناوری اطلاعات',
      description: '',
      memberIds: [Number(reza.id), Number(maryam.id)],
    },
  });
  await createGroup({
    ctx,
    input: {
      kind: 'customer',
      name: 'اعضای هیئت علمی',
      description: '',
      memberIds: [Number(ali.id), Number(zahra.id)],
    },
  });

  const support = await createDepartment({
    ctx,
    input: {
      name: 'پشتیبانی فنی',
      description: 'مشکلات شبکه، ایمیل، حساب کاربری و نرم‌افزار',
      active: true,
      visible: true,
      usage: 'all',
      managerId: Number(sara.id),
      agentIds: [Number(reza.id)],
      assignmentMode: 'manual',
    },
  });
  const finance = await createDepartment({
    ctx,
    input: {
      name: 'امور مالی',
      description: 'شارژ اعتبار پیامک، صورت‌حساب و پرداخت',
      active: true,
      visible: true,
      usage: 'members',
      managerId: Number(sara.id),
      agentIds: [Number(maryam.id)],
      assignmentMode: 'manual',
    },
  });
  const sales = await createDepartment({
    ctx,
    input: {
      name: 'فروش',
      description: 'پیش از خرید و قراردادها',
      active: true,
      visible: true,
      usage: 'all',
      managerId: null,
      agentIds: [Number(maryam.id)],
      assignmentMode: 'manual',
    },
  });
  const internal = await createDepartment({
    ctx,
    input: {
      name: 'هماهنگی داخلی',
      description: 'تیکت‌های میان کارشناسان',
      active: true,
      visible: false,
      usage: 'internal',
      managerId: Number(sara.id),
      agentIds: [],
      assignmentMode: 'manual',
    },
  });

  for (const [i, name] of ['فنی', 'مالی', 'عمومی', 'پیشنهاد و انتقاد'].entries())
    await createTicketType({ ctx, input: { name, description: '', active: true, position: i } });
  for (const [name, color] of [
    ['شبکه', '#1565c0'],
    ['ایمیل', '#6a1b9a'],
    ['فوری', '#c62828'],
    ['vpn', '#2e7d32'],
  ] as const)
    await createTag({ ctx, input: { name, color } });
  // K6: two of the team's canned responses, with placeholders.
  await createCannedResponse({
    ctx,
    input: {
      title: 'خوشامد و دریافت درخواست',
      shortcut: 'salam',
      shared: true,
      departmentIds: [],
      body: '<p>سلام {{requester.name}} عزیز،</p><p>درخواست شما با شمارهٔ {{ticket.number}} در بخش {{ticket.department}} دریافت شد و به‌زودی بررسی می‌شود.</p>',
    },
  });
  await createCannedResponse({
    ctx,
    input: {
      title: 'درخواست اطلاعات بیشتر',
      shortcut: 'info',
      shared: true,
      departmentIds: [support.id],
      body: '<p>{{requester.name}} گرامی، برای بررسی «{{ticket.subject}}» لطفاً تصویر پیغام خطا و زمان دقیق رخداد را بفرستید.</p>',
    },
  });

  await seedDemoTickets(
    ctx,
    { sara, reza, maryam, ali, zahra, john, agentPermissions: full.permissions },
    { support: support.id, finance: finance.id, sales: sales.id, internal: internal.id },
  );
  await seedDemoCatalogue(
    ctx,
    { ali, zahra, john, sara },
    { support: support.id, finance: finance.id, unitId: adminUnit.id },
  );
}
