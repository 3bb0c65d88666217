/** Enabling repositories: {@code @EnableLightningRepositories} and the configuration extension. */
package io.lightningdb.spring.data.repository.config;
