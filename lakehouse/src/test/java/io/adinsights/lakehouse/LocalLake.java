package io.adinsights.lakehouse;

import io.adinsights.lakehouse.catalog.LakehouseCatalogs;
import io.adinsights.lakehouse.catalog.LakehouseConfig;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;

/** A real local lake in a directory: the SQLite catalog and warehouse the one-machine platform uses. */
public final class LocalLake implements AutoCloseable {

    private final LakehouseConfig config;
    private final Catalog catalog;

    public LocalLake(Path directory) {
        this.config = LakehouseConfig.fromMap(Map.of(LakehouseConfig.LOCAL_DIR, directory.toString()));
        this.catalog = LakehouseCatalogs.open(config);
    }

    public LakehouseConfig config() {
        return config;
    }

    public Catalog catalog() {
        return catalog;
    }

    @Override
    public void close() {
        try {
            ((Closeable) catalog).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
