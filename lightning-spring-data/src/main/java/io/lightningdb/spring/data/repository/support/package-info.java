/** The repository implementation, factory and factory bean. */
package io.lightningdb.spring.data.repository.support;
