package io.lightningdb.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.WalSyncMode;
import io.lightningdb.spring.data.convert.CborEntityCodec;
import io.lightningdb.spring.data.convert.EntityCodec;
import io.lightningdb.spring.data.convert.JsonEntityCodec;
import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.transaction.LightningTransactionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

class LightningAutoConfigurationTests {
    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return LightningRunners.core(dir);
    }

    @Test
    void createsDatabaseTemplateCodecAndTransactionManager() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(LightningDb.class);
            assertThat(context).getBean(EntityCodec.class).isInstanceOf(JsonEntityCodec.class);
            assertThat(context).hasSingleBean(LightningTemplate.class);
            assertThat(context).getBean("transactionManager").isInstanceOf(LightningTransactionManager.class);
            LightningDb db = context.getBean(LightningDb.class);
            assertThat(db.path()).isEqualTo(dir);
            db.put("k", "v");
            assertThat(Files.list(dir)).isNotEmpty();
        });
    }

    @Test
    void closesTheDatabaseWithTheContext() {
        runner().run(context -> context.getBean(LightningDb.class).put("k", "v"));
        runner().run(context ->
                assertThat(context.getBean(LightningDb.class).get("k")).isEqualTo("v"));
    }

    @Test
    void everyPropertyReachesTheEngineConfiguration() {
        runner().withPropertyValues(
                        "lightning.db.cache-size=512MB",
                        "lightning.db.write-buffer-size=8MB",
                        "lightning.db.block-size=16KB",
                        "lightning.db.max-key-size=1KB",
                        "lightning.db.max-value-size=2MB",
                        "lightning.db.wal.sync-mode=normal",
                        "lightning.db.wal.sync-interval=250ms",
                        "lightning.db.wal.segment-size=4MB",
                        "lightning.db.wal.direct-io=false",
                        "lightning.db.wal.group-commit-yield=false",
                        "lightning.db.transactions.max-active=7",
                        "lightning.db.transactions.timeout=5s",
                        "lightning.db.compaction.background=false")
                .run(context -> {
                    LightningConfig config = context.getBean(LightningConfig.class);
                    assertThat(config.cacheSize()).isEqualTo(512L << 20);
                    assertThat(config.writeBufferSize()).isEqualTo(8L << 20);
                    assertThat(config.blockSize()).isEqualTo(16 << 10);
                    assertThat(config.maxKeySize()).isEqualTo(1 << 10);
                    assertThat(config.maxValueSize()).isEqualTo(2 << 20);
                    assertThat(config.walSyncMode()).isEqualTo(WalSyncMode.NORMAL);
                    assertThat(config.walSyncInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(config.walSegmentSize()).isEqualTo(4L << 20);
                    assertThat(config.walDirectIo()).isFalse();
                    assertThat(config.groupCommitYield()).isFalse();
                    assertThat(config.maxActiveTransactions()).isEqualTo(7);
                    assertThat(config.transactionTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(config.backgroundCompaction()).isFalse();
                });
    }

    @Test
    void environmentVariableStyleNamesBind() {
        runner().withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("LIGHTNING_DB_CACHE_SIZE", "512MB"))))
                .run(context -> assertThat(
                                context.getBean(LightningConfig.class).cacheSize())
                        .isEqualTo(512L << 20));
    }

    @Test
    void theOpenedEngineEnforcesTheConfiguredLimits() {
        runner().withPropertyValues("lightning.db.max-key-size=8B", "lightning.db.transactions.max-active=1")
                .run(context -> {
                    LightningDb db = context.getBean(LightningDb.class);
                    db.put("12345678", "fits");
                    assertThatThrownBy(() -> db.put("123456789", "too long"))
                            .isInstanceOf(IllegalArgumentException.class);
                    try (var tx = db.begin()) {
                        assertThatThrownBy(db::begin).isInstanceOf(io.lightningdb.TransactionLimitException.class);
                    }
                });
    }

    @Test
    void cborCodecByProperty() {
        runner().withPropertyValues("lightning.db.codec=cbor")
                .run(context -> assertThat(context).getBean(EntityCodec.class).isInstanceOf(CborEntityCodec.class));
    }

    @Test
    void customizersAdjustTheConfiguration() {
        runner().withBean(LightningConfigCustomizer.class, () -> builder -> builder.bloomBitsPerKey(3))
                .run(context -> assertThat(
                                context.getBean(LightningConfig.class).bloomBitsPerKey())
                        .isEqualTo(3));
    }

    @Test
    void backsOffForUserBeans() {
        runner().withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context).getBean(LightningDb.class).isSameAs(context.getBean(UserBeans.class).db);
            assertThat(context).getBean(LightningTemplate.class).isSameAs(UserBeans.template);
            assertThat(context).getBean(EntityCodec.class).isSameAs(UserBeans.codec);
            assertThat(context).hasSingleBean(PlatformTransactionManager.class);
            assertThat(context).doesNotHaveBean(LightningTransactionManager.class);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {
        static final EntityCodec codec = new CborEntityCodec();
        static LightningTemplate template;
        final LightningDb db;

        UserBeans(org.springframework.core.env.Environment env) {
            db = LightningDb.open(Path.of(env.getProperty("lightning.db.path")).resolve("mine"));
            template = new LightningTemplate(db, codec);
        }

        @Bean(destroyMethod = "close")
        LightningDb myDb() {
            return db;
        }

        @Bean
        LightningTemplate myTemplate() {
            return template;
        }

        @Bean
        EntityCodec myCodec() {
            return codec;
        }

        @Bean
        PlatformTransactionManager otherTransactionManager() {
            return new NoOpTransactionManager();
        }
    }

    static class NoOpTransactionManager extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, org.springframework.transaction.TransactionDefinition definition) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {}

        @Override
        protected void doRollback(DefaultTransactionStatus status) {}
    }
}
