/** Translation of engine exceptions into Springs {@code DataAccessException} hierarchy. */
package io.lightningdb.spring.data.support;
