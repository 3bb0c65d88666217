package io.lightningdb.spring.data.convert;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import java.util.Objects;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperBuilder;

/**
 * An {@link EntityCodec} backed by a Jackson 3 {@link ObjectMapper} of any data format. The mappers
 * built by {@link #configure(MapperBuilder)} read and write fields directly (entities need no
 * getters or setters), ignore unknown properties and read a missing primitive as its default, so
 * adding or removing a field of an entity class keeps stored values readable.
 */
public class JacksonEntityCodec implements EntityCodec {
    private final ObjectMapper mapper;

    /** A codec using {@code mapper} exactly as configured by the caller. */
    public JacksonEntityCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Applies the entity-friendly defaults described on this class to a mapper builder. */
    public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
        return builder.changeDefaultVisibility(v -> v.withVisibility(PropertyAccessor.ALL, Visibility.NONE)
                        .withVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .withVisibility(PropertyAccessor.CREATOR, Visibility.ANY))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** The mapper this codec uses. */
    public ObjectMapper getMapper() {
        return mapper;
    }

    @Override
    public byte[] encode(Object entity) {
        return mapper.writeValueAsBytes(entity);
    }

    @Override
    public <T> T decode(byte[] bytes, Class<T> type) {
        return mapper.readValue(bytes, type);
    }
}
