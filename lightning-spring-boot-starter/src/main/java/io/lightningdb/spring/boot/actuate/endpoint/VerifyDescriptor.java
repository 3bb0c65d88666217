package io.lightningdb.spring.boot.actuate.endpoint;

import io.lightningdb.VerifyReport;
import java.util.List;

/**
 * What the endpoint's {@code verify} operation returns: {@link VerifyReport} with file names as
 * plain strings.
 *
 * @param clean whether no problem was found
 * @param problems each damaged spot: file, byte offset and what is wrong
 * @param tablesChecked table files read
 * @param blocksChecked table blocks read and checksummed
 * @param logFilesChecked log segments and manifests read
 * @param recordsChecked log and manifest records read and checksummed
 */
public record VerifyDescriptor(
        boolean clean,
        List<Problem> problems,
        int tablesChecked,
        long blocksChecked,
        int logFilesChecked,
        long recordsChecked) {

    /** One damaged spot. */
    public record Problem(String file, long offset, String message) {}

    static VerifyDescriptor of(VerifyReport r) {
        List<Problem> problems = r.problems().stream()
                .map(p -> new Problem(p.file().toString(), p.offset(), p.message()))
                .toList();
        return new VerifyDescriptor(
                r.isClean(), problems, r.tablesChecked(), r.blocksChecked(), r.logFilesChecked(), r.recordsChecked());
    }
}
