/** The {@code @DataLightningTest} test slice and {@code @AutoConfigureDataLightning}. */
package io.lightningdb.spring.boot.test.autoconfigure;
