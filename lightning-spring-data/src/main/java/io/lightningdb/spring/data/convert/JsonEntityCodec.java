package io.lightningdb.spring.data.convert;

import tools.jackson.databind.json.JsonMapper;

/**
 * The default codec: entities stored as UTF-8 JSON, readable with any tool.
 *
 * <pre>{@code
 * new LightningTemplate(db, new JsonEntityCodec());
 * }</pre>
 */
public final class JsonEntityCodec extends JacksonEntityCodec {

    /** JSON with the defaults of {@link JacksonEntityCodec#configure}. */
    public JsonEntityCodec() {
        super(configure(JsonMapper.builder()).build());
    }

    /** JSON written and read by the given mapper. */
    public JsonEntityCodec(JsonMapper mapper) {
        super(mapper);
    }
}
