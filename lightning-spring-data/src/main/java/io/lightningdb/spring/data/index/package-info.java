/** Secondary indexes: the {@code @Indexed} annotation and the order-preserving value encoding. */
package io.lightningdb.spring.data.index;
