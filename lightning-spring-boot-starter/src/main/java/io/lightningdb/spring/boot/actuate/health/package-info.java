/** The {@code lightning} Actuator health indicator and its auto-configuration. */
package io.lightningdb.spring.boot.actuate.health;
