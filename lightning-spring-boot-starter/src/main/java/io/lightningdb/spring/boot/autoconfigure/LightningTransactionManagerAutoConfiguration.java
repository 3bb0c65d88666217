package io.lightningdb.spring.boot.autoconfigure;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.data.transaction.LightningTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;

/**
 * Registers a {@link LightningTransactionManager} as the application's {@code transactionManager},
 * so {@code @Transactional} methods run in engine transactions. Runs before Spring Boot's {@link
 * TransactionAutoConfiguration}, which enables annotation-driven transactions once a transaction
 * manager exists; backs off when the application defines any {@link TransactionManager}.
 */
@AutoConfiguration(
        after = {LightningAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class},
        before = TransactionAutoConfiguration.class)
@ConditionalOnClass({LightningTransactionManager.class, PlatformTransactionManager.class})
@ConditionalOnBean(LightningDb.class)
public final class LightningTransactionManagerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    LightningTransactionManager transactionManager(
            LightningDb lightningDb, ObjectProvider<TransactionManagerCustomizers> customizers) {
        LightningTransactionManager transactionManager = new LightningTransactionManager(lightningDb);
        customizers.ifAvailable(c -> c.customize(transactionManager));
        return transactionManager;
    }
}
