// Wiring only: environment, real dependencies, Deno.serve. The logic lives in handler.ts.
import { callerEnv, createCallerVerifier } from '../_shared/caller.ts';
import { createSql } from '../_shared/db.ts';
import { parseEnv } from '../_shared/env.ts';
import { sendersFromEnv } from '../_shared/messaging/senders.ts';
import { z } from 'zod';
import { claimNotifications, recordNotificationResult } from './database.ts';
import { createDispatchHandler } from './handler.ts';

const env = parseEnv(callerEnv.extend({ SUPABASE_DB_URL: z.url() }));
// Twilio's StatusCallback comes from TWILIO_WEBHOOK_URL (or SUPABASE_URL) inside sendersFromEnv.
const senders = sendersFromEnv(Deno.env.toObject());
const sql = createSql(env.SUPABASE_DB_URL, 'slotbase-dispatch-notifications');

Deno.serve(
  createDispatchHandler({
    claim: claimNotifications(sql),
    record: recordNotificationResult(sql),
    senders,
    verifyCaller: createCallerVerifier(env),
  }),
);
