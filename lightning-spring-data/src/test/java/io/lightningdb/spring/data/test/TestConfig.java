package io.lightningdb.spring.data.test;

import io.lightningdb.LightningConfig;
import io.lightningdb.LightningDb;
import io.lightningdb.WalSyncMode;
import io.lightningdb.spring.data.core.LightningTemplate;
import io.lightningdb.spring.data.repository.config.EnableLightningRepositories;
import io.lightningdb.spring.data.transaction.LightningTransactionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/** A plain Spring context: an engine in a temporary directory, template, transaction manager, repositories. */
@Configuration
@EnableLightningRepositories
@EnableTransactionManagement
@ComponentScan(basePackageClasses = TestConfig.class)
public class TestConfig {

    @Bean
    MutableClock clock() {
        return new MutableClock();
    }

    @Bean(destroyMethod = "close")
    TemporaryDatabase lightningDatabase(MutableClock clock) throws IOException {
        Path dir = Files.createTempDirectory("lightning-spring-data");
        return new TemporaryDatabase(LightningDb.open(
                dir,
                LightningConfig.builder()
                        .clock(clock)
                        .walSyncMode(WalSyncMode.NORMAL)
                        .build()));
    }

    @Bean
    LightningDb lightningDb(TemporaryDatabase database) {
        return database.db();
    }

    @Bean
    LightningTemplate lightningTemplate(LightningDb db) {
        return new LightningTemplate(db);
    }

    @Bean
    LightningTransactionManager transactionManager(LightningDb db) {
        return new LightningTransactionManager(db);
    }
}
