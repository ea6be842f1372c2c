/**
 * Spring Boot auto-configuration for Fenliu (issue 20): a {@link io.fenliu.routing.RouterRegistry} built from
 * {@code fenliu.*} properties, Fenliu's JSON shapes in Boot's Jackson 3 and Jackson 2 mappers, Micrometer meters
 * for every loaded router, and the {@code fenliu} actuator endpoint. Every bean backs off when the application
 * defines its own.
 */
@NullMarked
package io.fenliu.spring.boot;

import org.jspecify.annotations.NullMarked;
