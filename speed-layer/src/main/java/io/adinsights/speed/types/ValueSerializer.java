package io.adinsights.speed.types;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A hand-written serializer of a mutable value class: no reflection, no per-field null tags, no reuse of instances
 * (records are small, and operators keep what they receive).
 */
public abstract class ValueSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /** An enum constant as its ordinal, null as -1. */
    protected static void writeEnum(Enum<?> value, DataOutputView out) throws IOException {
        out.writeByte(value == null ? -1 : value.ordinal());
    }

    /** The constant of an ordinal written by {@link #writeEnum}, or null. */
    protected static <E extends Enum<E>> E readEnum(E[] values, DataInputView in) throws IOException {
        byte ordinal = in.readByte();
        return ordinal < 0 ? null : values[ordinal];
    }
}
