package io.adinsights.speed.window;

import io.adinsights.schemas.cql.MetricTable;
import io.adinsights.speed.types.SerializerTypeInfo;
import io.adinsights.speed.types.StringReads;
import io.adinsights.speed.types.ValueSerializer;
import io.adinsights.speed.types.VarLongs;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** {@link PartialCounts} on the network: level (ordinal), ids (nullable), minute, counts (variable length). */
public final class PartialCountsSerializer extends ValueSerializer<PartialCounts> {

    public static final PartialCountsSerializer INSTANCE = new PartialCountsSerializer();

    private static final long serialVersionUID = 1L;
    private static final MetricTable.Level[] LEVELS = MetricTable.Level.values();

    @Override
    public PartialCounts createInstance() {
        return new PartialCounts();
    }

    @Override
    public PartialCounts copy(PartialCounts from) {
        PartialCounts copy = PartialCounts.of(from.level, from.campaignId, from.adId, from.minuteStart);
        copy.add(from);
        return copy;
    }

    @Override
    public void serialize(PartialCounts partial, DataOutputView out) throws IOException {
        writeEnum(partial.level, out);
        StringValue.writeString(partial.campaignId, out);
        StringValue.writeString(partial.adId, out);
        out.writeLong(partial.minuteStart);
        writeCounts(partial, out);
    }

    /** The four counts, variable length: also the totals in {@link OpenWindowsSerializer}'s state. */
    static void writeCounts(PartialCounts counts, DataOutputView out) throws IOException {
        VarLongs.write(counts.impressions, out);
        VarLongs.write(counts.clicks, out);
        VarLongs.write(counts.clickToBasket, out);
        VarLongs.write(counts.unattributedBaskets, out);
    }

    /** Reads what {@link #writeCounts} wrote into {@code counts}. */
    static void readCounts(PartialCounts counts, DataInputView in) throws IOException {
        counts.impressions = VarLongs.read(in);
        counts.clicks = VarLongs.read(in);
        counts.clickToBasket = VarLongs.read(in);
        counts.unattributedBaskets = VarLongs.read(in);
    }

    @Override
    public PartialCounts deserialize(DataInputView in) throws IOException {
        PartialCounts partial = PartialCounts.of(readEnum(LEVELS, in), StringReads.read(in),
                StringReads.read(in), in.readLong());
        readCounts(partial, in);
        return partial;
    }

    @Override
    public TypeSerializerSnapshot<PartialCounts> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint or savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PartialCounts> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@link PartialCounts}' {@code @TypeInfo}. */
    public static final class TypeFactory extends TypeInfoFactory<PartialCounts> {
        @Override
        public TypeInformation<PartialCounts> createTypeInfo(Type type,
                Map<String, TypeInformation<?>> parameters) {
            return new SerializerTypeInfo<>(PartialCounts.class, INSTANCE);
        }
    }
}
