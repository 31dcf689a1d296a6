-- pam status's figures for every commune of the loaded bundles, in SQL (DuckDB's dialect).
--
-- The rules are pam/monitor's (schedule.py, variance.py, rollup.py, results.py,
-- discipline.py): this file says them again in SQL, step by step, and
-- tests/test_rollup_equivalence.py proves on every commune of its test set that the figures
-- are the same, to the last printed decimal. Change a rule there, change it here.
--
-- Input: the bundle tables (pam/rollup/schema.py) as tables or views of the same names, with
-- the rows of every commune together, and `params` (one row: as_of DATE). Each commune is
-- measured at that date capped to the last day of its program, as pam status caps a later
-- --as-of (r_dates). Groups of communes (provinces, regions, all of them) and domains of the
-- same name across communes are nodes like the others: their figures follow the same rules
-- over all their actions, each measured at its commune's date.
--
-- Exactness: Python adds floats one by one in plan order (sum() in Python 3.11) and rounds
-- half to even on the exact binary value (round(x, 2)); so does this file: sums are left folds
-- over lists ordered by (commune, seq) (pam_fsum), and pam_round rounds the exact decimal
-- expansion of the double (printf '%.21f' is exact enough: no double within 1e-20 of a
-- rounding midpoint lies on the other side of it).

-- ---------------------------------------------------------------------------------------
-- 0. Helpers
CREATE OR REPLACE TEMP MACRO pam_fixed(x) AS printf('%.21f', abs(CAST(x AS DOUBLE)));
-- floor(|x| * 10^d) plus one when the rest is above half, or exactly half and that is odd
CREATE OR REPLACE TEMP MACRO pam_round_digits(s, d) AS
  CAST(replace(left(s, strpos(s, '.') + d), '.', '') AS HUGEINT)
  + CASE WHEN substr(s, strpos(s, '.') + d + 1) > rpad('5', 21 - d, '0') THEN 1
         WHEN substr(s, strpos(s, '.') + d + 1) < rpad('5', 21 - d, '0') THEN 0
         ELSE CAST(right(left(s, strpos(s, '.') + d), 1) AS INTEGER) % 2 END;
CREATE OR REPLACE TEMP MACRO pam_scale(d) AS CAST(CASE d WHEN 1 THEN 10 ELSE 100 END AS DOUBLE);
-- Python's round(x, d) + 0.0 (d = 1 or 2): the double nearest to the rounded decimal. Most
-- values are far from a midpoint (x * 10^d, one rounding away from the exact product, is not
-- within 1e-9 of a half): round that. The others are rounded from their exact digits.
CREATE OR REPLACE TEMP MACRO pam_round(x, d) AS
  CASE WHEN x IS NULL THEN NULL
       WHEN abs(x * pam_scale(d) - floor(x * pam_scale(d)) - 0.5)
            > 1e-9 * (abs(x * pam_scale(d)) + 1)
           THEN round(x * pam_scale(d)) / pam_scale(d) + CAST(0 AS DOUBLE)
       ELSE CAST(sign(x) AS DOUBLE) * CAST(pam_round_digits(pam_fixed(x), d) AS DOUBLE)
            / pam_scale(d) + CAST(0 AS DOUBLE) END;
CREATE OR REPLACE TEMP MACRO pam_r2(x) AS pam_round(x, 2);
-- results.gap: a variance is the 2-decimal actual minus the 2-decimal planned
CREATE OR REPLACE TEMP MACRO pam_gap(a, p) AS
  CASE WHEN a IS NULL OR p IS NULL THEN NULL ELSE pam_r2(pam_r2(a) - pam_r2(p)) END;
CREATE OR REPLACE TEMP MACRO pam_div(a, b) AS
  CASE WHEN a IS NULL OR b IS NULL OR b = 0 THEN NULL ELSE a / b END;
-- Python's sum() of floats: from 0.0, one after the other in list order. DuckDB's list_sum
-- adds a list's doubles in order (a plain loop, no compensation, no pairs), and is 4 times
-- faster than the same fold written list_reduce(xs, lambda s, v: s + v, 0.0):
-- tests/test_rollup_props.py checks on every run that the two agree where order matters
CREATE OR REPLACE TEMP MACRO pam_fsum(xs) AS coalesce(list_sum(xs), CAST(0 AS DOUBLE));

-- ---------------------------------------------------------------------------------------
-- 1. The date each commune is measured at (cache.units.as_of_date: the roll-up's date, capped
--    to the last day of the program); the plan as amended (baseline.view 'current'): dropped
--    actions left out and counted
CREATE OR REPLACE TEMP TABLE r_dates AS
SELECT g.commune, least(p.as_of, make_date(g.period_end, 12, 31)) AS as_of
FROM program g CROSS JOIN params p;

CREATE OR REPLACE TEMP TABLE r_projects AS
SELECT p.commune, p.id AS project, p.seq, ax.id AS axis, ax.parent AS domain,
       CAST(row_number() OVER (ORDER BY p.commune, p.seq) AS INTEGER) AS pid  -- a short key
FROM nodes p JOIN nodes ax ON ax.commune = p.commune AND ax.id = p.parent AND ax.kind = 'axis'
WHERE p.kind = 'project';

CREATE OR REPLACE TEMP TABLE r_dropped AS
SELECT commune, project, count(*) AS dropped FROM actions WHERE dropped_by IS NOT NULL
GROUP BY ALL;

-- 2. Planned at the date (schedule.planned_at): 0 up to 31 December before the first target,
--    linear in days between two points, flat after the last; v0 + (v1 - v0) * days / span
CREATE OR REPLACE TEMP TABLE r_segments AS
SELECT commune, action, year, value,
       min(year) OVER (PARTITION BY commune, action) AS first_year,
       lag(year) OVER w AS prev_year,
       coalesce(lag(value) OVER w, CAST(0 AS DOUBLE)) AS prev_value,
       last_value(value) OVER (PARTITION BY commune, action ORDER BY year
                               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
           AS last_target
FROM targets
WINDOW w AS (PARTITION BY commune, action ORDER BY year);

CREATE OR REPLACE TEMP TABLE r_planned AS
WITH per_action AS (
    SELECT s.commune, s.action, any_value(s.first_year) AS first_year,
           any_value(s.last_target) AS last_target,
           -- the segment that ends at the first target year on or after the date's year
           arg_min(s.year, s.year) FILTER (WHERE s.year >= year(p.as_of)) AS seg_year
    FROM r_segments s JOIN r_dates p ON p.commune = s.commune GROUP BY ALL)
SELECT a.commune, a.action,
       CASE WHEN p.as_of <= make_date(a.first_year - 1, 12, 31) THEN CAST(0 AS DOUBLE)
            WHEN a.seg_year IS NULL THEN a.last_target
            ELSE s.prev_value + ((s.value - s.prev_value)
                 * CAST(datediff('day', make_date(coalesce(s.prev_year, s.first_year - 1), 12, 31),
                                 p.as_of) AS DOUBLE))
                 / CAST(datediff('day', make_date(coalesce(s.prev_year, s.first_year - 1), 12, 31),
                                 make_date(s.year, 12, 31)) AS DOUBLE)
       END AS planned
FROM per_action a JOIN r_dates p ON p.commune = a.commune
LEFT JOIN r_segments s ON s.commune = a.commune AND s.action = a.action AND s.year = a.seg_year;

-- 3. The last report on or before the date (variance.latest_on): reports ordered by date,
--    then half month, then the order pam read them (card, then line): the greatest key
CREATE OR REPLACE TEMP TABLE r_last AS
WITH latest AS (
    SELECT e.commune, e.action,
           arg_max({'date': e.date, 'progress': e.progress, 'paid': e.paid,
                    'committed': e.committed, 'state': e.state},
                   {'date': e.date, 'period': c.period, 'card': e.card, 'line': e.line})
               AS last
    FROM entries e JOIN cards c ON c.commune = e.commune AND c.card = e.card
    JOIN r_dates p ON p.commune = e.commune
    WHERE e.date <= p.as_of
    GROUP BY e.commune, e.action)
SELECT commune, action, last.date AS date, last.progress AS progress, last.paid AS paid,
       last.committed AS committed, last.state AS state
FROM latest;

-- 4. Each action (variance.compute_action, rollup.classify)
CREATE OR REPLACE TEMP TABLE r_act AS
WITH base AS (
    SELECT x.commune, x.seq, x.id, x.project, pr.pid, pr.axis, pr.domain, x.cost,
           pl.planned, l.progress AS actual, l.date AS last_report, l.paid AS spent,
           l.committed, l.state, l.commune IS NOT NULL AS is_reported,
           g.late AS t_late, g.at_risk AS t_at_risk, g.stale_days AS t_stale, pa.as_of
    FROM actions x
    JOIN r_projects pr ON pr.commune = x.commune AND pr.project = x.project
    JOIN program g ON g.commune = x.commune
    JOIN r_dates pa ON pa.commune = x.commune
    LEFT JOIN r_planned pl ON pl.commune = x.commune AND pl.action = x.id
    LEFT JOIN r_last l ON l.commune = x.commune AND l.action = x.id
    WHERE x.dropped_by IS NULL),
printed AS (  -- the 2-decimal planned and actual; the variance the status rules read
    SELECT *, pam_r2(planned) AS planned2, pam_r2(actual) AS actual2 FROM base),
gapped AS (
    SELECT *, pam_r2(coalesce(actual2, CAST(0 AS DOUBLE)) - planned2) AS gap_done
    FROM printed),
classified AS (
    SELECT *,
           CASE WHEN actual IS NOT NULL AND actual >= 100 THEN 'done'
                WHEN is_reported AND state = 'cancelled' THEN 'cancelled'
                WHEN planned IS NULL THEN 'no_target'
                WHEN planned2 = 0 THEN 'not_due'
                WHEN NOT is_reported THEN 'unreported'
                WHEN planned2 >= 100 OR gap_done < t_late THEN 'late'
                WHEN gap_done < t_at_risk THEN 'at_risk'
                ELSE 'on_track' END AS status
    FROM gapped)
SELECT commune, seq, id, project, pid, axis, domain, cost, planned, actual, last_report,
       spent, committed, state, status,
       pam_r2(actual2 - planned2) AS variance,
       (last_report IS NOT NULL AND status <> 'done'
        AND datediff('day', last_report, as_of) > t_stale) AS stale,
       (cost * planned) / CAST(100 AS DOUBLE) AS pv,
       (cost * actual) / CAST(100 AS DOUBLE) AS ev,
       planned IS NOT NULL AND status <> 'cancelled' AS measured,
       planned IS NOT NULL AND status <> 'cancelled' AND planned2 > 0 AS due,
       planned IS NOT NULL AND status <> 'cancelled' AND cost IS NOT NULL AND cost <> 0
           AS costed
FROM classified;

-- the terms each sum of a node adds, 0 for an action outside that sum: adding 0.0 to a sum
-- of non-negative figures leaves it as it was, so one list per node serves every sum
CREATE OR REPLACE TEMP TABLE r_terms AS
WITH t AS (
    SELECT *, measured AND actual IS NOT NULL AS reported_m FROM r_act)
SELECT commune, seq, {
    'planned': CASE WHEN measured THEN planned ELSE 0.0 END,
    'actual': CASE WHEN measured THEN coalesce(actual, 0.0) ELSE 0.0 END,
    'planned_rep': CASE WHEN reported_m THEN planned ELSE 0.0 END,
    'actual_rep': CASE WHEN reported_m THEN actual ELSE 0.0 END,
    'weight': CASE WHEN costed THEN cost ELSE 0.0 END,
    'pcw': CASE WHEN costed THEN cost * planned ELSE 0.0 END,
    'acw': CASE WHEN costed THEN cost * coalesce(actual, 0.0) ELSE 0.0 END,
    'pv': coalesce((cost * planned) / CAST(100 AS DOUBLE), 0.0),
    'ev': coalesce((cost * actual) / CAST(100 AS DOUBLE), 0.0),
    'ac': coalesce(spent, 0.0),
    'cost': coalesce(cost, 0.0)} AS term
FROM t;

-- ---------------------------------------------------------------------------------------
-- 5. Nodes: each commune's projects, axes, domains and program; groups of communes; the
--    domains that carry the same name in several communes
CREATE OR REPLACE TEMP TABLE r_commune_groups AS
SELECT 'province' AS kind, coalesce(province_code, province_ar, '') AS key,
       province_ar AS name_ar, province_fr AS name_fr, commune FROM program
UNION ALL
SELECT 'region', coalesce(region_code, region_ar, ''), region_ar, region_fr, commune
FROM program
UNION ALL
SELECT 'total', 'all', NULL, NULL, commune FROM program;

CREATE OR REPLACE TEMP TABLE r_domain_groups AS
SELECT 'domain_name' AS kind,
       regexp_replace(translate(trim(name_ar), 'یکى', 'يكي'), '\s+', ' ', 'g') AS key,
       name_ar, name_fr, commune, id AS domain
FROM nodes WHERE kind = 'domain' AND NOT hidden;

CREATE OR REPLACE TEMP TABLE r_node_list AS
SELECT kind, commune AS owner, id AS node, name_ar, name_fr, seq, hidden FROM nodes
UNION ALL
SELECT 'program', commune, commune, program_ar, program_fr, -1, false FROM program
UNION ALL
SELECT kind, '', key, min(name_ar), min(name_fr), 0, false FROM r_commune_groups GROUP BY ALL
UNION ALL
SELECT kind, '', key, min(name_ar), min(name_fr), 0, false FROM r_domain_groups GROUP BY ALL;

-- which actions each node holds (the fold order is (commune, seq) in every node)
CREATE OR REPLACE TEMP TABLE r_members AS
SELECT 'project' AS kind, commune AS owner, project AS node, commune, seq FROM r_act
UNION ALL SELECT 'axis', commune, axis, commune, seq FROM r_act
UNION ALL SELECT 'domain', commune, domain, commune, seq FROM r_act
UNION ALL SELECT 'program', commune, commune, commune, seq FROM r_act
UNION ALL SELECT g.kind, '', g.key, a.commune, a.seq
          FROM r_act a JOIN r_commune_groups g ON g.commune = a.commune
UNION ALL SELECT g.kind, '', g.key, a.commune, a.seq
          FROM r_act a JOIN r_domain_groups g ON g.commune = a.commune AND g.domain = a.domain;

-- which projects each node holds (for the project counts and the dropped actions)
CREATE OR REPLACE TEMP TABLE r_project_members AS
SELECT 'project' AS kind, commune AS owner, project AS node, commune, project FROM r_projects
UNION ALL SELECT 'axis', commune, axis, commune, project FROM r_projects
UNION ALL SELECT 'domain', commune, domain, commune, project FROM r_projects
UNION ALL SELECT 'program', commune, commune, commune, project FROM r_projects
UNION ALL SELECT g.kind, '', g.key, p.commune, p.project
          FROM r_projects p JOIN r_commune_groups g ON g.commune = p.commune
UNION ALL SELECT g.kind, '', g.key, p.commune, p.project
          FROM r_projects p JOIN r_domain_groups g ON g.commune = p.commune
                                                  AND g.domain = p.domain;

-- the thresholds a node is judged by: its commune's; a group's when all its communes agree,
-- else pam's defaults (model.Thresholds)
CREATE OR REPLACE TEMP TABLE r_thresholds AS
WITH per_group AS (
    SELECT m.kind, m.owner, m.node,
           count(DISTINCT (g.at_risk, g.late, g.late_share, g.unreported_share)) AS variants,
           any_value(g.at_risk) AS at_risk, any_value(g.late) AS late,
           any_value(g.late_share) AS late_share,
           any_value(g.unreported_share) AS unreported_share
    FROM (SELECT DISTINCT kind, owner, node, commune FROM r_project_members) m
    JOIN program g ON g.commune = m.commune
    GROUP BY ALL)
SELECT n.kind, n.owner, n.node,
       CASE WHEN coalesce(t.variants, 0) = 1 THEN t.at_risk ELSE -10.0 END AS at_risk,
       CASE WHEN coalesce(t.variants, 0) = 1 THEN t.late ELSE -25.0 END AS late,
       CASE WHEN coalesce(t.variants, 0) = 1 THEN t.late_share ELSE 25.0 END AS late_share,
       CASE WHEN coalesce(t.variants, 0) = 1 THEN t.unreported_share ELSE 50.0 END
           AS unreported_share,
       coalesce(t.variants, 0) = 1 AS shared
FROM r_node_list n LEFT JOIN per_group t USING (kind, owner, node);

-- 6. The roll-up (rollup.roll_up): counts, and sums in plan order
CREATE OR REPLACE TEMP TABLE r_agg AS
WITH grouped AS (
    SELECT m.kind, m.owner, m.node,
           count(*) AS actions,
           count(*) FILTER (WHERE a.status = 'done') AS n_done,
           count(*) FILTER (WHERE a.status = 'late') AS n_late,
           count(*) FILTER (WHERE a.status = 'at_risk') AS n_at_risk,
           count(*) FILTER (WHERE a.status = 'unreported') AS n_unreported,
           count(*) FILTER (WHERE a.status = 'on_track') AS n_on_track,
           count(*) FILTER (WHERE a.status = 'not_due') AS n_not_due,
           count(*) FILTER (WHERE a.status = 'no_target') AS n_no_target,
           count(*) FILTER (WHERE a.status = 'cancelled') AS n_cancelled,
           count(*) FILTER (WHERE a.measured) AS measured,
           count(*) FILTER (WHERE a.measured AND a.actual IS NOT NULL) AS reported,
           count(*) FILTER (WHERE a.due) AS due,
           count(*) FILTER (WHERE a.due AND a.status = 'done') AS due_done,
           count(*) FILTER (WHERE a.costed) AS costed,
           count(*) FILTER (WHERE a.stale) AS stale,
           count(*) FILTER (WHERE a.planned IS NULL AND a.status <> 'cancelled') AS no_target,
           coalesce(bool_or(coalesce(a.actual, 0) > 0), false) AS any_progress,
           list(t.term ORDER BY a.commune, a.seq) AS terms
    FROM r_members m
    JOIN r_act a ON a.commune = m.commune AND a.seq = m.seq
    JOIN r_terms t ON t.commune = m.commune AND t.seq = m.seq
    GROUP BY m.kind, m.owner, m.node)
SELECT * EXCLUDE (terms),
       pam_fsum(list_transform(terms, lambda x: x.planned)) AS planned_sum,
       pam_fsum(list_transform(terms, lambda x: x.actual)) AS actual_sum,
       pam_fsum(list_transform(terms, lambda x: x.planned_rep)) AS planned_rep_sum,
       pam_fsum(list_transform(terms, lambda x: x.actual_rep)) AS actual_rep_sum,
       pam_fsum(list_transform(terms, lambda x: x.weight)) AS weight,
       pam_fsum(list_transform(terms, lambda x: x.pcw)) AS pcw_sum,
       pam_fsum(list_transform(terms, lambda x: x.acw)) AS acw_sum,
       pam_fsum(list_transform(terms, lambda x: x.pv)) AS pv,
       pam_fsum(list_transform(terms, lambda x: x.ev)) AS ev,
       pam_fsum(list_transform(terms, lambda x: x.ac)) AS ac,
       pam_fsum(list_transform(terms, lambda x: x.cost)) AS cost
FROM grouped;

-- 7. Every node's figures and status (rollup.node_status: the first rule that applies)
CREATE OR REPLACE TEMP TABLE r_nodes AS
WITH figures AS (
    SELECT n.kind, n.owner, n.node, n.name_ar, n.name_fr, n.seq, n.hidden,
           t.at_risk AS t_at_risk, t.late_share AS t_late_share,
           t.unreported_share AS t_unreported_share, t.shared AS thresholds_shared,
           coalesce(g.actions, 0) AS actions, coalesce(g.n_done, 0) AS n_done,
           coalesce(g.n_late, 0) AS n_late, coalesce(g.n_at_risk, 0) AS n_at_risk,
           coalesce(g.n_unreported, 0) AS n_unreported, coalesce(g.n_on_track, 0) AS n_on_track,
           coalesce(g.n_not_due, 0) AS n_not_due, coalesce(g.n_no_target, 0) AS n_no_target,
           coalesce(g.n_cancelled, 0) AS n_cancelled, coalesce(g.measured, 0) AS measured,
           coalesce(g.reported, 0) AS reported, coalesce(g.due, 0) AS due,
           coalesce(g.due_done, 0) AS due_done, coalesce(g.costed, 0) AS costed,
           coalesce(g.stale, 0) AS stale, coalesce(g.no_target, 0) AS no_target,
           coalesce(g.any_progress, false) AS any_progress,
           CASE WHEN g.measured > 0 THEN g.planned_sum / g.measured END AS planned,
           CASE WHEN g.measured > 0 THEN g.actual_sum / g.measured END AS actual,
           CASE WHEN g.reported > 0 THEN g.planned_rep_sum / g.reported END AS planned_reported,
           CASE WHEN g.reported > 0 THEN g.actual_rep_sum / g.reported END AS actual_reported,
           CASE WHEN g.costed > 0 THEN g.pcw_sum / g.weight END AS planned_cost_weighted,
           CASE WHEN g.costed > 0 THEN g.acw_sum / g.weight END AS actual_cost_weighted,
           coalesce(g.weight, 0) AS weight, coalesce(g.pv, 0) AS pv,
           coalesce(g.ev, 0) AS ev, coalesce(g.ac, 0) AS ac, coalesce(g.cost, 0) AS cost
    FROM r_node_list n
    JOIN r_thresholds t USING (kind, owner, node)
    LEFT JOIN r_agg g USING (kind, owner, node)),
printed AS (
    SELECT *, pam_r2(actual) AS actual2, pam_r2(planned) AS planned2 FROM figures),
judged AS (
    SELECT *, pam_r2(actual2 - planned2) AS variance, actions - n_cancelled AS live
    FROM printed)
SELECT *,
       CASE WHEN actions = 0 THEN 'empty'
            WHEN live = 0 THEN 'all-cancelled'
            WHEN n_done = live THEN 'all-done'
            WHEN measured = 0 THEN 'no-target'
            WHEN due = 0 THEN 'nothing-due'
            WHEN CAST(n_unreported * 100 AS DOUBLE) > t_unreported_share * due
                THEN 'mostly-unreported'
            WHEN CAST(n_late * 100 AS DOUBLE) >= t_late_share * due THEN 'late-share'
            WHEN n_late > 0 THEN 'late-below'
            WHEN CAST((n_late + n_at_risk) * 100 AS DOUBLE) >= t_late_share * due
                THEN 'at-risk-share'
            WHEN variance IS NOT NULL AND variance < t_at_risk THEN 'variance'
            ELSE 'on-track' END AS rule
FROM judged;

-- a project's stage and counts (rollup.project_stage, roll_up for kind 'project')
CREATE OR REPLACE TEMP TABLE r_project_flags AS
SELECT owner AS commune, node AS project,
       CASE WHEN live > 0 AND n_done = live THEN 'done'
            WHEN any_progress THEN 'in_progress' ELSE 'not_started' END AS stage,
       rule IN ('late-share') AS late, due > 0 AS programmed
FROM r_nodes WHERE kind = 'project';

CREATE OR REPLACE TEMP TABLE r_project_counts AS
SELECT m.kind, m.owner, m.node,
       count(*) AS total,
       count(*) FILTER (WHERE f.stage = 'done') AS done,
       count(*) FILTER (WHERE f.stage = 'in_progress') AS in_progress,
       count(*) FILTER (WHERE f.stage = 'not_started') AS not_started,
       count(*) FILTER (WHERE f.late) AS late,
       count(*) FILTER (WHERE f.programmed) AS programmed,
       count(*) FILTER (WHERE f.programmed AND f.stage = 'done') AS programmed_done,
       coalesce(sum(d.dropped), 0) AS dropped
FROM r_project_members m
JOIN r_project_flags f ON f.commune = m.commune AND f.project = m.project
LEFT JOIN r_dropped d ON d.commune = m.commune AND d.project = m.project
GROUP BY ALL;

-- ---------------------------------------------------------------------------------------
-- 8. Reporting discipline (discipline.reporting_discipline, totals) over the half year of the
--    date, as pam status shows it: the half months that have ended by the date
CREATE OR REPLACE TEMP TABLE r_periods AS  -- for each date communes are measured at
WITH months AS (
    SELECT CAST(m AS DATE) AS first_day, p.as_of
    FROM (SELECT DISTINCT as_of FROM r_dates) p, generate_series(
        CAST(make_date(year(p.as_of), CASE WHEN month(p.as_of) <= 6 THEN 1 ELSE 7 END, 1)
             AS TIMESTAMP),
        CAST(p.as_of AS TIMESTAMP), INTERVAL 1 MONTH) AS s(m)),
halves AS (
    SELECT strftime(first_day, '%Y-%m') || 'a' AS period, first_day AS start,
           first_day + 14 AS last, as_of FROM months
    UNION ALL
    SELECT strftime(first_day, '%Y-%m') || 'b', first_day + 15, last_day(first_day), as_of
    FROM months)
SELECT as_of, period, start, last FROM halves WHERE last <= as_of;

CREATE OR REPLACE TEMP TABLE r_project_info AS
SELECT p.commune, p.project, p.pid,
       make_date(coalesce(min(t.year), any_value(g.period_start)), 1, 1) AS active_from,
       count(DISTINCT x.id) AS n_actions
FROM r_projects p
JOIN program g ON g.commune = p.commune
LEFT JOIN r_act x ON x.commune = p.commune AND x.pid = p.pid
LEFT JOIN targets t ON t.commune = x.commune AND t.action = x.id
GROUP BY p.commune, p.project, p.pid;

-- a project's cards up to the date, in the order _finished_on reads them
CREATE OR REPLACE TEMP TABLE r_project_cards AS
SELECT c.commune, c.card, pr.pid, c.project, c.period, c.date, c.arrived,
       CAST(row_number() OVER (PARTITION BY pr.pid ORDER BY c.date, c.period, c.card)
            AS INTEGER) AS pos
FROM cards c
JOIN r_projects pr ON pr.commune = c.commune AND pr.project = c.project
JOIN r_dates p ON p.commune = c.commune
WHERE c.date <= p.as_of;

-- finished: the first card after which every action of the project is done or cancelled
-- (each line an action's state; a later line of the same card overrides an earlier one)
CREATE OR REPLACE TEMP TABLE r_closing AS
SELECT pc.pid, x.seq, pc.pos, e.line, pc.date,
       CAST(e.progress >= 100 OR e.state IN ('done', 'cancelled') AS INTEGER) AS closed
FROM entries e
JOIN r_project_cards pc ON pc.commune = e.commune AND pc.card = e.card
JOIN r_act x ON x.commune = e.commune AND x.id = e.action AND x.pid = pc.pid;

CREATE OR REPLACE TEMP TABLE r_finished AS
WITH candidates AS (  -- projects each of whose actions is closed on some card
    SELECT c.pid FROM r_closing c JOIN r_project_info i USING (pid)
    WHERE c.closed = 1 GROUP BY c.pid, i.n_actions
    HAVING count(DISTINCT c.seq) = i.n_actions),
steps AS (  -- each line's change of its action's state, from the line before
    SELECT c.pid, c.pos, c.date,
           c.closed - coalesce(lag(c.closed) OVER (PARTITION BY c.pid, c.seq
                                                   ORDER BY c.pos, c.line), 0) AS delta
    FROM r_closing c SEMI JOIN candidates USING (pid)),
per_card AS (
    SELECT pid, pos, any_value(date) AS date, sum(delta) AS delta FROM steps GROUP BY ALL),
running AS (
    SELECT *, sum(delta) OVER (PARTITION BY pid ORDER BY pos ROWS UNBOUNDED PRECEDING)
           AS closed_now
    FROM per_card)
SELECT i.commune, i.project, arg_min(r.date, r.pos) AS finished
FROM running r JOIN r_project_info i USING (pid)
WHERE r.closed_now = i.n_actions
GROUP BY ALL;

DROP TABLE r_closing;  -- a row per card line: read only above (memory for what follows)

CREATE OR REPLACE TEMP TABLE r_expected AS
SELECT i.commune, i.project, per.period
FROM r_project_info i
JOIN r_dates d ON d.commune = i.commune
JOIN r_periods per ON per.as_of = d.as_of
LEFT JOIN r_finished f ON f.commune = i.commune AND f.project = i.project
WHERE per.last >= i.active_from AND (f.finished IS NULL OR per.start <= f.finished);

CREATE OR REPLACE TEMP TABLE r_arrivals AS
SELECT pc.commune, pc.project, pc.period,
       CASE WHEN datediff('day', per.last, pc.date) > g.card_grace_days THEN 'late'
            WHEN g.arrival_unknown IS NOT NULL OR pc.arrived IS NULL THEN 'unknown'
            WHEN datediff('day', per.last, pc.arrived) > g.card_grace_days THEN 'late'
            ELSE 'on_time' END AS verdict,
       CASE WHEN datediff('day', per.last, pc.date) > g.card_grace_days THEN NULL
            WHEN g.arrival_unknown IS NOT NULL THEN g.arrival_unknown
            WHEN pc.arrived IS NULL THEN 'not-committed' END AS reason
FROM r_project_cards pc
JOIN r_dates d ON d.commune = pc.commune
JOIN r_periods per ON per.period = pc.period AND per.as_of = d.as_of
JOIN program g ON g.commune = pc.commune;

DROP TABLE r_project_cards;  -- a row per card: read only above

CREATE OR REPLACE TEMP TABLE r_discipline AS
WITH per_period AS (
    SELECT commune, project, period, bool_or(verdict = 'late') AS late,
           bool_or(verdict = 'unknown') AS unknown
    FROM r_arrivals GROUP BY ALL),
received AS (
    SELECT commune, project, count(*) AS received,
           count(*) FILTER (WHERE late) AS late,
           count(*) FILTER (WHERE unknown AND NOT late) AS unknown
    FROM per_period GROUP BY ALL),
expected AS (
    SELECT e.commune, e.project, count(*) AS expected,
           count(*) FILTER (WHERE pp.period IS NULL) AS missing
    FROM r_expected e
    LEFT JOIN per_period pp USING (commune, project, period)
    GROUP BY ALL)
SELECT i.commune, i.project, coalesce(x.expected, 0) AS expected,
       coalesce(r.received, 0) AS received,
       coalesce(r.received, 0) - coalesce(r.late, 0) - coalesce(r.unknown, 0) AS on_time,
       coalesce(r.late, 0) AS late, coalesce(r.unknown, 0) AS unknown,
       coalesce(x.missing, 0) AS missing
FROM r_project_info i
LEFT JOIN received r USING (commune, project)
LEFT JOIN expected x USING (commune, project);

CREATE OR REPLACE TEMP TABLE r_reasons AS
SELECT DISTINCT commune, project, reason FROM r_arrivals WHERE verdict = 'unknown';

-- discipline totals of every node that holds projects (discipline.totals)
CREATE OR REPLACE TEMP TABLE r_discipline_totals AS
WITH sums AS (
    SELECT m.kind, m.owner, m.node,
           sum(d.expected) AS expected, sum(d.received) AS received,
           sum(d.on_time) AS on_time, sum(d.late) AS late, sum(d.unknown) AS unknown,
           sum(d.missing) AS missing
    FROM r_project_members m
    JOIN r_discipline d ON d.commune = m.commune AND d.project = m.project
    GROUP BY ALL),
reasons AS (
    SELECT m.kind, m.owner, m.node, string_agg(DISTINCT r.reason, ', ' ORDER BY r.reason)
           AS unknown_reason
    FROM r_project_members m
    JOIN r_reasons r ON r.commune = m.commune AND r.project = m.project
    GROUP BY ALL)
SELECT s.*, CASE WHEN s.expected > 0 THEN
           pam_round(CAST(100 * (s.expected - s.missing) AS DOUBLE)
                     / CAST(s.expected AS DOUBLE), 1) END AS rate,
       r.unknown_reason
FROM sums s LEFT JOIN reasons r USING (kind, owner, node);

-- ---------------------------------------------------------------------------------------
-- 9. Money in stages and funding (money.py), for the nodes the roll-up shows (programs,
--    domains, groups): pam_shown. Rates and shares are percents (results.rate).
CREATE OR REPLACE TEMP MACRO pam_shown(kind) AS kind NOT IN ('project', 'axis');
CREATE OR REPLACE TEMP MACRO pam_rate(part, whole) AS
  CASE WHEN part IS NULL OR whole IS NULL OR whole = 0 THEN NULL
       ELSE (100 * part) / whole END;

-- credits allocated up to the budget year of the date (money.allocated_at: the action's
-- `budget` in its order; null when it declares none)
CREATE OR REPLACE TEMP TABLE r_allocated AS
SELECT b.commune, b.action,
       pam_fsum(list(b.amount ORDER BY b.line) FILTER (WHERE b.year <= year(p.as_of)))
           AS allocated
FROM budget b JOIN r_dates p ON p.commune = b.commune
GROUP BY ALL;

-- funding lines with an amount (money.funding_lines), signed at the date (money.is_signed);
-- `key` is the source's name in `sources`: '' for own resources
CREATE OR REPLACE TEMP TABLE r_fund_lines AS
SELECT x.commune, x.seq, f.line, f.source,
       CASE WHEN f.source = 'own' THEN '' ELSE coalesce(f.partner, '') END AS key,
       f.amount,
       f.source = 'partner' AND coalesce(f.agreement_status = 'signed'
           AND (f.agreement_signed IS NULL OR f.agreement_signed <= p.as_of), false) AS ok
FROM funding f
JOIN r_act x ON x.commune = f.commune AND x.id = f.action
JOIN r_dates p ON p.commune = f.commune
WHERE f.amount IS NOT NULL;

-- an action's own, partner and signed partner money (ActionResult.own, .partner,
-- .partner_signed): the lines' amounts in their order
CREATE OR REPLACE TEMP TABLE r_fund AS
SELECT commune, seq,
       pam_fsum(list(CASE WHEN source = 'own' THEN amount ELSE 0.0 END ORDER BY line)) AS own,
       pam_fsum(list(CASE WHEN source = 'partner' THEN amount ELSE 0.0 END ORDER BY line))
           AS partner,
       pam_fsum(list(CASE WHEN ok THEN amount ELSE 0.0 END ORDER BY line)) AS partner_signed
FROM r_fund_lines GROUP BY ALL;

-- ---------------------------------------------------------------------------------------
-- 10. Physical indicators (indicators.py): those with an id, of the actions of the plan as
--     amended and of projects; `ikey` is the order pam rolls them up in (per commune: every
--     action's, in plan order, then every project's)
CREATE OR REPLACE TEMP TABLE r_ind AS
WITH carried AS (
    SELECT i.*, 0 AS lvl, x.seq, x.project, x.status = 'cancelled' AS cancelled
    FROM indicators i JOIN r_act x ON x.commune = i.commune AND x.id = i.node
    WHERE i.level = 'action' AND i.id IS NOT NULL
    UNION ALL
    -- a project's own: cancelled when every action of it is (status.project_indicators)
    SELECT i.*, 1, p.seq, p.project, n.rule = 'all-cancelled'
    FROM indicators i
    JOIN r_projects p ON p.commune = i.commune AND p.project = i.node
    JOIN r_nodes n ON n.kind = 'project' AND n.owner = p.commune AND n.node = p.project
    WHERE i.level = 'project' AND i.id IS NOT NULL),
targeted AS (
    SELECT c.*, t.first_year, t.last_target, t.year_target, t.targets
    FROM carried c
    LEFT JOIN (SELECT t.commune, t.level, t.node, t.indicator, min(t.year) AS first_year,
                      arg_max(t.value, t.year) AS last_target,
                      any_value(t.value) FILTER (WHERE t.year = year(d.as_of)) AS year_target,
                      count(*) AS targets
               FROM indicator_targets t JOIN r_dates d ON d.commune = t.commune
               GROUP BY t.commune, t.level, t.node, t.indicator) t
           USING (commune, level, node, indicator))
SELECT CAST(row_number() OVER (ORDER BY commune, lvl, seq, indicator) AS INTEGER) AS ikey, *,
       -- where a cumulative plan starts (indicators.start_of): the baseline, at the end of its
       -- year (the year before the first target when it has none or a later one); 0 going up
       -- without one; none going down without one
       CASE WHEN baseline IS NOT NULL THEN baseline
            WHEN direction = 'down' THEN NULL ELSE CAST(0 AS DOUBLE) END AS start_value,
       CASE WHEN baseline IS NOT NULL THEN
                CASE WHEN first_year IS NULL THEN baseline_year
                     WHEN baseline_year IS NULL OR baseline_year >= first_year
                         THEN first_year - 1
                     ELSE baseline_year END
            WHEN direction = 'down' THEN NULL ELSE first_year - 1 END AS start_year
FROM targeted;

-- the known points of each cumulative plan (indicators.curve): the start, then the targets
CREATE OR REPLACE TEMP TABLE r_ind_points AS
WITH points AS (
    SELECT i.ikey, t.year, t.value FROM r_ind i
    JOIN indicator_targets t ON t.commune = i.commune AND t.level = i.level
                            AND t.node = i.node AND t.indicator = i.indicator
    WHERE i.cumulative
    UNION ALL
    SELECT ikey, start_year, start_value FROM r_ind
    WHERE cumulative AND targets > 0 AND start_value IS NOT NULL AND start_year IS NOT NULL)
SELECT ikey, year, value,
       lag(year) OVER w AS prev_year, lag(value) OVER w AS prev_value
FROM points WINDOW w AS (PARTITION BY ikey ORDER BY year);

-- the planned value at the date (indicators.planned_value)
CREATE OR REPLACE TEMP TABLE r_ind_planned AS
WITH curve AS (
    SELECT pt.ikey, min(pt.year) AS first_year, arg_min(pt.value, pt.year) AS first_value,
           arg_max(pt.value, pt.year) AS last_value, count(*) AS points,
           min(pt.year) FILTER (WHERE pt.year >= year(d.as_of)) AS seg_year
    FROM r_ind_points pt JOIN r_ind i USING (ikey) JOIN r_dates d ON d.commune = i.commune
    GROUP BY pt.ikey)
SELECT i.ikey,
       CASE WHEN i.targets IS NULL THEN NULL
            WHEN NOT i.cumulative THEN
                CASE WHEN i.year_target IS NULL THEN NULL
                     ELSE (i.year_target * CAST(datediff('day', make_date(year(p.as_of) - 1, 12, 31),
                                                         p.as_of) AS DOUBLE))
                          / CAST(datediff('day', make_date(year(p.as_of) - 1, 12, 31),
                                          make_date(year(p.as_of), 12, 31)) AS DOUBLE) END
            WHEN p.as_of <= make_date(c.first_year, 12, 31) THEN
                -- without a start point, the curve begins at its first target
                CASE WHEN c.points > i.targets OR p.as_of = make_date(c.first_year, 12, 31)
                     THEN c.first_value END
            WHEN c.seg_year IS NULL THEN c.last_value
            ELSE s.prev_value + ((s.value - s.prev_value)
                 * CAST(datediff('day', make_date(s.prev_year, 12, 31), p.as_of) AS DOUBLE))
                 / CAST(datediff('day', make_date(s.prev_year, 12, 31),
                                 make_date(s.year, 12, 31)) AS DOUBLE)
       END AS planned
FROM r_ind i JOIN r_dates p ON p.commune = i.commune
LEFT JOIN curve c ON c.ikey = i.ikey
LEFT JOIN r_ind_points s ON s.ikey = i.ikey AND s.year = c.seg_year;

-- the value used at the date (indicators.measured): an action's, the last measured on its
-- own lines in the order its reports are read; a project's, the greatest of the last day's
-- on the lines of its actions (its series is sorted by date, then value). A per-year
-- indicator's only when measured in the date's year.
CREATE OR REPLACE TEMP TABLE r_ind_actual AS
WITH lines AS (
    SELECT e.commune, e.action, m.indicator AS id, e.date, c.period, e.card, e.line, m.value
    FROM measures m
    JOIN entries e ON e.commune = m.commune AND e.card = m.card AND e.line = m.line
    JOIN cards c ON c.commune = e.commune AND c.card = e.card
    JOIN r_dates p ON p.commune = e.commune
    WHERE e.date <= p.as_of),
found AS (
    SELECT i.ikey, arg_max({'date': l.date, 'value': l.value},
                           {'date': l.date, 'period': l.period, 'card': l.card,
                            'line': l.line}) AS last
    FROM r_ind i JOIN lines l ON l.commune = i.commune AND l.action = i.node AND l.id = i.id
    WHERE i.lvl = 0 GROUP BY i.ikey
    UNION ALL
    SELECT i.ikey, arg_max({'date': l.date, 'value': l.value},
                           {'date': l.date, 'value': l.value}) AS last
    FROM r_ind i
    JOIN r_act x ON x.commune = i.commune AND x.project = i.node
    JOIN lines l ON l.commune = x.commune AND l.action = x.id AND l.id = i.id
    WHERE i.lvl = 1 GROUP BY i.ikey)
SELECT f.ikey, f.last.value AS actual
FROM found f JOIN r_ind i USING (ikey) JOIN r_dates p ON p.commune = i.commune
WHERE i.cumulative OR year(f.last.date) = year(p.as_of);

-- each indicator at the date: what the roll-up and the alarms read (IndicatorResult)
CREATE OR REPLACE TEMP TABLE r_ind_at AS
SELECT i.ikey, i.commune, i.lvl, i.seq, i.project, i.unit, i.direction, i.cumulative,
       i.cancelled, pl.planned, a.actual,
       CASE WHEN i.cumulative THEN i.start_value ELSE CAST(0 AS DOUBLE) END AS start,
       CASE WHEN i.cumulative THEN i.last_target ELSE i.year_target END AS target
FROM r_ind i
LEFT JOIN r_ind_planned pl USING (ikey)
LEFT JOIN r_ind_actual a USING (ikey);

-- ---------------------------------------------------------------------------------------
-- 11. Alarms (money.alarms_of): none on a cancelled action; spending_ahead when the paid
--     share of the cost runs ahead of the progress by more than `divergence` points;
--     indicator_stalled when the progress runs ahead of a cumulative indicator's share of
--     its way (indicators.share_done)
CREATE OR REPLACE TEMP TABLE r_alarms AS
WITH stalled AS (
    SELECT DISTINCT x.commune, x.seq
    FROM r_ind_at i
    JOIN r_act x ON x.commune = i.commune AND x.seq = i.seq
    JOIN program g ON g.commune = x.commune
    WHERE i.lvl = 0 AND i.cumulative AND i.actual IS NOT NULL AND i.start IS NOT NULL
      AND i.target IS NOT NULL AND i.target - i.start <> 0
      AND coalesce(x.actual, CAST(0 AS DOUBLE))
          - (100 * (i.actual - i.start)) / (i.target - i.start) > g.divergence)
SELECT x.commune, x.seq,
       x.status <> 'cancelled' AND x.cost IS NOT NULL AND x.cost <> 0 AND x.spent IS NOT NULL
           AND (100 * x.spent) / x.cost - coalesce(x.actual, CAST(0 AS DOUBLE)) > g.divergence
           AS spending_ahead,
       x.status <> 'cancelled' AND s.seq IS NOT NULL AS indicator_stalled
FROM r_act x
JOIN program g ON g.commune = x.commune
LEFT JOIN stalled s ON s.commune = x.commune AND s.seq = x.seq;

-- ---------------------------------------------------------------------------------------
-- 12. A node's money (money.money_of), indicators (indicators.roll_up_indicators) and alarms
CREATE OR REPLACE TEMP TABLE r_money_act AS
SELECT x.commune, x.seq, al.allocated, x.committed, x.spent, x.cost, f.seq IS NOT NULL AS funded,
       coalesce(al.allocated, 0) <> 0 AND x.spent IS NOT NULL AS rated_alloc,
       coalesce(x.cost, 0) <> 0 AND x.committed IS NOT NULL AS rated_commit,
       f.own, f.partner, f.partner_signed, a.spending_ahead, a.indicator_stalled
FROM r_act x
LEFT JOIN r_allocated al ON al.commune = x.commune AND al.action = x.id
LEFT JOIN r_fund f ON f.commune = x.commune AND f.seq = x.seq
JOIN r_alarms a ON a.commune = x.commune AND a.seq = x.seq;

CREATE OR REPLACE TEMP TABLE r_money AS
WITH grouped AS (
    SELECT m.kind, m.owner, m.node,
           count(*) FILTER (WHERE a.rated_alloc) AS rated_paid_of_allocated,
           count(*) FILTER (WHERE a.rated_commit) AS rated_committed_of_cost,
           count(*) FILTER (WHERE a.allocated IS NOT NULL) AS budgeted,
           count(*) FILTER (WHERE a.committed IS NOT NULL) AS committed_known,
           count(*) FILTER (WHERE a.funded) AS funded,
           count(*) FILTER (WHERE a.spending_ahead) AS spending_ahead,
           count(*) FILTER (WHERE a.indicator_stalled) AS indicator_stalled,
           list({'allocated': coalesce(a.allocated, 0.0),
                 'committed': coalesce(a.committed, 0.0),
                 'alloc_paid': CASE WHEN a.rated_alloc THEN a.spent ELSE 0.0 END,
                 'alloc_base': CASE WHEN a.rated_alloc THEN a.allocated ELSE 0.0 END,
                 'commit_part': CASE WHEN a.rated_commit THEN a.committed ELSE 0.0 END,
                 'commit_base': CASE WHEN a.rated_commit THEN a.cost ELSE 0.0 END,
                 'own': coalesce(a.own, 0.0), 'partner': coalesce(a.partner, 0.0),
                 'signed': coalesce(a.partner_signed, 0.0),
                 'covered': CASE WHEN a.funded AND coalesce(a.cost, 0) <> 0
                                 THEN a.own + a.partner ELSE 0.0 END,
                 'cost': CASE WHEN coalesce(a.cost, 0) <> 0 THEN a.cost ELSE 0.0 END}
                ORDER BY a.commune, a.seq) AS terms
    FROM r_members m
    JOIN r_money_act a ON a.commune = m.commune AND a.seq = m.seq
    WHERE pam_shown(m.kind)
    GROUP BY m.kind, m.owner, m.node),
summed AS (
    SELECT * EXCLUDE (terms),
           pam_fsum(list_transform(terms, lambda t: t.allocated)) AS allocated,
           pam_fsum(list_transform(terms, lambda t: t.committed)) AS committed,
           pam_fsum(list_transform(terms, lambda t: t.alloc_paid)) AS alloc_paid,
           pam_fsum(list_transform(terms, lambda t: t.alloc_base)) AS alloc_base,
           pam_fsum(list_transform(terms, lambda t: t.commit_part)) AS commit_part,
           pam_fsum(list_transform(terms, lambda t: t.commit_base)) AS commit_base,
           pam_fsum(list_transform(terms, lambda t: t.own)) AS own,
           pam_fsum(list_transform(terms, lambda t: t.partner)) AS partner,
           pam_fsum(list_transform(terms, lambda t: t.signed)) AS partner_signed,
           pam_fsum(list_transform(terms, lambda t: t.covered)) AS covered,
           pam_fsum(list_transform(terms, lambda t: t.cost)) AS costed_cost
    FROM grouped)
SELECT *, own + partner AS funding_total,
       pam_rate(alloc_paid, alloc_base) AS paid_of_allocated,
       pam_rate(commit_part, commit_base) AS committed_of_cost,
       pam_rate(own, own + partner) AS own_share,
       pam_rate(partner, own + partner) AS partner_share,
       pam_rate(partner_signed, partner) AS signed_share,
       CASE WHEN funded > 0 THEN pam_rate(covered, costed_cost) END AS coverage
FROM summed;

-- the sources by name (money_of's `sources`): own resources first, then by amount, largest
-- first, then by name
CREATE OR REPLACE TEMP TABLE r_sources AS
WITH per_key AS (
    SELECT m.kind, m.owner, m.node, f.key,
           pam_fsum(list(f.amount ORDER BY f.commune, f.seq, f.line)) AS amount,
           pam_fsum(list(CASE WHEN f.ok THEN f.amount ELSE 0.0 END
                         ORDER BY f.commune, f.seq, f.line)) AS signed
    FROM r_members m
    JOIN r_fund_lines f ON f.commune = m.commune AND f.seq = m.seq
    WHERE pam_shown(m.kind)
    GROUP BY m.kind, m.owner, m.node, f.key)
SELECT k.kind, k.owner, k.node,
       list({'source': CASE WHEN k.key = '' THEN 'own' ELSE 'partner' END,
             'partner': nullif(k.key, ''), 'amount': pam_r2(k.amount),
             'signed': CASE WHEN k.key <> '' THEN pam_r2(k.signed) END,
             'share': pam_r2(pam_rate(k.amount, r.funding_total))}
            ORDER BY k.key <> '', k.amount DESC, k.key) AS sources
FROM per_key k JOIN r_money r USING (kind, owner, node)
GROUP BY ALL;

-- indicators summed where unit, direction and kind agree, in the order each group first
-- appears; none without a unit or cancelled; an unreported one counts at its start
CREATE OR REPLACE TEMP TABLE r_ind_nodes AS
WITH members AS (
    SELECT m.kind, m.owner, m.node, i.* FROM r_members m
    JOIN r_ind_at i ON i.commune = m.commune AND i.lvl = 0 AND i.seq = m.seq
    WHERE pam_shown(m.kind)
    UNION ALL
    SELECT m.kind, m.owner, m.node, i.* FROM r_project_members m
    JOIN r_ind_at i ON i.commune = m.commune AND i.lvl = 1 AND i.project = m.project
    WHERE pam_shown(m.kind)),
counted AS (
    SELECT *, planned IS NOT NULL AS measured, coalesce(start, planned) AS start_used
    FROM members WHERE unit IS NOT NULL AND unit <> '' AND NOT cancelled),
groups AS (
    SELECT kind, owner, node, unit, direction, cumulative, min(ikey) AS first,
           count(*) AS indicators, count(*) FILTER (WHERE measured) AS measured,
           count(*) FILTER (WHERE measured AND actual IS NOT NULL) AS reported,
           pam_fsum(list(CASE WHEN measured THEN planned ELSE 0.0 END ORDER BY ikey))
               AS planned,
           pam_fsum(list(CASE WHEN measured THEN coalesce(actual, start_used) ELSE 0.0 END
                         ORDER BY ikey)) AS actual,
           pam_fsum(list(CASE WHEN measured THEN start_used ELSE 0.0 END ORDER BY ikey))
               AS start
    FROM counted GROUP BY ALL),
shown AS (
    SELECT *, CASE WHEN measured > 0 THEN planned END AS planned_m,
           CASE WHEN measured > 0 THEN actual END AS actual_m,
           CASE WHEN measured > 0 THEN start END AS start_m
    FROM groups)
SELECT kind, owner, node,
       list({'unit': unit, 'direction': direction, 'cumulative': cumulative,
             'indicators': indicators, 'measured': measured, 'reported': reported,
             'planned': pam_r2(planned_m), 'actual': pam_r2(actual_m),
             'variance': pam_gap(actual_m, planned_m), 'start': pam_r2(start_m)}
            ORDER BY first) AS indicators
FROM shown GROUP BY ALL;

-- ---------------------------------------------------------------------------------------
-- 13. What is printed: every figure as pam status --format json prints it (results.node_json)
CREATE OR REPLACE TEMP TABLE r_out AS
SELECT n.kind, n.owner, n.node, n.seq, n.hidden, n.name_ar, n.name_fr,
       n.thresholds_shared,
       n.planned2 AS planned, n.actual2 AS actual, n.variance,
       CASE n.rule WHEN 'empty' THEN 'no_target' WHEN 'all-cancelled' THEN 'cancelled'
                   WHEN 'all-done' THEN 'done' WHEN 'no-target' THEN 'no_target'
                   WHEN 'nothing-due' THEN 'not_due' WHEN 'mostly-unreported' THEN 'unreported'
                   WHEN 'late-share' THEN 'late' WHEN 'on-track' THEN 'on_track'
                   ELSE 'at_risk' END AS status,
       n.rule,
       pam_r2(n.planned_cost_weighted) AS planned_cost_weighted,
       pam_r2(n.actual_cost_weighted) AS actual_cost_weighted,
       pam_r2(n.pv) AS pv, pam_r2(n.ev) AS ev, pam_r2(n.ac) AS ac,
       pam_r2(pam_div(n.ev, n.pv)) AS spi, pam_r2(pam_div(n.ev, n.ac)) AS cpi,
       pam_r2(n.cost) AS cost,
       n.n_done, n.n_late, n.n_at_risk, n.n_unreported, n.n_on_track, n.n_not_due,
       n.n_no_target, n.n_cancelled,
       n.actions, n.measured, n.due, n.due_done, n.reported,
       n.measured - n.reported AS counted_as_zero,
       pam_r2(n.planned_reported) AS planned_reported,
       pam_r2(n.actual_reported) AS actual_reported,
       n.costed, pam_r2(n.weight) AS weight,
       n.no_target AS excluded_no_target, n.n_cancelled AS excluded_cancelled,
       coalesce(pc.dropped, 0) AS excluded_dropped, 0 AS excluded_added,
       coalesce(pc.total, 0) AS projects_total, coalesce(pc.done, 0) AS projects_done,
       coalesce(pc.in_progress, 0) AS projects_in_progress,
       coalesce(pc.not_started, 0) AS projects_not_started,
       coalesce(pc.late, 0) AS projects_late, coalesce(pc.programmed, 0) AS projects_programmed,
       coalesce(pc.programmed_done, 0) AS projects_programmed_done,
       n.stale,
       dt.expected AS cards_expected, dt.received AS cards_received,
       dt.on_time AS cards_on_time, dt.late AS cards_late, dt.unknown AS cards_unknown,
       dt.missing AS cards_missing, dt.rate AS cards_rate,
       dt.unknown_reason AS cards_unknown_reason,
       -- money (money_of; shown nodes only): `paid` is ac, `cost` the node's cost
       pam_r2(coalesce(mo.allocated, 0.0)) AS money_allocated,
       pam_r2(coalesce(mo.committed, 0.0)) AS money_committed,
       pam_r2(mo.paid_of_allocated) AS money_paid_of_allocated,
       pam_r2(mo.committed_of_cost) AS money_committed_of_cost,
       coalesce(mo.rated_paid_of_allocated, 0) AS money_rated_paid_of_allocated,
       coalesce(mo.rated_committed_of_cost, 0) AS money_rated_committed_of_cost,
       coalesce(mo.budgeted, 0) AS money_budgeted,
       coalesce(mo.committed_known, 0) AS money_committed_known,
       pam_r2(coalesce(mo.own, 0.0)) AS money_own,
       pam_r2(coalesce(mo.partner, 0.0)) AS money_partner,
       pam_r2(coalesce(mo.partner_signed, 0.0)) AS money_partner_signed,
       pam_r2(mo.own_share) AS money_own_share, pam_r2(mo.partner_share) AS money_partner_share,
       pam_r2(mo.signed_share) AS money_signed_share, pam_r2(mo.coverage) AS money_coverage,
       coalesce(mo.funded, 0) AS money_funded, coalesce(so.sources, []) AS money_sources,
       coalesce(ind.indicators, []) AS indicators,
       coalesce(mo.spending_ahead, 0) AS alarm_spending_ahead,
       coalesce(mo.indicator_stalled, 0) AS alarm_indicator_stalled
FROM r_nodes n
LEFT JOIN r_project_counts pc USING (kind, owner, node)
LEFT JOIN r_discipline_totals dt USING (kind, owner, node)
LEFT JOIN r_money mo USING (kind, owner, node)
LEFT JOIN r_sources so USING (kind, owner, node)
LEFT JOIN r_ind_nodes ind USING (kind, owner, node);
