/** The Lightning sample application: a Spring Boot web app on an embedded Lightning database. */
package io.lightningdb.sample;
