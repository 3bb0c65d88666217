package io.lightningdb.spring.boot.test.autoconfigure;

import java.util.List;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Gives tests annotated with {@link AutoConfigureDataLightning} a {@link TemporaryDatabaseContextCustomizer}. */
class TemporaryDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean annotated = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
                .isPresent(AutoConfigureDataLightning.class);
        return annotated ? new TemporaryDatabaseContextCustomizer() : null;
    }
}
