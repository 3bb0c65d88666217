/** The {@code lightning} Actuator endpoint: statistics, and compaction as a write operation. */
package io.lightningdb.spring.boot.actuate.endpoint;
