package io.lightningdb.spring.boot.autoconfigure;

import java.nio.file.Path;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;

/** Context runners with the Lightning auto-configuration and a database in a test's directory. */
public final class LightningRunners {
    private LightningRunners() {}

    /** The core auto-configuration (engine, template, transactions, repositories) on {@code dir}. */
    public static ApplicationContextRunner core(Path dir) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        LightningAutoConfiguration.class,
                        LightningTransactionManagerAutoConfiguration.class,
                        LightningRepositoriesAutoConfiguration.class,
                        TransactionManagerCustomizationAutoConfiguration.class,
                        TransactionAutoConfiguration.class))
                .withPropertyValues("lightning.db.path=" + dir);
    }
}
