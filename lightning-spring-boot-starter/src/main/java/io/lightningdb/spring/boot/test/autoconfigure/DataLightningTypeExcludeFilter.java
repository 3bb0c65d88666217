package io.lightningdb.spring.boot.test.autoconfigure;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * Keeps component scanning out of a {@link DataLightningTest}: repositories come from the
 * repository auto-configuration, so no scanned component is included by default.
 */
final class DataLightningTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<DataLightningTest> {

    DataLightningTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }
}
