-- A tabular export (table export: line, mn, ts, period, code, value, flag, all text) → the same
-- factor rows as packets give, with a problem code for rows that cannot be read.
WITH rows AS (
    SELECT e.line, e.mn, coalesce(l.code, e.code) AS code, e.value, e.flag,
           lower(e.period) AS period,
           coalesce(TRY_STRPTIME(e.ts, '%Y-%m-%d %H:%M:%S'), TRY_STRPTIME(e.ts, '%Y%m%d%H%M%S'),
                    TRY_STRPTIME(e.ts, '%Y-%m-%dT%H:%M:%S')) AS ts
    FROM export e LEFT JOIN legacy l ON l.legacy = e.code
)
SELECT r.line, d.unit_id, d.province, r.mn, r.ts, r.period, d.quantity,
       TRY_CAST(r.value AS DOUBLE) * d.scale + d."offset" AS value,
       coalesce(nullif(r.flag, ''), 'N') AS flag,
       CASE
           WHEN r.mn NOT IN (SELECT mn FROM devices) THEN 'PACKET_DEVICE'
           WHEN r.ts IS NULL THEN 'PACKET_TIME'
           WHEN r.period NOT IN ('hour', 'minute') THEN 'ROW_PERIOD'
       END AS problem
FROM rows r LEFT JOIN devices d ON d.mn = r.mn AND d.code = r.code
