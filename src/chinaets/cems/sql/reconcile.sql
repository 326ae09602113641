-- CEMS versus the accounting per unit and month (table accounts), after the parts explained by
-- construction: FGD limestone CO2, unburnt carbon, and the CO2 density convention. Flags by the
-- screening thresholds; drift = the same-signed deviation beyond $drift_share for
-- $drift_months months running; a flow value repeated for $stuck_hours valid hours = stuck meter.
, months AS (
    SELECT unit_id, CAST(year(day) AS INTEGER) AS year, CAST(month(day) AS INTEGER) AS month,
           sum(kg) / 1000 AS cems_t,
           coalesce(sum(substituted_hours + unsubstituted_hours)
                    / nullif(sum(operating_hours), 0), 0) AS substituted_share
    FROM days_valid GROUP BY unit_id, year(day), month(day)
), flow_steps AS (
    SELECT unit_id, ts, kg, flow, lag(flow) OVER (PARTITION BY unit_id ORDER BY ts) AS prev_flow
    FROM hourly WHERE state = 'valid'
), flow_runs AS (
    SELECT unit_id, ts, kg,
           sum(CASE WHEN flow = prev_flow THEN 0 ELSE 1 END) OVER (
               PARTITION BY unit_id ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
           ) AS run
    FROM flow_steps
), stuck AS (
    SELECT unit_id, min(ts) AS run_start, count(*) AS run_hours, sum(kg) / 1000 AS run_t
    FROM flow_runs GROUP BY unit_id, run HAVING count(*) >= $stuck_hours
), stuck_months AS (
    SELECT unit_id, CAST(year(run_start) AS INTEGER) AS year,
           CAST(month(run_start) AS INTEGER) AS month,
           CAST(sum(run_hours) AS BIGINT) AS stuck_hours, sum(run_t) AS stuck_t
    FROM stuck GROUP BY unit_id, year(run_start), month(run_start)
), compared AS (
    SELECT a.sector, a.credit_code, a.province, a.unit_id, a.year, a.month, m.cems_t, a.acct_t,
           a.coal_t * $coal_sulphur_share * $fgd_removal * 44.01 / 32.06 AS fgd_t,
           a.acct_t * ($stack_oxidation / a.oxidation - 1) AS oxidation_t,
           m.cems_t * (1 - $reference_density / $density) AS basis_t,
           m.substituted_share,
           coalesce(s.stuck_hours, CAST(0 AS BIGINT)) AS stuck_hours,
           coalesce(s.stuck_t, 0) AS stuck_t
    FROM accounts a
    JOIN months m ON m.unit_id = a.unit_id AND m.year = a.year AND m.month = a.month
    LEFT JOIN stuck_months s ON s.unit_id = a.unit_id AND s.year = a.year AND s.month = a.month
    WHERE a.acct_t > 0
), deviations AS (
    SELECT *, cems_t - acct_t - fgd_t - oxidation_t - basis_t AS unexplained_t,
           (cems_t - acct_t - fgd_t - oxidation_t - basis_t) / acct_t AS deviation
    FROM compared
), signed AS (
    SELECT *,
           CASE WHEN substituted_share >= $max_substituted_share THEN 0
                WHEN deviation > $drift_share THEN 1
                WHEN deviation < -$drift_share THEN -1 ELSE 0 END AS drift_sign
    FROM deviations
), runs AS (
    SELECT *,
           row_number() OVER (PARTITION BY unit_id ORDER BY year, month)
           - row_number() OVER (PARTITION BY unit_id, drift_sign ORDER BY year, month) AS drift_run
    FROM signed
), drift AS (
    SELECT *, count(*) OVER (PARTITION BY unit_id, drift_sign, drift_run) AS run_months,
           min(month) OVER (PARTITION BY unit_id, drift_sign, drift_run) AS run_first_month
    FROM runs
)
SELECT sector, credit_code, province, unit_id, year, month,
       round(cems_t, 3) AS cems_tco2, round(acct_t, 3) AS accounted_tco2,
       round(fgd_t, 3) AS fgd_tco2, round(oxidation_t, 3) AS oxidation_tco2,
       round(basis_t, 3) AS basis_tco2, round(unexplained_t, 3) AS unexplained_tco2,
       round(deviation, 6) AS deviation, round(substituted_share, 6) AS substituted_share,
       CASE WHEN substituted_share >= $max_substituted_share THEN 'not_comparable'
            WHEN abs(deviation) > $alert_share THEN 'alert'
            WHEN abs(deviation) > $flag_share THEN 'flag'
            ELSE 'ok' END AS status,
       drift_sign <> 0 AND run_months >= $drift_months AS drift,
       CASE WHEN drift_sign <> 0 AND run_months >= $drift_months THEN run_first_month END
           AS drift_from_month,
       stuck_hours, round(stuck_t, 3) AS stuck_tco2
FROM drift
ORDER BY unit_id, year, month
