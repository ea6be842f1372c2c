/** The JDBC plumbing and row mapping behind {@code io.fenliu.jdbc}; not exported. */
@NullMarked
package io.fenliu.jdbc.internal;

import org.jspecify.annotations.NullMarked;
