package io.adinsights.serving.store.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.adinsights.lakehouse.catalog.LakehouseCatalogs;
import io.adinsights.schemas.lake.LakeTables;
import io.adinsights.schemas.rules.Granularity;
import io.adinsights.serving.LakeFixture;
import io.adinsights.serving.store.HistoricalStore;
import io.adinsights.serving.store.MetricCounts;
import io.adinsights.serving.store.SeriesRequest;
import io.adinsights.traffic.oracle.AdBucket;
import io.adinsights.traffic.oracle.Counts;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.iceberg.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pinned lake state keeps its watermark and its data while the batch layer commits (from another catalog, as
 * another process would): the answer of one request never mixes two commits.
 */
class IcebergHistoricalStoreIT {

    private static final Instant H0 = Instant.parse("2026-03-31T22:00:00Z");
    private static final Instant H1 = Instant.parse("2026-03-31T23:00:00Z");
    private static final Instant H2 = Instant.parse("2026-04-01T00:00:00Z");

    @Test
    void aPinnedStateIsOneCommitWhateverHappensAfter(@TempDir Path dir) throws Exception {
        try (LakeFixture batch = new LakeFixture(dir)) {
            batch.append(rows(Map.of(new AdBucket("cmp-1", "ad-1", H0), new Counts(5, 2, 1),
                    new AdBucket("cmp-1", "ad-2", H0), new Counts(1, 1, 0),
                    new AdBucket("cmp-2", "ad-9", H0), new Counts(100, 100, 100))), H1);
            Catalog apiCatalog = LakehouseCatalogs.open(batch.config());
            try {
                IcebergHistoricalStore store = new IcebergHistoricalStore(apiCatalog,
                        batch.config().table(LakeTables.CAMPAIGN_METRICS_HOURLY), Duration.ZERO);
                HistoricalStore.LakeState before = store.pin();
                SeriesRequest request = new SeriesRequest("cmp-1", Optional.empty(), Granularity.HOUR, H0, H2);
                assertThat(before.watermark()).contains(H1);
                assertThat(before.read(request)).isEqualTo(Map.of(H0, new MetricCounts(6, 3, 1)));

                // The batch layer commits the next hour (across a month boundary) and moves the watermark.
                batch.append(rows(Map.of(new AdBucket("cmp-1", "ad-1", H1), new Counts(7, 0, 0))), H2);

                assertThat(before.watermark()).contains(H1);
                assertThat(before.read(request)).isEqualTo(Map.of(H0, new MetricCounts(6, 3, 1)));
                HistoricalStore.LakeState after = store.pin();
                assertThat(after.watermark()).contains(H2);
                assertThat(after.read(request)).isEqualTo(Map.of(H0, new MetricCounts(6, 3, 1),
                        H1, new MetricCounts(7, 0, 0)));
                assertThat(after.read(new SeriesRequest("cmp-1", Optional.of("ad-2"), Granularity.HOUR, H0, H2)))
                        .isEqualTo(Map.of(H0, new MetricCounts(1, 1, 0)));
            } finally {
                ((Closeable) apiCatalog).close();
            }
        }
    }

    private static SortedMap<AdBucket, Counts> rows(Map<AdBucket, Counts> rows) {
        return new TreeMap<>(rows);
    }
}
