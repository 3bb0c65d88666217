/** The {@code lightning} Actuator endpoint: statistics; compaction, backup, verify and checkpoint as write operations. */
package io.lightningdb.spring.boot.actuate.endpoint;
