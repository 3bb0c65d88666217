package io.lightningdb.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.Backups;
import io.lightningdb.LightningDb;
import io.lightningdb.spring.boot.actuate.endpoint.BackupDescriptor;
import io.lightningdb.spring.boot.actuate.endpoint.LightningEndpoint;
import io.lightningdb.spring.boot.actuate.endpoint.LightningEndpoint.LightningDescriptor;
import io.lightningdb.spring.boot.actuate.endpoint.LightningEndpointAutoConfiguration;
import io.lightningdb.spring.boot.actuate.endpoint.VerifyDescriptor;
import io.lightningdb.spring.boot.autoconfigure.LightningRunners;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LightningEndpointTests {
    @TempDir
    Path dir;

    @TempDir
    Path backups;

    private ApplicationContextRunner runner() {
        return LightningRunners.core(dir)
                .withConfiguration(AutoConfigurations.of(LightningEndpointAutoConfiguration.class))
                .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=lightning");
    }

    @Test
    void readsStatsAndCompacts() {
        runner().run(context -> {
            LightningDb db = context.getBean(LightningDb.class);
            for (int i = 0; i < 100; i++) {
                db.put("k" + i, "v" + i);
            }
            LightningEndpoint endpoint = context.getBean(LightningEndpoint.class);
            LightningDescriptor before = endpoint.stats();
            assertThat(before.state()).isEqualTo("open");
            assertThat(before.stats().puts()).isEqualTo(100);

            LightningDescriptor after = endpoint.compact();
            assertThat(after.stats().totalFiles()).isPositive();
            assertThat(after.stats().memtableBytes()).isLessThan(before.stats().memtableBytes());
        });
    }

    @Test
    void reportsAClosedDatabase() {
        runner().run(context -> {
            context.getBean(LightningDb.class).close();
            assertThat(context.getBean(LightningEndpoint.class).stats().state()).isEqualTo("closed");
        });
    }

    @Test
    void absentWhenTheEndpointIsNotExposed() {
        LightningRunners.core(dir)
                .withConfiguration(AutoConfigurations.of(LightningEndpointAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(LightningEndpoint.class));
    }

    @Test
    void backupAddsAPointThatRestoresAndPurgesToKeep() {
        runner().withPropertyValues("lightning.db.backup.directory=" + backups, "lightning.db.backup.keep=2")
                .run(context -> {
                    LightningDb db = context.getBean(LightningDb.class);
                    LightningEndpoint endpoint = context.getBean(LightningEndpoint.class);
                    db.put("a", "1");
                    BackupDescriptor first = endpoint.backup();
                    assertThat(first.id()).isEqualTo(1);
                    assertThat(first.directory())
                            .isEqualTo(backups.toAbsolutePath().toString());
                    assertThat(first.sequence()).isEqualTo(db.stats().lastSequence());
                    db.put("b", "2");
                    endpoint.backup();
                    BackupDescriptor third = (BackupDescriptor) endpoint.run("backup");
                    assertThat(third.id()).isEqualTo(3);
                    assertThat(third.purged()).containsExactly(1);
                    assertThat(Backups.list(backups)).extracting(b -> b.id()).containsExactly(2, 3);

                    Path restored = dir.resolveSibling(dir.getFileName() + "-restored");
                    Backups.restore(backups, 2, restored);
                    try (LightningDb copy = LightningDb.open(restored)) {
                        assertThat(copy.get("a")).isEqualTo("1");
                        assertThat(copy.get("b")).isEqualTo("2");
                    }
                });
    }

    @Test
    void backupWithoutADirectoryIsAClearError() {
        runner().run(context -> {
            LightningEndpoint endpoint = context.getBean(LightningEndpoint.class);
            assertThatThrownBy(endpoint::backup)
                    .isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("lightning.db.backup.directory");
            assertThatThrownBy(() -> endpoint.run("backup")).isInstanceOf(InvalidEndpointRequestException.class);
        });
    }

    @Test
    void verifyReportsACleanDatabaseAndThenADamagedTable() {
        runner().run(context -> {
            LightningDb db = context.getBean(LightningDb.class);
            for (int i = 0; i < 500; i++) {
                db.put("k" + i, "value " + i);
            }
            LightningEndpoint endpoint = context.getBean(LightningEndpoint.class);
            assertThat(endpoint.run("checkpoint")).isInstanceOf(LightningDescriptor.class); // tables to verify
            VerifyDescriptor clean = endpoint.verify();
            assertThat(clean.clean()).isTrue();
            assertThat(clean.tablesChecked()).isPositive();
            assertThat(clean.blocksChecked()).isPositive();

            Path table = onlyTable();
            try (RandomAccessFile f = new RandomAccessFile(table.toFile(), "rw")) {
                f.seek(10); // inside the first data block
                int b = f.read();
                f.seek(10);
                f.write(b ^ 0x01);
            }
            VerifyDescriptor damaged = (VerifyDescriptor) endpoint.run("verify");
            assertThat(damaged.clean()).isFalse();
            assertThat(damaged.problems()).isNotEmpty();
            assertThat(damaged.problems().get(0).file())
                    .endsWith(table.getFileName().toString());
        });
    }

    @Test
    void checkpointMovesTheMemtableIntoTables() {
        runner().run(context -> {
            LightningDb db = context.getBean(LightningDb.class);
            db.put("k", "v");
            LightningEndpoint endpoint = context.getBean(LightningEndpoint.class);
            assertThat(endpoint.stats().stats().totalFiles()).isZero();
            LightningDescriptor after = endpoint.checkpoint();
            assertThat(after.stats().totalFiles()).isEqualTo(1);
            assertThat(after.stats().flushes()).isEqualTo(1);
        });
    }

    @Test
    void anUnknownOperationIsABadRequest() {
        runner().run(context -> assertThatThrownBy(
                        () -> context.getBean(LightningEndpoint.class).run("explode"))
                .isInstanceOf(InvalidEndpointRequestException.class)
                .hasMessageContaining("explode"));
    }

    private Path onlyTable() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> tables =
                    s.filter(p -> p.getFileName().toString().endsWith(".sst")).toList();
            assertThat(tables).hasSize(1);
            return tables.get(0);
        }
    }
}
