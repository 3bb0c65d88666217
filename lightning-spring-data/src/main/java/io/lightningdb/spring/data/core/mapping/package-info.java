/** Entity metadata: keyspace, id, version, time to live and indexed properties. */
package io.lightningdb.spring.data.core.mapping;
