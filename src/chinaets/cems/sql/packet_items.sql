-- Good data packets (table good: line, mn, cn, ts, cp, rs) → one row per factor sent: the period
-- average in the device's canonical unit, its flag (N when the packet sends none) and the
-- packet's operating mark (mark_text as sent, mark as known in mark_codes); factors the device
-- does not declare keep a NULL quantity so that they are counted, not lost.
WITH items AS (
    SELECT line, mn, cn, ts, rs, unnest(string_split_regex(cp, '[;,]')) AS item FROM good
), parts AS (
    SELECT line, mn, cn, ts, rs,
           split_part(item, '-', 1) AS sent_code,
           split_part(split_part(item, '-', 2), '=', 1) AS field,
           split_part(item, '=', 2) AS text
    FROM items
    WHERE item LIKE '%-Avg=%' OR item LIKE '%-Flag=%'
), coded AS (
    SELECT p.*, coalesce(l.code, p.sent_code) AS code FROM parts p
    LEFT JOIN legacy l ON l.legacy = p.sent_code
), factor AS (
    SELECT line, mn, cn, ts, rs, code,
           max(CASE WHEN field = 'Avg' THEN text END) AS avg_text,
           max(CASE WHEN field = 'Flag' THEN text END) AS flag
    FROM coded GROUP BY line, mn, cn, ts, rs, code
)
SELECT f.line, d.unit_id, d.province, f.mn, f.ts,
       CASE f.cn WHEN '2061' THEN 'hour' ELSE 'minute' END AS period,
       d.quantity, TRY_CAST(f.avg_text AS DOUBLE) * d.scale + d."offset" AS value,
       coalesce(f.flag, 'N') AS flag,
       f.rs AS mark_text, k.mark, false AS mark_only
FROM factor f LEFT JOIN devices d ON d.mn = f.mn AND d.code = f.code
LEFT JOIN mark_codes k ON k.sent = f.rs
