-- EU MRR Art 45(3), Annex VIII eq 4: a missing or invalid concentration takes the period mean
-- plus $sigmas standard deviations; the flow (Art 45(4), wording not read) the same way; a
-- parameter measured validly in the hour is kept.
, eu_stats AS (
    SELECT unit_id,
           avg(CASE WHEN co2_ok AND state <> 'off' THEN co2_dry END)
               + $sigmas * stddev_samp(CASE WHEN co2_ok AND state <> 'off' THEN co2_dry END) AS co2_sub,
           avg(CASE WHEN flow_ok AND state <> 'off' THEN q_snh END)
               + $sigmas * stddev_samp(CASE WHEN flow_ok AND state <> 'off' THEN q_snh END) AS q_sub
    FROM hourly GROUP BY unit_id
), final AS (
    SELECT h.unit_id, h.province, h.ts, h.state, h.valid_minutes,
           CASE WHEN h.state = 'valid' THEN h.kg WHEN h.state = 'off' THEN 0
                ELSE (CASE WHEN h.co2_ok THEN h.co2_dry ELSE e.co2_sub END) / 100 * $density
                     * (CASE WHEN h.flow_ok THEN h.q_snh ELSE e.q_sub END) END AS kg,
           CASE WHEN h.state = 'valid' THEN 'measured' WHEN h.state = 'off' THEN 'off'
                WHEN e.co2_sub IS NULL OR e.q_sub IS NULL THEN 'unsubstituted'
                ELSE 'eu:mean+2sd' END AS rule,
           h.flow, h.q_snh, h.co2_dry, h.mark
    FROM hourly h LEFT JOIN eu_stats e ON e.unit_id = h.unit_id
)
