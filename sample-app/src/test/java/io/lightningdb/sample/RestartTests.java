package io.lightningdb.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;

class RestartTests {
    @TempDir
    Path dir;

    @Test
    void theAppFindsItsDataAfterARestart() {
        try (ConfigurableApplicationContext app = start()) {
            Http http = new Http(port(app));
            http.post("/accounts", "{\"id\":\"keep\",\"owner\":\"Kim\",\"balance\":4200}");
            http.put("/products/7", "{\"name\":\"Desk\",\"category\":\"office\",\"priceCents\":15000}");
        }
        assertThat(dir.resolve("CURRENT")).exists(); // the test's own database, not the app's ./data
        try (ConfigurableApplicationContext app = start()) {
            Http http = new Http(port(app));
            assertThat(http.get("/accounts/keep").getBody().get("balance").asLong())
                    .isEqualTo(4200);
            assertThat(http.get("/products?category=office").getBody()).hasSize(1);
            assertThat(http.get("/actuator/health").getStatusCode()).isEqualTo(HttpStatus.OK);
        }
    }

    /**
     * Starts the app as its users do, with settings as command-line arguments: they outrank
     * application.yml, which default properties ({@code builder.properties(…)}) would not.
     */
    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SampleApplication.class)
                .run("--server.port=0", "--lightning.db.path=" + dir);
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }
}
