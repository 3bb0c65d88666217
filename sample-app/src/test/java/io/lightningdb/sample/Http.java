package io.lightningdb.sample;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for the tests: JSON in, status and JSON out, never throws on 4xx/5xx. */
final class Http {
    private final RestClient client;

    Http(int port) {
        client = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .build();
    }

    ResponseEntity<JsonNode> get(String path) {
        return client.get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    ResponseEntity<String> getText(String path) {
        return client.get().uri(path).retrieve().toEntity(String.class);
    }

    ResponseEntity<JsonNode> post(String path, String json) {
        return client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    ResponseEntity<JsonNode> put(String path, String json) {
        return client.put()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json)
                .retrieve()
                .toEntity(JsonNode.class);
    }

    ResponseEntity<Void> delete(String path) {
        return client.delete().uri(path).retrieve().toBodilessEntity();
    }
}
