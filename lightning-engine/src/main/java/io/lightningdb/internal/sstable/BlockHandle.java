package io.lightningdb.internal.sstable;

/** Where a block lives in a table file: offset and length of its contents (trailer excluded). */
record BlockHandle(long offset, int size) {}
