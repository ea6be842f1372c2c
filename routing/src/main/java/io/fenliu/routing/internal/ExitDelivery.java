package io.fenliu.routing.internal;

import io.fenliu.routing.QueueExit;
import io.fenliu.routing.RouterListener;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands queue exits (R22) to the host's {@link RouterListener} after the router's lock is released: one at a
 * time, in the order the router decided them, on the thread of whichever call caused them.
 *
 * <h2>Invariants and guards</h2>
 *
 * <ul>
 *   <li>Exits are {@linkplain #add added} under the router's write lock, so the order of {@link #undelivered} is
 *       the order of the decisions. {@link #undelivered} itself is guarded by its own monitor, never held while
 *       the listener runs.
 *   <li>One thread delivers at a time: the holder of {@link #delivering}. A thread that finds it held leaves its
 *       exits to the holder, which looks again after releasing it, so no exit waits for a later call.
 *   <li>A listener that calls back into the router from {@code onQueueExit} (a host that ends each seated
 *       consultation at once) adds exits that the delivering loop further up its own stack hands over next: it
 *       returns at once rather than recursing, so a queue of any length drains in constant stack depth.
 * </ul>
 */
final class ExitDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(io.fenliu.routing.Router.class);

  private final RouterListener listener;
  private final Object shop;
  private final ArrayDeque<QueueExit> undelivered = new ArrayDeque<>();
  private final ReentrantLock delivering = new ReentrantLock();
  /** Whether {@link #undelivered} may hold exits: one volatile read for the calls that caused none. */
  private volatile boolean pending;

  /** @param shop the shop's id, for the log line when the listener fails */
  ExitDelivery(RouterListener listener, Object shop) {
    this.listener = listener;
    this.shop = shop;
  }

  /** Records an exit for delivery; under the router's write lock. */
  void add(QueueExit e) {
    synchronized (undelivered) {
      undelivered.add(e);
    }
    pending = true;
  }

  /** Delivers every recorded exit, unless another thread (or this one, further up its stack) is delivering. */
  void deliver() {
    if (!pending || delivering.isHeldByCurrentThread()) {
      return;
    }
    for (;;) {
      if (!delivering.tryLock()) {
        return; // the holder delivers what we added: it looks again after releasing
      }
      try {
        for (QueueExit e = next(); e != null; e = next()) {
          try {
            listener.onQueueExit(e);
          } catch (RuntimeException ex) {
            LOG.warn("shop {}: router listener failed on {}", shop, e, ex);
          }
        }
      } finally {
        delivering.unlock();
      }
      synchronized (undelivered) {
        if (undelivered.isEmpty()) {
          return;
        }
      }
    }
  }

  private @org.jspecify.annotations.Nullable QueueExit next() {
    synchronized (undelivered) {
      QueueExit e = undelivered.poll();
      if (e == null) {
        pending = false;
      }
      return e;
    }
  }
}
