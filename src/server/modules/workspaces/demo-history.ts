import { ZCreateMessage, ZCreateTicket, ZUpdateTicket } from '../../../contracts/tickets';
import type { Ctx } from '../../platform/context';
import { addMessage, createTicket, updateTicket } from '../tickets';
import type { Person } from './demo-tickets';
import { STORIES, type Agent, type Customer, type Dept } from './demo-stories';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The context acting at a fixed moment: every write of the action reads this clock. */
function atTime(ctx: Ctx, when: Date): Ctx {
  return { ...ctx, deps: { ...ctx.deps, clock: { now: () => new Date(when) } } };
}

/**
 * Writes the stories through the same actions as the API, each step by its person and at its
 * own moment (the actions read `ctx.deps.clock`), so times, waiting and statuses are consistent.
 * Steps that would fall in the future are left out.
 */
export async function seedDemoHistory({
  customer,
  agent,
  people,
  departments,
}: {
  customer: (who: Person) => Ctx;
  agent: (who: Person) => Ctx;
  people: Record<Customer | Agent, Person>;
  departments: Record<Dept, string>;
}) {
  const now = customer(people.ali).deps.clock.now().getTime();
  // Oldest first, so ticket numbers grow with time as they would have.
  const stories = [...STORIES].sort((a, b) => b.days * 24 + (b.at ?? 0) - (a.days * 24 + (a.at ?? 0)));
  for (const s of stories) {
    const opened = now - s.days * DAY - (s.at ?? 0) * HOUR;
    const asCustomer = customer(people[s.by]);
    const ticket = await createTicket({
      ctx: atTime(asCustomer, new Date(opened)),
      input: ZCreateTicket.parse({
        departmentId: departments[s.dept],
        priority: s.priority ?? 'medium',
        direction: s.by === 'john' ? 'ltr' : 'rtl',
        subject: s.subject,
        body: s.body,
      }),
    });
    for (const step of s.steps ?? []) {
      const when = opened + step.h * HOUR;
      if (when > now - 10 * 60_000) break;
      const who = step.by === 'customer' ? asCustomer : agent(people[step.by]);
      const ctx = atTime(who, new Date(when));
      if (step.body)
        await addMessage({
          ctx,
          number: ticket.number,
          input: ZCreateMessage.parse({
            body: step.body,
            direction: s.by === 'john' ? 'ltr' : 'rtl',
            force: true,
            ...(step.status && { statusAfter: step.status }),
          }),
        });
      else if (step.status)
        await updateTicket({ ctx, number: ticket.number, input: ZUpdateTicket.parse({ status: step.status }) });
    }
  }
}
