package io.adinsights.speed.types;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class VarLongsTest {

    @Test
    void smallCountsTakeOneByteAndEveryLongReadsBack() throws Exception {
        long[] values = {0, 1, 127, 128, 16_383, 16_384, 1_800_000_000_000L, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        DataOutputSerializer out = new DataOutputSerializer(16);
        for (long value : values) {
            VarLongs.write(value, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (long value : values) {
            assertThat(VarLongs.read(in)).isEqualTo(value);
        }
        assertThat(in.available()).isZero();

        DataOutputSerializer small = new DataOutputSerializer(16);
        VarLongs.write(127, small);
        assertThat(small.length()).isEqualTo(1);
    }
}
