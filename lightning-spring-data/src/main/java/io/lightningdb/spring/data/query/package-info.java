/** Criteria, queries and the engine that runs them on index ranges or streaming keyspace scans. */
package io.lightningdb.spring.data.query;
