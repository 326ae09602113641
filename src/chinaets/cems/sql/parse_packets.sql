-- HJ 212-2017 packets (table packets: line, raw, crc_ok) → one row per packet with its fields
-- and the first problem found, in the order the standard builds a packet (§6.3, App. A).
WITH framed AS (
    SELECT line, raw,
           regexp_full_match(raw, '##[0-9]{4}.*[0-9A-Fa-f]{4}') AS framed_ok,
           TRY_CAST(substr(raw, 3, 4) AS INTEGER) AS declared,
           substr(raw, 7, length(raw) - 10) AS seg,
           crc_ok
    FROM packets
), fields AS (
    SELECT *,
           regexp_extract(seg, '(^|;)CN=([0-9]+)', 2) AS cn,
           regexp_extract(seg, '(^|;)MN=([^;]*)', 2) AS mn,
           regexp_extract(seg, '(^|;)PNUM=([0-9]+)', 2) AS pnum,
           regexp_extract(seg, 'CP=&&(.*)&&$', 1) AS cp
    FROM framed
)
SELECT line, mn, cn, cp,
       -- the equipment status (SBxxx-RS) is the hour's operating-condition mark
       nullif(regexp_extract(cp, '(^|[;,])SB[0-9A-Za-z]*-RS=([^;,&]*)', 2), '') AS rs,
       CASE
           WHEN NOT framed_ok THEN 'PACKET_FORMAT'
           WHEN declared <> strlen(seg) THEN 'PACKET_LENGTH'
           WHEN NOT crc_ok THEN 'PACKET_CRC'
           WHEN cn NOT IN ('2051', '2061') THEN 'PACKET_NOT_DATA'
           WHEN pnum <> '' THEN 'PACKET_SPLIT'
           WHEN mn NOT IN (SELECT mn FROM devices) THEN 'PACKET_DEVICE'
           WHEN TRY_STRPTIME(substr(regexp_extract(cp, 'DataTime=([0-9]{14,17})', 1), 1, 14),
                             '%Y%m%d%H%M%S') IS NULL THEN 'PACKET_TIME'
       END AS problem,
       TRY_STRPTIME(substr(regexp_extract(cp, 'DataTime=([0-9]{14,17})', 1), 1, 14),
                    '%Y%m%d%H%M%S') AS ts
FROM fields
