-- The funnel of each campaign per UTC day: impressions -> clicks -> click-to-basket, with the rate of each step.
-- click_to_basket counts baskets in the hour of the basket that are attributed to a click of the campaign, so
-- click_to_basket_rate = click_to_basket / clicks is the API's rate (it can exceed 1: several baskets per click).
-- A rate over several days is a ratio of sums: sum the counts over the days, then divide; never average the
-- daily rates. A rate is NULL on a day without impressions (click_through_rate) or clicks (click_to_basket_rate).
CREATE OR REPLACE VIEW campaign_funnel_daily AS
SELECT
    date(hour AT TIME ZONE 'UTC') AS day,
    campaign_id,
    sum(impressions) AS impressions,
    sum(clicks) AS clicks,
    sum(click_to_basket) AS click_to_basket,
    CAST(sum(clicks) AS double) / nullif(sum(impressions), 0) AS click_through_rate,
    CAST(sum(click_to_basket) AS double) / nullif(sum(clicks), 0) AS click_to_basket_rate
FROM campaign_metrics_hourly
GROUP BY date(hour AT TIME ZONE 'UTC'), campaign_id;
