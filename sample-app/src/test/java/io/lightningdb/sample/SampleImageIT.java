package io.lightningdb.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;

/**
 * Builds the sample's image from its {@code Dockerfile} and the packaged jar, runs it, and checks
 * health. Runs in {@code verify} (after {@code package}); skipped where no Docker engine exists.
 */
@Testcontainers(disabledWithoutDocker = true)
class SampleImageIT {

    @Container
    static final GenericContainer<?> app = new GenericContainer<>(new ImageFromDockerfile("lightning-sample-it", true)
                    .withFileFromPath("Dockerfile", Path.of("Dockerfile"))
                    .withFileFromPath("target/sample-app.jar", Path.of("target/sample-app.jar")))
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/actuator/health/readiness").forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(3));

    @Test
    void theImageStartsHealthyWithItsDatabase() {
        Http http = new Http(app.getMappedPort(8080));
        var health = http.get("/actuator/health");
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode lightning = health.getBody().get("components").get("lightning");
        assertThat(lightning.get("status").asString()).isEqualTo("UP");
        assertThat(lightning.get("details").get("path").asString()).isEqualTo("/data");
    }
}
