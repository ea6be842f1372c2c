/**
 * Fenliu's stores over a {@link javax.sql.DataSource}: relationships (R8, R9), recent contacts (R18, R21) and
 * open consultations (R20), and the schema they need. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.fenliu.jdbc;

import org.jspecify.annotations.NullMarked;
