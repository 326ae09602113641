-- US 40 CFR Part 75 §75.33(b): by the percent monitor data availability as of the hour before
-- the gap (over the last $us_availability_hours operating hours, §75.32) and the gap's length,
-- the average of the hours before and after it, the 90th or 95th percentile of the last
-- $us_lookback_hours valid hours before it (quality-assured monitor operating hours), their
-- maximum, or the maximum potential value; a gap with no valid hour before it takes the initial
-- procedure of §75.31 (before/after average). Parameters substitution_us. The lookback is a range
-- join made cheap on any engine: a gap's window spans its own block of $us_lookback_hours valid
-- hours and the block before, so the join is on (unit, block) and only then on the range.
, us_operating AS (
    SELECT unit_id, ts, seen, row_number() OVER (PARTITION BY unit_id ORDER BY ts) AS op
    FROM hourly WHERE state <> 'off'
), us_gaps AS (
    SELECT g.unit_id, g.seen, g.gap_hours, o.op AS op_start
    FROM gaps g JOIN us_operating o ON o.unit_id = g.unit_id AND o.ts = g.gap_start
), us_availability AS (
    SELECT g.unit_id, g.seen, g.gap_hours,
           (g.seen - coalesce(w.seen, 0))
               / nullif(least(g.op_start - 1, $us_availability_hours), 0) AS availability
    FROM us_gaps g
    LEFT JOIN us_operating w
      ON w.unit_id = g.unit_id AND w.op = g.op_start - 1 - $us_availability_hours
), us_valid AS (
    SELECT unit_id, seen - 1 AS r, (seen - 1) // $us_lookback_hours AS blk, kg
    FROM hourly WHERE state = 'valid'
), us_reach AS (
    SELECT unit_id, seen, seen - 1 AS r, (seen - 1) // $us_lookback_hours AS blk
    FROM gaps WHERE seen > 0
    UNION ALL
    SELECT unit_id, seen, seen - 1 AS r, (seen - 1) // $us_lookback_hours - 1 AS blk
    FROM gaps WHERE seen > 0
), us_lookback AS (
    SELECT a.unit_id, a.seen,
           quantile_cont(v.kg, $high_percentile) AS p_high,
           quantile_cont(v.kg, $mid_percentile) AS p_mid,
           max(v.kg) AS kg_lookback_max
    FROM us_reach a JOIN us_valid v
      ON v.unit_id = a.unit_id AND v.blk = a.blk
     AND v.r > a.r - $us_lookback_hours AND v.r <= a.r
    GROUP BY a.unit_id, a.seen
), around AS (
    SELECT *,
           last_value(kg IGNORE NULLS) OVER (PARTITION BY unit_id ORDER BY ts
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS kg_before,
           last_value(kg IGNORE NULLS) OVER (PARTITION BY unit_id ORDER BY ts DESC
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS kg_after
    FROM hourly
), us_sub AS (
    SELECT a.*, g.gap_hours, g.availability,
           (coalesce(a.kg_before, a.kg_after) + coalesce(a.kg_after, a.kg_before)) / 2 AS kg_around,
           u.q_max, l.p_high, l.p_mid, l.kg_lookback_max
    FROM around a
    LEFT JOIN us_availability g ON g.unit_id = a.unit_id AND g.seen = a.seen
    LEFT JOIN us_lookback l ON l.unit_id = a.unit_id AND l.seen = a.seen
    LEFT JOIN unit_stats u ON u.unit_id = a.unit_id
), final AS (
    SELECT unit_id, province, ts, state, valid_minutes,
           CASE WHEN state = 'valid' THEN kg WHEN state = 'off' THEN 0
                WHEN seen = 0 AND kg_around IS NOT NULL THEN kg_around
                WHEN availability >= $band_high AND gap_hours <= $high_gap_hours THEN kg_around
                WHEN availability >= $band_high THEN greatest(p_high, kg_around)
                WHEN availability >= $band_mid AND gap_hours <= $mid_gap_hours THEN kg_around
                WHEN availability >= $band_mid THEN greatest(p_mid, kg_around)
                WHEN availability >= $band_low THEN kg_lookback_max
                ELSE $co2_max_pct / 100 * $density * q_max END AS kg,
           CASE WHEN state = 'valid' THEN 'measured' WHEN state = 'off' THEN 'off'
                WHEN seen = 0 AND kg_around IS NOT NULL THEN 'us:initial'
                WHEN availability >= $band_high AND gap_hours <= $high_gap_hours THEN 'us:around'
                WHEN availability >= $band_high THEN 'us:p_high'
                WHEN availability >= $band_mid AND gap_hours <= $mid_gap_hours THEN 'us:around'
                WHEN availability >= $band_mid THEN 'us:p_mid'
                WHEN availability >= $band_low THEN 'us:max'
                WHEN q_max IS NOT NULL THEN 'us:max_potential'
                ELSE 'unsubstituted' END AS rule,
           flow, q_snh, co2_dry, mark
    FROM us_sub
)
