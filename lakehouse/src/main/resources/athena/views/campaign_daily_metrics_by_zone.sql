-- Daily totals per campaign in a few time zones, built from the UTC hours of campaign_metrics_hourly: a local day
-- is the sum of the UTC hours that start in it (23, 24 or 25 of them across a daylight saving change).
-- Only zones whose offset from UTC is a whole number of hours all year are listed. In a zone such as Asia/Kolkata
-- (UTC+05:30) or Australia/Adelaide (UTC+09:30) a local day starts in the middle of a UTC hour, so its totals
-- cannot be built from hourly buckets.
-- Days that end after the batch watermark (see batch_watermark) are not complete yet.
-- Filtering on day cannot skip partitions: for a few days of one zone, filter campaign_metrics_hourly on hour
-- instead (see the lakehouse README).
CREATE OR REPLACE VIEW campaign_daily_metrics_by_zone AS
WITH local_hours AS (
    SELECT
        z.zone,
        date(from_unixtime(to_unixtime(m.hour), z.zone)) AS day,
        m.campaign_id,
        m.impressions,
        m.clicks,
        m.click_to_basket
    FROM campaign_metrics_hourly AS m
    CROSS JOIN UNNEST(ARRAY[
        'UTC', 'Europe/London', 'Europe/Paris', 'Europe/Berlin', 'America/New_York', 'America/Chicago',
        'America/Denver', 'America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Dubai', 'Asia/Singapore',
        'Asia/Tokyo', 'Australia/Sydney'
    ]) AS z (zone)
)
SELECT
    zone,
    day,
    campaign_id,
    sum(impressions) AS impressions,
    sum(clicks) AS clicks,
    sum(click_to_basket) AS click_to_basket
FROM local_hours
GROUP BY zone, day, campaign_id;
