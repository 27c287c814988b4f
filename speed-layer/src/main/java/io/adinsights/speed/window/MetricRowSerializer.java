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

/** {@link MetricRow} on the network: table (ordinal), ids (nullable), bucket start, counts (variable length). */
public final class MetricRowSerializer extends ValueSerializer<MetricRow> {

    public static final MetricRowSerializer INSTANCE = new MetricRowSerializer();

    private static final long serialVersionUID = 1L;
    private static final MetricTable[] TABLES = MetricTable.values();

    @Override
    public MetricRow createInstance() {
        return new MetricRow();
    }

    @Override
    public MetricRow copy(MetricRow from) {
        MetricRow copy = new MetricRow();
        copy.table = from.table;
        copy.campaignId = from.campaignId;
        copy.adId = from.adId;
        copy.bucketStart = from.bucketStart;
        copy.impressions = from.impressions;
        copy.clicks = from.clicks;
        copy.clickToBasket = from.clickToBasket;
        copy.unattributedBaskets = from.unattributedBaskets;
        return copy;
    }

    @Override
    public void serialize(MetricRow row, DataOutputView out) throws IOException {
        writeEnum(row.table, out);
        StringValue.writeString(row.campaignId, out);
        StringValue.writeString(row.adId, out);
        out.writeLong(row.bucketStart);
        VarLongs.write(row.impressions, out);
        VarLongs.write(row.clicks, out);
        VarLongs.write(row.clickToBasket, out);
        VarLongs.write(row.unattributedBaskets, out);
    }

    @Override
    public MetricRow deserialize(DataInputView in) throws IOException {
        MetricRow row = new MetricRow();
        row.table = readEnum(TABLES, in);
        row.campaignId = StringReads.read(in);
        row.adId = StringReads.read(in);
        row.bucketStart = in.readLong();
        row.impressions = VarLongs.read(in);
        row.clicks = VarLongs.read(in);
        row.clickToBasket = VarLongs.read(in);
        row.unattributedBaskets = VarLongs.read(in);
        return row;
    }

    @Override
    public TypeSerializerSnapshot<MetricRow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint or savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MetricRow> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@link MetricRow}'s {@code @TypeInfo}. */
    public static final class TypeFactory extends TypeInfoFactory<MetricRow> {
        @Override
        public TypeInformation<MetricRow> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new SerializerTypeInfo<>(MetricRow.class, INSTANCE);
        }
    }
}
