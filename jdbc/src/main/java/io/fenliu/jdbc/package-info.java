/**
 * Fenliu's stores over a {@link javax.sql.DataSource}: relationships (R8, R9), recent contacts (R18, R21),
 * open consultations (R20), saved transfer plans that resume after a crash ({@link io.fenliu.jdbc.JdbcTransferPlans},
 * R3, R8), the durable router (R20–R26), and the schema they need. Nothing here is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.fenliu.jdbc;

import org.jspecify.annotations.NullMarked;
