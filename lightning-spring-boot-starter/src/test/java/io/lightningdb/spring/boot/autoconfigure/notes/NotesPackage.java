package io.lightningdb.spring.boot.autoconfigure.notes;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Registers this package as the application's package, as {@code @SpringBootApplication} would. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class NotesPackage {}
