SELECT unit_id, ts, state, rule, round(kg / 1000, 4) AS tco2, co2_dry, q_snh, mark
FROM final WHERE unit_id = $unit ORDER BY ts
