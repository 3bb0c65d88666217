package io.lightningdb;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link LightningDb#verify()} found: every damaged spot in the live files, and how much was
 * read. A clean database has no problems.
 *
 * <pre>{@code
 * VerifyReport report = db.verify();
 * if (!report.isClean()) {
 *     report.problems().forEach(p -> log.error("{} at {}: {}", p.file(), p.offset(), p.message()));
 * }
 * }</pre>
 *
 * @param problems damage found, in the order files were checked
 * @param tablesChecked table files read
 * @param blocksChecked table data blocks read and checksummed
 * @param logFilesChecked write-ahead-log segments and manifests read
 * @param recordsChecked log and manifest records read and checksummed
 */
public record VerifyReport(
        List<Problem> problems, int tablesChecked, long blocksChecked, int logFilesChecked, long recordsChecked) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** One damaged spot: the file, the byte offset of the block or record, and what is wrong. */
    public record Problem(Path file, long offset, String message) {}

    /** Whether no problem was found. */
    public boolean isClean() {
        return problems.isEmpty();
    }
}
