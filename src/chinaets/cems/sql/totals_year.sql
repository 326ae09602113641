SELECT unit_id, province, CAST(year(day) AS INTEGER) AS year,
       CAST(sum(hours) AS BIGINT) AS hours,
       CAST(sum(operating_hours) AS BIGINT) AS operating_hours,
       CAST(sum(measured_hours) AS BIGINT) AS measured_hours,
       CAST(sum(substituted_hours) AS BIGINT) AS substituted_hours,
       CAST(sum(unsubstituted_hours) AS BIGINT) AS unsubstituted_hours,
       CAST(sum(off_hours) AS BIGINT) AS off_hours,
       CAST(sum(CASE WHEN valid_day THEN 1 ELSE 0 END) AS BIGINT) AS valid_days,
       round(sum(kg) / 1000, 3) AS tco2,
       round(sum(kg_substituted) / 1000, 3) AS substituted_tco2,
       coalesce(sum(measured_hours) / nullif(sum(operating_hours), 0), 0) AS measured_share,
       coalesce(sum(substituted_hours) / nullif(sum(operating_hours), 0), 0) AS substituted_share,
       coalesce(sum(unsubstituted_hours) / nullif(sum(operating_hours), 0), 0) AS invalid_share
FROM days_valid
WHERE $unit IS NULL OR unit_id = $unit
GROUP BY unit_id, province, year(day)
ORDER BY unit_id, year
