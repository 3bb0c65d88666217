package io.lightningdb.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.resilience.annotation.EnableResilientMethods;

/**
 * The Lightning sample: a web application whose only database is the embedded Lightning engine,
 * configured by {@code application.yml} through the starter.
 *
 * <pre>{@code
 * ./mvnw -B -pl sample-app -am spring-boot:run
 * curl localhost:8080/actuator/health
 * }</pre>
 */
@SpringBootApplication
@EnableResilientMethods
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
