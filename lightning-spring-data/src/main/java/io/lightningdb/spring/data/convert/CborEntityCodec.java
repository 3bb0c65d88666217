package io.lightningdb.spring.data.convert;

import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * A binary codec: entities stored as CBOR (RFC 8949), smaller and faster to parse than JSON.
 *
 * <pre>{@code
 * new LightningTemplate(db, new CborEntityCodec());
 * }</pre>
 */
public final class CborEntityCodec extends JacksonEntityCodec {

    /** CBOR with the defaults of {@link JacksonEntityCodec#configure}. */
    public CborEntityCodec() {
        super(configure(CBORMapper.builder()).build());
    }

    /** CBOR written and read by the given mapper. */
    public CborEntityCodec(CBORMapper mapper) {
        super(mapper);
    }
}
