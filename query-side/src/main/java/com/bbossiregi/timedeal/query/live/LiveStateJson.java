package com.bbossiregi.timedeal.query.live;

import com.bbossiregi.timedeal.api.timedeal.TimeDealLiveState;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How a live state is written: the application's JSON style, except {@code changed_at}, which is to the millisecond
 * ({@code 2026-02-27T14:21:07.412Z}) where every other time is to the second, since it tells how old a state is and
 * a stream's delay is counted in milliseconds. A mix-in, so the shared record stays free of Jackson.
 */
interface LiveStateJson {

    @JsonSerialize(using = MillisInstant.class)
    Instant changedAt();

    /** A copy of the application's mapper that writes live states so. */
    static ObjectMapper mapper(ObjectMapper application) {
        return application.copy().addMixIn(TimeDealLiveState.class, LiveStateJson.class);
    }

    final class MillisInstant extends JsonSerializer<Instant> {

        private static final DateTimeFormatter FORMAT =
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(FORMAT.format(value));
        }
    }
}
