package io.lightningdb;

/**
 * Shape of one level of the tree.
 *
 * @param level level number, 0 for freshly flushed tables
 * @param files number of table files
 * @param bytes total size of those files
 */
public record LevelStats(int level, int files, long bytes) {}
