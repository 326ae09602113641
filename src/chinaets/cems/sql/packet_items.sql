-- Good data packets (table good: line, mn, cn, ts, cp) → one row per factor sent: the period
-- average in the device's canonical unit and its flag (N when the packet sends none); factors
-- the device does not declare keep a NULL unit_id so that they are counted, not lost.
WITH items AS (
    SELECT line, mn, cn, ts, unnest(string_split_regex(cp, '[;,]')) AS item FROM good
), parts AS (
    SELECT line, mn, cn, ts,
           split_part(item, '-', 1) AS sent_code,
           split_part(split_part(item, '-', 2), '=', 1) AS field,
           split_part(item, '=', 2) AS text
    FROM items
    WHERE item LIKE '%-Avg=%' OR item LIKE '%-Flag=%'
), coded AS (
    SELECT p.*, coalesce(l.code, p.sent_code) AS code FROM parts p
    LEFT JOIN legacy l ON l.legacy = p.sent_code
), factor AS (
    SELECT line, mn, cn, ts, code,
           max(CASE WHEN field = 'Avg' THEN text END) AS avg_text,
           max(CASE WHEN field = 'Flag' THEN text END) AS flag
    FROM coded GROUP BY line, mn, cn, ts, code
)
SELECT f.line, d.unit_id, d.province, f.mn, f.ts,
       CASE f.cn WHEN '2061' THEN 'hour' ELSE 'minute' END AS period,
       d.quantity, TRY_CAST(f.avg_text AS DOUBLE) * d.scale + d."offset" AS value,
       coalesce(f.flag, 'N') AS flag
FROM factor f LEFT JOIN devices d ON d.mn = f.mn AND d.code = f.code
