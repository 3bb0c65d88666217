package io.lightningdb.spring.data.core.mapping;

import java.util.Locale;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.keyvalue.annotation.KeySpace;
import org.springframework.data.keyvalue.core.mapping.KeySpaceResolver;
import org.springframework.util.StringUtils;

/**
 * The keyspace of an entity class: the value of {@code @KeySpace} (also as a meta-annotation), else
 * the simple class name in lower case ({@code Person} → {@code person}).
 */
public enum LightningKeySpaceResolver implements KeySpaceResolver {
    INSTANCE;

    @Override
    public String resolveKeySpace(Class<?> type) {
        KeySpace keySpace = AnnotatedElementUtils.findMergedAnnotation(type, KeySpace.class);
        if (keySpace != null && StringUtils.hasText(keySpace.value())) {
            return keySpace.value();
        }
        return type.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
