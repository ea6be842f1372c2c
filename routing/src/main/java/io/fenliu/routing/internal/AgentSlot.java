package io.fenliu.routing.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An agent's live state, kept across snapshots: presence and, for agents with a limit, the number of
 * consultations they hold.
 */
final class AgentSlot {
  private volatile boolean online;
  private final AtomicInteger active = new AtomicInteger();

  boolean isOnline() {
    return online;
  }

  void setOnline(boolean value) {
    online = value;
  }

  int active() {
    return active.get();
  }

  boolean tryReserve(int limit) {
    for (;;) {
      int now = active.get();
      if (now >= limit) {
        return false;
      }
      if (active.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  boolean release() {
    for (;;) {
      int now = active.get();
      if (now == 0) {
        return false;
      }
      if (active.compareAndSet(now, now - 1)) {
        return true;
      }
    }
  }
}
