package io.lightningdb.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
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

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {
    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("lightning.db.path", () -> dir.resolve("db").toString());
    }

    @Value("${local.server.port}")
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void transfersMoveMoneyAndRefuseOverdrafts() {
        openAccount("t-alice", 10_000);
        openAccount("t-bob", 500);

        ResponseEntity<JsonNode> ok =
                http.post("/transfers", "{\"from\":\"t-alice\",\"to\":\"t-bob\",\"amount\":2500}");
        assertThat(ok.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(balance("t-alice")).isEqualTo(7_500);
        assertThat(balance("t-bob")).isEqualTo(3_000);

        ResponseEntity<JsonNode> overdraft =
                http.post("/transfers", "{\"from\":\"t-bob\",\"to\":\"t-alice\",\"amount\":999999}");
        assertThat(overdraft.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(overdraft.getBody().get("title").asString()).isEqualTo("Insufficient funds");
        assertThat(overdraft.getBody().get("detail").asString()).contains("t-bob");
        assertThat(balance("t-alice")).isEqualTo(7_500);
        assertThat(balance("t-bob")).isEqualTo(3_000);

        assertThat(http.get("/accounts/nobody").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void concurrentTransfersKeepTheTotalConstant() throws Exception {
        List<String> ids = List.of("c-0", "c-1", "c-2", "c-3");
        for (String id : ids) {
            openAccount(id, 1_000);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                statuses.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int from = random.nextInt(ids.size());
                    int to = (from + 1 + random.nextInt(ids.size() - 1)) % ids.size();
                    String body = "{\"from\":\"" + ids.get(from) + "\",\"to\":\"" + ids.get(to) + "\",\"amount\":"
                            + (1 + random.nextInt(300)) + "}";
                    return http.post("/transfers", body).getStatusCode().value();
                }));
            }
            for (Future<Integer> status : statuses) {
                // 200, or 422 when the random source ran dry; never a failed (5xx) transfer.
                assertThat(status.get()).isIn(200, 422);
            }
        } finally {
            pool.shutdown();
        }
        long total = ids.stream().mapToLong(this::balance).sum();
        assertThat(total).isEqualTo(4_000);
    }

    @Test
    void usersAndPagedPosts() {
        JsonNode user = http.post("/users", "{\"email\":\"ann@example.com\",\"name\":\"Ann\"}")
                .getBody();
        String id = user.get("id").asString();
        assertThat(http.get("/users?email=ann@example.com").getBody().get("id").asString())
                .isEqualTo(id);
        assertThat(http.post("/users", "{\"email\":\"ann@example.com\",\"name\":\"Ann again\"}")
                        .getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        for (int i = 1; i <= 3; i++) {
            assertThat(http.post(
                                    "/users/" + id + "/posts",
                                    "{\"title\":\"Hello " + i + "\",\"body\":\"Post " + i + "\"}")
                            .getStatusCode())
                    .isEqualTo(HttpStatus.CREATED);
        }
        JsonNode first = http.get("/users/" + id + "/posts?page=0&size=2").getBody();
        assertThat(first.get("content")).hasSize(2);
        assertThat(first.get("page").get("totalElements").asInt()).isEqualTo(3);
        assertThat(first.get("page").get("totalPages").asInt()).isEqualTo(2);
        JsonNode second = http.get("/users/" + id + "/posts?page=1&size=2").getBody();
        assertThat(second.get("content")).hasSize(1);
        assertThat(second.get("content").get(0).get("title").asString()).isEqualTo("Hello 1");

        JsonNode found = http.get("/posts/search?title=HELLO 2").getBody();
        assertThat(found).hasSize(1);
        assertThat(http.get("/posts/recent").getBody()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(http.get("/users/missing").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void productCatalogue() {
        http.put("/products/101", "{\"name\":\"Kettle\",\"category\":\"kitchen\",\"priceCents\":2999}");
        http.put("/products/102", "{\"name\":\"Toaster\",\"category\":\"kitchen\",\"priceCents\":1999}");
        http.put("/products/103", "{\"name\":\"Lamp\",\"category\":\"living\",\"priceCents\":4999}");

        JsonNode kitchen = http.get("/products?category=kitchen").getBody();
        assertThat(kitchen).extracting(p -> p.get("name").asString()).containsExactly("Toaster", "Kettle");
        JsonNode midPriced = http.get("/products?minPrice=2500&maxPrice=5000").getBody();
        assertThat(midPriced)
                .extracting(p -> p.get("id").asLong())
                .contains(101L, 103L)
                .doesNotContain(102L);

        assertThat(http.delete("/products/103").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(http.get("/products/103").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void timeSeriesRangesByTime() {
        for (int minute = 0; minute < 5; minute++) {
            http.post(
                    "/series/temp", "{\"time\":\"2030-01-01T00:0" + minute + ":00Z\",\"value\":" + (20 + minute) + "}");
        }
        JsonNode window = http.get("/series/temp?from=2030-01-01T00:01:00Z&to=2030-01-01T00:03:00Z")
                .getBody();
        assertThat(window).extracting(p -> p.get("value").asDouble()).containsExactly(21.0, 22.0, 23.0);
        assertThat(http.post("/series/bad name", "{\"value\":1}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void actuatorShowsTheDatabase() {
        http.put("/products/1", "{\"name\":\"Mug\",\"category\":\"cups\",\"priceCents\":599}");
        JsonNode health = http.get("/actuator/health").getBody();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("lightning").get("status").asString())
                .isEqualTo("UP");
        assertThat(health.get("components").get("lightning").get("details").has("diskFree"))
                .isTrue();
        assertThat(http.get("/actuator/health/readiness").getStatusCode()).isEqualTo(HttpStatus.OK);

        String prometheus = http.getText("/actuator/prometheus").getBody();
        assertThat(prometheus)
                .contains("lightning_db_operations_total{type=\"put\"}")
                .contains("lightning_db_operation_duration_seconds_count")
                .contains("lightning_db_transactions_committed_total")
                .contains("lightning_db_up 1.0");

        JsonNode stats = http.get("/actuator/lightning").getBody();
        assertThat(stats.get("state").asString()).isEqualTo("open");
        assertThat(stats.get("stats").get("puts").asLong()).isPositive();
        assertThat(http.post("/actuator/lightning", "{}").getStatusCode().is2xxSuccessful())
                .as("compact is not allowed over HTTP by default")
                .isFalse();
        assertThat(http.get("/actuator/info").getBody().get("app").get("name").asString())
                .isEqualTo("Lightning sample");
    }

    private void openAccount(String id, long balance) {
        ResponseEntity<JsonNode> created =
                http.post("/accounts", "{\"id\":\"" + id + "\",\"owner\":\"" + id + "\",\"balance\":" + balance + "}");
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    private long balance(String id) {
        return http.get("/accounts/" + id).getBody().get("balance").asLong();
    }
}
