/** Lifecycle events published as Spring application events around saves and deletes. */
package io.lightningdb.spring.data.core.event;
