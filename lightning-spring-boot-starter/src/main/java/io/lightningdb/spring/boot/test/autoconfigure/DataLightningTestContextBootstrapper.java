package io.lightningdb.spring.boot.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/** Applies {@link DataLightningTest#properties()} to the test's environment. */
class DataLightningTestContextBootstrapper extends TestSliceTestContextBootstrapper<DataLightningTest> {}
