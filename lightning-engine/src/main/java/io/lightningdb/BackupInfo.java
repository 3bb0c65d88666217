package io.lightningdb;

import java.time.Instant;

/**
 * One backup: a consistent copy of the database as of {@link #sequence()}, from {@link
 * LightningDb#backup}, {@link LightningDb#backupTo} or {@link Backups#list}.
 *
 * @param id number of the backup point in its backup directory (1, 2, …); 0 for a plain {@link
 *     LightningDb#backup(java.nio.file.Path) backup} into a database directory
 * @param createdAt when the backup was taken, by {@link LightningConfig#clock()}
 * @param sequence sequence number of the newest write the backup holds; every earlier write is in
 *     it and no later one is
 * @param files files the backup consists of (tables, log segments, manifest)
 * @param bytes total size of those files
 * @param filesAdded files this backup had to copy or link; the rest were already in the backup
 *     directory from earlier points (0 when listed)
 */
public record BackupInfo(int id, Instant createdAt, long sequence, int files, long bytes, int filesAdded) {}
