/**
 * JMH micro-benchmarks of the engine's hot paths: memtable insert and lookup, table block search,
 * bloom filter probe, WAL append, and a point get served from the block cache. Run with {@code java
 * -cp lightning-benchmarks/target/lightning-benchmarks.jar org.openjdk.jmh.Main io.lightningdb.bench.jmh}.
 */
package io.lightningdb.bench.jmh;
