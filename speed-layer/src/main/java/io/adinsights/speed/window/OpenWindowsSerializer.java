package io.adinsights.speed.window;

import io.adinsights.schemas.rules.Granularity;
import io.adinsights.speed.types.SerializerTypeInfo;
import io.adinsights.speed.types.ValueSerializer;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The state value of {@link MetricWindows}: the row's timer, then per window its size, start, counts (variable
 * length) and early-firing time. The size is written by ordinal: reordering {@link Granularity} needs a new serializer
 * version.
 */
public final class OpenWindowsSerializer extends ValueSerializer<OpenWindows> {

    public static final OpenWindowsSerializer INSTANCE = new OpenWindowsSerializer();

    private static final long serialVersionUID = 1L;
    private static final Granularity[] GRANULARITIES = Granularity.values();

    @Override
    public OpenWindows createInstance() {
        return OpenWindows.empty();
    }

    @Override
    public OpenWindows copy(OpenWindows from) {
        List<OpenWindows.Window> windows = new ArrayList<>(from.windows.size());
        for (OpenWindows.Window window : from.windows) {
            OpenWindows.Window copy = new OpenWindows.Window(window.granularity, window.start);
            copy.total.add(window.total);
            copy.earlyFireAt = window.earlyFireAt;
            windows.add(copy);
        }
        return new OpenWindows(from.earlyFireAt, windows);
    }

    @Override
    public void serialize(OpenWindows row, DataOutputView out) throws IOException {
        out.writeLong(row.earlyFireAt);
        out.writeInt(row.windows.size());
        for (OpenWindows.Window window : row.windows) {
            writeEnum(window.granularity, out);
            out.writeLong(window.start);
            PartialCountsSerializer.writeCounts(window.total, out);
            out.writeLong(window.earlyFireAt);
        }
    }

    @Override
    public OpenWindows deserialize(DataInputView in) throws IOException {
        long earlyFireAt = in.readLong();
        int size = in.readInt();
        List<OpenWindows.Window> windows = new ArrayList<>(size + 2);
        for (int i = 0; i < size; i++) {
            OpenWindows.Window window = new OpenWindows.Window(readEnum(GRANULARITIES, in),
                    in.readLong());
            PartialCountsSerializer.readCounts(window.total, in);
            window.earlyFireAt = in.readLong();
            windows.add(window);
        }
        return new OpenWindows(earlyFireAt, windows);
    }

    @Override
    public TypeSerializerSnapshot<OpenWindows> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Written into checkpoints with the state; restores this serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<OpenWindows> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@link OpenWindows}' {@code @TypeInfo}. */
    public static final class TypeFactory extends TypeInfoFactory<OpenWindows> {
        @Override
        public TypeInformation<OpenWindows> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new SerializerTypeInfo<>(OpenWindows.class, INSTANCE);
        }
    }
}
