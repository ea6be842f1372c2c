/**
 * The readers and writers behind {@link io.fenliu.jackson.FenliuModule}; not exported.
 *
 * <p>Design: every value is written by turning it into a Jackson tree ({@link io.fenliu.jackson.internal.Writers})
 * and read by walking a tree with {@link io.fenliu.jackson.internal.In}, which knows its JSON path, into the
 * library's own factories and builders ({@link io.fenliu.jackson.internal.Readers}). Nothing is built until the
 * whole value has been read, and the library checks every rule, so a bad document never yields a half-built
 * value; a failure carries the path and the library's own message ({@link io.fenliu.jackson.internal.BadJson}).
 */
@NullMarked
package io.fenliu.jackson.internal;

import org.jspecify.annotations.NullMarked;
