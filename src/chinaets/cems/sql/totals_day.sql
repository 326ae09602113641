SELECT unit_id, province, day, hours, operating_hours, measured_hours, substituted_hours,
       unsubstituted_hours, off_hours, valid_minutes, valid_day,
       round(kg / 1000, 3) AS tco2, round(kg_substituted / 1000, 3) AS substituted_tco2
FROM days_valid
WHERE $unit IS NULL OR unit_id = $unit
ORDER BY unit_id, day
