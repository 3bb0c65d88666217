package io.lightningdb.spring.boot.test.autoconfigure.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application a {@code @DataLightningTest} in this package finds. */
@SpringBootApplication
public class SliceTestApplication {}
