-- Long factor values (table items: line, unit_id, province, mn, ts, period, quantity, value,
-- flag, mark) → one wide row per device and period; a factor not sent stays NULL (a missing
-- value); rows that carry only a mark give the period its mark.
SELECT unit_id, province, mn, ts, period,
       max(CASE WHEN quantity = 'co2' THEN value END) AS co2,
       max(CASE WHEN quantity = 'co2' THEN flag END) AS co2_flag,
       max(CASE WHEN quantity = 'o2' THEN value END) AS o2,
       max(CASE WHEN quantity = 'o2' THEN flag END) AS o2_flag,
       max(CASE WHEN quantity = 'flow' THEN value END) AS flow,
       max(CASE WHEN quantity = 'flow' THEN flag END) AS flow_flag,
       max(CASE WHEN quantity = 'temperature' THEN value END) AS temp,
       max(CASE WHEN quantity = 'temperature' THEN flag END) AS temp_flag,
       max(CASE WHEN quantity = 'pressure' THEN value END) AS press,
       max(CASE WHEN quantity = 'pressure' THEN flag END) AS press_flag,
       max(CASE WHEN quantity = 'moisture' THEN value END) AS moist,
       max(CASE WHEN quantity = 'moisture' THEN flag END) AS moist_flag,
       max(mark) AS mark,
       $source AS source, min(line) AS line
FROM items GROUP BY unit_id, province, mn, ts, period
ORDER BY unit_id, period, ts
