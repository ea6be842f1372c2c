/**
 * A small dispatch HTTP API on Fenliu's Spring Boot starter and H2: route a consultation, end it, see a shop's queue
 * (R20, R22). Not API.
 */
@NullMarked
package io.fenliu.examples.spring;

import org.jspecify.annotations.NullMarked;
