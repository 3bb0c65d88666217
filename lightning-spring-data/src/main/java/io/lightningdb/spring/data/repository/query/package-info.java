/** Derived queries from method names, Query by Example criteria and scrolling. */
package io.lightningdb.spring.data.repository.query;
