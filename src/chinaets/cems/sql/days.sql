-- Day totals per unit: hours by what produced their value; a day is valid with at least
-- $day_hours measured hours (HJ 212-2017 eq 25) or when the unit was off all day.
, days AS (
    SELECT unit_id, province, CAST(ts AS DATE) AS day,
           count(*) AS hours,
           CAST(sum(CASE WHEN state <> 'off' THEN 1 ELSE 0 END) AS BIGINT) AS operating_hours,
           CAST(sum(CASE WHEN rule = 'measured' THEN 1 ELSE 0 END) AS BIGINT) AS measured_hours,
           CAST(sum(CASE WHEN state IN ('invalid', 'missing') AND kg IS NOT NULL THEN 1 ELSE 0 END)
                AS BIGINT) AS substituted_hours,
           CAST(sum(CASE WHEN state IN ('invalid', 'missing') AND kg IS NULL THEN 1 ELSE 0 END)
                AS BIGINT) AS unsubstituted_hours,
           CAST(sum(CASE WHEN state = 'off' THEN 1 ELSE 0 END) AS BIGINT) AS off_hours,
           CAST(sum(CASE WHEN state = 'valid' THEN valid_minutes ELSE 0 END) AS BIGINT) AS valid_minutes,
           coalesce(sum(kg), 0) AS kg,
           coalesce(sum(CASE WHEN state IN ('invalid', 'missing') THEN kg END), 0) AS kg_substituted
    FROM final GROUP BY unit_id, province, CAST(ts AS DATE)
), days_valid AS (
    SELECT *, measured_hours >= $day_hours OR operating_hours = 0 AS valid_day FROM days
)
