-- HJ 75 substitution (修约): an invalid or missing hour takes the largest hourly emission of the
-- last N valid hours before its gap; N by the quarter's capture rate α and the gap length
-- (parameters substitution_hj75). The lookback maximum is exact and cheap on any engine: within
-- blocks of 60 valid hours a running maximum from each end, across blocks the block maxima.
, quarters AS (
    SELECT unit_id, year(ts) AS y, quarter(ts) AS q,
           sum(CASE WHEN state = 'valid' THEN 1 ELSE 0 END)
               / nullif(sum(CASE WHEN state <> 'off' THEN 1 ELSE 0 END), 0) AS alpha
    FROM hourly GROUP BY unit_id, year(ts), quarter(ts)
), valid_rows AS (
    SELECT unit_id, seen - 1 AS r, (seen - 1) // 60 AS blk, kg FROM hourly WHERE state = 'valid'
), valid_ends AS (
    SELECT unit_id, r,
           max(kg) OVER (PARTITION BY unit_id, blk ORDER BY r
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS head,
           max(kg) OVER (PARTITION BY unit_id, blk ORDER BY r DESC
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS tail
    FROM valid_rows
), blocks AS (
    SELECT unit_id, blk, max(kg) AS block_max FROM valid_rows GROUP BY unit_id, blk
), anchors AS (
    SELECT g.unit_id, g.seen, g.seen - 1 AS r,
           CASE WHEN coalesce(q.alpha, 0) >= $alpha_high
                THEN CASE WHEN g.gap_hours <= $short_gap_hours THEN $short_lookback
                          ELSE $long_lookback END
                ELSE $low_alpha_lookback END AS lookback
    FROM gaps g JOIN quarters q
      ON q.unit_id = g.unit_id AND q.y = year(g.gap_start) AND q.q = quarter(g.gap_start)
    WHERE g.seen > 0
), middles AS (
    SELECT a.unit_id, a.seen, a.r, a.lookback, max(b.block_max) AS middle
    FROM anchors a LEFT JOIN blocks b
      ON b.unit_id = a.unit_id
     AND b.blk >= a.r // 60 - (a.lookback // 60 - 1) AND b.blk <= a.r // 60 - 1
    GROUP BY a.unit_id, a.seen, a.r, a.lookback
), substitutes AS (
    SELECT m.unit_id, m.seen, greatest(h.head, t.tail, m.middle) AS kg_sub,
           'hj75:' || CAST(m.lookback AS VARCHAR) AS rule
    FROM middles m
    JOIN valid_ends h ON h.unit_id = m.unit_id AND h.r = m.r
    -- the tail of the block where the lookback starts, when that block is not the gap's own
    LEFT JOIN valid_ends t ON t.unit_id = m.unit_id AND t.r = greatest(m.r - m.lookback + 1, 0)
     AND greatest(m.r - m.lookback + 1, 0) // 60 < m.r // 60
), final AS (
    SELECT h.unit_id, h.province, h.ts, h.state, h.valid_minutes,
           CASE WHEN h.state = 'valid' THEN h.kg WHEN h.state = 'off' THEN 0
                ELSE coalesce(s.kg_sub, u.kg_max) END AS kg,
           CASE WHEN h.state = 'valid' THEN 'measured' WHEN h.state = 'off' THEN 'off'
                WHEN s.kg_sub IS NOT NULL THEN s.rule
                WHEN u.kg_max IS NOT NULL THEN 'hj75:no_history'
                ELSE 'unsubstituted' END AS rule,
           h.flow, h.q_snh, h.co2_dry, h.mark
    FROM hourly h
    LEFT JOIN substitutes s ON s.unit_id = h.unit_id AND s.seen = h.seen AND h.state IN ('invalid', 'missing')
    LEFT JOIN unit_stats u ON u.unit_id = h.unit_id
)
