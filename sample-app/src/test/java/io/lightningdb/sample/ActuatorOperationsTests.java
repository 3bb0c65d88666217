package io.lightningdb.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The endpoint's write operations over HTTP, with access unrestricted and a backup directory. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.endpoint.lightning.access=unrestricted",
            "lightning.db.backup.keep=1",
            "lightning.db.compression.type=adaptive"
        })
class ActuatorOperationsTests {
    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("lightning.db.path", () -> dir.resolve("db").toString());
        registry.add(
                "lightning.db.backup.directory", () -> dir.resolve("backups").toString());
    }

    @Value("${local.server.port}")
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void backupVerifyAndCheckpointOverHttp() {
        http.put("/products/1", "{\"name\":\"Kettle\",\"category\":\"kitchen\",\"priceCents\":2999}");

        ResponseEntity<JsonNode> checkpoint = http.post("/actuator/lightning/checkpoint", "{}");
        assertThat(checkpoint.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(checkpoint.getBody().get("stats").get("flushes").asLong()).isPositive();

        ResponseEntity<JsonNode> verify = http.post("/actuator/lightning/verify", "{}");
        assertThat(verify.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(verify.getBody().get("clean").asBoolean()).isTrue();
        assertThat(verify.getBody().get("tablesChecked").asInt()).isPositive();

        JsonNode first = http.post("/actuator/lightning/backup", "{}").getBody();
        JsonNode second = http.post("/actuator/lightning/backup", "{}").getBody();
        assertThat(second.get("id").asInt()).isEqualTo(first.get("id").asInt() + 1);
        assertThat(second.get("purged").get(0).asInt())
                .isEqualTo(first.get("id").asInt());

        JsonNode health = http.get("/actuator/health").getBody();
        JsonNode details = health.get("components").get("lightning").get("details");
        assertThat(details.get("lastBackup").asString())
                .isEqualTo(second.get("createdAt").asString());
        assertThat(details.get("backups").asInt()).isEqualTo(1);

        assertThat(http.post("/actuator/lightning/explode", "{}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
