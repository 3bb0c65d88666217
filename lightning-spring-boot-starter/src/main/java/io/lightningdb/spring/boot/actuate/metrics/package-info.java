/** Micrometer meters ({@code lightning.db.*}) and engine call timing, with their auto-configuration. */
package io.lightningdb.spring.boot.actuate.metrics;
