package io.adinsights.speed.parse;

import io.adinsights.schemas.event.EventType;
import io.adinsights.speed.types.SerializerTypeInfo;
import io.adinsights.speed.types.StringReads;
import io.adinsights.speed.types.ValueSerializer;
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

/** {@link ParsedEvent} on the network: eventId, type (ordinal), time, then campaign, ad and click ids (nullable). */
public final class ParsedEventSerializer extends ValueSerializer<ParsedEvent> {

    public static final ParsedEventSerializer INSTANCE = new ParsedEventSerializer();

    private static final long serialVersionUID = 1L;
    private static final EventType[] TYPES = EventType.values();

    @Override
    public ParsedEvent createInstance() {
        return new ParsedEvent();
    }

    @Override
    public ParsedEvent copy(ParsedEvent from) {
        ParsedEvent copy = new ParsedEvent();
        copy.eventId = from.eventId;
        copy.eventType = from.eventType;
        copy.eventTime = from.eventTime;
        copy.campaignId = from.campaignId;
        copy.adId = from.adId;
        copy.clickId = from.clickId;
        return copy;
    }

    @Override
    public void serialize(ParsedEvent event, DataOutputView out) throws IOException {
        StringValue.writeString(event.eventId, out);
        writeEnum(event.eventType, out);
        out.writeLong(event.eventTime);
        StringValue.writeString(event.campaignId, out);
        StringValue.writeString(event.adId, out);
        StringValue.writeString(event.clickId, out);
    }

    @Override
    public ParsedEvent deserialize(DataInputView in) throws IOException {
        ParsedEvent event = new ParsedEvent();
        event.eventId = StringReads.read(in);
        event.eventType = readEnum(TYPES, in);
        event.eventTime = in.readLong();
        event.campaignId = StringReads.read(in);
        event.adId = StringReads.read(in);
        event.clickId = StringReads.read(in);
        return event;
    }

    @Override
    public TypeSerializerSnapshot<ParsedEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint or savepoint. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ParsedEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Named by {@link ParsedEvent}'s {@code @TypeInfo}. */
    public static final class TypeFactory extends TypeInfoFactory<ParsedEvent> {
        @Override
        public TypeInformation<ParsedEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new SerializerTypeInfo<>(ParsedEvent.class, INSTANCE);
        }
    }
}
