-- Unit-hours (CTEs; the CEMS queries start with these). Hour values come from hourly packets,
-- or from minute values: the mean of the valid (N) minutes, valid when at least $hour_minutes
-- are (HJ 212-2017 eq 24); an hour mostly stopped (F) is stopped. Every unit of the monitoring
-- configuration gets every hour of the calendar; an hour without data is missing. The hour's
-- operating mark (工况标记, table marks: mark → operating | off | invalid) decides before the
-- instrument flags: a stopped unit is off (unless measured validly), a calibration hour invalid,
-- an operating unit never off; without a mark, F on CO2 and flow means off.
marked_minutes AS (
    SELECT r.*, k.treatment FROM readings r LEFT JOIN marks k ON k.mark = r.mark
    WHERE r.period = 'minute' AND r.ts >= $start AND r.ts < $end
), minute_hours AS (
    SELECT unit_id, province, mn, date_trunc('hour', ts) AS ts,
           -- mostly off → off; else an invalidating mark before an operating one
           CASE WHEN 2 * sum(CASE WHEN treatment = 'off' THEN 1 ELSE 0 END) > count(*)
                THEN min(CASE WHEN treatment = 'off' THEN mark END)
                ELSE substr(min(CASE WHEN treatment = 'invalid' THEN '1' || mark
                                     WHEN treatment = 'operating' THEN '2' || mark END), 2)
           END AS mark,
           sum(CASE WHEN co2_flag = 'N' THEN 1 ELSE 0 END) AS valid_minutes,
           -- each f in co2 o2 flow temp press moist:
           -- the hour's value is the mean of the factor's valid (N) minutes; its flag N when
           -- at least $hour_minutes are valid, F when mostly F, else its first other flag
           avg(CASE WHEN {f}_flag = 'N' THEN {f} END) AS {f},
           CASE WHEN sum(CASE WHEN {f}_flag = 'N' THEN 1 ELSE 0 END) >= $hour_minutes THEN 'N'
                WHEN 2 * sum(CASE WHEN {f}_flag = 'F' THEN 1 ELSE 0 END) > count(*) THEN 'F'
                ELSE coalesce(min(CASE WHEN {f}_flag NOT IN ('N', 'F') THEN {f}_flag END), 'B')
           END AS {f}_flag
           -- end each
    FROM marked_minutes
    GROUP BY unit_id, province, mn, date_trunc('hour', ts)
), sent_hours AS (
    SELECT unit_id, province, mn, ts, 60 AS valid_minutes, co2, co2_flag, o2, o2_flag, flow, flow_flag, temp, temp_flag, press, press_flag, moist, moist_flag, mark, 1 AS from_packet
    FROM readings WHERE period = 'hour' AND ts >= $start AND ts < $end
    UNION ALL
    SELECT unit_id, province, mn, ts, valid_minutes, co2, co2_flag, o2, o2_flag, flow, flow_flag, temp, temp_flag, press, press_flag, moist, moist_flag, mark, 0 AS from_packet
    FROM minute_hours
), unit_hours AS (
    SELECT * FROM sent_hours
    QUALIFY row_number() OVER (PARTITION BY unit_id, ts ORDER BY from_packet DESC, mn) = 1
), bases AS (
    SELECT mn, max(ambient_pa) AS ambient_pa,
           max(CASE WHEN quantity = 'co2' THEN basis END) AS co2_basis,
           max(CASE WHEN quantity = 'flow' THEN basis END) AS flow_basis,
           max(CASE WHEN quantity = 'pressure' THEN basis END) AS press_basis
    FROM devices GROUP BY mn
), units AS (
    SELECT DISTINCT unit_id, province FROM devices
), hours AS (
    SELECT u.unit_id, u.province, c.ts, h.mn, h.valid_minutes, h.co2, h.co2_flag, h.o2, h.o2_flag, h.flow, h.flow_flag, h.temp, h.temp_flag, h.press, h.press_flag, h.moist, h.moist_flag,
           h.mark, k.treatment AS mark_treatment, b.co2_basis, b.flow_basis, b.press_basis, b.ambient_pa,
           strpos($valid_flags, h.co2_flag) > 0 AND h.co2 > 0 AND h.co2 < 100 AS co2_flag_ok,
           strpos($valid_flags, h.flow_flag) > 0 AND h.flow > 0 AS flow_flag_ok,
           strpos($valid_flags, h.moist_flag) > 0 AND h.moist >= 0 AND h.moist < 100 AS moist_ok,
           strpos($valid_flags, h.temp_flag) > 0 AND h.temp > -273 AS temp_ok,
           strpos($valid_flags, h.press_flag) > 0 AND h.press IS NOT NULL AS press_ok,
           strpos($stopped_flags, h.co2_flag) > 0 AND strpos($stopped_flags, h.flow_flag) > 0 AS off
    FROM units u CROSS JOIN calendar c
    LEFT JOIN unit_hours h ON h.unit_id = u.unit_id AND h.ts = c.ts
    LEFT JOIN bases b ON b.mn = h.mn
    LEFT JOIN marks k ON k.mark = h.mark
), checked AS (
    SELECT *,
           coalesce(co2_flag_ok AND (co2_basis <> 'wet' OR moist_ok), false) AS co2_ok,
           coalesce(flow_flag_ok
                    AND (flow_basis = 'standard_dry' OR moist_ok)
                    AND (flow_basis <> 'actual_wet' OR (temp_ok AND press_ok)), false) AS flow_ok
    FROM hours
), measured AS (
    -- HJ 212-2017 App. D: eq (19) wet → dry, eq (31) standard dry flow, eq (33) mass in kg/h.
    SELECT *,
           CASE WHEN mark_treatment = 'off' AND NOT (co2_ok AND flow_ok) THEN 'off'
                WHEN mark_treatment IS NULL AND coalesce(off, false) THEN 'off'
                WHEN mark_treatment = 'invalid' THEN 'invalid'
                WHEN co2_ok AND flow_ok THEN 'valid'
                WHEN mn IS NULL THEN 'missing'
                ELSE 'invalid' END AS state,
           CASE WHEN co2_basis = 'wet' THEN co2 / (1 - moist / 100) ELSE co2 END AS co2_dry,
           CASE flow_basis
               WHEN 'standard_dry' THEN flow
               WHEN 'standard_wet' THEN flow * (1 - moist / 100)
               ELSE flow * 273 / (273 + temp)
                    * (CASE WHEN press_basis = 'absolute' THEN press ELSE ambient_pa + press END)
                    / 101325 * (1 - moist / 100)
           END AS q_snh
    FROM checked
), hourly AS (
    SELECT *,
           CASE WHEN state = 'valid' THEN co2_dry / 100 * $density * q_snh END AS kg,
           sum(CASE WHEN state = 'valid' THEN 1 ELSE 0 END) OVER (
               PARTITION BY unit_id ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
           ) AS seen
    FROM measured
), gaps AS (
    -- A gap: the invalid or missing hours after the same last valid hour (`seen` valid so far).
    SELECT unit_id, seen, count(*) AS gap_hours, min(ts) AS gap_start
    FROM hourly WHERE state IN ('invalid', 'missing') GROUP BY unit_id, seen
), unit_stats AS (
    SELECT unit_id,
           sum(CASE WHEN state = 'valid' THEN 1 ELSE 0 END) AS valid_hours,
           sum(CASE WHEN state <> 'off' THEN 1 ELSE 0 END) AS operating_hours,
           max(kg) AS kg_max,
           max(CASE WHEN flow_ok AND NOT coalesce(off, false) THEN q_snh END) AS q_max
    FROM hourly GROUP BY unit_id
)
