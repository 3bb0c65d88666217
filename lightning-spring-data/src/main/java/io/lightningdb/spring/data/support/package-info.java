/** Translation of engine exceptions into Spring's {@code DataAccessException} hierarchy. */
package io.lightningdb.spring.data.support;
