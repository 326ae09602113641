-- A tabular export (table export: line, mn, ts, period, code, value, flag, mark, all text) → the
-- same factor rows as packets give, with a problem code for rows that cannot be read. A row with
-- a mark and no factor code (mark_only) gives its period the operating mark alone.
WITH rows AS (
    SELECT e.line, e.mn, coalesce(l.code, e.code) AS code, e.value, e.flag,
           nullif(trim(e.mark), '') AS mark_text,
           lower(e.period) AS period,
           coalesce(TRY_STRPTIME(e.ts, '%Y-%m-%d %H:%M:%S'), TRY_STRPTIME(e.ts, '%Y%m%d%H%M%S'),
                    TRY_STRPTIME(e.ts, '%Y-%m-%dT%H:%M:%S')) AS ts
    FROM export e LEFT JOIN legacy l ON l.legacy = e.code
), unit_of AS (
    SELECT DISTINCT mn, unit_id, province FROM devices
)
SELECT r.line, u.unit_id, u.province, r.mn, r.ts, r.period, d.quantity,
       TRY_CAST(r.value AS DOUBLE) * d.scale + d."offset" AS value,
       coalesce(nullif(r.flag, ''), 'N') AS flag,
       r.mark_text, k.mark, coalesce(r.code, '') = '' AND r.mark_text IS NOT NULL AS mark_only,
       CASE
           WHEN r.mn NOT IN (SELECT mn FROM devices) THEN 'PACKET_DEVICE'
           WHEN r.ts IS NULL THEN 'PACKET_TIME'
           WHEN r.period NOT IN ('hour', 'minute') THEN 'ROW_PERIOD'
       END AS problem
FROM rows r LEFT JOIN devices d ON d.mn = r.mn AND d.code = r.code
LEFT JOIN unit_of u ON u.mn = r.mn
LEFT JOIN mark_codes k ON k.sent = r.mark_text
