-- Campaigns ranked by clicks over the last 7 whole UTC days (today excluded), with their funnel.
-- The filter on hour is a range of constants, so Athena reads only the partitions and files of those days.
-- Hours after the batch watermark (see batch_watermark) are not complete yet.
CREATE OR REPLACE VIEW top_campaigns_last_7_days AS
SELECT
    rank() OVER (ORDER BY sum(clicks) DESC) AS clicks_rank,
    campaign_id,
    sum(impressions) AS impressions,
    sum(clicks) AS clicks,
    sum(click_to_basket) AS click_to_basket,
    CAST(sum(click_to_basket) AS double) / nullif(sum(clicks), 0) AS click_to_basket_rate
FROM campaign_metrics_hourly
WHERE hour >= date_trunc('day', current_timestamp AT TIME ZONE 'UTC') - INTERVAL '7' DAY
    AND hour < date_trunc('day', current_timestamp AT TIME ZONE 'UTC')
GROUP BY campaign_id;
