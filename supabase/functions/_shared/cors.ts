// CORS for browser clients of supabase-js. The header list is the one Supabase documents for
// functions that cannot import `corsHeaders` from `@supabase/supabase-js/cors` (docs: functions/cors):
// the headers supabase-js sends, plus the trace context headers of `tracePropagation: true`.
export const corsHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type, x-retry-count, traceparent, tracestate, baggage',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
} as const;

/** The answer to a CORS preflight, or null when the request is not one. */
export function preflightResponse(request: Request): Response | null {
  return request.method === 'OPTIONS' ? new Response('ok', { headers: corsHeaders }) : null;
}
