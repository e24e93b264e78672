#!/usr/bin/env bash
# The per-call cost of the access helpers the RLS policies call, and of one RLS-bound read, as a
# signed-in staff member: for the current definitions (A) and, optionally, for a candidate
# migration applied in a transaction that is rolled back (B). A and B alternate in one run, so
# their ratio is measured on the same machine load.
#
#   bench/access-helpers.sh <database url> <auth user id of a staff member> [candidate.sql] [rounds] [calls]
#
# Prints microseconds per call, the median of the rounds, per variant and helper, and B/A.
set -euo pipefail
url=${1:?database url}; uid=${2:?user id}; candidate=${3:-}; rounds=${4:-5}; calls=${5:-3000}
run() { # variant round
  {
    echo "\\set ON_ERROR_STOP on"
    echo "begin;"
    [ "$1" = B ] && cat "$candidate"
    cat <<SQL
select set_config('request.jwt.claims', json_build_object('sub', '$uid', 'role', 'authenticated')::text, true);
set local role authenticated;
do \$\$
declare
  v_t0 timestamptz;
  v_helper text;
begin
  foreach v_helper in array array['tenant_ids_with_role', 'tenant_ids_with_role_at_any_scope', 'member_keys_of_current_user',
                                  'member_tenant_ids', 'tenant_wide_staff_tenant_ids', 'rls_patients_count'] loop
    v_t0 := clock_timestamp();
    for i in 1 .. $calls loop
      case v_helper
        when 'tenant_ids_with_role' then perform count(*) from private.tenant_ids_with_role(private.tenant_admin_roles());
        when 'tenant_ids_with_role_at_any_scope' then perform count(*) from private.tenant_ids_with_role_at_any_scope(private.clinical_roles());
        when 'member_keys_of_current_user' then perform count(*) from private.member_keys_of_current_user();
        when 'member_tenant_ids' then perform count(*) from private.member_tenant_ids();
        when 'tenant_wide_staff_tenant_ids' then perform count(*) from private.tenant_wide_staff_tenant_ids();
        else perform count(*) from public.patients;
      end case;
    end loop;
    raise notice 'timing|$1|%|%', v_helper, round((extract(epoch from clock_timestamp() - v_t0) * 1e6 / $calls)::numeric, 2);
  end loop;
end
\$\$;
rollback;
SQL
  } | psql "$url" -X -q 2>&1 | sed -n 's/^NOTICE:  timing|//p'
}
out=$(for r in $(seq "$rounds"); do run A; [ -n "$candidate" ] && run B; done)
echo "$out" | awk -F'|' '
  { v[$1 "|" $2] = v[$1 "|" $2] " " $3; helpers[$2] = 1 }
  function median(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                          return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END { printf "%-36s %12s %12s %8s\n", "helper (us per call, median)", "A", "B", "B/A"
        for (h in helpers) { a = median(v["A|" h]); b = ("B|" h in v) ? median(v["B|" h]) : 0
                             printf "%-36s %12.2f %12s %8s\n", h, a, b ? sprintf("%.2f", b) : "-", b ? sprintf("%.2f", b / a) : "-" } }'
