/**
 * Spring Boot auto-configuration for Lightning: the engine from {@code lightning.db.*}
 * ({@link io.lightningdb.spring.boot.autoconfigure.LightningProperties}), the entity codec, the
 * template, the transaction manager and repositories, plus start-up failure analysis.
 */
package io.lightningdb.spring.boot.autoconfigure;
