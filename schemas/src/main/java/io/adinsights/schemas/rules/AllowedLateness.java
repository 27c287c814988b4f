package io.adinsights.schemas.rules;

import java.time.Duration;

/**
 * L, the allowed lateness: the speed layer counts an event only while {@code eventTime + L} is after its watermark,
 * so a bucket is final once its end plus L is not after the watermark. The layers and the serving API's cache of
 * final buckets must agree on it.
 */
public final class AllowedLateness {

    public static final Duration DEFAULT = Duration.ofMinutes(10);

    private AllowedLateness() {
    }
}
