package io.adinsights.speed.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;

class StringReadsTest {

    @Test
    void readsWhatFlinkWritesAndLeavesTheInputWhereFlinkDoes() throws IOException {
        List<String> strings = new ArrayList<>(List.of("", "e-1", "cmp-000042", "é", "ad-é-1", "日本語",
                "\uD83D\uDE00 emoji", "x".repeat(127), "y".repeat(128), "z".repeat(20_000),
                "\u0000\u007F\u0080\uFFFF"));
        strings.add(null);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            strings.add(randomString(random));
        }
        DataOutputSerializer out = new DataOutputSerializer(1024);
        for (String string : strings) {
            StringValue.writeString(string, out);
            out.writeInt(42);
        }

        DataInputDeserializer ours = new DataInputDeserializer(out.getCopyOfBuffer());
        DataInputDeserializer flinks = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String string : strings) {
            assertThat(StringReads.read(ours)).isEqualTo(string).isEqualTo(StringValue.readString(flinks));
            assertThat(ours.readInt()).as("the bytes after the string").isEqualTo(42);
            flinks.readInt();
        }
        assertThat(ours.available()).isZero();
    }

    /** ASCII, then now and then a character of one to three 7-bit groups, at any position and length. */
    private static String randomString(Random random) {
        int length = random.nextInt(300);
        StringBuilder string = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(20);
            string.append((char) (kind == 0 ? 0x80 + random.nextInt(0x780) : kind == 1 ? 0x800 + random.nextInt(0xF7FF)
                    : random.nextInt(0x80)));
        }
        return string.toString();
    }
}
