// Two identical requests at the same instant, on real parallel connections: the second one gets
// the documented PT409 and reason code (docs/errors.md), never the unique violation 23505 that a
// check-then-insert would let through. Self-registration with a clinic (already_registered) and
// opening a clinic with a slug (slug_taken), many rounds each.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRace, failures, type Tx } from '../scheduling/race.ts';

const url = process.env.SLOTBASE_TEST_DB_URL;
const ROUNDS = 10;

describe.skipIf(!url)('parallel duplicates end in a reason code', () => {
  const race = createRace(url ?? '', 6);
  const tenantId = randomUUID();
  const users = Array.from({ length: ROUNDS }, () => randomUUID());
  const slugs = Array.from({ length: ROUNDS }, () => `twins-${randomUUID().slice(0, 8)}`);

  beforeAll(async () => {
    await race.admin.begin(async (tx) => {
      for (const id of users) {
        await tx`insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
                 values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${`u-${id}@twins.test`},
                         now(), '{}', '{}', now(), now())`;
      }
      await tx`insert into public.tenants (id, name, slug, timezone, currency, locale)
               values (${tenantId}, 'Twins Clinic', ${`twins-${tenantId.slice(0, 8)}`}, 'Europe/London', 'GBP', 'en-GB')`;
    });
  });

  afterAll(async () => {
    await race.admin.begin(async (tx) => {
      await tx`delete from public.patients where tenant_id = ${tenantId}`;
      await tx`delete from public.tenants where id = ${tenantId}`;
      // a clinic with members is never deleted, only deactivated (and it keeps its owner)
      await tx`update public.tenants set is_active = false where slug in ${tx(slugs)}`;
    }).catch((error: Error) => console.error(`cleanup failed: ${error.message}`));
    await race.end();
  });

  it('a user registering twice with a clinic at once: one record, the other already_registered', async () => {
    for (const userId of users) {
      const register = { as: { userId }, run: (tx: Tx) =>
        tx`insert into public.patients (tenant_id, user_id, full_name) values (${tenantId}, ${userId}, 'Twin') returning id` };
      const outcomes = await race.run([register, register]);
      expect(failures(outcomes)).toEqual(['PT409 already_registered']);
      const [row] = await race.admin<{ n: number }[]>`select count(*)::int as n from public.patients where tenant_id = ${tenantId} and user_id = ${userId}`;
      expect(row!.n).toBe(1);
    }
  });

  it('two clinics opened with the same slug at once: one tenant, the other slug_taken', async () => {
    for (const [i, slug] of slugs.entries()) {
      const open = (userId: string) => ({ as: { userId }, run: (tx: Tx) =>
        tx`select id from public.create_tenant(${'Twin ' + i}, ${slug}, 'Europe/London', 'GBP', 'en-GB')` });
      const outcomes = await race.run([open(users[i]!), open(users[(i + 1) % ROUNDS]!)]);
      expect(failures(outcomes)).toEqual(['PT409 slug_taken']);
    }
  });
});
