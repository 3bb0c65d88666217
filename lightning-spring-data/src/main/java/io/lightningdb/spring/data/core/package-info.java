/** The template, key layout and entity writes: {@code LightningTemplate} is the entry point. */
package io.lightningdb.spring.data.core;
