package io.fenliu.routing;

/**
 * Hears what a router decides on its own, after the call that caused it (R22): a waiting consultation seated
 * because a seat freed, or sent to the offline receivers because it waited too long; and, for audit logs, every
 * change of the roster or the settings. The host passes one to {@link Router.Builder#listener(RouterListener)}
 * to tell buyers and agents.
 *
 * <p>Calls come on the thread of whichever router call caused them, after the router's lock is released,
 * one at a time and in the order the router decided them. A listener that throws does not undo anything; the
 * exception is logged and the next exit is still delivered. Keep listeners quick: a slow one delays the
 * router call that delivers to it (not other routers, nor routing itself).
 */
@FunctionalInterface
public interface RouterListener {
  /** A consultation left the queue as {@code exit} says. */
  void onQueueExit(QueueExit exit);

  /**
   * The roster or the settings changed (R10–R17), from {@code before} to {@code after}; for audit logs. Called
   * once per applied change, in the order the changes were applied, on the thread that made it, after the
   * router's state lock is released (changes of configuration wait for it, routing does not). Does nothing by
   * default.
   */
  default void onReconfigured(io.fenliu.core.Shop shopBefore, io.fenliu.core.Shop shopAfter,
      RoutingSettings settingsBefore, RoutingSettings settingsAfter) {}
}
