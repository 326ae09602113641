-- Synthetic hourly CEMS readings (canonical units) for units with monthly targets (table
-- targets: unit_id, province, mn, year, month, target_kg, running_hours) and planted faults
-- (table faults: unit_id, kind, month_from, month_to). Deterministic: every random draw is a
-- hash of (unit, hour, stream). The unit runs the first `running_hours` hours of each month
-- and is off (flags F) after them; hourly mass follows a daily load shape and sums to the
-- month's target; CO2 and flow carry ±0.5 % / ±0.75 % measurement noise; weekly calibration
-- hours (C), a 12-hour flow-meter maintenance (M) once a year on one unit in four, and 0.5 %
-- of operating hours lost in transmission (no row).
WITH cal AS (
    SELECT ts, CAST(month(ts) AS INTEGER) AS m, hour(ts) AS hod, dayofyear(ts) AS doy,
           row_number() OVER (PARTITION BY month(ts) ORDER BY ts) AS hom
    FROM calendar
), base AS (
    SELECT t.unit_id, t.province, t.mn, c.ts, c.m, c.hod, c.doy, c.hom, t.target_kg,
           c.hom <= round(t.running_hours) AS on_line,
           hash(t.unit_id) % 7 AS cal_day, hash(t.unit_id) % 4 = 0 AS maintained,
           CAST(hash(t.unit_id) % 12 + 1 AS INTEGER) AS maint_month,
           (hash(t.unit_id || CAST(c.ts AS VARCHAR) || 'a') % 1000003) / 1000003.0 AS u1,
           (hash(t.unit_id || CAST(c.ts AS VARCHAR) || 'b') % 1000003) / 1000003.0 AS u2,
           (hash(t.unit_id || CAST(c.ts AS VARCHAR) || 'c') % 1000003) / 1000003.0 AS u3,
           (hash(t.unit_id || CAST(c.ts AS VARCHAR) || 'd') % 1000003) / 1000003.0 AS u4
    FROM targets t JOIN cal c ON c.m = t.month
), weighted AS (
    SELECT *, CASE WHEN on_line THEN 0.8 + 0.15 * sin(2 * pi() * (hod - 8) / 24) + 0.1 * (u1 - 0.5)
                   ELSE 0 END AS w
    FROM base
), month_faults AS (
    SELECT t.unit_id, t.month AS m,
           coalesce(max(CASE WHEN f.kind = 'flow_bias' THEN 1.08 END), 1.0) AS flow_factor,
           coalesce(max(CASE WHEN f.kind = 'analyser_drift' THEN 0.955
                             WHEN f.kind = 'under_report' THEN 0.85 END), 1.0) AS co2_factor,
           coalesce(bool_or(f.kind = 'flow_stuck'), false) AS stuck_month,
           coalesce(bool_or(f.kind = 'data_loss'), false) AS loss_month
    FROM targets t LEFT JOIN faults f
      ON f.unit_id = t.unit_id AND t.month BETWEEN f.month_from AND f.month_to
    GROUP BY t.unit_id, t.month
), massed AS (
    SELECT w.*, f.flow_factor, f.co2_factor, f.stuck_month, f.loss_month,
           coalesce(w.target_kg * w.w / nullif(sum(w.w) OVER (PARTITION BY w.unit_id, w.m), 0), 0) AS kg,
           12.5 + 0.8 * (u2 - 0.5) AS co2_true, 9 + 2 * (u3 - 0.5) AS moist,
           50 + 6 * (u4 - 0.5) AS temp, -200 + 40 * (u1 - 0.5) AS press
    FROM weighted w JOIN month_faults f ON f.unit_id = w.unit_id AND f.m = w.m
), flows AS (
    SELECT *,
           kg / (co2_true / 100 * $density) * (1 + 0.015 * (u4 - 0.5)) * flow_factor
               / (273 / (273 + temp) * (101325 + press) / 101325 * (1 - moist / 100)) AS flow_true,
           stuck_month AND hom BETWEEN 10 AND 19 AND on_line AS stuck
    FROM massed
)
SELECT unit_id, province, mn, ts, 'hour' AS period,
       CASE WHEN on_line THEN round(co2_true * (1 + 0.01 * (u2 - 0.5)) * co2_factor, 3) ELSE 0.0 END AS co2,
       CASE WHEN NOT on_line THEN 'F' WHEN doy % 7 = cal_day AND hod = 3 THEN 'C' ELSE 'N' END AS co2_flag,
       CASE WHEN on_line THEN round(6 + 0.5 * (u3 - 0.5), 2) ELSE 20.9 END AS o2,
       CASE WHEN on_line THEN 'N' ELSE 'F' END AS o2_flag,
       CASE WHEN NOT on_line THEN 0.0
            WHEN stuck THEN round(avg(CASE WHEN on_line THEN flow_true END) OVER (PARTITION BY unit_id, m), 1)
            ELSE round(flow_true, 1) END AS flow,
       CASE WHEN NOT on_line THEN 'F'
            WHEN maintained AND m = maint_month AND doy % 28 = 10 AND hod BETWEEN 8 AND 19
                 AND NOT stuck_month THEN 'M'  -- kept apart from a planted stuck meter
            ELSE 'N' END AS flow_flag,
       round(temp, 1) AS temp, CASE WHEN on_line THEN 'N' ELSE 'F' END AS temp_flag,
       round(press, 1) AS press, CASE WHEN on_line THEN 'N' ELSE 'F' END AS press_flag,
       round(moist, 2) AS moist, CASE WHEN on_line THEN 'N' ELSE 'F' END AS moist_flag,
       CASE WHEN NOT on_line THEN 'stopped' WHEN doy % 7 = cal_day AND hod = 3 THEN 'calibration'
            ELSE 'running' END AS mark,
       'synthetic' AS source, CAST(0 AS BIGINT) AS line
FROM flows
WHERE NOT (on_line AND (u3 < 0.005 OR (loss_month AND u1 < 0.25)))
ORDER BY unit_id, ts
