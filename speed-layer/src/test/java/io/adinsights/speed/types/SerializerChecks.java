package io.adinsights.speed.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** What every hand-written serializer must do: round trips, copies, and snapshots that restore it. */
public final class SerializerChecks {

    private SerializerChecks() {
    }

    /** Serializes, deserializes, copies (as object and as bytes) and checks that all equal the value. */
    public static <T> T roundTrip(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        byte[] bytes = out.getCopyOfBuffer();
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        T read = serializer.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        assertThat(read).isEqualTo(value).isNotSameAs(value);
        assertThat(serializer.copy(value)).isEqualTo(value).isNotSameAs(value);

        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(bytes), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
        return read;
    }

    /** A snapshot written to a checkpoint reads back, restores an equal serializer and accepts it as is. */
    public static <T> void snapshotRestores(TypeSerializer<T> serializer) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), SerializerChecks.class.getClassLoader());

        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        TypeSerializerSchemaCompatibility<T> compatibility =
                serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertThat(compatibility.isCompatibleAsIs()).isTrue();
        assertThat(serializer.duplicate()).isEqualTo(serializer);
    }
}
