/** Repository interfaces; {@code LightningRepository} offers CRUD, paging, sorting and Query by Example. */
package io.lightningdb.spring.data.repository;
