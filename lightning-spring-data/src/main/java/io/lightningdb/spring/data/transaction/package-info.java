/** The {@code PlatformTransactionManager} binding engine transactions to Spring transactions. */
package io.lightningdb.spring.data.transaction;
