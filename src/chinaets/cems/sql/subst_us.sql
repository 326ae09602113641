-- US 40 CFR Part 75 §75.33(b): by monitor data availability and gap length, the average of the
-- hours before and after the gap, a percentile of the valid hours, their maximum, or the
-- maximum potential value (parameters substitution_us).
, us_stats AS (
    SELECT unit_id,
           quantile_cont(kg, $high_percentile) AS p_high,
           quantile_cont(kg, $mid_percentile) AS p_mid
    FROM hourly WHERE state = 'valid' GROUP BY unit_id
), around AS (
    SELECT *,
           last_value(kg IGNORE NULLS) OVER (PARTITION BY unit_id ORDER BY ts
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS kg_before,
           last_value(kg IGNORE NULLS) OVER (PARTITION BY unit_id ORDER BY ts DESC
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS kg_after
    FROM hourly
), us_sub AS (
    SELECT a.*, g.gap_hours, u.valid_hours / nullif(u.operating_hours, 0) AS availability,
           (coalesce(a.kg_before, a.kg_after) + coalesce(a.kg_after, a.kg_before)) / 2 AS kg_around,
           u.kg_max, u.q_max, s.p_high, s.p_mid
    FROM around a
    LEFT JOIN gaps g ON g.unit_id = a.unit_id AND g.seen = a.seen
    LEFT JOIN unit_stats u ON u.unit_id = a.unit_id
    LEFT JOIN us_stats s ON s.unit_id = a.unit_id
), final AS (
    SELECT unit_id, province, ts, state, valid_minutes,
           CASE WHEN state = 'valid' THEN kg WHEN state = 'off' THEN 0
                WHEN availability >= $band_high AND gap_hours <= $high_gap_hours THEN kg_around
                WHEN availability >= $band_high THEN greatest(p_high, kg_around)
                WHEN availability >= $band_mid AND gap_hours <= $mid_gap_hours THEN kg_around
                WHEN availability >= $band_mid THEN greatest(p_mid, kg_around)
                WHEN availability >= $band_low THEN kg_max
                ELSE $co2_max_pct / 100 * $density * q_max END AS kg,
           CASE WHEN state = 'valid' THEN 'measured' WHEN state = 'off' THEN 'off'
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
