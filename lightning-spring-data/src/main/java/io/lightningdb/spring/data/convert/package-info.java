/** Codecs turning entities into stored bytes: JSON by default, CBOR or any Jackson format. */
package io.lightningdb.spring.data.convert;
