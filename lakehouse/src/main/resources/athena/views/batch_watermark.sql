-- The batch watermark: every hour before it is final in campaign_metrics_hourly; later hours may still change.
-- Each aggregate commit carries it in its snapshot summary (property adinsights.batch-watermark, an ISO-8601
-- instant). As the serving API does, it is taken from the newest snapshot of the current history that carries it:
-- maintenance commits (compaction, manifest rewrites) carry none and are skipped.
CREATE OR REPLACE VIEW batch_watermark AS
SELECT
    from_iso8601_timestamp(element_at(s.summary, 'adinsights.batch-watermark')) AS watermark,
    s.snapshot_id,
    s.committed_at
FROM "campaign_metrics_hourly$snapshots" AS s
JOIN "campaign_metrics_hourly$history" AS h ON h.snapshot_id = s.snapshot_id
WHERE h.is_current_ancestor
    AND element_at(s.summary, 'adinsights.batch-watermark') IS NOT NULL
ORDER BY h.made_current_at DESC
LIMIT 1;
