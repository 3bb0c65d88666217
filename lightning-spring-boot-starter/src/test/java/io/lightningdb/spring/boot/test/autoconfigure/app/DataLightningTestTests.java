package io.lightningdb.spring.boot.test.autoconfigure.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lightningdb.LightningDb;
import io.lightningdb.spring.boot.test.autoconfigure.DataLightningTest;
import io.lightningdb.spring.data.transaction.LightningTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@DataLightningTest(properties = "lightning.db.wal.sync-mode=async")
class DataLightningTestTests {
    @Autowired
    TaskRepository tasks;

    @Autowired
    LightningDb db;

    @Autowired
    ApplicationContext context;

    @Test
    void repositoriesWorkOnATemporaryDatabase() {
        tasks.save(new Task(1L, false));
        tasks.save(new Task(2L, true));
        assertThat(tasks.findByDone(true)).extracting(Task::getId).containsExactly(2L);
        assertThat(db.path().toString()).contains("lightning-test-");
    }

    @Test
    void onlyLightningBeansAreCreated() {
        assertThat(context.getBeansOfType(SomeWebComponent.class)).isEmpty();
        assertThat(context.getBean("transactionManager")).isInstanceOf(LightningTransactionManager.class);
    }

    @Test
    void slicePropertiesApply() {
        assertThat(context.getEnvironment().getProperty("lightning.db.wal.sync-mode"))
                .isEqualTo("async");
    }
}
