-- Hand-written DuckDB baseline for benchmarks/cems.py: the same monthly HJ 75 totals as
-- chinaets.cems (validity, HJ 212 mass, HJ 75 lookback maximum, day validity), written directly
-- for DuckDB: read_parquet over the store, generate_series for the hour grid, and DuckDB's
-- segment-tree windows (ROWS n PRECEDING) for the 180/720/2160-hour lookback maxima.
WITH r AS (
    SELECT * FROM read_parquet('{readings}/**/*.parquet', hive_partitioning = true)
    WHERE period = 'hour' AND ts >= TIMESTAMP '{start}' AND ts < TIMESTAMP '{end}'
), d AS (SELECT * FROM read_parquet('{devices}')),
b AS (
    SELECT mn, max(ambient_pa) AS ambient_pa,
           max(basis) FILTER (quantity = 'co2') AS co2_basis,
           max(basis) FILTER (quantity = 'flow') AS flow_basis,
           max(basis) FILTER (quantity = 'pressure') AS press_basis
    FROM d GROUP BY mn
), h AS (
    SELECT u.unit_id, u.province, g.ts, r.mn,
           -- operating marks first (a stopped unit off, calibration/maintenance invalid), else F/F
           CASE WHEN coalesce(r.mark = 'stopped', r.co2_flag = 'F' AND r.flow_flag = 'F') THEN 'off'
                WHEN r.mark IN ('calibration', 'maintenance') THEN 'invalid'
                WHEN r.co2_flag = 'N' AND r.co2 > 0 AND r.co2 < 100
                 AND (b.co2_basis <> 'wet' OR (r.moist_flag = 'N' AND r.moist >= 0 AND r.moist < 100))
                 AND r.flow_flag = 'N' AND r.flow > 0
                 AND (b.flow_basis = 'standard_dry' OR (r.moist_flag = 'N' AND r.moist >= 0 AND r.moist < 100))
                 AND (b.flow_basis <> 'actual_wet' OR (r.temp_flag = 'N' AND r.temp > -273 AND r.press_flag = 'N' AND r.press IS NOT NULL))
                THEN 'valid'
                WHEN r.mn IS NULL THEN 'missing' ELSE 'invalid' END AS state,
           (CASE WHEN b.co2_basis = 'wet' THEN r.co2 / (1 - r.moist / 100) ELSE r.co2 END) / 100 * {density}
           * CASE b.flow_basis WHEN 'standard_dry' THEN r.flow
                  WHEN 'standard_wet' THEN r.flow * (1 - r.moist / 100)
                  ELSE r.flow * 273 / (273 + r.temp)
                       * (CASE WHEN b.press_basis = 'absolute' THEN r.press ELSE b.ambient_pa + r.press END)
                       / 101325 * (1 - r.moist / 100) END AS kg_raw
    FROM (SELECT DISTINCT unit_id, province FROM d) u
    CROSS JOIN generate_series(TIMESTAMP '{start}', TIMESTAMP '{end}' - INTERVAL 1 HOUR, INTERVAL 1 HOUR) g(ts)
    LEFT JOIN r ON r.unit_id = u.unit_id AND r.ts = g.ts
    LEFT JOIN b ON b.mn = r.mn
), s AS (
    SELECT *, CASE WHEN state = 'valid' THEN kg_raw END AS kg,
           count(*) FILTER (state = 'valid') OVER (PARTITION BY unit_id ORDER BY ts) AS seen
    FROM h
), lookbacks AS (
    SELECT unit_id, seen,
           max(kg) OVER (PARTITION BY unit_id ORDER BY seen ROWS BETWEEN 179 PRECEDING AND CURRENT ROW) AS lb180,
           max(kg) OVER (PARTITION BY unit_id ORDER BY seen ROWS BETWEEN 719 PRECEDING AND CURRENT ROW) AS lb720,
           max(kg) OVER (PARTITION BY unit_id ORDER BY seen ROWS BETWEEN 2159 PRECEDING AND CURRENT ROW) AS lb2160
    FROM s WHERE state = 'valid'
), gaps AS (
    SELECT unit_id, seen, count(*) AS n, min(ts) AS start FROM s
    WHERE state IN ('invalid', 'missing') GROUP BY ALL
), alpha AS (
    SELECT unit_id, year(ts) AS y, quarter(ts) AS q,
           count(*) FILTER (state = 'valid') / nullif(count(*) FILTER (state <> 'off'), 0) AS a
    FROM s GROUP BY ALL
), subs AS (
    SELECT g.unit_id, g.seen,
           CASE WHEN coalesce(al.a, 0) >= 0.9 THEN (CASE WHEN g.n <= 24 THEN l.lb180 ELSE l.lb720 END)
                ELSE l.lb2160 END AS kg_sub
    FROM gaps g
    JOIN alpha al ON al.unit_id = g.unit_id AND al.y = year(g.start) AND al.q = quarter(g.start)
    JOIN lookbacks l ON l.unit_id = g.unit_id AND l.seen = g.seen
), unit_max AS (SELECT unit_id, max(kg) AS kmax FROM s GROUP BY unit_id),
f AS (
    SELECT s.unit_id, s.province, s.ts, s.state,
           CASE WHEN s.state = 'valid' THEN s.kg WHEN s.state = 'off' THEN 0
                ELSE coalesce(x.kg_sub, m.kmax) END AS kg
    FROM s LEFT JOIN subs x ON x.unit_id = s.unit_id AND x.seen = s.seen AND s.state IN ('invalid', 'missing')
    LEFT JOIN unit_max m ON m.unit_id = s.unit_id
), days AS (
    SELECT unit_id, province, CAST(ts AS DATE) AS day, sum(kg) AS kg,
           count(*) FILTER (state = 'valid') AS measured, count(*) FILTER (state <> 'off') AS operating
    FROM f GROUP BY ALL
)
SELECT unit_id, province, year(day)::INTEGER AS year, month(day)::INTEGER AS month,
       round(sum(kg) / 1000, 3) AS tco2,
       count(*) FILTER (measured >= 20 OR operating = 0) AS valid_days
FROM days GROUP BY ALL ORDER BY unit_id, year, month
